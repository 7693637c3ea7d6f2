package dev.lkmmhazard.diff;

import dev.lkmmhazard.analysis.ConstantAddress;
import dev.lkmmhazard.analysis.FieldAddress;
import dev.lkmmhazard.analysis.SlotValues;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.Loops;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.analysis.SharedInModule;
import dev.lkmmhazard.analysis.SharedMemory;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fate of each plain access of a global (or of a field or element of one, at a constant offset) before
 * optimization, in the function of the same name after it:
 * <ul>
 *   <li>kept: a copy at its source position (or, without debug info, the same place among the function's accesses of
 *       the same kind to the same bytes);</li>
 *   <li>{@code load-fused}: a load gone where an earlier load of the same bytes, or a store to them, dominates it with
 *       nothing in between that could write memory (GVN, EarlyCSE); a load in a loop whose only copy is now outside
 *       every loop (LICM), or whose loop waited on it and is gone; a load now part of a wider load;</li>
 *   <li>{@code store-fused}: a store gone where a later store of the same bytes overwrites it on every path with
 *       nothing in between that could read memory (DSE); a store in a loop whose only copy is after it (LICM
 *       promotion);</li>
 *   <li>{@code store-removed}: a store gone that wrote back the value just loaded from the same bytes;</li>
 *   <li>{@code store-torn}: a store gone whose bytes a wider store, a vector store, a memset or a memcpy now
 *       writes.</li>
 * </ul>
 * A plain access whose fate none of these explains (dead code, a load whose value nothing used) is not reported: a
 * quiet answer is better than a guess. Locals, constants, thread-locals and one-shot flags are left out; the
 * judgement grades the rest by whether the module shows the object shared ({@link SharedInModule}) and a lock.
 */
final class PlainFates {
    private final ModuleContext before;
    private final ModuleContext after;
    private final Findings found;
    private final Findings removed;
    /** without debug info (the snapshots of a pass dump): accesses are matched by kind, object and order */
    private final boolean byOrder;

    PlainFates(ModuleContext before, ModuleContext after, Findings found, Findings removed, boolean byOrder) {
        this.before = before;
        this.after = after;
        this.found = found;
        this.removed = removed;
        this.byOrder = byOrder;
    }

    /**
     * A plain access (or a memset/memcpy) of the bytes {@code [offset, offset + size)} of a global; offset -1 for an
     * element at an index computed at run time ({@code table[i]}).
     */
    private record Access(Instruction inst, GlobalVariable global, Value base, long offset, long size, boolean store, String what,
                          boolean marked) {
        Access(Instruction inst, GlobalVariable global, Value base, long offset, long size, boolean store, String what) {
            this(inst, global, base, offset, size, store, what, false);
        }

        Access(Instruction inst, GlobalVariable global, long offset, long size, boolean store, String what) {
            this(inst, global, null, offset, size, store, what, false);
        }

        /** the same access, marked ({@code READ_ONCE()}: a volatile load or store) */
        Access asMarked() { return new Access(inst, global, base, offset, size, store, what, true); }

        // the modules before and after each have their own global objects: the same global is the same name
        boolean same(GlobalVariable g) { return global != null && g != null && global.name().equals(g.name()); }
        /** the same object: the same global, or (before optimization) the same base pointer */
        boolean sameObject(Access o) { return global != null ? same(o.global) : base != null && base == o.base; }
        /** a field reached through a pointer (before optimization only) */
        boolean throughPointer() { return global == null && base != null; }
        /** an access after optimization that is neither a global's nor a local's: what a field's copy looks like */
        boolean unknownObject() { return global == null && base == null; }
        boolean sameBytes(Access o) {
            return sameObject(o) && offset == o.offset && size == o.size && store == o.store && marked == o.marked;
        }
        boolean overlaps(GlobalVariable g, long o, long s) {
            return same(g) && (offset < 0 || o < 0 || (offset < o + s && o < offset + size));
        }
        boolean covers(Access o) {
            return same(o.global) && (o.offset < 0 || (offset >= 0 && offset <= o.offset && o.offset + o.size <= offset + size));
        }
        boolean known() { return offset >= 0; }
    }

