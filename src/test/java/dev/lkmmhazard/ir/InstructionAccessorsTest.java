package dev.lkmmhazard.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed operand accessors of memory instructions, on one function with each opcode. */
class InstructionAccessorsTest {
    // HAND-WRITTEN input, not compiler output. The stored and exchanged values are pointers too, so that a slot
    // mix-up (value for address) shows.
    private static final String IR = """
            declare void @g(ptr)
            define void @f(ptr %p, ptr %q, ptr %r) {
              %l = load i32, ptr %p
              store ptr %q, ptr %p
              %x = atomicrmw xchg ptr %p, ptr %q seq_cst
              %c = cmpxchg ptr %p, ptr %q, ptr %r seq_cst seq_cst
              %e = getelementptr i8, ptr %p, i64 4
              call void @g(ptr %p)
              fence seq_cst
              ret void
            }
            """;

    private static List<Instruction> insts;
    private static Value p, q, r;

    @BeforeAll
    static void parse() {
        ParseResult result = IrReader.read("accessors.ll", IR.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), result.errors());
        Function f = result.module().function("f");
        insts = f.entry().instructions();
        p = f.arguments().get(0);
        q = f.arguments().get(1);
        r = f.arguments().get(2);
    }

    private static Instruction inst(Opcode op) {
        for (Instruction i : insts) if (i.opcode() == op) return i;
        throw new AssertionError("no " + op);
    }

    @Test
    void pointerOperandIsTheAddressOfEachMemoryAccess() {
        assertSame(p, inst(Opcode.LOAD).pointerOperand());
        assertSame(p, inst(Opcode.STORE).pointerOperand(), "a store's address is its second operand");
        assertSame(p, inst(Opcode.ATOMICRMW).pointerOperand());
        assertSame(p, inst(Opcode.CMPXCHG).pointerOperand());
        assertEquals(1, inst(Opcode.STORE).pointerOperandIndex());
        assertEquals(0, inst(Opcode.CMPXCHG).pointerOperandIndex());
        for (Opcode op : List.of(Opcode.GETELEMENTPTR, Opcode.CALL, Opcode.FENCE, Opcode.RET)) {
            assertNull(inst(op).pointerOperand(), op.keyword);
            assertEquals(-1, inst(op).pointerOperandIndex(), op.keyword);
        }
    }

    @Test
    void valueOperandsAreWhatIsWritten() {
        assertSame(q, inst(Opcode.STORE).valueOperand());
        assertSame(q, inst(Opcode.ATOMICRMW).valueOperand());
        assertNull(inst(Opcode.CMPXCHG).valueOperand(), "cmpxchg has two: compare and new");
        assertNull(inst(Opcode.LOAD).valueOperand());
        assertSame(q, inst(Opcode.CMPXCHG).compareOperand());
        assertSame(r, inst(Opcode.CMPXCHG).newValueOperand());
        assertNull(inst(Opcode.STORE).compareOperand());
        assertNull(inst(Opcode.ATOMICRMW).newValueOperand());
    }

    @Test
    void accessTypeIsTheTypeInMemory() {
        assertEquals("i32", inst(Opcode.LOAD).accessType().toString());
        assertEquals("ptr", inst(Opcode.STORE).accessType().toString());
        assertEquals("ptr", inst(Opcode.ATOMICRMW).accessType().toString());
        assertEquals("ptr", inst(Opcode.CMPXCHG).accessType().toString(), "not the { ptr, i1 } result");
        assertNull(inst(Opcode.GETELEMENTPTR).accessType());
        assertNull(inst(Opcode.CALL).accessType());
    }
}
