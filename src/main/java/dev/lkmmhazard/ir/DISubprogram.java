package dev.lkmmhazard.ir;

import java.util.List;

/** {@code !DISubprogram(name:, linkageName:, scope:, file:, line:, ...)}. */
public final class DISubprogram extends MDNode {
    public DISubprogram(boolean distinct, List<Field> fields, MetadataTable table) { super("DISubprogram", distinct, fields, table); }
    public DISubprogram(boolean distinct, String[] labels, Metadata[] values, MetadataTable table) { super("DISubprogram", distinct, labels, values, table); }
    public String name() { return stringField("name"); }
    public String linkageName() { return stringField("linkageName"); }
    public int line() { return (int) intField("line", 0); }
    public DIFile file() { return nodeField("file") instanceof DIFile f ? f : null; }
}