    void run() {
        for (FunctionContext bf : before.functions()) {
            Function t = after.module().function(bf.function().name());
            if (t == null || !t.isDefinition() || t.blocks().isEmpty()) continue;
            List<Access> was = accesses(before, bf, false);
            if (was.isEmpty()) continue;
            FunctionContext tf = after.function(t);
            List<Access> now = accesses(after, tf, true);
            Map<Instruction, List<Access>> copies = new HashMap<>();
            for (Access a : was) copies.put(a.inst, copiesOf(a, was, now));
            merged.clear();
            for (Access a : was) fate(bf, tf, a, was, now, copies);
            for (Map.Entry<Access, List<Access>> e : merged.entrySet()) reportMerged(bf, tf, e.getKey(), e.getValue());
        }
    }

    /** the accesses gone into each wider access of the function being compared */
    private final Map<Access, List<Access>> merged = new java.util.LinkedHashMap<>();

    /**
     * One finding per wider access: the stores merged into it are torn (store-torn); loads merged into a wider load
     * each still read every byte once, so that is at most a note (load-fused). The judgement weighs the access the
     * module shows shared when one is.
     */
    private void reportMerged(FunctionContext bf, FunctionContext tf, Access wide, List<Access> gone) {
        Access first = gone.get(0);
        SharedInModule shared = before.sharedInModule();
        for (Access g : gone)
            if (shared.reason(before, g.inst.pointerOperand(), g.inst.accessType()) != null) { first = g; break; }
        StringBuilder lines = new StringBuilder();
        List<Instruction> chain = new ArrayList<>();
        for (Access g : gone) {
            if (chain.size() < 8) chain.add(g.inst);
            String w = where(g.inst);
            if (lines.indexOf(w) < 0) lines.append(lines.length() == 0 ? "" : ", ").append(w);
        }
        boolean call = wide.inst.opcode() == Opcode.CALL;
        String into = call ? "a call of " + wide.inst.intrinsic().name().toLowerCase()
                : "one " + wide.size + "-byte " + (wide.inst.accessType() instanceof dev.lkmmhazard.ir.Type.VectorType ? "vector " : "")
                  + (first.store ? "store" : "load");
        String what = gone.size() == 1 ? first.what : first.what + (gone.size() > 1 ? " and its neighbours" : "");
        String text = first.store
                ? (gone.size() == 1 ? "the plain store" : gone.size() + " plain stores") + " to " + what + " (" + lines
                  + (gone.size() == 1 ? ") was" : ") were") + " merged into " + into + " here: other CPUs may see a value torn, or the stores in another order"
                : (gone.size() == 1 ? "the plain load" : gone.size() + " plain loads") + " of " + what + " (" + lines
                  + (gone.size() == 1 ? ") was" : ") were") + " merged into " + into + " here: each byte is still read once, now all at once";
        var b = found.report(first.store ? Rules.STORE_TORN : Rules.LOAD_FUSED, tf, wide.inst, text)
                .note(first.inst, "the plain access the source made")
                .before(before.file(), chain).sourceFrom(first.inst, List.of(), true)
                .judgedPlain(bf, first.inst, null);
        if (!first.store) b.severity(dev.lkmmhazard.report.Severity.NOTE);
        b.report();
    }

    // ------------------------------------------------------------------------------------------------ the fates

