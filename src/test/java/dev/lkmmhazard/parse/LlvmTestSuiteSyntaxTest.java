package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Argument;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantAggregate;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.GlobalAlias;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.Metadata;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.ModulePrinter;
import dev.lkmmhazard.ir.Type;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Syntax that LLVM's own test files (llvm/test/Assembler, llvm/test/Bitcode) use and compilers rarely write, read
 * from the hand-written files of {@code corpus/handwritten/}: the values read are checked, and printing is checked
 * to read back to the same text. (With llvm-as installed, {@link RoundTripTest} also checks the printed files
 * against LLVM's own reading.)
 */
class LlvmTestSuiteSyntaxTest {
    private static final Path DIR = Path.of("corpus", "handwritten");
    /** A summary without a module, which RoundTripTest cannot compare (llvm-dis names it by its path). */
    private static final Path SUMMARY = Path.of("src", "test", "resources", "parse", "thinlto-summary.ll");

    private static Module read(String file) throws IOException {
        byte[] bytes = Files.readAllBytes(DIR.resolve(file));
        ParseResult r = IrReader.read(file, bytes);
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.module();
    }

    private static Module readText(String text) {
        ParseResult r = IrReader.read("in.ll", text.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.module();
    }

    /** Printing, reading the print and printing again gives the same text: nothing is lost or changed. */
    private static String printedTwice(Module m) {
        String once = ModulePrinter.toString(m);
        assertEquals(once, ModulePrinter.toString(readText(once)));
        return once;
    }

    private static Instruction inst(Function f, int block, int index) {
        return f.blocks().get(block).instructions().get(index);
    }

    private static BigInteger initializer(Module m, String global) {
        return ((ConstantInt) ((GlobalVariable) m.global(global)).initializer()).bigValue();
    }

    // ------------------------------------------------------------------------------------------------ numbering

    @Test
    void unnamedParametersAreNumberedFromZeroAndTheEntryBlockNext() throws IOException {
        Function f = read("implicit-numbering.ll").function("unnamed_params");
        List<Argument> args = f.arguments();
        assertEquals("0", args.get(0).name());
        assertEquals("1", args.get(1).name());
        assertTrue(args.get(0).isNumbered() && args.get(1).isNumbered());
        assertEquals("2", f.entry().name());
        Instruction add = inst(f, 0, 0);
        assertSame(args.get(0), add.operand(0));
        assertSame(args.get(1), add.operand(1));
    }

    @Test
    void unnamedResultsAndBlocksTakeTheNextNumberInOrder() throws IOException {
        Function f = read("implicit-numbering.ll").function("unnamed_results");
        assertEquals("3", f.entry().name());
        Instruction add = inst(f, 0, 0), mul = inst(f, 0, 1), store = inst(f, 0, 2), call = inst(f, 0, 3);
        assertEquals("4", add.name());
        assertEquals("5", mul.name());
        assertSame(add, mul.operand(0));
        assertNull(store.name(), "a store has no result, so it takes no number");
        assertSame(mul, store.operand(0));
        assertEquals("6", call.name());
        List<BasicBlock> blocks = f.blocks();
        assertEquals(List.of("3", "7", "9", "10"), blocks.stream().map(BasicBlock::name).toList());
        Instruction cmp = inst(f, 1, 0), br = inst(f, 1, 1);
        assertEquals("8", cmp.name());
        assertSame(call, cmp.operand(0));
        assertSame(blocks.get(2), br.blocks()[0]);
        assertSame(blocks.get(3), br.blocks()[1]);
        assertSame(call, inst(f, 2, 0).operand(0));
    }

    @Test
    void numberingGoesOnAfterANamedParameterAndAfterANumberThatSkipsAhead() throws IOException {
        Function f = read("implicit-numbering.ll").function("mixed");
        List<Argument> args = f.arguments();
        assertEquals(List.of("0", "x", "5", "6"), args.stream().map(Argument::name).toList());
        assertFalse(args.get(1).isNumbered());
        assertEquals("7", f.entry().name());
        Instruction sub = inst(f, 0, 1);
        assertEquals("9", sub.name());
        assertSame(args.get(3), sub.operand(1));
        Instruction add = inst(f, 1, 0);
        assertEquals("10", add.name());
        assertSame(sub, add.operand(0));
        assertSame(add, inst(f, 2, 0).operand(0));
    }

    @Test
    void implicitNumbersArePrintedAndReadBack() throws IOException {
        String printed = printedTwice(read("implicit-numbering.ll"));
        assertTrue(printed.contains("define i32 @unnamed_params(i32 %0, i32 %1) {\n  %4 = add i32 %0, %1\n"), printed);
        assertTrue(printed.contains("  %6 = call i32 @g(i32 %5)\n  br label %7\n\n7:\n  %8 = icmp eq i32 %6, 0\n"), printed);
        // a declaration has no body to number its parameters in
        assertTrue(printed.contains("declare i32 @g(i32)\n"), printed);
    }

    // ------------------------------------------------------------------------------------------------ LLVM 19 syntax

    @Test
    void anIntrinsicCalledWithoutADeclarationIsDeclaredFromTheCallButNoOtherFunctionIs() {
        // LLVM 18 and later declare an undeclared intrinsic from its call (CodeGen/X86/combine-abs.ll does this)
        Module m = readText("define i32 @f(i32 %x) {\n  %a = call i32 @llvm.abs.i32(i32 %x, i1 false)\n  ret i32 %a\n}\n");
        Function abs = m.function("llvm.abs.i32");
        assertNotNull(abs);
        assertFalse(abs.isDefinition());
        assertEquals(List.of("i32", "i1"), abs.arguments().stream().map(a -> a.type().toString()).toList());
        assertSame(abs, inst(m.function("f"), 0, 0).calledFunction());
        assertTrue(printedTwice(m).contains("declare i32 @llvm.abs.i32(i32, i1)"), ModulePrinter.toString(m));

        ParseResult plain = IrReader.read("in.ll", "define void @f() {\n  call void @g()\n  ret void\n}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("use of undefined global '@g'"), plain.errors().stream().map(ParseError::detail).toList());
        ParseResult notCalled = IrReader.read("in.ll", "@p = global ptr @llvm.trap\n".getBytes(StandardCharsets.ISO_8859_1));
        assertFalse(notCalled.ok(), "an intrinsic is declared only from a call");
    }

    @Test
    void aFileWithoutPointerTypesIsReadAsOpaquePointerIr() {
        // Transforms/InstCombine/mul_fold.ll: no pointer type at all, and a call of @use16 with another type than its
        // declaration, which LLVM 15 and later accept (the callee is only a ptr) and LLVM 14 refuses
        String text = "declare i16 @use16(i16)\ndefine void @f(i16 %x) {\n  call void @use16(i16 %x)\n  ret void\n}\n";
        assertNotNull(readText(text).function("f"));
        // with a typed pointer in it, the file is LLVM 14's, and LLVM 14's check applies
        ParseResult typed = IrReader.read("in.ll", (text + "@p = global i8* null\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("'@use16' defined with type 'i16 (i16)*' but expected 'void (i16)*' (in function '@f', which is skipped)"),
                typed.errors().stream().map(ParseError::detail).toList());
    }

    @Test
    void anArrayOrVectorCountMayBeAnUnsignedHexInteger() {
        // CodeGen/X86/huge-stack-offset2.ll: alloca [u0x200000000 x i8]
        Module m = readText("@a = global [u0x10 x i8] zeroinitializer\n@v = global <u0x4 x i32> zeroinitializer\n");
        assertEquals("[16 x i8]", ((GlobalVariable) m.global("a")).valueType().toString());
        assertEquals("<4 x i32>", ((GlobalVariable) m.global("v")).valueType().toString());
        ParseResult signed = IrReader.read("in.ll", "@a = global [s0x10 x i8] zeroinitializer\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("expected number in array or vector type"), signed.errors().stream().map(ParseError::detail).toList());
    }

    @Test
    void hexadecimalIntegersAreAsWideAsTheirSignificantBitsThenExtendedToTheType() throws IOException {
        Module m = read("langref-constructs.ll");
        // 0x12312 has 17 significant bits; as a signed 17-bit integer it is 0x12312 - 2^17
        assertEquals(BigInteger.valueOf(-56558), initializer(m, "s_hex"));
        assertEquals(BigInteger.valueOf(-1), initializer(m, "s_one"));
        assertEquals(BigInteger.valueOf(-1), initializer(m, "s_wide"), "truncated to i16: the low 16 bits are all ones");
        assertEquals(BigInteger.valueOf(-1), initializer(m, "u_hex"), "an i64 of all ones, which LLVM prints as -1");
        assertEquals(BigInteger.ZERO, initializer(m, "u_zero"));
        assertEquals(BigInteger.valueOf(-32768), initializer(m, "u_small"));
        ConstantAggregate vec = (ConstantAggregate) ((GlobalVariable) m.global("vec_hex")).initializer();
        assertEquals(-1, ((ConstantInt) vec.operand(0)).longValue());
        assertEquals(7, ((ConstantInt) vec.operand(1)).longValue());
        assertEquals(BigInteger.valueOf(-56558), ModuleBuilder.hexInteger("s0x0012312", 32));
        assertEquals(BigInteger.valueOf(255), ModuleBuilder.hexInteger("u0xFF", 32));
        assertEquals(BigInteger.valueOf(-1), ModuleBuilder.hexInteger("s0xFF", 32));
        assertEquals(BigInteger.ZERO, ModuleBuilder.hexInteger("s0x0", 8));
    }

    @Test
    void aNamedTypeThatIsNotAStructStandsForItsBody() throws IOException {
        Module m = read("langref-constructs.ll");
        assertEquals("[8 x i8]", ((GlobalVariable) m.global("bytes")).valueType().toString());
        assertSame(m.types.intType(32), ((GlobalVariable) m.global("word")).valueType());
        Type.StructType pair = (Type.StructType) ((GlobalVariable) m.global("pair")).valueType();
        assertEquals("{ i32, [8 x i8] }", pair.bodyString());
        assertEquals(List.of("pair"), m.types.namedStructs().stream().map(s -> s.name).toList());
    }

    @Test
    void aNamedNonStructTypeUsedBeforeItsDefinitionIsAnError() {
        ParseResult r = IrReader.read("in.ll", "@g = global %T zeroinitializer\n%T = type i32\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, r.errors().size(), r.errors()::toString);
        assertTrue(r.errors().get(0).toString().contains("in.ll:2:1:"), r.errors()::toString);
    }

    @Test
    void genericDINodeOperandsAreABracedListThatMayHoldInlineNodes() throws IOException {
        Module m = read("langref-constructs.ll");
        MDNode node = m.metadata.get(1);
        MDNode operands = (MDNode) node.field("operands");
        assertTrue(operands.isFieldList());
        assertEquals(3, operands.fieldCount());
        assertTrue(((MDNode) operands.value(0)).isTuple());
        assertEquals("null", ((Metadata.Literal) operands.value(1)).text);
        assertEquals("!GenericDINode(tag: DW_TAG_entry_point, header: \"h\", operands: {!{}, null, !2})", node.body());
        assertTrue(printedTwice(m).contains("operands: {!{}, null, !2})\n"));
    }

    @Test
    void musttailCallForwardsVariableArgumentsWithDots() throws IOException {
        Module m = read("langref-constructs.ll");
        Instruction call = inst(m.function("forward"), 0, 0);
        assertTrue(call.call().forwardsVarArgs());
        assertEquals(1, call.call().argCount());
        assertTrue(printedTwice(m).contains("  musttail call void (ptr, ...) @varargs(ptr %p, ...)\n"));
        assertTrue(ModulePrinter.toString(readText("declare void @v(...)\ndefine void @f(...) {\n"
                + "  musttail call void (...) @v(...)\n  ret void\n}\n")).contains("musttail call void (...) @v(...)\n"));
    }

    @Test
    void globalsTakeStringAttributesAfterTheirGroups() throws IOException {
        Module m = read("langref-constructs.ll");
        assertEquals(List.of("#0"), texts(((GlobalVariable) m.global("group_attrs")).attributes()));
        assertEquals(List.of("\"key\"=\"value\"", "\"flag\""), texts(((GlobalVariable) m.global("inline_attrs")).attributes()));
        assertEquals(List.of("#0", "\"other\"=\"x\""), texts(((GlobalVariable) m.global("both_attrs")).attributes()));
        String printed = printedTwice(m);
        assertTrue(printed.contains("@inline_attrs = global i32 1 \"key\"=\"value\" \"flag\"\n"), printed);
        assertTrue(printed.contains("@both_attrs = global i32 2, align 4 #0 \"other\"=\"x\"\n"), printed);
    }

    private static List<String> texts(List<dev.lkmmhazard.ir.Attribute> attrs) {
        return attrs.stream().map(dev.lkmmhazard.ir.Attribute::text).toList();
    }

    @Test
    void anArrayCountIsUnsigned64Bit() throws IOException {
        Module m = read("langref-constructs.ll");
        Type.ArrayType huge = (Type.ArrayType) ((GlobalVariable) m.global("huge")).valueType();
        assertEquals(-1L, huge.length);
        assertEquals("[18446744073709551615 x i8]", huge.toString());
        assertTrue(printedTwice(m).contains("@huge = external global [18446744073709551615 x i8]\n"));
    }

    @Test
    void attachmentKindsArePrintedWithLlvmsEscapes() throws IOException {
        Module m = read("langref-constructs.ll");
        Instruction load = inst(m.function("escaped_kind"), 0, 0);
        assertEquals("42abc", load.metadata().get(0).kind());
        assertEquals("a b", load.metadata().get(1).kind());
        String printed = printedTwice(m);
        assertTrue(printed.contains(", !\\342abc !2, !a\\20b !2\n"), printed);
    }

    @Test
    void anAliasIsInTheAddressSpaceOfItsAliasee() throws IOException {
        Module m = read("langref-constructs.ll");
        GlobalAlias a = (GlobalAlias) m.global("alias_as1");
        assertEquals("ptr addrspace(1)", a.type().toString());
        Instruction load = inst(m.function("escaped_kind"), 0, 0);
        assertSame(a, load.operand(0));
        assertTrue(printedTwice(m).contains("load i32, ptr addrspace(1) @alias_as1"));
    }

    @Test
    void thinLtoSummaryEntriesArePrintedBackUnchanged() throws IOException {
        ParseResult r = IrReader.read(SUMMARY.toString(), Files.readAllBytes(SUMMARY));
        assertTrue(r.ok(), () -> r.errors().toString());
        Module m = r.module();
        List<String> entries = m.summaryEntries();
        assertEquals(6, entries.size());
        assertEquals("^0 = module: (path: \"a.o\", hash: (1, 2, 3, 4, 5))", entries.get(0));
        assertEquals("^4 = flags: 8", entries.get(4));
        String printed = printedTwice(m);
        List<String> lines = Files.readAllLines(SUMMARY);
        for (String line : lines) if (line.startsWith("^")) assertTrue(printed.contains(line + "\n"), line);
    }

    // ------------------------------------------------------------------------------------------------ LLVM 14 syntax

    @Test
    void llvm14FloatingPointCompareAndSelectConstantExpressionsAreRead() throws IOException {
        Module m = read("older-constants-llvm14.ll");
        for (String name : List.of("fcmp", "fdiv", "fadd", "fsub", "fmul", "frem", "fneg", "fptrunc", "fpext", "icmp", "select")) {
            ConstantExpr e = (ConstantExpr) ((GlobalVariable) m.global(name)).initializer();
            assertEquals(name, e.opcode, name);
        }
        ConstantExpr extract = (ConstantExpr) ((GlobalVariable) m.global("extract")).initializer();
        assertEquals("extractvalue", extract.opcode);
        assertEquals(List.of(1, 0), extract.indices);
        assertEquals(1, extract.operandCount());
        ConstantExpr insert = (ConstantExpr) ((GlobalVariable) m.global("insert")).initializer();
        assertEquals(List.of(0), insert.indices);
        assertEquals(2, insert.operandCount());
        ConstantExpr fcmp = (ConstantExpr) ((GlobalVariable) m.global("fcmp")).initializer();
        assertEquals(List.of("ogt"), fcmp.flags);
        assertSame(m.types.i1(), fcmp.type());
        String printed = printedTwice(m);
        assertTrue(printed.contains("@fcmp = global i1 fcmp ogt (float 1.0, float 2.0)\n"), printed);
        assertTrue(printed.contains("@fdiv = global float fdiv (float 1.0, float 3.0)\n"), printed);
        assertTrue(printed.contains("@insert = global { i32, i32 } insertvalue ({ i32, i32 } { i32 1, i32 2 }, i32 5, 0)\n"), printed);
    }

    @Test
    void llvm14TypedPointerWithAddrspaceAndNoSpaceBeforeIt() throws IOException {
        Module m = read("older-constants-llvm14.ll");
        assertEquals("i8 addrspace(1)*", ((GlobalVariable) m.global("nospace")).valueType().toString());
        assertEquals("void (i32 addrspace(1)*)*", ((GlobalVariable) m.global("nospace_fn")).valueType().toString());
    }

    @Test
    void llvm14AliasesHaveTypedPointerTypesInTheirAliaseesAddressSpace() throws IOException {
        Module m = read("older-constants-llvm14.ll");
        assertEquals("i8*", m.global("gep_alias").type().toString());
        assertEquals("i8 addrspace(2)*", m.global("cast_alias").type().toString());
        assertEquals("i8 addrspace(1)*", m.global("as1_alias").type().toString());
        String printed = printedTwice(m);
        assertTrue(printed.contains("@gep_alias = alias i8, i8* getelementptr ([4 x i8], [4 x i8]* @x, i64 0, i64 1)\n"), printed);
        assertTrue(printed.contains("load i8, i8 addrspace(1)* @as1_alias\n"), printed);
        assertFalse(java.util.regex.Pattern.compile("\\bptr\\b").matcher(printed).find(), "no opaque pointer in an LLVM 14 file");
    }
}
