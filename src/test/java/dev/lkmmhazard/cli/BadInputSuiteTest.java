package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs through the whole command, {@code scan}: each gets one clear line (FILE:LINE:COL where there is a
 * position), the other files are still scanned, the exit status says what happened (2 when a file could not be read
 * whole), and nothing prints a stack trace. The inputs too large for a unit test (1 GB, 10 million instructions) are
 * in {@code BadInputSuiteIT}.
 */
class BadInputSuiteTest {
    private static final String CTRL = "corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll";
    private static final Pattern DIAGNOSTIC = Pattern.compile("^\\S+:\\d+:\\d+: error: .+$");

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int scan(String... args) {
        out.reset();
        err.reset();
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String both = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertFalse(both.contains("Exception") || both.contains("at dev.lkmmhazard") || both.contains("Error:"), both);
        return status;
    }

    private List<String> errLines() { return err.toString(StandardCharsets.UTF_8).lines().toList(); }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private Path write(String name, String latin1) throws IOException { return write(name, latin1.getBytes(StandardCharsets.ISO_8859_1)); }

    @Test
    void emptyFileIsAnEmptyModule() throws IOException {
        Path p = write("empty.ll", new byte[0]);
        assertEquals(0, scan(p.toString()));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void binaryAndBitcodeAreOneLineEachAndTheOtherFilesAreScanned() throws IOException {
        byte[] junk = new byte[10_000];
        new Random(3).nextBytes(junk);
        Path bin = write("junk.ll", junk);
        Path bc = write("x.ll", new byte[] {'B', 'C', (byte) 0xC0, (byte) 0xDE, 0x35, 0x14, 0, 0});
        assertEquals(2, scan("--fail-on", "never", bin.toString(), bc.toString(), CTRL));
        List<String> lines = errLines();
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith(bin + ":1:1: error: this is binary data"), lines.get(0));
        assertTrue(lines.get(1).startsWith(bc + ":1:1: error: this is LLVM bitcode"), lines.get(1));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("marked store merged"), "the good file is still scanned");
    }

    @Test
    void aRealFileCutAtEveryTenthGivesOneLineOrAResult() throws IOException {
        byte[] all = Files.readAllBytes(Path.of(CTRL));
        for (int k = 1; k <= 9; k++) {
            Path cut = write("cut" + k + ".ll", Arrays.copyOf(all, all.length * k / 10));
            int status = scan("--fail-on", "never", cut.toString());
            assertTrue(status == 0 || status == 2, "exit status " + status);
            for (String l : errLines()) assertTrue(DIAGNOSTIC.matcher(l).matches(), l);
            assertEquals(status == 2 ? 1 : 0, errLines().size(), () -> errLines().toString());
        }
    }

    @Test
    void a100000LevelConstantExpressionIsTooDeepNotAStackOverflow() throws IOException {
        int n = 100_000;
        StringBuilder sb = new StringBuilder("@g = global i8 0\n@p = global ptr ");
        for (int i = 0; i < n; i++) sb.append("getelementptr (i8, ptr ");
        sb.append("@g");
        for (int i = 0; i < n; i++) sb.append(", i64 1)");
        sb.append('\n');
        Path p = write("deep.ll", sb.toString());
        assertEquals(2, scan(p.toString()));
        assertEquals(List.of(p + ":2:5919: error: nested too deeply (limit 256 levels of brackets)"), errLines());
    }

    @Test
    void invalidUtf8InQuotedNamesIsShownAsReplacementCharactersAndJsonStaysUtf8() throws IOException, CharacterCodingException {
        // the function with the finding, renamed with a byte that is not UTF-8; a second, broken one names itself in its error
        String text = new String(Files.readAllBytes(Path.of(CTRL)), StandardCharsets.ISO_8859_1)
                .replace("@ctrl_identical(", "@\"ctrl_\u00ffidentical\"(")
                + "\ndefine void @\"bad\u00fe\"() {\n  %x = add 0\n  ret void\n}\n";
        Path p = write("bytes.ll", text);
        assertEquals(2, scan("--format", "json", p.toString()));
        byte[] json = out.toByteArray();
        String decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)).toString(); // throws if not UTF-8
        assertTrue(decoded.contains("ctrl_\ufffdidentical"), "the finding's function");
        assertTrue(decoded.contains("'@bad\ufffd'"), "the error's function");
        assertEquals(1, errLines().size());
        assertTrue(errLines().get(0).contains("'@bad\ufffd', which is skipped"), errLines().get(0));
    }

    @Test
    void anUnknownInstructionCostsItsFunctionAndAnUnknownAttributeNothing() throws IOException {
        String text = new String(Files.readAllBytes(Path.of(CTRL)), StandardCharsets.ISO_8859_1)
                + "\ndefine i32 @future(i32 %x) #77 {\n  %y = frobnicate i32 %x\n  ret i32 %y\n}\n"
                + "attributes #77 = { nounwind quantum_entangled(3) }\n";
        Path p = write("future.ll", text);
        assertEquals(2, scan("--fail-on", "never", p.toString()));
        List<String> lines = errLines();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches(Pattern.quote(p.toString())
                + ":\\d+:8: error: expected an instruction, found 'frobnicate' \\(an instruction of a newer LLVM\\?\\)"
                + " \\(in function '@future', which is skipped\\); the rest of the file was scanned"), lines.get(0));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("future.ll:40:3: error: marked store merged"),
                "the rest of the file is scanned: " + out);
    }

    @Test
    void inputLlvmRefusesIsOneLineAndTheOtherFilesAreScanned() throws IOException {
        // what llvm-as refuses while it reads (docs/parser.md): an invalid cast costs its function, local linkage
        // with hidden visibility its global; scan shows a file's first error and counts the others
        Path bad = write("refused.ll", "define i64 @f(i32 %x) {\n  %r = trunc i32 %x to i64\n  ret i64 %r\n}\n"
                + "@g = internal hidden global i32 0\n");
        assertEquals(2, scan("--fail-on", "never", bad.toString(), CTRL));
        assertEquals(List.of(bad + ":2:8: error: invalid cast opcode for cast from 'i32' to 'i64' (in function '@f', which is"
                + " skipped) (and 1 more errors); the rest of the file was scanned"), errLines());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ctrl_identical.ll:40:3: error: marked store merged"),
                "the other file is scanned: " + out);
    }

    @Test
    void unreadableFilesAndSymlinkLoopsInADirectoryAreOneLineEach() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.copy(Path.of(CTRL), tree.resolve("good.ll"));
        Files.createSymbolicLink(tree.resolve("loop"), Path.of("."));      // a directory loop: not followed
        Files.createSymbolicLink(tree.resolve("a.ll"), Path.of("b.ll"));   // a file loop: a.ll -> b.ll -> a.ll
        Files.createSymbolicLink(tree.resolve("b.ll"), Path.of("a.ll"));
        Path locked = tree.resolve("locked.ll");
        Files.copy(Path.of(CTRL), locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        // root reads anything: then the locked file is simply scanned
        boolean lockedReadable = Files.isReadable(locked);

        assertEquals(2, scan("--fail-on", "never", tree.toString()));
        List<String> lines = errLines();
        assertEquals(lockedReadable ? 2 : 3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith(tree.resolve("a.ll") + ": error: "), lines.get(0));
        assertTrue(lines.get(0).contains("symbolic links"), lines.get(0));
        assertTrue(lines.get(1).startsWith(tree.resolve("b.ll") + ": error: "), lines.get(1));
        if (!lockedReadable) assertEquals(locked + ": error: permission denied: " + locked, lines.get(2));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("good.ll:40:3: error: marked store merged"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aFileUnreadableForItsOwnerIsPermissionDenied() throws IOException {
        Path locked = write("locked.ll", "");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as root, which reads any file");
        assertEquals(2, scan(locked.toString()));
        assertEquals(List.of(locked + ": error: permission denied: " + locked), errLines());
    }

    @Test
    void aPathTooLongToExamineBelowADirectoryIsOneLineAndTheOtherFilesAreScanned() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.copy(Path.of(CTRL), tree.resolve("good.ll"));
        try {
            Path bad = DeepTree.firstTooLong(DeepTree.make(tree, "deep"));
            String line = bad + ": error: cannot access: File name too long";
            assertEquals(2, scan("--fail-on", "never", tree.toString()));
            assertEquals(List.of(line), errLines());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("good.ll:40:3: error: marked store merged"), out::toString);

            assertEquals(2, scan("--format", "json", tree.toString()));
            assertEquals(List.of(line), errLines());
            JsonNode files = new ObjectMapper().readTree(out.toByteArray()).path("files");
            assertEquals(2, files.size(), files::toString);
            assertEquals(bad.toString(), files.get(0).path("path").asText());
            assertEquals("error", files.get(0).path("status").asText());
            assertEquals(line, files.get(0).path("error").asText());
            assertEquals(tree.resolve("good.ll").toString(), files.get(1).path("path").asText());
            assertEquals("ok", files.get(1).path("status").asText());
        } finally {
            DeepTree.remove(tree, "deep");
        }
    }

    @Test
    void aSubdirectoryUnreadableForItsOwnerIsOneLineAndTheOtherFilesAreScanned() throws IOException {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.copy(Path.of(CTRL), tree.resolve("good.ll"));
        Path locked = Files.createDirectories(tree.resolve("locked"));
        Files.copy(Path.of(CTRL), locked.resolve("hidden.ll"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "running as root, which lists any directory");
            assertEquals(2, scan("--fail-on", "never", tree.toString()));
            assertEquals(List.of(locked + ": error: cannot list directory: permission denied"), errLines());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("good.ll:40:3: error: marked store merged"), out::toString);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aMissingPathIsAFailedInputAndTheOtherFilesAreStillReported() throws IOException {
        Path good = dir.resolve("good.ll");
        Files.copy(Path.of("corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll"), good, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(2, scan("--fail-on", "never", dir.resolve("nowhere.ll").toString(), good.toString()));
        assertEquals(List.of(dir.resolve("nowhere.ll") + ": error: no such file or directory"), errLines());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("good.ll:40:3: error: marked store merged"), out::toString);
    }

    @Test
    void aDirectoryWithNothingToScanExitsTwoWithOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, scan(empty.toString()));
        assertEquals(List.of(empty + ": error: no .ll file in this directory or below it"), errLines());
    }

    @Test
    void aFileLargerThanMaxSizeIsOneLineAndNotRead() throws IOException {
        Path big = write("big.ll", new byte[3 << 20]); // NULs: reading it would say binary; the size is checked first
        assertEquals(2, scan("--max-size", "2", big.toString()));
        assertEquals(List.of(big + ":1:1: error: file is 3 MB, larger than the limit of 2 MB (raise it with --max-size)"), errLines());
        assertEquals(2, scan("--max-size", "lots", big.toString()));
        assertEquals(List.of("lkmm-hazard: error: --max-size takes a size in MB from 1 to 2048"), errLines());
    }

    @Test
    void reportsWithBadFilesAreTheSameBytesWhateverTheParallelism() throws IOException {
        byte[] all = Files.readAllBytes(Path.of(CTRL));
        Path tree = Files.createDirectories(dir.resolve("mixed"));
        Files.write(tree.resolve("a-cut.ll"), Arrays.copyOf(all, all.length / 2));
        Files.write(tree.resolve("b-junk.ll"), new byte[] {0, 1, 2, 3});
        Files.copy(Path.of(CTRL), tree.resolve("c-good.ll"));
        Files.writeString(tree.resolve("d-future.ll"), "define void @f() {\n  frobnicate\n}\n");
        for (String format : List.of("json", "sarif")) {
            Path one = dir.resolve("one." + format), four = dir.resolve("four." + format);
            assertEquals(2, scan("-j", "1", "--format", format, "-o", one.toString(), tree.toString()));
            assertEquals(2, scan("-j", "4", "--format", format, "-o", four.toString(), tree.toString()));
            assertTrue(Arrays.equals(Files.readAllBytes(one), Files.readAllBytes(four)), format);
        }
    }
}
