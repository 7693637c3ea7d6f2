package dev.lkmmhazard.ir;

import java.util.List;

/**
 * A constant expression: {@code getelementptr inbounds (i8, ptr @x, i64 4)}, {@code ptrtoint (ptr @x to i64)},
 * {@code add nuw (i64 ..., i64 ...)}, {@code icmp eq (...)}, {@code fdiv (...)} and {@code extractvalue (...)} (LLVM 14),
 * {@code ptrauth (...)}. The opcode is kept as its
 * keyword so expressions of any LLVM version are represented.
 */
public final class ConstantExpr extends Constant implements User {
    private static final java.util.Set<String> CASTS = java.util.Set.of("trunc", "zext", "sext", "fptrunc", "fpext",
            "fptoui", "fptosi", "uitofp", "sitofp", "ptrtoint", "ptrtoaddr", "inttoptr", "bitcast", "addrspacecast");

    public final String opcode;
    /** Keywords between the opcode and the parenthesis, as written: inbounds, nuw, {@code inrange(-8, 8)}, eq. */
    public final List<String> flags;
    /** getelementptr's source element type; null otherwise. */
    public final Type sourceType;
    private final Value[] operands;
    /** LLVM 14 writes {@code inrange} before one GEP index: its operand position, or -1. */
    public final int inRangeOperand;

    /** The index list of LLVM 14's {@code extractvalue ({i32, i32} ..., 1)} and {@code insertvalue}; else empty. */
    public final List<Integer> indices;

    public ConstantExpr(Type type, String opcode, List<String> flags, Type sourceType, Value[] operands, int inRangeOperand) {
        this(type, opcode, flags, sourceType, operands, inRangeOperand, List.of());
    }

    public ConstantExpr(Type type, String opcode, List<String> flags, Type sourceType, Value[] operands, int inRangeOperand,
                        List<Integer> indices) {
        super(type, null);
        this.opcode = opcode;
        this.flags = List.copyOf(flags);
        this.sourceType = sourceType;
        this.operands = operands;
        this.inRangeOperand = inRangeOperand;
        this.indices = List.copyOf(indices);
    }

    public boolean isCast() { return CASTS.contains(opcode); }

    @Override public int operandCount() { return operands.length; }
    @Override public Value operand(int i) { return operands[i]; }
    @Override public void setOperand(int i, Value v) { operands[i] = v; }

    @Override public String reference() {
        StringBuilder sb = new StringBuilder(opcode);
        for (String f : flags) sb.append(' ').append(f);
        sb.append(" (");
        boolean first = true;
        if (sourceType != null) { sb.append(sourceType); first = false; }
        for (int i = 0; i < operands.length; i++) {
            if (!first) sb.append(", ");
            first = false;
            if (i == inRangeOperand) sb.append("inrange ");
            sb.append(operands[i].type()).append(' ').append(operands[i].reference());
        }
        for (int idx : indices) sb.append(", ").append(idx);
        if (isCast()) sb.append(" to ").append(type());
        return sb.append(')').toString();
    }
}
