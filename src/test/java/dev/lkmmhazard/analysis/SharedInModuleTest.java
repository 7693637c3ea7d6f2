package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which globals a module shows shared: marked accesses of their bytes, and loops that wait on a plain load. */
class SharedInModuleTest {
    private static final String IR = """
            %struct.pair = type { i32, i32 }
            @marked = global i32 0
            @plain = global i32 0
            @pr = global %struct.pair zeroinitializer
            @flag = global i32 0
            @counted = global i32 0
            @arr = global [4 x i32] zeroinitializer
            @rmw = global i64 0
            @credit = global i32 0

            %struct.s = type { i32, i32 }

            define i32 @fields(ptr %p) {
              %slot = alloca ptr, align 8
              store ptr %p, ptr %slot, align 8
              %p1 = load ptr, ptr %slot, align 8
              %f1 = getelementptr inbounds %struct.s, ptr %p1, i32 0, i32 1
              %m = load volatile i32, ptr %f1, align 4
              %p2 = load ptr, ptr %slot, align 8
              %f2 = getelementptr inbounds %struct.s, ptr %p2, i32 0, i32 1
              %a = load i32, ptr %f2, align 4
              %f3 = getelementptr inbounds %struct.s, ptr %p2, i32 0, i32 0
              %b = load i32, ptr %f3, align 4
              %r1 = add i32 %m, %a
              %r2 = add i32 %r1, %b
              ret i32 %r2
            }

            define i32 @other(ptr %q) {
              %f = getelementptr inbounds %struct.s, ptr %q, i32 0, i32 1
              %a = load i32, ptr %f, align 4
              ret i32 %a
            }

            define i32 @reader() {
              %1 = load volatile i32, ptr @marked, align 4
              %2 = load i32, ptr @plain, align 4
              %3 = load volatile i32, ptr getelementptr inbounds (%struct.pair, ptr @pr, i32 0, i32 1), align 4
              %4 = add i32 %1, %2
              %5 = add i32 %4, %3
              ret i32 %5
            }

            define void @atomics() {
              %1 = atomicrmw add ptr @rmw, i64 1 monotonic, align 8
              ret void
            }

            define void @spin() {
              br label %1
            1:
              %2 = load i32, ptr @flag, align 4
              %3 = icmp ne i32 %2, 0
              %4 = xor i1 %3, true
              br i1 %4, label %1, label %5
            5:
              ret void
            }

            ; replenish_dl_entity(): while (dl_se->runtime <= 0) dl_se->runtime += ...; the loop makes its own progress
            define void @progress() {
              br label %1
            1:
              %r = load i32, ptr @credit, align 4
              %r1 = add i32 %r, 10
              store i32 %r1, ptr @credit, align 4
              %more = icmp sle i32 %r1, 0
              br i1 %more, label %1, label %2
            2:
              ret void
            }

            ; the same through a pointer kept in a stack slot, as clang writes it before optimization
            define void @progress_field(ptr %p) {
              %slot = alloca ptr, align 8
              store ptr %p, ptr %slot, align 8
              br label %1
            1:
              %p1 = load ptr, ptr %slot, align 8
              %f1 = getelementptr inbounds %struct.s, ptr %p1, i32 0, i32 1
              %r = load i32, ptr %f1, align 4
              %le = icmp sle i32 %r, 0
              br i1 %le, label %2, label %3
            2:
              %p2 = load ptr, ptr %slot, align 8
              %f2 = getelementptr inbounds %struct.s, ptr %p2, i32 0, i32 1
              %r2 = load i32, ptr %f2, align 4
              %r3 = add i32 %r2, 10
              store i32 %r3, ptr %f2, align 4
              br label %1
            3:
              ret void
            }

            define void @count(i32 %n) {
              br label %1
            1:
              %i = phi i32 [ 0, %0 ], [ %i1, %1 ]
              %c = load i32, ptr @counted, align 4
              %c1 = add i32 %c, 1
              store i32 %c1, ptr @counted, align 4
              %i1 = add i32 %i, 1
              %done = icmp eq i32 %i1, %n
              br i1 %done, label %2, label %1
            2:
              ret void
            }
            """;

    private static SharedInModule shared(ModuleContext[] out) {
        ParseResult r = IrReader.read("shared.ll", IR.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors());
        ModuleContext m = new ModuleContext(r.module(), MarkedAccessConfig.defaults());
        out[0] = m;
        return m.sharedInModule();
    }

