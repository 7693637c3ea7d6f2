package dev.lkmmhazard.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus dumps (scripts/gen-corpus.sh --passes), each read by hand; the comment says what the dump shows at which
 * banner. Every case names one pass and one cause, so a wrong attribution fails.
 */
class PassBisectionTest {
    private static List<String> run(String dump) throws Exception {
        Path p = Path.of("corpus/passes", dump);
        PassBisection.Result r = new PassBisection(p.toString(), PassDump.parse(Files.readAllBytes(p)), MarkedAccessConfig.defaults()).run();
        return r.findings().stream().map(PassBisectionTest::shown).toList();
    }

    private static String shown(Finding f) {
        return f.check() + " " + f.function() + " line " + f.irLine() + " by " + f.brokenBy().pass() + " " + f.brokenBy().number();
    }

    @Test
    void ctrlIdentical() throws Exception {
        // Up to "After CoroElidePass" (pass 59) both arms store 1 to @y. After SimplifyCFGPass (pass 60, the late one,
        // banner at line 1600) the store of 1 to @y stands above `br i1 %2` (line 1606): hoisted out of both arms.
        assertEquals(List.of("ctrl-hoisted-store ctrl_identical line 1606 by SimplifyCFGPass 60"),
                run("clang-19/ctrl_identical.ctrl_identical.txt"));
    }

    @Test
    void ptrEqGlobal() throws Exception {
        // After EarlyCSEPass (pass 10) the load of p->val is `load i32, ptr %4` with %4 a GEP of the loaded p. After
        // IPSCCPPass (pass 12, banner at line 418) it is `load i32, ptr getelementptr inbounds (i8, ptr @default_item,
        // i64 4)` (line 428): p replaced by &default_item, which it was compared with.
        assertEquals(List.of("addr-pointer-substituted ptr_eq_global line 428 by IPSCCPPass 12"),
                run("clang-19/ptr_compare.ptr_eq_global.txt"));
    }

    @Test
    void ctrlModOne() throws Exception {
        // After SROAPass (pass 9) the branch is on `icmp ne (srem %1, 1), 0`. After EarlyCSEPass (pass 10, banner at
        // line 383) it is `br i1 false`: both arms' WRITE_ONCE(b, ...) (lines 391 and 396) lost the dependency.
        assertEquals(List.of("ctrl-folded-condition ctrl_mod_one line 391 by EarlyCSEPass 10",
                        "ctrl-folded-condition ctrl_mod_one line 396 by EarlyCSEPass 10"),
                run("clang-19/ctrl_const_cond.ctrl_mod_one.txt"));
    }

    @Test
    void rust() throws Exception {
        // rustc runs the same pipeline: the late SimplifyCFGPass (pass 60) hoists the store of 1 to Y in
        // rs_ctrl_identical, and IPSCCPPass (pass 12) loads DEFAULT_FOO's field instead of (*p).field.
        assertEquals(List.of("ctrl-hoisted-store rs_ctrl_identical line 1897 by SimplifyCFGPass 60"),
                run("rustc/deps.rs_ctrl_identical.txt"));
        assertEquals(List.of("addr-pointer-substituted rs_ptr_compare line 395 by IPSCCPPass 12"),
                run("rustc/deps.rs_ptr_compare.txt"));
    }

    // ------------------------------------------------------------------------ the plain fates (corpus/c/plain_fates.c)

    @Test
    void loadFusedPair() throws Exception {
        // After SROAPass (pass 9) two `load i32, ptr @seq`; after EarlyCSEPass (pass 10, banner at line 204) one
        // (line 207), whose value stands for both (`mul nsw i32 3, %1`).
        assertEquals(List.of("load-fused load_fused_pair line 207 by EarlyCSEPass 10"),
                run("clang-19/plain_fates.load_fused_pair.txt"));
    }

    @Test
    void spinLoopHoisted() throws Exception {
        // Up to SpeculativeExecutionPass (pass 27) the load of @stop is in the loop header; after JumpThreadingPass
        // (pass 28, banner at line 547) it stands in the entry block (line 550) and the loop tests a phi of it.
        assertEquals(List.of("load-fused spin_on_stop line 550 by JumpThreadingPass 28"),
                run("clang-19/plain_fates.spin_on_stop.txt"));
    }

