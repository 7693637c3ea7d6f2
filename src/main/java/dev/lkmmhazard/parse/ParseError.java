package dev.lkmmhazard.parse;

/** A problem in an input file, reported as one line {@code FILE:LINE:COL: error: message}. */
public final class ParseError extends Exception {
    private final String file;
    private final int line;
    private final int column;
    private final String detail;
    /** The function whose body could not be read, or null when the error is outside a function body. */
    private final String function;

    public ParseError(String file, int line, int column, String detail, String function) {
        this(file, line, column, oneLine(detail), function, true);
    }

    private ParseError(String file, int line, int column, String detail, String function, boolean shown) {
        super(file + ":" + line + ":" + column + ": error: " + detail, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
        this.function = function;
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String detail() { return detail; }
    public String function() { return function; }

    /**
     * The detail as the user should see it. It quotes the input (a token, a quoted name), which the reader keeps one
     * char per byte: decoded as UTF-8 here (invalid bytes become U+FFFD), with line breaks and other control
     * characters written as LLVM escapes ({@code \0A}) so that the diagnostic stays one line.
     */
    static String oneLine(String detail) {
        boolean plain = true;
        for (int i = 0; i < detail.length() && plain; i++) {
            char c = detail.charAt(i);
            plain = c >= 0x20 && c < 0x7f;
        }
        if (plain) return detail;
        String decoded = new String(detail.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(decoded.length() + 8);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append('\\').append(String.format("%02X", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** The clang-style one-line diagnostic. */
    public String diagnostic() { return getMessage(); }
}
