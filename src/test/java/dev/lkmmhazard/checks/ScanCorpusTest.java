package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lkmmhazard.cli.Main;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.SourceLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code lkmm-hazard scan --format json} over the corpus IR (each variant directory once) and holds the findings to the {@code ; EXPECT:} and
 * {@code ; EXPECT-NOT:} lines the generator copied into each file from its source.
 *
 * <ul>
 *   <li>An expectation is checked in a file when its check reads IR of that file's stage: {@code fragile-*} in the
 *       pre-optimization variants, the others in the optimized ones, {@code mixed-access} in both.</li>
 *   <li>{@code EXPECT: id @fn line N} holds when a finding of that check in that function is on source line N of the
 *       case's source file (or is inlined at line N there), or carries a merged location ({@code line: 0}, which the
 *       optimizer gives to merged stores: corpus/README.md). In the variants without debug info, the function must
 *       match, or, for a check that needs debug info, the scan must say that it skipped the check.</li>
 *   <li>{@code EXPECT-NOT: id @fn} holds when that function has no finding of that check.</li>
 * </ul>
 * Expectations that a single optimized file cannot show (a loop the optimizer deleted outright) or that a check
 * misses for a reason read in the IR are listed, with the reason, in {@code src/test/resources/scan-gaps/ID.txt}. A
 * listed gap must still fail: one that passes fails the test, so the lists cannot go stale.
 */
public class ScanCorpusTest {
    static final List<String> OPTIMIZED = List.of("clang-19/x86_64/O2-g", "clang-19/aarch64/O2-g", "rustc/x86_64/O2-g");
    static final List<String> PRE_OPT = List.of("clang-19/x86_64/O2-nopasses-g", "clang-19/x86_64/O0-g",
            "rustc/x86_64/O0-g");
    static final List<String> NO_DEBUG = List.of("clang-19/x86_64/O2", "rustc/x86_64/O2", "clang-19/x86_64/O2-nopasses");

    private static final Pattern EXPECT = Pattern.compile("; (EXPECT|EXPECT-NOT): ([a-z-]+) @(\\S+)(?: line (\\d+))?\\s*");
    private static final Path IR = Path.of("corpus", "ir");

    /** One scanned file: what the scan's JSON report says of it, and the findings in it. */
    record Scanned(String variant, Path file, FileResult result, List<Finding> findings) {
        boolean optimized() { return "optimized".equals(result.stage()); }
        boolean hasDebugInfo() { return variant.endsWith("-g"); }
    }

    private static final Map<String, ScanReport> REPORTS = new ConcurrentHashMap<>();