    private void fate(FunctionContext bf, FunctionContext tf, Access a, List<Access> was, List<Access> now,
                      Map<Instruction, List<Access>> copies) {
        if (a.marked) return; // a marked access is only what a plain one may be fused with
        List<Access> mine = copies.get(a.inst);
        Loops.Loop loop = bf.loops().loopOf(a.inst.parent());
        if (!mine.isEmpty()) {
            if (loop != null && leftTheLoop(tf, mine)) {
                Access c = mine.get(0);
                boolean spin = !a.store && SharedInModule.decidesExit(bf, loop, a.inst);
                boolean survived = loopSurvived(bf, loop, a.inst, tf);
                String text = spin && survived
                        ? "this plain load of " + a.what + " decided when the loop ends and now runs once before it: the"
                          + " loop no longer re-reads, so it never sees another CPU's write and may spin forever"
                        : !survived
                        ? "this plain " + (a.store ? "store to " : "load of ") + a.what + " was in a loop that is gone after"
                          + " optimization, and its only copy runs once: the " + (a.store ? "stores" : "reads") + " of every"
                          + " iteration became one, unless the loop never ran more than once (which the optimizer may have"
                          + " known and this comparison cannot tell)"
                        : a.store
                        ? "this plain store to " + a.what + " was in a loop and now runs once after it: the stores of every"
                          + " iteration were fused into one, and another CPU never sees the values in between"
                        : "this plain load of " + a.what + " was in a loop and now runs once before it: the loop no longer"
                          + " re-reads, so a change another CPU makes while it runs is not seen";
                var b = found.report(a.store ? Rules.STORE_FUSED : Rules.LOAD_FUSED, tf, c.inst, text)
                        .before(before.file(), List.of(a.inst)).sourceFrom(a.inst, List.of(), false)
                        .judgedPlain(bf, a.inst, null);
                // without the loop after, a loop that ran at most once looks the same: never more than a note
                if (!survived) b.severity(dev.lkmmhazard.report.Severity.NOTE);
                b.report();
            }
            return;
        }
        Access wide = widerCopy(a, now);
        if (wide != null) {
            merged.computeIfAbsent(wide, k -> new ArrayList<>()).add(a);
            return;
        }
        if (!a.known()) return; // which element another access touches is not known: no fusion is claimed
        if (a.store) {
            Access later = laterStore(bf, a, was, copies);
            Access survivor = later == null ? null : copies.get(later.inst).get(0);
            if (later == null && byOrder) {
                // Matched by order, the store left is taken for the first one: the later store is the one gone, and
                // the earlier is the one it was fused with. Which of the two stands there now does not matter here.
                Access earlier = earlierStore(bf, a, was, copies);
                if (earlier != null) {
                    survivor = copies.get(earlier.inst).get(0);
                    later = a;
                    a = earlier;
                }
            }
            if (later != null) {
                found.report(Rules.STORE_FUSED, tf, survivor.inst, "the plain store to " + a.what + " on " + where(a.inst)
                                + " was removed because this later store overwrites it: another CPU never sees the value it wrote")
                        .note(a.inst, "the plain store that was fused away")
                        .before(before.file(), List.of(a.inst, later.inst)).sourceFrom(a.inst, List.of(), true)
                        .judgedPlain(bf, a.inst, later.inst).report();
                return;
            }
            Access load = loadedBack(bf, a, was);
            if (load != null) {
                removed.report(Rules.STORE_REMOVED, bf, a.inst, "this plain store wrote back to " + a.what + " the value"
                                + " read on " + where(load.inst) + " and was removed: a value another CPU wrote in between is"
                                + " no longer overwritten")
                        .before(before.file(), List.of(load.inst, a.inst))
                        .judgedPlain(bf, load.inst, a.inst).report();
            }
            return;
        }
        Access earlier = earlierAccess(bf, a, was, copies);
        if (earlier != null) {
            Access c = copies.get(earlier.inst).get(0);
            String text = earlier.marked
                    ? "the plain load of " + a.what + " on " + where(a.inst) + " was replaced by the value of this marked "
                      + (earlier.store ? "store" : "load") + ": the source read it again, and a write by another CPU in"
                      + " between is no longer seen"
                    : earlier.store
                    ? "the plain load of " + a.what + " on " + where(a.inst) + " was replaced by the value this store wrote:"
                      + " a write by another CPU in between is no longer seen"
                    : "this plain load of " + a.what + " (" + where(earlier.inst) + ") also stands for "
                      + (where(earlier.inst).equals(where(a.inst)) ? "another read on the same line" : "the read on " + where(a.inst))
                      + " (the two were fused): a write by another CPU in between is no longer seen";
            found.report(Rules.LOAD_FUSED, tf, c.inst, text)
                    .note(a.inst, "the plain load that was fused away")
                    .before(before.file(), List.of(earlier.inst, a.inst)).sourceFrom(a.inst, List.of(), true)
                    .judgedPlain(bf, earlier.inst, a.inst).report();
            return;
        }
        if (loop != null && SharedInModule.decidesExit(bf, loop, a.inst) && !anyCopyInLoop(tf, now, a)) {
            removed.report(Rules.LOAD_FUSED, bf, a.inst, "the loop that waited for this plain load of " + a.what
                            + " to change no longer reads it: the optimizer read it once (or not at all) and the loop never"
                            + " sees another CPU's write")
                    .before(before.file(), List.of(a.inst))
                    .judgedPlain(bf, a.inst, null).report();
        }
    }

