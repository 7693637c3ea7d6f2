package dev.lkmmhazard.findings;

import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.report.CfgExcerpt;
import dev.lkmmhazard.report.Excerpt;
import dev.lkmmhazard.report.IrExcerpt;
import dev.lkmmhazard.report.IrLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the IR a finding is about out of its function for the reports that show it: the lines around its ends and the
 * few blocks of the control-flow graph between them. Bounded (blocks, lines, characters) so that a JSON report with
 * excerpts stays small whatever the function's size.
 */
public final class Excerpts {
    /** At most this many blocks in a picture: more does not read as a picture. */
    public static final int MAX_BLOCKS = 12;
    /** Instructions shown in one block of a picture. */
    public static final int MAX_BLOCK_LINES = 8;
    /** Instructions on either side of an end in an IR excerpt (with block labels, at most about 20 lines). */
    public static final int CONTEXT = 7;
    /** A longer line (a call with many arguments) is cut here. */
    public static final int MAX_TEXT = 160;

    private Excerpts() {}

    /**
     * The excerpt of a finding.
     *
     * @param fn          the finding's function (after optimization in {@code diff})
     * @param at          the instruction the finding is about
     * @param evidence    its evidence chain; its first instruction is taken for the beginning of the dependency
     * @param notes       the instructions its notes point to
     * @param beforeFile  {@code diff}: the file before optimization, else null
     * @param beforeChain {@code diff}: the dependency's chain there, else empty
     */
    public static Excerpt of(FunctionContext fn, Instruction at, List<Instruction> evidence, List<Instruction> notes,
                      String beforeFile, List<Instruction> beforeChain) {
        Function f = fn.function();
        String file = fn.module().file();
        Set<Instruction> chain = identitySet(evidence);
        chain.add(at);
        // the beginning: the first note's access (checks note the marked load first), else the evidence's first step
        Instruction source = null;
        for (Instruction i : notes) if (inFunction(i, f) && i != at && isAccess(i)) { source = i; break; }
        if (source == null) for (Instruction i : evidence) if (inFunction(i, f)) { source = i; break; }
        if (source == null) for (Instruction i : notes) if (inFunction(i, f)) { source = i; break; }
        List<Instruction> keys = new ArrayList<>(evidence);
        keys.addAll(notes);
        keys.add(at);

        List<IrExcerpt> ir = new ArrayList<>(ends(file, f, source, at, chain));
        CfgExcerpt cfg = cfg(file, fn.name(), fn.cfg(), keys, source, at, chain);
        CfgExcerpt beforeCfg = null;
        if (beforeFile != null && !beforeChain.isEmpty()) {
            Function bf = mainFunction(beforeChain);
            Instruction bEnd = null, bSource = null;
            for (Instruction i : beforeChain) if (inFunction(i, bf)) { if (bSource == null) bSource = i; bEnd = i; }
            Set<Instruction> bChain = identitySet(beforeChain);
            ir.add(window("before optimization: the ending", beforeFile, bf, index(bf, bEnd), index(bf, bEnd), bChain));
            beforeCfg = cfg(beforeFile, SourceLocations.text(dev.lkmmhazard.analysis.RustSymbols.displayName(bf.name())),
                    new Cfg(bf), beforeChain, bSource, bEnd, bChain);
        }
        return new Excerpt(ir, cfg, beforeCfg);
    }

    /** The lines around both ends: one excerpt when their windows meet, else one each. */
    private static List<IrExcerpt> ends(String file, Function f, Instruction source, Instruction at, Set<Instruction> chain) {
        int e = index(f, at);
        if (e < 0) return List.of();
        int s = source == null || source == at ? -1 : index(f, source);
        if (s < 0) return List.of(window("the instruction reported", file, f, e, e, chain));
        if (Math.abs(s - e) <= 2 * CONTEXT + 1)
            return List.of(window("the beginning and the instruction reported", file, f, Math.min(s, e), Math.max(s, e), chain));
        return List.of(window("the beginning of the dependency", file, f, s, s, chain),
                window("the instruction reported", file, f, e, e, chain));
    }

