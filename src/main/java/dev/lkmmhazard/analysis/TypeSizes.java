package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Type;
import java.util.List;

/**
 * Sizes and field offsets of IR types under the x86_64/aarch64 default data layout (natural alignment), for the
 * strides of getelementptr in {@link ValueFolder}. -1 when unknown; only the strides of indices that derive from a
 * marked load matter there, so a wrong guess can only hide a cancellation, never invent one across one GEP.
 */
public final class TypeSizes {
    private TypeSizes() {}

    public static long size(Type t) {
        if (t instanceof Type.IntType i) return i.bits <= 8 ? 1 : Long.highestOneBit((i.bits + 7) / 8 - 1) << 1;
        if (t != null && t.isPointer()) return 8;
        if (t instanceof Type.FloatType f) {
            switch (f.keyword) {
                case "half": case "bfloat": return 2;
                case "float": return 4;
                case "double": return 8;
                default: return 16;
            }
        }
        if (t instanceof Type.ArrayType a) {
            long e = size(a.element);
            return e < 0 ? -1 : e * a.length;
        }
        if (t instanceof Type.VectorType v) {
            long e = size(v.element);
            return e < 0 || v.scalable ? -1 : e * v.length;
        }
        if (t instanceof Type.StructType s) {
            if (s.isOpaque()) return -1;
            long end = offset(s, s.elements().size());
            long al = align(s);
            return end < 0 || al <= 0 ? -1 : (end + al - 1) / al * al;
        }
        return -1;
    }

    public static long align(Type t) {
        if (t instanceof Type.StructType s) {
            if (s.isPacked()) return 1;
            long m = 1;
            for (Type e : s.elements()) m = Math.max(m, align(e));
            return m;
        }
        if (t instanceof Type.ArrayType a) return align(a.element);
        long s = size(t);
        return s <= 0 ? 1 : Math.min(s, 16);
    }

    /** The byte offset of field {@code field} (the end of the fields before it when field == count), or -1. */
    public static long offset(Type.StructType s, int field) {
        List<Type> els = s.elements();
        if (field < 0 || field > els.size()) return -1;
        long off = 0;
        for (int k = 0; k < field; k++) {
            long sz = size(els.get(k));
            if (sz < 0) return -1;
            if (!s.isPacked()) {
                long al = align(els.get(k));
                off = (off + al - 1) / al * al;
            }
            off += sz;
        }
        if (field < els.size() && !s.isPacked()) {
            long al = align(els.get(field));
            off = (off + al - 1) / al * al;
        }
        return off;
    }
}
