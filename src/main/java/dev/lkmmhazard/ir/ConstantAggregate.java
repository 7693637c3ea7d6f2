package dev.lkmmhazard.ir;

/** Array {@code [..]}, struct {@code {..}}, packed struct {@code <{..}>} or vector {@code <..>} constant. */
public final class ConstantAggregate extends Constant implements User {
    public enum Kind { ARRAY, STRUCT, PACKED_STRUCT, VECTOR }

    public final Kind kind;
    private final Value[] elements;

    public ConstantAggregate(Type type, Kind kind, Value[] elements) {
        super(type, null);
        this.kind = kind;
        this.elements = elements;
    }

    @Override public int operandCount() { return elements.length; }
    @Override public Value operand(int i) { return elements[i]; }
    @Override public void setOperand(int i, Value v) { elements[i] = v; }

    @Override public String reference() {
        String open, close;
        switch (kind) {
            case ARRAY: open = "["; close = "]"; break;
            case STRUCT: open = "{ "; close = " }"; break;
            case PACKED_STRUCT: open = "<{ "; close = " }>"; break;
            default: open = "<"; close = ">"; break;
        }
        if (elements.length == 0) return kind == Kind.STRUCT ? "{}" : kind == Kind.PACKED_STRUCT ? "<{}>" : open + close;
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(elements[i].type()).append(' ').append(elements[i].reference());
        }
        return sb.append(close).toString();
    }
}
