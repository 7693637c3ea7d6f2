package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.DefUse.Use;
import dev.lkmmhazard.analysis.DefUse.UseKind;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefUseTest {
    private static final String FUNCTION = """
            define i32 @du(ptr %p, i32 %a) {
            entry:
              %v = load volatile i32, ptr %p
              %unused = load volatile i32, ptr %p
                #dbg_value(i32 %v, !10, !DIExpression(), !11)
              %s = add i32 %v, %v
              call void @llvm.dbg.value(metadata i32 %a, metadata !10, metadata !DIExpression())
              call void @use(i32 %s) [ "deopt"(i32 %v, ptr %p) ]
                #dbg_value(!DIArgList(i32 %a, i32 %s), !10, !DIExpression(DW_OP_LLVM_arg, 0, DW_OP_LLVM_arg, 1, DW_OP_plus, DW_OP_stack_value), !11)
              br label %next
            next:
              %phi = phi i32 [ %s, %entry ]
              ret i32 %phi
            }

            !10 = !DILocalVariable(name: "x", scope: !12, file: !13, line: 1, type: null)
            !11 = !DILocation(line: 1, scope: !12)
            !12 = distinct !DISubprogram(name: "du", file: !13, line: 1, unit: null)
            !13 = !DIFile(filename: "t.c", directory: ".")
            """;

    private final Module module = TestGraphs.parse(FUNCTION);
    private final Function f = module.function("du");
    private final DefUse du = new DefUse(f);

    private Value v(String name) {
        for (int i = 0; i < du.valueCount(); i++) if (name.equals(du.value(i).name())) return du.value(i);
        throw new AssertionError("no value %" + name);
    }

    /** Uses written "user:slot:KIND", the user by name or, for unnamed calls and terminators, by opcode. */
    private List<String> uses(String name) {
        List<String> out = new ArrayList<>();
        for (Use u : du.uses(v(name))) out.add(label(u.user()) + ":" + u.slot() + ":" + u.kind());
        return out;
    }

    private static String label(Instruction i) {
        if (i.hasName()) return i.name();
        return i.callee() != null ? "call " + i.callee().name() : i.opcode().keyword;
    }

    @Test
    void argumentsAndInstructionsAreNumberedInOrder() {
        assertEquals(2, du.argumentCount());
        assertEquals(10, du.valueCount());
        assertEquals(0, du.index(f.arguments().get(0)));
        assertEquals(2, du.index(v("v")));
        assertEquals(-1, du.index(module.function("use")), "globals are not values of the function");
    }

    @Test
    void operandBundleAndDebugRecordUsesAreListedInUserOrder() {
        // the add uses %v twice and its debug record once; the call's deopt bundle once
        assertEquals(List.of("s:0:OPERAND", "s:1:OPERAND", "s:0:DEBUG_RECORD", "call use:0:BUNDLE"), uses("v"));
        assertEquals(List.of("s", "call use"), du.users(v("v")).stream().map(DefUseTest::label).toList());
        assertEquals(List.of("v:0:OPERAND", "unused:0:OPERAND", "call use:1:BUNDLE"), uses("p"));
    }

    @Test
    void valueOnlyDescribedToTheDebuggerHasNoRealUses() {
        // llvm.dbg.value's metadata operand and the DIArgList of a debug record
        assertEquals(List.of("call llvm.dbg.value:0:DEBUG_INTRINSIC", "br:0:DEBUG_RECORD"), uses("a"));
        assertFalse(du.hasUses(v("a")));
        assertTrue(du.hasDebugUses(v("a")));
        assertEquals(List.of(), du.users(v("a")));
    }

    @Test
    void unusedMarkedLoadHasNoUses() {
        assertEquals(List.of(), uses("unused"));
        assertFalse(du.hasUses(v("unused")));
        assertFalse(du.hasDebugUses(v("unused")));
    }

    @Test
    void phiAndDebugArgListUses() {
        assertEquals(List.of("call use:0:OPERAND", "br:0:DEBUG_RECORD", "phi:0:OPERAND"), uses("s"));
        assertEquals(List.of("ret:0:OPERAND"), uses("phi"));
        int s = du.index(v("s"));
        assertEquals(3, du.useCount(s));
        assertEquals(du.index(v("phi")), du.useUser(s, 2));
        assertEquals(UseKind.DEBUG_RECORD, du.useKind(s, 1));
        assertTrue(UseKind.DEBUG_RECORD.isDebug() && UseKind.DEBUG_INTRINSIC.isDebug() && !UseKind.BUNDLE.isDebug());
    }

    @Test
    void valuesOfOtherFunctionsAreRejected() {
        Function other = TestGraphs.function(TestGraphs.DIAMOND);
        assertThrows(IllegalArgumentException.class, () -> du.uses(other.arguments().get(0)));
        // an instruction of another function, at a position that is a number here, is still not a value here
        Instruction first = other.blocks().get(0).instructions().get(0);
        assertTrue(first.position() >= 0 && first.position() < du.valueCount(), "position " + first.position());
        assertEquals(-1, du.index(first));
    }

    @Test
    void theReaderPositionsEveryInstructionAtItsNumber() {
        for (int k = du.argumentCount(); k < du.valueCount(); k++)
            assertEquals(k, ((Instruction) du.value(k)).position(), du.value(k).toString());
    }

    /** An instruction whose position is not its number (IR changed after reading) is numbered by identity. */
    @Test
    void stalePositionsGiveTheSameNumbersAndUses() {
        List<String> before = new ArrayList<>();
        for (int k = 0; k < du.valueCount(); k++) before.add(k + " " + du.value(k).name() + " " + uses(k));
        Instruction s = (Instruction) v("s"), phi = (Instruction) v("phi");
        s.setPosition(phi.position());
        phi.setPosition(-1);
        DefUse renumbered = new DefUse(f);
        List<String> after = new ArrayList<>();
        for (int k = 0; k < renumbered.valueCount(); k++)
            after.add(k + " " + renumbered.value(k).name() + " " + uses(renumbered, k));
        assertEquals(before, after);
        assertEquals(4, renumbered.index(s)); // %p %a %v %unused %s
    }

    private List<String> uses(int v) { return uses(du, v); }

    private static List<String> uses(DefUse d, int v) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < d.useCount(v); k++)
            out.add(d.useUser(v, k) + ":" + d.useSlot(v, k) + ":" + d.useKind(v, k));
        return out;
    }
}
