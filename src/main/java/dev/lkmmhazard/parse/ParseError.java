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

    /** The clang-style one-line diagnostic. */
    public String diagnostic() { return getMessage(); }
}
