package dev.lkmmhazard.analysis;

import static dev.lkmmhazard.analysis.TestGraphs.block;
import static dev.lkmmhazard.analysis.TestGraphs.controlDependences;
import static dev.lkmmhazard.analysis.TestGraphs.function;
import static dev.lkmmhazard.analysis.TestGraphs.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expected dependences are written as block → its controlling edges "branch->successor". */
class ControlDependenceTest {
    private static ControlDependence cd(Function f) { return new ControlDependence(DominatorTree.postDominators(new Cfg(f))); }

    @Test
    void armsOfAnIfDependOnItAndTheJoinDoesNot() {
        Function f = function(TestGraphs.DIAMOND);
        ControlDependence cd = cd(f);
        assertEquals(Map.of("entry", Set.of(), "then", Set.of("entry->then"), "else", Set.of("entry->else"), "join", Set.of()),
                controlDependences(cd));
        assertEquals(List.of("then", "else"), names(cd.controlledBlocks(block(f, "entry"))));
        assertEquals(List.of("then"), names(cd.controlledBlocks(block(f, "entry"), block(f, "then"))));
        assertEquals(List.of(), cd.controlledBlocks(block(f, "entry"), block(f, "join")), "no such edge");
        assertFalse(cd.isControlDependent(block(f, "join"), block(f, "entry")));
        assertTrue(cd.isControlDependent(block(f, "then"), block(f, "entry")));
    }

    @Test
    void nestedIfsGiveDirectDependencesOnly() {
        Function f = function(TestGraphs.NESTED_IFS);
        ControlDependence cd = cd(f);
        // join1 runs exactly when the outer condition holds; inner depends on the inner if only (transitively on entry)
        assertEquals(Map.of("entry", Set.of(), "outer", Set.of("entry->outer"), "inner", Set.of("outer->inner"),
                "join1", Set.of("entry->outer"), "join2", Set.of()), controlDependences(cd));
        assertEquals(List.of("outer", "join1"), names(cd.controlledBlocks(block(f, "entry"))));
        assertEquals(List.of("entry"), names(cd.controllingBranches(block(f, "join1"))));
    }

    @Test
    void switchArmsDependOnTheirCases() {
        ControlDependence cd = cd(function(TestGraphs.SWITCH));
        assertEquals(Map.of("entry", Set.of(), "a", Set.of("entry->a"), "b", Set.of("entry->b"), "def", Set.of("entry->def"),
                "join", Set.of()), controlDependences(cd));
    }

    @Test
    void loopBodyDependsOnTheTestsThatKeepTheLoopGoing() {
        ControlDependence cd = cd(function(TestGraphs.LOOP_WITH_BREAK));
        // body runs when the header's test holds; latch and the next header visit run when body does not break
        assertEquals(Map.of("entry", Set.of(), "header", Set.of("body->latch"), "body", Set.of("header->body"),
                "latch", Set.of("body->latch"), "exit", Set.of()), controlDependences(cd));
    }

    @Test
    void irreducibleLoop() {
        ControlDependence cd = cd(function(TestGraphs.IRREDUCIBLE));
        // b runs if entry picks it or a loops back; a runs again only when it picked b (entry always leads to a)
        assertEquals(Map.of("entry", Set.of(), "a", Set.of("a->b"), "b", Set.of("entry->b", "a->b"), "exit", Set.of()),
                controlDependences(cd));
    }

    @Test
    void ifInsideAnEndlessLoopControlsOnlyItsArm() {
        ControlDependence cd = cd(function(TestGraphs.NO_EXIT));
        // the latch was given the exit edge, so it and the header depend on its (unconditional) back edge as on a loop test
        assertEquals(Map.of("entry", Set.of(), "header", Set.of("latch->header"), "then", Set.of("header->then"),
                "latch", Set.of("latch->header")), controlDependences(cd));
    }

    @Test
    void unreachableExitAndEndlessLoop() {
        assertEquals(Map.of("entry", Set.of(), "then", Set.of("entry->then"), "join", Set.of()),
                controlDependences(cd(function(TestGraphs.ONLY_UNREACHABLE))));
        // the self-loop keeps running on its own edge
        assertEquals(Map.of("entry", Set.of(), "bug", Set.of("entry->bug"), "hang", Set.of("entry->hang", "hang->hang")),
                controlDependences(cd(function(TestGraphs.BUG_OR_HANG))));
    }

    @Test
    void anEdgeIntoABlockThatIsOnlyUnreachableDecidesNothing() {
        Function f = function(TestGraphs.CLEANUP_SWITCH);
        ControlDependence cd = cd(f);
        // with `unreachable` taken for an exit, join would depend on entry->join and wait->join
        assertEquals(Map.of("entry", Set.of(), "wait", Set.of("entry->wait"), "unreachable", Set.of(), "join", Set.of()),
                controlDependences(cd));
        assertEquals(List.of("unreachable"), names(cd.postDominators().neverTakenBlocks()));
        // a trap that does something first (abort, BUG) stays an exit
        assertEquals(List.of(), cd(function(TestGraphs.BUG_OR_HANG)).postDominators().neverTakenBlocks());
    }

    @Test
    void deadCodeDependsOnNothingReachable() {
        // dead -> dead2 -> ret is straight-line; the dead self-loop depends on itself
        assertEquals(Map.of("entry", Set.of(), "dead", Set.of(), "dead2", Set.of(), "spin", Set.of("spin->spin"), "ret", Set.of()),
                controlDependences(cd(function(TestGraphs.UNREACHABLE_BLOCKS))));
    }

    @Test
    void callbrInvokeAndCatchswitchTargetsDependOnTheirTerminators() {
        // busy leads on to fall, so fall depends on two of the asm goto's edges
        assertEquals(Map.of("entry", Set.of(), "fall", Set.of("entry->fall", "entry->busy"), "err", Set.of("entry->err"),
                "busy", Set.of("entry->busy")), controlDependences(cd(function(TestGraphs.CALLBR))));
        assertEquals(Map.of("entry", Set.of(), "cont", Set.of("entry->cont"), "lpad", Set.of("entry->lpad")),
                controlDependences(cd(function(TestGraphs.INVOKE))));
        // ok is reached on the normal path or after the handler; the handler only if dispatch does not unwind further
        assertEquals(Map.of("entry", Set.of(), "dispatch", Set.of("entry->dispatch"), "handler", Set.of("dispatch->handler"),
                "ok", Set.of("entry->ok", "dispatch->handler")), controlDependences(cd(function(TestGraphs.CATCHSWITCH))));
    }

    @Test
    void needsThePostDominatorTree() {
        Cfg cfg = new Cfg(function(TestGraphs.DIAMOND));
        assertThrows(IllegalArgumentException.class, () -> new ControlDependence(DominatorTree.dominators(cfg)));
    }
}
