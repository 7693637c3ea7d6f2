package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** load-fused-loop on corpus files, positives beside their negatives; IR lines read in the files themselves. */
class LoadFusedLoopTest {
    private static final Path C_G = Path.of("corpus/ir/clang-19/x86_64/O2-g/busy_wait.ll");
    private static final Path C_NODEBUG = Path.of("corpus/ir/clang-19/x86_64/O2/busy_wait.ll");
    private static final Path ARM_G = Path.of("corpus/ir/clang-19/aarch64/O2-g/busy_wait.ll");
    private static final Path RUST_G = Path.of("corpus/ir/rustc/x86_64/O2-g/busy_wait.ll");

    private static List<Finding> scan(Path file) { return CorpusScan.scan(new LoadFusedLoop(), file); }

    private static List<Finding> in(List<Finding> all, String function) { return CorpusScan.in(all, function); }

    @Test
    void spinsOnAPlainFlagBecomeEndlessLoopsWhileMarkedOrRelaxedOnesDoNot() {
        List<Finding> all = scan(C_G);
        // `%1 = load i32, ptr @ready` (.ll 28, source 33) then `br label %3` forever with a volatile store inside
        List<Finding> count = in(all, "spin_plain_count");
        assertEquals(1, count.size(), all.toString());
        assertEquals(28, count.get(0).irLine());
        assertEquals(33, count.get(0).source().line());
        assertEquals(Severity.ERROR, count.get(0).severity());
        assertTrue(count.get(0).message().contains("@ready"), count.get(0).message());

        // the load (.ll 58) lost its location: the finding stands on the loop's test, `br i1 %3` (.ll 60, line 44)
        List<Finding> local = in(all, "spin_plain_volatile_local");
        assertEquals(1, local.size());
        assertEquals(60, local.get(0).irLine());
        assertEquals(44, local.get(0).source().line());

        assertEquals(52, in(all, "spin_plain_relaxed_store").get(0).source().line());

        // cpu_relax() (asm sideeffect "pause"), READ_ONCE, barrier() and smp_load_acquire re-read the flag
        for (String neg : List.of("spin_plain_relax", "spin_read_once", "spin_plain_barrier", "spin_acquire", "spin_release"))
            assertTrue(in(all, neg).isEmpty(), neg);
        // clang deleted the empty mustprogress loop: nothing to see in one file (a known gap)
        assertTrue(in(all, "spin_plain_empty").isEmpty());
        assertEquals(3, all.size(), all.toString());
    }

    @Test
    void aarch64GivesTheSameFindings() {
        List<Finding> all = scan(ARM_G);
        assertEquals(1, in(all, "spin_plain_count").size());
        assertEquals(1, in(all, "spin_plain_volatile_local").size());
        assertEquals(1, in(all, "spin_plain_relaxed_store").size());
        assertEquals(3, all.size(), all.toString());
    }

    @Test
    void withoutDebugInfoTheFindingsAreWeak() {
        List<Finding> all = scan(C_NODEBUG);
        assertEquals(3, all.size(), all.toString());
        for (Finding f : all) assertNotNull(f.weakEvidence(), f.toString());
    }

    @Test
    void rustPlainStaticSpinIsFusedButSpinLoopVolatileAndAcquireAreNot() {
        List<Finding> all = scan(RUST_G);
        // `%_1.pr = load i32, ptr @READY` (.ll 45, source 19), then `bb1: br label %bb1`
        List<Finding> plain = in(all, "rs_spin_plain");
        assertEquals(1, plain.size(), all.toString());
        assertEquals(45, plain.get(0).irLine());
        assertEquals(19, plain.get(0).source().line());
        assertTrue(in(all, "rs_spin_plain_pause").isEmpty(), "llvm.x86.sse2.pause makes LLVM re-read READY");
        assertTrue(in(all, "rs_spin_volatile").isEmpty());
        assertTrue(in(all, "busy_wait::spin_acquire").isEmpty());
    }

    @Test
    void ordinaryLoopsAreNotBusyWaits() throws IOException {
        // counted loops, list walks and loops with calls in every optimized C and Rust file but the two that spin on
        // a plain flag on purpose (busy_wait, and plain_fates' spin_on_stop and rs_spin)
        for (String variant : List.of("clang-19/x86_64/O2-g", "rustc/x86_64/O2-g"))
            for (Path f : CorpusScan.files(Path.of("corpus/ir", variant))) {
                if (List.of("busy_wait.ll", "plain_fates.ll").contains(f.getFileName().toString())) continue;
                assertTrue(scan(f).isEmpty(), f.toString());
            }
    }
}
