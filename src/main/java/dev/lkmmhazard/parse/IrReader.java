package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/** Reads a textual LLVM IR file into a {@link Module}; every problem comes back as a one-line {@link ParseError}. */
public final class IrReader {
    private IrReader() {}

    /** Largest file read whole; larger inputs are refused with a clear error rather than an OutOfMemoryError. */
    static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 64;

    /**
     * Deepest nesting of brackets read. The parser is recursive descent, as are the analyses over constant expressions
     * and types, so each level costs stack; 100,000 levels would overflow it. Real IR nests a few dozen levels at most;
     * 256 needs about a third of a 1 MiB thread stack in the parser.
     */
    public static final int MAX_NESTING = 256;

    /**
     * Default limit of {@link #read(Path, long)}. A file is held whole and its module takes up to about 2.8 times its
     * size, so a file of this size needs 2 GB of heap; the largest kernel file seen is 64 MB. Past it, a one-line
     * error instead of minutes of reading and an OutOfMemoryError.
     */
    public static final long DEFAULT_MAX_SIZE = 512L << 20;

    public static ParseResult read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_SIZE);
    }

    /** Reads a file of at most maxSize bytes (at most 2 GiB in any case); a larger one is a one-line error. */
    public static ParseResult read(Path file, long maxSize) throws IOException {
        return read(file, maxSize, false);
    }

    /**
     * As {@link #read(Path, long)}; with deferMetadata, the numbered metadata nodes at the end of the file are kept as
     * text and each is read when first asked for ({@link DeferredMetadata}).
     */
    public static ParseResult read(Path file, long maxSize, boolean deferMetadata) throws IOException {
        long size = Files.size(file);
        long limit = Math.min(maxSize, MAX_FILE_SIZE);
        if (size > limit) {
            return failed(file.toString(), 1, 1, "file is " + size(size) + ", larger than the limit of " + size(limit)
                    + (limit < MAX_FILE_SIZE ? " (raise it with --max-size)" : ""));
        }
        // the bytes go straight to the reader, held by no frame on the way, so that it can drop them (see below)
        return read(file.toString(), Files.readAllBytes(file), file, false, 1, deferMetadata);
    }

    /**
     * The bytes [from, to) of file, mapped read-only; null when there is no file (standard input), it is not a regular
     * file, it is no longer as long as what was read, or mapping fails: then the caller keeps them on the heap.
     */
    private static ByteBuffer mapTail(Path file, int from, int to) {
        if (file == null || !Files.isRegularFile(file)) return null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != to) return null;
            return ch.map(FileChannel.MapMode.READ_ONLY, from, to - from);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** A size for people: 1.0 GB, 512 MB, 3 KB. */
    public static String size(long bytes) {
        if (bytes >= 1L << 30) return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return (bytes >> 20) + " MB";
        if (bytes >= 1L << 10) return (bytes >> 10) + " KB";
        return bytes + " bytes";
    }

    public static ParseResult read(String displayName, byte[] content) {
        return read(displayName, content, null, false, 1, false);
    }

    /** As {@link #read(String, byte[])}, with the trailing metadata deferred when deferMetadata is true. */
    public static ParseResult read(String displayName, byte[] content, boolean deferMetadata) {
        return read(displayName, content, null, false, 1, deferMetadata);
    }

    /**
     * Reads one snapshot of a pass dump ({@code -print-after-all}, {@code -print-changed}): a function printed alone
     * uses globals and functions that the dump never declares, so each undefined global is declared on its first use
     * (a called one as a function of the call's type, any other as an external global). {@link #read} keeps such a
     * use an error. {@code firstLine} is the line of the dump where the snapshot begins, so that positions (errors,
     * {@code Instruction.line()}) are those of the dump file.
     */
    public static ParseResult readDump(String displayName, byte[] content, int firstLine) {
        return read(displayName, content, null, true, firstLine, false);
    }

    /**
     * Reads content; with deferMetadata, the trailing block of numbered metadata is deferred when its lines allow it
     * ({@link FileLayout}, {@link DeferredMetadata}), else read with the rest. When content is the file's (file not
     * null), the deferred block is mapped from the file instead of kept on the heap.
     */
    private static ParseResult read(String displayName, byte[] content, Path file, boolean declareUndefined, int firstLine,
                                    boolean deferMetadata) {
        String problem = notTextIr(content);
        if (problem != null) return failed(displayName, 1, 1, problem);
        FileLayout layout = deferMetadata ? FileLayout.of(content, content.length) : null;
        // The hand-written lexer checks the nesting limit as it reads; JavaCC's reference lexer needs a pass first.
        if (usesJavaccLexer()) {
            int[] deep = tooDeep(content, firstLine);
            if (deep != null) return failed(ErrorMessages.tooDeep(displayName, deep));
        }
        boolean typedPointers = usesTypedPointers(content);
        ByteBuffer tail = null;
        if (layout != null && layout.count > 0) {
            // Only the head stays on the heap, and only while it is parsed: the caller passes the file's bytes as an
            // expression, so dropping them here lets the collector take them. The tail is mapped from the file.
            tail = mapTail(file, layout.tailStart, content.length);
            if (tail == null) tail = ByteBuffer.wrap(Arrays.copyOfRange(content, layout.tailStart, content.length));
            content = Arrays.copyOf(content, layout.tailStart);
        }
        ModuleBuilder builder = new ModuleBuilder(displayName, typedPointers);
        builder.declareUndefined = declareUndefined;
        LlvmIrParserTokenManager lexer = lexer(content, 0, content.length, firstLine);
        LlvmIrParser parser = new LlvmIrParser(lexer);
        parser.b = builder;
        // where the tail's lines start: the hand-written lexer counts the head's lines as it reads
        int headLines = tail != null && !(lexer instanceof FastTokenManager) ? lineBreaks(content) : 0;
        content = null;
        DeferredMetadata deferred = null;
        LlvmIrParserTokenManager tailLexer = null;
        try {
            parser.Module();
            if (tooDeep(lexer) != null) return failed(ErrorMessages.tooDeep(displayName, tooDeep(lexer)));
            if (tail != null) {
                int tailLine = lexer instanceof FastTokenManager fast ? fast.line() : firstLine + headLines;
                deferred = DeferredMetadata.of(displayName, tail, layout, tailLine, builder.module.metadata, builder);
                if (deferred == null) {
                    byte[] bytes = new byte[tail.capacity()];
                    tail.get(0, bytes);
                    tailLexer = lexer(bytes, 0, bytes.length, tailLine);
                    parser.ReInit(tailLexer);
                    parser.Module();
                    if (tooDeep(tailLexer) != null) return failed(ErrorMessages.tooDeep(displayName, tooDeep(tailLexer)));
                }
            }
            builder.finish();
            if (deferred != null) {
                for (int k = 0; k < layout.count; k++) builder.metadataDefined(layout.ids[k]);
                builder.module.metadata.setDeferred(deferred);
            }
            builder.checkMetadataUses();
            builder.checkTypeUses();
        } catch (ModuleBuilder.TooManyErrors e) {
            // The errors so far are reported; reading more of such a file helps nobody. The module is left half built
            // (forward references unresolved), so nothing may scan it.
            return new ParseResult(null, List.copyOf(builder.errors));
        } catch (ParseException e) {
            // the lexer ends the input at a bracket past the nesting limit, which the parser may find mid-statement
            int[] deep = tooDeep(tailLexer != null ? tailLexer : lexer);
            if (deep != null) return failed(ErrorMessages.tooDeep(displayName, deep));
            builder.topLevelError(e);
        } catch (RuntimeException e) {
            // a bug of the reader: one line for the user, the other files still read; ScanFuzzTest fails on it
            builder.errors.add(ErrorMessages.internalError(displayName, parser.token == null ? 1 : parser.token.beginLine,
                    parser.token == null ? 1 : parser.token.beginColumn, e));
            return new ParseResult(null, List.copyOf(builder.errors));
        } catch (StackOverflowError e) {
            builder.errors.add(ErrorMessages.outOfStack(displayName, parser.token == null ? 1 : parser.token.beginLine,
                    parser.token == null ? 1 : parser.token.beginColumn));
            return new ParseResult(null, List.copyOf(builder.errors)); // half built: nothing may scan it
        }
        return new ParseResult(builder.module, List.copyOf(builder.errors), deferred);
    }

    /** {line, column} of the bracket past the nesting limit at which the hand-written lexer stopped, or null. */
    private static int[] tooDeep(LlvmIrParserTokenManager lexer) {
        return lexer instanceof FastTokenManager fast ? fast.tooDeep() : null;
    }

    private static boolean usesJavaccLexer() { return "javacc".equals(System.getProperty("lkmm.lexer")); }

    /**
     * The hand-written lexer; {@code -Dlkmm.lexer=javacc} selects the token manager JavaCC generates from the same
     * token specification (slower, kept as the reference).
     */
    static LlvmIrParserTokenManager lexer(byte[] content) { return lexer(content, 0, content.length, 1); }

    private static LlvmIrParserTokenManager lexer(byte[] content, int start, int end, int firstLine) {
        if (usesJavaccLexer())
            return new LlvmIrParserTokenManager(new ByteCharStream(content, start, end, firstLine));
        return new FastTokenManager(content, start, end, firstLine);
    }

    private static int lineBreaks(byte[] c) {
        int n = 0;
        for (byte b : c) if (b == '\n') n++;
        return n;
    }

    private static ParseResult failed(String file, int line, int col, String message) {
        return failed(new ParseError(file, line, col, message, null));
    }

    private static ParseResult failed(ParseError e) { return new ParseResult(null, List.of(e)); }

    /** Recognises inputs that are not IR text at all, before the lexer turns them into a wall of errors. */
    static String notTextIr(byte[] c) {
        if (c.length >= 4 && (c[0] & 0xff) == 'B' && (c[1] & 0xff) == 'C' && (c[2] & 0xff) == 0xC0 && (c[3] & 0xff) == 0xDE)
            return "this is LLVM bitcode, not textual IR; convert it with 'llvm-dis FILE.bc -o FILE.ll'";
        if (c.length >= 4 && (c[0] & 0xff) == 0xDE && (c[1] & 0xff) == 0xC0 && (c[2] & 0xff) == 0x17 && (c[3] & 0xff) == 0x0B)
            return "this is LLVM bitcode (with a wrapper header), not textual IR; convert it with 'llvm-dis FILE.bc -o FILE.ll'";
        // IR text escapes every control byte in strings; a few stray ones are parse errors, many mean binary data
        int n = Math.min(c.length, 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = c[i] & 0xff;
            if (b == 0) return "this is binary data, not textual LLVM IR (NUL byte at offset " + i + ")";
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') control++;
        }
        if (control > 8 && control * 50 > n) return "this is binary data, not textual LLVM IR (" + control + " control bytes in the first " + n + ")";
        return null;
    }

    /**
     * The line and column of the first bracket ({@code ( [ { <}) that opens more than {@link #MAX_NESTING} levels,
     * outside comments and quoted text; null when there is none.
     */
    static int[] tooDeep(byte[] c, int firstLine) {
        int depth = 0, line = firstLine, lineStart = 0;
        for (int i = 0; i < c.length; i++) {
            byte b = c[i];
            switch (b) {
                case '\n' -> { line++; lineStart = i + 1; }
                case ';' -> { // a comment, up to the end of the line
                    while (i + 1 < c.length && c[i + 1] != '\n') i++;
                }
                case '"' -> { // a string or quoted name, which may span lines
                    i++;
                    while (i < c.length && c[i] != '"') {
                        if (c[i] == '\n') { line++; lineStart = i + 1; }
                        i++;
                    }
                }
                case '(', '[', '{', '<' -> {
                    if (++depth > MAX_NESTING) return new int[] {line, i - lineStart + 1};
                }
                case ')', ']', '}', '>' -> { if (depth > 0) depth--; }
                default -> { }
            }
        }
        return null;
    }

    /**
     * LLVM 14 and older write typed pointers ({@code i8*}); newer ones write {@code ptr}. The answer decides the types
     * of globals and allocas, which the text never states.
     */
    static boolean usesTypedPointers(byte[] c) {
        boolean star = false;
        for (int i = 0; i < c.length; i++) {
            byte b = c[i];
            if (b == ';') { // a comment, up to the c.length of the line
                while (i < c.length && c[i] != '\n') i++;
            } else if (b == '"') { // a string or quoted name
                i++;
                while (i < c.length && c[i] != '"') i++;
            } else if (b == '*') {
                star = true;
            } else if (i + 3 <= c.length && b == 'p' && c[i + 1] == 't' && c[i + 2] == 'r'
                    && (i == 0 || !identChar(c[i - 1])) && (i + 3 == c.length || !identChar(c[i + 3]))
                    && (i == 0 || (c[i - 1] != '%' && c[i - 1] != '@' && c[i - 1] != '!'))) {
                return false;
            }
        }
        // a file with no pointer type of either kind is read as LLVM 15 and later read it
        return star;
    }

    private static boolean identChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '.' || b == '$' || b == '-';
    }
}
