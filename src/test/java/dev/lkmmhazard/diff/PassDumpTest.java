package dev.lkmmhazard.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dump splitter, on hand-written banners of each kind and on the corpus dumps. */
class PassDumpTest {
    private static PassDump parse(String s) { return PassDump.parse(s.getBytes(StandardCharsets.ISO_8859_1)); }

    private static final String F = "define void @f() {\n  ret void\n}\n";

    @Test
    void printChangedBanners() {
        PassDump d = parse("*** IR Dump At Start ***\n; ModuleID = 'x'\n" + F + "define void @g() {\n  ret void\n}\n!0 = !{}\n"
                + "*** IR Dump After Annotation2MetadataPass on [module] omitted because no change ***\n"
                + "*** IR Dump After SimplifyCFGPass on f ***\n" + F
                + "*** IR Pass PassManager<Function> on f ignored ***\n"
                + "*** IR Dump After LoopDeletionPass on bb1 (invalidated) ***\n" + F
                + "*** IR Dump After InstCombinePass on g filtered out ***\n");
        List<PassDump.Snapshot> s = d.snapshots();
        assertEquals(5, s.size(), s::toString);
        assertEquals(PassDump.Scope.START, s.get(0).scope());
        assertEquals(List.of("f", "g"), d.functions(s.get(0)).stream().map(PassDump.FunctionText::name).toList());
        assertTrue(s.get(1).omitted());
        assertEquals(PassDump.Scope.MODULE, s.get(1).scope());
        assertEquals(1, s.get(1).position());
        assertEquals("SimplifyCFGPass", s.get(2).pass());
        assertEquals(2, s.get(2).shownNumber(), "without -print-pass-numbers: the position among the banners");
        assertEquals(1, d.functions(s.get(2)).size(), "the ignored pass manager's line ends the text");
        assertTrue(s.get(3).invalidated());
        assertEquals("LoopDeletionPass", s.get(3).pass());
        assertTrue(s.get(4).omitted());
        assertTrue(d.functions(s.get(4)).isEmpty());
        assertFalse(d.hasPassNumbers());
    }

    @Test
    void printAfterAllScopesAndPassNumbers() {
        PassDump d = parse("junk before the first banner\n"
                + " Running pass 7 RequireAnalysisPass<llvm::GlobalsAA, llvm::Module, llvm::AnalysisManager<Module>> on [module]\n"
                + "; *** IR Dump After RequireAnalysisPass<llvm::GlobalsAA, llvm::Module, llvm::AnalysisManager<Module>> on [module] ***\n" + F
                + " Running pass 8 InlinerPass on (f, g)\n; *** IR Dump After InlinerPass on (f, g) ***\n" + F
                + "; *** IR Dump Before LICMPass on loop %1 in function f ***\n\n; Loop:\n1:\n  br label %1\n"
                + " Running pass 9 LICMPass on loop %1 in function f\n; *** IR Dump After LICMPass on loop %1 in function f ***\n\n; Preheader:\n  br label %1\n\n; Loop:\n1:\n  br label %1\n"
                + " Running pass 10 SimplifyCFGPass on f\n; *** IR Dump After SimplifyCFGPass on f ***\n" + F);
        List<PassDump.Snapshot> s = d.snapshots();
        assertEquals(4, s.size(), "Before banners are not snapshots: " + s);
        assertEquals("RequireAnalysisPass<llvm::GlobalsAA, llvm::Module, llvm::AnalysisManager<Module>>", s.get(0).pass());
        assertEquals(PassDump.Scope.MODULE, s.get(0).scope());
        assertEquals(7, s.get(0).shownNumber());
        assertEquals(PassDump.Scope.CGSCC, s.get(1).scope());
        assertEquals(PassDump.Scope.LOOP, s.get(2).scope());
        assertEquals("f", s.get(2).function());
        assertEquals(9, s.get(2).number());
        assertTrue(d.functions(s.get(2)).isEmpty(), "a loop printed alone is not a function");
        assertEquals(10, s.get(3).number());
        assertEquals(PassDump.Scope.FUNCTION, s.get(3).scope());
        PassDump.FunctionText ft = d.functions(s.get(3)).get(0);
        assertEquals("define void @f() {", d.line(ft.firstLine()));
        assertTrue(d.hasPassNumbers());
    }

    @Test
    void corpusDumps() throws Exception {
        PassDump d = PassDump.parse(Files.readAllBytes(Path.of("corpus/passes/clang-19/ctrl_identical.ctrl_identical.txt")));
        assertTrue(d.hasPassNumbers());
        assertTrue(d.snapshots().size() > 90, "clang-19 -O2 runs about a hundred passes on a function");
        for (PassDump.Snapshot s : d.snapshots()) {
            assertTrue(s.number() > 0, () -> "every banner has its number: " + s);
            assertEquals(1, d.functions(s).size(), () -> "one function under each banner (-filter-print-funcs): " + s);
            assertEquals("ctrl_identical", d.functions(s).get(0).name());
        }
        assertEquals("SimplifyCFGPass", d.snapshots().stream().filter(s -> s.number() == 60).findFirst().orElseThrow().pass());
    }
}
