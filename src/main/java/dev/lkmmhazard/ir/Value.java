package dev.lkmmhazard.ir;

/** Anything an operand can refer to. Unnamed values have a null name; numbered ones keep their number as name. */
public abstract class Value {
    private Type type;
    private String name;
    /** Written as %N / @N / N: rather than with a name; a quoted all-digit name ("3") is a name, not a number. */
    private boolean numbered;

    protected Value(Type type, String name) { this.type = type; this.name = name; }

    public Type type() { return type; }
    public String name() { return name; }
    public boolean hasName() { return name != null; }

    /** Only for the parser, which learns some types after the value is created. */
    public void setType(Type type) { this.type = type; }
    public void setName(String name) { this.name = name; }
    public boolean isNumbered() { return numbered; }
    public void setNumbered(boolean numbered) { this.numbered = numbered; }

    /** The reference as an operand prints it, without its type: {@code %x}, {@code @g}, {@code 42}. */
    public abstract String reference();

    @Override public String toString() { return type + " " + reference(); }
}
