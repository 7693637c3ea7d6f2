package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bad input gets one clear line with file:line:col, never an exception, and loses as little of the module as it can. */
class BadInputTest {

    private static ParseResult read(String text) {
        return IrReader.read("in.ll", text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ParseError onlyError(ParseResult r) {
        assertEquals(1, r.errors().size(), () -> "errors: " + r.errors());
        ParseError e = r.errors().get(0);
        assertFalse(e.diagnostic().contains("\n"), "a diagnostic is one line");
        return e;
    }

    @Test
    void missingOperandIsReportedAtTheTokenFound() {
        ParseError e = onlyError(read("define void @f() {\n  %x = add i32 1,\n  ret void\n}\n"));
        // the second operand of add is missing: the parser stops at 'ret' on line 3, column 3
        assertEquals("in.ll:3:3: error: expected a value, found 'ret' (in function '@f', which is skipped)", e.diagnostic());
        assertEquals("f", e.function());
    }

    @Test
    void unknownInstructionLosesOnlyItsFunction() {
        ParseResult r = read("define i32 @f() {\n  ret i32 0\n}\n\n"
                + "define i32 @g(i32 %x) {\n  %y = frobnicate i32 %x\n  ret i32 %y\n}\n\n"
                + "define i32 @h() {\n  %r = call i32 @g(i32 1)\n  ret i32 %r\n}\n");
        ParseError e = onlyError(r);
        assertEquals("in.ll:6:8: error: expected an instruction, found 'frobnicate' (an instruction of a newer LLVM?)"
                + " (in function '@g', which is skipped)", e.diagnostic());
        Module m = r.module();
        assertTrue(m.function("f").isDefinition());
        assertTrue(m.function("h").isDefinition());
        Function g = m.function("g");
        assertFalse(g.isDefinition(), "the broken function stays as a declaration");
        // @h's call still resolves to @g
        assertEquals(g, m.function("h").entry().instructions().get(0).callee());
    }

    @Test
    void undefinedValueIsReportedWhereItIsUsed() {
        ParseError e = onlyError(read("define i32 @f(i32 %a) {\n  %b = add i32 %a, %c\n  ret i32 %b\n}\n"));
        assertEquals("in.ll:2:20: error: use of undefined value '%c' (in function '@f', which is skipped)", e.diagnostic());
    }

    @Test
    void bitcodeIsRecognisedAndTheUserToldWhatToRun() {
        byte[] bc = { 'B', 'C', (byte) 0xC0, (byte) 0xDE, 0x35, 0x14, 0, 0, 5, 0, 0, 0 };
        ParseResult r = IrReader.read("x.bc", bc);
        assertNull(r.module());
        ParseError e = onlyError(r);
        assertTrue(e.diagnostic().startsWith("x.bc:1:1: error: this is LLVM bitcode, not textual IR;"), e.diagnostic());
        assertTrue(e.diagnostic().contains("llvm-dis"), e.diagnostic());
    }

    @Test
    void binaryDataIsRecognised() {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        junk[100] = 0;
        ParseError e = onlyError(IrReader.read("junk.ll", junk));
        assertTrue(e.diagnostic().contains("binary data"), e.diagnostic());
    }

    @Test
    void junkLineBetweenEntitiesIsSkippedAndTheRestKept() {
        ParseResult r = read("@x = global i32 0\nthis is not IR\n@y = global i32 1\n");
        ParseError e = onlyError(r);
        assertEquals("in.ll:2:1: error: expected a top-level entity (define, declare, @global = ..., !N = ...), found 'this'",
                e.diagnostic());
        assertNotNull(r.module().global("x"));
        assertNotNull(r.module().global("y"));
    }

    @Test
    void truncatedFileSaysSoAndKeepsWhatCameBefore() throws IOException {
        Path real = Paths.get("corpus/ir/clang-19/x86_64/O2-g/ctrl_dep.ll");
        byte[] all = Files.readAllBytes(real);
        String text = new String(all, StandardCharsets.ISO_8859_1);
        // cut in the middle of the second function definition's body
        int second = text.indexOf("\ndefine ", text.indexOf("\ndefine ") + 1);
        int cut = text.indexOf("\n", text.indexOf("store", second)) - 5;
        ParseResult r = IrReader.read("cut.ll", Arrays.copyOf(all, cut));
        assertFalse(r.errors().isEmpty());
        ParseError e = r.errors().get(0);
        assertTrue(e.detail().startsWith("unexpected end of file (the file looks truncated)"), e.diagnostic());
        assertNotNull(e.function());
        assertEquals(1, r.module().definedFunctions().size(), "the first function was read whole");
    }

    @Test
    void unknownAttributesOfANewerLlvmAreKept() {
        ParseResult r = read("declare void @f() #0\nattributes #0 = { nounwind frobnicate newattr(3, 4) \"k\"=\"v\" }\n");
        assertTrue(r.ok(), () -> r.errors().toString());
        assertEquals("[nounwind, frobnicate, newattr(3, 4), \"k\"=\"v\"]", r.module().attributeGroups().get(0).toString());
    }

    @Test
    void emptyInputIsAnEmptyModule() {
        ParseResult r = read("");
        assertTrue(r.ok());
        assertTrue(r.module().functions().isEmpty());
    }

    @Test
    void invalidUtf8InQuotedNamesIsKeptByteForByte() {
        byte[] text = "@\"caf\u00c3\u00a9\u00ff\" = global i32 0\n".getBytes(StandardCharsets.ISO_8859_1);
        ParseResult r = IrReader.read("bytes.ll", text);
        assertTrue(r.ok(), () -> r.errors().toString());
        assertNotNull(r.module().global("caf\u00c3\u00a9\u00ff"));
    }

    @Test
    void aRunOfJunkIsOneError() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) sb.append("junk").append(i).append('\n');
        assertEquals(1, read(sb.toString()).errors().size());
    }

