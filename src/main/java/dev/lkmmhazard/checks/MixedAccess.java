package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.ConstantAddress;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.ir.Attribute;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mixed-access}: an object is accessed both with marked and with plain accesses. See
 * {@code docs/checks/mixed-access.md}.
 *
 * <p>Objects are the bytes of global variables at constant addresses (a global plus a constant offset, the size of
 * the access): a plain access is mixed when a marked access anywhere in the module overlaps its bytes, so a plain-only
 * field of a struct whose other field is marked is not mixed. Accesses through pointers are not compared: optimized
 * IR addresses fields with byte offsets ({@code getelementptr i8, ptr %p, i64 8}), which do not say which struct they
 * belong to. Constant globals and thread-locals cannot race and are skipped.
 */
public final class MixedAccess implements Check {
    @Override public Rule rule() { return Rules.MIXED_ACCESS; }

    /** One access to a global at a constant offset. */
    private record Access(FunctionContext fn, Instruction inst, long offset, long size, boolean write) {
        boolean overlaps(Access o) { return offset < o.offset + o.size && o.offset < offset + size; }
    }

    /** The accesses of one global. */
    private static final class Shared {
        final List<Access> marked = new ArrayList<>();
        final List<Access> plain = new ArrayList<>();
    }

    @Override public void check(FunctionContext fn, Findings out) {
        // a module-wide check: see checkModule
    }

    @Override public void checkModule(ModuleContext module, Findings out) {
        Map<GlobalVariable, Shared> objects = new IdentityHashMap<>();
        for (FunctionContext fn : module.functions()) collect(fn, objects);
        for (FunctionContext fn : module.functions()) {
            if (isInitCode(fn.function())) continue;
            Set<String> seen = new HashSet<>();
            boolean[] locked = null;
            for (BasicBlock b : fn.function().blocks()) {
                for (Instruction i : b.instructions()) {
                    if (!isPlain(i)) continue;
                    ConstantAddress ca = ConstantAddress.of(i.pointerOperand(), module.dataLayout());
                    if (ca == null) continue;
                    Shared o = objects.get(ca.global());
                    if (o == null || o.marked.isEmpty()) continue;
                    Access plain = access(fn, i, ca, null);
                    Access other = overlapping(o, plain);
                    if (other == null) continue;
                    if (!plain.write) {
                        // a plain read after taking a lock is the kernel's idiom for data that lockless readers read
                        // with READ_ONCE and that the lock holders write with WRITE_ONCE: not reported
                        if (locked == null) locked = mayHoldLock(fn);
                        if (underLock(locked, fn, i)) continue;
                    }
                    // one finding per object and source line in a function (a plain x++ is a load and a store)
                    DILocation l = i.debugLoc();
                    String key = ca.global().name() + "+" + ca.offset() + "@" + (l == null ? "ir" + i.line() : l.line() + ":" + l.column());
                    if (!seen.add(key)) continue;
                    report(out, fn, plain, ca, other);
                }
            }
        }
    }

    private void report(Findings out, FunctionContext fn, Access plain, ConstantAddress ca, Access marked) {
        String object = ca.global().reference() + (ca.offset() == 0 ? "" : "+" + ca.offset());
        String verb = plain.write ? "plain store to " : "plain load of ";
        String rule = marked.fn.marked().of(marked.inst).isEmpty() ? "marked" : marked.fn.marked().of(marked.inst).get(0).rule();
        report(out, fn, plain.inst, verb + object + ", which is also accessed with a marked access (" + rule
                        + (marked.fn == plain.fn ? " in this function" : " in " + marked.fn.name())
                        + "): the compiler may tear, fuse, re-load or invent this plain access")
                .context(marked.inst, "a marked access of the same object")
                .evidence(List.of(plain.inst, marked.inst))
                .report();
    }

    /** The first marked access overlapping the plain one, preferring one in the same function. */
    private static Access overlapping(Shared o, Access plain) {
        Access first = null;
        for (Access m : o.marked) {
            if (!m.overlaps(plain)) continue;
            if (m.fn == plain.fn) return m;
            if (first == null) first = m;
        }
        return first;
    }

    private static void collect(FunctionContext fn, Map<GlobalVariable, Shared> objects) {
        MarkedAccesses marked = fn.marked();
        for (MarkedAccess a : marked.all()) {
            if (a.address() == null) continue;
            ConstantAddress ca = ConstantAddress.of(a.address(), fn.module().dataLayout());
            if (ca == null || !candidate(ca.global())) continue;
            objects.computeIfAbsent(ca.global(), g -> new Shared()).marked.add(access(fn, a.instruction(), ca, a.accessType()));
        }
        // plain accesses are looked up again when reporting; here only whether the object has any marked access counts
    }