    // ------------------------------------------------------------------------------------------------ matching

    /** The copies after optimization of an access before: same kind and bytes, at its position or in its place. */
    private List<Access> copiesOf(Access a, List<Access> was, List<Access> now) {
        List<Access> out = new ArrayList<>();
        if (byOrder) {
            int k = 0;
            for (Access w : was) {
                if (w == a) break;
                if (w.sameBytes(a)) k++;
            }
            for (Access n : now) if (n.sameBytes(a) && n.inst.opcode() != Opcode.CALL && k-- == 0) { out.add(n); break; }
            return out;
        }
        SourcePosition p = SourcePosition.of(a.inst);
        if (a.throughPointer()) {
            // a field through a pointer: after optimization its address says nothing of the object, so its copies are
            // the accesses of the same kind and size at its position (unrolling and inlining make several)
            for (Access n : now) {
                if (!n.unknownObject() || n.store != a.store || n.size != a.size || n.marked != a.marked || p == null) continue;
                List<SourcePosition> frames = frames(n.inst);
                if (!frames.isEmpty() && frames.get(0).equals(p)) out.add(n);
            }
            return out;
        }
        for (Access n : now) {
            if (n.inst.opcode() == Opcode.CALL || n.store != a.store || n.size != a.size || n.marked != a.marked || !n.same(a.global)) continue;
            boolean at = p != null && !frames(n.inst).isEmpty() && frames(n.inst).get(0).equals(p);
            if (!a.known()) {
                // an element at a computed index: after unrolling its copies may be at constant offsets
                if (at) out.add(n);
                continue;
            }
            if (n.offset != a.offset) continue;
            List<SourcePosition> frames = frames(n.inst);
            // an access that lost its position (LICM drops the line of what it hoists) may be the copy of any
            if (frames.isEmpty() || frames.get(0).isMerged() || at) out.add(n);
        }
        return out;
    }

    /**
     * A wider access after optimization (or a memset/memcpy) that covers the bytes of an access gone. For an element
     * at a computed index, the wider access must be at the element's position (or a call without one, such as the
     * memset LoopIdiomRecognize makes of the loop).
     */
    private Access widerCopy(Access a, List<Access> now) {
        if (a.throughPointer()) return null; // a wider access after optimization does not say which object it writes
        SourcePosition p = SourcePosition.of(a.inst);
        for (Access n : now) {
            if (n.unknownObject() || n.marked || n.store != a.store || !n.covers(a) || n.size <= a.size) continue;
            if (a.known()) return n;
            List<SourcePosition> frames = frames(n.inst);
            boolean at = p != null && !frames.isEmpty() && frames.get(0).equals(p);
            if (at || (n.inst.opcode() == Opcode.CALL && (frames.isEmpty() || frames.get(0).isMerged()))) return n;
        }
        return null;
    }

