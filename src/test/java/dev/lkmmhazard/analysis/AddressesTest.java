package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AddressesTest {
    // HAND-WRITTEN input, not compiler output
    private static final String IR = """
            @g = global [4 x i32] zeroinitializer
            define void @f(ptr %p) {
              %a = getelementptr i32, ptr %p, i64 1
              %b = getelementptr i32, ptr %p, i64 1
              %c = getelementptr i8, ptr %p, i64 1
              %g1 = load i32, ptr getelementptr inbounds ([4 x i32], ptr @g, i64 0, i64 1)
              %g2 = load i32, ptr getelementptr inbounds ([4 x i32], ptr @g, i64 0, i64 1)
              %g3 = load i32, ptr getelementptr inbounds ([4 x i32], ptr @g, i64 0, i64 2)
              %n1 = load i32, ptr null
              %n2 = load i32, ptr null
              %n3 = load i32, ptr addrspace(1) null
              %x1 = load i32, ptr getelementptr (i8, ptr null, i64 4)
              %x2 = load i32, ptr getelementptr (i8, ptr null, i64 4)
              ret void
            }
            """;

    /** The pointer operand of each load, and each GEP, by name. */
    private static final Map<String, Value> V = new HashMap<>();

    @BeforeAll
    static void parse() {
        ParseResult r = IrReader.read("addresses.ll", IR.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors());
        for (Instruction i : r.module().function("f").entry().instructions())
            if (i.hasName()) V.put(i.name(), i.pointerOperand() != null ? i.pointerOperand() : i);
    }

    @Test
    void sameIsOneValueOrOneConstantWrittenTwice() {
        assertTrue(Addresses.same(V.get("a"), V.get("a")));
        assertFalse(Addresses.same(V.get("a"), V.get("b")), "two instructions are two values");
        assertNotSame(V.get("g1"), V.get("g2"));
        assertTrue(Addresses.same(V.get("g1"), V.get("g2")), "a constant GEP written twice");
        assertFalse(Addresses.same(V.get("g1"), V.get("g3")));
        assertNotSame(V.get("n1"), V.get("n2"));
        assertTrue(Addresses.same(V.get("n1"), V.get("n2")));
        assertFalse(Addresses.same(V.get("n1"), V.get("n3")), "null of another address space prints the same");
        assertTrue(Addresses.same(V.get("x1"), V.get("x2")));
    }

    @Test
    void computedTheSameLooksIntoGepInstructions() {
        assertTrue(Addresses.computedTheSame(V.get("a"), V.get("b")), "one address recomputed");
        assertFalse(Addresses.computedTheSame(V.get("a"), V.get("c")), "another source type, another stride");
        assertTrue(Addresses.computedTheSame(V.get("g1"), V.get("g2")));
        assertFalse(Addresses.computedTheSame(V.get("g1"), V.get("g3")));
        // stricter than same: constants other than integers count only as one object
        assertFalse(Addresses.computedTheSame(V.get("n1"), V.get("n2")));
        assertFalse(Addresses.computedTheSame(V.get("x1"), V.get("x2")));
    }
}
