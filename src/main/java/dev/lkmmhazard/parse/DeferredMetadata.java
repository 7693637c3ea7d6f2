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
 * <p>Only lines of LLVM's shape are deferred ({@link FileLayout}), each id once and the ids dense. A file whose
 * trailing block is anything else (truncated, hand-written over several lines, damaged) is read whole as before, so
 * that its errors are reported as before. What a well-shaped line may still hold, a misspelled field or a bracket
 * too many, is found when the node is read, and is then in {@link #errors()}.
 */
final class DeferredMetadata implements MetadataTable.Deferred {
    private final String fileName;
    /**
     * The trailing block of the file: a part of the file mapped into memory (outside the heap, where it costs the heap
     * nothing while the checks run) or, for standard input, an array.
     */
    private final ByteBuffer tail;
    /** By id: where its line starts and ends in tail, start -1 when not deferred (or read already); its line number. */
    private final int[] start, end;
    private final int[] line;
    private final int limit;
    private int unread;
    private final ModuleBuilder builder;
    /** The line being read is copied here and lexed from here; grown (with a new lexer) for a longer line. */
    private byte[] scratch = new byte[1 << 14];
    private FastTokenManager lexer;
    private final LlvmIrParser parser;
    private final List<ParseError> errors = new ArrayList<>();

    private DeferredMetadata(String fileName, ByteBuffer tail, int[] start, int[] end, int[] line, int limit, int unread,
                             ModuleBuilder builder) {
        this.fileName = fileName;
        this.tail = tail;
        this.start = start;
        this.end = end;
        this.line = line;
        this.limit = limit;
        this.unread = unread;
        this.builder = builder;
        this.lexer = new FastTokenManager(scratch, 0, 0, 1);
        this.parser = new LlvmIrParser(lexer);
        this.parser.b = builder;
    }

    /**
     * The deferred reader of the trailing block the layout found, tail holding its bytes (from the block's first byte)
     * and tailLine the line it starts on; null when there is none or it cannot be deferred (ids far apart, an id
     * defined twice or already in the table). Then the caller reads the block as usual, and the parser reports what is
     * wrong with it.
     */
    static DeferredMetadata of(String fileName, ByteBuffer tail, FileLayout layout, int tailLine, MetadataTable table,
                               ModuleBuilder builder) {
        if (layout.count == 0 || table.sparseIds().iterator().hasNext()) return null;
        int limit = 0;
        for (int k = 0; k < layout.count; k++) limit = Math.max(limit, layout.ids[k] + 1);
        if (limit > 4 * (layout.count + 1024)) return null; // sparse ids: read the usual way
        int[] start = new int[limit], end = new int[limit], line = new int[limit];
        Arrays.fill(start, -1);
        for (int k = 0; k < layout.count; k++) {
            int id = layout.ids[k];
            if (start[id] >= 0 || table.peek(id) != null) return null; // a redefinition: let the parser say so
            start[id] = layout.offsets[k] - layout.tailStart;
            end[id] = layout.ends[k] - layout.tailStart;
            line[id] = tailLine + layout.lines[k] - layout.lines[0];
        }
        return new DeferredMetadata(fileName, tail, start, end, line, limit, layout.count, builder);
    }

    @Override public int limit() { return limit; }

    @Override public int unread() { return unread; }

    @Override
    public void read(int id) {
        if (id < 0 || id >= limit || start[id] < 0) return;
        int s = start[id];
        start[id] = -1; // once, whatever comes of it: a node that cannot be read stays absent
        unread--;
        int n = end[id] - s;
        if (n > scratch.length) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
            lexer = new FastTokenManager(scratch, 0, 0, 1);
        }
        try {
            tail.get(s, scratch, 0, n);
        } catch (InternalError x) { // the mapped file shrank under us: another process truncated it
            errors.add(new ParseError(fileName, line[id], 1, "the file changed while it was read", null));
            return;
        }
        lexer.reposition(0, n, line[id]);
        parser.ReInit(lexer);
        int before = builder.errors.size();
        try {
            parser.MetadataDefinition();
            Token next = parser.getToken(1);
            if (next.kind != LlvmIrParserConstants.EOF)
                throw new BuildError("expected the end of the line after metadata '!" + id + "', found "
                        + ErrorMessages.describe(next), next);
            builder.finish(); // references to globals the node holds
            builder.checkMetadataUses(); // and to nodes no line defines
        } catch (ParseException x) {
            int[] deep = lexer.tooDeep(); // the lexer ended the line at a bracket past the nesting limit
            errors.add(deep != null ? ErrorMessages.tooDeep(fileName, deep) : atEndOfLine(ErrorMessages.toParseError(fileName, x, null)));
        } catch (ModuleBuilder.TooManyErrors x) {
            // the builder's count includes the errors of the eager read; what it recorded is moved below
        } catch (NumberFormatException x) {
            errors.add(ErrorMessages.toParseError(fileName, ErrorMessages.numberOutOfRange(parser.token), null));
        } catch (StackOverflowError x) {
            errors.add(ErrorMessages.outOfStack(fileName, line[id], 1));
        } catch (RuntimeException x) {
            errors.add(ErrorMessages.internalError(fileName, line[id], 1, x));
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
