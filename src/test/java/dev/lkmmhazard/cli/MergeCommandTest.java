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
}
