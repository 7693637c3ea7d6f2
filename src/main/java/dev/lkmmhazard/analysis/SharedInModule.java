package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the module itself shows that other CPUs touch an object: somewhere in it, the object's bytes are accessed
 * with a marked access ({@code READ_ONCE()}/{@code WRITE_ONCE()}, a volatile access, an atomic, an asm memory operand,
 * a marked helper), or a loop waits for a plain load of it to change (a spin loop: the loop's exit test is computed
 * from a load of the object inside the loop). The author who wrote either knew that another thread writes or reads
 * the object concurrently; for plain data that nothing marks, the module shows no such thing, and the kernel's
 * norm is that a lock or the object's lifetime excludes the race.
 *
 * <p>Objects are the bytes of global variables at constant addresses (a global, or a field or element of one at a
 * constant offset), so a plain field of a struct whose other field is marked is not shown shared; and fields reached
 * through pointers, by their named struct type and offset in the IR before optimization ({@link FieldAddress}): a
 * marked access of {@code p->seq} in one function shows {@code q->seq} of another pointer to the same struct type
 * shared. Optimized IR addresses fields by byte offsets from {@code i8}, so there a field through a pointer is not
 * answered (null). The module is what was read: a {@code passes} snapshot holds one function, so only that
 * function's accesses can show an object shared there.
 */
public final class SharedInModule {
    /** One byte range of a global that the module shows shared, and how. */
    private record Range(long offset, long size, String how) {
        boolean overlaps(long o, long s) { return offset < o + s && o < offset + size; }
    }

    private final Map<GlobalVariable, List<Range>> ranges = new IdentityHashMap<>();
    /** fields reached through pointers, by the named struct type of the IR before optimization */
    private final Map<String, List<Range>> fields = new java.util.HashMap<>();

    public SharedInModule(ModuleContext module) {
        for (FunctionContext f : module.functions()) {
            for (MarkedAccess m : f.marked().all()) {
                if (m.address() == null) continue;
                long size = size(module, m.accessType() != null ? m.accessType() : m.instruction().accessType());
                String how = "accessed with a marked access (" + m.rule() + ") in " + RustSymbols.displayName(f.name()) + "()";
                ConstantAddress ca = ConstantAddress.of(m.address(), module.dataLayout());
                if (ca != null) {
                    add(ca, size, how);
                    continue;
                }
                FieldAddress fa = FieldAddress.of(m.address(), module.dataLayout(), null);
                if (fa != null && fa.struct() != null) addField(fa, size, how);
            }
            spinLoops(module, f);
        }
    }

    private void addField(FieldAddress fa, long size, String how) {
        List<Range> l = fields.computeIfAbsent(fa.struct(), g -> new ArrayList<>(2));
        if (l.size() < 64) l.add(new Range(fa.structOffset(), size, how));
    }

    private void add(ConstantAddress ca, long size, String how) {
        List<Range> l = ranges.computeIfAbsent(ca.global(), g -> new ArrayList<>(2));
        if (l.size() < 64) l.add(new Range(ca.offset(), size, how));
    }

    /** The bytes an access of type t covers; an asm operand without its type claims its first byte only. */
    private static long size(ModuleContext module, Type t) {
        long s = t == null ? -1 : module.dataLayout().storeSize(t);
        return s <= 0 ? 1 : s;
    }

    /**
     * Plain loads inside a loop whose value decides a branch that leaves the loop: {@code while (!flag) ...}. The loop
     * waits for another CPU to change the object.
     */
    private void spinLoops(ModuleContext module, FunctionContext f) {
        Loops loops = f.loops();
        if (loops.loops().isEmpty()) return;
        for (BasicBlock b : f.function().blocks()) {
            Loops.Loop loop = loops.loopOf(b);
            if (loop == null) continue;
            for (Instruction i : b.instructions()) {
                if (!SharedMemory.isPlainLoad(i)) continue;
                ConstantAddress ca = ConstantAddress.of(i.pointerOperand(), module.dataLayout());
                FieldAddress fa = ca != null ? null : FieldAddress.of(i.pointerOperand(), module.dataLayout(), null);
                if ((ca == null && (fa == null || fa.struct() == null)) || !decidesExit(f, loop, i)) continue;
                String how = "waited on by a loop in " + RustSymbols.displayName(f.name()) + "()";
                if (ca != null) add(ca, size(module, i.accessType()), how);
                else addField(fa, size(module, i.accessType()), how);
            }
        }
    }

