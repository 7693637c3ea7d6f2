package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.ModuleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.SourceLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ctrl-hoisted-store on corpus IR: positives beside the negatives that differ from them in one point. */
class CtrlHoistedStoreTest {
    private static final Path IR = Path.of("corpus", "ir");

    static List<Finding> scan(Check check, String variant, String file) {
        return CorpusScan.scan(check, IR.resolve(variant).resolve(file));
    }

    static List<Finding> in(List<Finding> findings, String function) { return CorpusScan.in(findings, function); }

    static Finding only(List<Finding> findings, String function) {
        List<Finding> l = in(findings, function);
        assertEquals(1, l.size(), () -> "findings in @" + function + ": " + findings);
        return l.get(0);
    }

    static String lastIr(Finding f) { return f.evidence().get(f.evidence().size() - 1).ir(); }

    /** The line of the frame of the corpus source file (the outermost frame that is not in core or lkmm.h). */
    static int sourceLine(SourceLocation l, String file) {
        if (l.file().endsWith(file)) return l.line();
        for (SourceLocation x : l.inlinedAt()) if (x.file().endsWith(file)) return x.line();
        return -1;
    }

    private final Check check = new CtrlHoistedStore();

    @Test
    void hoistedAboveTheBranchButNotAfterAcquireReleaseOrSmpMb() {
        List<Finding> fs = scan(check, "clang-19/x86_64/O2-g", "ctrl_identical.ll");
        Finding f = only(fs, "ctrl_identical");
        // store volatile i32 1, ptr @y stands between the READ_ONCE (line 17) and the br of the if on line 19
        assertEquals("store volatile i32 1, ptr @y, align 4", lastIr(f));
        assertEquals(0, f.source().line(), "a merged location");
        assertEquals(17, f.related().get(0).source().line());
        assertEquals(19, f.related().get(1).source().line());
        assertTrue(f.message().contains("above the branch"), f.message());
        assertTrue(f.evidence().get(0).ir().startsWith("%1 = load volatile i32, ptr @x"));
        assertTrue(f.evidence().get(f.evidence().size() - 2).ir().startsWith("br i1 %2"));
        assertEquals(0, in(fs, "ctrl_identical_acquire").size(), "volatile load then barrier: x86 smp_load_acquire");
        assertEquals(0, in(fs, "ctrl_identical_release").size(), "barrier then volatile store: x86 smp_store_release");
        assertEquals(0, in(fs, "ctrl_identical_smp_mb").size(), "the branch is gone, but smp_mb() orders the store");
        assertEquals(0, in(fs, "ctrl_identical_different").size());
    }

    @Test
    void sunkIntoTheJoin() {
        Finding f = only(scan(check, "clang-19/x86_64/O2-g", "ctrl_identical.ll"), "ctrl_identical_sunk");
        assertEquals("store volatile i32 1, ptr @y, align 4", lastIr(f));
        assertTrue(f.message().contains("join"), f.message());
        assertEquals(117, f.related().get(0).source().line());
        assertEquals(119, f.related().get(1).source().line());
    }

    @Test
    void onArm64BarrierIsNoReleaseButStlrAndLdarAre() {
        List<Finding> fs = scan(check, "clang-19/aarch64/O2-g", "ctrl_identical.ll");
        assertEquals("store volatile i32 1, ptr @y, align 4", lastIr(only(fs, "ctrl_identical_barrier")));
        assertEquals(0, in(fs, "ctrl_identical_release").size(), "the hoisted stlr is a release");
        assertEquals(0, in(fs, "ctrl_identical_acquire").size(), "ldar is an acquire");
    }

    @Test
    void branchGoneLoadUnusedInlinedHelper() {
        List<Finding> fs = scan(check, "clang-19/x86_64/O2-g", "inline_helpers.ll");
        Finding f = only(fs, "inl_publish_seq");
        assertEquals("store volatile i32 1, ptr @out, align 4", lastIr(f));
        assertEquals(64, f.related().get(0).source().line(), "READ_ONCE(seq) in the caller");
        assertEquals(64, f.source().inlinedAt().get(0).line(), "publish() inlined at line 64");
        // the second marked load (o->refs) is the one the if tested, not the rcu_dereference before it
        assertEquals(73, only(fs, "inl_publish_val").related().get(0).source().line());
        assertEquals(0, in(fs, "inl_set_if").size(), "the branch stays");
    }