    @Test
    void aFileOfBrokenEntitiesStopsAfterAReadableNumberOfErrors() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) sb.append("@g").append(i).append(" = global\n");
        assertEquals(50, read(sb.toString()).errors().size());
    }

    @Test
    void aNameWithALineBreakStaysOnOneLineInTheDiagnostic() {
        // found by the fuzzer (ScanFuzzTest): the function's name is quoted into the message
        byte[] text = "define void @\"f\n\u00ff g\"() {\n  %x = add 0\n  ret void\n}\n".getBytes(StandardCharsets.ISO_8859_1);
        ParseError e = onlyError(IrReader.read("nl.ll", text));
        assertEquals("nl.ll:3:12: error: expected a type, found '0' (in function '@f\\0A\ufffd g', which is skipped)", e.diagnostic());
    }

    @Test
    void numbersTooLargeForTheirFieldsAreOneLineErrors() {
        // found by the fuzzer (ScanFuzzTest): these were NumberFormatExceptions
        ParseResult r = read("!0 = !{!111111111111111111111111111111}\n!1 = !{!2000000000}\n!2000000000 = !{}\n");
        assertEquals("in.ll:1:8: error: metadata number !111111111111111111111111111111 is too large", onlyError(r).diagnostic());
        ParseResult r2 = read("define void @f() {\n  %99999999999 = add i32 1, 1\n  ret void\n}\n@g = global i99999999999 0\n");
        assertEquals(2, r2.errors().size(), () -> r2.errors().toString());
        for (ParseError e : r2.errors()) assertTrue(e.detail().startsWith("number out of range near "), e.diagnostic());
    }

    @Test
    void theFiftiethErrorInABodyLeavesNoHalfReadFunction() {
        // found by the fuzzer: the reader stopped before the broken body was made a declaration, and a check met it
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 49; i++) sb.append("@g").append(i).append(" = global\n");
        sb.append("define void @f(i1 %c) {\nentry:\n  br i1 %c, label %a, label %b\na:\n  br label %b\n  %x = add 0\n}\n");
        ParseResult r = read(sb.toString());
        assertEquals(50, r.errors().size());
        assertNull(r.module(), "a file abandoned after 50 errors has no module to scan");
    }
}
