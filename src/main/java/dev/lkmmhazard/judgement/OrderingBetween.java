package dev.lkmmhazard.judgement;

import dev.lkmmhazard.analysis.DominatorTree;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Ordering;
import java.util.List;

/**
 * Orderings that do not rest on the dependency: losing the dependency loses nothing the LKMM promised when the
 * beginning is an acquire, the ending a release, or a full barrier or fully ordered RMW stands between them.
 */
public final class OrderingBetween {
    private OrderingBetween() {}

    /**
     * What keeps {@code end} ordered after {@code begin} in f whatever becomes of the dependency between them, as a
     * clause ("the beginning is an acquire"), or null when nothing does. {@code begin} may be null (no known beginning):
     * then only a release ending counts.
     */
    public static String reason(FunctionContext f, Instruction begin, Instruction end) {
        if (begin != null) {
            for (MarkedAccess r : f.marked().of(begin)) {
                if (r.reads() && r.ordering() != null && r.ordering().isAcquireOrStronger())
                    return "the beginning is an acquire (" + r.rule() + "), which orders everything after it";
            }
            if (begin.parent().parent() == f.function() && reads(f, begin) && barrierBeside(f, begin, +1))
                return "the beginning is smp_load_acquire() (x86: a load and a compiler barrier), which orders everything after it";
        }
        if (end != null) {
            for (MarkedAccess w : f.marked().of(end)) {
                if (w.writes() && w.ordering() != null && w.ordering().isReleaseOrStronger())
                    return "the ending is a release (" + w.rule() + "), which orders everything before it";
            }
            if (end.parent().parent() == f.function() && writes(f, end) && barrierBeside(f, end, -1))
                return "the ending is smp_store_release() (x86: a compiler barrier and a store), which orders everything before it";
        }
        if (begin != null && end != null && reads(f, begin)) {
            // po-loc: a later access to the location a load read cannot be reordered before that load (coherence), with
            // or without the dependency (a READ_ONCE(), then WRITE_ONCE()s of the same field in both arms, merged)
            dev.lkmmhazard.ir.Value from = MemoryObject.address(f, begin), to = MemoryObject.address(f, end);
            if (from != null && to != null && (dev.lkmmhazard.analysis.Addresses.same(from, to)
                    || dev.lkmmhazard.analysis.Addresses.computedTheSame(from, to)))
                return "the ending accesses the location the beginning read, and coherence keeps two accesses to one"
                        + " location in order";
        }
        if (begin != null && end != null) {
            Instruction full = fullBarrierBetween(f, begin, end);
            if (full != null)
                return "a full barrier (" + f.marked().of(full).get(0).rule() + ") on every path between them orders them";
        }
        return null;
    }

    private static boolean reads(FunctionContext f, Instruction i) {
        for (MarkedAccess m : f.marked().of(i)) if (m.reads()) return true;
        return false;
    }

    private static boolean writes(FunctionContext f, Instruction i) {
        for (MarkedAccess m : f.marked().of(i)) if (m.writes()) return true;
        return false;
    }

    /**
     * The x86 idioms of smp_load_acquire (a volatile load, then a compiler barrier) and smp_store_release (a compiler
     * barrier, then a volatile store): on x86 the hardware keeps loads before later stores, so the kernel's macros
     * only stop the compiler. The barrier must come from the same macro: the same source line.
     */
    static boolean barrierBeside(FunctionContext f, Instruction access, int direction) {
        DILocation here = access.debugLoc();
        if (here == null || here.line() == 0) return false;
        BasicBlock block = access.parent();
        int k = block.instructions().indexOf(access) + direction;
        // Macros written as do { ... } while (0) leave their statements in a straight line of blocks: follow it.
        for (int steps = 0; steps < 64; steps++) {
            List<Instruction> insts = block.instructions();
            if (k < 0 || k >= insts.size()) {
                BasicBlock next = direction > 0 ? onlySuccessor(f, block) : onlyPredecessor(f, block);
                if (next == null) return false;
                block = next;
                k = direction > 0 ? 0 : next.instructions().size() - 1;
                continue;
            }
            Instruction i = insts.get(k);
            k += direction;
            List<MarkedAccess> m = f.marked().of(i);
            if (m.isEmpty()) continue;
            DILocation l = i.debugLoc();
            return m.get(0).kind() == MarkedAccess.Kind.BARRIER && l != null && l.line() == here.line();
        }
        return false;
    }

    /** The block b falls into when it ends in an unconditional branch to a block with no other predecessor. */
    private static BasicBlock onlySuccessor(FunctionContext f, BasicBlock b) {
        List<BasicBlock> succ = f.cfg().successors(b);
        if (succ.size() != 1 || f.cfg().predecessors(succ.get(0)).size() != 1) return null;
        return succ.get(0);
    }

    /** The block that falls into b when it is b's only predecessor and b its only successor. */
    private static BasicBlock onlyPredecessor(FunctionContext f, BasicBlock b) {
        List<BasicBlock> pred = f.cfg().predecessors(b);
        if (pred.size() != 1 || f.cfg().successors(pred.get(0)).size() != 1) return null;
        return pred.get(0);
    }

    /**
     * A full barrier (smp_mb: a seq_cst fence or a fully ordered asm) or fully ordered RMW after the load and before
     * the store on every path: it dominates the store and the load dominates it.
     */
    static Instruction fullBarrierBetween(FunctionContext f, Instruction load, Instruction store) {
        if (load.parent().parent() != f.function() || store.parent().parent() != f.function()) return null;
        DominatorTree dom = f.dominators();
        for (MarkedAccess m : f.marked().all()) {
            boolean full = m.ordering() == Ordering.SEQ_CST
                    && (m.kind() == MarkedAccess.Kind.FENCE || m.kind() == MarkedAccess.Kind.RMW
                        || m.kind() == MarkedAccess.Kind.CMPXCHG || m.kind() == MarkedAccess.Kind.ASM);
            if (!full || m.instruction() == load || m.instruction() == store) continue;
            BasicBlock b = m.instruction().parent();
            boolean afterLoad = b == load.parent() ? b.instructions().indexOf(m.instruction()) > b.instructions().indexOf(load)
                    : dom.dominates(load.parent(), b);
            boolean beforeStore = b == store.parent() ? b.instructions().indexOf(m.instruction()) < b.instructions().indexOf(store)
                    : dom.dominates(b, store.parent());
            if (afterLoad && beforeStore) return m.instruction();
        }
        return null;
    }

    /** Whether the store of a control dependency stays ordered after its load whatever happens to the branch. */
    public static boolean keepsControlDependency(FunctionContext f, MarkedAccess source, Instruction ending) {
        if (source.ordering() != null && source.ordering().isAcquireOrStronger()) return true;
        Instruction r = source.instruction();
        if (r.parent().parent() == f.function() && barrierBeside(f, r, +1)) return true;
        for (MarkedAccess w : f.marked().of(ending))
            if (w.ordering() != null && w.ordering().isReleaseOrStronger()) return true;
        if (ending.parent().parent() == f.function() && barrierBeside(f, ending, -1)) return true;
        Instruction fence = fullBarrierBetween(f, r, ending);
        return fence != null && f.marked().of(fence).get(0).kind() == MarkedAccess.Kind.FENCE;
    }
}
