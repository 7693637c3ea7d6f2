package dev.lkmmhazard.ir;

import java.util.List;

/** {@code !DILexicalBlock(scope:, file:, line:, column:)} and {@code !DILexicalBlockFile(scope:, file:, discriminator:)}. */
public final class DILexicalBlock extends MDNode {
    public DILexicalBlock(String kind, boolean distinct, List<Field> fields, MetadataTable table) { super(kind, distinct, fields, table); }
    public DILexicalBlock(String kind, boolean distinct, String[] labels, Metadata[] values, MetadataTable table) {
        super(kind, distinct, labels, values, table);
    }
    public MDNode scope() { return nodeField("scope"); }
    public int line() { return (int) intField("line", 0); }
    public int column() { return (int) intField("column", 0); }
    public DIFile file() { return nodeField("file") instanceof DIFile f ? f : null; }
    public boolean isBlockFile() { return "DILexicalBlockFile".equals(kind); }
}
