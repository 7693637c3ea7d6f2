package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --shard K/N} and {@code merge}: the merged parts are the unsharded scan, byte for byte. */
class MergeCommandTest {
    private static final String O2G = "corpus/ir/clang-19/x86_64/O2-g";
    private static final String RUST = "corpus/ir/rustc/x86_64/O2-g";
    private final CliRun cli = new CliRun();
    private final ByteArrayOutputStream out = cli.out, err = cli.err;

    private int run(String... args) { return cli.run(args); }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private Path scan(Path dir, String name, String... args) {
        Path p = dir.resolve(name);
        List<String> a = new ArrayList<>(List.of("scan", "-f", "json", "--fail-on", "never", "-o", p.toString()));
        a.addAll(List.of(args));
        assertEquals(0, run(a.toArray(String[]::new)), this::stderr);
        return p;
    }

    private static JsonNode json(Path p) throws Exception { return new ObjectMapper().readTree(p.toFile()); }

    private static List<String> paths(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("files")) out.add(f.path("path").asText());
        return out;
    }

    @Test
    void mergedShardsAreTheUnshardedScanByteForByteInEveryFormat(@TempDir Path dir) throws Exception {
        for (int n : new int[] {1, 2, 3, 7}) {
            Path whole = scan(dir, "whole.json", O2G, RUST);
            List<String> parts = new ArrayList<>();
            for (int k = 1; k <= n; k++) parts.add(scan(dir, "part" + k + ".json", "--shard", k + "/" + n, O2G, RUST).toString());

            List<String> merge = new ArrayList<>(List.of("merge", "--fail-on", "never", "-o", dir.resolve("merged.json").toString()));
            merge.addAll(parts);
            assertEquals(0, run(merge.toArray(String[]::new)), this::stderr);
            assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(dir.resolve("merged.json")), "JSON of " + n + " shards");

            for (String format : List.of("sarif", "text")) {
                assertEquals(format.equals("text") ? 1 : 0, run("scan", "-f", format, "--fail-on", format.equals("text") ? "error" : "never", O2G, RUST));
                byte[] unsharded = out.toByteArray();
                List<String> m = new ArrayList<>(List.of("merge", "-f", format, "--fail-on", format.equals("text") ? "error" : "never"));
                m.addAll(parts);
                assertEquals(format.equals("text") ? 1 : 0, run(m.toArray(String[]::new)), this::stderr);
                assertArrayEquals(unsharded, out.toByteArray(), format + " of " + n + " shards");
            }
        }
    }

    /** merge's output for the parts, in this order. */
    private byte[] merge(String format, List<String> parts) {
        List<String> m = new ArrayList<>(List.of("merge", "-f", format, "--fail-on", "never"));
        m.addAll(parts);
        assertEquals(0, run(m.toArray(String[]::new)), this::stderr);
        return out.toByteArray();
    }

    @Test
    void thePartsGiveTheUnshardedScanInWhateverOrderTheyAreGiven(@TempDir Path dir) throws Exception {
        // 11 parts: a shell glob lists part1, part10, part11, part2, ...; CI artifact downloads follow no order at all
        int n = 11;
        List<String> inOrder = new ArrayList<>();
        for (int k = 1; k <= n; k++) inOrder.add(scan(dir, "part" + k + ".json", "--shard", k + "/" + n, O2G, RUST).toString());
        List<String> globbed = new ArrayList<>(inOrder);
        globbed.sort(null);
        assertEquals(dir.resolve("part10.json").toString(), globbed.get(1), "the glob order is not the shard order");
        List<String> reversed = new ArrayList<>(inOrder);
        java.util.Collections.reverse(reversed);
        List<String> shuffled = new ArrayList<>(inOrder);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        for (String format : List.of("json", "sarif")) {
            assertEquals(0, run("scan", "-f", format, "--fail-on", "never", O2G, RUST));
            byte[] unsharded = out.toByteArray();
            for (List<String> order : List.of(inOrder, globbed, reversed, shuffled))
                assertArrayEquals(unsharded, merge(format, order), format + " of the parts in the order " + order);
        }
    }

    @Test
    void emptyPartsGoAnywhere(@TempDir Path dir) throws Exception {
        // three parts of one file: two of them have no file
        List<String> parts = new ArrayList<>();
        for (int k = 1; k <= 3; k++) parts.add(scan(dir, "p" + k + ".json", "--shard", k + "/3", O2G + "/ctrl_identical.ll").toString());
        assertEquals(List.of(0, 0, 1), List.of(json(Path.of(parts.get(0))).path("files").size(),
                json(Path.of(parts.get(1))).path("files").size(), json(Path.of(parts.get(2))).path("files").size()));
        assertEquals(0, run("scan", "-f", "json", "--fail-on", "never", O2G + "/ctrl_identical.ll"));
        byte[] unsharded = out.toByteArray();
        assertArrayEquals(unsharded, merge("json", parts));
        assertArrayEquals(unsharded, merge("json", List.of(parts.get(2), parts.get(0), parts.get(1))));
        assertArrayEquals(unsharded, merge("json", List.of(parts.get(1), parts.get(2), parts.get(0))));
    }

    @Test
    void shardsAreDisjointCoverTheFilesInOrderAndDifferByAtMostOne(@TempDir Path dir) throws Exception {
        List<String> all = paths(json(scan(dir, "whole.json", O2G)));
        for (int n : new int[] {2, 3, 5, all.size(), all.size() + 3}) {
            List<String> joined = new ArrayList<>();
            int min = Integer.MAX_VALUE, max = 0;
            for (int k = 1; k <= n; k++) {
                List<String> part = paths(json(scan(dir, "p.json", "--shard", k + "/" + n, O2G)));
                joined.addAll(part);
                min = Math.min(min, part.size());
                max = Math.max(max, part.size());
            }
            assertEquals(all, joined, n + " shards, concatenated");
            assertTrue(max - min <= 1, n + " shards: sizes from " + min + " to " + max);
        }
    }

    @Test
    void addingAFileMovesAtMostOneFileAcrossEachBoundary(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree);
        try (var s = Files.list(Path.of(O2G))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".ll")).toList()) Files.copy(p, tree.resolve(p.getFileName()));
        }
        int n = 4;
        List<List<String>> before = new ArrayList<>();
        for (int k = 1; k <= n; k++) before.add(paths(json(scan(dir, "p.json", "--shard", k + "/" + n, tree.toString()))));
        Files.copy(Path.of(O2G, "atomics.ll"), tree.resolve("aaa_new.ll"));
        int moved = 0;
        for (int k = 1; k <= n; k++) {
            Set<String> after = new HashSet<>(paths(json(scan(dir, "p.json", "--shard", k + "/" + n, tree.toString()))));
            for (String f : before.get(k - 1)) if (!after.contains(f)) moved++;
        }
        assertTrue(moved <= n - 1, moved + " files changed parts");
    }

    @Test
    void shardUsageErrors() {
        for (String bad : List.of("0/3", "4/3", "3", "a/b", "1/0", "-1/2"))
            assertEquals(2, run("scan", "--shard", bad, O2G), bad);
        assertTrue(stderr().contains("--shard takes K/N"), stderr());
        assertEquals(2, run("scan", "--shard", "1/2", "-"));
        assertTrue(stderr().contains("standard input"), stderr());
    }

    @Test
    void aFileInTwoPartsIsAnError(@TempDir Path dir) {
        Path p = scan(dir, "p.json", O2G + "/ctrl_identical.ll");
        assertEquals(2, run("merge", p.toString(), p.toString()));
        assertTrue(stderr().contains("ctrl_identical.ll is in both"), stderr());
    }

    @Test
    void badInputIsOneLineWithItsPosition(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"files\": [\n  1,\n");
        assertEquals(2, run("merge", bad.toString()));
        assertTrue(stderr().startsWith(bad + ":3:"), stderr());
        assertEquals(1, stderr().strip().lines().count(), stderr());
        assertEquals(2, run("merge", dir.resolve("missing.json").toString()));
        assertEquals(2, run("merge"));
        assertEquals(2, run("merge", "-f", "html", bad.toString()));
    }

    @Test
    void countsAreSummedAndFailedFilesKeepTheExitStatus(@TempDir Path dir) throws Exception {
        Path base = scan(dir, "base.json", O2G + "/ctrl_identical.ll");
        Path a = scan(dir, "a.json", "--baseline", base.toString(), O2G + "/ctrl_identical.ll");
        Path broken = dir.resolve("broken.ll");
        Files.writeString(broken, "define void @f( {\n");
        assertEquals(2, run("scan", "-f", "json", "-o", dir.resolve("b.json").toString(), O2G + "/ptr_compare.ll", broken.toString()));
        assertEquals(2, run("merge", "--fail-on", "never", "-o", dir.resolve("m.json").toString(), a.toString(), dir.resolve("b.json").toString()));
        assertTrue(stderr().contains("broken.ll:"), "the unreadable file's error is repeated: " + stderr());
        JsonNode m = json(dir.resolve("m.json"));
        assertEquals(json(base).path("findings").size(), m.path("summary").path("baselined").asInt());
        assertEquals(3, m.path("summary").path("files").asInt());
        assertEquals(1, m.path("summary").path("filesFailed").asInt());
        assertEquals(json(dir.resolve("b.json")).path("findings").size(), m.path("summary").path("findings").asInt());
    }

    @Test
    void diffReportsMergeIntoOne(@TempDir Path dir) throws Exception {
        List<String> parts = new ArrayList<>(List.of("merge", "--fail-on", "never"));
        int findings = 0;
        for (String c : List.of("ctrl_identical", "ptr_compare")) {
            Path p = dir.resolve(c + ".json");
            run("diff", "-f", "json", "-o", p.toString(), "corpus/ir/clang-19/x86_64/O2-nopasses-g/" + c + ".ll", O2G + "/" + c + ".ll");
            findings += json(p).path("findings").size();
            parts.add(p.toString());
        }
        assertEquals(0, run(parts.toArray(String[]::new)), this::stderr);
        JsonNode m = new ObjectMapper().readTree(out.toByteArray());
        assertEquals(4, m.path("files").size());
        assertEquals(findings, m.path("summary").path("findings").asInt());
        assertTrue(findings > 0);
    }

    @Test
    void diffReportsGiveTheSameBytesInWhateverOrderTheyAreGiven(@TempDir Path dir) throws Exception {
        List<String> names = List.of("ptr_compare", "ctrl_identical", "inline_helpers", "cancel_arith");
        List<String> parts = new ArrayList<>();
        for (String c : names) {
            Path p = dir.resolve(c + ".json");
            assertEquals(0, run("diff", "-f", "json", "--fail-on", "never", "-o", p.toString(),
                    "corpus/ir/clang-19/x86_64/O2-nopasses-g/" + c + ".ll", O2G + "/" + c + ".ll"), this::stderr);
            parts.add(p.toString());
        }
        byte[] json = merge("json", parts);
        // joined in the order of their first file (the file before optimization), not as given
        List<String> expected = new ArrayList<>();
        for (String c : List.of("cancel_arith", "ctrl_identical", "inline_helpers", "ptr_compare"))
            expected.addAll(List.of("corpus/ir/clang-19/x86_64/O2-nopasses-g/" + c + ".ll", O2G + "/" + c + ".ll"));
        assertEquals(expected, paths(new ObjectMapper().readTree(json)));
        byte[] sarif = merge("sarif", parts);
        for (int i = 0; i < 3; i++) {
            java.util.Collections.rotate(parts, 1);
            assertArrayEquals(json, merge("json", parts), "JSON of " + parts);
            assertArrayEquals(sarif, merge("sarif", parts), "SARIF of " + parts);
        }
    }
}
