package dev.lkmmhazard.ir;

/** {@code dso_local_equivalent @f} and {@code no_cfi @f}. */
public final class ConstantWrapper extends Constant implements User {
    public final String keyword;
    private Value global;

    public ConstantWrapper(Type type, String keyword, Value global) {
        super(type, null);
        this.keyword = keyword;
        this.global = global;
    }

    public Value global() { return global; }
    @Override public int operandCount() { return 1; }
    @Override public Value operand(int i) { return global; }
    @Override public void setOperand(int i, Value v) { global = v; }
    @Override public String reference() { return keyword + " " + global.reference(); }
}
