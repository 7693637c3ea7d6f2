package dev.lkmmhazard.cli;

import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One IR argument of a command: a file, or {@code -} for standard input, as in every command that reads one
 * ({@code print}, {@code deps}, {@code diff}, {@code passes}, {@code parse}, {@code scan}). Standard input is read
 * whole once; its name in reports is {@code <stdin>}.
 */
final class IrInput {
    static final String STDIN_ARG = "-";
    static final String STDIN_NAME = "<stdin>";

    private IrInput() {}

    static boolean isStdin(String arg) { return arg.equals(STDIN_ARG); }

    /** The name reports give the input. */
    static String nameOf(String arg) { return isStdin(arg) ? STDIN_NAME : arg; }

    /** A usage error for an argument that is neither - nor a file; {@code what} says what the command wanted. */
    static void requireFile(String arg, String what) throws Main.UsageException {
        if (isStdin(arg)) return;
        Path p = Path.of(arg);
        if (Files.isDirectory(p)) throw new Main.UsageException(arg + " is a directory, not " + what);
        if (!Files.exists(p)) throw new Main.UsageException("no such file: " + arg);
    }

    /** At most one argument may be standard input: it can be read only once. */
    static void atMostOneStdin(List<String> args) throws Main.UsageException {
        if (args.stream().filter(IrInput::isStdin).count() > 1)
            throw new Main.UsageException("standard input (-) can be given only once");
    }

    /** Reads and parses the input whole (metadata included). */
    static ParseResult read(String arg) throws IOException {
        return isStdin(arg) ? IrReader.read(STDIN_NAME, readStdin()) : IrReader.read(Path.of(arg));
    }

    /** Reads and parses the input, the trailing metadata deferred when asked for (scan, diff of directories). */
    static ParseResult read(String arg, long maxSize, boolean deferMetadata) throws IOException {
        return isStdin(arg) ? IrReader.read(STDIN_NAME, readStdin(), deferMetadata) : IrReader.read(Path.of(arg), maxSize, deferMetadata);
    }

    /** The input's bytes. */
    static byte[] bytes(String arg) throws IOException {
        return isStdin(arg) ? readStdin() : Files.readAllBytes(Path.of(arg));
    }

    static byte[] readStdin() throws IOException {
        InputStream in = System.in;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toByteArray();
    }
}
