package dev.lkmmhazard.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.checks.CorpusScan;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.Judgement;
import dev.lkmmhazard.report.Severity;
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

    /** Matched by order (no -g), an ending may be another access of the object: never more than a note, saying why. */
    @Test
    void withoutDebugInfoEveryFindingIsAnUndecidedNote() {
        List<Finding> byOrder = new BeforeAfterDiff(CorpusScan.context(DIR.resolve("O2-nopasses/ctrl_identical.ll")),
                CorpusScan.context(DIR.resolve("O2/ctrl_identical.ll"))).run().findings();
        assertFalse(byOrder.isEmpty(), "the hoisted stores are still found");
        for (Finding f : byOrder) {
            assertEquals(Severity.NOTE, f.severity(), f.toString());
            assertEquals(Judgement.Verdict.UNDECIDED, f.judgement().verdict());
            assertEquals("matched-by-source", f.judgement().deciding().ground());
        }
        // the same unit with -g: matched by source position, the same stores are errors
        List<Finding> bySource = new BeforeAfterDiff(CorpusScan.context(DIR.resolve("O2-nopasses-g/ctrl_identical.ll")),
                CorpusScan.context(DIR.resolve("O2-g/ctrl_identical.ll"))).run().findings();
        assertEquals(Severity.ERROR, bySource.get(0).severity(), bySource.get(0).toString());
        assertEquals(Judgement.Verdict.HAZARD, bySource.get(0).judgement().verdict());
    }

    /**
     * Before LLVM runs (-C no-prepopulate-passes), rustc's MIR inliner has put core's AtomicU64::store and
     * AtomicU32::store bodies into queue_rq: both stores are calls at one line of core. The copy of the store to
     * LAST_DONE is the merged store to that static (.ll line 52), not the request's store through %rq (line 33), which
     * comes first and has the same position.
     */
    @Test
    void aMarkedCallIsMatchedWithACopyOfItsOwnObject() {
        Path rust = Path.of("corpus", "ir", "rustc", "x86_64");
        List<Finding> found = new BeforeAfterDiff(CorpusScan.context(rust.resolve("O2-nopasses-g/rfl_rnull.ll")),
                CorpusScan.context(rust.resolve("O2-g/rfl_rnull.ll"))).run().findings();
        List<Finding> hoisted = new ArrayList<>();
        for (Finding f : found) if (f.check().equals("ctrl-hoisted-store")) hoisted.add(f);
        assertEquals(1, hoisted.size(), found.toString());
        assertEquals(52, hoisted.get(0).irLine(), "store atomic i32 1, ptr @...LAST_DONE...");
        assertEquals(24, hoisted.get(0).source().userFrame().line());
        // the lines are the source's, not core's
        assertTrue(hoisted.get(0).message().contains("from the load on line 22 to the store on line 24"), hoisted.get(0).message());
    }

    /**
     * Against the -C no-prepopulate-passes twin, rustc's MIR inliner has already put data_dep's and the other
     * helpers' accesses, with their inlined-at frames, into their callers: a copy after optimization must follow those
     * frames, or the dependency of one function is reported in another. Everything found against it is also found
     * against the opt-level 0 twin (which finds more: what MIR folded).
     */
    @Test
    void againstTheMirTwinNoDependencyIsReportedInAnotherFunction() {
        Path rust = Path.of("corpus", "ir", "rustc", "x86_64");
        ModuleContext after = CorpusScan.context(rust.resolve("O2-g/deps.ll"));
        List<String> mir = keys(new BeforeAfterDiff(CorpusScan.context(rust.resolve("O2-nopasses-g/deps.ll")), after).run().findings());
        List<String> o0 = keys(new BeforeAfterDiff(CorpusScan.context(rust.resolve("O0-g/deps.ll")),
                CorpusScan.context(rust.resolve("O2-g/deps.ll"))).run().findings());
        assertFalse(mir.isEmpty());
        List<String> extra = new ArrayList<>(mir);
        extra.removeAll(o0);
        assertEquals(List.of(), extra, "found against the MIR twin only; against opt-level 0: " + o0);
    }

    private static List<String> keys(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings)
            out.add(f.check() + " @" + f.function() + " line " + (f.source() == null ? -1 : f.source().userFrame().line()));
        return out;
    }

    private static List<String> fingerprints(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) out.add(f.check() + " " + f.fingerprint() + " " + f.beforeFile());
        return out;
    }

    /**
     * One helper inlined into push and pop before optimization (rustc's MIR inliner, kept by the MIR twin): each
     * caller's finding shows its own copy as the "before" evidence, never the other caller's.
     */
    @Test
    void beforeEvidenceComesFromTheSameCaller() throws java.io.IOException {
        Path rust = Path.of("corpus", "ir", "rustc", "x86_64");
        Path beforeFile = rust.resolve("O2-nopasses-g/inlined_helper.ll");
        List<Finding> found = new BeforeAfterDiff(CorpusScan.context(beforeFile),
                CorpusScan.context(rust.resolve("O2-g/inlined_helper.ll"))).run().findings();
        List<String> lines = java.nio.file.Files.readAllLines(beforeFile);
        List<String> checked = new ArrayList<>();
        for (Finding f : found) {
            if (!f.check().equals("addr-pointer-substituted")) continue;
            assertFalse(f.beforeEvidence().isEmpty(), f.toString());
            for (var step : f.beforeEvidence()) {
                // the function the before line is in: the nearest define above it
                String define = null;
                for (int k = step.irLine() - 1; k >= 0 && define == null; k--)
                    if (lines.get(k).startsWith("define ")) define = lines.get(k);
                assertTrue(define != null && define.contains("@" + f.function() + "("),
                        f.function() + "'s before evidence at line " + step.irLine() + " is in " + define);
            }
            checked.add(f.function());
        }
        assertEquals(List.of("pop", "push"), checked.stream().sorted().toList());
    }
}
