package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MetadataValue;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the five analyses over every defined function of .ll files and checks what must hold whatever the function:
 * the tree shapes, and, for functions small enough, dominance, post-dominance and control dependence recomputed from
 * their definitions by brute force. Collects the violations rather than stopping at the first.
 */
final class GraphInvariants {
    /** Functions up to this many blocks are also checked against the brute-force definitions. */
    static final int BRUTE_FORCE_LIMIT = 120;
    private static final int MAX_REPORTED = 30;

    int files, skippedFiles, functions, blocks, bruteForced, irreducible, endlessRegions;
    final List<String> violations = new ArrayList<>();
    private String where;

    /** The .ll files under dir, leaving out hidden directories (build trees keep intermediate copies there). */
    static List<Path> llFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".ll") && Files.isRegularFile(p) && !hidden(dir.relativize(p)))
                    .sorted().toList();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    void checkFile(Path file) throws IOException {
        ParseResult r = IrReader.read(file);
        if (!r.ok() || r.module() == null) {
            skippedFiles++;
            return;
        }
        files++;
        Module m = r.module();
        for (Function f : m.definedFunctions()) {
            where = file.getFileName() + " @" + f.name();
            try {
                check(f);
            } catch (RuntimeException e) {
                fail("threw " + e);
            }
        }
    }

    private void fail(String what) {
        if (violations.size() < MAX_REPORTED) violations.add(where + ": " + what);
    }

    private void expect(boolean ok, String what) {
        if (!ok) fail(what);
    }

    void check(Function f) {
        Cfg cfg = new Cfg(f);
        DominatorTree dom = DominatorTree.dominators(cfg);
        DominatorTree pdom = DominatorTree.postDominators(cfg);
        ControlDependence cd = new ControlDependence(pdom);
        Loops loops = new Loops(dom);
        DefUse du = new DefUse(f);
        functions++;
        int n = cfg.size();
        blocks += n;
        if (!loops.isReducible()) irreducible++;
        if (!pdom.artificialExits().isEmpty()) endlessRegions++;

        checkCfg(cfg);
        checkDominators(cfg, dom);
        checkPostDominators(cfg, pdom);
        checkControlDependence(cfg, pdom, cd);
        checkLoops(cfg, dom, loops);
        checkDefUse(f, du);
        if (n <= BRUTE_FORCE_LIMIT) {
            bruteForced++;
            bruteForceDominance(cfg, dom, false, null);
            bruteForceDominance(cfg, pdom, true, pdom.artificialExits());
            bruteForceControlDependence(cfg, pdom, cd);
        }
    }

    private void checkCfg(Cfg cfg) {
        int preds = 0;
        for (int b = 0; b < cfg.size(); b++) {
            preds += cfg.predecessorCount(b);
            expect(cfg.successorCount(b) > 0 || cfg.isExit(b), "block without successors is not an exit");
            for (int k = 0; k < cfg.successorCount(b); k++) {
                int s = cfg.successor(b, k);
                boolean found = false;
                for (int j = 0; j < cfg.predecessorCount(s); j++) found |= cfg.predecessor(s, j) == b;
                expect(found, "edge " + b + "->" + s + " missing from the predecessors");
                expect(!cfg.isReachable(b) || cfg.isReachable(s), "successor of a reachable block is unreachable");
                for (int j = 0; j < k; j++) expect(cfg.successor(b, j) != s, "parallel edge " + b + "->" + s);
            }
        }
        expect(preds == cfg.edgeCount(), "predecessor count differs from edge count");
        expect(cfg.isReachable(0), "entry unreachable");
    }

    private void checkDominators(Cfg cfg, DominatorTree dom) {
        for (int b = 0; b < cfg.size(); b++) {
            if (!cfg.isReachable(b)) {
                expect(!dom.contains(b) && dom.idom(b) == -1, "unreachable block " + b + " in the dominator tree");
                continue;
            }
            expect(dom.dominates(0, b), "entry does not dominate reachable block " + b);
            if (b == 0) continue;
            int d = dom.idom(b);
            expect(d >= 0 && dom.strictlyDominates(d, b), "idom of " + b + " does not strictly dominate it");
            expect(d >= 0 && dom.depth(b) == dom.depth(d) + 1, "depth of " + b);
        }
    }

    private void checkPostDominators(Cfg cfg, DominatorTree pdom) {
        int exit = pdom.virtualExit();
        expect(exit == cfg.size(), "virtual exit index");
        for (int b = 0; b < cfg.size(); b++) {
            if (pdom.isNeverTaken(b)) {
                expect(!pdom.contains(b), "never-taken block " + b + " is in the post-dominator tree");
                continue;
            }
            expect(pdom.contains(b), "block " + b + " not in the post-dominator tree");
            expect(pdom.dominates(exit, b), "virtual exit does not post-dominate " + b);
            int d = pdom.idom(b);
            expect(d >= 0 && pdom.strictlyDominates(d, b), "ipdom of " + b + " does not strictly post-dominate it");
        }
        for (BasicBlock b : pdom.artificialExits()) expect(!cfg.isExit(b), "artificial exit on a block that already exits");
    }

    private void checkControlDependence(Cfg cfg, DominatorTree pdom, ControlDependence cd) {
        for (int w = 0; w < cfg.size(); w++) {
            if (pdom.isNeverTaken(w)) continue;
            List<BasicBlock> branches = cd.controllingBranches(cfg.block(w));
            // the branches W depends on are W's reverse dominance frontier
            List<BasicBlock> frontier = new ArrayList<>(pdom.dominanceFrontier(cfg.block(w)));
            frontier.sort((x, y) -> Integer.compare(cfg.index(x), cfg.index(y)));
            expect(branches.equals(frontier), "control-dependence branches of " + w + " differ from its reverse dominance frontier");
            for (int k = 0; k < cd.controllingEdgeCount(w); k++) {
                int e = cd.controllingEdge(w, k);
                int a = cfg.edgeSource(e), s = cfg.edgeTarget(e);
                expect(pdom.dominates(w, s) && !pdom.strictlyDominates(w, a), "block " + w + " wrongly depends on " + a + "->" + s);
                expect(cfg.successorCount(a) > 1 || cfg.isExit(a) || pdom.artificialExits().contains(cfg.block(a)),
                        "dependence on " + a + " which has one way to go");
            }
        }
    }

    private void checkLoops(Cfg cfg, DominatorTree dom, Loops loops) {
        for (Loops.Loop l : loops.loops()) {
            int h = l.headerIndex();
            expect(loops.loopOf(h) == l, "loopOf(header) is not the loop");
            for (int k = 0; k < l.blockCount(); k++) {
                int b = l.blockIndex(k);
                expect(dom.dominates(h, b), "loop header " + h + " does not dominate member " + b);
                expect(l.contains(b), "loop does not contain its own block " + b);
                expect(l.parent() == null || l.parent().contains(b), "parent loop lacks block " + b);
            }
            for (BasicBlock latch : l.latches()) expect(cfg.edge(latch, l.header()) != null && l.contains(latch), "latch");
            for (Cfg.Edge e : loops.exits(l)) expect(l.contains(e.source()) && !l.contains(e.target()), "exit edge");
        }
        for (int e = 0; e < cfg.edgeCount(); e++) {
            int u = cfg.edgeSource(e), v = cfg.edgeTarget(e);
            if (!cfg.isReachable(u)) continue;
            if (dom.dominates(v, u)) {
                Loops.Loop l = loops.loopOf(v);
                expect(l != null && l.headerIndex() == v && l.contains(u), "back edge " + u + "->" + v + " without its loop");
            } else if (cfg.isRetreating(u, v)) {
                expect(loops.irreducibleCycleOf(cfg.block(u)) != null && loops.irreducibleCycleOf(cfg.block(u)) == loops.irreducibleCycleOf(cfg.block(v)),
                        "retreating edge " + u + "->" + v + " outside an irreducible cycle");
            }
        }
        for (Loops.IrreducibleCycle c : loops.irreducibleCycles()) expect(c.entries().size() >= 2 || c.entries().contains(cfg.entry()),
                "irreducible cycle with one entry");
    }

    private void checkDefUse(Function f, DefUse du) {
        int operands = 0;
        int[] seen = new int[du.valueCount()];
        for (BasicBlock b : f.blocks()) {
            for (Instruction i : b.instructions()) {
                int user = du.index(i);
                for (int k = 0; k < i.operandCount(); k++) {
                    if (i.operand(k) instanceof MetadataValue) continue;
                    int d = du.index(i.operand(k));
                    if (d < 0) continue;
                    operands++;
                    seen[d]++;
                    boolean found = false;
                    for (int u = 0; u < du.useCount(d) && !found; u++)
                        found = du.useUser(d, u) == user && du.useSlot(d, u) == k && du.useKind(d, u) == DefUse.UseKind.OPERAND;
                    expect(found, "operand " + k + " of " + i.reference() + " missing from its definition's uses");
                }
            }
        }
        int recorded = 0;
        for (int v = 0; v < du.valueCount(); v++) {
            for (int u = 0; u < du.useCount(v); u++) {
                if (du.useKind(v, u) != DefUse.UseKind.OPERAND) continue;
                // metadata operands of non-debug calls are OPERAND uses too; count only direct operands
                Instruction user = (Instruction) du.value(du.useUser(v, u));
                if (!(user.operand(du.useSlot(v, u)) instanceof MetadataValue)) recorded++;
            }
        }
        expect(recorded == operands, "def-use holds " + recorded + " operand uses, the function " + operands);
    }

    /**
     * a (post-)dominates b iff a == b or b cannot reach the root without passing a. For post-dominance the root is
     * the virtual exit, reached from exit blocks and from the artificial exits.
     */
    private void bruteForceDominance(Cfg cfg, DominatorTree t, boolean post, List<BasicBlock> artificial) {
        int n = cfg.size();
        boolean[] toExit = new boolean[n];
        if (post) {
            // a never-taken block (only `unreachable`) is no exit: the edge into it is taken to be impossible
            for (int b = 0; b < n; b++) toExit[b] = cfg.isExit(b) && !t.isNeverTaken(b);
            for (BasicBlock b : artificial) toExit[cfg.index(b)] = true;
        }
        for (int a = 0; a < n; a++) {
            // blocks that still reach the root (forward: are reached from the entry) with a removed
            boolean[] reaches = new boolean[n];
            int[] stack = new int[n];
            int top = 0;
            if (post) {
                for (int b = 0; b < n; b++) if (toExit[b] && b != a) { reaches[b] = true; stack[top++] = b; }
            } else if (a != 0) {
                reaches[0] = true;
                stack[top++] = 0;
            }
            while (top > 0) {
                int v = stack[--top];
                int count = post ? cfg.predecessorCount(v) : cfg.successorCount(v);
                for (int k = 0; k < count; k++) {
                    int w = post ? cfg.predecessor(v, k) : cfg.successor(v, k);
                    if (w != a && !reaches[w]) { reaches[w] = true; stack[top++] = w; }
                }
            }
            for (int b = 0; b < n; b++) {
                if (!post && !cfg.isReachable(b)) continue;
                if (post && (t.isNeverTaken(a) || t.isNeverTaken(b))) continue;
                boolean expected = a == b || !reaches[b];
                if (!post && !cfg.isReachable(a)) expected = a == b;
                if (t.dominates(a, b) != expected)
                    fail((post ? "post-" : "") + "dominates(" + a + ", " + b + ") is " + t.dominates(a, b) + ", by definition " + expected);
            }
        }
    }

    /** W depends on edge A→S iff W post-dominates S and does not strictly post-dominate A. */
    private void bruteForceControlDependence(Cfg cfg, DominatorTree pdom, ControlDependence cd) {
        for (int e = 0; e < cfg.edgeCount(); e++) {
            int a = cfg.edgeSource(e), s = cfg.edgeTarget(e);
            List<Integer> expected = new ArrayList<>();
            boolean impossible = pdom.isNeverTaken(a) || pdom.isNeverTaken(s); // nothing depends on a never-taken edge
            for (int w = 0; w < cfg.size() && !impossible; w++)
                if (pdom.dominates(w, s) && !pdom.strictlyDominates(w, a)) expected.add(w);
            int[] actual = new int[cd.dependentBlockCount(e)];
            for (int k = 0; k < actual.length; k++) actual[k] = cd.dependentBlock(e, k);
            Arrays.sort(actual);
            int[] want = expected.stream().mapToInt(Integer::intValue).toArray();
            if (!Arrays.equals(want, actual))
                fail("blocks dependent on edge " + a + "->" + s + " are " + Arrays.toString(actual) + ", by definition " + Arrays.toString(want));
        }
    }

    String summary() {
        return files + " files (" + skippedFiles + " skipped for parse errors), " + functions + " functions, " + blocks
                + " blocks; " + bruteForced + " checked by brute force; " + irreducible + " irreducible; " + endlessRegions
                + " with endless regions";
    }
}
