package dev.lkmmhazard.analysis;

import static dev.lkmmhazard.analysis.TestGraphs.block;
import static dev.lkmmhazard.analysis.TestGraphs.function;
import static dev.lkmmhazard.analysis.TestGraphs.idoms;
import static dev.lkmmhazard.analysis.TestGraphs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Expected trees are written as block → immediate (post-)dominator; "EXIT" is the virtual exit, "-" none. */
class DominatorTreeTest {
    private static DominatorTree dom(Function f) { return DominatorTree.dominators(new Cfg(f)); }
    private static DominatorTree pdom(Function f) { return DominatorTree.postDominators(new Cfg(f)); }

    @Test
    void diamond() {
        Function f = function(TestGraphs.DIAMOND);
        // both arms and the join are reached only through the entry
        assertEquals(Map.of("entry", "-", "then", "entry", "else", "entry", "join", "entry"), idoms(dom(f)));
        // every path to the return passes the join
        assertEquals(Map.of("entry", "join", "then", "join", "else", "join", "join", "EXIT"), idoms(pdom(f)));
    }

    @Test
    void nestedIfs() {
        Function f = function(TestGraphs.NESTED_IFS);
        // join1 is reached from outer and inner, so outer is its idom; join2 from entry and join1
        assertEquals(Map.of("entry", "-", "outer", "entry", "inner", "outer", "join1", "outer", "join2", "entry"), idoms(dom(f)));
        // the inner if joins at join1, the outer at join2
        assertEquals(Map.of("entry", "join2", "outer", "join1", "inner", "join1", "join1", "join2", "join2", "EXIT"), idoms(pdom(f)));
    }

    @Test
    void switchWithSharedTargets() {
        Function f = function(TestGraphs.SWITCH);
        assertEquals(Map.of("entry", "-", "a", "entry", "b", "entry", "def", "entry", "join", "entry"), idoms(dom(f)));
        assertEquals(Map.of("entry", "join", "a", "join", "b", "join", "def", "join", "join", "EXIT"), idoms(pdom(f)));
    }

    @Test
    void loopWithBreak() {
        Function f = function(TestGraphs.LOOP_WITH_BREAK);
        // the exit is reached from the header's test and from the break in body
        assertEquals(Map.of("entry", "-", "header", "entry", "body", "header", "latch", "body", "exit", "header"), idoms(dom(f)));
        // body may break straight to exit, so only exit post-dominates it; latch always returns to the header
        assertEquals(Map.of("entry", "header", "header", "exit", "body", "exit", "latch", "header", "exit", "EXIT"), idoms(pdom(f)));
    }

    @Test
    void irreducibleLoopHasNoHeaderDominatingIt() {
        Function f = function(TestGraphs.IRREDUCIBLE);
        // a and b are both entered from entry, so neither dominates the other
        assertEquals(Map.of("entry", "-", "a", "entry", "b", "entry", "exit", "a"), idoms(dom(f)));
        // b always goes to a, and every way out passes a
        assertEquals(Map.of("entry", "a", "a", "exit", "b", "a", "exit", "EXIT"), idoms(pdom(f)));
    }

    @Test
    void endlessLoopIsGivenAnExitAtItsLatch() {
        Function f = function(TestGraphs.NO_EXIT);
        DominatorTree pdom = pdom(f);
        // the search from the entry meets latch -> header first as its back edge
        assertEquals(List.of("latch"), names(pdom.artificialExits()));
        // as if the loop were do { ... } while (cond) tested at the latch: the if in the body joins at the latch
        assertEquals(Map.of("entry", "header", "header", "latch", "then", "latch", "latch", "EXIT"), idoms(pdom));
        assertEquals(Map.of("entry", "-", "header", "entry", "then", "header", "latch", "header"), idoms(dom(f)));
    }

    @Test
    void unreachableInstructionIsAnExit() {
        Function f = function(TestGraphs.ONLY_UNREACHABLE);
        DominatorTree pdom = pdom(f);
        assertEquals(List.of(), pdom.artificialExits());
        assertEquals(Map.of("entry", "join", "then", "join", "join", "EXIT"), idoms(pdom));
    }

    @Test
    void bugPathAndEndlessLoopBothReachTheVirtualExit() {
        Function f = function(TestGraphs.BUG_OR_HANG);
        DominatorTree pdom = pdom(f);
        assertEquals(List.of("hang"), names(pdom.artificialExits()));
        // entry goes either to the unreachable or into the loop: only the virtual exit is common
        assertEquals(Map.of("entry", "EXIT", "bug", "EXIT", "hang", "EXIT"), idoms(pdom));
    }

