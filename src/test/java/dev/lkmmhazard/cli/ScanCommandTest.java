package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan} end to end, in process. The corpus facts used: clang-19 x86_64 {@code -O2 -g} ctrl_identical.ll has the
 * hoisted store of {@code @ctrl_identical} (source line 20 merged into a line-0 store; an error); the {@code -O0 -g}
 * variant is IR before optimization, where the fragile-identical-stores note is reported instead; rustc's deps.ll
 * names functions with legacy mangling.
 */
class ScanCommandTest {
    private static final String O2G = "corpus/ir/clang-19/x86_64/O2-g/";
    private static final String CTRL = O2G + "ctrl_identical.ll";
    private static final String RUST = "corpus/ir/rustc/x86_64/O2-g/deps.ll";
    private final CliRun cli = new CliRun();
    private final ByteArrayOutputStream out = cli.out, err = cli.err;

    private int run(String... args) { return cli.run(args); }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private JsonNode json(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("scan", "--format", "json", "--fail-on", "never"));
        a.addAll(List.of(args));
        assertEquals(0, run(a.toArray(String[]::new)), this::stderr);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void hoistedStoreIsAnErrorInClangStyleTextAndFailsTheRun() {
        assertEquals(1, run("scan", CTRL), this::stderr);
        String text = stdout();
        assertTrue(text.contains(": error: ") && text.contains("[ctrl-hoisted-store]"), text);
        assertTrue(text.contains("  in function ctrl_identical, " + CTRL + ":"), text);
        assertTrue(text.contains(": note: "), "the other end of the dependency is a note: " + text);
        assertTrue(text.lines().reduce((a, b) -> b).orElse("").matches("\\d+ errors?, \\d+ warnings?, \\d+ notes? in 1 file"), text);
    }

    @Test
    void failOnDecidesTheExitStatus() {
        assertEquals(0, run("scan", "--fail-on", "never", CTRL));
        assertEquals(1, run("scan", "--fail-on", "note", CTRL));
        // the pre-optimization twin only has notes: not a failure at the default level
        assertEquals(0, run("scan", "corpus/ir/clang-19/x86_64/O0-g/ctrl_identical.ll"), this::stdout);
        assertTrue(stdout().contains("[fragile-identical-stores]"), stdout());
        assertTrue(stdout().contains("read as IR before optimization"), stdout());
        assertEquals(1, run("scan", "--fail-on", "note", "corpus/ir/clang-19/x86_64/O0-g/ctrl_identical.ll"));
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode root = json(CTRL, RUST);
        assertEquals("lkmm-hazard", root.path("tool").path("name").asText());
        assertEquals(2, root.path("files").size());
        JsonNode file = root.path("files").get(0);
        assertEquals(CTRL, file.path("path").asText());
        assertEquals("ok", file.path("status").asText());
        assertEquals("optimized", file.path("stage").asText());
        assertTrue(file.path("functions").asInt() > 5 && file.path("instructions").asInt() > 20, file.toString());
        JsonNode f = null;
        for (JsonNode x : root.path("findings"))
            if (x.path("check").asText().equals("ctrl-hoisted-store") && x.path("function").asText().equals("ctrl_identical")) f = x;
        assertTrue(f != null, root.toString());
        assertEquals("error", f.path("severity").asText());
        assertEquals(CTRL, f.path("file").asText());
        assertTrue(f.path("irLine").asInt() > 0);
        assertEquals("corpus/c/ctrl_identical.c", f.path("source").path("file").asText());
        assertTrue(f.path("related").size() >= 1, f.toString());
        assertTrue(f.path("evidence").size() >= 2, f.toString());
        assertTrue(f.path("fingerprint").asText().matches("[0-9a-f]{16}"), f.toString());
        assertEquals(root.path("findings").size(), root.path("summary").path("findings").asInt());
    }

