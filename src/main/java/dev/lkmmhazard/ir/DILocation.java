package dev.lkmmhazard.ir;

import java.util.List;

/** {@code !DILocation(line:, column:, scope:, inlinedAt:)}. */
public final class DILocation extends MDNode {
    public DILocation(boolean distinct, List<Field> fields, MetadataTable table) { super("DILocation", distinct, fields, table); }
    public DILocation(boolean distinct, String[] labels, Metadata[] values, MetadataTable table) { super("DILocation", distinct, labels, values, table); }
    public int line() { return (int) intField("line", 0); }
    public int column() { return (int) intField("column", 0); }
    public MDNode scope() { return nodeField("scope"); }
    /** The location this one was inlined at, or null when not inlined. */
    public DILocation inlinedAt() { return nodeField("inlinedAt") instanceof DILocation l ? l : null; }
    /** The file of the enclosing scope chain, or null without one. */
    public DIFile file() { return DIFile.ofScope(scope()); }
}
