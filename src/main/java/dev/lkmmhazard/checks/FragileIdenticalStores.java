package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FragileSupport;
import dev.lkmmhazard.analysis.SlotValues;
import dev.lkmmhazard.analysis.ValueFolder;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.ControlDependence;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fragile-identical-stores}: every arm of a branch on a marked load makes the same marked store (same
 * address, value, kind and ordering): the optimizer can hoist it above the branch, or sink it below the join, and the
 * control dependency is gone (control-dependencies.txt). Not after an acquire load or a barrier between the load
 * and the branch, not for release stores, not through asm goto. See {@code docs/checks/fragile-identical-stores.md}.
 */
public final class FragileIdenticalStores implements Check {
    @Override public Rule rule() { return Rules.FRAGILE_IDENTICAL_STORES; }

    @Override public void check(FunctionContext fn, Findings out) {
        List<Dependency> deps = fn.dependencies();
        // the branches each load controls stores through (the dependency's ending is one of them)
        Map<BasicBlock, List<Dependency>> byBranch = new IdentityHashMap<>();
        ControlDependence cd = null;
        for (Dependency d : deps) {
            if (d.type() != Dependency.Type.CTRL) continue;
            Instruction end = FragileSupport.endPosition(d);
            if (end.parent().parent() != fn.function()) continue;
            if (cd == null) cd = fn.controlDependence();
            // the branch the load's value reaches comes just before the ending in the chain
            List<Instruction> chain = d.chain();
            if (chain.size() < 2) continue;
            Instruction br = chain.get(chain.size() - 2);
            if (br.parent().parent() != fn.function() || !br.opcode().isTerminator()) continue;
            byBranch.computeIfAbsent(br.parent(), k -> new ArrayList<>()).add(d);
        }
        if (byBranch.isEmpty()) return;
        SlotValues slots = SlotValues.of(fn);
        List<MarkedAccess> all = fn.marked().all();
        boolean[] live = FragileSupport.liveBlocks(fn, new ValueFolder(slots, cd, fn.module().dataLayout(), null));
        for (BasicBlock branch : fn.function().blocks()) {
            List<Dependency> ds = byBranch.get(branch);
            if (ds == null || !live[fn.cfg().index(branch)]) continue;
            Instruction t = branch.terminator();
            boolean conditional = (t.opcode() == Opcode.BR && t.operandCount() == 1) || t.opcode() == Opcode.SWITCH;
            if (!conditional) continue; // callbr: asm goto keeps its branch
            List<BasicBlock> arms = arms(t);
            if (arms.size() < 2) continue;
            Set<Value> roots = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Dependency d : ds) {
                Value root = FragileSupport.rootValue(d);
                if (root == null || !roots.add(root)) continue;
                if (d.source().ordering() != null && d.source().ordering().isAcquireOrStronger()) continue; // orders the stores by itself
                if (barrierBetween(fn, slots, all, FragileSupport.rootPosition(d), t)) continue;
                checkArms(out, fn, slots, cd, all, branch, arms, d);
            }
        }
    }

    /** The distinct successors, cases before default (source order), true before false. */
    private static List<BasicBlock> arms(Instruction t) {
        List<BasicBlock> out = new ArrayList<>();
        BasicBlock[] bs = t.blocks();
        if (t.opcode() == Opcode.SWITCH) {
            for (int k = 1; k < bs.length; k++) if (!out.contains(bs[k])) out.add(bs[k]);
            if (!out.contains(bs[0])) out.add(bs[0]);
        } else {
            for (BasicBlock b : bs) if (!out.contains(b)) out.add(b);
        }
        return out;
    }

    /** A fence or compiler barrier after the load and before the branch (x86 smp_load_acquire(), smp_mb()). */
    private static boolean barrierBetween(FunctionContext fn, SlotValues slots, List<MarkedAccess> all, Instruction load, Instruction branch) {
        for (MarkedAccess a : all) {
            if (!FragileSupport.isBarrier(a) || a.instruction() == load) continue;
            Instruction i = a.instruction();
            if (i.opcode() == Opcode.CALLBR) continue;
            if (slots.dominates(load, i) && slots.dominates(i, branch)) return true;
        }
        return false;
    }

    private void checkArms(Findings out, FunctionContext fn, SlotValues slots, ControlDependence cd, List<MarkedAccess> all,
                           BasicBlock branch, List<BasicBlock> arms, Dependency d) {
        // the marked stores that run exactly when each arm is taken
        List<List<MarkedAccess>> stores = new ArrayList<>();
        for (BasicBlock arm : arms) {
            Set<BasicBlock> region = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            region.addAll(cd.controlledBlocks(branch, arm));
            List<MarkedAccess> in = new ArrayList<>();
            for (MarkedAccess a : all)
                if (a.kind() == MarkedAccess.Kind.STORE && a.address() != null && a.storedValue() != null
                        && region.contains(a.instruction().parent())) in.add(a);
            if (in.isEmpty()) return;
            stores.add(in);
        }
        Set<MarkedAccess> used = new HashSet<>();
        for (MarkedAccess first : stores.get(0)) {
            if (used.contains(first) || first.ordering() != null && first.ordering().isReleaseOrStronger()) continue;
            int release = releaseIdiom(first);
            if (release == 1) continue;
            List<MarkedAccess> group = new ArrayList<>();
            group.add(first);
            for (int k = 1; k < stores.size(); k++) {
                MarkedAccess match = null;
                for (MarkedAccess other : stores.get(k))
                    if (!used.contains(other) && same(slots, first, other) && releaseIdiom(other) != 1) { match = other; break; }
                if (match == null) { group = null; break; }
                group.add(match);
            }
            if (group == null) continue;
            used.addAll(group);
            report(out, fn, d, group, release == 2 || releaseIdiomAny(group));
        }
    }

    private static boolean releaseIdiomAny(List<MarkedAccess> group) {
        for (MarkedAccess a : group) if (releaseIdiom(a) == 2) return true;
        return false;
    }

    private void report(Findings out, FunctionContext fn, Dependency d, List<MarkedAccess> group, boolean maybeRelease) {
        // at the arm first in the source (the lowest line), else the first arm
        MarkedAccess at = group.get(0);
        for (MarkedAccess a : group) if (a.sourceLine() > 0 && (at.sourceLine() == 0 || a.sourceLine() < at.sourceLine())) at = a;
        FindingBuilder b = report(out, fn, at.instruction(), "every arm of a branch on a marked load makes this same store: "
                + "the optimizer can merge the stores and move them above the branch, and the control dependency is gone");
        b.beginning(FragileSupport.rootPosition(d), d.type()).note(FragileSupport.rootPosition(d), "the marked load the branch tests");
        for (MarkedAccess a : group) if (a != at) b.note(a.instruction(), "the same store in another arm");
        List<Instruction> chain = new ArrayList<>(d.chain());
        b.evidence(chain);
        if (maybeRelease) b.weak("no debug info: a barrier() right before the store may be smp_store_release(), which keeps its order");
        else if (!fn.module().hasDebugInfo()) b.weak("no debug info: source lines are unknown");
        b.report();
    }

    /** Same instruction kind, same address and value, same volatility and ordering. */
    private static boolean same(SlotValues slots, MarkedAccess a, MarkedAccess b) {
        Instruction x = a.instruction(), y = b.instruction();
        if (x.opcode() != y.opcode() || a.ordering() != b.ordering() || x.isVolatile() != y.isVolatile()) return false;
        if (!String.valueOf(a.accessType()).equals(String.valueOf(b.accessType()))) return false;
        if (x.opcode().isCallLike() && x.calledFunction() != y.calledFunction()) {
            // the same helper, monomorphised twice, has one demangled name
            if (x.calledFunction() == null || y.calledFunction() == null || !a.rule().equals(b.rule())) return false;
        }
        return slots.equivalent(a.address(), b.address()) && slots.equivalent(a.storedValue(), b.storedValue());
    }

    /**
     * x86 smp_store_release() is barrier(); WRITE_ONCE(): a memory-clobbering asm right before the store. 1 when the
     * two come from one macro expansion (same line and column), 2 when debug info cannot tell, 0 otherwise.
     */
    static int releaseIdiom(MarkedAccess store) {
        Instruction s = store.instruction();
        Instruction prev = previous(s);
        if (prev == null || prev.opcode() != Opcode.CALL || !(prev.callee() instanceof InlineAsm asm)) return 0;
        if (!asm.constraintText().contains("~{memory}")) return 0;
        DILocation a = prev.debugLoc(), b = s.debugLoc();
        if (a == null || b == null) return 2;
        return a.line() == b.line() && a.column() == b.column() ? 1 : 0;
    }

    /**
     * The last instruction before i that may touch shared memory or order anything, skipping the stack-slot traffic
     * and address arithmetic of -O0 (kernel smp_store_release() copies its value through a local first).
     */
    private static Instruction previous(Instruction i) {
        Instruction cur = i;
        for (int n = 0; n < 32; n++) {
            cur = justBefore(cur);
            if (cur == null) return null;
            Opcode op = cur.opcode();
            boolean plain = (op == Opcode.LOAD || op == Opcode.STORE) && !cur.isVolatile() && !cur.isAtomic()
                    && cur.pointerOperand() instanceof Instruction a && a.opcode() == Opcode.ALLOCA;
            boolean lifetime = op == Opcode.CALL && cur.intrinsic() == Intrinsic.LIFETIME;
            if (!(plain || lifetime || op == Opcode.GETELEMENTPTR || op.isCast() || op.isBinary())) return cur;
        }
        return null;
    }

    /** The instruction that runs right before i: in its block, or at the end of its only predecessor (-O0 splits). */
    private static Instruction justBefore(Instruction i) {
        BasicBlock b = i.parent();
        List<Instruction> insts = b.instructions();
        int k = insts.indexOf(i);
        if (k > 0) return insts.get(k - 1);
        Instruction found = null;
        for (BasicBlock p : b.parent().blocks()) {
            Instruction t = p.terminator();
            if (t == null) continue;
            for (BasicBlock s : t.blocks()) if (s == b) {
                if (found != null || t.opcode() != Opcode.BR || t.operandCount() != 0) return null;
                List<Instruction> pi = p.instructions();
                found = pi.size() >= 2 ? pi.get(pi.size() - 2) : null;
                if (found == null) return null;
            }
        }
        return found;
    }
}
