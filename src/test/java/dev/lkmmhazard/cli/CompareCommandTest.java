package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lkmmhazard.LlvmTools;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare}: new, fixed and unchanged findings by fingerprint, counted as a multiset; and the fingerprints
 * themselves, which must survive an unrelated edit that moves every line and metadata number of a file.
 */
class CompareCommandTest {
    private static final String O2G = "corpus/ir/clang-19/x86_64/O2-g";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CliRun cli = new CliRun();
    private final ByteArrayOutputStream out = cli.out, err = cli.err;

    private int run(String... args) { return cli.run(args); }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private Path scan(Path file, String... inputs) {
        List<String> a = new ArrayList<>(List.of("scan", "-f", "json", "--fail-on", "never", "-o", file.toString()));
        a.addAll(List.of(inputs));
        assertEquals(0, run(a.toArray(String[]::new)), this::stderr);
        return file;
    }

    private JsonNode compareJson(Path old, Path now, int expectedStatus) throws Exception {
        assertEquals(expectedStatus, run("compare", "-f", "json", old.toString(), now.toString()), this::stderr);
        return JSON.readTree(out.toByteArray());
    }

    private static int count(JsonNode c, String key) { return c.path("counts").path(key).asInt(); }

    @Test
    void theSameReportTwiceHasNothingNewOrFixed(@TempDir Path dir) throws Exception {
        Path r = scan(dir.resolve("r.json"), O2G);
        int n = JSON.readTree(r.toFile()).path("findings").size();
        JsonNode c = compareJson(r, r, 0);
        assertEquals(List.of(0, 0, n), List.of(count(c, "new"), count(c, "fixed"), count(c, "unchanged")));
        assertEquals(n, c.path("unchanged").size());
        assertTrue(c.path("unchanged").get(0).has("evidence") && c.path("unchanged").get(0).has("fingerprint"),
                "findings in the shape of scan's JSON");
        assertEquals(0, run("compare", r.toString(), r.toString()));
        assertTrue(stdout().strip().endsWith("0 new, 0 fixed, " + n + " unchanged (" + r + " -> " + r + ", matched by fingerprint)"), stdout());
    }

    @Test
    void anAddedFindingIsNewInFullAndARemovedOneIsFixedInOneLine(@TempDir Path dir) throws Exception {
        Path old = scan(dir.resolve("old.json"), O2G + "/ctrl_identical.ll");
        Path now = scan(dir.resolve("new.json"), O2G + "/ctrl_identical.ll", O2G + "/ptr_compare.ll");
        ObjectNode edited = (ObjectNode) JSON.readTree(now.toFile());
        ArrayNode findings = (ArrayNode) edited.path("findings");
        JsonNode removed = findings.remove(0); // a ctrl_identical finding gone: fixed
        JSON.writeValue(now.toFile(), edited);
        int added = 0;
        for (JsonNode f : findings) if (f.path("file").asText().endsWith("ptr_compare.ll")) added++;

        JsonNode c = compareJson(old, now, 1);
        assertEquals(added, count(c, "new"));
        assertEquals(1, count(c, "fixed"));
        assertEquals(removed.path("fingerprint").asText(), c.path("fixed").get(0).path("fingerprint").asText());
        assertEquals(JSON.readTree(old.toFile()).path("findings").size() - 1, count(c, "unchanged"));

        assertEquals(1, run("compare", old.toString(), now.toString()));
        String text = stdout();
        assertTrue(text.startsWith("new findings (" + added + "):\n"), text);
        assertTrue(text.contains("  evidence:\n"), "new findings in full: " + text);
        assertTrue(text.contains("fixed findings (1):\n  "), text);
        assertTrue(text.contains("[" + removed.path("check").asText() + "] in " + removed.path("function").asText() + "\n"), text);

        assertEquals(1, run("compare", "-q", old.toString(), now.toString()));
        assertTrue(!stdout().contains("unchanged findings") && stdout().contains("  evidence:\n")
                && stdout().contains(added + " new, 1 fixed, "), stdout());
        assertEquals(0, run("compare", "--fail-on", "never", old.toString(), now.toString()));
        // ptr_compare's new findings are errors and warnings: --fail-on error still fails
        assertEquals(1, run("compare", "--fail-on", "error", old.toString(), now.toString()));
    }