    @Test
    void rustFunctionsAreShownDemangledWithTheMangledNameKept() throws Exception {
        JsonNode root = json(RUST);
        boolean seen = false;
        for (JsonNode x : root.path("findings")) {
            String fn = x.path("function").asText(), mangled = x.path("mangledFunction").asText();
            if (mangled.startsWith("_ZN")) {
                seen = true;
                assertFalse(fn.contains("17h") || fn.startsWith("_ZN"), fn);
                assertTrue(fn.startsWith("deps::"), fn);
            }
        }
        assertTrue(seen, "deps.ll should have a finding in a mangled Rust function: " + root.path("findings"));
    }

    @Test
    void aSecondRunWithTheFirstAsBaselineReportsNothingNew(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.json");
        assertEquals(1, run("scan", "--format", "json", "-o", first.toString(), O2G), this::stderr);
        int n = new ObjectMapper().readTree(first.toFile()).path("findings").size();
        assertTrue(n > 5, "findings in the first run: " + n);
        assertEquals(0, run("scan", "--baseline", first.toString(), O2G), this::stdout);
        assertTrue(stdout().contains("; " + n + " already in the baseline"), stdout());
        JsonNode second = json("--baseline", first.toString(), O2G);
        assertEquals(0, second.path("findings").size());
        assertEquals(n, second.path("summary").path("baselined").asInt());
    }

    @Test
    void configSuppressesByFingerprintAndByFunctionGlob(@TempDir Path dir) throws Exception {
        JsonNode all = json(CTRL);
        String fp = all.path("findings").get(0).path("fingerprint").asText();
        Path cfg = dir.resolve("cfg.json");
        Files.writeString(cfg, "{\"suppress\": [{\"fingerprint\": \"" + fp + "\", \"reason\": \"read by hand\"}]}");
        JsonNode less = json("--config", cfg.toString(), CTRL);
        assertEquals(all.path("findings").size() - 1, less.path("findings").size());
        assertEquals(1, less.path("summary").path("suppressed").asInt());

        Files.writeString(cfg, "{\"suppress\": [{\"function\": \"ctrl_*\"}]}");
        for (JsonNode x : json("--config", cfg.toString(), CTRL).path("findings"))
            assertFalse(x.path("function").asText().startsWith("ctrl_"), x.toString());

        Files.writeString(cfg, "{\"supress\": []}");
        assertEquals(2, run("scan", "--config", cfg.toString(), CTRL));
        assertTrue(stderr().contains("unknown key \"supress\""), stderr());
    }

    @Test
    void configAddsMarkedHelpers(@TempDir Path dir) throws Exception {
        Path ll = dir.resolve("helper.ll");
        // HAND-WRITTEN: a call to an out-of-line helper the defaults do not know, whose result is never used.
        Files.writeString(ll, "declare i32 @my_read_once(ptr)\n@x = global i32 0\n"
                + "define void @f() {\n  %1 = call i32 @my_read_once(ptr @x)\n  store i32 %1, ptr @x\n  ret void\n}\n");
        Path cfg = dir.resolve("cfg.json");
        Files.writeString(cfg, "{\"markedHelpers\": [\"my_read_once\"]}");
        JsonNode with = json("--config", cfg.toString(), "--checks", "mixed-access", ll.toString());
        JsonNode without = json("--checks", "mixed-access", ll.toString());
        assertEquals(0, without.path("findings").size(), without.toString());
        assertEquals(1, with.path("findings").size(), with.toString());
    }

    /**
     * scan defers the metadata at the end of a file: a malformed node that a check reads (here the location of the
     * READ_ONCE a finding points at) fails the file as a parse error would, and the findings are still reported.
     */
    @Test
    void aMalformedDeferredNodeAFindingReadsFailsTheFile(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of(CTRL), StandardCharsets.ISO_8859_1);
        String good = "!28 = !DILocation(line: 17, column: 10, scope: !23)";
        assertTrue(text.contains("\n" + good + "\n"), "the corpus file changed: update this test");
        // HAND-MODIFIED copy of compiler output, made here and never committed
        Path bad = dir.resolve("bad-location.ll");
        String broken = "!28 = !DILocation(line: 17, column: , scope: !23)";
        Files.writeString(bad, text.replace(good, broken), StandardCharsets.ISO_8859_1);
        int line = text.lines().toList().indexOf(good) + 1;

