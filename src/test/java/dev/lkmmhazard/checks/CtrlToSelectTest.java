package dev.lkmmhazard.checks;

import static dev.lkmmhazard.checks.CtrlHoistedStoreTest.in;
import static dev.lkmmhazard.checks.CtrlHoistedStoreTest.lastIr;
import static dev.lkmmhazard.checks.CtrlHoistedStoreTest.only;
import static dev.lkmmhazard.checks.CtrlHoistedStoreTest.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ctrl-to-select on corpus IR: merged branches beside conditional expressions the author wrote. */
class CtrlToSelectTest {
    private final Check check = new CtrlToSelect();

    @Test
    void selectOfValueAndOfAddressButNotAnAuthorsTernary() {
        List<Finding> fs = scan(check, "clang-19/x86_64/O2-g", "ctrl_select.ll");
        Finding v = only(fs, "ctrl_to_select");
        assertEquals("store volatile i32 %3, ptr @y, align 4", lastIr(v));
        assertTrue(v.evidence().get(2).ir().startsWith("%3 = select i1 %2, i32 2, i32 1"));
        assertTrue(v.message().contains("value"), v.message());
        assertEquals(17, v.related().get(0).source().line());
        assertNull(v.weakEvidence());
        Finding a = only(fs, "ctrl_to_select_addr");
        assertEquals("store volatile i32 5, ptr %3, align 4", lastIr(a));
        assertTrue(a.message().contains("address"), a.message());
        assertEquals(1, in(fs, "ctrl_to_select_cmp").size());
        // same IR as ctrl_to_select, but the store keeps line 119: WRITE_ONCE(y, q ? 1 : 2)
        assertEquals(0, in(fs, "ctrl_select_ternary").size());
        assertEquals(0, in(fs, "ctrl_select_kept_branch").size());
        assertEquals(0, in(fs, "ctrl_select_addr_align").size(), "x86_64 keeps the branch");
    }

    @Test
    void phiAtTheJoin() {
        Finding f = only(scan(check, "clang-19/x86_64/O2-g", "ctrl_select.ll"), "ctrl_sunk_phi");
        assertEquals("store volatile i32 %6, ptr @y, align 4", lastIr(f));
        assertTrue(f.evidence().stream().anyMatch(e -> e.ir().startsWith("%6 = phi i32 [ 2, %4 ], [ 1, %3 ]")));
        assertTrue(f.evidence().stream().anyMatch(e -> e.ir().startsWith("br i1 %2")));
        assertEquals(96, f.related().get(0).source().line());
    }

    @Test
    void arm64MergesTheDifferentlyAlignedStores() {
        Finding f = only(scan(check, "clang-19/aarch64/O2-g", "ctrl_select.ll"), "ctrl_select_addr_align");
        assertTrue(f.message().contains("address"), f.message());
    }

    @Test
    void withoutDebugInfoStructureAndWeakEvidence() {
        List<Finding> fs = scan(check, "clang-19/x86_64/O2", "ctrl_select.ll");
        assertNotNull(only(fs, "ctrl_to_select").weakEvidence());
        // the ternary cannot be told from the merged if without the store's line
        assertNotNull(only(fs, "ctrl_select_ternary").weakEvidence());
        assertEquals(0, in(fs, "ctrl_select_kept_branch").size());
    }

    @Test
    void switchValuesAndAsmGoto() {
        List<Finding> sw = scan(check, "clang-19/x86_64/O2-g", "switch_deps.ll");
        Finding f = only(sw, "switch_values");
        assertEquals("store volatile i32 %6, ptr @z, align 4", lastIr(f));
        assertEquals(0, in(sw, "switch_different").size());
        assertEquals(0, in(sw, "switch_identical").size(), "the phi of addresses is still under the switch");
        // the phi at the join of an asm goto: the callbr is the author's ordering, not the compiler's choice
        assertEquals(List.of(), scan(check, "clang-19/x86_64/O2-g", "volatile_if.ll"));
    }

    @Test
    void rust() {
        List<Finding> fs = scan(check, "rustc/x86_64/O2-g", "deps.ll");
        Finding f = only(fs, "deps::ctrl_select");
        assertTrue(f.evidence().stream().anyMatch(e -> e.ir().startsWith("%. = select i1 %_4, i32 10, i32 20")));
        assertEquals(89, f.related().get(1).source().line());
        assertEquals(0, in(fs, "rs_select_value").size(), "write_volatile(Y, if q > 3 { 10 } else { 20 })");
        assertNotNull(only(scan(check, "rustc/x86_64/O2", "deps.ll"), "rs_select_value").weakEvidence());
    }
}
