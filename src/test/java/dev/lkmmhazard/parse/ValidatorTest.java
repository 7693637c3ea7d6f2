package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lkmmhazard.ir.Function;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What LLVM's reader refuses is refused here too, at a position and in LLVM's words; the valid neighbour of each
 * refused construct is read without a word. Each rule is a pair of hand-written files under {@code invalid/}:
 * {@code RULE.bad.ll} lists the errors it must give as {@code ; EXPECT: LINE:COL: message} lines, and
 * {@code RULE.good.ll} says {@code ; EXPECT: none}. Both are read whole and with the metadata deferred (as
 * {@code scan} reads), which must give the same errors.
 */
class ValidatorTest {
    private static final String DIR = "invalid/";
    private static final List<String> RULES = List.of("operand-types", "memory", "control", "calls", "calls-typed",
            "casts", "getelementptr", "getelementptr-typed", "linkage", "debug-info", "others", "references", "types", "constants",
            "globals-and-calls", "debug-records");

    @TestFactory
    Stream<DynamicTest> eachRuleRefusesTheBadAndReadsTheGood() {
        return RULES.stream().flatMap(rule -> Stream.of(".bad.ll", ".good.ll").map(suffix -> rule + suffix))
                .map(name -> dynamicTest(name, () -> check(name)));
    }

    private static void check(String name) throws IOException {
        byte[] text = resource(name);
        List<String> expected = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\n"))
            if (line.startsWith("; EXPECT: ")) expected.add(line.substring("; EXPECT: ".length()));
        assertFalse(expected.isEmpty(), name + " has no EXPECT line");
        if (expected.equals(List.of("none"))) expected = List.of();

        ParseResult whole = IrReader.read(name, text);
        assertEquals(expected, shown(whole.errors()), name + " read whole");
        assertNotNull(whole.module(), name + ": the rest of the file is still read");

        ParseResult deferred = IrReader.read(name, text, true);
        deferred.readAllMetadata();
        assertEquals(expected, shown(deferred.allErrors()).stream().sorted(ValidatorTest::byPosition).toList(),
                name + " read with the metadata deferred");
    }

    /** LINE:COL: message, without the file name and the note that a function is skipped. */
    private static List<String> shown(List<ParseError> errors) {
        List<String> out = new ArrayList<>();
        for (ParseError e : errors) {
            String d = e.detail();
            int in = d.indexOf(" (in function '");
            out.add(e.line() + ":" + e.column() + ": " + (in >= 0 ? d.substring(0, in) : d));
        }
        return out;
    }

    private static int byPosition(String a, String b) {
        String[] x = a.split(":", 3), y = b.split(":", 3);
        int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ValidatorTest.class.getResourceAsStream(DIR + name)) {
            assertNotNull(in, "missing test resource " + DIR + name);
            return in.readAllBytes();
        }
    }

    @Test
    void anErrorInOneFunctionCostsThatFunctionOnly() throws IOException {
        ParseResult r = IrReader.read("memory.bad.ll", resource("memory.bad.ll"));
        Function f = r.module().functions().stream().filter(x -> x.name().equals("store_to_integer")).findFirst().orElseThrow();
        assertFalse(f.isDefinition(), "the refused function stays a declaration");
        assertEquals(6, r.errors().size());
        assertTrue(r.errors().get(0).diagnostic().startsWith("memory.bad.ll:9:3: error: stored value and pointer type do not match"
                + " (in function '@store_value_and_pointer', which is skipped)"), r.errors().get(0).diagnostic());
    }

    @Test
    void aPassDumpMayUseTypesItDoesNotDefine() {
        // -print-after-all prints a function alone, without %struct.item's definition (found by PassBisectionTest)
        byte[] text = ("define i32 @f(ptr %p) {\n  %q = getelementptr inbounds %struct.item, ptr %p, i64 0, i32 1\n"
                + "  %v = load i32, ptr %q, align 4\n  ret i32 %v\n}\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), shown(IrReader.readDump("dump", text, 1).errors()));
        assertEquals(List.of("2:8: base element of getelementptr must be sized", "2:31: use of undefined type named 'struct.item'"),
                shown(IrReader.read("f.ll", text).errors()));
    }

    @Test
    void anUndefinedNodeInTheDeferredBlockIsFoundWhenTheNodeIsRead() {
        byte[] text = "@g = global i32 0, !foo !0\n!0 = !{!1}\n!1 = !{!5}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("3:9: use of undefined metadata '!5'"), shown(IrReader.read("f.ll", text).errors()));
        ParseResult deferred = IrReader.read("f.ll", text, true);
        assertEquals(List.of(), shown(deferred.errors()), "!0 and !1 are defined, in the deferred block");
        assertEquals(List.of(), shown(deferred.deferredErrors()));
        deferred.readAllMetadata();
        assertEquals(List.of("3:9: use of undefined metadata '!5'"), shown(deferred.deferredErrors()));
    }

    @Test
    void aPassDumpMayUseMetadataItDoesNotPrint() {
        // -print-after-all prints a function without the nodes its !dbg attachments name
        byte[] text = "define void @f() {\n  ret void, !dbg !9\n}\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), shown(IrReader.readDump("dump", text, 1).errors()));
        assertEquals(List.of("2:19: use of undefined metadata '!9'"), shown(IrReader.read("f.ll", text).errors()));
    }

    @Test
    void castRulesFollowCastIsValid() {
        var types = new dev.lkmmhazard.ir.TypeTable();
        var i8 = types.intType(8);
        var i64 = types.intType(64);
        var dbl = types.floatType("double");
        var v2i32 = types.vector(false, 2, types.intType(32));
        var nxv2i32 = types.vector(true, 2, types.intType(32));
        assertNull(Validator.cast(dev.lkmmhazard.ir.Opcode.BITCAST, v2i32, i64));
        assertNull(Validator.cast(dev.lkmmhazard.ir.Opcode.BITCAST, dbl, i64));
        assertEquals("invalid cast opcode for cast from '<vscale x 2 x i32>' to 'i64'",
                Validator.cast(dev.lkmmhazard.ir.Opcode.BITCAST, nxv2i32, i64));
        assertEquals("invalid cast opcode for cast from 'i8' to 'i8'", Validator.cast(dev.lkmmhazard.ir.Opcode.ZEXT, i8, i8));
        assertEquals("invalid cast opcode for cast from 'i64' to 'double'",
                Validator.cast(dev.lkmmhazard.ir.Opcode.FPEXT, i64, dbl));
        assertNull(Validator.cast(dev.lkmmhazard.ir.Opcode.INTTOPTR, i64, types.ptr));
        assertEquals("invalid cast opcode for cast from 'ptr' to 'ptr'",
                Validator.cast(dev.lkmmhazard.ir.Opcode.INTTOPTR, types.ptr, types.ptr));
    }
}
