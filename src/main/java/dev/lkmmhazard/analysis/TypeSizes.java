package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.DataLayout;
import dev.lkmmhazard.ir.Type;
import java.util.List;

/**
 * Sizes and field offsets of IR types under the module's data layout, for the strides of getelementptr in
 * {@link ValueFolder}. -1 when unknown; only the strides of indices that derive from a marked load matter there, so a
 * wrong guess can only hide a cancellation, never invent one across one GEP.
 */
public final class TypeSizes {
    private TypeSizes() {}

    /** The allocation size, what a GEP index steps by; -1 for a null type (a GEP past the last field). */
    static long size(DataLayout layout, Type t) {
        return t == null ? -1 : layout.allocSize(t);
    }

    /** The byte offset of field {@code field} (the end of the fields before it when field == count), or -1. */
    static long offset(DataLayout layout, Type.StructType s, int field) {
        List<Type> els = s.elements();
        if (field < 0 || field > els.size()) return -1;
        if (field < els.size()) return layout.fieldOffset(s, field);
        if (field == 0) return 0;
        long last = layout.fieldOffset(s, field - 1), size = layout.allocSize(els.get(field - 1));
        return last < 0 || size < 0 ? -1 : last + size;
    }
}