    /**
     * Whether the load makes its loop a spin loop: a branch that can leave the loop tests a condition computed from
     * the load alone (and from values the loop does not change), as {@code while (!flag)} does. A loop whose exit
     * compares a counter with a bound it loads ({@code for (i = 0; i < n; i++)}) does not wait for anyone.
     */
    public static boolean decidesExit(FunctionContext f, Loops.Loop loop, Instruction load) {
        // every branch that can leave the loop tests the load: a loop with another way out (a retry loop that
        // returns on a flag read once, a walk that ends at a count) is not waiting for another CPU
        boolean any = false;
        for (BasicBlock b : loop.blocks()) {
            boolean leaves = false;
            for (BasicBlock s : f.cfg().successors(b)) if (!loop.contains(s)) leaves = true;
            if (!leaves) continue;
            Instruction t = b.terminator();
            if (t == null || (t.opcode() != Opcode.BR && t.opcode() != Opcode.SWITCH) || t.operandCount() == 0) return false;
            if (t.opcode() == Opcode.BR && t.blocks().length < 2) return false;
            int[] seenLoad = {0};
            if (!onlyFrom(f, loop, t.operand(0), load, seenLoad, 0) || seenLoad[0] == 0) return false;
            any = true;
        }
        return any && !writesWhatItTests(f, loop, load);
    }

    /**
     * Whether the loop itself stores to the bytes the load reads: {@code while (dl_se->runtime <= 0) dl_se->runtime +=
     * ...} makes its own progress and waits for no other CPU, so a compiler that keeps the object in a register across
     * it changes nothing another CPU could see. The same bytes are the same address, the same global at the same
     * offset, or (seen through the stack slots of unoptimized IR) the same base at the same offset.
     */
    private static boolean writesWhatItTests(FunctionContext f, Loops.Loop loop, Instruction load) {
        var layout = f.module().dataLayout();
        Value address = load.pointerOperand();
        ConstantAddress ca = ConstantAddress.of(address, layout);
        SlotValues slots = null;
        FieldAddress fa = null;
        for (BasicBlock b : loop.blocks())
            for (Instruction i : b.instructions()) {
                if (i.opcode() != Opcode.STORE && i.opcode() != Opcode.ATOMICRMW && i.opcode() != Opcode.CMPXCHG) continue;
                Value p = i.pointerOperand();
                if (p == null) continue;
                if (p == address) return true;
                if (ca != null) {
                    ConstantAddress o = ConstantAddress.of(p, layout);
                    if (o != null && o.global() == ca.global() && o.offset() == ca.offset()) return true;
                    continue;
                }
                if (slots == null) {
                    slots = SlotValues.of(f);
                    fa = FieldAddress.of(address, layout, slots);
                    if (fa == null) return false;
                }
                FieldAddress o = FieldAddress.of(p, layout, slots);
                if (o != null && o.base() == fa.base() && o.offset() == fa.offset()) return true;
            }
        return false;
    }

    /**
     * Whether v is computed inside the loop from the load alone: every value it is made of is the load, a value
     * defined outside the loop, a constant, or (unoptimized IR) a read of a local slot the load was stored to.
     */
    private static boolean onlyFrom(FunctionContext f, Loops.Loop loop, Value v, Instruction load, int[] seenLoad, int depth) {
        if (depth > 12) return false;
        if (v == load) { seenLoad[0]++; return true; }
        if (!(v instanceof Instruction i) || !loop.contains(i.parent())) return true; // constant, argument, defined before
        if (i.opcode() == Opcode.LOAD && SharedMemory.isLocal(SharedMemory.root(i.pointerOperand()))) {
            // unoptimized IR: the load's value went through a stack slot; take what the same block stored there
            List<Instruction> in = i.parent().instructions();
            for (int k = in.indexOf(i) - 1; k >= 0; k--) {
                Instruction st = in.get(k);
                if (st.opcode() == Opcode.STORE && st.pointerOperand() == i.pointerOperand())
                    return onlyFrom(f, loop, st.valueOperand(), load, seenLoad, depth + 1);
            }
            return false;
        }
        if (!SharedMemory.isPureComputation(i)) return false;
        for (int k = 0; k < i.operandCount(); k++)
            if (!onlyFrom(f, loop, i.operand(k), load, seenLoad, depth + 1)) return false;
        return true;
    }

