package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dominator tree of a {@link Cfg} ({@link #dominators}) or its post-dominator tree ({@link #postDominators}),
 * computed by the iterative algorithm of Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001),
 * written once over int adjacency arrays and run on the graph or on its reverse.
 *
 * <p><b>Dominators</b>: rooted at the entry (index 0). Blocks the entry cannot reach are not in the tree: they have no
 * idom, dominate nothing and are dominated by nothing but themselves (unlike LLVM, which lets everything dominate
 * them), so that no fact about them is invented.
 *
 * <p><b>Post-dominators</b>: rooted at a virtual exit with index {@code cfg.size()}, which every block that leaves the
 * function points to ({@link Cfg#isExit}: ret, resume, unreachable, unwind to caller). A block that cannot reach any
 * exit (an infinite loop, {@code for (;;)}) would have no post-dominator; as LLVM does, one block of each such region
 * gets an artificial edge to the virtual exit. Which block decides the answers inside the loop. LLVM takes the block
 * that its depth-first search visits last; we take instead the source of the retreating edge whose target was entered
 * first (the latch of the outermost loop of the region, as the search meets it), so that inside an endless loop the
 * post-dominators and control dependences are those of the same loop with an exit at its latch: an {@code if} in the
 * loop body controls its arms and not the code after it joins. Every block is then in the post-dominator tree, and the
 * virtual exit post-dominates them all. {@link #artificialExits()} lists the blocks chosen.
 *
 * <p>Queries take blocks or their {@link Cfg#index} numbers; the int forms also accept the virtual exit's index.
 * For a post-dominator tree "dominates" and "idom" mean post-dominates and immediate post-dominator.
 */
public final class DominatorTree {
    private final Cfg cfg;
    private final boolean post;
    private final int nodes;
    private final int root;
    /** incoming edges in the direction of the analysis (predecessors; for post-dominators, successors) */
    private final int[] inStart, in;
    private final int[] artificial;
    /** immediate dominator, -1 for the root and for nodes not in the tree */
    final int[] idom;
    final int[] depth;
    private final int[] childStart, child;
    /** preorder number in the tree and the largest preorder number in the node's subtree; -1 when not in the tree */
    private final int[] first, last;
    private final int height;
    private int[] frontierStart, frontier;

    public static DominatorTree dominators(Cfg cfg) {
        return new DominatorTree(cfg, false, cfg.size(), 0, cfg.succStart, cfg.succ, cfg.predStart, cfg.pred, new int[0]);
    }

    public static DominatorTree postDominators(Cfg cfg) {
        int n = cfg.size();
        int[] artificial = nonExitingRegionExits(cfg);
        int exitCount = artificial.length;
        for (int b = 0; b < n; b++) if (cfg.exit[b]) exitCount++;
        boolean[] toExit = new boolean[n];
        boolean[] never = neverTaken(cfg);
        for (int b = 0; b < n; b++) toExit[b] = cfg.exit[b] && !never[b];
        for (int b : artificial) toExit[b] = true;
        exitCount = 0;
        for (int b = 0; b < n; b++) if (toExit[b]) exitCount++;

        // the reverse graph: its successors are the CFG's predecessors, and the virtual exit's are the exit blocks
        int[] outStart = new int[n + 2];
        System.arraycopy(cfg.predStart, 0, outStart, 0, n + 1);
        outStart[n + 1] = outStart[n] + exitCount;
        int[] out = Arrays.copyOf(cfg.pred, cfg.pred.length + exitCount);
        int k = cfg.pred.length;
        for (int b = 0; b < n; b++) if (toExit[b]) out[k++] = b;

        // its predecessors are the CFG's successors, and the virtual exit for exit blocks
        int[] inStart = new int[n + 2];
        int[] in = new int[cfg.succ.length + exitCount];
        k = 0;
        for (int b = 0; b < n; b++) {
            inStart[b] = k;
            for (int e = cfg.succStart[b]; e < cfg.succStart[b + 1]; e++) in[k++] = cfg.succ[e];
            if (toExit[b]) in[k++] = n;
        }
        inStart[n] = inStart[n + 1] = k;
        DominatorTree t = new DominatorTree(cfg, true, n + 1, n, outStart, out, inStart, in, artificial);
        t.never = never;
        return t;
    }

    /** for post-dominators: the blocks left out as never taken ({@link #neverTaken(Cfg)}) */
    private boolean[] never;

    /** Post-dominators: the blocks left out of the tree because reaching them is undefined; empty for dominators. */
    public List<BasicBlock> neverTakenBlocks() {
        List<BasicBlock> out = new ArrayList<>();
        if (never != null) for (int b = 0; b < never.length; b++) if (never[b]) out.add(cfg.block(b));
        return out;
    }

    /** Whether block b was left out of the post-dominator tree as never taken. */
    public boolean isNeverTaken(int b) { return never != null && b < never.length && never[b]; }

    /**
     * Blocks that hold nothing but {@code unreachable} (and debug intrinsics, or a compile-time assertion), or only a
     * branch to such a block: the default of the front end's cleanup {@code switch}, a BUILD_BUG_ON() arm. Reaching one is undefined behaviour, so the
     * optimizer takes the edge into it as never taken; a post-dominator tree that took it for an exit would make
     * everything after the branch control dependent on it. A trap ({@code BUG()}: an asm, then {@code unreachable})
     * does something first and stays an exit. When the entry itself is such a block, none is left out.
     */
    private static boolean[] neverTaken(Cfg cfg) {
        int n = cfg.size();
        boolean[] never = new boolean[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = 0; b < n; b++) {
                if (never[b]) continue;
                dev.lkmmhazard.ir.BasicBlock block = cfg.block(b);
                dev.lkmmhazard.ir.Instruction t = block.terminator();
                if (t == null || !onlyTerminator(block)) continue;
                boolean yes = t.opcode() == dev.lkmmhazard.ir.Opcode.UNREACHABLE
                        || (t.opcode() == dev.lkmmhazard.ir.Opcode.BR && cfg.successorCount(b) == 1 && never[cfg.successor(b, 0)]);
                if (yes) { never[b] = true; changed = true; }
            }
        }
        if (n > 0 && never[0]) return new boolean[n];
        return never;
    }

    private static boolean onlyTerminator(dev.lkmmhazard.ir.BasicBlock block) {
        var insts = block.instructions();
        for (int i = 0; i < insts.size() - 1; i++) {
            var f = insts.get(i).calledFunction();
            if (f == null) return false;
            if (f.intrinsic() != dev.lkmmhazard.ir.Intrinsic.DBG && !isCompileTimeAssertion(f)) return false;
        }
        return true;
    }

    /**
     * The kernel's BUILD_BUG_ON() and the signedness checks of min()/max(): a call of
     * {@code __compiletime_assert_N}, declared with {@code "dontcall-error"}. The build fails unless the optimizer
     * removes the call, so in any kernel that was built, no run reaches it.
     */
    private static boolean isCompileTimeAssertion(dev.lkmmhazard.ir.Function f) {
        if (f.name().startsWith("__compiletime_assert_")) return true;
        for (var a : f.attributes()) if (a.kind().equals("dontcall-error")) return true;
        return false;
    }

    private DominatorTree(Cfg cfg, boolean post, int nodes, int root, int[] outStart, int[] out, int[] inStart, int[] in,
                          int[] artificial) {
        this.cfg = cfg;
        this.post = post;
        this.nodes = nodes;
        this.root = root;
        this.inStart = inStart;
        this.in = in;
        this.artificial = artificial;

        // reverse postorder from the root, and postorder numbers for the intersection walk
        int[] postNum = new int[nodes];
        Arrays.fill(postNum, -1);
        int[] order = new int[nodes];
        int reached = postorder(root, outStart, out, postNum, order);

        idom = new int[nodes];
        Arrays.fill(idom, -1);
        idom[root] = root;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < reached; i++) {
                int v = order[i];
                int newIdom = -1;
                for (int e = inStart[v]; e < inStart[v + 1]; e++) {
                    int p = in[e];
                    if (idom[p] < 0) continue;
                    if (newIdom < 0) newIdom = p;
                    else {
                        int a = p, b = newIdom;
                        while (a != b) {
                            while (postNum[a] < postNum[b]) a = idom[a];
                            while (postNum[b] < postNum[a]) b = idom[b];
                        }
                        newIdom = a;
                    }
                }
                if (idom[v] != newIdom) {
                    idom[v] = newIdom;
                    changed = true;
                }
            }
        }
        idom[root] = -1;

        depth = new int[nodes];
        Arrays.fill(depth, -1);
        depth[root] = 0;
        int h = 0;
        for (int i = 1; i < reached; i++) {
            int v = order[i];
            depth[v] = depth[idom[v]] + 1;
            if (depth[v] > h) h = depth[v];
        }
        height = h;

        childStart = new int[nodes + 1];
        for (int v = 0; v < nodes; v++) if (idom[v] >= 0) childStart[idom[v] + 1]++;
        for (int v = 0; v < nodes; v++) childStart[v + 1] += childStart[v];
        child = new int[childStart[nodes]];
        int[] fill = Arrays.copyOf(childStart, nodes);
        for (int v = 0; v < nodes; v++) if (idom[v] >= 0) child[fill[idom[v]]++] = v;

        // preorder numbers of the tree: the subtree of v is numbered first[v] .. last[v]
        first = new int[nodes];
        last = new int[nodes];
        Arrays.fill(first, -1);
        Arrays.fill(last, -1);
        int[] stack = new int[nodes];
        int top = 0, num = 0;
        stack[top++] = root;
        while (top > 0) {
            int v = stack[--top];
            first[v] = num++;
            for (int c = childStart[v + 1] - 1; c >= childStart[v]; c--) stack[top++] = child[c];
        }
        int[] size = new int[nodes];
        for (int i = reached - 1; i >= 0; i--) { // reverse of reverse postorder: every node after its dominatees
            int v = order[i];
            size[v] += 1;
            if (idom[v] >= 0) size[idom[v]] += size[v];
        }
        for (int v = 0; v < nodes; v++) if (first[v] >= 0) last[v] = first[v] + size[v] - 1;
    }

    /**
     * Depth-first search from root over (start, adj): writes postorder numbers into postNum and the visited nodes into
     * order in reverse postorder (order[0] = root); returns how many were visited.
     */
    private static int postorder(int root, int[] start, int[] adj, int[] postNum, int[] order) {
        int nodes = postNum.length;
        Arrays.fill(postNum, -1);
        boolean[] seen = new boolean[nodes];
        int[] stack = new int[nodes];
        int[] next = new int[nodes];
        int top = 0, post = 0;
        stack[top++] = root;
        seen[root] = true;
        next[root] = start[root];
        while (top > 0) {
            int v = stack[top - 1];
            if (next[v] < start[v + 1]) {
                int s = adj[next[v]++];
                if (!seen[s]) {
                    seen[s] = true;
                    next[s] = start[s];
                    stack[top++] = s;
                }
            } else {
                top--;
                postNum[v] = post++;
            }
        }
        for (int v = 0; v < nodes; v++) if (postNum[v] >= 0) order[post - 1 - postNum[v]] = v;
        return post;
    }

    /**
     * The blocks that get an artificial edge to the virtual exit: for each region of blocks that cannot reach an exit,
     * taken in block order, a depth-first search from its first block picks the source of the retreating edge whose
     * target it entered first; then everything that reaches the chosen block counts as reaching the exit.
     */
    private static int[] nonExitingRegionExits(Cfg cfg) {
        int n = cfg.size();
        boolean[] reachesExit = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        for (int b = 0; b < n; b++) {
            if (cfg.exit[b]) {
                reachesExit[b] = true;
                stack[top++] = b;
            }
        }
        top = markPredecessors(cfg, reachesExit, stack, top);

        int[] chosen = new int[0];
        int[] pre = new int[n];
        Arrays.fill(pre, -1);
        boolean[] onPath = new boolean[n];
        int[] next = new int[n];
        for (int b = 0; b < n; b++) {
            if (reachesExit[b]) continue;
            int num = 0, pick = -1, pickTarget = Integer.MAX_VALUE, lastVisited = b;
            int[] visited = new int[16];
            int visitedCount = 0;
            top = 0;
            stack[top++] = b;
            pre[b] = num++;
            onPath[b] = true;
            next[b] = cfg.succStart[b];
            while (top > 0) {
                int v = stack[top - 1];
                if (next[v] < cfg.succStart[v + 1]) {
                    int s = cfg.succ[next[v]++];
                    if (pre[s] < 0) {
                        pre[s] = num++;
                        lastVisited = s;
                        onPath[s] = true;
                        next[s] = cfg.succStart[s];
                        stack[top++] = s;
                    } else if (onPath[s] && pre[s] < pickTarget) {
                        pick = v;
                        pickTarget = pre[s];
                    }
                } else {
                    top--;
                    onPath[v] = false;
                    if (visitedCount == visited.length) visited = Arrays.copyOf(visited, visitedCount * 2);
                    visited[visitedCount++] = v;
                }
            }
            for (int i = 0; i < visitedCount; i++) pre[visited[i]] = -1;
            // a finite region where every block has a successor always has a cycle; the fallback is LLVM's choice
            if (pick < 0) pick = lastVisited;
            chosen = Arrays.copyOf(chosen, chosen.length + 1);
            chosen[chosen.length - 1] = pick;
            reachesExit[pick] = true;
            stack[0] = pick;
            markPredecessors(cfg, reachesExit, stack, 1);
        }
        return chosen;
    }

    /** Marks every block that reaches a block on the stack; returns the emptied stack's top. */
    private static int markPredecessors(Cfg cfg, boolean[] marked, int[] stack, int top) {
        while (top > 0) {
            int v = stack[--top];
            for (int e = cfg.predStart[v]; e < cfg.predStart[v + 1]; e++) {
                int p = cfg.pred[e];
                if (!marked[p]) {
                    marked[p] = true;
                    stack[top++] = p;
                }
            }
        }
        return top;
    }

    public Cfg cfg() { return cfg; }
    public boolean isPostDominatorTree() { return post; }
    /** Blocks plus, for post-dominators, the virtual exit. */
    public int nodeCount() { return nodes; }
    /** The root's index: 0 (the entry) or, for post-dominators, the virtual exit. */
    public int root() { return root; }
    /** The virtual exit's index ({@code cfg().size()}), or -1 in a dominator tree. */
    public int virtualExit() { return post ? root : -1; }

    /** Blocks of regions with no way out that were given an edge to the virtual exit; empty for dominators. */
    public List<BasicBlock> artificialExits() {
        List<BasicBlock> out = new ArrayList<>(artificial.length);
        for (int b : artificial) out.add(cfg.blocks[b]);
        return out;
    }

    public boolean contains(int v) { return v == root || idom[v] >= 0; }
    public boolean contains(BasicBlock b) { return contains(cfg.indexOrThrow(b)); }

    /** The immediate dominator's index, -1 for the root and for nodes not in the tree; may be the virtual exit. */
    public int idom(int v) { return idom[v]; }

    /** The immediate (post-)dominator; null for the root, for blocks not in the tree, and when it is the virtual exit. */
    public BasicBlock idom(BasicBlock b) {
        int d = idom[cfg.indexOrThrow(b)];
        return d < 0 || d == cfg.size() ? null : cfg.blocks[d];
    }

    /** Whether every path from the root to b passes a; reflexive. */
    public boolean dominates(int a, int b) {
        if (a == b) return true;
        int fb = first[b];
        return first[a] >= 0 && fb >= 0 && first[a] <= fb && fb <= last[a];
    }

    public boolean dominates(BasicBlock a, BasicBlock b) { return dominates(cfg.indexOrThrow(a), cfg.indexOrThrow(b)); }
    public boolean strictlyDominates(int a, int b) { return a != b && dominates(a, b); }
    public boolean strictlyDominates(BasicBlock a, BasicBlock b) { return strictlyDominates(cfg.indexOrThrow(a), cfg.indexOrThrow(b)); }

    /** The nearest node that dominates both, or -1 when either is not in the tree. */
    public int nearestCommonDominator(int a, int b) {
        if (!contains(a) || !contains(b)) return -1;
        while (depth[a] > depth[b]) a = idom[a];
        while (depth[b] > depth[a]) b = idom[b];
        while (a != b) {
            a = idom[a];
            b = idom[b];
        }
        return a;
    }

    public int childCount(int v) { return childStart[v + 1] - childStart[v]; }
    public int child(int v, int k) { return child[childStart[v] + k]; }

    /** The blocks b immediately dominates, in block order. */
    public List<BasicBlock> children(BasicBlock b) {
        int v = cfg.indexOrThrow(b);
        List<BasicBlock> out = new ArrayList<>(childCount(v));
        for (int c = childStart[v]; c < childStart[v + 1]; c++) out.add(cfg.blocks[child[c]]);
        return out;
    }

    /** Edges from the root: 0 at the root, -1 for nodes not in the tree. */
    public int depth(int v) { return depth[v]; }
    public int depth(BasicBlock b) { return depth[cfg.indexOrThrow(b)]; }
    /** The largest depth in the tree. */
    public int height() { return height; }

    /**
     * The dominance frontier of b: the nodes where b's dominance ends (for post-dominators, the reverse dominance
     * frontier: the blocks whose branches b is control dependent on). Computed for all nodes on first use. May contain
     * the virtual exit's index; the block form leaves it out.
     */
    public int[] dominanceFrontier(int v) {
        if (frontierStart == null) computeFrontiers();
        return Arrays.copyOfRange(frontier, frontierStart[v], frontierStart[v + 1]);
    }

    public List<BasicBlock> dominanceFrontier(BasicBlock b) {
        int[] f = dominanceFrontier(cfg.indexOrThrow(b));
        List<BasicBlock> out = new ArrayList<>(f.length);
        for (int v : f) if (v < cfg.size()) out.add(cfg.blocks[v]);
        return out;
    }

    /** Cooper, Harvey and Kennedy's frontier walk: from each predecessor of a join up to the join's idom. */
    private void computeFrontiers() {
        int[] count = new int[nodes];
        int[] lastJoin = new int[nodes];
        Arrays.fill(lastJoin, -1);
        int[] pairs = new int[16];
        int pairCount = 0;
        for (int v = 0; v < nodes; v++) {
            if (!contains(v) || inStart[v + 1] - inStart[v] < 2) continue;
            for (int e = inStart[v]; e < inStart[v + 1]; e++) {
                int runner = in[e];
                if (!contains(runner)) continue;
                while (runner != idom[v] && runner >= 0) {
                    if (lastJoin[runner] != v) {
                        lastJoin[runner] = v;
                        if (pairCount + 2 > pairs.length) pairs = Arrays.copyOf(pairs, pairs.length * 2);
                        pairs[pairCount++] = runner;
                        pairs[pairCount++] = v;
                        count[runner]++;
                    }
                    runner = idom[runner];
                }
            }
        }
        int[] start = new int[nodes + 1];
        for (int v = 0; v < nodes; v++) start[v + 1] = start[v] + count[v];
        int[] f = new int[start[nodes]];
        int[] fill = Arrays.copyOf(start, nodes);
        for (int i = 0; i < pairCount; i += 2) f[fill[pairs[i]]++] = pairs[i + 1];
        frontier = f;
        frontierStart = start;
    }
}
