package dev.lkmmhazard.ir;

import java.util.List;

/** {@code @a = ... alias T, ptr @target} and {@code @f = ... ifunc T, ptr @resolver}. */
public final class GlobalAlias extends GlobalValue implements User {
    public final boolean ifunc;
    private Type valueType;
    private Value aliasee;
    private List<Attribute> trailing = List.of();

    public GlobalAlias(Type pointerType, String name, boolean ifunc) { super(pointerType, name); this.ifunc = ifunc; }

    public Type valueType() { return valueType; }
    public void setValueType(Type t) { this.valueType = t; }
    public Value aliasee() { return aliasee; }
    public void setAliasee(Value v) { this.aliasee = v; }
    /** Items after the aliasee, such as {@code partition "p"}. */
    public List<Attribute> trailing() { return trailing; }
    public void setTrailing(List<Attribute> t) { this.trailing = List.copyOf(t); }

    @Override public int operandCount() { return 1; }
    @Override public Value operand(int i) { return aliasee; }
    @Override public void setOperand(int i, Value v) { aliasee = v; }
}
