package dev.lkmmhazard.analysis;

import static dev.lkmmhazard.analysis.TestGraphs.block;
import static dev.lkmmhazard.analysis.TestGraphs.function;
import static dev.lkmmhazard.analysis.TestGraphs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopsTest {
    private static Loops loops(Function f) { return new Loops(DominatorTree.dominators(new Cfg(f))); }

    private static List<String> edges(List<Cfg.Edge> edges) {
        return edges.stream().map(e -> e.source().name() + "->" + e.target().name()).toList();
    }

    @Test
    void loopWithBreakHasTwoExits() {
        Function f = function(TestGraphs.LOOP_WITH_BREAK);
        Loops loops = loops(f);
        assertEquals(1, loops.loops().size());
        Loops.Loop loop = loops.loops().get(0);
        assertEquals("header", loop.header().name());
        assertEquals(List.of("header", "body", "latch"), names(loop.blocks()));
        assertEquals(List.of("latch"), names(loop.latches()));
        assertNull(loop.parent());
        assertEquals(1, loop.depth());
        // the header's test and the break
        assertEquals(List.of("header->exit", "body->exit"), edges(loops.exits(loop)));
        assertSame(loop, loops.loopOf(block(f, "body")));
        assertNull(loops.loopOf(block(f, "exit")));
        assertTrue(loops.isInLoop(block(f, "latch")));
        assertFalse(loops.isInLoop(block(f, "entry")));
        assertTrue(loops.isReducible());
    }

    @Test
    void nestedLoopsWithTwoLatches() {
        Function f = function("""
                define void @nest(i1 %c, i1 %d, i1 %e) {
                entry:
                  br label %outer
                outer:
                  br i1 %c, label %inner, label %exit
                inner:
                  br i1 %d, label %inner, label %check
                check:
                  br i1 %e, label %outer, label %olatch
                olatch:
                  br label %outer
                exit:
                  ret void
                }
                """);
        Loops loops = loops(f);
        assertEquals(2, loops.loops().size());
        Loops.Loop outer = loops.loops().get(0), inner = loops.loops().get(1);
        // check and olatch both jump back to outer: one loop with two latches
        assertEquals("outer", outer.header().name());
        assertEquals(List.of("check", "olatch"), names(outer.latches()));
        assertEquals(List.of("outer", "inner", "check", "olatch"), names(outer.blocks()));
        // inner is a self-loop nested in outer
        assertEquals("inner", inner.header().name());
        assertEquals(List.of("inner"), names(inner.blocks()));
        assertSame(outer, inner.parent());
        assertEquals(List.of(inner), outer.children());
        assertEquals(2, inner.depth());
        assertEquals(List.of(outer), loops.topLevelLoops());
        assertSame(inner, loops.loopOf(block(f, "inner")));
        assertSame(outer, loops.loopOf(block(f, "olatch")));
        assertEquals(2, loops.loopDepth(block(f, "inner")));
        assertTrue(outer.contains(block(f, "inner")));
        assertFalse(inner.contains(block(f, "check")));
        assertEquals(List.of("inner->check"), edges(loops.exits(inner)));
        assertEquals(List.of("outer->exit"), edges(loops.exits(outer)));
    }

    @Test
    void irreducibleCycleIsReportedWithBothEntries() {
        Function f = function(TestGraphs.IRREDUCIBLE);
        Loops loops = loops(f);
        assertEquals(List.of(), loops.loops(), "no block dominates the cycle, so it is no natural loop");
        assertFalse(loops.isReducible());
        assertEquals(1, loops.irreducibleCycles().size());
        Loops.IrreducibleCycle cycle = loops.irreducibleCycles().get(0);
        assertEquals(List.of("a", "b"), names(cycle.blocks()));
        assertEquals(List.of("a", "b"), names(cycle.entries()));
        assertTrue(loops.isInLoop(block(f, "a")));
        assertNull(loops.loopOf(block(f, "a")));
        assertSame(cycle, loops.irreducibleCycleOf(block(f, "b")));
        assertNull(loops.irreducibleCycleOf(block(f, "exit")));
    }

    @Test
    void naturalLoopInsideAnIrreducibleCycle() {
        // the inner self-loop at b is natural; the a <-> b cycle around it is entered at both a and b
        Function f = function("""
                define void @mixed(i1 %c, i1 %d, i1 %e) {
                entry:
                  br i1 %c, label %a, label %b
                a:
                  br label %b
                b:
                  br i1 %d, label %b, label %next
                next:
                  br i1 %e, label %a, label %exit
                exit:
                  ret void
                }
                """);
        Loops loops = loops(f);
        assertEquals(1, loops.loops().size());
        assertEquals("b", loops.loops().get(0).header().name());
        assertEquals(List.of("b"), names(loops.loops().get(0).blocks()));
        assertEquals(1, loops.irreducibleCycles().size());
        assertEquals(List.of("a", "b", "next"), names(loops.irreducibleCycles().get(0).blocks()));
        assertEquals(List.of("a", "b"), names(loops.irreducibleCycles().get(0).entries()));
    }

    @Test
    void endlessLoopHasNoExits() {
        Function f = function(TestGraphs.NO_EXIT);
        Loops loops = loops(f);
        Loops.Loop loop = loops.loopOf(block(f, "then"));
        assertEquals("header", loop.header().name());
        assertEquals(List.of("header", "then", "latch"), names(loop.blocks()));
        assertEquals(List.of(), loops.exits(loop));

        Function hang = function(TestGraphs.BUG_OR_HANG);
        Loops selfLoop = loops(hang);
        assertEquals(List.of("hang"), names(selfLoop.loopOf(block(hang, "hang")).latches()));
    }

    @Test
    void deadCyclesAreNoLoops() {
        Function f = function(TestGraphs.UNREACHABLE_BLOCKS);
        Loops loops = loops(f);
        assertEquals(List.of(), loops.loops());
        assertFalse(loops.isInLoop(block(f, "spin")));
        assertTrue(loops.isReducible());
    }

    @Test
    void needsTheDominatorTree() {
        Cfg cfg = new Cfg(function(TestGraphs.DIAMOND));
        assertThrows(IllegalArgumentException.class, () -> new Loops(DominatorTree.postDominators(cfg)));
    }
}
