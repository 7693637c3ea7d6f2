package dev.lkmmhazard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.checks.CheckRegistry;
import dev.lkmmhazard.checks.CorpusScan;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.checks.ModuleScanner;
import dev.lkmmhazard.diff.BeforeAfterDiff;
import dev.lkmmhazard.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every id that scan and diff report over the corpus is a rule of the registry, reported by that mode, with a page:
 * what explain and SARIF need for each finding a user sees.
 */
class ReportedIdsTest {
    private static final Path IR = Path.of("corpus", "ir");

    /** after-variant, before-variant: DiffCorpusTest's pairs, and one without debug info (matched by order) */
    private static final List<String[]> PAIRS = List.of(
            new String[] {"clang-19/x86_64/O2-g", "clang-19/x86_64/O2-nopasses-g"},
            new String[] {"clang-19/aarch64/O2-g", "clang-19/aarch64/O2-nopasses-g"},
            new String[] {"clang-22/x86_64/O2-g", "clang-22/x86_64/O2-nopasses-g"},
            new String[] {"rustc/x86_64/O2-g", "rustc/x86_64/O0-g"},
            new String[] {"clang-19/x86_64/O2", "clang-19/x86_64/O2-nopasses"});

    @Test
    void everyIdScanReportsOnTheCorpusIsAScanRuleWithAPage() throws Exception {
        Set<String> seen = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(IR, 3)) {
            dirs = s.filter(p -> IR.relativize(p).getNameCount() == 3 && Files.isDirectory(p)).sorted().toList();
        }
        assertTrue(dirs.size() > 20, "corpus directories: " + dirs);
        for (Path dir : dirs)
            for (Path file : CorpusScan.files(dir))
                for (Finding f : new ModuleScanner(CheckRegistry.all()).scan(CorpusScan.context(file)).findings())
                    check(f, Mode.SCAN, file, seen, wrong);
        assertEquals(List.of(), wrong);
        // the corpus shows every check, so a check reporting an id of its own would be seen here
        assertEquals(new TreeSet<>(CheckRegistry.ids()), seen);
    }

    @Test
    void everyIdDiffReportsOnTheCorpusIsADiffRuleWithAPage() throws Exception {
        Set<String> seen = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (String[] pair : PAIRS)
            for (Path after : CorpusScan.files(IR.resolve(pair[0]))) {
                Path before = IR.resolve(pair[1]).resolve(after.getFileName());
                if (!Files.exists(before)) continue;
                ModuleContext b = CorpusScan.context(before), a = CorpusScan.context(after);
                for (Finding f : new BeforeAfterDiff(b, a).run().findings()) check(f, Mode.DIFF, after, seen, wrong);
            }
        assertEquals(List.of(), wrong);
        // what the corpus shows of diff's causes (marked-access-removed, store-invented, load-invented have no case)
        assertTrue(seen.containsAll(Set.of("ctrl-hoisted-store", "ctrl-folded-condition", "ctrl-to-select",
                "addr-pointer-substituted", "addr-dep-broken", "data-dep-broken", "load-speculated")), seen.toString());
    }

    private static void check(Finding f, Mode mode, Path file, Set<String> seen, List<String> wrong) {
        seen.add(f.check());
        Rule r = Rules.byId(f.check());
        if (r == null) wrong.add(file + ": " + f.check() + " is no rule");
        else if (!r.reportedBy(mode)) wrong.add(file + ": " + f.check() + " is not a rule of " + mode);
        else if (r.page() == null) wrong.add(file + ": " + f.check() + " has no page");
    }
}
