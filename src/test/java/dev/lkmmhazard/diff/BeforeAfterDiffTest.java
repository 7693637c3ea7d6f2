package dev.lkmmhazard.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.checks.CorpusScan;
import dev.lkmmhazard.report.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeforeAfterDiffTest {
    private static final Path DIR = Path.of("corpus", "ir", "clang-19", "x86_64");

    /**
     * {@code passes} compares one snapshot with several others: a comparison must report only what it finds, never
     * what an earlier comparison of the same module reported (findings once lived in the shared module context).
     */
    @Test
    void aModuleComparedTwiceCarriesNoFindingOfTheFirstComparison() {
        ModuleContext before = CorpusScan.context(DIR.resolve("O2-nopasses-g/ctrl_identical.ll"));
        ModuleContext after = CorpusScan.context(DIR.resolve("O2-g/ctrl_identical.ll"));
        List<Finding> first = new BeforeAfterDiff(before, after).run().findings();
        assertFalse(first.isEmpty(), "the optimizer hoists ctrl_identical's store: the first comparison must see it");

        // the module after, now the module before of a second comparison, reports as a fresh copy of it does
        Path afterFile = DIR.resolve("O2-g/ctrl_identical.ll");
        List<String> reused = fingerprints(new BeforeAfterDiff(after, CorpusScan.context(afterFile)).run().findings());
        List<String> fresh = fingerprints(
                new BeforeAfterDiff(CorpusScan.context(afterFile), CorpusScan.context(afterFile)).run().findings());
        assertEquals(fresh, reused);
    }

    private static List<String> fingerprints(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) out.add(f.check() + " " + f.fingerprint() + " " + f.beforeFile());
        return out;
    }
}