        assertEquals(2, run("scan", "--format", "json", bad.toString()));
        JsonNode report = new ObjectMapper().readTree(stdout());
        assertEquals("error", report.get("files").get(0).get("status").asText());
        assertTrue(report.get("findings").size() > 0, "the rest of the file was scanned");
        assertTrue(stderr().startsWith(bad + ":" + line + ":" + (broken.indexOf(", scope") + 1) + ": error: "), stderr());
        assertTrue(stderr().contains("the rest of the file was scanned"), stderr());

        // read whole, as parse does, the same error
        assertEquals(2, run("parse", bad.toString()));
        assertTrue(stdout().contains(bad + ":" + line + ":") || stderr().contains(bad + ":" + line + ":"), stdout() + stderr());
    }

    @Test
    void aBadFileIsReportedAndTheOthersAreStillScanned(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.ll");
        Files.writeString(bad, "define void @f() {\n  %1 = frobnicate i32 0\n  ret void\n}\n");
        assertEquals(2, run("scan", "--format", "json", CTRL, bad.toString()));
        assertTrue(stderr().startsWith(bad + ":2:"), stderr());
        assertEquals(1, stderr().lines().count(), stderr());
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertEquals("ok", root.path("files").get(0).path("status").asText());
        assertEquals("error", root.path("files").get(1).path("status").asText());
        assertTrue(root.path("files").get(1).path("error").asText().startsWith(bad + ":2:"));
        assertTrue(root.path("findings").size() > 0);
    }

    @Test
    void standardInputIsScannedAsOneFile() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of(CTRL))));
            JsonNode root = json("-");
            assertEquals("<stdin>", root.path("files").get(0).path("path").asText());
            assertTrue(root.path("findings").size() > 0);
            assertEquals("<stdin>", root.path("findings").get(0).path("file").asText());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void outputIsTheSameBytesWhateverTheParallelism(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.sarif"), c = dir.resolve("c.json"), d = dir.resolve("d.sarif");
        run("scan", "-j", "1", "--format", "json", "-o", a.toString(), "corpus/ir/clang-19/x86_64");
        run("scan", "-j", "1", "--format", "sarif", "-o", b.toString(), "corpus/ir/clang-19/x86_64");
        run("scan", "-j", "4", "--format", "json", "-o", c.toString(), "corpus/ir/clang-19/x86_64");
        run("scan", "-j", "4", "--format", "sarif", "-o", d.toString(), "corpus/ir/clang-19/x86_64");
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(c));
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(d));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(4, s.count(), "no temporary file is left beside the reports");
        }
    }

    @Test
    void checksAndDisableChooseWhatRuns() throws Exception {
        for (JsonNode x : json("--checks", "mixed-access", O2G).path("findings"))
            assertEquals("mixed-access", x.path("check").asText());
        for (JsonNode x : json("--disable", "mixed-access,ctrl-hoisted-store", O2G).path("findings")) {
            assertFalse(x.path("check").asText().equals("mixed-access"));
            assertFalse(x.path("check").asText().equals("ctrl-hoisted-store"));
        }
        assertEquals(2, run("scan", "--checks", "ctrl-hoisted-stores", CTRL));
        assertTrue(stderr().contains("unknown check 'ctrl-hoisted-stores'"), stderr());
    }

    @Test
    void withoutDebugInfoTheScanSaysWhichChecksItSkipped() {
        run("scan", "corpus/ir/clang-19/x86_64/O2/ctrl_identical.ll");
        assertTrue(stdout().contains(".ll: remark: no debug info (compile with -g): skipped ctrl-hoisted-store"), stdout());
    }

    @Test
    void aBaselineCountsFingerprintsAsCompareDoes(@TempDir Path dir) throws Exception {
        // the same unit scanned twice stands for one inline helper's hazards in two translation units
        Path once = dir.resolve("once.json"), twice = dir.resolve("twice.json");
        assertEquals(1, run("scan", "--format", "json", "-o", once.toString(), CTRL), this::stderr);
        assertEquals(1, run("scan", "--format", "json", "-o", twice.toString(), CTRL, CTRL), this::stderr);
        int n = new ObjectMapper().readTree(once.toFile()).path("findings").size();
        assertTrue(n > 0, "ctrl_identical.ll has findings");
        JsonNode withBaseline = json("--baseline", once.toString(), CTRL, CTRL);
        assertEquals(n, withBaseline.path("summary").path("baselined").asInt(), "each baseline finding absorbs one");
        assertEquals(n, withBaseline.path("findings").size(), "the second copies are new");
        assertEquals(1, run("compare", "--format", "json", once.toString(), twice.toString()), this::stderr);
        assertEquals(n, new ObjectMapper().readTree(cli.out.toByteArray()).path("counts").path("new").asInt(),
                "compare calls as many new as the baseline lets through");
    }

    @Test
    void aFileWithoutAFunctionSaysNothingWasCheckedNotCompileWithG(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.ll"), "");
        Path decls = Files.writeString(dir.resolve("decls.ll"), "; hand-written: declarations only\ndeclare void @f()\n");
        assertEquals(0, run("scan", empty.toString(), decls.toString()));
        assertTrue(stdout().contains(empty + ": remark: no function is defined in this file: nothing was checked"), stdout());
        assertTrue(stdout().contains(decls + ": remark: no function is defined in this file: nothing was checked"), stdout());
        assertFalse(stdout().contains("compile with -g"), stdout());
        // C source given by mistake: its error, and no advice about -g
        Path c = Files.writeString(dir.resolve("main.ll"), "int main(void) { return 0; }\n");
        assertEquals(2, run("scan", c.toString()));
        assertTrue(stderr().startsWith(c + ":1:1: error: "), stderr());
        assertFalse(stdout().contains("compile with -g"), stdout());
    }

    @Test
    void aBaselineThatIsNotAReportSaysErrorOnce(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "not json");
        assertEquals(2, run("scan", "--baseline", bad.toString(), CTRL));
        assertEquals(1, stderr().split("error:", -1).length - 1, stderr());
        assertTrue(stderr().startsWith("lkmm-hazard: error: baseline " + bad + ":1:"), stderr());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        assertEquals(2, run("scan"));
        assertEquals(2, run("scan", "--format", "xml", CTRL));
        assertTrue(stderr().contains("unknown format 'xml'"), stderr());
        assertEquals(2, run("scan", "--fail-on", "sometimes", CTRL));
        assertEquals(2, run("scan", "--baseline", "no-such.json", CTRL));
        assertEquals(1, stderr().lines().count(), stderr());
        assertEquals(2, run("scan", "no-such-dir/"));
    }

    @Test
    void checksListsEveryCheckAndExplainPrintsItsPage() {
        assertEquals(0, run("checks"));
        for (String id : dev.lkmmhazard.checks.CheckRegistry.ids()) assertTrue(stdout().contains(id + " "), id);
        assertEquals(0, run("explain", "ctrl-hoisted-store"));
        assertTrue(stdout().startsWith("# ctrl-hoisted-store\n"), stdout());
        assertEquals(2, run("explain", "no-such-check"));
        assertTrue(stderr().contains("unknown check 'no-such-check'"), stderr());
    }

    /** --color: always colours the severities as clang does; auto never colours a pipe; never, and bad values. */
    @Test
    void colourOnlyWhenAskedOrOnATerminal() {
        String file = "corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll";
        assertEquals(1, run("scan", "--color", "always", file));
        assertTrue(stdout().contains("\u001b[1;31merror\u001b[0m: marked store merged"), stdout());
        assertTrue(stdout().contains("\u001b[1;36mnote\u001b[0m: "), stdout());
        out.reset();
        assertEquals(1, run("scan", file)); // the test's standard output is no terminal
        assertFalse(stdout().contains("\u001b["), stdout());
        out.reset();
        assertEquals(1, run("scan", "--color", "never", file));
        assertFalse(stdout().contains("\u001b["), stdout());
        out.reset();
        assertEquals(0, run("scan", "--color", "always", "--format", "json", "--fail-on", "never", file));
        assertFalse(stdout().contains("\u001b["), "JSON is never coloured");
        assertEquals(2, run("scan", "--color", "sometimes", file));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--color takes auto, always or never"), err::toString);
    }
}
