package dev.lkmmhazard.ir;

import java.math.BigInteger;

/** An integer constant of any width; {@code i1} prints as true/false. */
public final class ConstantInt extends Constant {
    private final long value;
    /** Non-null only when the value does not fit a long. */
    private final BigInteger big;

    public ConstantInt(Type type, long value) { super(type, null); this.value = value; this.big = null; }
    public ConstantInt(Type type, BigInteger value) {
        super(type, null);
        if (value.bitLength() < 64) { this.value = value.longValue(); this.big = null; }
        else { this.value = value.longValue(); this.big = value; }
    }

    public long longValue() { return value; }
    public BigInteger bigValue() { return big != null ? big : BigInteger.valueOf(value); }
    public boolean fitsLong() { return big == null; }
    public boolean isZero() { return big == null ? value == 0 : big.signum() == 0; }

    @Override public String reference() {
        if (type() instanceof Type.IntType it && it.bits == 1) return isZero() ? "false" : "true";
        return big != null ? big.toString() : Long.toString(value);
    }
}
