package dev.lkmmhazard.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicTest {
    @Test
    void namesAreClassifiedByTheirBaseBeforeTheOverloadSuffixes() {
        Map<String, Intrinsic> expected = Map.ofEntries(
                Map.entry("llvm.memcpy.p0.p0.i64", Intrinsic.MEMCPY),
                Map.entry("llvm.memcpy.inline.p0.p0.i64", Intrinsic.MEMCPY),
                Map.entry("llvm.memcpy.element.unordered.atomic.p0.p0.i64", Intrinsic.MEMCPY),
                Map.entry("llvm.memmove.p0.p0.i64", Intrinsic.MEMMOVE),
                Map.entry("llvm.memset.p0.i64", Intrinsic.MEMSET),
                Map.entry("llvm.memset.inline.p0.i64", Intrinsic.MEMSET),
                Map.entry("llvm.dbg.value", Intrinsic.DBG),
                Map.entry("llvm.dbg.declare", Intrinsic.DBG),
                Map.entry("llvm.lifetime.start.p0", Intrinsic.LIFETIME),
                Map.entry("llvm.lifetime.end.p0", Intrinsic.LIFETIME),
                Map.entry("llvm.assume", Intrinsic.ASSUME),
                Map.entry("llvm.expect.i64", Intrinsic.EXPECT),
                Map.entry("llvm.expect.with.probability.i1", Intrinsic.EXPECT),
                Map.entry("llvm.is.constant.i32", Intrinsic.IS_CONSTANT),
                Map.entry("llvm.read_register.i64", Intrinsic.READ_REGISTER),
                Map.entry("llvm.experimental.noalias.scope.decl", Intrinsic.NOALIAS_SCOPE_DECL),
                Map.entry("llvm.smax.v4i32", Intrinsic.SMAX),
                Map.entry("llvm.sadd.with.overflow.i32", Intrinsic.SADD_WITH_OVERFLOW),
                Map.entry("llvm.uadd.sat.i8", Intrinsic.UADD_SAT),
                Map.entry("llvm.smul.fix.sat.i32", Intrinsic.SMUL_FIX),
                Map.entry("llvm.vector.reduce.add.v4i32", Intrinsic.VECTOR_REDUCE),
                Map.entry("llvm.x86.sse2.pause", Intrinsic.OTHER),
                Map.entry("llvm.trap", Intrinsic.OTHER),
                Map.entry("llvm.", Intrinsic.OTHER),
                // a family is a whole name component: smaxi is not smax, vector.reducer not vector.reduce
                Map.entry("llvm.smaxi.i32", Intrinsic.OTHER),
                Map.entry("llvm.vector.reducer", Intrinsic.OTHER),
                Map.entry("memcpy", Intrinsic.NOT_INTRINSIC),
                Map.entry("llvm", Intrinsic.NOT_INTRINSIC),
                Map.entry("__llvm.memcpy.p0.p0.i64", Intrinsic.NOT_INTRINSIC));
        expected.forEach((name, family) -> assertEquals(family, Intrinsic.of(name), name));
        assertEquals(Intrinsic.NOT_INTRINSIC, Intrinsic.of(null));
    }

    @Test
    void predicatesGroupTheFamilies() {
        assertTrue(Intrinsic.OTHER.isIntrinsic());
        assertFalse(Intrinsic.NOT_INTRINSIC.isIntrinsic());
        for (Intrinsic i : Intrinsic.values())
            assertEquals(List.of(Intrinsic.MEMCPY, Intrinsic.MEMMOVE, Intrinsic.MEMSET).contains(i), i.isMemoryTransfer(), i.name());
        for (Intrinsic i : Intrinsic.values())
            assertEquals(i == Intrinsic.DBG || i == Intrinsic.LIFETIME, i.isDebugOrLifetime(), i.name());
    }

    @Test
    void callsAskTheFunctionTheyCall() {
        // HAND-WRITTEN input, not compiler output
        String ir = """
                declare void @llvm.lifetime.start.p0(i64, ptr)
                declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
                declare void @memset_helper(ptr)
                define void @f(ptr %p, ptr %fp) {
                  call void @llvm.lifetime.start.p0(i64 4, ptr %p)
                  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 4, i1 true)
                  call void @memset_helper(ptr %p)
                  call void %fp(ptr %p)
                  call void asm sideeffect "", ""()
                  store i32 0, ptr %p
                  ret void
                }
                """;
        ParseResult r = IrReader.read("calls.ll", ir.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors());
        List<Instruction> insts = r.module().function("f").entry().instructions();
        assertEquals(Intrinsic.LIFETIME, insts.get(0).intrinsic());
        assertEquals(Intrinsic.MEMSET, insts.get(1).intrinsic());
        assertEquals(Intrinsic.NOT_INTRINSIC, insts.get(2).intrinsic());
        assertEquals(Intrinsic.NOT_INTRINSIC, insts.get(3).intrinsic(), "an indirect call");
        assertEquals(Intrinsic.NOT_INTRINSIC, insts.get(4).intrinsic(), "inline asm");
        assertEquals(Intrinsic.NOT_INTRINSIC, insts.get(5).intrinsic(), "not a call");
        assertTrue(r.module().function("llvm.memset.p0.i64").isIntrinsic());
        assertFalse(r.module().function("memset_helper").isIntrinsic());
    }

    @Test
    void renamingAFunctionReclassifiesIt() {
        Function f = new Function(null, "llvm.assume");
        assertSame(Intrinsic.ASSUME, f.intrinsic());
        f.setName("assume");
        assertSame(Intrinsic.NOT_INTRINSIC, f.intrinsic());
    }
}
