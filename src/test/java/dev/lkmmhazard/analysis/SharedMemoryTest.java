package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which roots of an address are memory another CPU can access, on IR in the shapes rustc and clang write. */
class SharedMemoryTest {
    /**
     * rustc's signatures for {@code CStr::make_ascii_lowercase(&mut self)} (an exclusive reference: {@code noalias}),
     * a {@code &self} of a type without interior mutability ({@code noalias readonly}), a {@code &self} of a type
     * with an atomic or a cell inside (no {@code noalias}) and a raw pointer.
     */
    private static final String IR = """
            @g = global i32 0
            @c = constant i32 1
            define void @f(ptr noalias noundef nonnull %mut_ref, ptr noalias noundef readonly align 8 %shared_ref,
                           ptr noundef nonnull align 4 %cell_ref, ptr %raw, i64 %len) {
              %a = alloca i32
              %e = getelementptr inbounds i8, ptr %mut_ref, i64 %len
              ret void
            }
            """;

    private static Function f() {
        ParseResult r = IrReader.read("shared.ll", IR.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors());
        Module m = r.module();
        return m.function("f");
    }

    @Test
    void memoryThroughANoaliasArgumentIsNotShared() {
        Function f = f();
        assertFalse(SharedMemory.isShared(f.arguments().get(0)), "&mut: no one else reaches it while f runs");
        assertFalse(SharedMemory.isShared(f.arguments().get(1)), "&T, noalias readonly: no one writes it");
        var gep = f.blocks().get(0).instructions().get(1);
        assertFalse(SharedMemory.isShared(SharedMemory.root(gep)), "an element of the &mut slice");
        assertTrue(SharedMemory.isExclusive(f.arguments().get(0)));
    }

    @Test
    void memoryThroughOtherPointerArgumentsAndGlobalsIsShared() {
        Function f = f();
        assertTrue(SharedMemory.isShared(f.arguments().get(2)), "&T of a type with interior mutability (no noalias)");
        assertTrue(SharedMemory.isShared(f.arguments().get(3)), "a raw pointer");
        assertFalse(SharedMemory.isShared(f.arguments().get(4)), "not a pointer");
        assertFalse(SharedMemory.isExclusive(f.arguments().get(3)));
    }
}