    @Test
    void storeFusedPair() throws Exception {
        // After SROAPass (pass 9) `store i32 1` and `store i32 2` to @seq; after EarlyCSEPass (pass 10, banner at
        // line 76) only `store i32 2` (line 79).
        assertEquals(List.of("store-fused store_fused_pair line 79 by EarlyCSEPass 10"),
                run("clang-19/plain_fates.store_fused_pair.txt"));
    }

    @Test
    void storeOfTheValueJustLoadedRemoved() throws Exception {
        // The first snapshot (line 13) stores to @seq the value loaded from it through a local slot; after
        // EarlyCSEPass (pass 10, banner at line 131) the store is gone. Reported at the store before.
        assertEquals(List.of("store-removed store_back line 13 by EarlyCSEPass 10"),
                run("clang-19/plain_fates.store_back.txt"));
    }

    @Test
    void fieldsCopiedAsOneVector() throws Exception {
        // After SimplifyCFGPass (pass 83) four i32 loads of @q_src and four stores to @q_dst; after SLPVectorizerPass
        // (pass 84, banner at line 1166) one `load <4 x i32>` (line 1169) and one `store <4 x i32>` (line 1170).
        assertEquals(List.of("load-fused copy_quad line 1169 by SLPVectorizerPass 84",
                        "store-torn copy_quad line 1170 by SLPVectorizerPass 84"),
                run("clang-19/plain_fates.copy_quad.txt"));
    }

    @Test
    void zeroedArrayVectorized() throws Exception {
        // The loop was fully unrolled into sixteen `store i32 0` at constant offsets of @table (lines 2820-2850 of the
        // last snapshot that changed, after InferAlignmentPass); after SLPVectorizerPass (pass 94, banner at line
        // 2975) four `store <4 x i32>`.
        assertEquals(List.of("store-torn zero_table line 2983 by SLPVectorizerPass 94",
                        "store-torn zero_table line 2988 by SLPVectorizerPass 94",
                        "store-torn zero_table line 2993 by SLPVectorizerPass 94",
                        "store-torn zero_table line 2998 by SLPVectorizerPass 94"),
                run("clang-19/plain_fates.zero_table.txt"));
    }

    @Test
    void counterPromotedOutOfItsLoop() throws Exception {
        // A loop pass prints only the loop (-print-module-scope=false). After LICMPass (pass 42, banner at line 1147)
        // the load of @state stands in the "; Preheader:" section and the loop's only access is the store; after
        // LoopRotatePass (43) and LICMPass (pass 44, banner at line 1196) the loop has no store either. The function
        // is next printed whole after SimplifyCFGPass (pass 46): the load there is at line 1247, the store at 1254.
        assertEquals(List.of("load-fused count_loop line 1247 by LICMPass 42", "store-fused count_loop line 1254 by LICMPass 44"),
                run("clang-19/plain_fates.count_loop.txt"));
    }

    @Test
    void rustPlainFates() throws Exception {
        // The same pipeline: EarlyCSEPass (pass 10) fuses the two reads of SEQ (one load left, line 226) and the
        // two stores to it (line 89); LICMPass hoists the load of COUNT (%COUNT.promoted, pass 42) and, after the
        // rotation, sinks the store to the exit (%_5.lcssa, pass 44).
        assertEquals(List.of("load-fused rs_load_fused line 226 by EarlyCSEPass 10"), run("rustc/plain_fates.rs_load_fused.txt"));
        assertEquals(List.of("store-fused rs_store_fused line 89 by EarlyCSEPass 10"), run("rustc/plain_fates.rs_store_fused.txt"));
        // LoopIdiomRecognizePass (pass 50, banner at line 1371) prints the loop with `call void @llvm.memset.p0.i64(ptr
        // align 4 @TABLE, i8 0, i64 256, ...)` in its preheader (line 1377); the function is next printed whole after
        // LoopDeletionPass (pass 53), with the call at line 1438.
        assertEquals(List.of("store-torn rs_zero_table line 1438 by LoopIdiomRecognizePass 50"), run("rustc/plain_fates.rs_zero_table.txt"));
        assertEquals(List.of("load-fused rs_count_loop line 1342 by LICMPass 42",
                "store-fused rs_count_loop line 1349 by LICMPass 44"), run("rustc/plain_fates.rs_count_loop.txt"));
    }
}
