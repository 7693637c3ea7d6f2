package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code -} is standard input in every command that reads IR, as it is in scan, and gives what the file gives. */
class StandardInputTest {
    private static final String BEFORE = "corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_identical.ll";
    private static final String AFTER = "corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll";
    private static final String DUMP = "corpus/passes/clang-19/ctrl_identical.ctrl_identical.txt";
    private final CliRun cli = new CliRun();
    private final InputStream saved = System.in;

    @AfterEach
    void restoreStdin() { System.setIn(saved); }

    private String out() { return cli.out.toString(StandardCharsets.UTF_8); }

    private String err() { return cli.err.toString(StandardCharsets.UTF_8); }

    /** Runs with the file's bytes on standard input; returns stdout with the file's name in place of <stdin>. */
    private String withStdin(String file, int status, String... args) throws Exception {
        System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of(file))));
        assertEquals(status, cli.run(args), this::err);
        return out();
    }

    /** The report without its evidence lines, which name a file by its base name (<stdin> by itself). */
    private static String withoutEvidence(String text) {
        return String.join("\n", text.lines().filter(l -> !l.startsWith("    ")).toList());
    }

    private String fromFile(int status, String... args) {
        assertEquals(status, cli.run(args), this::err);
        return out();
    }

    @Test
    void printReadsStandardInput() throws Exception {
        assertEquals(fromFile(0, "print", AFTER), withStdin(AFTER, 0, "print", "-"));
    }

    @Test
    void depsReadsStandardInput() throws Exception {
        String piped = withStdin(AFTER, 0, "deps", "-f", "json", "-");
        assertTrue(piped.contains("\"<stdin>\""), piped);
        assertEquals(fromFile(0, "deps", "-f", "json", AFTER).replace(AFTER, "<stdin>"), piped);
    }

    @Test
    void parseReadsStandardInputAmongFiles() throws Exception {
        withStdin("src/test/resources/html/script-global.ll", 0, "parse", "-q", BEFORE, "-");
        System.setIn(new ByteArrayInputStream("define void @f() {\n  ret i32 %\n}\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, cli.run("parse", "-q", "-"));
        assertTrue(err().startsWith("<stdin>:2:"), this::err);
    }

    @Test
    void diffTakesEitherSideFromStandardInputButNotBoth() throws Exception {
        String piped = withStdin(BEFORE, 1, "diff", "-", AFTER);
        assertTrue(piped.contains("before optimization (<stdin>):"), piped);
        assertEquals(withoutEvidence(fromFile(1, "diff", BEFORE, AFTER).replace(BEFORE, "<stdin>")), withoutEvidence(piped));
        assertEquals(2, cli.run("diff", "-", "-"));
        assertTrue(err().contains("standard input (-) can be given only once"), this::err);
    }

    @Test
    void passesReadsADumpFromStandardInput() throws Exception {
        String piped = withStdin(DUMP, 1, "passes", "-");
        assertTrue(piped.contains("[ctrl-hoisted-store]"), piped);
        assertEquals(withoutEvidence(fromFile(1, "passes", DUMP).replace(DUMP, "<stdin>").replace(Path.of(DUMP).getFileName().toString(), "<stdin>")), withoutEvidence(piped));
        assertEquals(2, cli.run("passes", "--run", "-"));
        assertTrue(err().contains("--run gives opt a file"), this::err);
    }

    @Test
    void mergeAndCompareTakeOneReportFromStandardInput(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path old = dir.resolve("old.json"), now = dir.resolve("new.json");
        assertEquals(0, cli.run("scan", "-f", "json", "-o", old.toString(), "--fail-on", "never", BEFORE));
        assertEquals(0, cli.run("scan", "-f", "json", "-o", now.toString(), "--fail-on", "never", AFTER));
        String fromFiles = fromFile(0, "compare", "--fail-on", "never", old.toString(), now.toString());
        String piped = withStdin(now.toString(), 0, "compare", "--fail-on", "never", old.toString(), "-");
        assertTrue(piped.contains("new"), piped);
        assertEquals(fromFiles.replace(now.toString(), "<stdin>"), piped);

        String merged = fromFile(0, "merge", "--fail-on", "never", old.toString(), now.toString());
        assertEquals(merged, withStdin(old.toString(), 0, "merge", "--fail-on", "never", "-", now.toString()));
        assertEquals(2, cli.run("merge", "-", "-"));
        assertTrue(err().contains("standard input (-) can be given only once"), this::err);

        System.setIn(new ByteArrayInputStream("{\"files\": [".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, cli.run("compare", "-", now.toString()));
        assertTrue(err().startsWith("<stdin>:1:"), this::err);
    }
}
