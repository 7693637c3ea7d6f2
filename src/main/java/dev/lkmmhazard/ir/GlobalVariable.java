package dev.lkmmhazard.ir;

import java.util.List;

/** {@code @g = ... global|constant T [init], section ..., align N, !dbg !5}. Its type is the pointer type. */
public final class GlobalVariable extends GlobalValue implements User {
    private boolean constant;
    private Type valueType;
    private Value initializer;
    /** The comma-separated items after the initializer, as written: {@code section ".data"}, {@code align 8}. */
    private List<Attribute> trailing = List.of();
    /** Attributes after the comma-separated items: {@code @g = global i32 0 #0}. */
    private List<Attribute> attributes = List.of();

    public GlobalVariable(Type pointerType, String name) { super(pointerType, name); }

    public boolean isConstant() { return constant; }
    public void setConstant(boolean c) { this.constant = c; }
    public Type valueType() { return valueType; }
    public void setValueType(Type t) { this.valueType = t; }
    public Value initializer() { return initializer; }
    public void setInitializer(Value v) { this.initializer = v; }
    public boolean isDeclaration() { return initializer == null; }
    public List<Attribute> trailing() { return trailing; }
    /** The section it is placed in ({@code .data..ro_after_init}), or null for the default. */
    public String section() { return Attribute.section(trailing); }
    public void setTrailing(List<Attribute> t) { this.trailing = List.copyOf(t); }
    public List<Attribute> attributes() { return attributes; }
    public void setAttributes(List<Attribute> a) { this.attributes = List.copyOf(a); }

    @Override public int operandCount() { return initializer == null ? 0 : 1; }
    @Override public Value operand(int i) { return initializer; }
    @Override public void setOperand(int i, Value v) { initializer = v; }
}
