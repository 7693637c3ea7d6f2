package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.GlobalAlias;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * An address known at compile time: a global variable plus a constant byte offset, read through constant
 * {@code getelementptr}s (expressions or instructions with constant indices), casts and aliases. Type sizes follow
 * the LP64 layouts of the kernel's targets (x86_64, arm64): the IR's own {@code target datalayout} is not read, so a
 * 32-bit target's pointers are counted as 8 bytes.
 *
 * @param global the object
 * @param offset bytes from its start
 */
public record ConstantAddress(GlobalVariable global, long offset) {
    private static final int MAX_DEPTH = 16;

    /** The global and offset {@code pointer} denotes, or null when it is not a constant address of a global variable. */
    public static ConstantAddress of(Value pointer) {
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
                    long o = gepOffset(ce.sourceType, ce, 1, ce.operandCount());
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
                    long o = gepOffset(i.auxType(), i, 1, i.operandCount());
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
    private static long gepOffset(Type source, dev.lkmmhazard.ir.User gep, int from, int to) {
        if (from >= to) return 0;
        long first = index(gep.operand(from));
        if (first == Long.MIN_VALUE) return Long.MIN_VALUE;
        long size = sizeOf(source);
        if (size < 0) return Long.MIN_VALUE;
        long offset = first * size;
        Type t = source;
        for (int k = from + 1; k < to; k++) {
            long idx = index(gep.operand(k));
            if (idx == Long.MIN_VALUE) return Long.MIN_VALUE;
            if (t instanceof Type.StructType st) {
                List<Type> el = st.elements();
                if (idx < 0 || idx >= el.size()) return Long.MIN_VALUE;
                offset += fieldOffset(st, (int) idx);
                t = el.get((int) idx);
            } else if (t instanceof Type.ArrayType at) {
                long es = sizeOf(at.element);
                if (es < 0) return Long.MIN_VALUE;
                offset += idx * es;
                t = at.element;
            } else if (t instanceof Type.VectorType vt && !vt.scalable) {
                long es = sizeOf(vt.element);
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

    private static final long UNKNOWN = Long.MIN_VALUE;
    private static final int LAYOUTS_MAX = 1 << 14;

    /**
     * Size and alignment of the struct types met so far, per thread (files are checked in parallel). Kernel structs
     * nest deeply and sizeOf and alignOf recurse through every member, again at every GEP: 5-7% of a kernel scan's
     * samples before this memo. Cleared when full, so the types of files already checked are not kept for long.
     * Checks run on complete modules only, so a struct's body no longer changes once its layout is asked for.
     */
    private static final ThreadLocal<IdentityHashMap<Type.StructType, long[]>> LAYOUTS = ThreadLocal.withInitial(IdentityHashMap::new);

    private static long[] layout(Type.StructType st) {
        IdentityHashMap<Type.StructType, long[]> m = LAYOUTS.get();
        long[] l = m.get(st);
        if (l == null) {
            if (m.size() >= LAYOUTS_MAX) m.clear();
            m.put(st, l = new long[] { UNKNOWN, UNKNOWN });
        }
        return l;
    }

    /** The allocation size of a type in bytes (what a GEP steps by), or -1 when unknown (opaque, scalable). */
    public static long sizeOf(Type t) {
        if (t instanceof Type.IntType it) return roundUp((it.bits + 7) / 8, alignOf(t));
        if (t.isPointer()) return 8;
        if (t instanceof Type.FloatType ft) {
            return switch (ft.keyword) {
                case "half", "bfloat" -> 2;
                case "float" -> 4;
                case "double" -> 8;
                default -> 16; // x86_fp80 (allocated as 16), fp128, ppc_fp128
            };
        }
        if (t instanceof Type.ArrayType at) {
            long es = sizeOf(at.element);
            return es < 0 ? -1 : es * at.length;
        }
        if (t instanceof Type.VectorType vt) {
            if (vt.scalable) return -1;
            long es = storeBits(vt.element);
            if (es < 0) return -1;
            return roundUp((es * vt.length + 7) / 8, alignOf(t));
        }
        if (t instanceof Type.StructType st) {
            long[] layout = layout(st);
            if (layout[0] != UNKNOWN) return layout[0];
            return layout[0] = structSize(st);
        }
        return -1;
    }

    private static long structSize(Type.StructType st) {
        if (st.isOpaque()) return -1;
        long off = 0;
        for (Type e : st.elements()) {
            long s = sizeOf(e);
            if (s < 0) return -1;
            if (!st.isPacked()) off = roundUp(off, alignOf(e));
            off += s;
        }
        return st.isPacked() ? off : roundUp(off, alignOf(st));
    }

    /** The number of bytes a load or store of the type touches (no tail padding), or -1 when unknown. */
    public static long storeSize(Type t) {
        if (t instanceof Type.IntType it) return (it.bits + 7) / 8;
        if (t instanceof Type.FloatType ft && ft.keyword.equals("x86_fp80")) return 10;
        return sizeOf(t);
    }

    private static long storeBits(Type t) {
        if (t instanceof Type.IntType it) return it.bits;
        long s = sizeOf(t);
        return s < 0 ? -1 : s * 8;
    }

    public static long alignOf(Type t) {
        if (t instanceof Type.IntType it) {
            int bytes = (it.bits + 7) / 8;
            long a = 1;
            while (a < bytes && a < 16) a <<= 1;
            return a;
        }
        if (t.isPointer()) return 8;
        if (t instanceof Type.FloatType) {
            long s = sizeOf(t);
            return Math.min(s, 16);
        }
        if (t instanceof Type.ArrayType at) return alignOf(at.element);
        if (t instanceof Type.VectorType vt) {
            long bytes = vt.scalable ? 16 : (storeBits(vt.element) * vt.length + 7) / 8;
            long a = 1;
            while (a < bytes && a < 64) a <<= 1;
            return a;
        }
        if (t instanceof Type.StructType st) {
            if (st.isPacked()) return 1;
            long[] layout = layout(st);
            if (layout[1] != UNKNOWN) return layout[1];
            long a = 1;
            for (Type e : st.elements()) a = Math.max(a, alignOf(e));
            return layout[1] = a;
        }
        return 1;
    }

    private static long fieldOffset(Type.StructType st, int field) {
        long off = 0;
        List<Type> el = st.elements();
        for (int k = 0; k <= field; k++) {
            Type e = el.get(k);
            if (!st.isPacked()) off = roundUp(off, alignOf(e));
            if (k == field) return off;
            off += sizeOf(e);
        }
        return off;
    }

    private static long roundUp(long x, long a) { return a <= 1 ? x : (x + a - 1) / a * a; }
}
