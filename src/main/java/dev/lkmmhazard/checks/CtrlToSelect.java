package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.ControlEvidence;
import dev.lkmmhazard.analysis.MergedLocations;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ctrl-to-select}: a branch on a marked load became a select feeding a marked store: the control dependency is
 * now a data dependency. See {@code docs/checks/ctrl-to-select.md}.
 *
 * <p>The stored value or the address of a marked store W is (through arithmetic, casts or GEPs) a {@code select} whose
 * condition is computed from a marked load R, or a {@code phi} in a join that W's block does not depend on, chosen by a
 * branch on R. With debug info W must also carry a merged location ({@code line: 0}) that belongs to the condition's
 * {@code if}/{@code switch}: a source-level {@code WRITE_ONCE(y, q ? 1 : 2)} keeps the store's own line and is a data
 * dependency the author wrote, so it is not reported. Without debug info the two cannot be told apart; the finding
 * says so. Nothing is reported when R stays ordered before W anyway, or for a {@code callbr} (asm goto) branch.
 */
public final class CtrlToSelect implements Check {
    @Override public Rule rule() { return Rules.CTRL_TO_SELECT; }

    /** How many instructions back from the store's operand a select or phi is looked for. */
    private static final int MAX_STEPS = 8;

    @Override public void check(FunctionContext fn, Findings out) {
        boolean debug = fn.module().hasDebugInfo();
        MarkedAccesses marked = fn.marked();
        List<MarkedAccess> all = marked.all();
        for (int k = 0, n = all.size(); k < n; k++) {
            MarkedAccess w = all.get(k);
            if (!ControlEvidence.isOrderedWrite(w)) continue;
            DILocation[] merged = null;
            if (debug) {
                merged = MergedLocations.mergedFrames(w.instruction());
                if (merged.length == 0) continue; // the store kept its own line: not merged from two arms
            }
            List<Value> roots = new ArrayList<>(2);
            if (w.storedValue() != null) roots.add(w.storedValue());
            if (w.address() != null && w.address() != w.storedValue()) roots.add(w.address());
            for (int i = 0; i < roots.size(); i++) {
                if (tryRoot(out, fn, w, roots.get(i), i == 0 && w.storedValue() != null, merged)) break;
            }
        }
    }

    /** Looks for a select or phi behind one operand of W; reports and returns true at the first that qualifies. */
    private boolean tryRoot(Findings out, FunctionContext fn, MarkedAccess w, Value root, boolean isValue, DILocation[] merged) {
        List<Instruction> path = new ArrayList<>();
        Instruction[] frontier = new Instruction[MAX_STEPS];
        Instruction[] from = new Instruction[MAX_STEPS];
        int count = 0;
        if (!(root instanceof Instruction r0)) return false;
        frontier[count] = r0;
        from[count++] = null;
        for (int head = 0; head < count; head++) {
            Instruction i = frontier[head];
            if (i.opcode() == Opcode.SELECT || i.opcode() == Opcode.PHI) {
                path.clear();
                for (int h = head; h >= 0; ) { // the walk back to the store, select first
                    path.add(frontier[h]);
                    Instruction f = from[h];
                    h = -1;
                    for (int x = 0; x < count && f != null; x++) if (frontier[x] == f) { h = x; break; }
                }
                if (i.opcode() == Opcode.SELECT ? reportSelect(out, fn, w, i, path, isValue, merged)
                        : reportPhi(out, fn, w, i, path, isValue, merged)) return true;
                continue;
            }
            if (!passesThrough(i)) continue;
            for (int k = 0, n = i.operandCount(); k < n && count < MAX_STEPS; k++) {
                if (!(i.operand(k) instanceof Instruction op)) continue;
                boolean seen = false;
                for (int x = 0; x < count; x++) seen |= frontier[x] == op;
                if (seen) continue;
                frontier[count] = op;
                from[count++] = i;
            }
        }
        return false;
    }

    /** The operations a chosen value passes through on its way into the store. */
    private static boolean passesThrough(Instruction i) {
        Opcode op = i.opcode();
        return op.isBinary() || op.isCast() || op == Opcode.GETELEMENTPTR || op == Opcode.FREEZE;
    }

