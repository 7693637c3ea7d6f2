package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The control-flow graph of one defined function: its basic blocks, numbered densely in function order (the entry is
 * 0), and one edge per (block, successor) pair read from each terminator. Parallel edges (a {@code switch} with two
 * cases to one block, {@code br i1 %c, label %a, label %a}) are one edge whose {@link EdgeKind} bits are merged.
 * Blocks that the entry cannot reach stay in the graph, flagged by {@link #isReachable}.
 *
 * <p>The graph is kept as compressed int arrays (successors and predecessors of block i at one offset range each) so
 * that the analyses built on it run on arrays; {@link #asGraph()} gives a JGraphT view for library algorithms.
 * Edges have ids: the edges leaving block b are {@code firstEdge(b) .. firstEdge(b + 1) - 1}, in terminator order.
 */
public final class Cfg {
    /** Why control may pass along an edge; one edge can have several kinds. */
    public enum EdgeKind {
        /** unconditional {@code br} */
        JUMP,
        /** {@code br i1} true and false destinations */
        TRUE, FALSE,
        SWITCH_DEFAULT, SWITCH_CASE,
        /** an {@code indirectbr} destination */
        INDIRECT,
        /** {@code invoke}'s normal destination */
        NORMAL,
        /** {@code invoke}, {@code catchswitch} and {@code cleanupret} unwind destinations */
        UNWIND,
        CALLBR_FALLTHROUGH, CALLBR_INDIRECT,
        /** a {@code catchswitch} handler */
        HANDLER,
        /** {@code catchret}'s destination */
        CATCHRET;

        public int bit() { return 1 << ordinal(); }
    }

    /** A CFG edge; {@code kinds} is a set of {@link EdgeKind#bit()}s. */
    public record Edge(BasicBlock source, BasicBlock target, int kinds) {
        public boolean is(EdgeKind kind) { return (kinds & kind.bit()) != 0; }
    }

    private final Function function;
    final BasicBlock[] blocks;
    private final IdentityIndex indexOf;
    /** successors of b: succ[succStart[b] .. succStart[b+1]-1]; the position is the edge id. */
    final int[] succStart;
    final int[] succ;
    final int[] edgeKinds;
    final int[] edgeSource;
    /** predecessors of b: pred[predStart[b] .. predStart[b+1]-1], in increasing block order. */
    final int[] predStart;
    final int[] pred;
    /** blocks that leave the function (ret, resume, unreachable, unwind to caller, or no successor at all) */
    final boolean[] exit;
    /** depth-first numbering from the entry; -1 for blocks it cannot reach */
    final int[] preorder;
    final int[] postorder;
    /** the reachable blocks in reverse postorder */
    final int[] rpo;
    private Graph<BasicBlock, Edge> graph;
    /** while building: the last block that added an edge to t, and that edge's position */
    private int[] lastSource, lastEdge;

    public Cfg(Function function) {
        if (function.blocks().isEmpty())
            throw new IllegalArgumentException("@" + function.name() + " is a declaration: it has no control-flow graph");
        this.function = function;
        int n = function.blocks().size();
        blocks = function.blocks().toArray(new BasicBlock[0]);
        indexOf = new IdentityIndex(n);
        for (int i = 0; i < n; i++) indexOf.put(blocks[i], i);

        succStart = new int[n + 1];
        exit = new boolean[n];
        int[] targets = new int[Math.max(8, n * 2)];
        int[] kinds = new int[targets.length];
        int count = 0;
        lastSource = new int[n];
        lastEdge = new int[n];
        Arrays.fill(lastSource, -1);
        for (int b = 0; b < n; b++) {
            succStart[b] = count;
            Instruction term = blocks[b].terminator();
            if (term != null && term.opcode().isTerminator()) {
                BasicBlock[] bs = term.blocks();
                // the largest number of edges this terminator can add
                int room = bs.length + 1;
                if (count + room > targets.length) {
                    int cap = Math.max(targets.length * 2, count + room);
                    targets = Arrays.copyOf(targets, cap);
                    kinds = Arrays.copyOf(kinds, cap);
                }
                switch (term.opcode()) {
                    case BR -> {
                        if (bs.length == 1) count = addEdge(targets, kinds, b, count, bs[0], EdgeKind.JUMP);
                        else {
                            count = addEdge(targets, kinds, b, count, bs[0], EdgeKind.TRUE);
                            count = addEdge(targets, kinds, b, count, bs[1], EdgeKind.FALSE);
                        }
                    }
                    case SWITCH -> {
                        count = addEdge(targets, kinds, b, count, bs[0], EdgeKind.SWITCH_DEFAULT);
                        for (int i = 1; i < bs.length; i++) count = addEdge(targets, kinds, b, count, bs[i], EdgeKind.SWITCH_CASE);
                    }
                    case INDIRECTBR -> {
                        for (BasicBlock t : bs) count = addEdge(targets, kinds, b, count, t, EdgeKind.INDIRECT);
                    }
                    case INVOKE -> {
                        count = addEdge(targets, kinds, b, count, bs[0], EdgeKind.NORMAL);
                        count = addEdge(targets, kinds, b, count, bs[1], EdgeKind.UNWIND);
                    }
                    case CALLBR -> {
                        count = addEdge(targets, kinds, b, count, bs[0], EdgeKind.CALLBR_FALLTHROUGH);
                        for (int i = 1; i < bs.length; i++) count = addEdge(targets, kinds, b, count, bs[i], EdgeKind.CALLBR_INDIRECT);
                    }
                    case CATCHSWITCH -> {
                        for (BasicBlock t : bs) count = addEdge(targets, kinds, b, count, t, EdgeKind.HANDLER);
                        if (term.unwindBlock() != null) count = addEdge(targets, kinds, b, count, term.unwindBlock(), EdgeKind.UNWIND);
                        else exit[b] = true;
                    }
                    case CATCHRET -> count = addEdge(targets, kinds, b, count, bs[0], EdgeKind.CATCHRET);
                    case CLEANUPRET -> {
                        if (term.unwindBlock() != null) count = addEdge(targets, kinds, b, count, term.unwindBlock(), EdgeKind.UNWIND);
                        else exit[b] = true;
                    }
                    default -> exit[b] = true; // ret, resume, unreachable
                }
            }
            if (count == succStart[b]) exit[b] = true;
        }
        succStart[n] = count;
        lastSource = lastEdge = null;
        succ = Arrays.copyOf(targets, count);
        edgeKinds = Arrays.copyOf(kinds, count);
        edgeSource = new int[count];
        for (int b = 0; b < n; b++) Arrays.fill(edgeSource, succStart[b], succStart[b + 1], b);

        predStart = new int[n + 1];
        for (int e = 0; e < count; e++) predStart[succ[e] + 1]++;
        for (int b = 0; b < n; b++) predStart[b + 1] += predStart[b];
        pred = new int[count];
        int[] fill = Arrays.copyOf(predStart, n);
        for (int e = 0; e < count; e++) pred[fill[succ[e]]++] = edgeSource[e];

        preorder = new int[n];
        postorder = new int[n];
        rpo = depthFirst();
    }

    /** Appends the edge b→target of the given kind, or merges the kind into an edge b→target added before. */
    private int addEdge(int[] targets, int[] kinds, int b, int count, BasicBlock target, EdgeKind kind) {
        int t = indexOf.get(target);
        if (t < 0)
            throw new IllegalArgumentException("a terminator of block " + blocks[b].reference() + " in @" + function.name()
                    + " names " + (target == null ? "no block" : target.reference()) + ", which is not a block of the function");
        if (lastSource[t] == b) {
            kinds[lastEdge[t]] |= kind.bit();
            return count;
        }
        lastSource[t] = b;
        lastEdge[t] = count;
        targets[count] = t;
        kinds[count] = kind.bit();
        return count + 1;
    }

    /** Numbers the blocks reachable from the entry in pre- and postorder; returns them in reverse postorder. */
    private int[] depthFirst() {
        int n = blocks.length;
        Arrays.fill(preorder, -1);
        Arrays.fill(postorder, -1);
        int[] stack = new int[n];
        int[] next = new int[n];
        int[] order = new int[n];
        int pre = 0, post = 0, top = 0;
        stack[top++] = 0;
        preorder[0] = pre++;
        next[0] = succStart[0];
        while (top > 0) {
            int b = stack[top - 1];
            if (next[b] < succStart[b + 1]) {
                int s = succ[next[b]++];
                if (preorder[s] < 0) {
                    preorder[s] = pre++;
                    next[s] = succStart[s];
                    stack[top++] = s;
                }
            } else {
                top--;
                postorder[b] = post;
                order[n - 1 - post] = b;
                post++;
            }
        }
        return Arrays.copyOfRange(order, n - post, n);
    }

    /** A block's dense index, or -1 when it is not a block of this function. */
    public int index(BasicBlock b) { return indexOf.get(b); }

    int indexOrThrow(BasicBlock b) {
        int i = indexOf.get(b);
        if (i < 0) throw new IllegalArgumentException((b == null ? "null" : b.reference()) + " is not a block of @" + function.name());
        return i;
    }

    public Function function() { return function; }
    /** The number of blocks. */
    public int size() { return blocks.length; }
    public BasicBlock block(int index) { return blocks[index]; }
    public BasicBlock entry() { return blocks[0]; }

    public int successorCount(int b) { return succStart[b + 1] - succStart[b]; }
    public int successor(int b, int k) { return succ[succStart[b] + k]; }
    public int predecessorCount(int b) { return predStart[b + 1] - predStart[b]; }
    public int predecessor(int b, int k) { return pred[predStart[b] + k]; }

    public List<BasicBlock> successors(BasicBlock b) {
        int i = indexOrThrow(b);
        return blockList(succ, succStart[i], succStart[i + 1]);
    }

    public List<BasicBlock> predecessors(BasicBlock b) {
        int i = indexOrThrow(b);
        return blockList(pred, predStart[i], predStart[i + 1]);
    }

    /** The number of edges; edge ids run from 0 to this. */
    public int edgeCount() { return succ.length; }
    /** The id of the first edge leaving b; {@code firstEdge(b + 1)} ends b's range ({@code b + 1 == size()} allowed). */
    public int firstEdge(int b) { return succStart[b]; }
    public int edgeSource(int edge) { return edgeSource[edge]; }
    public int edgeTarget(int edge) { return succ[edge]; }
    public int edgeKinds(int edge) { return edgeKinds[edge]; }
    public Edge edge(int edge) { return new Edge(blocks[edgeSource[edge]], blocks[succ[edge]], edgeKinds[edge]); }

    /** The id of the edge from→to, or -1. */
    public int edgeId(int from, int to) {
        for (int e = succStart[from]; e < succStart[from + 1]; e++) if (succ[e] == to) return e;
        return -1;
    }

    /** The edge from→to, or null when there is none. */
    public Edge edge(BasicBlock from, BasicBlock to) {
        int e = edgeId(indexOrThrow(from), indexOrThrow(to));
        return e < 0 ? null : edge(e);
    }

    public List<Edge> outgoing(BasicBlock b) {
        int i = indexOrThrow(b);
        List<Edge> out = new ArrayList<>(successorCount(i));
        for (int e = succStart[i]; e < succStart[i + 1]; e++) out.add(edge(e));
        return out;
    }

    public List<Edge> edges() {
        List<Edge> out = new ArrayList<>(succ.length);
        for (int e = 0; e < succ.length; e++) out.add(edge(e));
        return out;
    }

    public boolean isReachable(BasicBlock b) { return preorder[indexOrThrow(b)] >= 0; }
    public boolean isReachable(int b) { return preorder[b] >= 0; }

    /**
     * Whether control leaves the function from b: {@code ret}, {@code resume}, {@code unreachable}, a
     * {@code cleanupret} or {@code catchswitch} that unwinds to the caller, or a block without successors.
     */
    public boolean isExit(BasicBlock b) { return exit[indexOrThrow(b)]; }
    public boolean isExit(int b) { return exit[b]; }

    /** The blocks reachable from the entry, in reverse postorder of a depth-first search that takes successors in order. */
    public int[] reversePostorder() { return rpo.clone(); }

    /**
     * Whether the edge from→to goes back to a block on the depth-first search path from the entry to {@code from}
     * (a retreating edge; every cycle has one). False when {@code from} is unreachable.
     */
    public boolean isRetreating(int from, int to) {
        return preorder[from] >= 0 && preorder[to] <= preorder[from] && postorder[to] >= postorder[from];
    }

    /** The graph as an unmodifiable JGraphT graph, built on first use. */
    public Graph<BasicBlock, Edge> asGraph() {
        if (graph == null) {
            DefaultDirectedGraph<BasicBlock, Edge> g = new DefaultDirectedGraph<>(null, null, false);
            for (BasicBlock b : blocks) g.addVertex(b);
            for (int e = 0; e < succ.length; e++) g.addEdge(blocks[edgeSource[e]], blocks[succ[e]], edge(e));
            graph = new AsUnmodifiableGraph<>(g);
        }
        return graph;
    }

    private List<BasicBlock> blockList(int[] indices, int from, int to) {
        return new AbstractList<>() {
            @Override public BasicBlock get(int k) { return blocks[indices[from + Objects.checkIndex(k, to - from)]]; }
            @Override public int size() { return to - from; }
        };
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("cfg @").append(function.name()).append(" {");
        for (int b = 0; b < blocks.length; b++) {
            sb.append(b == 0 ? " " : "; ").append(blocks[b].reference()).append(" ->");
            for (int e = succStart[b]; e < succStart[b + 1]; e++) sb.append(' ').append(blocks[succ[e]].reference());
        }
        return sb.append(" }").toString();
    }
}
