package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Control dependence after Ferrante, Ottenstein and Warren: block W is control dependent on the CFG edge A→S when W
 * post-dominates S but does not strictly post-dominate A, i.e. taking that edge out of A decides that W runs. For each
 * edge the dependent blocks are S and its post-dominator-tree ancestors up to, not including, A's immediate
 * post-dominator. The block where an {@code if} joins post-dominates the branch and so depends on none of its edges,
 * which matches the LKMM: a control dependency orders what runs on one outcome, never the code after the join.
 * A loop's blocks depend on the edges of its exit test, the header included.
 *
 * <p>Edges to the virtual exit are not branches and control nothing; nor do edges into blocks that hold only
 * {@code unreachable} (the front end's cleanup {@code switch} default), which are never taken; the post-dominator tree's choice of exits for
 * endless loops (see {@link DominatorTree}) decides what an endless loop's branches control.
 */
public final class ControlDependence {
    private final Cfg cfg;
    private final DominatorTree postDominators;
    /** for dependent block w: the ids of its controlling edges, in edge order */
    private final int[] byBlockStart, byBlockEdge;
    /** for edge e: the blocks dependent on it, in walk order (S first) */
    private final int[] byEdgeStart, byEdgeBlock;

    public ControlDependence(DominatorTree postDominators) {
        if (!postDominators.isPostDominatorTree())
            throw new IllegalArgumentException("control dependence needs the post-dominator tree, not the dominator tree");
        cfg = postDominators.cfg();
        this.postDominators = postDominators;
        int n = cfg.size(), edges = cfg.edgeCount();
        int[] pairs = new int[Math.max(16, edges * 4)];
        int count = 0;
        byEdgeStart = new int[edges + 1];
        for (int e = 0; e < edges; e++) {
            byEdgeStart[e] = count / 2;
            int a = cfg.edgeSource[e], s = cfg.succ[e];
            // an edge into a block that is only `unreachable` is never taken: it decides nothing
            if (postDominators.isNeverTaken(s) || postDominators.isNeverTaken(a)) continue;
            if (postDominators.strictlyDominates(s, a)) continue;
            int stop = postDominators.idom(a);
            for (int w = s; w != stop && w >= 0 && w < n; w = postDominators.idom(w)) {
                if (count + 2 > pairs.length) pairs = Arrays.copyOf(pairs, pairs.length * 2);
                pairs[count++] = w;
                pairs[count++] = e;
            }
        }
        int total = count / 2;
        byEdgeStart[edges] = total;
        byEdgeBlock = new int[total];
        byBlockStart = new int[n + 1];
        for (int i = 0; i < total; i++) {
            byEdgeBlock[i] = pairs[2 * i];
            byBlockStart[pairs[2 * i] + 1]++;
        }
        for (int b = 0; b < n; b++) byBlockStart[b + 1] += byBlockStart[b];
        byBlockEdge = new int[total];
        int[] fill = Arrays.copyOf(byBlockStart, n);
        for (int i = 0; i < total; i++) byBlockEdge[fill[pairs[2 * i]]++] = pairs[2 * i + 1];
    }

    public Cfg cfg() { return cfg; }

    /** The post-dominator tree this was computed from. */
    public DominatorTree postDominators() { return postDominators; }

    /** How many edges block w is control dependent on. */
    public int controllingEdgeCount(int w) { return byBlockStart[w + 1] - byBlockStart[w]; }
    /** The id ({@link Cfg#edge(int)}) of w's k-th controlling edge. */
    public int controllingEdge(int w, int k) { return byBlockEdge[byBlockStart[w] + k]; }

    /** How many blocks depend on edge e; they are {@code dependentBlock(e, 0 .. count-1)}. */
    public int dependentBlockCount(int edge) { return byEdgeStart[edge + 1] - byEdgeStart[edge]; }
    public int dependentBlock(int edge, int k) { return byEdgeBlock[byEdgeStart[edge] + k]; }

    /** The (branch block, successor) edges that decide whether w runs; empty when it runs whenever the function returns. */
    public List<Cfg.Edge> controllingEdges(BasicBlock w) {
        int b = cfg.indexOrThrow(w);
        List<Cfg.Edge> out = new ArrayList<>(controllingEdgeCount(b));
        for (int i = byBlockStart[b]; i < byBlockStart[b + 1]; i++) out.add(cfg.edge(byBlockEdge[i]));
        return out;
    }

    /** The blocks whose terminators decide whether w runs, each once, in block order. */
    public List<BasicBlock> controllingBranches(BasicBlock w) {
        int b = cfg.indexOrThrow(w);
        int[] branches = new int[controllingEdgeCount(b)];
        for (int i = 0; i < branches.length; i++) branches[i] = cfg.edgeSource[byBlockEdge[byBlockStart[b] + i]];
        return distinctBlocks(branches, branches.length);
    }

    public boolean isControlDependent(BasicBlock w, BasicBlock branch) {
        int b = cfg.indexOrThrow(w), a = cfg.indexOrThrow(branch);
        for (int i = byBlockStart[b]; i < byBlockStart[b + 1]; i++) if (cfg.edgeSource[byBlockEdge[i]] == a) return true;
        return false;
    }

    /** The blocks that run or not depending on which way branch goes, each once, in block order. */
    public List<BasicBlock> controlledBlocks(BasicBlock branch) {
        int a = cfg.indexOrThrow(branch);
        int from = byEdgeStart[cfg.succStart[a]], to = byEdgeStart[cfg.succStart[a + 1]];
        return distinctBlocks(Arrays.copyOfRange(byEdgeBlock, from, to), to - from);
    }

    /** The blocks that depend on the edge branch→successor (empty when there is no such edge). */
    public List<BasicBlock> controlledBlocks(BasicBlock branch, BasicBlock successor) {
        int e = cfg.edgeId(cfg.indexOrThrow(branch), cfg.indexOrThrow(successor));
        if (e < 0) return List.of();
        List<BasicBlock> out = new ArrayList<>(dependentBlockCount(e));
        for (int i = byEdgeStart[e]; i < byEdgeStart[e + 1]; i++) out.add(cfg.blocks[byEdgeBlock[i]]);
        return out;
    }

    private List<BasicBlock> distinctBlocks(int[] indices, int count) {
        Arrays.sort(indices, 0, count);
        List<BasicBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) if (i == 0 || indices[i] != indices[i - 1]) out.add(cfg.blocks[indices[i]]);
        return out;
    }
}