    @Test
    void unreachableBlocksAreOutsideTheDominatorTreeButInsideThePostDominatorTree() {
        Function f = function(TestGraphs.UNREACHABLE_BLOCKS);
        DominatorTree dom = dom(f), pdom = pdom(f);
        assertEquals(Map.of("entry", "-", "dead", "-", "dead2", "-", "spin", "-", "ret", "entry"), idoms(dom));
        BasicBlock dead = block(f, "dead");
        assertFalse(dom.contains(dead));
        assertFalse(dom.dominates(f.entry(), dead), "no dominance facts are invented for dead code");
        assertFalse(dom.dominates(dead, block(f, "ret")));
        assertTrue(dom.dominates(dead, dead));
        assertEquals(-1, dom.depth(dead));
        // dead code still reaches the return; the dead endless loop gets its own exit edge
        assertEquals(List.of("spin"), names(pdom.artificialExits()));
        assertEquals(Map.of("entry", "ret", "dead", "dead2", "dead2", "ret", "spin", "EXIT", "ret", "EXIT"), idoms(pdom));
        for (BasicBlock b : f.blocks()) assertTrue(pdom.dominates(pdom.virtualExit(), pdom.cfg().index(b)));
    }

    @Test
    void callbrInvokeAndCatchswitch() {
        Function cb = function(TestGraphs.CALLBR);
        // fall is reached from entry and from busy
        assertEquals(Map.of("entry", "-", "fall", "entry", "err", "entry", "busy", "entry"), idoms(dom(cb)));
        // entry may end in fall or err; busy always goes to fall
        assertEquals(Map.of("entry", "EXIT", "fall", "EXIT", "err", "EXIT", "busy", "fall"), idoms(pdom(cb)));

        Function inv = function(TestGraphs.INVOKE);
        assertEquals(Map.of("entry", "-", "cont", "entry", "lpad", "entry"), idoms(dom(inv)));
        assertEquals(Map.of("entry", "EXIT", "cont", "EXIT", "lpad", "EXIT"), idoms(pdom(inv)));

        Function cs = function(TestGraphs.CATCHSWITCH);
        assertEquals(Map.of("entry", "-", "dispatch", "entry", "handler", "dispatch", "ok", "entry"), idoms(dom(cs)));
        // dispatch may unwind to the caller, so nothing but the virtual exit post-dominates it
        assertEquals(Map.of("entry", "EXIT", "dispatch", "EXIT", "handler", "ok", "ok", "EXIT"), idoms(pdom(cs)));
    }

    @Test
    void queriesOnTheTree() {
        Function f = function(TestGraphs.NESTED_IFS);
        DominatorTree dom = dom(f);
        BasicBlock entry = block(f, "entry"), outer = block(f, "outer"), inner = block(f, "inner");
        BasicBlock join1 = block(f, "join1"), join2 = block(f, "join2");
        assertEquals(outer, dom.idom(inner));
        assertNull(dom.idom(entry));
        assertTrue(dom.dominates(entry, inner));
        assertTrue(dom.dominates(inner, inner));
        assertFalse(dom.strictlyDominates(inner, inner));
        assertTrue(dom.strictlyDominates(outer, join1));
        assertFalse(dom.dominates(inner, join1));
        assertFalse(dom.dominates(outer, join2));
        assertEquals(List.of("outer", "join2"), names(dom.children(entry)));
        assertEquals(List.of("inner", "join1"), names(dom.children(outer)));
        assertEquals(0, dom.depth(entry));
        assertEquals(2, dom.depth(inner));
        assertEquals(2, dom.height());
        Cfg cfg = dom.cfg();
        assertEquals(cfg.index(outer), dom.nearestCommonDominator(cfg.index(inner), cfg.index(join1)));
        assertEquals(cfg.index(entry), dom.nearestCommonDominator(cfg.index(inner), cfg.index(join2)));

        DominatorTree pdom = pdom(f);
        assertNull(pdom.idom(join2), "its immediate post-dominator is the virtual exit");
        assertEquals(pdom.virtualExit(), pdom.idom(pdom.cfg().index(join2)));
        assertEquals(cfg.size(), pdom.virtualExit());
        assertEquals(-1, dom.virtualExit());
        assertTrue(pdom.dominates(join2, inner));
        assertFalse(pdom.dominates(join1, entry));
        assertEquals(3, pdom.height(), "EXIT <- join2 <- join1 <- outer");
    }

    @Test
    void dominanceFrontiers() {
        Function f = function(TestGraphs.LOOP_WITH_BREAK);
        DominatorTree dom = dom(f);
        // body's dominance ends where the loop restarts (header) and where the break lands (exit)
        assertEquals(Set.of("header", "exit"), nameSet(dom.dominanceFrontier(block(f, "body"))));
        assertEquals(Set.of("header"), nameSet(dom.dominanceFrontier(block(f, "header"))));
        assertEquals(Set.of("header"), nameSet(dom.dominanceFrontier(block(f, "latch"))));
        assertEquals(Set.of(), nameSet(dom.dominanceFrontier(block(f, "entry"))));
        // the reverse frontier names the branches a block is control dependent on
        DominatorTree pdom = pdom(f);
        assertEquals(Set.of("body"), nameSet(pdom.dominanceFrontier(block(f, "latch"))));
        assertEquals(Set.of("header"), nameSet(pdom.dominanceFrontier(block(f, "body"))));
    }

    private static Set<String> nameSet(List<BasicBlock> blocks) { return new TreeSet<>(names(blocks)); }
}
