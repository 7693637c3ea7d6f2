package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.Judgement;
import dev.lkmmhazard.report.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** load-speculated on corpus files, positives beside their negatives; IR lines read in the files themselves. */
class LoadSpeculatedTest {
    private static final Path C_G = Path.of("corpus/ir/clang-19/x86_64/O2-g/load_speculation.ll");
    private static final Path C_NODEBUG = Path.of("corpus/ir/clang-19/x86_64/O2/load_speculation.ll");
    private static final Path RUST_G = Path.of("corpus/ir/rustc/x86_64/O2-g/load_speculation.ll");
    private static final Path PTR_G = Path.of("corpus/ir/clang-19/x86_64/O2-g/ptr_compare.ll");

    private static List<Finding> scan(Path file) { return CorpusScan.scan(new LoadSpeculated(), file); }

    private static List<Finding> in(List<Finding> all, String function) { return CorpusScan.in(all, function); }

    @Test
    void ifTurnedIntoSelectIsFoundAndTheMarkedOrFencedArmIsNot() {
        List<Finding> all = scan(C_G);
        // `%3 = load i32, ptr @data` (no !dbg) feeds `select i1 %2, i32 0, i32 %3`, %2 from READ_ONCE(flag)
        List<Finding> ifs = in(all, "spec_load_if");
        assertEquals(1, ifs.size(), all.toString());
        assertEquals(23, ifs.get(0).irLine());
        // the check finds the speculation; the judgement calls it benign: a control dependency orders no later load
        assertEquals(Severity.NOTE, ifs.get(0).severity());
        assertEquals(Judgement.Verdict.BENIGN, ifs.get(0).judgement().verdict());
        assertEquals("dependency-promised", ifs.get(0).judgement().deciding().ground());
        assertNull(ifs.get(0).source(), "SimplifyCFG dropped the load's location");
        assertEquals(20, ifs.get(0).related().get(0).source().line(), "the select stands where the if was");
        assertNull(ifs.get(0).weakEvidence());

        assertTrue(in(all, "spec_marked_load").isEmpty(), "READ_ONCE(data) is marked and stayed in the arm");
        assertTrue(in(all, "spec_load_after_mb").isEmpty(), "the load after smp_mb() stayed in the arm (.ll line 240)");
    }

    @Test
    void twoLoadsUnderOneIfAreOneFinding() {
        // %3 (@data) and %4 (@other) on lines 34-35 both took the branch's location, line 31, like the select
        List<Finding> sum = in(scan(C_G), "spec_load_if_sum");
        assertEquals(1, sum.size(), sum.toString());
        assertEquals(34, sum.get(0).irLine());
        assertEquals(31, sum.get(0).source().line());
        assertTrue(sum.get(0).message().contains("@data and @other"), sum.get(0).message());
    }

    @Test
    void loadHoistedOutOfALoopGuardedByACounterIsANote() {
        // `%4 = load i32, ptr @data` on .ll line 51, after `n > 0` but before the peeled iterations that do not use it
        List<Finding> loop = in(scan(C_G), "spec_load_loop");
        assertEquals(1, loop.size(), loop.toString());
        assertEquals(51, loop.get(0).irLine());
        assertTrue(loop.get(0).message().contains("hoisted out of a loop"), loop.get(0).message());
        assertEquals(Severity.NOTE, loop.get(0).severity(), "the guard `i > 4` tests no marked read");
    }

    @Test
    void pointerSubstitutedLoadIsSpeculatedToo() {
        // `%3 = load i32, ptr getelementptr inbounds (i8, ptr @default_item, i64 4)` feeds the select on p == &default_item
        List<Finding> eq = in(scan(PTR_G), "ptr_eq_global");
        assertEquals(1, eq.size(), eq.toString());
        // the lost address dependency is addr-pointer-substituted's finding; the speculation itself orders nothing
        assertEquals(Severity.NOTE, eq.get(0).severity(), "p came from rcu_dereference()");
        assertEquals("dependency-promised", eq.get(0).judgement().deciding().ground());
        assertEquals(28, eq.get(0).source().line());
    }

    @Test
    void withoutDebugInfoTheStructureAloneIsReportedAsWeak() {
        List<Finding> all = scan(C_NODEBUG);
        List<Finding> ifs = in(all, "spec_load_if");
        assertEquals(1, ifs.size());
        assertEquals(22, ifs.get(0).irLine());
        assertNotNull(ifs.get(0).weakEvidence());
        // without locations the two loads of spec_load_if_sum (lines 31, 32) are still one finding per select
        assertEquals(1, in(all, "spec_load_if_sum").size());
        assertTrue(in(all, "spec_marked_load").isEmpty());
        assertTrue(in(all, "spec_load_after_mb").isEmpty());
    }

    @Test
    void rustStaticMutReadUnderAVolatileGuard() {
        List<Finding> all = scan(RUST_G);
        List<Finding> ifs = in(all, "rs_spec_load_if");
        assertEquals(1, ifs.size(), all.toString());
        assertEquals(67, ifs.get(0).irLine());
        List<Finding> sum = in(all, "rs_spec_load_sum");
        assertEquals(1, sum.size());
        assertEquals(80, sum.get(0).irLine());
        assertEquals(69, sum.get(0).source().line());
        assertTrue(in(all, "rs_spec_marked_load").isEmpty());
        assertTrue(in(all, "rs_spec_load_after_fence").isEmpty(), "the load after fence(SeqCst) stayed in the arm (.ll line 28)");
        assertTrue(in(all, "rs_spec_load_cell").isEmpty(), "an &UnsafeCell is not dereferenceable: no speculation");
    }

    @Test
    void loadsOfLocalsAndLoadsTheSourceMadeUnconditionallyAreNotReported() {
        // loop_dep.c and data_dep.c read plain memory in loops and after tests, each where the source put it
        for (String f : List.of("loop_dep.ll", "data_dep.ll", "addr_dep.ll", "ctrl_dep.ll", "busy_wait.ll"))
            assertTrue(scan(Path.of("corpus/ir/clang-19/x86_64/O2-g", f)).isEmpty(), f);
    }
}
