package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.DataLayout;
import dev.lkmmhazard.ir.GlobalAlias;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.List;

/**
 * An address known at compile time: a global variable plus a constant byte offset, read through constant
 * {@code getelementptr}s (expressions or instructions with constant indices), casts and aliases. Offsets follow the
 * module's {@code target datalayout}.
 *
 * @param global the object
 * @param offset bytes from its start
 */
public record ConstantAddress(GlobalVariable global, long offset) {
    private static final int MAX_DEPTH = 16;

    /** The global and offset {@code pointer} denotes, or null when it is not a constant address of a global variable. */
    public static ConstantAddress of(Value pointer, DataLayout layout) {
        long offset = 0;
        Value v = pointer;
        for (int depth = 0; depth < MAX_DEPTH && v != null; depth++) {
            if (v instanceof GlobalVariable g) return new ConstantAddress(g, offset);
            if (v instanceof GlobalAlias a) { v = a.aliasee(); continue; }
            if (v instanceof ConstantExpr ce) {
                if (ce.isCast() && (ce.opcode.equals("bitcast") || ce.opcode.equals("addrspacecast"))) {
                    v = ce.operand(0);
                    continue;
                }
                if (ce.opcode.equals("getelementptr") && ce.sourceType != null) {
                    long o = gepOffset(layout, ce.sourceType, ce, 1, ce.operandCount());
                    if (o == Long.MIN_VALUE) return null;
                    offset += o;
                    v = ce.operand(0);
                    continue;
                }
                return null;
            }
            if (v instanceof Instruction i) {
                if (i.opcode() == Opcode.BITCAST || i.opcode() == Opcode.ADDRSPACECAST) { v = i.operand(0); continue; }
                if (i.opcode() == Opcode.GETELEMENTPTR && i.auxType() != null) {
                    long o = gepOffset(layout, i.auxType(), i, 1, i.operandCount());
                    if (o == Long.MIN_VALUE) return null;
                    offset += o;
                    v = i.operand(0);
                    continue;
                }
            }
            return null;
        }
        return null;
    }

    /** The byte offset of a GEP's indices {@code from..to-1}, or Long.MIN_VALUE when one is not a constant. */
    public static long gepOffset(DataLayout layout, Type source, dev.lkmmhazard.ir.User gep, int from, int to) {
        if (from >= to) return 0;
        long first = index(gep.operand(from));
        if (first == Long.MIN_VALUE) return Long.MIN_VALUE;
        long size = layout.allocSize(source);
        if (size < 0) return Long.MIN_VALUE;
        long offset = first * size;
        Type t = source;
        for (int k = from + 1; k < to; k++) {
            long idx = index(gep.operand(k));
            if (idx == Long.MIN_VALUE) return Long.MIN_VALUE;
            if (t instanceof Type.StructType st) {
                List<Type> el = st.elements();
                if (idx < 0 || idx >= el.size()) return Long.MIN_VALUE;
                long field = layout.fieldOffset(st, (int) idx);
                if (field < 0) return Long.MIN_VALUE;
                offset += field;
                t = el.get((int) idx);
            } else if (t instanceof Type.ArrayType at) {
                long es = layout.allocSize(at.element);
                if (es < 0) return Long.MIN_VALUE;
                offset += idx * es;
                t = at.element;
            } else if (t instanceof Type.VectorType vt && !vt.scalable) {
                long es = layout.allocSize(vt.element);
                if (es < 0) return Long.MIN_VALUE;
                offset += idx * es;
                t = vt.element;
            } else {
                return Long.MIN_VALUE;
            }
        }
        return offset;
    }

    private static long index(Value v) {
        return v instanceof ConstantInt c && c.fitsLong() ? c.longValue() : Long.MIN_VALUE;
    }
}
