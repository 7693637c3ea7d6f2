package dev.lkmmhazard.ir;

import java.util.AbstractList;
import java.util.List;

/**
 * A metadata node: a tuple {@code !{...}} (kind null) or a specialized node {@code !DIFile(...)} (kind "DIFile").
 * Numbered nodes ({@code !7 = ...}) have id 7; inline ones have id -1.
 */
public sealed class MDNode extends Metadata permits DILocation, DISubprogram, DILexicalBlock, DIFile {
    /** One operand of a tuple (label null) or one {@code label: value} field of a specialized node. */
    public record Field(String label, Metadata value) {
        @Override public String toString() { return label == null ? value.toString() : label + ": " + value; }
    }

    /**
     * The kind of a braced list that is a field's value, not a node: {@code operands: {!{}, null}} of a
     * {@code !GenericDINode} ({@code {...}} without {@code !}). No node kind is written this way.
     */
    public static final String FIELD_LIST = "{}";

    public final String kind;
    public final boolean distinct;

    /**
     * Field labels (null entries for tuple operands) and values, kept as arrays: debug info is most of a kernel
     * .ll file, and one Field object per field doubled the model's size. Label arrays may be shared between nodes.
     */
    private final String[] labels;
    private final Metadata[] values;
    private int id = -1;
    protected final MetadataTable table;

    public MDNode(String kind, boolean distinct, List<Field> fields, MetadataTable table) {
        this.kind = kind;
        this.distinct = distinct;
        this.table = table;
        this.labels = new String[fields.size()];
        this.values = new Metadata[fields.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = fields.get(i).label();
            values[i] = fields.get(i).value();
        }
    }

    /** For the parser: {@code labels} may be shared with other nodes and must never change. */
    public MDNode(String kind, boolean distinct, String[] labels, Metadata[] values, MetadataTable table) {
        this.kind = kind;
        this.distinct = distinct;
        this.labels = labels;
        this.values = values;
        this.table = table;
    }

    /** The fields, as a view over the label and value arrays. */
    public List<Field> fields() { return new FieldView(); }

    public int fieldCount() { return values.length; }
    public String label(int i) { return labels[i]; }
    public Metadata value(int i) { return values[i]; }

    private final class FieldView extends AbstractList<Field> {
        @Override public Field get(int i) { return new Field(labels[i], values[i]); }
        @Override public int size() { return values.length; }
    }

    public int id() { return id; }
    public void setId(int id) { this.id = id; }
    public boolean isTuple() { return kind == null; }
    public boolean isFieldList() { return FIELD_LIST.equals(kind); }

    /** The value of field {@code label}, or null. */
    public Metadata field(String label) {
        for (int i = 0; i < labels.length; i++) if (label.equals(labels[i])) return values[i];
        return null;
    }

    /** An integer field ({@code line: 14}), or {@code dflt} when absent. */
    public long intField(String label, long dflt) {
        Metadata m = field(label);
        if (m instanceof Metadata.Literal lit) {
            try { return Long.parseLong(lit.text); } catch (NumberFormatException e) { return dflt; }
        }
        return dflt;
    }

    /** A string field ({@code name: "foo"} or {@code name: !"foo"}), decoded, or null. */
    public String stringField(String label) {
        Metadata m = field(label);
        if (m instanceof Metadata.Literal lit && lit.text.length() >= 2 && lit.text.charAt(0) == '"')
            return Names.unescapeString(lit.text.substring(1, lit.text.length() - 1));
        if (m instanceof Metadata.Str s) return s.text();
        return null;
    }

    /** A node-valued field, following {@code !N} references; null when absent, {@code null}, or unresolved. */
    public MDNode nodeField(String label) { return resolve(field(label)); }

    public static MDNode resolve(Metadata m) {
        if (m instanceof MDNode n) return n;
        if (m instanceof Metadata.Ref r) return r.resolve();
        return null;
    }

    /** The node written inline: {@code distinct !DIFile(...)}, {@code !{!1, null}}. */
    public String body() {
        StringBuilder sb = new StringBuilder();
        if (distinct) sb.append("distinct ");
        if (isFieldList()) sb.append('{');
        else if (kind == null) sb.append("!{");
        else sb.append('!').append(kind).append('(');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(", ");
            if (labels[i] != null) sb.append(labels[i]).append(": ");
            sb.append(values[i]);
        }
        return sb.append(kind == null || isFieldList() ? '}' : ')').toString();
    }

    /** As an operand: {@code !N} for numbered nodes, the body for inline ones. */
    @Override public String toString() { return id >= 0 ? "!" + id : body(); }
}
