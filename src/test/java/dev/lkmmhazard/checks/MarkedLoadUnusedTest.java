package dev.lkmmhazard.checks;

import static dev.lkmmhazard.checks.AddrPointerSubstitutedTest.in;
import static dev.lkmmhazard.checks.AddrPointerSubstitutedTest.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Marked loads whose value the source assigned but the optimized code never uses. */
class MarkedLoadUnusedTest {
    private static final Check CHECK = new MarkedLoadUnused();

    private static List<String> functions(List<Finding> findings) { return CorpusScan.functionLines(findings); }

    @Test
    void cancelledArithmetic() {
        // "%1 = load volatile i64, ptr @idx" with only a #dbg_value for q: q - q, q * 0, q & 0, (q+1) - q;
        // addr_sub_one (q*2-1) and data_xor_self_used ((q^q)+q) still use the value
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2-g/cancel_arith.ll"));
        assertEquals(List.of("addr_sub_self:16", "addr_mul_zero:28", "data_and_zero:40", "data_add_sub:52"), functions(all));
        assertTrue(all.get(0).message().contains("'q'"), all.get(0).message());
        assertEquals(Severity.NOTE, all.get(0).severity(), "undecided from the optimized IR alone, and the rule's ceiling is a note");
        assertNull(all.get(0).weakEvidence(), "q is the function's own variable, not an inlined helper's");
    }

    @Test
    void foldedConditions() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2-g/ctrl_const_cond.ll"));
        assertEquals(List.of("ctrl_mod_one:22", "ctrl_or_true:40", "ctrl_self_compare:55", "ctrl_unsigned_range:68"),
                functions(all));
        assertEquals(List.of(), in(all, "ctrl_mod_two"));
    }

    @Test
    void rustReadVolatileInlinedIntoTheFunctionOfTheVariable() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/rustc/x86_64/O2-g/deps.ll"));
        List<String> fns = new ArrayList<>();
        for (Finding f : all) fns.add(f.function());
        // rs_cancel_add_sub, rs_cancel_sub_checked and rs_self_compare: (q+1)-q, checked q-q and q==q fold at
        // opt-level 2, leaving `load volatile i32, ptr @X` with only #dbg_value uses (read in deps.ll)
        assertEquals(List.of("deps::cancel_mul", "rs_cancel_add_sub", "rs_cancel_sub", "rs_cancel_sub_checked",
                "rs_ctrl_mod_one", "rs_self_compare"), fns.stream().sorted().toList());
        // the load is read_volatile's, inlined; the variable q is the caller's own, not the helper's
        for (Finding f : all) assertNull(f.weakEvidence(), f.toString());
        assertEquals(List.of(), in(all, "rs_ptr_compare_nonconst"));
    }

    @Test
    void withoutDebugInfoTheCheckIsSkipped() {
        ModuleScanner.Result r = new ModuleScanner(List.of(CHECK))
                .scan(CorpusScan.context(Path.of("corpus/ir/clang-19/x86_64/O2/cancel_arith.ll")));
        assertEquals(List.of(), r.findings());
        assertTrue(r.notes().toString().contains("marked-load-unused"), r.notes().toString());
    }

    /** A bare READ_ONCE statement has no debug record; an acquire load orders by itself; a helper's variable is a note. */
    @Test
    void bareStatementsAcquireLoadsAndInlinedHelpers(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("unused.ll");
        Files.writeString(f, String.join("\n",
                "@x = global i32 0",
                "",
                "define void @f() !dbg !5 {",
                "  %bare = load volatile i32, ptr @x, !dbg !10",
                "  %acq = load atomic i32, ptr @x acquire, align 4, !dbg !10",
                "    #dbg_value(i32 %acq, !8, !DIExpression(), !10)",
                "  %barrier = load volatile i32, ptr @x, !dbg !10",
                "  call void asm sideeffect \"\", \"~{memory}\"(), !dbg !10",
                "    #dbg_value(i32 %barrier, !8, !DIExpression(), !10)",
                "  %own = load volatile i32, ptr @x, !dbg !10",
                "    #dbg_value(i32 %own, !8, !DIExpression(), !10)",
                "  %helper = load volatile i32, ptr @x, !dbg !13",
                "    #dbg_value(i32 %helper, !12, !DIExpression(), !10)",
                "  ret void",
                "}",
                "",
                "!llvm.dbg.cu = !{!0}",
                "!llvm.module.flags = !{!3}",
                "!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: FullDebug)",
                "!1 = !DIFile(filename: \"u.c\", directory: \".\")",
                "!3 = !{i32 2, !\"Debug Info Version\", i32 3}",
                "!5 = distinct !DISubprogram(name: \"f\", scope: !1, file: !1, line: 1, type: !6, unit: !0)",
                "!6 = !DISubroutineType(types: !7)",
                "!7 = !{null}",
                "!8 = !DILocalVariable(name: \"v\", scope: !5, file: !1, line: 2, type: !9)",
                "!9 = !DIBasicType(name: \"int\", size: 32, encoding: DW_ATE_signed)",
                "!10 = !DILocation(line: 2, column: 3, scope: !5)",
                "!11 = distinct !DISubprogram(name: \"helper\", scope: !1, file: !1, line: 9, type: !6, unit: !0)",
                "!12 = !DILocalVariable(name: \"h\", scope: !11, file: !1, line: 10, type: !9)",
                "!13 = !DILocation(line: 10, column: 3, scope: !11, inlinedAt: !10)",
                ""));
        List<Finding> all = scan(CHECK, f);
        List<String> got = new ArrayList<>();
        for (Finding x : all) got.add(x.irLine() + ":" + x.severity());
        // a note either way: the optimized IR cannot tell a lost dependency from a use the configuration compiled out
        assertEquals(List.of("10:note", "12:note"), got);
        assertEquals(dev.lkmmhazard.report.Judgement.Verdict.UNDECIDED, all.get(0).judgement().verdict());
        assertEquals("use-known", all.get(0).judgement().deciding().ground());
        assertTrue(all.get(1).message().contains("in inlined helper"), all.get(1).message());
    }
}
