package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.BlackBox;
import dev.lkmmhazard.analysis.DebugVariables;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.ControlEvidence;
import dev.lkmmhazard.analysis.MergedLocations;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.DefUse;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.DILexicalBlock;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ctrl-hoisted-store}: a marked store that was control dependent on a marked load now stands above the branch
 * or below the join. See {@code docs/checks/ctrl-hoisted-store.md}.
 *
 * <p>The store must carry a merged debug location ({@code line: 0}) that belongs to the {@code if}/{@code switch} of a
 * branch on a marked load R ({@link MergedLocations#belongsTo}); it must run after R and outside the arms of that
 * branch: above it (its block dominates the branch) or in the join (its block post-dominates the branch). When the
 * branch itself is gone (both arms were left identical), R is the marked load that now has no use, that dominates the
 * store, and that the debug info names as a variable of a scope enclosing the merged store's scope. Nothing is
 * reported when R stays ordered before the store anyway ({@link ControlEvidence#orderKept}) or when the branch is an
 * {@code asm goto} ({@code callbr}: stores sunk below it still follow the asm).
 */
public final class CtrlHoistedStore implements Check {
    @Override public Rule rule() { return Rules.CTRL_HOISTED_STORE; }

    @Override public void check(FunctionContext fn, Findings out) {
        if (!fn.module().hasDebugInfo()) return;
        MarkedAccesses marked = fn.marked();
        List<MarkedAccess> all = marked.all();
        List<Instruction> branches = null;
        for (int k = 0, n = all.size(); k < n; k++) {
            MarkedAccess w = all.get(k);
            if (!ControlEvidence.isOrderedWrite(w)) continue;
            DILocation[] merged = MergedLocations.mergedFrames(w.instruction());
            if (merged.length == 0) continue;
            if (branches == null) branches = conditionalBranches(fn);
            if (!reportWithBranch(out, fn, w, merged, branches)) reportWithoutBranch(out, fn, w, merged);
        }
    }

    private static List<Instruction> conditionalBranches(FunctionContext fn) {
        List<Instruction> out = new ArrayList<>();
        for (BasicBlock b : fn.function().blocks()) {
            Instruction t = b.terminator();
            if (ControlEvidence.condition(t) != null && fn.cfg().isReachable(b)) out.add(t);
        }
        return out;
    }

    /** The branch still exists: W stands above it or in its join. */
    private boolean reportWithBranch(Findings out, FunctionContext fn, MarkedAccess w, DILocation[] merged, List<Instruction> branches) {
        Instruction wi = w.instruction();
        BasicBlock wb = wi.parent();
        for (int k = 0, n = branches.size(); k < n; k++) {
            Instruction t = branches.get(k);
            BasicBlock tb = t.parent();
            boolean above = fn.dominators().dominates(wb, tb);
            boolean below = !above && wb != tb && fn.dominators().dominates(tb, wb) && fn.postDominators().dominates(wb, tb);
            if (!above && !below) continue;
            if (fn.controlDependence().isControlDependent(wb, tb)) continue; // still in an arm (a loop's next round)
            if (below && choosesByPhi(fn, w, tb)) continue; // the arms stored different things: ctrl-to-select's case
            List<Instruction> chain = ControlEvidence.chainFromMarkedLoad(fn.marked(), ControlEvidence.condition(t));
            if (chain == null) continue;
            List<Instruction> anchors = new ArrayList<>(chain.size());
            anchors.add(t);
            for (int i = 1; i < chain.size(); i++) anchors.add(chain.get(i)); // R's own scope says nothing of the if
            boolean belongs = false;
            for (DILocation m : merged) belongs |= MergedLocations.belongsToAny(m, anchors);
            if (!belongs) continue;
            Instruction ri = chain.get(0);
            MarkedAccess r = ControlEvidence.markedLoadOf(fn.marked(), ri);
            if (!ControlEvidence.precedes(fn, ri, wi)) continue;
            if (ControlEvidence.orderKept(fn, r, w) != null) return true; // the if is found and nothing is lost
            List<Instruction> evidence = new ArrayList<>(chain);
            evidence.add(t);
            evidence.add(wi);
            String where = above ? "above the branch" : "into the join below the branch";
            report(out, fn, wi, "marked " + w.kind() + " merged from the arms of a branch on a marked load and moved "
                            + where + ": it no longer depends on the load")
                    .beginning(ri, Dependency.Type.CTRL)
                    .note(ri, "the marked load the branch condition is computed from")
                    .note(t, above ? "the branch the store now stands above" : "the branch whose arms the store left")
                    .evidence(evidence)
                    .report();
            return true;
        }
        return false;
    }

    /**
     * The branch is gone: every arm was left with the same stores, so SimplifyCFG removed it, and the load that fed
     * it is now unused. The debug info ties the load to the merged store's scope.
     */
    private void reportWithoutBranch(Findings out, FunctionContext fn, MarkedAccess w, DILocation[] merged) {
        Instruction wi = w.instruction();
        boolean inBlock = false, oneLine = false;
        for (DILocation m : merged) {
            inBlock |= m.scope() instanceof DILexicalBlock;
            oneLine |= m.line() != 0;
        }
        // a merge in a function's outermost scope is no evidence of an if, unless it was merged on the load's line
        if (!inBlock && !oneLine) return;
        DefUse du = fn.defUse();
        MarkedAccesses marked = fn.marked();
        MarkedAccess best = null;
        boolean bestNamed = false;
        for (MarkedAccess r : marked.dependencySources()) {
            Value v = r.loadedValue();
            Instruction ri = r.instruction();
            if (ri.parent().parent() != fn.function() || v != ri) continue;
            // a value only given to core::hint::black_box is unused: the asm hides it, and nothing reads it back
            if ((du.hasUses(v) && !BlackBox.onlyHidden(du, v)) || !ControlEvidence.precedes(fn, ri, wi)) continue;
            boolean named = namedAround(du, v, merged) || namedByPoison(ri, merged);
            if (!named && !onLineOf(ri, merged)) continue;
            // the nearest such load: the one whose value the vanished if tested last
            if (best == null || ControlEvidence.precedes(fn, best.instruction(), ri)) {
                best = r;
                bestNamed = named;
            }
        }
        if (best == null) return;
        if (ControlEvidence.orderKept(fn, best, w) != null) return;
        report(out, fn, wi, "marked " + w.kind() + " merged from the arms of an if whose branch on a marked load is "
                        + "gone: it no longer depends on the load")
                .beginning(best.instruction(), Dependency.Type.CTRL)
                .note(best.instruction(), bestNamed ? "the marked load, now unused, that a variable of the enclosing scope held"
                        : "the marked load, now unused, on the line of the if the store was merged from")
                .evidence(List.of(best.instruction(), wi))
                .report();
    }

    /** Whether W's value or address is (through casts, GEPs, arithmetic) a phi placed after the branch block. */
    private static boolean choosesByPhi(FunctionContext fn, MarkedAccess w, BasicBlock branchBlock) {
        Value[] roots = {w.storedValue(), w.address()};
        for (Value root : roots) {
            Value v = root;
            for (int step = 0; step < 4 && v instanceof Instruction i; step++) {
                if (i.opcode() == Opcode.PHI) {
                    if (i.parent() != branchBlock && fn.dominators().dominates(branchBlock, i.parent())) return true;
                    break;
                }
                if (!(i.opcode().isCast() || i.opcode().isBinary() || i.opcode() == Opcode.GETELEMENTPTR) || i.operandCount() == 0) break;
                v = i.operand(0);
            }
        }
        return false;
    }

    /** Whether the load is on the line a frame was merged on (an if written on one line). */
    private static boolean onLineOf(Instruction ri, DILocation[] merged) {
        for (DILocation m : merged) if (MergedLocations.onLineOf(m, ri)) return true;
        return false;
    }

    /** Whether the variable the load was assigned to, whose value the debug info lost (poison), encloses a merged frame. */
    private static boolean namedByPoison(Instruction ri, DILocation[] merged) {
        DebugVariables.Lost lost = DebugVariables.lostAfter(ri);
        if (lost == null) return false;
        for (DILocation m : merged)
            if (m.scope() instanceof DILexicalBlock && MergedLocations.encloses(lost.variable(), lost.where(), m)) return true;
        return false;
    }

    private static boolean namedAround(DefUse du, Value v, DILocation[] merged) {
        List<DefUse.Use> uses = du.uses(v);
        for (int i = 0, n = uses.size(); i < n; i++) {
            DefUse.Use u = uses.get(i);
            if (u.kind() != DefUse.UseKind.DEBUG_RECORD) continue;
            for (DILocation m : merged)
                if (m.scope() instanceof DILexicalBlock && MergedLocations.describesVariableAround(v, u.user(), u.slot(), m))
                    return true;
        }
        return false;
    }
}
