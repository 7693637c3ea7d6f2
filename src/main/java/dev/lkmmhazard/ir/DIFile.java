package dev.lkmmhazard.ir;

import java.util.List;

/** {@code !DIFile(filename:, directory:)}. */
public final class DIFile extends MDNode {
    public DIFile(boolean distinct, List<Field> fields, MetadataTable table) { super("DIFile", distinct, fields, table); }
    public DIFile(boolean distinct, String[] labels, Metadata[] values, MetadataTable table) { super("DIFile", distinct, labels, values, table); }
    /** decoded once: every source position of a module names its file (see {@link DILocation}) */
    private String filename;
    private boolean filenameFound;

    public String filename() {
        if (!filenameFound) {
            filename = stringField("filename");
            filenameFound = true;
        }
        return filename;
    }
    public String directory() { return stringField("directory"); }

    /** The file a scope (subprogram, lexical block, file) belongs to; null when there is none. */
    public static DIFile ofScope(MDNode scope) {
        for (int depth = 0; scope != null && depth < 1000; depth++) {
            if (scope instanceof DIFile f) return f;
            MDNode file = scope.nodeField("file");
            if (file instanceof DIFile f) return f;
            scope = scope.nodeField("scope");
        }
        return null;
    }
}
