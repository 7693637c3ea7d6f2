package dev.lkmmhazard.ir;

/** The keyword constants: null, none, undef, poison, zeroinitializer. */
public final class ConstantSpecial extends Constant {
    public enum Kind {
        NULL("null"), NONE("none"), UNDEF("undef"), POISON("poison"), ZEROINITIALIZER("zeroinitializer");
        public final String keyword;
        Kind(String keyword) { this.keyword = keyword; }
    }

    public final Kind kind;
    public ConstantSpecial(Type type, Kind kind) { super(type, null); this.kind = kind; }
    @Override public String reference() { return kind.keyword; }
}
