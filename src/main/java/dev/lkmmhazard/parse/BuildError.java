package dev.lkmmhazard.parse;

/** A semantic error the builder finds (undefined value, unknown flag), at a known position. */
final class BuildError extends ParseException {
    final int line;
    final int column;

    BuildError(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    BuildError(String message, Token at) { this(message, at.beginLine, at.beginColumn); }
}
