package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The loops of one function. <b>Natural loops</b> come from back edges (an edge whose target dominates its source):
 * the target is the header, the sources are the latches, and the loop is every block that reaches a latch without
 * passing the header. Loops with one header are one loop, and a loop whose header lies in another is nested in it;
 * the construction walks the headers inner first, as LLVM's LoopInfo does, so it is linear in the graph's size.
 *
 * <p>A cycle without a header that dominates it (entered at two places: an <b>irreducible</b> cycle, from
 * {@code goto} into a loop or from jump threading) makes no natural loop. Such cycles are the strongly connected
 * components (of more than one block) that remain once all back edges are removed; they are reported as
 * {@link IrreducibleCycle}s with their entry blocks. Blocks the entry cannot reach are in no loop.
 */
public final class Loops {
    /** A natural loop. */
    public static final class Loop {
        private final Cfg cfg;
        private final int id;
        private final int header;
        private Loop parent;
        private final List<Loop> children = new ArrayList<>();
        private int depth;
        private int[] blocks;
        private int[] latches;
        private final Loops owner;

        private Loop(Loops owner, int id, int header) {
            this.owner = owner;
            this.cfg = owner.cfg;
            this.id = id;
            this.header = header;
        }

        public BasicBlock header() { return cfg.blocks[header]; }
        public int headerIndex() { return header; }
        /** The loop that immediately contains this one, or null. */
        public Loop parent() { return parent; }
        /** The loops immediately inside this one. */
        public List<Loop> children() { return Collections.unmodifiableList(children); }
        /** 1 for an outermost loop. */
        public int depth() { return depth; }

        /** Its blocks, those of nested loops included, in block order. */
        public List<BasicBlock> blocks() { return toBlocks(cfg, blocks); }
        public int blockCount() { return blocks.length; }
        public int blockIndex(int k) { return blocks[k]; }
        /** The blocks with a back edge to the header. */
        public List<BasicBlock> latches() { return toBlocks(cfg, latches); }

        public boolean contains(int b) {
            for (Loop l = owner.loopOf(b); l != null; l = l.parent) if (l == this) return true;
            return false;
        }

