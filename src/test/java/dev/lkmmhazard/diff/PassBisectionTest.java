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
}
