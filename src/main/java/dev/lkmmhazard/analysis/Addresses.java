package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Constant;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;

/**
 * Whether two addresses of one function are the same, told from the IR alone (no alias analysis: different values may
 * still name the same memory). The address an access goes through is {@link Instruction#pointerOperand}.
 */
public final class Addresses {
    private Addresses() {}

    private static final int MAX_DEPTH = 8;

    /**
     * The same value: one SSA value or global, or constants of one type that print the same (each use of a constant
     * expression, and of {@code null}, is its own object; typed-pointer IR repeats a constant GEP for each operand).
     */
    public static boolean same(Value a, Value b) {
        if (a == b) return true;
        return a instanceof Constant && b instanceof Constant && a.type() == b.type() && a.reference().equals(b.reference());
    }

    /**
     * Computed the same way from the same values: one value, integer constants written the same, and constant
     * expressions (same opcode) and getelementptr instructions (same source type) whose operands are computed the
     * same, recursively. Looser than {@link #same} for two GEP instructions that recompute one address; stricter for
     * other constants ({@code null}, {@code undef}), which count only when they are one object, also inside constant
     * expressions.
     */
    public static boolean computedTheSame(Value a, Value b) { return computedTheSame(a, b, 0); }

    private static boolean computedTheSame(Value a, Value b, int depth) {
        if (a == b) return true;
        if (a == null || b == null || depth > MAX_DEPTH) return false;
        if (a instanceof ConstantInt x && b instanceof ConstantInt y) return x.reference().equals(y.reference());
        if (a instanceof ConstantExpr x && b instanceof ConstantExpr y) {
            if (!x.opcode.equals(y.opcode) || x.operandCount() != y.operandCount()) return false;
            for (int k = 0; k < x.operandCount(); k++) if (!computedTheSame(x.operand(k), y.operand(k), depth + 1)) return false;
            return true;
        }
        if (a instanceof Instruction x && b instanceof Instruction y && x.opcode() == Opcode.GETELEMENTPTR
                && y.opcode() == Opcode.GETELEMENTPTR && x.operandCount() == y.operandCount()) {
            Type tx = x.auxType(), ty = y.auxType();
            if (tx != null && ty != null && !tx.toString().equals(ty.toString())) return false;
            for (int k = 0; k < x.operandCount(); k++) if (!computedTheSame(x.operand(k), y.operand(k), depth + 1)) return false;
            return true;
        }
        return false;
    }
}
