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