    private boolean reportSelect(Findings out, FunctionContext fn, MarkedAccess w, Instruction select, List<Instruction> path,
                                 boolean isValue, DILocation[] merged) {
        if (select.operand(1) == select.operand(2)) return false;
        List<Instruction> chain = ControlEvidence.chainFromMarkedLoad(fn.marked(), select.operand(0));
        if (chain == null) return false;
        List<Instruction> anchors = new ArrayList<>(chain.subList(1, chain.size()));
        anchors.add(select);
        return finish(out, fn, w, chain, anchors, null, select, path, isValue, merged);
    }

    private boolean reportPhi(Findings out, FunctionContext fn, MarkedAccess w, Instruction phi, List<Instruction> path,
                              boolean isValue, DILocation[] merged) {
        int n = phi.operandCount();
        if (n < 2) return false;
        boolean differ = false;
        for (int k = 1; k < n; k++) differ |= phi.operand(k) != phi.operand(0);
        if (!differ) return false;
        // the branch that chose the phi's value: the nearest common dominator of the incoming blocks
        BasicBlock[] incoming = phi.blocks();
        if (incoming == null || incoming.length < 2) return false;
        var cfg = fn.cfg();
        var dom = fn.dominators();
        for (BasicBlock ib : incoming) if (dom.dominates(phi.parent(), ib)) return false; // a loop header's phi
        int d = cfg.index(incoming[0]);
        for (int k = 1; k < incoming.length && d >= 0; k++) d = dom.nearestCommonDominator(d, cfg.index(incoming[k]));
        if (d < 0 || d >= cfg.size()) return false;
        Instruction t = cfg.block(d).terminator();
        Value cond = ControlEvidence.condition(t);
        if (cond == null) return false; // callbr (asm goto), indirectbr: not a compiler-made choice
        BasicBlock wb = w.instruction().parent();
        if (fn.controlDependence().isControlDependent(wb, t.parent())) return false; // the store is still in an arm
        List<Instruction> chain = ControlEvidence.chainFromMarkedLoad(fn.marked(), cond);
        if (chain == null) return false;
        List<Instruction> anchors = new ArrayList<>(chain.subList(1, chain.size()));
        anchors.add(t);
        return finish(out, fn, w, chain, anchors, t, phi, path, isValue, merged);
    }

    private boolean finish(Findings out, FunctionContext fn, MarkedAccess w, List<Instruction> chain, List<Instruction> anchors,
                           Instruction branch, Instruction choice, List<Instruction> path, boolean isValue,
                           DILocation[] merged) {
        Instruction wi = w.instruction();
        Instruction ri = chain.get(0);
        MarkedAccess r = ControlEvidence.markedLoadOf(fn.marked(), ri);
        if (!ControlEvidence.precedes(fn, ri, wi)) return false;
        if (merged != null) {
            boolean belongs = false;
            for (DILocation m : merged) belongs |= MergedLocations.belongsToAny(m, anchors);
            if (!belongs) return false;
        }
        if (ControlEvidence.orderKept(fn, r, w) != null) return true; // found, and ordered anyway: nothing to report
        List<Instruction> evidence = new ArrayList<>(chain);
        if (branch != null) evidence.add(branch);
        for (Instruction p : path) if (p != chain.get(chain.size() - 1) && !evidence.contains(p)) evidence.add(p);
        evidence.add(wi);
        String what = choice.opcode() == Opcode.SELECT ? "a select" : "a phi at the join";
        FindingBuilder f = report(out, fn, wi, "the " + (isValue ? "value" : "address") + " of this marked " + w.kind()
                        + " is chosen by " + what + " on a marked load: the branch became a data dependency")
                .beginning(ri, Dependency.Type.CTRL)
                .note(ri, "the marked load the condition is computed from")
                .note(choice, choice.opcode() == Opcode.SELECT ? "the select that replaced the branch"
                        : "the phi that chooses what the arms stored");
        if (merged == null)
            f.weak("no debug info: a source-level conditional expression (q ? a : b) looks the same");
        f.evidence(evidence).report();
        return true;
    }
}
