package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a textual LLVM IR file into a {@link Module}; every problem comes back as a one-line {@link ParseError}. */
public final class IrReader {
    private IrReader() {}

    /** Largest file read whole; larger inputs are refused with a clear error rather than an OutOfMemoryError. */
    static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 64;

    public static ParseResult read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_SIZE) {
            return failed(file.toString(), 1, 1, "file is too large (" + size + " bytes); files up to 2 GiB can be read");
        }
        return read(file.toString(), Files.readAllBytes(file));
    }

    public static ParseResult read(String displayName, byte[] content) {
        return read(displayName, content, false, 1);
    }

    /**
     * Reads one snapshot of a pass dump ({@code -print-after-all}, {@code -print-changed}): a function printed alone
     * uses globals and functions that the dump never declares, so each undefined global is declared on its first use
     * (a called one as a function of the call's type, any other as an external global). {@link #read} keeps such a
     * use an error. {@code firstLine} is the line of the dump where the snapshot begins, so that positions (errors,
     * {@code Instruction.line()}) are those of the dump file.
     */
    public static ParseResult readDump(String displayName, byte[] content, int firstLine) {
        return read(displayName, content, true, firstLine);
    }

    private static ParseResult read(String displayName, byte[] content, boolean declareUndefined, int firstLine) {
        String problem = notTextIr(content);
        if (problem != null) return failed(displayName, 1, 1, problem);
        ModuleBuilder builder = new ModuleBuilder(displayName, usesTypedPointers(content));
        builder.declareUndefined = declareUndefined;
        LlvmIrParser parser = new LlvmIrParser(lexer(content, firstLine));
        parser.b = builder;
        try {
            parser.Module();
            builder.finish();
        } catch (ModuleBuilder.TooManyErrors e) {
            // the errors so far are reported; reading more of such a file helps nobody
        } catch (ParseException e) {
            builder.topLevelError(e);
        } catch (StackOverflowError e) {
            builder.errors.add(new ParseError(displayName, parser.token == null ? 1 : parser.token.beginLine,
                    parser.token == null ? 1 : parser.token.beginColumn, "nesting too deep to read", null));
        }
        return new ParseResult(builder.module, List.copyOf(builder.errors));
    }

    /**
     * The hand-written lexer; {@code -Dlkmm.lexer=javacc} selects the token manager JavaCC generates from the same
     * token specification (slower, kept as the reference).
     */
    static LlvmIrParserTokenManager lexer(byte[] content) { return lexer(content, 1); }

    private static LlvmIrParserTokenManager lexer(byte[] content, int firstLine) {
        if ("javacc".equals(System.getProperty("lkmm.lexer")))
            return new LlvmIrParserTokenManager(new ByteCharStream(content, 0, content.length, firstLine));
        return new FastTokenManager(content, 0, content.length, firstLine);
    }

    private static ParseResult failed(String file, int line, int col, String message) {
        return new ParseResult(null, List.of(new ParseError(file, line, col, message, null)));
    }

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
     * LLVM 14 and older write typed pointers ({@code i8*}); newer ones write {@code ptr}. The answer decides the types
     * of globals and allocas, which the text never states.
     */
    static boolean usesTypedPointers(byte[] c) {
        for (int i = 0; i + 3 <= c.length; i++) {
            byte b = c[i];
            if (b == ';') { // a comment, up to the end of the line
                while (i < c.length && c[i] != '\n') i++;
            } else if (b == '"') { // a string or quoted name
                i++;
                while (i < c.length && c[i] != '"') i++;
            } else if (b == 'p' && c[i + 1] == 't' && c[i + 2] == 'r'
                    && (i == 0 || !identChar(c[i - 1])) && (i + 3 == c.length || !identChar(c[i + 3]))
                    && (i == 0 || (c[i - 1] != '%' && c[i - 1] != '@' && c[i - 1] != '!'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean identChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '.' || b == '$' || b == '-';
    }
}
