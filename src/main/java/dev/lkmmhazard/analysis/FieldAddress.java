package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.DataLayout;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;

/**
 * A field reached through a pointer, as the IR before optimization addresses it: a base pointer (seen through the
 * stack slots of unoptimized IR, so that two reloads of {@code p} are one base) plus a constant byte offset, and the
 * named struct type of the innermost {@code getelementptr} with the field's offset in it ({@code p->seq} is
 * {@code struct.rq} at 8). Optimized IR addresses fields by byte offsets from {@code i8} and loses the type, so the
 * struct is known only before optimization.
 *
 * @param base         the pointer the offsets start from
 * @param offset       bytes from the base
 * @param struct       the named struct type whose field the access is, or null
 * @param structOffset the field's offset in that struct
 */
public record FieldAddress(Value base, long offset, String struct, long structOffset) {
    private static final int MAX_DEPTH = 16;

    /** The field {@code pointer} denotes, or null when an index is not constant or the base is not a pointer value. */
    public static FieldAddress of(Value pointer, DataLayout layout, SlotValues slots) {
        long offset = 0;
        String struct = null;
        long structOffset = 0;
        Value v = pointer;
        boolean first = true;
        for (int depth = 0; depth < MAX_DEPTH && v instanceof Instruction i; depth++) {
            if (i.opcode() == Opcode.BITCAST || i.opcode() == Opcode.ADDRSPACECAST) { v = i.operand(0); continue; }
            if (i.opcode() != Opcode.GETELEMENTPTR || i.auxType() == null) break;
            long o = ConstantAddress.gepOffset(layout, i.auxType(), i, 1, i.operandCount());
            if (o == Long.MIN_VALUE) return null;
            if (first && i.auxType() instanceof Type.StructType st && st.name != null) {
                struct = st.name;
                structOffset = o - firstIndexBytes(layout, i);
            }
            first = false;
            offset += o;
            v = i.operand(0);
        }
        if (v == null) return null;
        Value base = slots == null ? v : slots.canonical(v);
        return new FieldAddress(base, offset, struct, structOffset);
    }

    /** The bytes the first index of a GEP steps over (0 for the usual {@code gep %struct.s, ptr %p, i32 0, ...}). */
    private static long firstIndexBytes(DataLayout layout, Instruction gep) {
        if (gep.operandCount() < 2 || !(gep.operand(1) instanceof dev.lkmmhazard.ir.ConstantInt c) || !c.fitsLong()) return 0;
        long size = layout.allocSize(gep.auxType());
        return size < 0 ? 0 : c.longValue() * size;
    }
}
