package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.MetadataTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The block of numbered metadata definitions ({@code !N = ...}, one a line) that ends every file clang and rustc
 * write, kept as bytes and read one node at a time when the module first asks for it. Debug info is more than half
 * of a kernel .ll file and a scan needs a small part of it: reading all of it was half the parse time and most of the
 * module's heap. LLVM's own bitcode reader loads metadata lazily for the same reason.
 *
 * <p>Only lines whose shape is checked here are deferred: {@code !N = [distinct] !...}, brackets balanced and
 * quotes closed within the line, ending in {@code )} or {@code }}, each id once and the ids dense. A file whose
 * trailing block is anything else (truncated, hand-written over several lines, damaged) is read whole as before, so
 * that its errors are reported as before. What a well-shaped line may still hold, a misspelled field, is found when
 * the node is read, and is then in {@link #errors()}.
 */
final class DeferredMetadata implements MetadataTable.Deferred {
    private final String fileName;
    private final byte[] tail;
    /** By id: where its line starts in tail, -1 when not deferred (or read already); and its line in the file. */
    private final int[] start;
    private final int[] line;
    private final int limit;
    private int unread;
    private final ModuleBuilder builder;
    private final FastTokenManager lexer;
    private final LlvmIrParser parser;
    private final List<ParseError> errors = new ArrayList<>();

    private DeferredMetadata(String fileName, byte[] tail, int[] start, int[] line, int limit, int unread, ModuleBuilder builder) {
        this.fileName = fileName;
        this.tail = tail;
        this.start = start;
        this.line = line;
        this.limit = limit;
        this.unread = unread;
        this.builder = builder;
        this.lexer = new FastTokenManager(tail, 0, 0, 1);
        this.parser = new LlvmIrParser(lexer);
        this.parser.b = builder;
    }

    /**
     * Where the trailing block of lines that begin {@code !<digit>} (blank lines between them allowed) starts in
     * c[0, end): the offset of its first line, or end when there is none. Only the first bytes of each line are looked
     * at here; {@link #index} checks the lines. The buffer (a mapped file) is read backwards in chunks copied out of
     * it: read a byte at a time it took a tenth of a scan's CPU.
     */
    static int tailStart(ByteBuffer c, int end) {
        Window w = new Window(c, end);
        int t = end;
        int e = end; // the line looked at is [s, e)
        if (e > 0 && w.at(e - 1) == '\n') e--;
        while (true) {
            int s = e;
            while (s > 0 && w.at(s - 1) != '\n') s--;
            boolean numbered = e - s >= 2 && w.at(s) == '!' && isDigit(w.at(s + 1));
            if (!numbered && !blank(w, s, e)) break;
            if (numbered) t = s;
            if (s == 0) break;
            e = s - 1; // the line before ends at this line's '\n'
        }
        return t;
    }

    /** A window of a buffer copied into an array, moved when a byte outside it is asked for. */
    private static final class Window {
        private final ByteBuffer c;
        private final int end;
        private final byte[] bytes = new byte[1 << 16];
        private int from, to; // bytes holds c[from, to)

        Window(ByteBuffer c, int end) { this.c = c; this.end = end; }

        byte at(int i) {
            if (i < from || i >= to) {
                // mostly walking backwards: the window ends just after i
                to = Math.min(end, i + 1 + 256);
                from = Math.max(0, to - bytes.length);
                c.get(from, bytes, 0, to - from);
            }
            return bytes[i - from];
        }
    }

    private static boolean blank(Window c, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = c.at(i);
            if (b != ' ' && b != '\t' && b != '\r') return false;
        }
        return true;
    }

    private static boolean isDigit(byte b) { return b >= '0' && b <= '9'; }

    /**
     * The deferred reader of tail, whose first byte is on line firstLine, or null when a line is not of the shape
     * that can be deferred (see the class comment) or defines an id the table already has: then the caller reads
     * the tail as usual.
     */
    static DeferredMetadata index(String fileName, byte[] tail, int firstLine, MetadataTable table, ModuleBuilder builder) {
        if (table.sparseIds().iterator().hasNext()) return null;
        int[] start = new int[64], line = new int[64];
        Arrays.fill(start, -1);
        int count = 0, limit = 0, ln = firstLine;
        int p = 0, n = tail.length;
        while (p < n) {
            long r = line(tail, p, n);
            int id = (int) (r >> 32), e = (int) r;
            if (id == NOT_A_DEFINITION) return null;
            if (id != BLANK) {
                if (id >= start.length) {
                    if (id > 4 * (count + 1024)) return null; // sparse ids: read the usual way
                    int size = Math.max(id + 1, start.length * 2);
                    int old = start.length;
                    start = Arrays.copyOf(start, size);
                    line = Arrays.copyOf(line, size);
                    Arrays.fill(start, old, size, -1);
                }
                if (start[id] >= 0 || table.peek(id) != null) return null; // a redefinition: let the parser say so
                start[id] = p;
                line[id] = ln;
                count++;
                limit = Math.max(limit, id + 1);
            }
            p = e + 1;
            ln++;
        }
        return new DeferredMetadata(fileName, tail, start, line, limit, count, builder);
    }

    static final int BLANK = -2, NOT_A_DEFINITION = -1;
    private static final byte[] EQUALS = {' ', '=', ' '};
    private static final byte[] DISTINCT = {'d', 'i', 's', 't', 'i', 'n', 'c', 't', ' '};
    /** Bytes the line check stops at; every other byte is passed over. */
    private static final boolean[] STOP = new boolean[256];

    static {
        for (char ch : "\"()[]{}<>;\n".toCharArray()) STOP[ch] = true;
    }

    /**
     * The line of c that starts at from (c ends at n), as {@code (id << 32) | end}: end is the offset of its '\n' (or
     * n), and id the N of a line {@code !N = [distinct ]!...} whose brackets balance (at most
     * {@link IrReader#MAX_NESTING} deep) and whose quotes close, ending in {@code )} or {@code }}; {@link #BLANK} for
     * a line of white space, {@link #NOT_A_DEFINITION} for any other line.
     */
    static long line(byte[] c, int from, int n) {
        int p = from;
        while (p < n && (c[p] == ' ' || c[p] == '\t' || c[p] == '\r')) p++;
        if (p >= n || c[p] == '\n') return ((long) BLANK << 32) | p;
        long bad = (long) NOT_A_DEFINITION << 32;
        if (p != from || p + 1 >= n || c[p] != '!' || !isDigit(c[p + 1])) return bad | endOfLine(c, p, n);
        long id = 0;
        p++;
        while (p < n && isDigit(c[p])) {
            id = id * 10 + (c[p++] - '0');
            if (id > Integer.MAX_VALUE) return bad | endOfLine(c, p, n);
        }
        if (!startsWith(c, p, n, EQUALS)) return bad | endOfLine(c, p, n);
        p += EQUALS.length;
        if (startsWith(c, p, n, DISTINCT)) p += DISTINCT.length;
        if (p >= n || c[p] != '!') return bad | endOfLine(c, p, n);
        int depth = 0;
        boolean ok = true;
        for (; p < n; p++) {
            byte b = c[p];
            if (!STOP[b & 0xff]) continue;
            if (b == '\n') break;
            switch (b) {
                case '"' -> {
                    p++;
                    while (p < n && c[p] != '"' && c[p] != '\n') p++;
                    if (p >= n || c[p] == '\n') return bad | p;
                }
                case '(', '[', '{', '<' -> { if (++depth > IrReader.MAX_NESTING) ok = false; }
                case ';' -> ok = false; // a comment: not what LLVM writes here
                default -> { if (--depth < 0) ok = false; } // ) ] } >
            }
        }
        int last = p - 1;
        while (last > from && (c[last] == ' ' || c[last] == '\t' || c[last] == '\r')) last--;
        ok &= depth == 0 && (c[last] == ')' || c[last] == '}');
        return ((ok ? id : NOT_A_DEFINITION) << 32) | p;
    }

    private static int endOfLine(byte[] c, int p, int n) {
        while (p < n && c[p] != '\n') p++;
        return p;
    }

    private static boolean startsWith(byte[] c, int p, int n, byte[] s) {
        if (n - p < s.length) return false;
        for (int i = 0; i < s.length; i++) if (c[p + i] != s[i]) return false;
        return true;
    }

    @Override public int limit() { return limit; }

    @Override public int unread() { return unread; }

    @Override
    public void read(int id) {
        if (id < 0 || id >= limit || start[id] < 0) return;
        int s = start[id];
        start[id] = -1; // once, whatever comes of it: a node that cannot be read stays absent
        unread--;
        int e = s;
        while (e < tail.length && tail[e] != '\n') e++;
        lexer.reposition(s, e, line[id]);
        parser.ReInit(lexer);
        int before = builder.errors.size();
        try {
            parser.MetadataDefinition();
            Token next = parser.getToken(1);
            if (next.kind != LlvmIrParserConstants.EOF)
                throw new BuildError("expected the end of the line after metadata '!" + id + "', found "
                        + ErrorMessages.describe(next), next);
            builder.finish(); // references to globals the node holds
        } catch (ParseException x) {
            errors.add(atEndOfLine(ErrorMessages.toParseError(fileName, x, null)));
        } catch (ModuleBuilder.TooManyErrors x) {
            // the builder's count includes the errors of the eager read; what it recorded is moved below
        } catch (NumberFormatException x) {
            errors.add(ErrorMessages.toParseError(fileName, ErrorMessages.numberOutOfRange(parser.token), null));
        } catch (RuntimeException | StackOverflowError x) {
            errors.add(new ParseError(fileName, line[id], 1, "internal error of the reader (" + x.getClass().getSimpleName()
                    + (x.getMessage() == null ? "" : ": " + x.getMessage()) + "); please report it", null));
        }
        while (builder.errors.size() > before) errors.add(builder.errors.remove(before));
    }

    /** The lexer ends at the end of the line; where a whole file would be truncated, this line is. */
    private static ParseError atEndOfLine(ParseError e) {
        String d = e.detail();
        String truncated = "unexpected end of file (the file looks truncated)";
        if (!d.startsWith(truncated)) return e;
        return new ParseError(e.file(), e.line(), e.column(), "unexpected end of line" + d.substring(truncated.length()), e.function());
    }

    /** Errors met in the nodes read so far. */
    List<ParseError> errors() { return List.copyOf(errors); }

    /** Reads every node not read yet, so that {@link #errors()} holds all there are. */
    void readAll() {
        for (int id = 0; id < limit; id++) if (start[id] >= 0) read(id);
    }
}
