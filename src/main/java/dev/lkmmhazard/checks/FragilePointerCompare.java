package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FragileSupport;
import dev.lkmmhazard.analysis.SlotValues;
import dev.lkmmhazard.analysis.ValueFolder;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.DominatorTree;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.GlobalValue;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fragile-pointer-compare}: a pointer or index loaded by a marked load is compared equal to a constant (the
 * address of a global, an integer) and then used as an address where the equality holds: the optimizer can use the
 * constant instead and the address dependency is gone (rcu_dereference.rst). See
 * {@code docs/checks/fragile-pointer-compare.md}.
 */
public final class FragilePointerCompare implements Check {
    private static final int MAX_WALK = 64;

    @Override public Rule rule() { return Rules.FRAGILE_POINTER_COMPARE; }

    /** Where {@code value == constant} is known: in the blocks the edge branch → successor dominates. */
    record Equality(Value value, Value constant, Instruction compare, BasicBlock branch, BasicBlock successor) {}

    @Override public void check(FunctionContext fn, Findings out) {
        List<Dependency> deps = fn.dependencies();
        boolean any = false;
        for (Dependency d : deps) if (d.type() == Dependency.Type.ADDR) { any = true; break; }
        if (!any) return;
        SlotValues slots = SlotValues.of(fn);
        List<Equality> facts = equalities(fn, slots);
        if (facts.isEmpty()) return;
        DominatorTree dom = fn.dominators();
        // reported pairs (ending, comparison), by identity: identity hash codes are not unique, so a key made of them
        // could, in a rare run, take a pair for one already reported and drop its finding
        Map<Instruction, Set<Instruction>> done = new IdentityHashMap<>();
        Map<Value, ValueFolder> folders = new IdentityHashMap<>();
        for (Dependency d : deps) {
            if (d.type() != Dependency.Type.ADDR || !d.endingCalls().isEmpty()) continue;
            Instruction end = d.ending();
            if (end.parent().parent() != fn.function() || d.endingOperand() < 0 || d.endingOperand() >= end.operandCount()) continue;
            Value root = FragileSupport.rootValue(d);
            if (root == null) continue;
            ValueFolder folder = folders.computeIfAbsent(root, r -> ValueFolder.of(fn, slots, r).knownDerived(ValueFolder.chainValues(deps, r)));
            List<Value> derivation = derivation(slots, folder, end.operand(d.endingOperand()));
            for (Equality e : facts) {
                if (!edgeDominates(fn, dom, e.branch, e.successor, end.parent())) continue;
                if (!folder.derivesFromRoot(e.value)) continue;
                boolean same = false;
                for (Value v : derivation) if (slots.equivalent(e.value, v)) { same = true; break; }
                if (!same) continue;
                if (!done.computeIfAbsent(end, k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(e.compare)) continue;
                FindingBuilder b = report(out, fn, end, "the address derives from a marked load that was compared equal to "
                        + e.constant.reference() + " before: where the comparison holds the optimizer can use the constant "
                        + "instead, and the address dependency is gone");
                b.beginning(FragileSupport.rootPosition(d), d.type()).note(FragileSupport.rootPosition(d), "the marked load").note(e.compare, "the comparison with a constant")
                        .evidence(d.chain());
                if (!fn.module().hasDebugInfo()) b.weak("no debug info: source lines are unknown");
                b.report();
            }
        }
    }

    /** The values the address is computed from (GEP bases and indices, casts, slot copies) that carry the load. */
    private static List<Value> derivation(SlotValues slots, ValueFolder folder, Value address) {
        List<Value> out = new ArrayList<>();
        ArrayList<Value> work = new ArrayList<>();
        work.add(address);
        while (!work.isEmpty() && out.size() < MAX_WALK) {
            Value v = work.remove(work.size() - 1);
            if (!folder.derivesFromRoot(v)) continue;
            out.add(v);
            Value c = slots.canonical(v);
            if (c != v) { work.add(c); continue; }
            if (!(v instanceof Instruction x)) continue;
            Opcode op = x.opcode();
            if (op == Opcode.GETELEMENTPTR || op.isCast() || op == Opcode.FREEZE)
                for (int k = 0; k < x.operandCount(); k++) work.add(x.operand(k));
        }
        return out;
    }

    /** The constant side of an equality: a global's address (possibly offset) or an integer; never NULL. */
    private static boolean isConstantAddressOrIndex(Value v) {
        if (v instanceof GlobalValue) return true;
        if (v instanceof ConstantExpr ce) {
            for (int k = 0; k < ce.operandCount(); k++) if (ce.operand(k) instanceof GlobalValue) return true;
            return false;
        }
        return v instanceof ConstantInt && !v.type().isPointer();
    }

    /** The equalities the branches of the function establish, on the edge where they hold. */
    static List<Equality> equalities(FunctionContext fn, SlotValues slots) {
        List<Equality> out = new ArrayList<>();
        for (BasicBlock b : fn.function().blocks()) {
            Instruction t = b.terminator();
            if (t == null) continue;
            if (t.opcode() == Opcode.BR && t.operandCount() == 1) {
                boolean negated = false;
                Value c = t.operand(0);
                Instruction cmp = null;
                for (int n = 0; n < 8 && cmp == null; n++) {
                    c = slots.canonical(c);
                    if (!(c instanceof Instruction ci)) break;
                    if (ci.opcode() == Opcode.TRUNC || ci.opcode() == Opcode.ZEXT) { c = ci.operand(0); continue; }
                    if (ci.opcode() == Opcode.XOR && ci.operand(1) instanceof ConstantInt k && k.longValue() != 0 && ci.type().toString().equals("i1")) {
                        negated = !negated; c = ci.operand(0); continue;
                    }
                    if (ci.opcode() != Opcode.ICMP) break;
                    // a stored bool tested again at -O0: icmp ne (zext %cmp), 0
                    if (ci.operand(1) instanceof ConstantInt z && z.isZero() && isBoolean(slots, ci.operand(0))
                            && (ci.keyword().equals("ne") || ci.keyword().equals("eq"))) {
                        if (ci.keyword().equals("eq")) negated = !negated;
                        c = ci.operand(0);
                        continue;
                    }
                    cmp = ci;
                }
                if (cmp == null) continue;
                String pred = cmp.keyword();
                Value x = cmp.operand(0), k = cmp.operand(1);
                if (isConstantAddressOrIndex(x) && !isConstantAddressOrIndex(k)) { Value s = x; x = k; k = s; pred = swapped(pred); }
                if (!isConstantAddressOrIndex(k)) continue;
                boolean eqOnTrue;
                if (pred.equals("eq")) eqOnTrue = true;
                else if (pred.equals("ne")) eqOnTrue = false;
                else if (pred.equals("ult") && k instanceof ConstantInt one && one.longValue() == 1) { eqOnTrue = true; k = zero(one); }
                else if (pred.equals("uge") && k instanceof ConstantInt one && one.longValue() == 1) { eqOnTrue = false; k = zero(one); }
                else continue;
                if (negated) eqOnTrue = !eqOnTrue;
                BasicBlock s = t.blocks()[eqOnTrue ? 0 : 1];
                if (t.blocks()[0] == t.blocks()[1]) continue;
                out.add(new Equality(x, k, cmp, b, s));
            } else if (t.opcode() == Opcode.SWITCH) {
                for (int k = 1; k < t.operandCount(); k++) {
                    BasicBlock s = t.blocks()[k];
                    int uses = 0;
                    for (BasicBlock o : t.blocks()) if (o == s) uses++;
                    if (uses == 1) out.add(new Equality(t.operand(0), t.operand(k), t, b, s));
                }
            }
        }
        return out;
    }

    private static ConstantInt zero(ConstantInt like) { return new ConstantInt(like.type(), 0); }

    private static boolean isBoolean(SlotValues slots, Value v) {
        Value c = slots.canonical(v);
        if (c instanceof Instruction i && (i.opcode() == Opcode.ZEXT || i.opcode() == Opcode.TRUNC)) c = slots.canonical(i.operand(0));
        return c instanceof Instruction i && i.opcode() == Opcode.ICMP;
    }

    private static String swapped(String pred) {
        switch (pred) {
            case "ult": return "ugt";
            case "ugt": return "ult";
            case "ule": return "uge";
            case "uge": return "ule";
            default: return pred; // eq, ne and the signed ones are not used
        }
    }

    /** Whether every path to target passes the edge branch → successor. */
    private static boolean edgeDominates(FunctionContext fn, DominatorTree dom, BasicBlock branch, BasicBlock successor, BasicBlock target) {
        var cfg = fn.cfg();
        if (!cfg.isReachable(target) || !dom.dominates(successor, target)) return false;
        for (BasicBlock p : cfg.predecessors(successor)) if (p != branch && !dom.dominates(successor, p)) return false;
        return true;
    }
}
