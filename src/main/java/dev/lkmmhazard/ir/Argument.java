package dev.lkmmhazard.ir;

import java.util.List;

/** A formal parameter of a function. */
public final class Argument extends Value {
    public final int index;
    private final List<Attribute> attributes;

    public Argument(Type type, String name, int index, List<Attribute> attributes) {
        super(type, name);
        this.index = index;
        this.attributes = List.copyOf(attributes);
    }

    public List<Attribute> attributes() { return attributes; }

    @Override public String reference() { return hasName() ? Names.value('%', name(), isNumbered()) : "%" + index; }
}
