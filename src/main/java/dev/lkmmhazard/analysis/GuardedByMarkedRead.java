package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.IdentityHashMap;

/**
 * Whether a condition is computed from a marked read (READ_ONCE, an atomic or acquire load, an asm that reads memory)
 * in the same function. A plain load that the optimizer moves above such a test is the LKMM case that matters:
 * "check the flag, then read the data". A test of a plain value or a call's result guards nothing another CPU
 * publishes through the memory model, so loads moved above it are reported with less weight.
 */
public final class GuardedByMarkedRead {
    private GuardedByMarkedRead() {}

    /** How far back through computation a condition is followed. */
    private static final int DEPTH = 10;

    public static boolean test(FunctionContext fn, Value condition) {
        return walk(fn.marked(), condition, 0, new IdentityHashMap<>());
    }

    /**
     * Whether an acquire read (a {@code load atomic acquire}, an {@code AcqRel} RMW) that the condition is computed
     * from, or any acquire read when the condition is null, comes before the access on every path (dominates it): the
     * access is ordered after the read by the acquire, wherever the optimizer moved it below the read.
     */
    public static boolean afterAcquire(FunctionContext fn, Value condition, Instruction access) {
        if (access.parent().parent() != fn.function()) return false;
        IdentityHashMap<Instruction, Boolean> feeding = null;
        if (condition != null) {
            feeding = new IdentityHashMap<>();
            collect(fn.marked(), condition, 0, feeding);
        }
        DominatorTree dom = fn.dominators();
        for (MarkedAccess a : fn.marked().all()) {
            if (!a.ordersLater()) continue;
            Instruction r = a.instruction();
            if (r.parent().parent() != fn.function() || r == access) continue;
            if (feeding != null && !feeding.containsKey(r)) continue;
            if (r.parent() == access.parent()) {
                var insts = r.parent().instructions();
                if (insts.indexOf(r) < insts.indexOf(access)) return true;
            } else if (dom.dominates(r.parent(), access.parent())) {
                return true;
            }
        }
        return false;
    }

    /** Every instruction the value is computed from, as {@link #walk} follows them, without stopping at the first read. */
    private static void collect(MarkedAccesses marked, Value v, int depth, IdentityHashMap<Instruction, Boolean> seen) {
        if (!(v instanceof Instruction i) || depth > DEPTH || seen.put(i, Boolean.TRUE) != null || marked.isMarked(i)) return;
        Opcode op = i.opcode();
        if (!SharedMemory.isPureComputation(i) && op != Opcode.SELECT && op != Opcode.PHI) return;
        for (int k = 0; k < i.operandCount(); k++) collect(marked, i.operand(k), depth + 1, seen);
    }

    private static boolean walk(MarkedAccesses marked, Value v, int depth, IdentityHashMap<Instruction, Boolean> seen) {
        if (!(v instanceof Instruction i) || depth > DEPTH || seen.put(i, Boolean.TRUE) != null) return false;
        if (marked.isMarked(i)) {
            for (MarkedAccess a : marked.of(i)) if (a.reads() && a.loadedValue() == i) return true;
            return false;
        }
        Opcode op = i.opcode();
        if (!SharedMemory.isPureComputation(i) && op != Opcode.SELECT && op != Opcode.PHI) return false;
        for (int k = 0; k < i.operandCount(); k++) if (walk(marked, i.operand(k), depth + 1, seen)) return true;
        return false;
    }
}
