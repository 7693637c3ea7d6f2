package dev.lkmmhazard.ir;

/**
 * How names and strings are written in IR text. Names are kept unescaped in the model, one char per byte
 * (ISO-8859-1), so that any byte a quoted name holds survives a round trip.
 */
public final class Names {
    private Names() {}

    public static String local(String name) { return '%' + quoteIfNeeded(name); }

    /** A value's name with its sigil: numbered values plain ({@code %3}); names quoted when needed ({@code %"3"}). */
    public static String value(char sigil, String name, boolean numbered) {
        if (numbered) return sigil + name;
        char first = name.isEmpty() ? '0' : name.charAt(0);
        if (isPlain(name) && !(first >= '0' && first <= '9')) return sigil + name;
        return sigil + "\"" + escapeString(name) + '"';
    }

    /** A block label as it stands before its instructions: {@code 3:}, {@code entry:}, {@code "x y":}. */
    public static String label(String name, boolean numbered) { return value('%', name, numbered).substring(1) + ':'; }
    public static String global(String name) { return '@' + quoteIfNeeded(name); }
    public static String comdat(String name) { return '$' + quoteIfNeeded(name); }

    /** A name needs no quotes when it is all digits, or [-a-zA-Z$._][-a-zA-Z$._0-9]*. */
    public static String quoteIfNeeded(String name) {
        if (isPlain(name)) return name;
        return '"' + escapeString(name) + '"';
    }

    /** True when {@code s} can be written without quotes: all digits, or [-a-zA-Z$._][-a-zA-Z$._0-9]*. */
    public static boolean isPlain(String s) {
        if (s.isEmpty()) return false;
        boolean allDigits = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            allDigits &= digit;
            boolean ok = digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '$' || c == '.' || c == '_';
            if (!ok) return false;
        }
        char first = s.charAt(0);
        return allDigits || !(first >= '0' && first <= '9');
    }

    /** Escapes as LLVM does: printable ASCII except '"' and '\' as is, everything else as \XX. */
    public static String escapeString(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
            if (plain) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            sb.append('\\').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
        return sb == null ? s : sb.toString();
    }

    /** Undoes {@link #escapeString}: {@code \XX} becomes the byte XX, {@code \\} a backslash. */
    public static String unescapeString(String s) {
        int bs = s.indexOf('\\');
        if (bs < 0) return s;
        StringBuilder sb = new StringBuilder(s.length()).append(s, 0, bs);
        for (int i = bs; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                if (s.charAt(i + 1) == '\\') { sb.append('\\'); i++; continue; }
                if (i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                    sb.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