    /** Globals that other threads can see and write: not constant, not thread-local. */
    private static boolean candidate(GlobalVariable g) {
        if (g.isConstant()) return false;
        for (var s : g.specifiers()) if (s.kind().startsWith("thread_local")) return false;
        return true;
    }

    private static Access access(FunctionContext fn, Instruction i, ConstantAddress ca, Type type) {
        Type t = type != null ? type : i.accessType();
        boolean write = i.opcode() != Opcode.LOAD;
        long size = t == null ? -1 : fn.module().dataLayout().storeSize(t);
        // an asm operand without elementtype: its first byte only, so that it cannot claim neighbouring fields
        return new Access(fn, i, ca.offset(), size <= 0 ? 1 : size, write);
    }

    /** Functions in {@code .init.text}: the kernel runs them once, at boot, before other CPUs run. */
    private static boolean isInitCode(Function f) {
        for (Attribute a : f.attributes()) if (a.text() != null && a.text().contains(".init.text")) return true;
        return false;
    }

    /** Callee names (after leading underscores) that acquire an exclusive or reader-writer lock (trylocks too). */
    private static final String[] LOCK_PREFIXES = {"raw_spin_lock", "raw_spin_trylock", "spin_lock", "spin_trylock",
            "raw_read_lock", "raw_write_lock", "read_lock", "write_lock", "mutex_lock", "mutex_trylock", "down_read",
            "down_write", "rt_mutex_lock", "rtnl_lock", "lock_sock", "cpus_read_lock", "cpus_write_lock",
            "percpu_down_read", "percpu_down_write", "rt_spin_lock"};
    private static final String[] UNLOCK_PREFIXES = {"raw_spin_unlock", "spin_unlock", "raw_read_unlock",
            "raw_write_unlock", "read_unlock", "write_unlock", "mutex_unlock", "up_read", "up_write", "rt_mutex_unlock",
            "rtnl_unlock", "release_sock", "cpus_read_unlock", "cpus_write_unlock", "percpu_up_read", "percpu_up_write",
            "rt_spin_unlock"};

    /** +1 for a call that takes a lock, -1 for one that releases it, 0 otherwise. */
    static int lockEffect(Instruction i) {
        if (!i.opcode().isCallLike()) return 0;
        Function callee = i.calledFunction();
        if (callee == null || callee.name() == null) return 0;
        String name = callee.name();
        int k = 0;
        while (k < name.length() && name.charAt(k) == '_') k++;
        for (String p : UNLOCK_PREFIXES) if (name.startsWith(p, k)) return -1;
        for (String p : LOCK_PREFIXES) if (name.startsWith(p, k)) return 1;
        return 0;
    }

    /**
     * Per block, whether some lock may be held on entry: a forward may-analysis (some path from the entry took a lock
     * and did not release one since). Which lock is not known; a conditional lock ({@code if (ready) spin_lock(..)})
     * counts as held, since the plain accesses after it are the ones it protects.
     */
    private static boolean[] mayHoldLock(FunctionContext fn) {
        Cfg cfg = fn.cfg();
        int n = cfg.size();
        byte[] effect = new byte[n]; // the block's net effect: 1 ends locked, -1 ends unlocked, 0 passes through
        boolean any = false;
        for (int b = 0; b < n; b++) {
            for (Instruction i : cfg.block(b).instructions()) {
                int e = lockEffect(i);
                if (e != 0) { effect[b] = (byte) e; any = true; }
            }
        }
        boolean[] in = new boolean[n];
        if (!any) return in;
        int[] rpo = cfg.reversePostorder();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b : rpo) {
                boolean v = false;
                for (int k = 0; k < cfg.predecessorCount(b) && !v; k++) {
                    int p = cfg.predecessor(b, k);
                    v = effect[p] == 1 || (effect[p] == 0 && in[p]);
                }
                if (v && !in[b]) { in[b] = true; changed = true; }
            }
        }
        return in;
    }

    /** Whether a lock may be held at the instruction. */
    private static boolean underLock(boolean[] lockedIn, FunctionContext fn, Instruction at) {
        BasicBlock b = at.parent();
        boolean held = lockedIn[fn.cfg().index(b)];
        for (Instruction i : b.instructions()) {
            if (i == at) return held;
            int e = lockEffect(i);
            if (e != 0) held = e > 0;
        }
        return held;
    }

    /** An ordinary load or store: not volatile, not atomic. */
    private static boolean isPlain(Instruction i) {
        return (i.opcode() == Opcode.LOAD || i.opcode() == Opcode.STORE) && !i.isVolatile() && !i.isAtomic();
    }
}
