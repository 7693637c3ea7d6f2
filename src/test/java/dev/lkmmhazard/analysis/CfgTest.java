package dev.lkmmhazard.analysis;

import static dev.lkmmhazard.analysis.TestGraphs.block;
import static dev.lkmmhazard.analysis.TestGraphs.function;
import static dev.lkmmhazard.analysis.TestGraphs.names;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.Cfg.EdgeKind;
import dev.lkmmhazard.ir.Argument;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.TypeTable;
import dev.lkmmhazard.ir.Value;
import java.util.List;
import org.jgrapht.Graph;
import org.junit.jupiter.api.Test;

class CfgTest {
    @Test
    void conditionalBranchHasATrueAndAFalseEdge() {
        Function f = function(TestGraphs.DIAMOND);
        Cfg cfg = new Cfg(f);
        BasicBlock entry = block(f, "entry");
        assertEquals(List.of("then", "else"), names(cfg.successors(entry)));
        assertTrue(cfg.edge(entry, block(f, "then")).is(EdgeKind.TRUE));
        assertTrue(cfg.edge(entry, block(f, "else")).is(EdgeKind.FALSE));
        assertEquals(List.of("then", "else"), names(cfg.predecessors(block(f, "join"))));
        assertEquals(4, cfg.edgeCount());
        assertNull(cfg.edge(entry, block(f, "join")));
    }

    @Test
    void blocksAreNumberedInFunctionOrderFromTheEntry() {
        Function f = function(TestGraphs.NESTED_IFS);
        Cfg cfg = new Cfg(f);
        assertEquals(f.blocks().size(), cfg.size());
        for (int i = 0; i < cfg.size(); i++) {
            assertEquals(f.blocks().get(i), cfg.block(i));
            assertEquals(i, cfg.index(cfg.block(i)));
        }
        assertEquals(f.entry(), cfg.entry());
        assertEquals(-1, cfg.index(function(TestGraphs.DIAMOND).entry()), "a block of another function has no index");
    }

    @Test
    void switchCasesToOneBlockMakeOneEdgeThatRemembersItsKinds() {
        Function f = function(TestGraphs.SWITCH);
        Cfg cfg = new Cfg(f);
        BasicBlock entry = block(f, "entry");
        // default first, then the case destinations in the order first written, each once
        assertEquals(List.of("def", "a", "b"), names(cfg.successors(entry)));
        assertEquals(EdgeKind.SWITCH_DEFAULT.bit() | EdgeKind.SWITCH_CASE.bit(), cfg.edge(entry, block(f, "def")).kinds());
        assertEquals(EdgeKind.SWITCH_CASE.bit(), cfg.edge(entry, block(f, "a")).kinds());
        assertEquals(List.of("entry"), names(cfg.predecessors(block(f, "a"))));
        assertEquals(List.of("a", "b", "def"), names(cfg.predecessors(block(f, "join"))), "predecessors in block order");
    }

    @Test
    void callbrLeadsToItsFallthroughAndEveryIndirectTarget() {
        Function f = function(TestGraphs.CALLBR);
        Cfg cfg = new Cfg(f);
        BasicBlock entry = block(f, "entry");
        assertEquals(List.of("fall", "err", "busy"), names(cfg.successors(entry)));
        assertTrue(cfg.edge(entry, block(f, "fall")).is(EdgeKind.CALLBR_FALLTHROUGH));
        assertTrue(cfg.edge(entry, block(f, "err")).is(EdgeKind.CALLBR_INDIRECT));
        assertTrue(cfg.edge(entry, block(f, "busy")).is(EdgeKind.CALLBR_INDIRECT));
    }

    @Test
    void invokeLeadsToItsNormalAndUnwindDestinations() {
        Function f = function(TestGraphs.INVOKE);
        Cfg cfg = new Cfg(f);
        BasicBlock entry = block(f, "entry");
        assertEquals(List.of("cont", "lpad"), names(cfg.successors(entry)));
        assertTrue(cfg.edge(entry, block(f, "cont")).is(EdgeKind.NORMAL));
        assertTrue(cfg.edge(entry, block(f, "lpad")).is(EdgeKind.UNWIND));
        // ret and resume leave the function and have no successors
        assertTrue(cfg.isExit(block(f, "cont")));
        assertTrue(cfg.isExit(block(f, "lpad")));
        assertEquals(List.of(), cfg.successors(block(f, "lpad")));
        assertFalse(cfg.isExit(entry));
    }

    @Test
    void catchswitchLeadsToItsHandlersAndMayLeaveTheFunction() {
        Function f = function(TestGraphs.CATCHSWITCH);
        Cfg cfg = new Cfg(f);
        BasicBlock dispatch = block(f, "dispatch");
        assertEquals(List.of("handler"), names(cfg.successors(dispatch)));
        assertTrue(cfg.edge(dispatch, block(f, "handler")).is(EdgeKind.HANDLER));
        assertTrue(cfg.isExit(dispatch), "unwind to caller leaves the function");
        assertTrue(cfg.edge(block(f, "handler"), block(f, "ok")).is(EdgeKind.CATCHRET));
    }

