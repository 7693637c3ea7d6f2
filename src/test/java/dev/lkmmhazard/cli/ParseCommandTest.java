package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void directoryOfGoodFilesIsReadWithoutErrors() {
        int status = run("parse", "-j", "2", "corpus/handwritten");
        assertEquals(0, status, err::toString);
        String summary = out.toString(StandardCharsets.UTF_8);
        // corpus/handwritten holds 12 hand-written files, all valid IR
        assertTrue(summary.startsWith("12 files (0 with errors), "), summary);
        assertTrue(summary.contains(" 0 errors;"), summary);
    }

    @Test
    void badFileIsReportedAndTheOthersStillRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.ll"), "define void @f() {\n  ret void\n}\n");
        Files.writeString(dir.resolve("b.ll"), "define void @g() {\n  %x = frobnicate\n  ret void\n}\n");
        Files.writeString(dir.resolve("c.ll"), "define void @h() {\n  ret void\n}\n");
        int status = run("parse", dir.toString());
        assertEquals(2, status);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("b.ll:2:8: error: expected an instruction, found 'frobnicate'"), errors);
        assertEquals(1, errors.lines().count(), errors);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("3 files (1 with errors), 2 functions,"), out::toString);
    }

    @Test
    void aPathTooLongToExamineIsOneLineAndTheOtherFilesAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.ll"), "define void @f() {\n  ret void\n}\n");
        Files.writeString(dir.resolve("z.ll"), "define void @h() {\n  ret void\n}\n");
        try {
            Path bad = DeepTree.firstTooLong(DeepTree.make(dir, "deep"));
            assertEquals(2, run("parse", "-j", "2", dir.toString()));
            assertEquals(bad + ": error: cannot access: File name too long\n", err.toString(StandardCharsets.UTF_8));
            // the entry counts as an input that could not be read; the two files are read
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("3 files (1 with errors), 2 functions, 2 instructions, 1 error;"),
                    out::toString);
        } finally {
            DeepTree.remove(dir, "deep");
        }
    }

    @Test
    void errorsComeInTheOrderOfTheFilesWhateverTheParallelism(@TempDir Path dir) throws Exception {
        // b, d and f are bad, and b is long: read in parallel, d and f are done before it
        StringBuilder longer = new StringBuilder();
        for (int i = 0; i < 50_000; i++) longer.append("define void @g").append(i).append("() {\n  ret void\n}\n");
        for (char c = 'a'; c <= 'f'; c++)
            Files.writeString(dir.resolve(c + ".ll"), (c == 'b' ? longer : "") + ((c - 'a') % 2 == 1
                    ? "define void @" + c + "() {\n  %x = frobnicate\n  ret void\n}\n"
                    : "define void @" + c + "() {\n  ret void\n}\n"));
        assertEquals(2, run("parse", "-j", "1", dir.toString()));
        String one = err.toString(StandardCharsets.UTF_8), oneSummary = out.toString(StandardCharsets.UTF_8).split(";")[0];
        assertEquals(List.of(dir + "/b.ll", dir + "/d.ll", dir + "/f.ll"), one.lines().map(l -> l.substring(0, l.indexOf(':'))).toList());
        for (int i = 0; i < 3; i++) {
            out.reset();
            err.reset();
            assertEquals(2, run("parse", "-j", "3", dir.toString()));
            assertEquals(one, err.toString(StandardCharsets.UTF_8));
            assertEquals(oneSummary, out.toString(StandardCharsets.UTF_8).split(";")[0]);
        }
    }

    @Test
    void aMissingPathIsAFailedInputAndTheOthersAreRead() {
        assertEquals(2, run("parse", "no/such/dir", "corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll"));
        assertEquals("no/such/dir: error: no such file or directory\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("2 files (1 with errors), "), out::toString);
    }
}
