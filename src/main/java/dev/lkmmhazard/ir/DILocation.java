package dev.lkmmhazard.ir;

import java.util.List;

/** {@code !DILocation(line:, column:, scope:, inlinedAt:)}. */
public final class DILocation extends MDNode {
    public DILocation(boolean distinct, List<Field> fields, MetadataTable table) { super("DILocation", distinct, fields, table); }
    public DILocation(boolean distinct, String[] labels, Metadata[] values, MetadataTable table) { super("DILocation", distinct, labels, values, table); }

    /*
     * Line, column and file are asked for every access of a module, several times (diff matches accesses by them), and
     * each asking parsed the number again or walked the scope chain: kept once found. A node never changes once
     * read, so the values cannot go stale; two threads that find them at once find the same.
     */
    private int line = -1, column = -1;
    private DIFile file;
    private boolean fileFound;

    public int line() {
        int l = line;
        return l >= 0 ? l : (line = (int) intField("line", 0));
    }

    public int column() {
        int c = column;
        return c >= 0 ? c : (column = (int) intField("column", 0));
    }

    public MDNode scope() { return nodeField("scope"); }

    private DILocation inlinedAt;
    private boolean inlinedAtFound;

    /** The location this one was inlined at, or null when not inlined. */
    public DILocation inlinedAt() {
        if (!inlinedAtFound) {
            inlinedAt = nodeField("inlinedAt") instanceof DILocation l ? l : null;
            inlinedAtFound = true;
        }
        return inlinedAt;
    }

    /** The file of the enclosing scope chain, or null without one. */
    public DIFile file() {
        if (!fileFound) {
            file = DIFile.ofScope(scope());
            fileFound = true;
        }
        return file;
    }
}