    /** Instructions {@code from - CONTEXT .. to + CONTEXT} of the function, in order, with the labels of blocks they start. */
    private static IrExcerpt window(String title, String file, Function f, int from, int to, Set<Instruction> chain) {
        List<IrLine> lines = new ArrayList<>();
        int k = 0, lo = from - CONTEXT, hi = to + CONTEXT;
        for (BasicBlock b : f.blocks()) {
            List<Instruction> is = b.instructions();
            if (k + is.size() <= lo) { k += is.size(); continue; }
            if (k > hi) break;
            // the entry block's label is usually implicit: the model then gives it its first instruction's line
            boolean labelLine = b.line() > 0 && (is.isEmpty() || is.get(0).line() != b.line());
            if (k >= lo && labelLine) lines.add(new IrLine(b.line(), label(b) + ":", false));
            for (Instruction i : is) {
                if (k >= lo && k <= hi) lines.add(new IrLine(i.line(), cut(SourceLocations.irText(i)), chain.contains(i)));
                k++;
            }
        }
        return new IrExcerpt(title, file, lines);
    }

    /**
     * The blocks of the key instructions, the blocks on paths between them, then the arms of their branches
     * and their successors, in that order of preference up to {@link #MAX_BLOCKS}.
     */
    public static CfgExcerpt cfg(String file, String function, Cfg cfg, List<Instruction> keys, Instruction source,
                          Instruction ending, Set<Instruction> chain) {
        Function f = cfg.function();
        int n = cfg.size();
        boolean[] key = new boolean[n], branch = new boolean[n];
        List<Integer> keyBlocks = new ArrayList<>();
        for (Instruction i : keys) {
            if (!inFunction(i, f)) continue;
            int b = cfg.index(i.parent());
            if (b < 0) continue;
            if (!key[b]) keyBlocks.add(b);
            key[b] = true;
            if (i.opcode().isTerminator() && cfg.successorCount(b) > 1 && chain.contains(i)) branch[b] = true;
        }
        if (keyBlocks.isEmpty()) return null;
        boolean[] from = reach(cfg, keyBlocks, true), to = reach(cfg, keyBlocks, false);
        List<Integer> order = new ArrayList<>();
        boolean[] taken = new boolean[n];
        for (int b = 0; b < n; b++) if (key[b]) take(order, taken, b);
        for (int b = 0; b < n; b++) if (from[b] && to[b]) take(order, taken, b);
        // The arms of every branch in a key block, not only of the evidence's: after optimization the store that left
        // the arms stands above a branch that diff's evidence does not name.
        List<Integer> arms = new ArrayList<>();
        for (int b = 0; b < n; b++)
            if (key[b] && cfg.successorCount(b) > 1) for (int k = 0; k < cfg.successorCount(b); k++) arms.add(cfg.successor(b, k));
        for (int a : arms) take(order, taken, a);
        for (int a : arms) for (int k = 0; k < cfg.successorCount(a); k++) take(order, taken, cfg.successor(a, k));
        int omitted = Math.max(0, order.size() - MAX_BLOCKS);
        List<Integer> shown = new ArrayList<>(order.subList(0, Math.min(order.size(), MAX_BLOCKS)));
        Collections.sort(shown);
        int[] pos = new int[n];
        java.util.Arrays.fill(pos, -1);
        for (int k = 0; k < shown.size(); k++) pos[shown.get(k)] = k;

        int sourceBlock = source != null && inFunction(source, f) ? cfg.index(source.parent()) : -1;
        int endBlock = ending != null && inFunction(ending, f) ? cfg.index(ending.parent()) : -1;
        List<CfgExcerpt.Block> blocks = new ArrayList<>();
        List<CfgExcerpt.Edge> edges = new ArrayList<>();
        for (int b : shown) {
            List<CfgExcerpt.Role> roles = new ArrayList<>();
            if (b == sourceBlock) roles.add(CfgExcerpt.Role.SOURCE);
            if (branch[b]) roles.add(CfgExcerpt.Role.BRANCH);
            if (b == endBlock) roles.add(CfgExcerpt.Role.ENDING);
            int hidden = 0;
            for (int e = cfg.firstEdge(b); e < cfg.firstEdge(b + 1); e++) {
                int t = cfg.edgeTarget(e);
                if (pos[t] < 0) hidden++;
                else edges.add(new CfgExcerpt.Edge(pos[b], pos[t], kind(cfg.edgeKinds(e)), cfg.isRetreating(b, t)));
            }
            BasicBlock block = cfg.block(b);
            int line = block.line() > 0 || block.instructions().isEmpty() ? block.line() : block.instructions().get(0).line();
            blocks.add(new CfgExcerpt.Block(label(block), line, roles, blockLines(block, keys, chain), hidden));
        }
        return new CfgExcerpt(file, function, blocks, edges, omitted);
    }