        public boolean contains(BasicBlock b) { return contains(cfg.indexOrThrow(b)); }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder("loop ").append(header().reference()).append(" {");
            for (int i = 0; i < blocks.length; i++) sb.append(i == 0 ? "" : ", ").append(cfg.blocks[blocks[i]].reference());
            return sb.append('}').toString();
        }
    }

    /** A cycle with more than one entry, which no natural loop describes. */
    public record IrreducibleCycle(List<BasicBlock> entries, List<BasicBlock> blocks) {}

    private final Cfg cfg;
    private final DominatorTree dominators;
    /** by id; ids follow the order the headers were found in (inner loops first) */
    private final Loop[] loops;
    private final List<Loop> ordered;
    /** the innermost natural loop of each block, -1 for none */
    private final int[] innermost;
    /** the irreducible cycle of each block, -1 for none */
    private final int[] cycleOf;
    private final List<IrreducibleCycle> cycles;

    public Loops(DominatorTree dominators) {
        if (dominators.isPostDominatorTree())
            throw new IllegalArgumentException("loops need the dominator tree, not the post-dominator tree");
        this.dominators = dominators;
        cfg = dominators.cfg();
        int n = cfg.size();
        innermost = new int[n];
        Arrays.fill(innermost, -1);
        List<Loop> found = new ArrayList<>();
        int[] stack = new int[Math.max(1, cfg.pred.length + n)];
        int[] latchBuf = new int[n];

        // a dominator comes before the blocks it dominates in reverse postorder: walk it backwards for inner first
        for (int i = cfg.rpo.length - 1; i >= 0; i--) {
            int h = cfg.rpo[i];
            int latchCount = 0;
            for (int e = cfg.predStart[h]; e < cfg.predStart[h + 1]; e++) {
                int p = cfg.pred[e];
                if (cfg.isReachable(p) && dominators.dominates(h, p)) latchBuf[latchCount++] = p;
            }
            if (latchCount == 0) continue;
            Loop loop = new Loop(this, found.size(), h);
            loop.latches = Arrays.copyOf(latchBuf, latchCount);
            found.add(loop);
            innermost[h] = loop.id;
            int top = 0;
            for (int k = 0; k < latchCount; k++) stack[top++] = loop.latches[k];
            while (top > 0) {
                int b = stack[--top];
                int pushFrom;
                if (innermost[b] < 0) {
                    innermost[b] = loop.id;
                    pushFrom = b;
                } else {
                    Loop sub = found.get(innermost[b]);
                    while (sub.parent != null) sub = sub.parent;
                    if (sub == loop) continue;
                    sub.parent = loop;
                    pushFrom = sub.header;
                }
                for (int e = cfg.predStart[pushFrom]; e < cfg.predStart[pushFrom + 1]; e++) {
                    int p = cfg.pred[e];
                    if (!cfg.isReachable(p)) continue;
                    if (top == stack.length) stack = Arrays.copyOf(stack, stack.length * 2);
                    stack[top++] = p;
                }
            }
        }
        loops = found.toArray(new Loop[0]);

        // members: every block belongs to its innermost loop and all loops around it
        int[] count = new int[loops.length];
        for (int b = 0; b < n; b++) for (Loop l = loopAtIndex(innermost[b]); l != null; l = l.parent) count[l.id]++;
        for (Loop l : loops) l.blocks = new int[count[l.id]];
        Arrays.fill(count, 0);
        for (int b = 0; b < n; b++) for (Loop l = loopAtIndex(innermost[b]); l != null; l = l.parent) l.blocks[count[l.id]++] = b;

        // outer before inner: loops were found inner first
        List<Loop> outerFirst = new ArrayList<>(loops.length);
        for (int i = loops.length - 1; i >= 0; i--) {
            Loop l = loops[i];
            l.depth = l.parent == null ? 1 : l.parent.depth + 1;
            if (l.parent != null) l.parent.children.add(l);
            outerFirst.add(l);
        }
        for (Loop l : loops) l.children.sort((a, b) -> Integer.compare(a.header, b.header));
        ordered = Collections.unmodifiableList(outerFirst);

        cycleOf = new int[n];
        Arrays.fill(cycleOf, -1);
        cycles = findIrreducibleCycles();
    }

    private Loop loopAtIndex(int id) { return id < 0 ? null : loops[id]; }

    /** Only when a retreating edge is not a back edge does the graph have an irreducible cycle; then SCCs find it. */
    private List<IrreducibleCycle> findIrreducibleCycles() {
        int n = cfg.size();
        boolean irreducible = false;
        for (int e = 0; e < cfg.edgeCount() && !irreducible; e++) {
            int u = cfg.edgeSource[e], v = cfg.succ[e];
            if (cfg.isRetreating(u, v) && !dominators.dominates(v, u)) irreducible = true;
        }
        if (!irreducible) return List.of();

        DefaultDirectedGraph<Integer, DefaultEdge> forwardOnly = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (int b = 0; b < n; b++) if (cfg.isReachable(b)) forwardOnly.addVertex(b);
        for (int e = 0; e < cfg.edgeCount(); e++) {
            int u = cfg.edgeSource[e], v = cfg.succ[e];
            if (cfg.isReachable(u) && !dominators.dominates(v, u)) forwardOnly.addEdge(u, v);
        }
        List<IrreducibleCycle> out = new ArrayList<>();
        List<int[]> sccs = new ArrayList<>();
        for (Set<Integer> scc : new KosarajuStrongConnectivityInspector<>(forwardOnly).stronglyConnectedSets()) {
            if (scc.size() < 2) continue;
            int[] members = new int[scc.size()];
            int k = 0;
            for (int b : scc) members[k++] = b;
            Arrays.sort(members);
            sccs.add(members);
        }
        sccs.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] members : sccs) {
            for (int b : members) cycleOf[b] = out.size();
            int[] entries = new int[members.length];
            int entryCount = 0;
            for (int b : members) {
                boolean entered = b == 0;
                for (int e = cfg.predStart[b]; e < cfg.predStart[b + 1] && !entered; e++) {
                    int p = cfg.pred[e];
                    if (cfg.isReachable(p) && cycleOf[p] != out.size()) entered = true;
                }
                if (entered) entries[entryCount++] = b;
            }
            out.add(new IrreducibleCycle(toBlocks(cfg, Arrays.copyOf(entries, entryCount)), toBlocks(cfg, members)));
        }
        return Collections.unmodifiableList(out);
    }

    public Cfg cfg() { return cfg; }

    /** All natural loops, an outer loop before the loops inside it. */
    public List<Loop> loops() { return ordered; }

    /** The loops inside no other loop. */
    public List<Loop> topLevelLoops() {
        List<Loop> out = new ArrayList<>();
        for (Loop l : ordered) if (l.parent == null) out.add(l);
        return out;
    }

    /** The innermost natural loop containing b, or null. */
    public Loop loopOf(BasicBlock b) { return loopAtIndex(innermost[cfg.indexOrThrow(b)]); }
    public Loop loopOf(int b) { return loopAtIndex(innermost[b]); }

    /** How many natural loops contain b. */
    public int loopDepth(BasicBlock b) {
        Loop l = loopOf(b);
        return l == null ? 0 : l.depth;
    }

    /** Whether b lies on a cycle: in a natural loop or an irreducible cycle. */
    public boolean isInLoop(BasicBlock b) { return isInLoop(cfg.indexOrThrow(b)); }
    public boolean isInLoop(int b) { return innermost[b] >= 0 || cycleOf[b] >= 0; }

    /** The edges that leave the loop: from a block inside to a block outside, in block and successor order. */
    public List<Cfg.Edge> exits(Loop loop) {
        List<Cfg.Edge> out = new ArrayList<>();
        for (int b : loop.blocks) {
            for (int e = cfg.succStart[b]; e < cfg.succStart[b + 1]; e++) if (!loop.contains(cfg.succ[e])) out.add(cfg.edge(e));
        }
        return out;
    }

    public boolean isReducible() { return cycles.isEmpty(); }
    /** The irreducible cycles, in order of their first block. */
    public List<IrreducibleCycle> irreducibleCycles() { return cycles; }

    /** The irreducible cycle containing b, or null. */
    public IrreducibleCycle irreducibleCycleOf(BasicBlock b) {
        int c = cycleOf[cfg.indexOrThrow(b)];
        return c < 0 ? null : cycles.get(c);
    }

    private static List<BasicBlock> toBlocks(Cfg cfg, int[] indices) {
        List<BasicBlock> out = new ArrayList<>(indices.length);
        for (int b : indices) out.add(cfg.blocks[b]);
        return Collections.unmodifiableList(out);
    }
}
