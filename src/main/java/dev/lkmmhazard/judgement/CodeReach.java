package dev.lkmmhazard.judgement;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Constant;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** When the code of a finding runs at all: only at boot ({@code __init}), or never in this configuration. */
final class CodeReach {
    private CodeReach() {}

    /** The clause saying the function runs only while the kernel boots (or a module loads or unloads), or null. */
    static String initOnly(FunctionContext f) {
        String s = f.function().section();
        if (s == null) return null;
        if (s.startsWith(".init.")) return f.name() + "() is __init (" + s + "): it runs once, before other CPUs do";
        if (s.startsWith(".exit.")) return f.name() + "() is __exit (" + s + "): it runs once, when the module goes";
        if (s.startsWith(".meminit.") || s.startsWith(".cpuinit."))
            return dev.lkmmhazard.analysis.RustSymbols.displayName(f.name()) + "() is __meminit (" + s + "): it runs at boot or under the memory-hotplug lock";
        return null;
    }

    /**
     * Whether the ending before optimization runs only under a branch the front end left on a constant, or on
     * {@code __builtin_constant_p}: dead code in this configuration that the optimizer removes.
     */
    static String deadInConfiguration(FunctionContext before, Dependency d) {
        return deadInConfiguration(before, d.endingCalls().isEmpty() ? d.ending() : d.endingCalls().get(0));
    }

    /** The same for one instruction of the IR before optimization (a marked access that is gone after it). */
    static String deadInConfiguration(FunctionContext before, Instruction end) {
        if (end.parent().parent() != before.function()) return null;
        Set<BasicBlock> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<BasicBlock> work = new ArrayDeque<>();
        work.add(end.parent());
        while (!work.isEmpty() && seen.size() < 32) {
            BasicBlock b = work.poll();
            if (!seen.add(b)) continue;
            for (BasicBlock c : before.controlDependence().controllingBranches(b)) {
                Instruction t = c.terminator();
                if (t != null && t.opcode() == Opcode.BR && t.operandCount() > 0 && constantOrCompileTimeTest(t.operand(0), 0)
                        && confinedToAnArm(before, c, t, end.parent()))
                    return "before optimization it runs only under a branch on a constant (" + lineOf(t)
                            + "), dead code in this configuration";
                work.add(c);
            }
        }
        return null;
    }

    /** "line N", or "library/core/...:N" for a line of Rust's standard library, whose number alone names no file. */
    private static String lineOf(Instruction t) {
        dev.lkmmhazard.ir.DILocation l = t.debugLoc();
        if (l == null) return "line ?";
        String file = l.file() == null ? null : l.file().filename();
        if (file == null || !dev.lkmmhazard.report.SourceLocation.isRustLibrary(file)) return "line " + l.line();
        return dev.lkmmhazard.report.SourceLocation.libraryLine(file, l.line());
    }

    /**
     * Whether {@code target} runs only on one arm of the branch ending {@code branch}: with the edge to that arm (for
     * {@code br i1 true} or {@code false}, the edge not taken) gone, the entry no longer reaches it. clang writes
     * {@code if (test_bit(nr, p))}, whose {@code bitop()} chooses between two helpers on
     * {@code __builtin_constant_p}, as two calls that branch to the same then and else: the code after them runs
     * whichever helper the compile-time test keeps, and is no dead code.
     */
    private static boolean confinedToAnArm(FunctionContext f, BasicBlock branch, Instruction t, BasicBlock target) {
        BasicBlock[] arms = t.blocks();
        if (arms.length != 2) return false;
        if (t.operand(0) instanceof dev.lkmmhazard.ir.ConstantInt k) {
            // only the arm the constant does not take is dead: the target is, when only that edge leads to it
            BasicBlock dropped = k.isZero() ? arms[0] : arms[1];
            return !reachableWithout(f, branch, dropped, target);
        }
        return !reachableWithout(f, branch, arms[0], target) || !reachableWithout(f, branch, arms[1], target);
    }