    @Test
    void oneFingerprintCountsAsOftenAsItOccurs(@TempDir Path dir) throws Exception {
        Path old = scan(dir.resolve("old.json"), O2G + "/ctrl_identical.ll");
        ObjectNode twice = (ObjectNode) JSON.readTree(old.toFile());
        ArrayNode findings = (ArrayNode) twice.path("findings");
        int n = findings.size();
        findings.add(findings.get(0).deepCopy()); // the same fingerprint a second time
        Path now = dir.resolve("twice.json");
        JSON.writeValue(now.toFile(), twice);

        JsonNode c = compareJson(old, now, 1);
        assertEquals(List.of(1, 0, n), List.of(count(c, "new"), count(c, "fixed"), count(c, "unchanged")));
        c = compareJson(now, old, 0);
        assertEquals(List.of(0, 1, n), List.of(count(c, "new"), count(c, "fixed"), count(c, "unchanged")));
    }

    @Test
    void withinOneFingerprintTheSameFileIsPairedFirst(@TempDir Path dir) throws Exception {
        // One finding copied into several .ll files (as a header's inline function is): OLD has it in a.ll and
        // b.ll, NEW in b.ll, c.ll and a.ll: one is new, and it is the copy in c.ll, the file OLD did not have it in.
        JsonNode f = JSON.readTree(scan(dir.resolve("r.json"), O2G + "/ctrl_identical.ll").toFile()).path("findings").get(0);
        Path old = report(dir.resolve("old.json"), f, "old/a.ll", "old/b.ll");
        Path now = report(dir.resolve("new.json"), f, "old/b.ll", "c.ll", "new/a.ll");
        JsonNode c = compareJson(old, now, 1);
        assertEquals(List.of(1, 0, 2), List.of(count(c, "new"), count(c, "fixed"), count(c, "unchanged")));
        assertEquals("c.ll", c.path("new").get(0).path("file").asText());
        c = compareJson(now, old, 0);
        assertEquals("c.ll", c.path("fixed").get(0).path("file").asText());
    }