    /** Whether every copy stands outside every loop and none runs after another on one path: one run per call. */
    private static boolean leftTheLoop(FunctionContext tf, List<Access> mine) {
        for (Access c : mine) if (tf.loops().isInLoop(c.inst.parent())) return false;
        for (Access x : mine)
            for (Access y : mine)
                if (x != y && tf.dominators().dominates(x.inst.parent(), y.inst.parent())) return false;
        return true;
    }

    /**
     * Whether the loop an access was in is still there after optimization: a loop of the function after holds a copy
     * of another instruction of that loop (by source position). Without debug info (pass dumps), whether the function
     * after has a loop at all.
     */
    private boolean loopSurvived(FunctionContext bf, Loops.Loop loop, Instruction access, FunctionContext tf) {
        if (byOrder) return !tf.loops().loops().isEmpty();
        java.util.Set<SourcePosition> inLoop = new java.util.HashSet<>();
        for (BasicBlock b : loop.blocks())
            for (Instruction i : b.instructions()) {
                if (i == access || i.debugLoc() == null) continue;
                SourcePosition p = SourcePosition.of(i);
                if (p != null && !p.isMerged()) inLoop.add(p);
            }
        for (Loops.Loop l : tf.loops().loops())
            for (BasicBlock b : l.blocks())
                for (Instruction i : b.instructions()) {
                    if (i.debugLoc() == null) continue;
                    for (SourcePosition p : frames(i)) if (inLoop.contains(p)) return true;
                }
        return false;
    }

    private boolean anyCopyInLoop(FunctionContext tf, List<Access> now, Access a) {
        SourcePosition p = SourcePosition.of(a.inst);
        for (Access n : now) {
            boolean mine = a.throughPointer() ? n.unknownObject() && p != null && !frames(n.inst).isEmpty()
                    && frames(n.inst).get(0).equals(p) : n.overlaps(a.global, a.offset, a.size);
            if (mine && !n.store && tf.loops().isInLoop(n.inst.parent())) return true;
        }
        return false;
    }

    /**
     * A later store of the same bytes that has a copy after, runs whenever the gone store ran (it post-dominates it)
     * with nothing in between that could read the bytes: dead-store elimination's shape.
     */
    private Access laterStore(FunctionContext bf, Access a, List<Access> was, Map<Instruction, List<Access>> copies) {
        for (Access b : was) {
            if (b == a || b.marked || !b.store || !b.sameBytes(a) || copies.get(b.inst).isEmpty()) continue;
            if (!runsAfter(bf, a.inst, b.inst, true)) continue;
            if (!blocked(bf, a.inst, b.inst, a, false)) return b;
        }
        return null;
    }

    /** An earlier store of the same bytes with a copy after, that the store runs after on every path, nothing between. */
    private Access earlierStore(FunctionContext bf, Access a, List<Access> was, Map<Instruction, List<Access>> copies) {
        for (Access b : was) {
            if (b == a || !b.store || !b.sameBytes(a) || copies.get(b.inst).isEmpty()) continue;
            if (runsAfter(bf, b.inst, a.inst, true) && !blocked(bf, b.inst, a.inst, a, false)) return b;
        }
        return null;
    }

    /** An earlier load of the same bytes, or a store to them, that dominates the gone load, with nothing between. */
    private Access earlierAccess(FunctionContext bf, Access a, List<Access> was, Map<Instruction, List<Access>> copies) {
        Access best = null;
        for (Access b : was) {
            if (b == a || !b.sameObject(a) || b.offset != a.offset || b.size != a.size || copies.get(b.inst).isEmpty()) continue;
            if (!runsAfter(bf, b.inst, a.inst, false)) continue;
            if (blocked(bf, b.inst, a.inst, a, true)) continue;
            best = b; // the last such access in file order: the nearest one before
        }
        return best;
    }

