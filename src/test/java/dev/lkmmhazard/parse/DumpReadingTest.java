package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A function printed alone by {@code -print-after-all} uses globals, functions, attribute groups and metadata that the
 * dump never prints: the dump mode declares the globals at their first use, the normal mode keeps them errors.
 */
class DumpReadingTest {
    private static final String SNAPSHOT = """
            ; Function Attrs: noredzone nounwind
            define dso_local void @f() #0 !dbg !22 {
              %1 = alloca i32, align 4
              call void @llvm.lifetime.start.p0(i64 4, ptr %1) #2, !dbg !27
              %2 = load volatile i32, ptr @x, align 4, !dbg !29
              %3 = call i32 (ptr, ...) @printk(ptr @fmt, i32 %2)
              store volatile i32 %2, ptr @y, align 4, !dbg !35
              ret void, !dbg !48
            }
            """;

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    @Test
    void normalModeRejectsUndefinedGlobals() {
        ParseResult r = IrReader.read("f.ll", bytes(SNAPSHOT));
        assertFalse(r.ok());
        assertTrue(r.errors().stream().anyMatch(e -> e.diagnostic().contains("use of undefined global '@x'")), r.errors()::toString);
    }

    @Test
    void dumpModeDeclaresThemAtFirstUse() {
        ParseResult r = IrReader.readDump("dump.txt", bytes(SNAPSHOT), 100);
        assertTrue(r.ok(), r.errors()::toString);
        Function lifetime = r.module().function("llvm.lifetime.start.p0");
        assertFalse(lifetime.isDefinition());
        assertEquals(2, lifetime.arguments().size(), "the call's argument types make the declaration");
        assertEquals("void", lifetime.returnType().toString());
        Function printk = r.module().function("printk");
        assertTrue(printk.isVarArg(), "an explicit function type at the call is the declaration's");
        assertEquals(1, printk.arguments().size());
        assertInstanceOf(GlobalVariable.class, r.module().global("x"));
        assertInstanceOf(GlobalVariable.class, r.module().global("fmt"));
        Instruction load = r.module().function("f").blocks().get(0).instructions().get(2);
        assertEquals(r.module().global("x"), load.operand(0));
        assertEquals(104, load.line(), "lines count from where the snapshot begins in the dump");
    }

    @Test
    void dumpModeStillReportsUndefinedLocals() {
        ParseResult r = IrReader.readDump("dump.txt", bytes("define void @f() {\n  store i32 %9, ptr @x\n  ret void\n}\n"), 1);
        assertFalse(r.ok());
        assertTrue(r.errors().get(0).diagnostic().contains("undefined value '%9'"), r.errors()::toString);
    }
}
