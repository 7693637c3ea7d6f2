package dev.lkmmhazard.ir;

/** A value known at link time: literals, aggregates, constant expressions, globals. */
public abstract class Constant extends Value {
    protected Constant(Type type, String name) { super(type, name); }
}
