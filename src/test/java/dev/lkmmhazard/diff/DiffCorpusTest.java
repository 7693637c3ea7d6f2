package dev.lkmmhazard.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lkmmhazard.checks.CorpusScan;
import dev.lkmmhazard.checks.KnownGaps;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.checks.ScanCorpusTest;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code diff} on the corpus pairs: each optimized file against its twin before optimization (clang: {@code -O2 -g}
 * against {@code -O2 -g -Xclang -disable-llvm-passes}; rustc: {@code -C opt-level=2} against opt-level 0, since
 * rustc's MIR already folds before LLVM runs). The {@code ; EXPECT:} and {@code ; EXPECT-NOT:} lines of the optimized
 * file whose check is one of the causes {@link BeforeAfterDiff} reports must hold, with the matching rules of
 * {@link ScanCorpusTest}. Gaps, each with its reason, are listed in {@code src/test/resources/diff-gaps/*.txt}.
 */
class DiffCorpusTest {
    /** after-variant, before-variant */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"clang-19/x86_64/O2-g", "clang-19/x86_64/O2-nopasses-g"},
            new String[] {"clang-19/aarch64/O2-g", "clang-19/aarch64/O2-nopasses-g"},
            new String[] {"clang-22/x86_64/O2-g", "clang-22/x86_64/O2-nopasses-g"},
            new String[] {"rustc/x86_64/O2-g", "rustc/x86_64/O0-g"});
    private static final Pattern EXPECT = Pattern.compile("; (EXPECT|EXPECT-NOT): ([a-z-]+) @(\\S+)(?: line (\\d+))?\\s*");
    private static final Path IR = Path.of("corpus", "ir");
    private static final Map<String, List<Finding>> CACHE = new ConcurrentHashMap<>();

    private static List<Finding> diff(Path beforeFile, Path afterFile) {
        return CACHE.computeIfAbsent(afterFile.toString(), k -> {
            ModuleContext before = CorpusScan.context(beforeFile), after = CorpusScan.context(afterFile);
            return new BeforeAfterDiff(before, after).run().findings();
        });
    }

    @TestFactory
    Stream<DynamicTest> expectationsHold() throws IOException {
        Map<String, String> gaps = KnownGaps.load("diff-gaps");
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] pair : PAIRS) {
            for (Path after : CorpusScan.files(IR.resolve(pair[0]))) {
                Path before = IR.resolve(pair[1]).resolve(after.getFileName());
                for (String line : CorpusScan.header(after)) {
                    Matcher m = EXPECT.matcher(line);
                    if (!m.matches() || !diffCause(m.group(2))) continue;
                    String key = pair[0] + "/" + after.getFileName() + ": " + line.substring(2).trim();
                    tests.add(DynamicTest.dynamicTest(key, () -> {
                        List<Finding> findings = diff(before, after);
                        String why = verdict(findings, m, CorpusScan.sourceFileName(after));
                        if (gaps.containsKey(key)) {
                            assertTrue(why != null, "listed as a known gap but holds now; take it off diff-gaps: " + key);
                        } else if (why != null) {
                            StringBuilder sb = new StringBuilder(why).append("\n  findings:\n");
                            for (Finding f : findings)
                                sb.append("    ").append(f.check()).append(" @").append(f.function()).append(' ')
                                        .append(f.source() == null ? f.file() + ":" + f.irLine() : f.source().position()).append('\n');
                            fail(sb.toString());
                        }
                    }));
                }
            }
        }
        assertTrue(tests.size() > 80, "too few expectations read: " + tests.size());
        return tests.stream();
    }

    private static String verdict(List<Finding> findings, Matcher m, String sourceFile) {
        boolean positive = m.group(1).equals("EXPECT");
        String check = m.group(2), function = m.group(3);
        int line = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        List<Finding> here = new ArrayList<>();
        for (Finding f : findings) if (f.check().equals(check) && f.function().equals(function)) here.add(f);
        if (!positive) return here.isEmpty() ? null : "unexpected " + check + " in @" + function;
        if (here.isEmpty()) return "no " + check + " in @" + function;
        if (line < 0) return null;
        for (Finding f : here) if (ScanCorpusTest.onLine(f.source(), sourceFile, line)) return null;
        return check + " in @" + function + " but not on line " + line;
    }

    /** An id that diff reports: the expectations the comparison is held to. */
    private static boolean diffCause(String id) {
        Rule rule = Rules.byId(id);
        return rule != null && rule.reportedBy(Mode.DIFF);
    }
}
