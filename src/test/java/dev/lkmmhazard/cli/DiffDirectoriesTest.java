package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff BEFORE_DIR AFTER_DIR} and {@code diff DIR}: many pairs in one run give what one run per pair gives, in
 * one report, whatever the parallelism and however the pairs are sharded.
 */
class DiffDirectoriesTest {
    private static final Path BEFORE_DIR = Path.of("corpus/ir/clang-19/x86_64/O2-nopasses-g");
    private static final Path AFTER_DIR = Path.of("corpus/ir/clang-19/x86_64/O2-g");
    private final CliRun cli = new CliRun();

    private String out() { return cli.out.toString(StandardCharsets.UTF_8); }

    private String err() { return cli.err.toString(StandardCharsets.UTF_8); }

    private JsonNode json(int status, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("diff", "--format", "json", "--fail-on", "never"));
        a.addAll(List.of(args));
        assertEquals(status, cli.run(a.toArray(String[]::new)), this::err);
        return new ObjectMapper().readTree(cli.out.toByteArray());
    }

    private static List<String> corpusUnits() throws Exception {
        try (Stream<Path> s = Files.list(AFTER_DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ll")).sorted().toList();
        }
    }

    /** The findings as one line each: file, check, function and IR line, in report order. */
    private static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.path("findings"))
            out.add(f.path("file").asText() + " " + f.path("check").asText() + " " + f.path("function").asText() + ":"
                    + f.path("irLine").asInt() + " " + f.path("severity").asText());
        return out;
    }

    @Test
    void aMalformedNodeFoundWhileComparingFailsItsFileAndTheRestIsCompared(@TempDir Path dir) throws Exception {
        // the trailing metadata is read when the comparison asks for it: a misspelled field in the location of a
        // store shows only then, and the file counts as failed, as if read whole
        String unit = "ctrl_identical";
        Files.copy(BEFORE_DIR.resolve(unit + ".ll"), dir.resolve(unit + ".before.ll"));
        String after = Files.readString(AFTER_DIR.resolve(unit + ".ll"), StandardCharsets.ISO_8859_1);
        String broken = after.replace("!51 = !DILocation(line: 40, column: 3, scope: !52)", "!51 = !DILocation(line: 40, colum: 3, scope: !52)");
        assertTrue(!broken.equals(after), "the location of the hoisted store is no longer where the test expects it");
        Files.writeString(dir.resolve(unit + ".ll"), broken, StandardCharsets.ISO_8859_1);

        JsonNode report = json(2, dir.toString());
        JsonNode failed = report.path("files").get(1);
        assertEquals(unit + ".ll", Path.of(failed.path("path").asText()).getFileName().toString());
        assertEquals("error", failed.path("status").asText(), failed::toString);
        assertTrue(failed.path("error").asText().matches(".*ctrl_identical\\.ll:\\d+:\\d+: error: invalid field 'colum'.*"
                + "; the rest of the file was compared"), failed::toString);
        assertTrue(report.path("findings").size() > 0, "the rest of the pair is compared: " + report);
    }

    @Test
    void twoDirectoriesGiveEveryPairsFindingsInOneReport() throws Exception {
        List<String> units = corpusUnits();
        assertTrue(units.size() >= 10, units::toString);
        List<String> onePairPerRun = new ArrayList<>();
        for (String u : units) onePairPerRun.addAll(findings(json(0, BEFORE_DIR.resolve(u).toString(), AFTER_DIR.resolve(u).toString())));
        JsonNode all = json(0, BEFORE_DIR.toString(), AFTER_DIR.toString());
        assertEquals(onePairPerRun, findings(all));
        assertTrue(onePairPerRun.size() > 10, "the corpus pairs have findings to compare: " + onePairPerRun);
        // both files of each pair are listed, BEFORE first, in the order of the units
        List<String> files = new ArrayList<>();
        for (JsonNode f : all.path("files")) files.add(f.path("path").asText());
        List<String> want = new ArrayList<>();
        for (String u : units) {
            want.add(BEFORE_DIR.resolve(u).toString());
            want.add(AFTER_DIR.resolve(u).toString());
        }
        assertEquals(want, files);
    }

    @Test
    void theSameBytesWhateverTheParallelismAndTheShardsMergeToTheWhole(@TempDir Path dir) throws Exception {
        String b = BEFORE_DIR.toString(), a = AFTER_DIR.toString();
        Path whole = dir.resolve("whole.json"), one = dir.resolve("one.json"), p1 = dir.resolve("p1.json"),
                p2 = dir.resolve("p2.json"), p3 = dir.resolve("p3.json"), merged = dir.resolve("merged.json");
        json(0, "-j", "2", "-o", whole.toString(), b, a);
        json(0, "-j", "1", "-o", one.toString(), b, a);
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(one));
        json(0, "--shard", "1/3", "-o", p1.toString(), b, a);
        json(0, "--shard", "2/3", "-o", p2.toString(), b, a);
        json(0, "--shard", "3/3", "-o", p3.toString(), b, a);
        assertEquals(0, cli.run("merge", "--fail-on", "never", "-o", merged.toString(), p3.toString(), p1.toString(),
                p2.toString()), this::err);
        // the pairs are sorted, so the parts in order are the whole, byte for byte, as for scan
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(merged));
        assertEquals(2, cli.run("diff", "--shard", "1/2", BEFORE_DIR.resolve("atomics.ll").toString(),
                AFTER_DIR.resolve("atomics.ll").toString()));
        assertTrue(err().contains("--shard splits the pairs of directories"), this::err);
    }

    @Test
    void oneDirectoryPairsTwinsAndAFileWithoutItsTwinIsReportedAndTheRestCompared(@TempDir Path dir) throws Exception {
        Files.copy(BEFORE_DIR.resolve("ctrl_identical.ll"), dir.resolve("ctrl_identical.before.ll"));
        Files.copy(AFTER_DIR.resolve("ctrl_identical.ll"), dir.resolve("ctrl_identical.ll"));
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(BEFORE_DIR.resolve("ctrl_const_cond.ll"), dir.resolve("sub/ctrl_const_cond.before.ll"));
        Files.copy(AFTER_DIR.resolve("ctrl_const_cond.ll"), dir.resolve("sub/ctrl_const_cond.ll"));
        Files.copy(AFTER_DIR.resolve("atomics.ll"), dir.resolve("atomics.ll"));
        JsonNode r = json(2, dir.toString());
        assertTrue(err().contains(dir.resolve("atomics.ll") + ": error: no atomics.before.ll beside it"), this::err);
        List<String> checked = new ArrayList<>();
        for (JsonNode f : r.path("findings")) checked.add(Path.of(f.path("file").asText()).getFileName().toString());
        assertTrue(checked.contains("ctrl_identical.ll") && checked.contains("ctrl_const_cond.ll"), checked::toString);
        assertEquals(5, r.path("files").size(), r.path("files")::toString);
        // the same directory twice is the same pairing
        JsonNode again = json(2, dir.toString(), dir.toString());
        assertEquals(r, again);
        // a twin without its optimized file is reported too
        Files.delete(dir.resolve("ctrl_identical.ll"));
        json(2, dir.toString());
        assertTrue(err().contains(dir.resolve("ctrl_identical.before.ll") + ": error: no ctrl_identical.ll beside it"), this::err);
    }

    @Test
    void relativePathsFindATwinInTheBeforeTreeAndReportFilesLeftAlone(@TempDir Path dir) throws Exception {
        Path before = Files.createDirectories(dir.resolve("before/kernel")), after = Files.createDirectories(dir.resolve("after/kernel"));
        Files.copy(BEFORE_DIR.resolve("ctrl_identical.ll"), before.resolve("ctrl_identical.before.ll"));
        Files.copy(AFTER_DIR.resolve("ctrl_identical.ll"), after.resolve("ctrl_identical.ll"));
        Files.copy(BEFORE_DIR.resolve("atomics.ll"), before.resolve("atomics.ll"));
        Files.copy(AFTER_DIR.resolve("ptr_compare.ll"), after.resolve("ptr_compare.ll"));
        JsonNode r = json(2, dir.resolve("before").toString(), dir.resolve("after").toString());
        assertTrue(findings(r).stream().anyMatch(f -> f.contains("ctrl-hoisted-store ctrl_identical:")), () -> findings(r).toString());
        assertTrue(err().contains(after.resolve("ptr_compare.ll") + ": error: no " + before.resolve("ptr_compare.ll")), this::err);
        assertTrue(err().contains(before.resolve("atomics.ll") + ": error: no " + after.resolve("atomics.ll") + " to compare with"), this::err);
    }

    @Test
    void aDirectoryAndAFileAreAUsageError() {
        assertEquals(2, cli.run("diff", BEFORE_DIR.toString(), AFTER_DIR.resolve("atomics.ll").toString()));
        assertTrue(err().contains("is a directory and the other is not"), this::err);
        assertEquals("", out());
    }
}
