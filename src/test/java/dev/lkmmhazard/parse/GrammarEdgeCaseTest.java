package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.ModulePrinter;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Constructs the corpus does not contain, because no compiler run of ours writes them. */
class GrammarEdgeCaseTest {

    private static Module read(String text) {
        ParseResult r = IrReader.read("in.ll", text.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.module();
    }

    @Test
    void thinLtoSummaryEntriesAreKeptAsTextBesideTheModule() {
        Module m = read("@x = global i32 0\n"
                + "^0 = module: (path: \"a.o\", hash: (0, 0, 0, 0, 0))\n"
                + "^1 = gv: (name: \"x\", summaries: (variable: (module: ^0, flags: (linkage: external, visibility: default,"
                + " notEligibleToImport: 0, live: 0, dsoLocal: 0, canAutoHide: 0), varFlags: (readonly: 0))))\n"
                + "^2 = flags: 8\n"
                + "@y = global i32 1\n");
        assertEquals(2, m.globals().size());
        assertEquals(3, m.summaryEntries().size());
        assertEquals("^2 = flags: 8", m.summaryEntries().get(2));
    }

    @Test
    void moduleLevelUseListOrderIsKept() {
        Module m = read("@a = global i32 0\n@b = global ptr @a\n@c = global ptr @a\nuselistorder ptr @a, { 1, 0 }\n");
        assertEquals(1, m.useListOrders().size());
        assertEquals("uselistorder ptr @a , { 1 , 0 }", m.useListOrders().get(0));
    }

    @Test
    void useListOrderInAFunctionBodyIsKeptAndPrintedBack() throws Exception {
        String text = "define i32 @f(i32 %a) {\n  %b = add i32 %a, 1\n  %c = add i32 %a, 2\n  %d = add i32 %b, %c\n"
                + "  ret i32 %d\n  uselistorder i32 %a, { 1, 0 }\n}\n";
        Module m = read(text);
        assertEquals(List.of("uselistorder i32 %a , { 1 , 0 }"), m.function("f").useListOrders());
        StringBuilder printed = new StringBuilder();
        new ModulePrinter(printed).printModule(m);
        assertTrue(printed.toString().contains("  ret i32 %d\n  uselistorder i32 %a , { 1 , 0 }\n}\n"), printed::toString);
    }

    @Test
    void llvm14InrangeBeforeAnIndexIsRecordedOnItsOperand() {
        Module m = read("@vt = global { [2 x i8*] } zeroinitializer\n"
                + "@p = global i8** getelementptr inbounds ({ [2 x i8*] }, { [2 x i8*] }* @vt, i32 0, inrange i32 0, i32 1)\n");
        ConstantExpr gep = (ConstantExpr) ((GlobalVariable) m.global("p")).initializer();
        // operands: the pointer, then the indices 0, 0, 1; inrange stands before the second index
        assertEquals(4, gep.operandCount());
        assertEquals(2, gep.inRangeOperand);
        assertEquals("getelementptr inbounds ({ [2 x i8*] }, { [2 x i8*] }* @vt, i32 0, inrange i32 0, i32 1)", gep.reference());
    }

    @Test
    void ptrInAStringOrCommentDoesNotMakeAFileOpaquePointer() {
        byte[] typed = "; a ptr in a comment\n@s = global [6 x i8] c\"a ptr\\00\"\n@p = global i32* null\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(IrReader.usesTypedPointers(typed));
        assertEquals("i32**", read(new String(typed, StandardCharsets.ISO_8859_1)).global("p").type().toString());
        assertTrue(!IrReader.usesTypedPointers("@p = global ptr null\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void emptyQuotedGlobalNameTakesTheNextNumber() {
        Module m = read("@0 = global i32 1\n@\"\" = global i32 2\n");
        assertEquals("1", m.globals().get(1).name());
        assertTrue(m.globals().get(1).isNumbered());
    }

    @Test
    void unlabeledEntryBlockTakesTheNumberAfterTheArguments() {
        Module m = read("define i32 @f(i32 %0) {\n  br label %2\n2:\n  %3 = phi i32 [ %0, %1 ]\n  ret i32 %3\n}\n");
        // %0 is the argument, so the entry block is %1; the phi's incoming block resolves to it
        Instruction phi = m.function("f").blocks().get(1).instructions().get(0);
        assertEquals(m.function("f").entry(), phi.blocks()[0]);
        assertEquals("1", m.function("f").entry().name());
    }
}
