package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lkmmhazard.LlvmTools;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.report.ScanReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code passes} end to end: the report carries the pass, and {@code --run} makes its own dump with opt-19. */
class PassesCommandTest {
    private static final String DUMP = "corpus/passes/clang-19/ctrl_identical.ctrl_identical.txt";
    private final CliRun cli = new CliRun();
    private final ByteArrayOutputStream out = cli.out, err = cli.err;

    private int run(String... args) { return cli.run(args); }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    @Test
    void textNamesThePass() {
        assertEquals(1, run("passes", DUMP), this::out);
        assertTrue(out().contains("[ctrl-hoisted-store]"), out());
        assertTrue(out().contains("  broken by SimplifyCFGPass (pass 60)\n"), out());
    }

    @Test
    void jsonCarriesBrokenByAndReadsBack(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        assertEquals(1, run("passes", "--format", "json", "-o", report.toString(), DUMP), () -> err.toString(StandardCharsets.UTF_8));
        JsonNode f = new ObjectMapper().readTree(report.toFile()).path("findings").get(0);
        assertEquals("SimplifyCFGPass", f.path("brokenBy").path("pass").asText());
        assertEquals(60, f.path("brokenBy").path("number").asInt());
        ScanReport back = JsonReport.read(report);
        assertEquals("SimplifyCFGPass", back.findings().get(0).brokenBy().pass());
        // a baseline of the same report leaves nothing to report
        assertEquals(0, run("passes", "--baseline", report.toString(), DUMP), this::out);
    }

    @Test
    void sarifPutsThePassInTheProperties() throws Exception {
        run("passes", "--format", "sarif", DUMP);
        JsonNode props = new ObjectMapper().readTree(out.toByteArray()).path("runs").get(0).path("results").get(0).path("properties");
        assertEquals("SimplifyCFGPass", props.path("brokenBy").path("pass").asText(), out());
    }

    /** --run needs opt-19: skipped without it, except in CI, which must have it. */
    private static void requireOpt() {
        boolean have = LlvmTools.onPath("opt-19");
        if (LlvmTools.inCi()) assertTrue(have, "opt-19 must be installed in CI");
        assumeTrue(have, "opt-19 not installed");
    }

    @Test
    void runMakesTheDumpWithOpt(@TempDir Path dir) throws Exception {
        requireOpt();
        Path keep = dir.resolve("opt.dump");
        assertEquals(1, run("passes", "--run", "--keep-dump", keep.toString(), "-q",
                "corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_identical.ll"), () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(keep).contains("*** IR Dump At Start ***"), "-print-changed output kept");
        // opt runs the same late SimplifyCFG as clang; in the whole module its number differs from clang's dump
        assertTrue(out().contains("[ctrl-hoisted-store]") && out().contains("  in function ctrl_identical,"), out());
        assertTrue(out().matches("(?s).*in function ctrl_identical,[^\\n]*\\n  broken by SimplifyCFGPass \\(pass \\d+\\).*"), out());
    }

    @Test
    void runWritesTheDumpTheFindingsPointIntoBesideTheInput(@TempDir Path dir) throws Exception {
        requireOpt();
        Path before = dir.resolve("ctrl_identical.ll");
        Files.copy(Path.of("corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_identical.ll"), before);
        assertEquals(1, run("passes", "--run", before.toString()), () -> err.toString(StandardCharsets.UTF_8));
        Path dump = dir.resolve("ctrl_identical.ll.dump");
        assertTrue(Files.exists(dump), "the report names " + dump + ", so it must be there");
        // the finding's line in the dump is the store the report shows
        String at = out().lines().filter(l -> l.contains("[ctrl-hoisted-store]")).findFirst().orElseThrow();
        assertTrue(at.startsWith(dump + ":") || out().contains(dump + ":"), out());
        assertTrue(out().contains("remark: the dump the findings point into was written to " + dump), out());
    }

    @Test
    void aPlainLlFileIsNotADumpAndExitsTwo() {
        assertEquals(2, run("passes", "corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll"));
        assertEquals("corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll: error: not a pass-by-pass dump: no '*** IR Dump"
                + " After' banner (write one with opt's -print-after-all or -print-changed, or give the IR before"
                + " optimization with --run)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingOptIsOneClearError() {
        assertEquals(2, run("passes", "--run", "--opt", "no-such-opt-binary", "corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_identical.ll"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, e.strip().lines().count(), e);
        assertTrue(e.contains("cannot run 'no-such-opt-binary': not found"), e);
    }

    @Test
    void reportsAreTheSameBytesRunAfterRunWhateverRanBefore() throws Exception {
        List<String> dumps = new ArrayList<>();
        for (String dir : List.of("corpus/passes/clang-19", "corpus/passes/rustc"))
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.map(Path::toString).filter(p -> p.endsWith(".txt")).sorted().forEach(dumps::add);
            }
        assertEquals(16, dumps.size(), dumps::toString);
        Map<String, byte[]> first = new HashMap<>();
        for (String d : dumps)
            for (String format : List.of("json", "sarif")) {
                assertEquals(0, run("passes", "-f", format, "--fail-on", "never", d), () -> err.toString(StandardCharsets.UTF_8));
                first.put(format + " " + d, out.toByteArray());
            }
        // again, the other way round: new objects, and caches filled by the other dumps
        for (int i = dumps.size() - 1; i >= 0; i--)
            for (String format : List.of("sarif", "json")) {
                assertEquals(0, run("passes", "-f", format, "--fail-on", "never", dumps.get(i)));
                assertArrayEquals(first.get(format + " " + dumps.get(i)), out.toByteArray(), format + " of " + dumps.get(i));
            }
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("passes"));
        assertEquals(2, run("passes", "--opt", "opt-19", DUMP));
        assertEquals(0, run("passes", "--help"));
        assertTrue(out().contains("-print-after-all") && out().contains("opt-19"), out());
    }
}
