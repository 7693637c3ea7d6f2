package dev.lkmmhazard.report;

/**
 * The one escaping function of the HTML report and its SVG drawings. LLVM quoted names and strings can hold any byte
 * ({@code @"<script>..."}), so every identifier and every line of IR goes through here, in text and in attribute
 * values alike.
 */
public final class Html {
    private Html() {}

    /**
     * {@code s} as HTML text or a quoted attribute value: the five markup characters become entities, and characters
     * HTML does not allow in a document (controls other than tab, newline and carriage return, lone surrogates,
     * U+FFFE and U+FFFF) become U+FFFD. Null gives the empty string.
     */
    public static String escape(CharSequence s) {
        if (s == null) return "";
        StringBuilder sb = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String rep;
            switch (c) {
                case '&' -> rep = "&amp;";
                case '<' -> rep = "&lt;";
                case '>' -> rep = "&gt;";
                case '"' -> rep = "&quot;";
                case '\'' -> rep = "&#39;";
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        if (sb != null) sb.append(c).append(s.charAt(i + 1));
                        i++;
                        continue;
                    }
                    rep = allowed(c) ? null : "\uFFFD";
                }
            }
            if (rep == null) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(n + 16).append(s, 0, i);
            sb.append(rep);
        }
        return sb == null ? s.toString() : sb.toString();
    }

    private static boolean allowed(char c) {
        if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
        if (c >= 0x7f && c <= 0x9f) return false;
        if (Character.isSurrogate(c)) return false; // a pair was handled by the caller
        return c != '\uFFFE' && c != '\uFFFF';
    }
}