    private static Path report(Path p, JsonNode finding, String... files) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode fs = root.putArray("files");
        ArrayNode findings = root.putArray("findings");
        for (String file : files) {
            fs.addObject().put("path", file).put("status", "ok");
            findings.add(((ObjectNode) finding.deepCopy()).put("file", file));
        }
        JSON.writeValue(p.toFile(), root);
        return p;
    }

    @Test
    void usageErrorsAndBadInput(@TempDir Path dir) throws Exception {
        Path r = scan(dir.resolve("r.json"), O2G + "/ctrl_identical.ll");
        assertEquals(2, run("compare", r.toString()));
        assertEquals(2, run("compare", "-f", "sarif", r.toString(), r.toString()));
        assertEquals(2, run("compare", r.toString(), dir.resolve("missing.json").toString()));
        assertTrue(stderr().startsWith(dir.resolve("missing.json") + ": error: "), stderr());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"findings\": [,]\n}\n");
        assertEquals(2, run("compare", bad.toString(), r.toString()));
        assertTrue(stderr().startsWith(bad + ":2:"), stderr());
        assertEquals(1, stderr().strip().lines().count(), stderr());
        Files.writeString(bad, "[]");
        assertEquals(2, run("compare", r.toString(), bad.toString()));
        assertTrue(stderr().contains("not an lkmm-hazard JSON report"), stderr());
    }

    // ----------------------------------------------------------------------------- fingerprint stability

    /** Corpus sources with findings of every optimized-IR check, inlined helpers (inlined-at frames) included. */
    private static final List<String> CASES = List.of("ctrl_identical", "ctrl_const_cond", "ctrl_select", "ptr_compare",
            "load_speculation", "busy_wait", "mixed_access", "cancel_arith", "inline_helpers", "switch_deps", "loop_dep");

    /** The flags of scripts/gen-corpus.sh for clang-19 x86_64. */
    private static final List<String> FLAGS = List.of("--target=x86_64-linux-gnu", "-mcmodel=kernel", "-mno-red-zone", "-fno-pic",
            "-S", "-emit-llvm", "-ffreestanding", "-fno-strict-aliasing", "-fno-common", "-fno-builtin", "-std=gnu11");

    /** An unrelated edit: a global, a function and blank lines above every case, so every line and !N moves. */
    private static final String UNRELATED = "#include \"lkmm.h\"\n\nint unrelated_counter;\n\n\n"
            + "/* an unrelated edit: a new function above the cases */\nint unrelated_helper(int a)\n{\n"
            + "\tint r = READ_ONCE(unrelated_counter);\n\n\tif (r > a)\n\t\tWRITE_ONCE(unrelated_counter, a);\n\treturn r + a;\n}\n\n\n";

    private static void requireClang() {
        boolean found = LlvmTools.onPath("clang-19");
        if (LlvmTools.inCi()) assertTrue(found, "clang-19 is not installed; .ci/run installs it");
        assumeTrue(found, "clang-19 is not installed");
    }

    /**
     * Compiles each case as gen-corpus.sh does, from {@code root} with a relative source path, so that both copies
     * name the same source file ({@code corpus/c/x.c}) wherever they are.
     */
    private static void compile(Path root, List<String> mode) throws Exception {
        for (String c : CASES) {
            List<String> cmd = new ArrayList<>(List.of("clang-19"));
            cmd.addAll(FLAGS);
            cmd.addAll(mode);
            cmd.addAll(List.of("-fdebug-prefix-map=" + root + "=.", "corpus/c/" + c + ".c", "-o", c + ".ll"));
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(root.resolve(c + ".log").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "clang-19 timed out on " + c);
            assertEquals(0, p.exitValue(), () -> c + ": " + read(root.resolve(c + ".log")));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** A copy of the corpus sources under {@code root/corpus/c}, each passed through {@code edit}. */
    private static Path copy(Path root, java.util.function.BiFunction<String, String, String> edit) throws Exception {
        Path c = Files.createDirectories(root.resolve("corpus/c"));
        Files.copy(Path.of("corpus/c/lkmm.h"), c.resolve("lkmm.h"));
        for (String name : CASES) Files.writeString(c.resolve(name + ".c"), edit.apply(name, Files.readString(Path.of("corpus/c/" + name + ".c"))));
        return root;
    }

    private static String unrelated(String name, String source) {
        assertTrue(source.contains("#include \"lkmm.h\"\n"), name);
        return source.replaceFirst("#include \"lkmm.h\"\n", java.util.regex.Matcher.quoteReplacement(UNRELATED));
    }

    private static int irLines(Path report) throws Exception {
        int sum = 0;
        for (JsonNode f : JSON.readTree(report.toFile()).path("findings")) sum += f.path("irLine").asInt();
        return sum;
    }

    @Test
    void fingerprintsSurviveAnUnrelatedEditThatMovesLinesAndNumbers(@TempDir Path dir) throws Exception {
        requireClang();
        Path a = copy(dir.resolve("a"), (n, s) -> s);
        Path b = copy(dir.resolve("b"), CompareCommandTest::unrelated);
        // Optimized with and without debug info (anchors by source position, or by opcode ordinal), and before
        // optimization (the fragile-* checks).
        for (List<String> mode : List.of(List.of("-O2", "-g"), List.of("-O2"), List.of("-O2", "-Xclang", "-disable-llvm-passes", "-g"))) {
            compile(a, mode);
            compile(b, mode);
            Path ra = scan(dir.resolve("a.json"), a.toString()), rb = scan(dir.resolve("b.json"), b.toString());
            int n = JSON.readTree(ra.toFile()).path("findings").size();
            assertTrue(n >= 10, mode + ": only " + n + " findings");
            assertTrue(irLines(rb) > irLines(ra), mode + ": the edit did not move the IR");
            JsonNode c = compareJson(ra, rb, 0);
            assertEquals(List.of(0, 0, n), List.of(count(c, "new"), count(c, "fixed"), count(c, "unchanged")),
                    () -> mode + ": " + c.path("new") + "\nfixed: " + c.path("fixed"));
        }
    }

    @Test
    void anEditThatChangesACaseIsReportedAsFixed(@TempDir Path dir) throws Exception {
        requireClang();
        Path a = copy(dir.resolve("a"), (n, s) -> s);
        // ctrl_identical's else arm stores 2 instead of 1: the two stores to y differ and cannot be merged any more.
        String arm = "\t} else {\n\t\tWRITE_ONCE(y, 1);\n\t\tWRITE_ONCE(w, 3);";
        Path b = copy(dir.resolve("b"), (n, s) -> {
            if (!n.equals("ctrl_identical")) return s;
            assertTrue(s.contains(arm));
            return unrelated(n, s.replaceFirst(java.util.regex.Pattern.quote(arm), "\t} else {\n\t\tWRITE_ONCE(y, 2);\n\t\tWRITE_ONCE(w, 3);"));
        });
        compile(a, List.of("-O2", "-g"));
        compile(b, List.of("-O2", "-g"));
        JsonNode c = compareJson(scan(dir.resolve("a.json"), a.toString()), scan(dir.resolve("b.json"), b.toString()), 0);
        assertEquals(0, count(c, "new"), () -> c.path("new").toString());
        assertEquals(1, count(c, "fixed"), () -> c.path("fixed").toString());
        JsonNode fixed = c.path("fixed").get(0);
        assertEquals("ctrl-hoisted-store", fixed.path("check").asText());
        assertEquals("ctrl_identical", fixed.path("function").asText());
        assertTrue(count(c, "unchanged") >= 10, c.path("counts").toString());
    }
}
