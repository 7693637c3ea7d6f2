package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.GuardedByMarkedRead;
import dev.lkmmhazard.analysis.SharedMemory;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.SourceLocations;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.Addresses;
import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.DefUse;
import dev.lkmmhazard.analysis.DominatorTree;
import dev.lkmmhazard.analysis.Loops;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.ir.Argument;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code load-speculated}: a plain load of shared memory now runs on paths where the source did not read it. See
 * {@code docs/checks/load-speculated.md}.
 *
 * <p>Two shapes clang 19 leaves when it speculates a plain load:
 * <ul>
 *   <li><b>select</b>: SimplifyCFG turned {@code if (c) r = x;} into an unconditional load feeding one arm of a
 *       {@code select} on c. The load's value is used only as arms of selects, never both arms of one, never as a
 *       condition. One finding per select.</li>
 *   <li><b>loop</b>: LICM (or loop peeling) moved the load out of a loop that may run zero times: the load sits
 *       outside the loop, its value is used only inside loops that do not contain it, and a path from the load
 *       reaches a return without using it.</li>
 * </ul>
 * With debug info the structure alone is not enough, since source that reads a value early and uses it late has the
 * same structure: the load must also show that it moved. Hoisting drops the load's location (LICM,
 * SpeculativelyExecuteBB) or gives it the branch's, which the select keeps (FoldTwoEntryPHINode). The load's scope
 * says nothing here: clang scopes an {@code if}'s condition in the same lexical block as its arms, so a condition load
 * and a hoisted arm load look alike. Without debug info the structure is all there is, and the finding says so.
 *
 * <p>A load moved above a test of a marked read (the flag-then-data pattern) is a warning; above any other test
 * (a plain value, a call's result, a loop counter) a note. Not reported: marked loads; locals; constants; the kernel's
 * racy-by-design {@code .data.once} flags; memory the function accesses (by the same address) on every path through the
 * load anyway, before or after it.
 */
public final class LoadSpeculated implements Check {
    @Override public Rule rule() { return Rules.LOAD_SPECULATED; }

    @Override public void check(FunctionContext fn, Findings out) {
        boolean debug = fn.function().subprogram() != null;
        MarkedAccesses marked = null;
        Walk walk = null;
        // select-shaped loads are reported once per select: an if whose arm read several objects is one finding
        List<Instruction> selects = new ArrayList<>();
        List<List<Instruction>> selectLoads = new ArrayList<>();
        for (BasicBlock b : fn.function().blocks()) {
            for (Instruction load : b.instructions()) {
                if (!SharedMemory.isPlainLoad(load)) continue;
                Value root = SharedMemory.root(load.operand(0));
                if (!SharedMemory.isShared(root) || SharedMemory.isOnceFlag(root)) continue;
                if (marked == null) {
                    marked = fn.marked();
                    walk = new Walk(fn.defUse());
                }
                if (marked.isMarked(load)) continue;
                Instruction select = walk.onlySelectArms(load);
                if (select != null) {
                    if (!selectSpeculated(fn, load, select, debug)) continue;
                    int at = selects.indexOf(select);
                    if (at < 0) {
                        selects.add(select);
                        selectLoads.add(new ArrayList<>(2));
                        at = selects.size() - 1;
                    }
                    selectLoads.get(at).add(load);
                } else {
                    judgeHoisted(out, fn, load, root, debug, walk);
                }
            }
        }
        for (int k = 0; k < selects.size(); k++) reportSelect(out, fn, selects.get(k), selectLoads.get(k), debug);
    }

    /** A load that feeds only arms of this select, and (with debug info) shows that it moved. */
    private static boolean selectSpeculated(FunctionContext fn, Instruction load, Instruction select, boolean debug) {
        DILocation loc = load.debugLoc();
        boolean lost = loc == null || loc.line() == 0;
        boolean moved = lost || sameLine(loc, select.debugLoc());
        if (debug && !moved) return false;
        return !accessedOnEveryPath(fn, load);
    }

    private void reportSelect(Findings out, FunctionContext fn, Instruction select, List<Instruction> loads, boolean debug) {
        StringBuilder objects = new StringBuilder();
        for (int k = 0; k < loads.size(); k++) {
            if (k > 0) objects.append(k == loads.size() - 1 ? " and " : ", ");
            objects.append(what(SharedMemory.root(loads.get(k).operand(0))));
        }
        Instruction cond = select.operand(0) instanceof Instruction c ? c : null;
        // a test of an acquire load that still comes first: the acquire orders the loads, wherever they moved
        if (cond != null && GuardedByMarkedRead.afterAcquire(fn, cond, loads.get(0))) return;
        FindingBuilder f = report(out, fn, loads.get(0), "plain load" + (loads.size() > 1 ? "s" : "") + " of " + objects
                + " now run" + (loads.size() > 1 ? "" : "s") + " unconditionally: the value is only used as one arm of a"
                + " select, so the if that guarded the read in the source became a select and the load was hoisted above it");
        f.beginning(null, Dependency.Type.CTRL).note(select, "the select that replaced the if");
        if (cond != null) f.context(cond, "the condition that guarded the load in the source");
        for (int k = 1; k < loads.size(); k++) f.context(loads.get(k), "also hoisted");
        List<Instruction> ev = new ArrayList<>(loads);
        if (cond != null) ev.add(cond);
        ev.add(select);
        f.evidence(ev);
        if (cond == null || !GuardedByMarkedRead.test(fn, cond)) f.severity(Severity.NOTE);
        if (!debug) f.weak("no debug info: a load that feeds only one arm of a select is also what source that reads the"
                + " value before an if looks like");
        f.report();
    }

    private void judgeHoisted(Findings out, FunctionContext fn, Instruction load, Value root, boolean debug, Walk walk) {
        DILocation loc = load.debugLoc();
        boolean lost = loc == null || loc.line() == 0;
        if (debug && !lost) return; // LICM drops the location of what it hoists; a located load is where the source put it
        Walk.Partial p = walk.partiallyDead(fn, load);
        if (p == null || p.useInForeignLoop == null) return;
        if (accessedOnEveryPath(fn, load)) return;
        Instruction inLoop = p.useInForeignLoop;
        Loops.Loop loop = fn.loops().loopOf(inLoop.parent());
        Instruction guard = loop == null ? null : loopGuard(fn, loop);
        if (guard != null && GuardedByMarkedRead.afterAcquire(fn, guard.operand(0), load)) return;
        FindingBuilder f = report(out, fn, load, "plain load of " + what(root) + " was hoisted out of a loop that may run"
                + " zero times: it now runs on paths where the loop, and the load in it, did not run");
        f.beginning(null, Dependency.Type.CTRL).note(inLoop, "its value is used in the loop here");
        if (loop != null && loop.header().terminator() != null) f.context(loop.header().terminator(), "the loop");
        if (p.pathWithoutUse != null && p.pathWithoutUse.terminator() != null)
            f.context(p.pathWithoutUse.terminator(), "a path that returns without using the loaded value");
        f.evidence(List.of(load, inLoop));
        if (guard == null || !GuardedByMarkedRead.test(fn, guard.operand(0))) f.severity(Severity.NOTE);
        if (!debug) f.weak("no debug info: a load outside a loop whose value only the loop uses may also have been read"
                + " there in the source");
        f.report();
    }

    /** A conditional branch outside the loop that decides whether the loop is entered, or null. */
    private static Instruction loopGuard(FunctionContext fn, Loops.Loop loop) {
        Cfg cfg = fn.cfg();
        dev.lkmmhazard.analysis.ControlDependence cd = fn.controlDependence();
        int h = loop.headerIndex();
        for (int k = 0, n = cd.controllingEdgeCount(h); k < n; k++) {
            int src = cfg.edgeSource(cd.controllingEdge(h, k));
            if (loop.contains(src)) continue;
            Instruction t = cfg.block(src).terminator();
            if (t != null && (t.opcode() == Opcode.BR || t.opcode() == Opcode.SWITCH) && t.operandCount() > 0) return t;
        }
        return null;
    }

    private static String what(Value root) {
        if (root instanceof Argument a) return "memory through argument " + a.reference();
        return root.reference();
    }

    private static boolean sameLine(DILocation a, DILocation b) {
        return a != null && b != null && a.line() == b.line() && a.line() != 0
                && SourceLocations.fileName(a).equals(SourceLocations.fileName(b));
    }

    /**
     * Whether another access of the same address (load, store or atomic, marked or not) runs on every path through
     * the load: in a block that dominates it (or earlier in its block), or one that post-dominates it (or later).
     */
    static boolean accessedOnEveryPath(FunctionContext fn, Instruction load) {
        Value addr = load.pointerOperand();
        Cfg cfg = fn.cfg();
        int lb = cfg.index(load.parent());
        DominatorTree dom = null, post = null;
        for (BasicBlock b : fn.function().blocks()) {
            boolean sameBlock = b == load.parent();
            for (Instruction i : b.instructions()) {
                if (i == load) continue;
                Value a = i.pointerOperand();
                if (a == null || !Addresses.computedTheSame(a, addr)) continue;
                if (sameBlock) return true; // before it, or after it with nothing but the block between
                if (dom == null) {
                    dom = fn.dominators();
                    post = fn.postDominators();
                }
                int ib = cfg.index(b);
                if (ib < 0) continue;
                if (dom.dominates(ib, lb) || post.dominates(ib, lb)) return true;
            }
        }
        return false;
    }

    /** Forward walks over the def-use chains of one function, with visited stamps reused from load to load. */
    static final class Walk {
        private final DefUse du;
        private final int[] stamp;
        private final int[] stack;
        private int generation;
        /** per block, stamped with the walk's generation: holds a use; reached without a use */
        private int[] useMark, seenMark, queue;

        Walk(DefUse du) {
            this.du = du;
            this.stamp = new int[du.valueCount()];
            this.stack = new int[du.valueCount() + 1];
        }

        /**
         * The select whose arm the load's value ends in, when every non-debug use of the value (through pure
         * computation) is an arm of a select, none is a condition and no select gets the value in both arms; else null.
         */
        Instruction onlySelectArms(Instruction load) {
            int start = du.index(load);
            if (start < 0) return null;
            int gen = ++generation;
            int top = 0;
            stack[top++] = start;
            stamp[start] = gen;
            Instruction first = null;
            List<Instruction> selects = null;
            List<Integer> arms = null;
            while (top > 0) {
                int v = stack[--top];
                for (int k = 0, n = du.useCount(v); k < n; k++) {
                    if (du.useKind(v, k).isDebug()) continue;
                    if (du.useKind(v, k) != DefUse.UseKind.OPERAND) return null;
                    int u = du.useUser(v, k);
                    Instruction ui = (Instruction) du.value(u);
                    if (ui.opcode() == Opcode.SELECT) {
                        int slot = du.useSlot(v, k);
                        if (slot == 0) return null;
                        if (selects == null) {
                            selects = new ArrayList<>(2);
                            arms = new ArrayList<>(2);
                        }
                        int at = selects.indexOf(ui);
                        if (at < 0) {
                            selects.add(ui);
                            arms.add(slot);
                        } else if (arms.get(at) != slot) {
                            return null; // both arms: the value is needed whichever way the test goes
                        }
                        if (first == null) first = ui;
                        continue;
                    }
                    if (!SharedMemory.isPureComputation(ui)) return null;
                    if (stamp[u] != gen) {
                        stamp[u] = gen;
                        stack[top++] = u;
                    }
                }
            }
            return first;
        }

        /** A load whose value some path to a return never uses. */
        record Partial(Instruction useInForeignLoop, BasicBlock pathWithoutUse) {}

        /**
         * Null when every path from the load to a return uses its value (or the value has no use). Else: the first
         * use that lies in a loop not containing the load (null if none), and a returning block reached without a use.
         * Uses are followed through pure computation and selects; a phi counts as a use at the end of the incoming
         * block the value comes from.
         */
        Partial partiallyDead(FunctionContext fn, Instruction load) {
            int start = du.index(load);
            if (start < 0) return null;
            Cfg cfg = fn.cfg();
            int gen = ++generation;
            int top = 0;
            stack[top++] = start;
            stamp[start] = gen;
            if (useMark == null) {
                useMark = new int[cfg.size()];
                seenMark = new int[cfg.size()];
                queue = new int[cfg.size()];
            }
            boolean anyUse = false;
            Instruction firstUse = null;
            BasicBlock home = load.parent();
            while (top > 0) {
                int v = stack[--top];
                for (int k = 0, n = du.useCount(v); k < n; k++) {
                    if (du.useKind(v, k).isDebug()) continue;
                    int u = du.useUser(v, k);
                    Instruction ui = (Instruction) du.value(u);
                    BasicBlock where;
                    if (ui.opcode() == Opcode.PHI) {
                        int slot = du.useSlot(v, k);
                        where = slot < ui.blocks().length ? ui.blocks()[slot] : ui.parent();
                    } else if (SharedMemory.isPureComputation(ui) || ui.opcode() == Opcode.SELECT) {
                        if (stamp[u] != gen) {
                            stamp[u] = gen;
                            stack[top++] = u;
                        }
                        continue;
                    } else {
                        where = ui.parent();
                    }
                    if (where == home) return null; // used in its own block (a phi edge from it, or after it)
                    int wb = cfg.index(where);
                    if (wb < 0) continue;
                    useMark[wb] = gen;
                    anyUse = true;
                    if (firstUse == null) firstUse = ui;
                }
            }
            if (!anyUse) return null; // unused: another check's business (nothing was speculated for a use)

            // a path from the load to a return that passes no use
            int hb = cfg.index(home);
            int qh = 0, qt = 0;
            BasicBlock returning = null;
            for (int k = 0; k < cfg.successorCount(hb); k++) {
                int s = cfg.successor(hb, k);
                if (seenMark[s] != gen && useMark[s] != gen) {
                    seenMark[s] = gen;
                    queue[qt++] = s;
                }
            }
            while (qh < qt && returning == null) {
                int b = queue[qh++];
                Instruction t = cfg.block(b).terminator();
                if (t != null && t.opcode() == Opcode.RET) {
                    returning = cfg.block(b);
                    break;
                }
                for (int k = 0; k < cfg.successorCount(b); k++) {
                    int s = cfg.successor(b, k);
                    if (seenMark[s] != gen && useMark[s] != gen && s != hb) {
                        seenMark[s] = gen;
                        queue[qt++] = s;
                    }
                }
            }
            if (returning == null) return null;

            // the use that shows a loop left behind: in a loop that does not contain the load
            Loops loops = fn.loops();
            Instruction foreign = null;
            for (int b = 0; b < cfg.size() && foreign == null; b++) {
                if (useMark[b] != gen) continue;
                Loops.Loop l = loops.loopOf(b);
                if (l == null || l.contains(hb)) continue;
                // the first use in that block, for the note
                for (Instruction i : cfg.block(b).instructions())
                    if (uses(i, load, gen)) {
                        foreign = i;
                        break;
                    }
                if (foreign == null) foreign = cfg.block(b).terminator();
            }
            return new Partial(foreign, returning);
        }

        /** Whether i takes the load's value (or a value computed from it in the walk with this stamp). */
        private boolean uses(Instruction i, Instruction load, int gen) {
            for (int k = 0; k < i.operandCount(); k++) {
                Value o = i.operand(k);
                if (o == load) return true;
                if (o instanceof Instruction oi) {
                    int x = du.index(oi);
                    if (x >= 0 && stamp[x] == gen) return true;
                }
            }
            return false;
        }
    }
}
