package dev.lkmmhazard.ir;

/** {@code c"..."}: the text is kept escaped, exactly as written between the quotes. */
public final class ConstantString extends Constant {
    public final String escaped;
    public ConstantString(Type type, String escaped) { super(type, null); this.escaped = escaped; }
    public String bytes() { return Names.unescapeString(escaped); }
    @Override public String reference() { return "c\"" + escaped + '"'; }
}