    /**
     * For a field reached through a pointer, in the IR before optimization: how the function itself shows that very
     * field shared, through the same pointer: a marked access of overlapping bytes of the same base (the same
     * {@code p->seq} read with {@code READ_ONCE()} and plainly), or a spin loop on a plain load of it. Null when it
     * does not, or when the access is not to a field through a pointer. The struct type alone does not say that this
     * object is shared: another {@code struct rq} marked elsewhere may be another CPU's, and this one under its lock.
     */
    public static String sameField(FunctionContext f, Instruction access) {
        Value address = access.pointerOperand();
        if (address == null || ConstantAddress.of(address, f.module().dataLayout()) != null) return null;
        SlotValues slots = SlotValues.of(f);
        FieldAddress fa = FieldAddress.of(address, f.module().dataLayout(), slots);
        if (fa == null || SharedMemory.isLocal(fa.base())) return null;
        long size = size(f.module(), access.accessType());
        for (MarkedAccess m : f.marked().all()) {
            if (m.address() == null) continue;
            FieldAddress o = FieldAddress.of(m.address(), f.module().dataLayout(), slots);
            if (o == null || o.base() != fa.base()) continue;
            long os = size(f.module(), m.accessType() != null ? m.accessType() : m.instruction().accessType());
            if (o.offset() < fa.offset() + size && fa.offset() < o.offset() + os)
                return "accessed through the same pointer with a marked access (" + m.rule() + ") in " + RustSymbols.displayName(f.name()) + "()";
        }
        for (Loops.Loop loop : f.loops().loops())
            for (BasicBlock b : loop.blocks())
                for (Instruction i : b.instructions()) {
                    if (!SharedMemory.isPlainLoad(i)) continue;
                    FieldAddress o = FieldAddress.of(i.pointerOperand(), f.module().dataLayout(), slots);
                    if (o != null && o.base() == fa.base() && o.offset() == fa.offset() && decidesExit(f, loop, i))
                        return "waited on through the same pointer by a loop in " + RustSymbols.displayName(f.name()) + "()";
                }
        return null;
    }

    /**
     * How the module shows the bytes {@code [offset, offset + size)} of {@code g} shared ("accessed with a marked
     * access (volatile load) in read_lo()"), or null when it does not. Offset -1 is an element at an index computed at
     * run time: any byte of the global counts.
     */
    public String reason(GlobalVariable g, long offset, long size) {
        for (Range r : ranges.getOrDefault(g, List.of())) if (offset < 0 || r.overlaps(offset, size <= 0 ? 1 : size)) return r.how();
        return null;
    }

    /**
     * The same for the memory an address points to: a constant address of a global, or an element of one at a
     * computed index; for a field through a pointer, whether the module marks the same field of its struct type
     * anywhere (weak evidence: see {@link #sameField}); null for anything else.
     */
    public String reason(ModuleContext module, Value address, Type accessType) {
        if (address == null) return null;
        ConstantAddress ca = ConstantAddress.of(address, module.dataLayout());
        if (ca != null) return reason(ca.global(), ca.offset(), size(module, accessType));
        if (SharedMemory.root(address) instanceof GlobalVariable g) return reason(g, -1, size(module, accessType));
        FieldAddress fa = FieldAddress.of(address, module.dataLayout(), null);
        if (fa == null || fa.struct() == null) return null;
        long size = size(module, accessType);
        for (Range r : fields.getOrDefault(fa.struct(), List.of()))
            if (r.overlaps(fa.structOffset(), size)) return r.how() + ", the same field of some " + fa.struct();
        return null;
    }
}