    /** The key and chain instructions of a block and its terminator; what lies between becomes one elision line. */
    private static List<IrLine> blockLines(BasicBlock b, List<Instruction> keys, Set<Instruction> chain) {
        Set<Instruction> keySet = identitySet(keys);
        List<IrLine> out = new ArrayList<>();
        List<Instruction> is = b.instructions();
        int skipped = 0, shown = 0;
        for (int k = 0; k < is.size(); k++) {
            Instruction i = is.get(k);
            boolean term = k == is.size() - 1;
            boolean wanted = keySet.contains(i) || chain.contains(i);
            if (!wanted && !term || !term && shown >= MAX_BLOCK_LINES - 1) {
                skipped++;
                continue;
            }
            if (skipped > 0) out.add(elision(skipped));
            skipped = 0;
            out.add(new IrLine(i.line(), cut(SourceLocations.irText(i)), wanted));
            shown++;
        }
        if (skipped > 0) out.add(elision(skipped));
        return out;
    }

    private static IrLine elision(int n) {
        return new IrLine(0, "... " + n + (n == 1 ? " instruction" : " instructions"), false);
    }

    /** Blocks reachable from (forward) or reaching (backward) any of the starts, the starts included. */
    private static boolean[] reach(Cfg cfg, List<Integer> starts, boolean forward) {
        boolean[] seen = new boolean[cfg.size()];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int s : starts) if (!seen[s]) { seen[s] = true; work.add(s); }
        while (!work.isEmpty()) {
            int b = work.poll();
            int count = forward ? cfg.successorCount(b) : cfg.predecessorCount(b);
            for (int k = 0; k < count; k++) {
                int x = forward ? cfg.successor(b, k) : cfg.predecessor(b, k);
                if (!seen[x]) { seen[x] = true; work.add(x); }
            }
        }
        return seen;
    }

    private static void take(List<Integer> order, boolean[] taken, int b) {
        if (!taken[b]) { taken[b] = true; order.add(b); }
    }

    public static String kind(int bits) {
        StringBuilder sb = new StringBuilder();
        for (Cfg.EdgeKind k : Cfg.EdgeKind.values()) {
            if ((bits & k.bit()) == 0) continue;
            String word = switch (k) {
                case JUMP -> "jump";
                case TRUE -> "true";
                case FALSE -> "false";
                case SWITCH_DEFAULT -> "default";
                case SWITCH_CASE -> "case";
                case INDIRECT, CALLBR_INDIRECT -> "indirect";
                case NORMAL -> "normal";
                case UNWIND -> "unwind";
                case CALLBR_FALLTHROUGH -> "fallthrough";
                case HANDLER -> "handler";
                case CATCHRET -> "catchret";
            };
            if (sb.indexOf(word) < 0) sb.append(sb.length() == 0 ? "" : "/").append(word);
        }
        return sb.toString();
    }

    /**
     * The function most of the chain is in (a chain before inlining may pass through a helper); the ending's on a tie,
     * else the first in the chain. Counted in a LinkedHashMap, in chain order: an IdentityHashMap's order follows
     * identity hash codes, which differ from run to run, so a tie of two helpers made the excerpt differ too.
     */
    public static Function mainFunction(List<Instruction> chain) {
        Map<Function, Integer> count = new LinkedHashMap<>();
        Function best = chain.get(chain.size() - 1).parent().parent();
        for (Instruction i : chain) count.merge(i.parent().parent(), 1, Integer::sum);
        for (Map.Entry<Function, Integer> e : count.entrySet()) if (e.getValue() > count.get(best)) best = e.getKey();
        return best;
    }

    private static int index(Function f, Instruction x) {
        if (x == null || !inFunction(x, f)) return -1;
        int k = 0;
        for (BasicBlock b : f.blocks())
            for (Instruction i : b.instructions()) {
                if (i == x) return k;
                k++;
            }
        return -1;
    }

    private static boolean isAccess(Instruction i) {
        return switch (i.opcode()) {
            case LOAD, STORE, ATOMICRMW, CMPXCHG, CALL, CALLBR, INVOKE -> true;
            default -> false;
        };
    }

    private static boolean inFunction(Instruction i, Function f) {
        return i != null && i.parent() != null && i.parent().parent() == f;
    }

    private static String label(BasicBlock b) { return SourceLocations.text(b.reference().substring(1)); }

    private static String cut(String s) { return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "..."; }

    private static Set<Instruction> identitySet(List<Instruction> xs) {
        Set<Instruction> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(xs);
        return s;
    }
}