    @Test
    void switchArmsAndLoopBody() {
        List<Finding> sw = scan(check, "clang-19/x86_64/O2-g", "switch_deps.ll");
        assertEquals("store volatile i32 1, ptr @y, align 4", lastIr(only(sw, "switch_identical")));
        assertTrue(only(sw, "switch_identical").evidence().get(1).ir().startsWith("switch i32 %1"));
        assertEquals(0, in(sw, "switch_same_value").size(), "the table store is still under the range check");
        assertEquals(0, in(sw, "switch_different").size());
        List<Finding> loop = scan(check, "clang-19/x86_64/O2-g", "loop_dep.ll");
        // the loop is unrolled by two with a remainder: the three hoisted marks[i] stores are one finding (one
        // fingerprint), the first in the file
        Finding f = only(loop, "loop_ctrl_identical");
        assertEquals("store volatile i32 1, ptr %19, align 4", lastIr(f));
        assertEquals(64, f.related().get(1).source().line());
        assertEquals(0, in(loop, "loop_ctrl").size());
    }

    @Test
    void asmGotoAndKeptControlDependencies() {
        assertEquals(List.of(), scan(check, "clang-19/x86_64/O2-g", "volatile_if.ll"));
        assertEquals(List.of(), scan(check, "clang-19/x86_64/O2-g", "ctrl_dep.ll"));
    }

    @Test
    void rustRelaxedHoistedAcquireAndReleaseKept() {
        List<Finding> deps = scan(check, "rustc/x86_64/O2-g", "deps.ll");
        Finding f = only(deps, "rs_ctrl_identical");
        assertEquals("store volatile i32 1, ptr @Y, align 4", lastIr(f));
        // the merge shows in the frame of the caller: write_volatile inlined at line 0
        assertEquals(0, f.source().inlinedAt().get(f.source().inlinedAt().size() - 1).line());
        assertEquals(59, sourceLine(f.related().get(0).source(), "deps.rs"));
        assertEquals(60, f.related().get(1).source().line());
        assertTrue(only(deps, "rs_ctrl_identical_sunk").message().contains("join"));
        assertEquals(0, in(deps, "deps::ctrl_dep").size());
        List<Finding> at = scan(check, "rustc/x86_64/O2-g", "atomics.ll");
        assertTrue(lastIr(only(at, "atomics::relaxed_identical")).startsWith("store atomic i32 1, ptr @_ZN7atomics3OUT"));
        assertEquals(0, in(at, "atomics::acquire_identical").size());
        assertEquals(0, in(at, "atomics::release_identical").size());
        assertEquals(0, in(at, "atomics::relaxed_ctrl").size());
        assertNotNull(only(scan(check, "rustc/x86_64/O2-g", "generic.ll"), "generic::publish_same::<u64>"));
    }

    @Test
    void needsDebugInfo() {
        ModuleContext m = CorpusScan.context(IR.resolve("clang-19/x86_64/O2/ctrl_identical.ll"));
        ModuleScanner.Result r = new ModuleScanner(List.of(check)).scan(m);
        assertEquals(List.of(), r.findings());
        assertTrue(r.notes().toString().contains("ctrl-hoisted-store"), r.notes().toString());
    }

    /**
     * The Kangrejos example on one line: the merged store keeps line 137 with column 0 (not line 0), and the branch is
     * gone; the load on that line is the one the if tested. Rust's relaxed atomics are named by their ordering.
     */
    @Test
    void rustIfOnOneLine() {
        Finding f = only(scan(check, "rustc/x86_64/O2-g", "user_orderings.ll"), "ro_one_line");
        assertEquals(137, sourceLine(f.source(), "user_orderings.rs"));
        assertTrue(f.message().startsWith("Ordering::Relaxed store merged from the arms of an if whose branch on an"
                + " Ordering::Relaxed load is gone"), f.message());
        assertTrue(f.related().get(0).message().contains("on the line of the if"), f.related().toString());
        // C keeps "marked": READ_ONCE and WRITE_ONCE are no Ordering
        Finding c = only(scan(check, "clang-19/x86_64/O2-g", "ctrl_identical.ll"), "ctrl_identical");
        assertTrue(c.message().startsWith("marked store merged"), c.message());
    }

    /** black_box hides the value of the Relaxed load, not the identical stores: the store is merged all the same. */
    @Test
    void rustBlackBoxDoesNotProtectTheDependency() {
        Finding f = only(scan(check, "rustc/x86_64/O2-g", "user_orderings.ll"), "ro_black_box");
        assertTrue(f.evidence().get(0).ir().contains("load atomic i32"), f.evidence().toString());
        assertTrue(f.related().get(0).message().contains("variable of the enclosing scope"), f.related().toString());
    }
}