    /** Whether the entry reaches {@code target} through the control-flow graph without the edge from -> to. */
    private static boolean reachableWithout(FunctionContext f, BasicBlock from, BasicBlock to, BasicBlock target) {
        var cfg = f.cfg();
        Set<BasicBlock> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<BasicBlock> work = new ArrayDeque<>();
        work.add(cfg.entry());
        while (!work.isEmpty()) {
            BasicBlock b = work.poll();
            if (!seen.add(b)) continue;
            if (b == target) return true;
            for (BasicBlock s : cfg.successors(b)) if (!(b == from && s == to)) work.add(s);
        }
        return false;
    }

    /**
     * A function of the module whose every return gives one constant: a configuration stub such as
     * {@code tick_nohz_full_cpu()} without {@code CONFIG_NO_HZ_FULL}, or {@code __seqprop_preemptible()}.
     */
    private static boolean returnsConstant(dev.lkmmhazard.ir.Function f) { return constantReturned(f, 0) != null; }

    /** The one integer constant every return of f gives, or null. */
    private static Value constantReturned(dev.lkmmhazard.ir.Function f, int depth) {
        if (f == null || !f.isDefinition() || f.blocks().isEmpty() || f.isIntrinsic() || depth > 3) return null;
        Value seen = null;
        for (BasicBlock b : f.blocks()) {
            Instruction t = b.terminator();
            if (t == null || t.opcode() != Opcode.RET) continue;
            if (t.operandCount() == 0) return null;
            Value v = returned(t.operand(0), depth);
            if (!(v instanceof dev.lkmmhazard.ir.ConstantInt c)) return null;
            if (seen != null && !seen.reference().equals(c.reference())) return null;
            seen = c;
        }
        return seen;
    }

    /**
     * What a value is through the front end's stack slots: a load of an alloca whose stores all store one constant
     * gives that constant (the retval slot, a macro's local); else the value itself, or null when the stores differ.
     */
    private static Value returned(Value v, int depth) {
        if (v instanceof Instruction i && depth < 4) {
            if (i.opcode().isCast()) return returned(i.operand(0), depth + 1);
            // a stub that returns what another stub returns: rcu_rdp_is_offloaded() -> rcu_segcblist_is_offloaded()
            if (i.opcode() == Opcode.CALL) {
                Value c = constantReturned(i.calledFunction(), depth + 1);
                if (c != null) return c;
            }
            if (i.opcode() == Opcode.LOAD && i.pointerOperand() instanceof Instruction a && a.opcode() == Opcode.ALLOCA) {
                Value only = null;
                for (BasicBlock b : a.parent().parent().blocks())
                    for (Instruction s : b.instructions())
                        if (s.opcode() == Opcode.STORE && s.pointerOperand() == a) {
                            Value x = returned(s.valueOperand(), depth + 1);
                            if (!(x instanceof dev.lkmmhazard.ir.ConstantInt)) return null;
                            if (only != null && !only.reference().equals(x.reference())) return null;
                            only = x;
                        }
                return only;
            }
        }
        return v;
    }

    private static boolean constantOrCompileTimeTest(Value v, int depth) {
        if (v instanceof Constant) return true;
        if (!(v instanceof Instruction i) || depth > 6) return false;
        if (i.intrinsic() == Intrinsic.IS_CONSTANT) return true;
        if (i.opcode() == Opcode.CALL && returnsConstant(i.calledFunction())) return true;
        // the front end keeps every variable in a stack slot: rcu_assign_pointer(p, NULL)'s `_r_a_p__v == NULL`
        if (i.opcode() == Opcode.LOAD) return returned(i, 0) instanceof dev.lkmmhazard.ir.ConstantInt;
        if (i.opcode().isCast() || i.opcode() == Opcode.ICMP || i.opcode() == Opcode.XOR || i.opcode() == Opcode.AND
                || i.opcode() == Opcode.OR) {
            for (int k = 0; k < i.operandCount(); k++) if (!(i.operand(k) instanceof Constant) && !constantOrCompileTimeTest(i.operand(k), depth + 1)) return false;
            return true;
        }
        return false;
    }
}
