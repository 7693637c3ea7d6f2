package dev.lkmmhazard.judgement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.checks.CheckRegistry;
import dev.lkmmhazard.checks.CorpusScan;
import dev.lkmmhazard.checks.ModuleScanner;
import dev.lkmmhazard.diff.BeforeAfterDiff;
import dev.lkmmhazard.report.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus lines {@code ; EXPECT-JUDGED: CHECK @FN VERDICT [GROUND]}: every finding of CHECK in FN, from {@code scan}
 * of the optimized file and from {@code diff} against its twin before optimization, has that verdict, decided by
 * GROUND; and there is at least one such finding, so that a line cannot hold by the check going quiet.
 */
class JudgementCorpusTest {
    private static final Pattern JUDGED = Pattern.compile("; EXPECT-JUDGED: ([a-z-]+) @(\\S+) (hazard|benign|undecided)(?: ([a-z-]+))?\\s*");
    private static final List<String[]> PAIRS = List.of(
            new String[] {"clang-19/x86_64/O2-g", "clang-19/x86_64/O2-nopasses-g"},
            new String[] {"clang-19/aarch64/O2-g", "clang-19/aarch64/O2-nopasses-g"},
            // Rust: the twin with the MIR of the real build (-C no-prepopulate-passes), as scripts/rfl-ll.sh builds it
            new String[] {"rustc/x86_64/O2-g", "rustc/x86_64/O2-nopasses-g"});
    private static final Path IR = Path.of("corpus", "ir");

    @TestFactory
    Stream<DynamicTest> judgementsHold() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] pair : PAIRS) {
            for (Path after : CorpusScan.files(IR.resolve(pair[0]))) {
                Path before = IR.resolve(pair[1]).resolve(after.getFileName());
                for (String line : CorpusScan.header(after)) {
                    Matcher m = JUDGED.matcher(line);
                    if (!m.matches()) continue;
                    tests.add(DynamicTest.dynamicTest(pair[0] + "/" + after.getFileName() + ": " + line.substring(2), () -> {
                        List<Finding> all = new ArrayList<>(
                                new ModuleScanner(CheckRegistry.all()).scan(CorpusScan.context(after)).findings());
                        if (Files.exists(before))
                            all.addAll(new BeforeAfterDiff(CorpusScan.context(before), CorpusScan.context(after)).run().findings());
                        List<Finding> judged = new ArrayList<>();
                        for (Finding f : CorpusScan.in(all, m.group(2))) if (f.check().equals(m.group(1))) judged.add(f);
                        assertFalse(judged.isEmpty(), "no " + m.group(1) + " in @" + m.group(2));
                        for (Finding f : judged) {
                            assertEquals(m.group(3), f.judgement().verdict().keyword(), f.message());
                            if (m.group(4) != null) assertEquals(m.group(4), f.judgement().deciding().ground(), f.message());
                        }
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 14, "too few judgement expectations read: " + tests.size());
        return tests.stream();
    }
}