    @Test
    void indirectbrLeadsToEveryListedBlock() {
        Function f = function("""
                define void @jump(ptr %to) {
                entry:
                  indirectbr ptr %to, [label %l1, label %l2, label %l1]
                l1:
                  ret void
                l2:
                  ret void
                }
                """);
        Cfg cfg = new Cfg(f);
        assertEquals(List.of("l1", "l2"), names(cfg.successors(f.entry())));
        assertTrue(cfg.edge(f.entry(), block(f, "l2")).is(EdgeKind.INDIRECT));
    }

    @Test
    void blocksTheEntryCannotReachAreKeptAndFlagged() {
        Function f = function(TestGraphs.UNREACHABLE_BLOCKS);
        Cfg cfg = new Cfg(f);
        assertEquals(5, cfg.size());
        assertTrue(cfg.isReachable(block(f, "entry")));
        assertTrue(cfg.isReachable(block(f, "ret")));
        assertFalse(cfg.isReachable(block(f, "dead")));
        assertFalse(cfg.isReachable(block(f, "dead2")));
        assertFalse(cfg.isReachable(block(f, "spin")));
        assertEquals(List.of("entry", "dead2"), names(cfg.predecessors(block(f, "ret"))));
        assertArrayEquals(new int[] {0, 4}, cfg.reversePostorder(), "only reachable blocks, entry first");
    }

    @Test
    void retreatingEdgesAreThoseBackToTheSearchPath() {
        Function f = function(TestGraphs.LOOP_WITH_BREAK);
        Cfg cfg = new Cfg(f);
        int header = cfg.index(block(f, "header")), latch = cfg.index(block(f, "latch")), body = cfg.index(block(f, "body"));
        assertTrue(cfg.isRetreating(latch, header));
        assertFalse(cfg.isRetreating(header, body));
        assertFalse(cfg.isRetreating(body, cfg.index(block(f, "exit"))));
    }

    @Test
    void jgraphtViewHasTheSameBlocksAndEdges() {
        Function f = function(TestGraphs.SWITCH);
        Cfg cfg = new Cfg(f);
        Graph<BasicBlock, Cfg.Edge> g = cfg.asGraph();
        assertEquals(cfg.size(), g.vertexSet().size());
        assertEquals(cfg.edgeCount(), g.edgeSet().size());
        assertTrue(g.containsEdge(block(f, "entry"), block(f, "def")));
        assertEquals(3, g.outDegreeOf(block(f, "entry")));
        assertThrows(UnsupportedOperationException.class, () -> g.removeVertex(block(f, "a")));
    }

    /** Built with the ir classes rather than the parser: br i1 %c, label %x, label %x. */
    @Test
    void branchWithBothDestinationsEqualIsOneEdgeWithBothKinds() {
        TypeTable t = new TypeTable();
        Function f = new Function(t.ptr, "same");
        f.setReturnType(t.voidType);
        f.setDefinition(true);
        Argument c = new Argument(t.i1(), "c", 0, List.of());
        f.arguments().add(c);
        BasicBlock entry = new BasicBlock(t.label, "entry"), x = new BasicBlock(t.label, "x");
        f.blocks().add(entry);
        f.blocks().add(x);
        entry.add(new Instruction(Opcode.BR, t.voidType, null, new Value[] {c}, new BasicBlock[] {x, x}, 2, 3));
        x.add(new Instruction(Opcode.RET, t.voidType, null, new Value[0], new BasicBlock[0], 4, 3));
        Cfg cfg = new Cfg(f);
        assertEquals(1, cfg.edgeCount());
        assertEquals(EdgeKind.TRUE.bit() | EdgeKind.FALSE.bit(), cfg.edge(entry, x).kinds());
        assertEquals(List.of("entry"), names(cfg.predecessors(x)));
    }

    @Test
    void branchToABlockOfAnotherFunctionIsRejected() {
        TypeTable t = new TypeTable();
        Function f = new Function(t.ptr, "broken");
        BasicBlock entry = new BasicBlock(t.label, "entry"), elsewhere = new BasicBlock(t.label, "elsewhere");
        f.blocks().add(entry);
        entry.add(new Instruction(Opcode.BR, t.voidType, null, new Value[0], new BasicBlock[] {elsewhere}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Cfg(f));
    }

    @Test
    void aDeclarationHasNoCfg() {
        Function f = TestGraphs.parse(TestGraphs.DIAMOND).function("may_throw");
        assertThrows(IllegalArgumentException.class, () -> new Cfg(f));
    }
}
