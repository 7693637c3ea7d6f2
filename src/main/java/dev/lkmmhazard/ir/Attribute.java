package dev.lkmmhazard.ir;

import java.util.List;

/**
 * One attribute as written: {@code noundef}, {@code align 8}, {@code dereferenceable(16)}, {@code elementtype(i32)},
 * {@code "frame-pointer"="all"}, {@code #3}. Attributes are kept as their text so that attributes of newer LLVMs
 * survive; the ones analyses need expose their kind and type argument.
 *
 * @param kind the keyword ({@code align}, {@code elementtype}), the string key of a string attribute, or {@code #N}
 * @param type the type argument of {@code byval(T)}, {@code sret(T)}, {@code elementtype(T)} and the like, else null
 * @param text the whole attribute as it is printed
 */
public record Attribute(String kind, Type type, String text) {
    public static boolean has(List<Attribute> attributes, String kind) {
        for (Attribute a : attributes) if (a.kind.equals(kind)) return true;
        return false;
    }

    public static Attribute find(List<Attribute> attributes, String kind) {
        for (Attribute a : attributes) if (a.kind.equals(kind)) return a;
        return null;
    }

    public static String join(List<Attribute> attributes) {
        StringBuilder sb = new StringBuilder();
        for (Attribute a : attributes) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(a.text);
        }
        return sb.toString();
    }

    /** The name in a {@code section "NAME"} item of {@code attributes}, or null when there is none. */
    public static String section(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            if (!a.kind.equals("section") || a.text == null) continue;
            int open = a.text.indexOf('"'), close = a.text.lastIndexOf('"');
            return open >= 0 && close > open ? a.text.substring(open + 1, close) : null;
        }
        return null;
    }

    @Override public String toString() { return text; }
}