    private static GlobalVariable global(ModuleContext m, String name) {
        for (GlobalVariable g : m.module().globals()) if (g.name().equals(name)) return g;
        throw new AssertionError("no global " + name);
    }

    @Test
    void aMarkedAccessShowsItsObjectShared() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        String why = s.reason(global(m[0], "marked"), 0, 4);
        assertNotNull(why);
        assertTrue(why.contains("reader()"), why);
    }

    @Test
    void plainOnlyDataIsNotShownShared() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        assertNull(s.reason(global(m[0], "plain"), 0, 4));
    }

    @Test
    void onlyTheMarkedFieldOfAStructIsShownShared() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        assertNull(s.reason(global(m[0], "pr"), 0, 4), "the first field is plain only");
        assertNotNull(s.reason(global(m[0], "pr"), 4, 4), "the second field is read with a volatile load");
        assertNotNull(s.reason(global(m[0], "pr"), 0, 8), "a wide access that covers the marked field");
    }

    @Test
    void anAtomicShowsItsObjectShared() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        assertNotNull(s.reason(global(m[0], "rmw"), 0, 8));
    }

    @Test
    void aLoopWaitingOnAPlainLoadShowsItShared() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        String why = s.reason(global(m[0], "flag"), 0, 4);
        assertNotNull(why);
        assertTrue(why.contains("loop in spin()"), why);
    }

    @Test
    void aCounterBumpedInALoopIsNoSpinLoop() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        assertNull(s.reason(global(m[0], "counted"), 0, 4), "the loop's exit depends on the index, not on the load");
    }

    @Test
    void aLoopThatStoresWhatItTestsIsNoSpinLoop() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        assertNull(s.reason(global(m[0], "credit"), 0, 4), "the loop writes @credit itself: it waits for no one");
        FunctionContext f = m[0].function(m[0].module().function("progress_field"));
        dev.lkmmhazard.ir.Instruction r = load(m[0], "progress_field", "r");
        Loops.Loop loop = f.loops().loopOf(r.parent());
        assertNotNull(loop);
        assertEquals(false, SharedInModule.decidesExit(f, loop, r), "p->b is written in the loop through a reload of p");
        FunctionContext spin = m[0].function(m[0].module().function("spin"));
        dev.lkmmhazard.ir.Instruction flag = spin.function().blocks().get(1).instructions().get(0);
        assertEquals(true, SharedInModule.decidesExit(spin, spin.loops().loopOf(flag.parent()), flag), "the control case");
    }

    /** The plain load named {@code name} of function {@code fn}. */
    private static dev.lkmmhazard.ir.Instruction load(ModuleContext m, String fn, String name) {
        for (var b : m.module().function(fn).blocks())
            for (var i : b.instructions()) if (name.equals(i.name())) return i;
        throw new AssertionError("no %" + name + " in " + fn);
    }

    @Test
    void aFieldThroughAPointerIsShownSharedByAMarkedAccessThroughTheSamePointer() {
        ModuleContext[] m = new ModuleContext[1];
        shared(m);
        FunctionContext f = m[0].function(m[0].module().function("fields"));
        // p->b read with READ_ONCE and plainly, each through its own reload of p from the slot: one pointer
        String why = SharedInModule.sameField(f, load(m[0], "fields", "a"));
        assertNotNull(why);
        assertTrue(why.contains("same pointer"), why);
        assertNull(SharedInModule.sameField(f, load(m[0], "fields", "b")), "p->a, the other field, is plain only");
    }

    @Test
    void theSameFieldOfAnotherPointerIsOnlyWeakEvidence() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        FunctionContext f = m[0].function(m[0].module().function("other"));
        dev.lkmmhazard.ir.Instruction a = load(m[0], "other", "a");
        assertNull(SharedInModule.sameField(f, a), "nothing in other() marks q->b");
        String weak = s.reason(m[0], a.pointerOperand(), a.accessType());
        assertNotNull(weak, "the module marks field 1 of some struct.s");
        assertTrue(weak.contains("struct.s"), weak);
    }

    @Test
    void anElementAtAComputedIndexIsAskedForTheWholeObject() {
        ModuleContext[] m = new ModuleContext[1];
        SharedInModule s = shared(m);
        assertNull(s.reason(global(m[0], "arr"), -1, 4));
        assertNotNull(s.reason(global(m[0], "pr"), -1, 4), "some field of pr is marked");
    }
}