    /** The load whose value the gone store wrote back (directly or through a local slot), with no write in between. */
    private Access loadedBack(FunctionContext bf, Access a, List<Access> was) {
        Value v = a.inst.valueOperand();
        for (int hop = 0; hop < 3 && v instanceof Instruction i; hop++) {
            if (i.opcode() == Opcode.LOAD && SharedMemory.isLocal(SharedMemory.root(i.pointerOperand()))) {
                // unoptimized IR: the value went through a stack slot; take what was last stored there in the block
                v = storedBefore(i);
                continue;
            }
            for (Access l : was)
                if (l.inst == i && !l.store && l.sameObject(a) && l.offset == a.offset && l.size == a.size
                        && runsAfter(bf, i, a.inst, false) && !blocked(bf, i, a.inst, a, true)) return l;
            return null;
        }
        return null;
    }

    /** The value last stored to the slot a load reads, earlier in the load's block, or null. */
    private static Value storedBefore(Instruction load) {
        List<Instruction> in = load.parent().instructions();
        for (int k = in.indexOf(load) - 1; k >= 0; k--) {
            Instruction s = in.get(k);
            if (s.opcode() == Opcode.STORE && s.pointerOperand() == load.pointerOperand()) return s.valueOperand();
            if (s.opcode().isCallLike() && !s.intrinsic().isIntrinsic()) return null;
        }
        return null;
    }

    /**
     * Whether {@code second} runs after {@code first} whenever {@code first} runs: in one block later, or its block
     * post-dominates ({@code post}) or is dominated by ({@code !post}) the other's, outside a loop that holds both.
     */
    private static boolean runsAfter(FunctionContext f, Instruction first, Instruction second, boolean post) {
        if (first.parent() == second.parent()) {
            List<Instruction> in = first.parent().instructions();
            return in.indexOf(first) < in.indexOf(second);
        }
        if (post) {
            var pd = f.postDominators();
            return pd.contains(second.parent()) && pd.contains(first.parent()) && pd.dominates(second.parent(), first.parent());
        }
        return f.dominators().dominates(first.parent(), second.parent());
    }

