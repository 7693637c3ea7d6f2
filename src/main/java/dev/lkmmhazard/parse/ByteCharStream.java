package dev.lkmmhazard.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The lexer's input: a byte array read as ISO-8859-1, one char per byte, so any byte sequence (invalid UTF-8 in a
 * quoted name included) survives unchanged. Line and column are computed only when a token asks for them, by a
 * cursor that moves over the newlines between successive requests; JavaCC's default stream counts every char.
 */
final class ByteCharStream implements CharStream {
    /** Thrown at end of input, as JavaCC expects; one shared instance, without a stack trace. */
    private static final IOException EOF = new IOException("end of input") {
        @Override public synchronized Throwable fillInStackTrace() { return this; }
    };

    private final byte[] buf;
    private final int end;
    private final int lineBase;
    /** Index of the last char read; -1 before the first. */
    private int pos;
    private int tokenBegin;

    // the line cursor: offset cursorPos lies on line cursorLine, which starts at cursorLineStart
    private int cursorPos;
    private int cursorLine;
    private int cursorLineStart;

    /** Reads buf[start, end); the char at start is on line firstLine (1-based), column 1. */
    ByteCharStream(byte[] buf, int start, int end, int firstLine) {
        this.buf = buf;
        this.end = end;
        this.pos = start - 1;
        this.tokenBegin = start;
        this.lineBase = start;
        this.cursorPos = start;
        this.cursorLine = firstLine;
        this.cursorLineStart = start;
    }

    @Override public char readChar() throws IOException {
        if (pos + 1 >= end) throw EOF;
        return (char) (buf[++pos] & 0xff);
    }

    @Override public char BeginToken() throws IOException {
        tokenBegin = pos + 1;
        return readChar();
    }

    @Override public void backup(int amount) { pos -= amount; }

    @Override public String GetImage() {
        return new String(buf, tokenBegin, pos - tokenBegin + 1, StandardCharsets.ISO_8859_1);
    }

    @Override public char[] GetSuffix(int len) {
        char[] out = new char[len];
        for (int i = 0; i < len; i++) out[i] = (char) (buf[pos - len + 1 + i] & 0xff);
        return out;
    }

    private void moveCursor(int offset) {
        if (offset < lineBase) offset = lineBase;
        if (offset > end) offset = end;
        if (offset >= cursorPos) {
            for (int i = cursorPos; i < offset; i++) {
                if (buf[i] == '\n') { cursorLine++; cursorLineStart = i + 1; }
            }
        } else {
            for (int i = cursorPos - 1; i >= offset; i--) if (buf[i] == '\n') cursorLine--;
            int ls = offset;
            while (ls > lineBase && buf[ls - 1] != '\n') ls--;
            cursorLineStart = ls;
        }
        cursorPos = offset;
    }

    int lineAt(int offset) { moveCursor(offset); return cursorLine; }
    int columnAt(int offset) { moveCursor(offset); return offset - cursorLineStart + 1; }

    @Override public int getBeginLine() { return lineAt(tokenBegin); }
    @Override public int getBeginColumn() { return columnAt(tokenBegin); }
    @Override public int getEndLine() { return lineAt(Math.max(pos, tokenBegin)); }
    @Override public int getEndColumn() { return columnAt(Math.max(pos, tokenBegin)); }
    @Override @Deprecated public int getLine() { return getEndLine(); }
    @Override @Deprecated public int getColumn() { return getEndColumn(); }
    @Override public void Done() {}
    @Override public void setTabSize(int i) {}
    @Override public int getTabSize() { return 1; }
    @Override public boolean getTrackLineColumn() { return true; }
    @Override public void setTrackLineColumn(boolean b) {}
}
