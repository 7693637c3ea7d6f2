package dev.lkmmhazard.diff;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.DominatorTree;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Ordering;
import java.util.List;

/**
 * Control dependencies whose ordering does not rest on the dependency: losing the branch loses nothing the LKMM
 * promised. The load is an acquire, the store a release, or a full barrier stands between them.
 */
final class OrderKept {
    private OrderKept() {}

    /** Whether the store of d stays ordered after the load of d whatever happens to the branch between them. */
    static boolean byBarriers(FunctionContext f, Dependency d) {
        MarkedAccess r = d.source();
        if (r.ordering() != null && r.ordering().isAcquireOrStronger()) return true;
        if (r.instruction().parent().parent() == f.function() && barrierBeside(f, r.instruction(), +1)) return true;
        for (MarkedAccess w : f.marked().of(d.ending())) {
            if (w.ordering() != null && w.ordering().isReleaseOrStronger()) return true;
        }
        if (d.ending().parent().parent() == f.function() && barrierBeside(f, d.ending(), -1)) return true;
        return fenceBetween(f, r.instruction(), d.ending());
    }

    /**
     * The x86 idioms of smp_load_acquire (a volatile load, then a compiler barrier) and smp_store_release (a compiler
     * barrier, then a volatile store): on x86 the hardware keeps loads before later stores, so the kernel's macros
     * only stop the compiler. The barrier must come from the same macro: the same source line.
     */
    private static boolean barrierBeside(FunctionContext f, Instruction access, int direction) {
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

    /** A full fence (smp_mb) on the way from the load to the store, in the IR before optimization. */
    private static boolean fenceBetween(FunctionContext f, Instruction load, Instruction store) {
        if (load.parent().parent() != f.function() || store.parent().parent() != f.function()) return false;
        DominatorTree dom = f.dominators();
        for (MarkedAccess m : f.marked().all()) {
            if (m.kind() != MarkedAccess.Kind.FENCE || m.ordering() != Ordering.SEQ_CST) continue;
            BasicBlock b = m.instruction().parent();
            boolean afterLoad = b == load.parent() ? b.instructions().indexOf(m.instruction()) > b.instructions().indexOf(load)
                    : dom.dominates(load.parent(), b);
            boolean beforeStore = b == store.parent() ? b.instructions().indexOf(m.instruction()) < b.instructions().indexOf(store)
                    : dom.dominates(b, store.parent());
            if (afterLoad && beforeStore) return true;
        }
        return false;
    }
}
