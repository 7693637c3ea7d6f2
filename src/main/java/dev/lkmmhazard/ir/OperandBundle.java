package dev.lkmmhazard.ir;

/** {@code [ "tag"(i32 1, ptr %p) ]} on a call. */
public final class OperandBundle implements User {
    public final String tagEscaped;
    private final Value[] inputs;

    public OperandBundle(String tagEscaped, Value[] inputs) { this.tagEscaped = tagEscaped; this.inputs = inputs; }

    @Override public int operandCount() { return inputs.length; }
    @Override public Value operand(int i) { return inputs[i]; }
    @Override public void setOperand(int i, Value v) { inputs[i] = v; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("\"").append(tagEscaped).append("\"(");
        for (int i = 0; i < inputs.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(inputs[i].type()).append(' ').append(inputs[i].reference());
        }
        return sb.append(')').toString();
    }
}
