package dev.lkmmhazard.ir;

/**
 * Metadata as written in IR. {@link #toString()} gives its IR text: a reference {@code !12}, a string
 * {@code !"x"}, a value {@code i32 %x}, an inline node {@code !{...}} / {@code !DIExpression(...)}, or a literal.
 */
public abstract sealed class Metadata permits Metadata.Ref, Metadata.Str, Metadata.ValueRef, Metadata.Literal, MDNode {

    /** {@code !N}: a reference to a numbered node, resolved through the module's {@link MetadataTable}. */
    public static final class Ref extends Metadata {
        public final int id;
        private final MetadataTable table;
        public Ref(int id, MetadataTable table) { this.id = id; this.table = table; }
        /** The node, or null when the input never defined it (pass dumps print no metadata). */
        public MDNode resolve() { return table.get(id); }
        @Override public String toString() { return "!" + id; }
    }

    /** {@code !"text"}, kept escaped as written. */
    public static final class Str extends Metadata {
        public final String escaped;
        public Str(String escaped) { this.escaped = escaped; }
        public String text() { return Names.unescapeString(escaped); }
        @Override public String toString() { return "!\"" + escaped + '"'; }
    }

    /** A value used as metadata: {@code i32 %x}, {@code ptr @g}. */
    public static final class ValueRef extends Metadata implements User {
        private Value value;
        public ValueRef(Value value) { this.value = value; }
        public Value value() { return value; }
        @Override public int operandCount() { return 1; }
        @Override public Value operand(int i) { return value; }
        @Override public void setOperand(int i, Value v) { value = v; }
        @Override public String toString() { return value.type() + " " + value.reference(); }
    }

    /**
     * A field value or operand written as bare text: {@code 14}, {@code -1}, {@code true}, {@code null},
     * {@code DW_TAG_member}, {@code DIFlagPrototyped | DIFlagArtificial}, {@code "a string"} (DI string fields).
     */
    public static final class Literal extends Metadata {
        public final String text;
        public Literal(String text) { this.text = text; }
        @Override public String toString() { return text; }
    }
}
