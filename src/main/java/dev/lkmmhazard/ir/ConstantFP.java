package dev.lkmmhazard.ir;

/** A floating-point constant, kept as written (decimal, or hex {@code 0x...}, {@code 0xK...}, ...) so it is exact. */
public final class ConstantFP extends Constant {
    public final String text;
    public ConstantFP(Type type, String text) { super(type, null); this.text = text; }
    @Override public String reference() { return text; }
}