    /**
     * The file as {@code lkmm-hazard scan --format json DIR} reports it: the whole command runs once per variant
     * directory, and its JSON is read back.
     */
    static Scanned scan(String variant, Path file) {
        ScanReport report = REPORTS.computeIfAbsent(variant, v -> {
            try {
                Path json = Files.createTempFile("scan-corpus", ".json");
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int status = Main.run(new String[] {"scan", "--format", "json", "--fail-on", "never", "-o", json.toString(),
                        IR.resolve(v).toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
                assertEquals(0, status, err.toString());
                ScanReport r = JsonReport.read(json);
                Files.delete(json);
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        FileResult result = null;
        for (FileResult r : report.files()) if (r.path().equals(file.toString())) result = r;
        assertNotNull(result, "the scan of " + variant + " did not report " + file);
        List<Finding> findings = new ArrayList<>();
        for (Finding f : report.findings()) if (f.file().equals(file.toString())) findings.add(f);
        return new Scanned(variant, file, result, findings);
    }

    /** Whether a check reads IR of the stage the scan found in this file. */
    private static boolean applies(Check check, Scanned s) {
        return switch (check.stage()) {
            case ANY -> true;
            case OPTIMIZED -> s.optimized();
            case PRE_OPTIMIZATION -> !s.optimized();
        };
    }

    @TestFactory
    Stream<DynamicTest> expectationsHold() throws IOException {
        Map<String, String> gaps = KnownGaps.load();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> variants = new ArrayList<>(OPTIMIZED);
        variants.addAll(PRE_OPT);
        variants.addAll(NO_DEBUG);
        for (String variant : variants) {
            for (Path file : CorpusScan.files(IR.resolve(variant))) {
                for (String line : CorpusScan.header(file)) {
                    Matcher m = EXPECT.matcher(line);
                    if (!m.matches()) continue;
                    Check check = CheckRegistry.byId(m.group(2));
                    if (check == null) continue; // a before/after check (issue: diff), not one of scan's
                    String key = variant + "/" + file.getFileName() + ": " + line.substring(2).trim();
                    tests.add(DynamicTest.dynamicTest(key, () -> {
                        Scanned s = scan(variant, file);
                        if (!applies(check, s)) return; // another stage's expectation
                        String why = verdict(s, check, m);
                        String gap = gaps.get(key);
                        if (gap != null) {
                            assertTrue(why != null, "listed as a known gap but holds now; take it off scan-gaps/"
                                    + check.id() + ".txt: " + key);
                        } else if (why != null) {
                            fail(why + "\n  findings in the file:\n" + describe(s.findings()) + "  notes: "
                                    + s.result().notes());
                        }
                    }));
                }
            }
        }
        assertTrue(tests.size() > 200, "too few expectations read: " + tests.size());
        return tests.stream();
    }

    /** Null when the expectation holds, else what is wrong. */
    private static String verdict(Scanned s, Check check, Matcher m) {
        boolean positive = m.group(1).equals("EXPECT");
        String function = m.group(3);
        int line = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        boolean debug = s.hasDebugInfo();
        if (positive && !debug && check.needsDebugInfo()) {
            for (String n : s.result().notes()) if (n.contains(check.id())) return null;
            return "no note that " + check.id() + " was skipped for want of debug info";
        }
        String sourceFile = CorpusScan.sourceFileName(s.file());
        List<Finding> inFunction = new ArrayList<>();
        for (Finding f : s.findings())
            if (f.check().equals(check.id()) && f.function().equals(function)) inFunction.add(f);
        if (!positive)
            return inFunction.isEmpty() ? null : "unexpected " + check.id() + " in @" + function + ": " + inFunction.get(0);
        if (inFunction.isEmpty()) return "no " + check.id() + " in @" + function;
        if (!debug || line < 0) return null;
        for (Finding f : inFunction) if (onLine(f.source(), sourceFile, line)) return null;
        return check.id() + " in @" + function + " but not on line " + line + ": " + inFunction;
    }

    /**
     * On line n of the source file, directly or inlined there, or on a merged location: line 0 in any frame (in Rust
     * the merged frame is often the caller's, below core's {@code write_volatile}).
     */
    public static boolean onLine(SourceLocation loc, String sourceFile, int n) {
        if (loc == null) return false;
        List<SourceLocation> frames = new ArrayList<>();
        frames.add(loc);
        frames.addAll(loc.inlinedAt());
        for (SourceLocation l : frames) {
            if (l.line() == 0) return true;
            if (l.line() == n && Path.of(l.file()).getFileName().toString().equals(sourceFile)) return true;
        }
        return false;
    }

    private static String describe(List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append("    ").append(f.check()).append(" @").append(f.function()).append(" .ll:").append(f.irLine());
            if (f.source() != null) sb.append(" ").append(f.source().position());
            sb.append(": ").append(f.message()).append('\n');
        }
        return sb.toString();
    }

    /** Every check has at least one positive and one negative case that the scan test runs. */
    @Test
    void everyCheckHasPositiveAndNegativeCases() throws IOException {
        Map<String, Set<String>> kinds = new TreeMap<>();
        for (String variant : Stream.concat(OPTIMIZED.stream(), PRE_OPT.stream()).toList())
            for (Path file : CorpusScan.files(IR.resolve(variant)))
                for (String line : CorpusScan.header(file)) {
                    Matcher m = EXPECT.matcher(line);
                    if (m.matches() && CheckRegistry.byId(m.group(2)) != null)
                        kinds.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(m.group(1));
                }
        for (Check c : CheckRegistry.all())
            assertEquals(Set.of("EXPECT", "EXPECT-NOT"), kinds.getOrDefault(c.id(), Set.of()),
                    c.id() + " needs positive and negative corpus cases");
    }
}