    /**
     * Whether something on a path from {@code from} to {@code to} keeps the optimizer from fusing the two: a call (not
     * a pure intrinsic), an asm (a compiler barrier), a fence or an atomic, or an access that may touch the object's
     * bytes: a store ({@code writes}) or a load to the same bytes or through a pointer that is not a known other object.
     */
    private boolean blocked(FunctionContext f, Instruction from, Instruction to, Access object, boolean writes) {
        for (Instruction i : between(f, from, to)) {
            if (i == from || i == to) continue;
            switch (i.opcode()) {
                case CALL, INVOKE, CALLBR -> {
                    if (i.callee() instanceof InlineAsm) return true;
                    Intrinsic id = i.intrinsic();
                    if (!id.isIntrinsic() || id.isMemoryTransfer()) return true;
                }
                case FENCE, ATOMICRMW, CMPXCHG -> { return true; }
                case LOAD, STORE -> {
                    if (i.isAtomic()) return true;
                    if ((i.opcode() == Opcode.STORE) != writes) continue;
                    Value root = SharedMemory.root(i.pointerOperand());
                    if (SharedMemory.isLocal(root)) continue;
                    ConstantAddress ca = ConstantAddress.of(i.pointerOperand(), f.module().dataLayout());
                    if (object.throughPointer()) {
                        // another field of the same base is not the object; anything else may be
                        FieldAddress fa = ca != null ? null : FieldAddress.of(i.pointerOperand(), f.module().dataLayout(), slots(f));
                        long size = i.accessType() == null ? 1 : f.module().dataLayout().storeSize(i.accessType());
                        if (fa != null && fa.base() == object.base
                                && (fa.offset() + Math.max(1, size) <= object.offset || object.offset + object.size <= fa.offset())) continue;
                        return true;
                    }
                    if (ca == null) return true; // through a pointer: it may be the object
                    long size = i.accessType() == null ? 1 : f.module().dataLayout().storeSize(i.accessType());
                    if (object.overlaps(ca.global(), ca.offset(), Math.max(1, size))) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** The instructions on some path from {@code from} to {@code to} (both included), in no particular order. */
    private static List<Instruction> between(FunctionContext f, Instruction from, Instruction to) {
        List<Instruction> out = new ArrayList<>();
        BasicBlock a = from.parent(), b = to.parent();
        if (a == b) {
            List<Instruction> in = a.instructions();
            int i = in.indexOf(from), j = in.indexOf(to);
            if (i < j) return in.subList(i, j + 1);
        }
        var cfg = f.cfg();
        int n = cfg.size(), ai = cfg.index(a), bi = cfg.index(b);
        BitSet fwd = new BitSet(n), bwd = new BitSet(n);
        List<Integer> work = new ArrayList<>();
        for (int k = 0; k < cfg.successorCount(ai); k++) work.add(cfg.successor(ai, k));
        while (!work.isEmpty()) {
            int x = work.remove(work.size() - 1);
            if (fwd.get(x)) continue;
            fwd.set(x);
            if (x == bi) continue;
            for (int k = 0; k < cfg.successorCount(x); k++) work.add(cfg.successor(x, k));
        }
        for (int k = 0; k < cfg.predecessorCount(bi); k++) work.add(cfg.predecessor(bi, k));
        while (!work.isEmpty()) {
            int x = work.remove(work.size() - 1);
            if (bwd.get(x)) continue;
            bwd.set(x);
            if (x == ai) continue;
            for (int k = 0; k < cfg.predecessorCount(x); k++) work.add(cfg.predecessor(x, k));
        }
        List<Instruction> ain = a.instructions(), bin = b.instructions();
        out.addAll(ain.subList(ain.indexOf(from), ain.size()));
        out.addAll(bin.subList(0, bin.indexOf(to) + 1));
        fwd.and(bwd);
        for (int x = fwd.nextSetBit(0); x >= 0; x = fwd.nextSetBit(x + 1))
            if (x != ai && x != bi) out.addAll(cfg.block(x).instructions());
        return out;
    }

    // ------------------------------------------------------------------------------------------------ accesses

    /**
     * The plain loads and stores of a function at constant addresses of globals another CPU can see; after
     * optimization ({@code withCalls}) also the memsets and memcpys of such globals with a constant length.
     */
    private List<Access> accesses(ModuleContext m, FunctionContext f, boolean withCalls) {
        boolean fields = !byOrder; // fields through pointers are matched by source position only
        List<Access> out = new ArrayList<>();
        for (BasicBlock b : f.function().blocks())
            for (Instruction i : b.instructions()) {
                if ((i.opcode() == Opcode.LOAD || i.opcode() == Opcode.STORE) && !i.isAtomic()) {
                    int before = out.size();
                    if (i.accessType() == null) continue;
                    long size = m.dataLayout().storeSize(i.accessType());
                    if (size <= 0) continue;
                    ConstantAddress ca = ConstantAddress.of(i.pointerOperand(), m.dataLayout());
                    if (ca != null && candidate(ca.global())) {
                        out.add(new Access(i, ca.global(), ca.offset(), size, i.opcode() == Opcode.STORE, name(ca)));
                    } else if (ca == null && SharedMemory.root(i.pointerOperand()) instanceof GlobalVariable g) {
                        if (candidate(g)) out.add(new Access(i, g, -1, size, i.opcode() == Opcode.STORE, "an element of " + g.reference()));
                    } else if (ca == null && !SharedMemory.isLocal(SharedMemory.root(i.pointerOperand()))) {
                        if (withCalls) {
                            out.add(new Access(i, null, null, -2, size, i.opcode() == Opcode.STORE, "memory through a pointer"));
                        } else if (fields) {
                            FieldAddress fa = FieldAddress.of(i.pointerOperand(), m.dataLayout(), slots(f));
                            if (fa != null && fa.struct() != null && !SharedMemory.isLocal(fa.base())
                                    && !(fa.base() instanceof dev.lkmmhazard.ir.Constant) && !freshlyAllocated(fa.base()))
                                out.add(new Access(i, null, fa.base(), fa.offset(), size, i.opcode() == Opcode.STORE,
                                        "the field at +" + fa.structOffset() + " of a " + fa.struct()));
                        }
                    }
                    // a volatile access (READ_ONCE()) is kept as what a plain load may be fused with
                    if (i.isVolatile() && out.size() > before) out.set(before, out.get(before).asMarked());
                } else if (withCalls && i.opcode() == Opcode.CALL && i.intrinsic().isMemoryTransfer() && i.operandCount() >= 4
                        && i.operand(2) instanceof ConstantInt len && len.longValue() > 0) {
                    ConstantAddress dst = ConstantAddress.of(i.operand(0), m.dataLayout());
                    if (dst != null && candidate(dst.global()))
                        out.add(new Access(i, dst.global(), dst.offset(), len.longValue(), true, name(dst)));
                    if (i.intrinsic() != Intrinsic.MEMSET) {
                        ConstantAddress src = ConstantAddress.of(i.operand(1), m.dataLayout());
                        if (src != null && candidate(src.global()))
                            out.add(new Access(i, src.global(), src.offset(), len.longValue(), false, name(src)));
                    }
                }
            }
        return out;
    }

    private final Map<Function, SlotValues> slotValues = new java.util.IdentityHashMap<>();

    private SlotValues slots(FunctionContext f) { return slotValues.computeIfAbsent(f.function(), k -> SlotValues.of(f)); }

    /**
     * An object this function just allocated ({@code kzalloc()}, {@code kmem_cache_alloc()}: a call whose result is
     * {@code noalias}, or of a function named for allocating): no other CPU knows it until the function publishes it,
     * which takes a store or a call, and either stands between any two accesses that could be fused.
     */
    private static boolean freshlyAllocated(Value base) {
        if (!(base instanceof Instruction call) || call.opcode() != Opcode.CALL) return false;
        Function callee = call.calledFunction();
        if (callee == null || callee.name() == null) return false;
        for (var sp : callee.specifiers()) if (sp.kind().equals("noalias")) return true;
        String n = callee.name();
        return n.contains("alloc") && !n.contains("free");
    }

    /** A global another CPU can see and write: not constant, not thread-local, not a one-shot flag. */
    private static boolean candidate(GlobalVariable g) {
        if (g.isConstant() || SharedMemory.isOnceFlag(g)) return false;
        for (var s : g.specifiers()) if (s.kind().startsWith("thread_local")) return false;
        return true;
    }

    private static String name(ConstantAddress ca) {
        return ca.global().reference() + (ca.offset() == 0 ? "" : "+" + ca.offset());
    }

    private final Map<Instruction, List<SourcePosition>> framesOf = new java.util.IdentityHashMap<>();

    /** The frames of an access after optimization, read once: each asks the deferred metadata. */
    private List<SourcePosition> frames(Instruction i) { return framesOf.computeIfAbsent(i, SourcePosition::frames); }

    /** "line N" of the source, or the IR line without debug info. */
    private static String where(Instruction i) {
        SourcePosition p = SourcePosition.of(i);
        if (p == null || p.isMerged()) return "IR line " + i.line();
        return p.inRustLibrary() ? p.libraryText() : "line " + p.line();
    }
}
