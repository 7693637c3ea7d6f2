package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FragileSupport;
import dev.lkmmhazard.analysis.SlotValues;
import dev.lkmmhazard.analysis.ValueFolder;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.ControlDependence;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fragile-constant-condition}: a branch on a marked load has a condition that folds to a constant whatever
 * the load returns ({@code q % 1}, {@code q == q}, unsigned {@code q >= 0}, {@code q || 1}, an asm-goto input
 * {@code q % 1}): the optimizer removes the branch and the control dependency with it. Reported at each store that
 * still runs once the branch is folded. See {@code docs/checks/fragile-constant-condition.md}.
 */
public final class FragileConstantCondition implements Check {
    private static final int MAX_THREAD = 64;

    @Override public Rule rule() { return Rules.FRAGILE_CONSTANT_CONDITION; }

    /** How a branch on the load folds: the block where execution goes on whatever the load is (null: every successor). */
    private record Folding(BasicBlock start, String why) {}

    @Override public void check(FunctionContext fn, Findings out) {
        List<Dependency> deps = fn.dependencies();
        boolean any = false;
        for (Dependency d : deps) if (d.type() == Dependency.Type.CTRL) { any = true; break; }
        if (!any) return;
        SlotValues slots = SlotValues.of(fn);
        ControlDependence cd = fn.controlDependence();
        boolean[] canReturn = FragileSupport.canReturn(fn);
        Map<Value, ValueFolder> folders = new IdentityHashMap<>();
        boolean[] reachable = FragileSupport.liveBlocks(fn, new ValueFolder(slots, cd, fn.module().dataLayout(), null));
        for (Dependency d : deps) {
            if (d.type() != Dependency.Type.CTRL) continue;
            Value root = FragileSupport.rootValue(d);
            if (root == null) continue;
            ValueFolder folder = folders.computeIfAbsent(root, r -> ValueFolder.of(fn, slots, r).knownDerived(ValueFolder.chainValues(deps, r)));
            Instruction end = FragileSupport.endPosition(d);
            if (end.parent().parent() != fn.function()) continue;
            for (BasicBlock branch : cd.controllingBranches(end.parent())) {
                if (!reachable[fn.cfg().index(branch)]) continue; // dead code behind a constant branch
                Folding f = folding(fn, folder, branch, canReturn);
                if (f == null || !live(fn, folder, f, branch, end.parent())) continue;
                Instruction t = branch.terminator();
                FindingBuilder b = report(out, fn, end,
                        "this store is control dependent on a marked load only through a branch whose outcome does not "
                                + "depend on the load (" + f.why + "): the optimizer folds the branch and the control dependency is gone");
                b.beginning(FragileSupport.rootPosition(d), d.type()).note(FragileSupport.rootPosition(d), "the marked load").context(t, "the branch that folds")
                        .evidence(d.chain());
                if (!fn.module().hasDebugInfo()) b.weak("no debug info: source lines are unknown");
                b.report();
                break;
            }
        }
    }

    /** Whether the branch folds whatever the root is, and where execution then goes; null if it does not. */
    private static Folding folding(FunctionContext fn, ValueFolder folder, BasicBlock branch, boolean[] canReturn) {
        Instruction t = branch.terminator();
        if (t == null) return null;
        Opcode op = t.opcode();
        List<Value> inputs = new ArrayList<>();
        if ((op == Opcode.BR && t.operandCount() == 1) || op == Opcode.SWITCH) inputs.add(t.operand(0));
        else if (op == Opcode.CALLBR) for (int k = 0; k < t.operandCount() - 1; k++) inputs.add(t.operand(k));
        else return null;
        boolean onRoot = false;
        for (Value v : inputs) if (folder.derivesFromRoot(v)) { onRoot = true; break; }
        if (!onRoot) return null;
        var cfg = fn.cfg();
        for (BasicBlock s : cfg.successors(branch)) if (!canReturn[cfg.index(s)]) return null; // an assertion
        if (op == Opcode.CALLBR) {
            // the asm still branches, but on inputs that no longer carry the load
            for (Value v : inputs) if (folder.derivesFromRoot(v) && folder.constantOf(v) == null) return null;
            return new Folding(null, "the asm goto's input folds to a constant");
        }
        BasicBlock taken = folder.constantSuccessor(t);
        if (taken != null) {
            Long c = folder.constantOf(t.operand(0));
            return new Folding(taken, "the condition " + t.operand(0).reference() + " is always " + describe(op, c));
        }
        // q || 1: the branch is real, but every successor reaches the same code through folded branches
        BasicBlock join = null;
        for (BasicBlock s : cfg.successors(branch)) {
            BasicBlock j = thread(folder, s);
            if (j == null || (join != null && join != j)) return null;
            join = j;
        }
        return join == null ? null : new Folding(join, "every outcome reaches the same code");
    }

    private static String describe(Opcode op, Long c) {
        if (op == Opcode.BR) return (c & 1) != 0 ? "true" : "false";
        return String.valueOf(c);
    }

    /** Follows blocks that do nothing but branch (unconditionally or on a folded condition); null in a cycle. */
    private static BasicBlock thread(ValueFolder folder, BasicBlock s) {
        BasicBlock cur = s;
        for (int n = 0; n < MAX_THREAD; n++) {
            List<Instruction> insts = cur.instructions();
            if (insts.size() != 1) return cur;
            BasicBlock next = folder.constantSuccessor(insts.get(0));
            if (next == null) return cur;
            cur = next;
        }
        return null;
    }

    /** Whether the ending's block still runs after the fold: reachable from where execution goes on. */
    private static boolean live(FunctionContext fn, ValueFolder folder, Folding f, BasicBlock branch, BasicBlock target) {
        var cfg = fn.cfg();
        boolean[] seen = new boolean[cfg.size()];
        ArrayDeque<BasicBlock> work = new ArrayDeque<>();
        if (f.start == null) work.addAll(cfg.successors(branch));
        else work.add(f.start);
        while (!work.isEmpty()) {
            BasicBlock b = work.poll();
            int i = cfg.index(b);
            if (seen[i]) continue;
            seen[i] = true;
            if (b == target) return true;
            Instruction t = b.terminator();
            BasicBlock only = t == null ? null : folder.constantSuccessor(t);
            if (only != null) work.add(only);
            else work.addAll(cfg.successors(b));
        }
        return false;
    }
}
