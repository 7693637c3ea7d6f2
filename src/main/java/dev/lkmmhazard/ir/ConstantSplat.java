package dev.lkmmhazard.ir;

/** {@code splat (T v)}: a vector with every element v. */
public final class ConstantSplat extends Constant implements User {
    private Value element;
    public ConstantSplat(Type vectorType, Value element) { super(vectorType, null); this.element = element; }
    public Value element() { return element; }
    @Override public int operandCount() { return 1; }
    @Override public Value operand(int i) { return element; }
    @Override public void setOperand(int i, Value v) { element = v; }
    @Override public String reference() { return "splat (" + element.type() + " " + element.reference() + ")"; }
}
