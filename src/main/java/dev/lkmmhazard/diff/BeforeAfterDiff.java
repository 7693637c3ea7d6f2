package dev.lkmmhazard.diff;

import dev.lkmmhazard.analysis.DefUse;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.judgement.OrderingBetween;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Constant;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.GlobalValue;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The precise mode: the same translation unit before and after optimization. Every dependency of the IR before
 * whose ending still exists after but no longer depends on its beginning is reported with its cause:
 * <ul>
 *   <li>{@code ctrl-hoisted-store}: a branch on the load is still there, the store left its arms;</li>
 *   <li>{@code ctrl-to-select}: the store's value or address is chosen by a {@code select} on the load;</li>
 *   <li>{@code ctrl-folded-condition}: no branch depends on the load any more;</li>
 *   <li>{@code addr-pointer-substituted}: the address became a constant that the load's value was compared with;</li>
 *   <li>{@code addr-dep-broken}, {@code data-dep-broken}: any other loss (cancelling arithmetic, a known value);</li>
 *   <li>{@code marked-access-removed}: a marked access with no copy after, that no finding above explains;</li>
 *   <li>{@code load-speculated}, {@code store-invented}, {@code load-invented}: plain accesses that run where they
 *       did not before ({@link InventedAccesses});</li>
 *   <li>{@code load-fused}, {@code store-fused}, {@code store-removed}, {@code store-torn}: plain accesses of globals
 *       fused, removed or merged into wider ones ({@link PlainFates}).</li>
 * </ul>
 * Accesses are matched by source position ({@link Counterparts}), so both files need debug info.
 */
public final class BeforeAfterDiff {
    /** What the comparison found, and remarks for the user. */
    public record Result(List<Finding> findings, List<String> notes) {}

    private final ModuleContext before;
    private final ModuleContext after;
    private final Counterparts counterparts;
    /** instructions of the module before that a finding already accounts for */
    private final Set<Instruction> explained = Collections.newSetFromMap(new IdentityHashMap<>());
    /** what is reported in the module after optimization, and the marked accesses of the one before that are gone */
    private final Findings found = new Findings(), removed = new Findings();
    /** branches of the module before whose condition the optimizer folded */
    private final Set<Instruction> foldedBranches = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Whether a match by order (no debug info) leaves a finding undecided: true for two files of one unit compiled
     * apart, false for the snapshots of one pass-by-pass dump, which are the same function one pass apart.
     */
    private final boolean orderMatchUndecided;

    public BeforeAfterDiff(ModuleContext before, ModuleContext after) { this(before, after, true); }

    BeforeAfterDiff(ModuleContext before, ModuleContext after, boolean orderMatchUndecided) {
        this.before = before;
        this.after = after;
        this.counterparts = new Counterparts(before, after);
        this.orderMatchUndecided = orderMatchUndecided;
    }

    public Result run() {
        List<String> notes = new ArrayList<>();
        if (!before.hasDebugInfo() || !after.hasDebugInfo())
            notes.add("no debug info in " + (before.hasDebugInfo() ? after.file() : before.file())
                    + ": accesses are matched by function, kind, object and order instead of by source position,"
                    + " which misses what inlining moved, and marked-access-removed is not reported (merged copies cannot"
                    + " be told from removed ones); compile both with -g for the precise match");
        for (FunctionContext f : before.functions())
            for (Dependency d : f.dependencies()) compare(f, d);
        removedAccesses();
        if (before.hasDebugInfo() && after.hasDebugInfo()) {
            new InventedAccesses(before, after, found).run();
            new PlainFates(before, after, found, removed, false).run();
        } else if (!orderMatchUndecided) {
            // passes: two snapshots of one function a pass apart, where the order of the accesses is reliable
            new PlainFates(before, after, found, removed, true).run();
        }
        // the findings in the file after optimization first, then the accesses that only the file before has
        List<Finding> all = new ArrayList<>(Findings.uniqueSorted(found.all()));
        all.addAll(Findings.uniqueSorted(removed.all()));
        return new Result(all, notes);
    }

    // ------------------------------------------------------------------------------------------- dependencies

    private void compare(FunctionContext beforeFn, Dependency d) {
        if (d.type() == Dependency.Type.CTRL
                && (OrderingBetween.keepsControlDependency(beforeFn, d.source(), d.ending()) || loopCarried(beforeFn, d) || loopExit(beforeFn, d))) return;
        if (d.type() != Dependency.Type.CTRL && orderedByItself(beforeFn, d)) return;
        if (throughCompileTimeTest(d) || perCpu(d.ending()) || notAnAccess(beforeFn, d.ending())) return;
        Instruction src = d.source().instruction();
        Counterparts.Match srcCopies = counterparts.of(src, d.sourceCalls(), beforeFn.function().name());
        if (srcCopies.isEmpty()) return; // the beginning itself is gone: removedAccesses() reports it
        boolean byOrder = srcCopies.byOrder();
        // Merged copies of the beginning count too: loop rotation leaves a loop's loads with line 0.
        List<Instruction> srcList = srcCopies.all();
        Set<Instruction> srcAll = identitySet(srcList);

        // The functions after optimization where the dependency should be: the one of the same name, and those that
        // hold copies of its ending or its beginning (a helper inlined into its callers).
        Map<Function, Boolean> targets = new LinkedHashMap<>();
        Function same = after.module().function(beforeFn.function().name());
        if (same != null && same.isDefinition() && !same.blocks().isEmpty()) targets.put(same, true);
        Counterparts.Match endAnywhere = counterparts.of(d.ending(), d.endingCalls(), beforeFn.function().name());
        for (Instruction i : endAnywhere.exact()) targets.put(i.parent().parent(), true);
        for (Instruction i : srcList) targets.put(i.parent().parent(), true);

        for (Function t : targets.keySet()) {
            FunctionContext tf = after.function(t);
            Counterparts.Match end = counterparts.of(d.ending(), d.endingCalls(), t.name());
            List<Instruction> endHere = new ArrayList<>();
            // an ending is never its own beginning: a helper that reads at one line for both (two inlined copies)
            for (Instruction i : end.all()) if (i.parent().parent() == t && !srcAll.contains(i)) endHere.add(i);
            List<Instruction> srcHere = new ArrayList<>();
            for (Instruction i : srcList) if (i.parent().parent() == t) srcHere.add(i);
            if (srcHere.isEmpty()) continue; // the dependency lives in another copy of the code
            // In a function that never returns (a kthread's endless loop), post-dominance rests on a made-up exit, and
            // so does control dependence: too weak a ground to call a control dependency lost.
            if (d.type() == Dependency.Type.CTRL && (neverReturns(t) || neverReturns(beforeFn.function()))) continue;
            if (present(tf, d.type(), srcAll, identitySet(endHere))) continue;
            classify(beforeFn, d, tf, srcHere, endHere, new Counterparts.Match(end.exact(), end.merged(),
                    byOrder || end.byOrder()));
        }
    }

    /**
     * An address or data dependency whose order the accesses keep by themselves: it begins at an acquire (a {@code load
     * atomic acquire}, an {@code AcqRel} RMW), which orders everything after it, or ends at a release, which orders
     * everything before it. Losing the dependency loses no order, so it is not compared (as ctrl-hoisted-store and
     * the control dependencies above leave them out).
     */
    private static boolean orderedByItself(FunctionContext f, Dependency d) {
        if (d.source().ordersLater()) return true;
        if (d.ending().parent().parent() != f.function()) return false;
        for (MarkedAccess w : f.marked().of(d.ending())) if (w.ordersEarlier()) return true;
        return false;
    }

    /**
     * A control dependency into the next iteration of a loop: the store comes before the branch in the loop body (the
     * branch does not dominate it), and runs again only because the branch let the loop go on. The LKMM orders it
     * too, but loop rotation and peeling reshape such loops so much that matching them is guesswork: not compared.
     */
    private static boolean loopCarried(FunctionContext f, Dependency d) {
        if (!d.endingCalls().isEmpty() || d.chain().size() < 2) return false;
        Instruction branch = d.chain().get(d.chain().size() - 2);
        if (branch.parent().parent() != f.function() || d.ending().parent().parent() != f.function()) return false;
        return !f.dominators().dominates(branch.parent(), d.ending().parent());
    }

    /**
     * A chain through {@code llvm.is.constant} (C's {@code __builtin_constant_p}): a branch the front end leaves for the
     * optimizer to fold, as {@code rcu_assign_pointer()} does to pick WRITE_ONCE for a constant NULL. No dependency the
     * author wrote runs through it.
     */
    private static boolean throughCompileTimeTest(Dependency d) {
        for (Instruction i : d.chain()) {
            dev.lkmmhazard.ir.Function f = i.calledFunction();
            if (f != null && f.intrinsic() == Intrinsic.IS_CONSTANT) return true;
        }
        return false;
    }

    /**
     * A control dependency through a loop's exit test (the wait loops of swait_event(), list walks that end in a
     * goto): the store runs once the loop is left. Loop rotation duplicates the test and the load feeding it, so the
     * IR after optimization keeps the order without a single branch to show it: not compared.
     */
    private static boolean loopExit(FunctionContext f, Dependency d) {
        if (d.chain().size() < 2) return false;
        Instruction branch = d.chain().get(d.chain().size() - 2);
        if (branch.parent().parent() != f.function()) return false;
        var loop = f.loops().loopOf(branch.parent());
        if (loop == null) return false;
        for (BasicBlock s : f.cfg().successors(branch.parent())) if (!loop.contains(s)) return true;
        return false;
    }

    /**
     * An x86 per-CPU access ({@code this_cpu_write()}: asm on {@code %gs:}): only the local CPU touches the variable,
     * so no other CPU can observe an order between it and the load.
     */
    private static boolean perCpu(Instruction ending) {
        return ending.callee() instanceof dev.lkmmhazard.ir.InlineAsm asm && asm.asmText().contains("%gs:");
    }

    /**
     * Calls that are no marked access (a plain call, a printk, a lock call), LLVM intrinsics ({@code llvm.assume},
     * {@code llvm.read_register}, debug and lifetime markers): never the end of a dependency diff compares.
     */
    private static boolean notAnAccess(FunctionContext f, Instruction ending) {
        if (!ending.opcode().isCallLike()) return false;
        if (ending.intrinsic().isIntrinsic() && !ending.intrinsic().isMemoryTransfer()) return true;
        return f.marked().of(ending).isEmpty() && !(ending.callee() instanceof dev.lkmmhazard.ir.InlineAsm);
    }

    private static boolean neverReturns(dev.lkmmhazard.ir.Function f) {
        for (BasicBlock b : f.blocks()) {
            Instruction t = b.terminator();
            if (t != null && t.opcode() == Opcode.RET) return false;
        }
        return true;
    }

    private static boolean present(FunctionContext f, Dependency.Type type, Set<Instruction> src, Set<Instruction> end) {
        if (end.isEmpty()) return false;
        for (Dependency x : f.dependencies())
            if (x.type() == type && src.contains(x.source().instruction()) && end.contains(x.ending())) return true;
        return presentThroughMarkedRead(f, type, src, end);
    }

    /**
     * The order kept by two dependencies in a row: an address dependency from the beginning to another marked read,
     * and from that read one of the same type to the ending ({@code compound_head()} of a page found through
     * {@code compound_head()}: the optimizer may route the address through the second read). The LKMM orders each
     * leg, so the ending still comes after the beginning.
     */
    private static boolean presentThroughMarkedRead(FunctionContext f, Dependency.Type type, Set<Instruction> src,
                                                    Set<Instruction> end) {
        Set<Instruction> middle = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Dependency x : f.dependencies())
            if (x.type() == Dependency.Type.ADDR && src.contains(x.source().instruction()) && f.marked().isMarked(x.ending()))
                for (MarkedAccess m : f.marked().of(x.ending())) if (m.startsDependencies()) middle.add(x.ending());
        if (middle.isEmpty()) return false;
        for (Dependency y : f.dependencies())
            if (y.type() == type && middle.contains(y.source().instruction()) && end.contains(y.ending())) return true;
        return false;
    }

    private void classify(FunctionContext beforeFn, Dependency d, FunctionContext tf, List<Instruction> src,
                          List<Instruction> end, Counterparts.Match match) {
        Set<Value> derived = derivedValues(tf, src);
        Instruction r = src.get(0);
        String what = describe(d);
        if (end.isEmpty()) {
            // The ending has no copy here. Under a folded branch that is dead code, not a hazard of its own: the
            // surviving arm reports the folding. Everything else under that branch goes with it.
            if (d.type() == Dependency.Type.CTRL && !branchOn(tf, derived)) {
                explained.add(d.ending());
                if (d.chain().size() >= 2) foldedBranches.add(d.chain().get(d.chain().size() - 2));
            }
            return; // removed for another reason: removedAccesses() reports a marked ending
        }
        Instruction w = end.get(0);
        // The value went into a function that is only declared here (find_next_bit() once its inline fast path is
        // gone) and came back into the ending: the dependency may go on inside it, and no compiler sees through it.
        if (d.type() != Dependency.Type.CTRL && throughOpaqueCall(tf, src, w)) return;
        // A stack object of this function after inlining (a helper filled the caller's local array, test_bit() on a
        // local word): no other CPU sees it. A store into one is value flow after optimization, not an ending; a load
        // is reported, and the judgement calls it benign and names the local (afs_iterate_addresses()'s `set`).
        Value root = dev.lkmmhazard.analysis.SharedMemory.root(w.pointerOperand());
        if (root instanceof Instruction a && a.opcode() == Opcode.ALLOCA && w.opcode() != Opcode.LOAD) return;
        boolean merged = match.exact().isEmpty();
        Rule cause;
        String message;
        switch (d.type()) {
            case CTRL -> {
                boolean asmGoto = d.chain().size() >= 2 && d.chain().get(d.chain().size() - 2).opcode() == Opcode.CALLBR;
                if (asmGoto && branchOn(tf, derived)) return; // an asm goto keeps its branch: where the store went does not matter
                if (asmGoto) {
                    cause = Rules.CTRL_FOLDED_CONDITION;
                    message = "the input of the asm goto on the marked load was folded to a constant, so " + what + " is gone";
                } else if (selectedBy(tf, w, derived)) {
                    cause = Rules.CTRL_TO_SELECT;
                    message = "the branch on the marked load became a select that chooses what this store writes: " + what
                            + " is now a data dependency, which the LKMM does not promise";
                } else if (merged || branchOn(tf, derived)) {
                    // A merged copy stood in both arms: hoisted or sunk, even where the emptied branch was removed.
                    cause = Rules.CTRL_HOISTED_STORE;
                    message = "the store left the arms of the branch on the marked load" + (merged ? " (merged with the other arm's store)" : "")
                            + ": " + what + " is gone";
                } else {
                    cause = Rules.CTRL_FOLDED_CONDITION;
                    message = "the condition on the marked load was folded: no branch depends on it any more, so " + what + " is gone";
                }
            }
            case ADDR -> {
                if (constantAddress(tf, w, derived)) {
                    cause = Rules.ADDR_POINTER_SUBSTITUTED;
                    message = "the address was replaced by the constant the loaded value was compared with: " + what + " is gone";
                } else {
                    cause = Rules.ADDR_DEP_BROKEN;
                    message = "the address no longer depends on the marked load (cancelled arithmetic or a known value): " + what + " is gone";
                }
            }
            default -> {
                cause = Rules.DATA_DEP_BROKEN;
                message = "the stored value no longer depends on the marked load (cancelled arithmetic or a known value): " + what + " is gone";
            }
        }
        explained.add(d.ending());
        List<Instruction> beforeChain = new ArrayList<>(d.chain());
        found.report(cause, tf, w, message)
                .beginning(r, d.type()).judgedWith(beforeFn, d)
                .note(r, "the marked " + d.source().kind() + " where the dependency began")
                .evidence(List.of(r, w))
                .before(before.file(), beforeChain)
                .sourceFrom(d.ending(), d.endingCalls(), false)
                .weak(match.byOrder() ? "without debug info, the accesses were matched by function, kind, object and order"
                        : merged ? "the store was matched as a merged copy (line 0) of the same kind and object" : null)
                // matched by order, an ending may be another access of the same object: never more than a note
                .unknown(match.byOrder() && orderMatchUndecided ? "matched-by-source" : null, "without debug info the ends were matched by"
                        + " function, kind, object and order, not by source position; compile both files with -g")
                .severity(match.byOrder() && orderMatchUndecided ? dev.lkmmhazard.report.Severity.NOTE : cause.severity())
                .report();
    }

    /** Whether an operand of w derives from the sources through calls of functions the module only declares. */
    private static boolean throughOpaqueCall(FunctionContext f, List<Instruction> sources, Instruction w) {
        DefUse du = f.defUse();
        Set<Value> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Value> work = new ArrayList<>(sources);
        seen.addAll(sources);
        Set<Value> afterCall = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!work.isEmpty()) {
            Value v = work.remove(work.size() - 1);
            if (du.index(v) < 0) continue;
            boolean viaCall = afterCall.contains(v);
            for (Instruction u : du.users(v)) {
                boolean opaque = u.opcode() == Opcode.CALL && !(u.callee() instanceof dev.lkmmhazard.ir.InlineAsm)
                        && (u.calledFunction() == null || !u.calledFunction().isDefinition()) && !u.intrinsic().isIntrinsic();
                if (!(computes(u) || opaque) || !seen.add(u)) continue;
                if (viaCall || opaque) afterCall.add(u);
                work.add(u);
            }
        }
        for (int k = 0; k < w.operandCount(); k++) if (afterCall.contains(w.operand(k))) return true;
        return false;
    }

    private static String describe(Dependency d) {
        String end = d.endingKind().keyword;
        SourcePosition a = userPosition(d.source().instruction()), b = userPosition(d.ending());
        // the file only when the two ends are in different files (a Rust access inlined from core and never left it)
        boolean files = a != null && b != null && !a.file().equals(b.file());
        return "the " + d.type().keyword + " dependency from the " + d.source().kind() + where(a, files) + " to the " + end
                + where(b, files);
    }

    /** " on line N" (" of FILE" too when the ends are in different files), or " at library/...:N" in Rust's library. */
    private static String where(SourcePosition p, boolean files) {
        if (p == null) return "";
        if (p.inRustLibrary() && !p.isMerged()) return " at " + p.libraryText();
        return " on line " + p.line() + (files ? " of " + baseName(p.file()) : "");
    }

    /**
     * The position a reader looks for: the innermost frame outside Rust's standard library (before optimization
     * rustc's MIR inliner has already put core's {@code AtomicU32::store} body, at core's line, into the caller).
     */
    private static SourcePosition userPosition(Instruction i) {
        List<SourcePosition> frames = SourcePosition.frames(i);
        if (frames.isEmpty()) return null;
        for (SourcePosition p : frames)
            if (!dev.lkmmhazard.report.SourceLocation.isRustLibrary(p.file()) && !p.isMerged()) return p;
        return frames.get(0);
    }

    private static String baseName(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? file : file.substring(slash + 1);
    }

    // ------------------------------------------------------------------------------------------- value flow after

    /** The values computed from the sources in f, through SSA operations (not through memory or calls). */
    private static Set<Value> derivedValues(FunctionContext f, List<Instruction> sources) {
        DefUse du = f.defUse();
        Set<Value> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Value> work = new ArrayList<>();
        for (Instruction s : sources) {
            if (seen.add(s)) work.add(s);
        }
        while (!work.isEmpty()) {
            Value v = work.remove(work.size() - 1);
            if (du.index(v) < 0) continue;
            for (Instruction u : du.users(v)) {
                if (!computes(u) || !seen.add(u)) continue;
                work.add(u);
            }
        }
        return seen;
    }

    private static boolean computes(Instruction i) {
        if (i.opcode() == Opcode.CALL && pureIntrinsic(i)) return true;
        return switch (i.opcode()) {
            case LOAD, STORE, CALL, INVOKE, CALLBR, FENCE, ATOMICRMW, CMPXCHG, ALLOCA, RET, BR, SWITCH, INDIRECTBR,
                 UNREACHABLE, RESUME, VA_ARG, LANDINGPAD, CATCHPAD, CLEANUPPAD, CATCHSWITCH, CATCHRET, CLEANUPRET -> false;
            default -> true;
        };
    }

    /** min/max, bit counts, rotates, byte swaps and overflow arithmetic: intrinsics that only compute a value. */
    private static boolean pureIntrinsic(Instruction i) {
        return switch (i.intrinsic()) {
            case SMAX, SMIN, UMAX, UMIN, ABS, CTPOP, CTLZ, CTTZ, FSHL, FSHR, BSWAP, SADD_WITH_OVERFLOW, UADD_WITH_OVERFLOW,
                 SSUB_WITH_OVERFLOW, USUB_WITH_OVERFLOW, SMUL_WITH_OVERFLOW, UMUL_WITH_OVERFLOW -> true;
            default -> false;
        };
    }

    /** Whether a conditional branch (or an asm goto's input) in f is computed from the derived values. */
    private static boolean branchOn(FunctionContext f, Set<Value> derived) {
        for (BasicBlock b : f.function().blocks()) {
            Instruction t = b.terminator();
            if (t == null) continue;
            switch (t.opcode()) {
                case BR, SWITCH, INDIRECTBR -> {
                    if (t.operandCount() > 0 && derived.contains(t.operand(0))) return true;
                }
                case CALLBR -> {
                    for (int k = 0; k < t.operandCount() - 1; k++) if (derived.contains(t.operand(k))) return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** Whether a value or address operand of w comes from a select (or phi) whose condition derives from the load. */
    private static boolean selectedBy(FunctionContext f, Instruction w, Set<Value> derived) {
        for (int k = 0; k < w.operandCount(); k++) {
            Value v = w.operand(k);
            Set<Value> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            if (selectOn(f, v, derived, seen, 0)) return true;
        }
        return false;
    }

    private static boolean selectOn(FunctionContext f, Value v, Set<Value> derived, Set<Value> seen, int depth) {
        if (!(v instanceof Instruction i) || depth > 16 || !seen.add(v)) return false;
        if (i.opcode() == Opcode.SELECT && derived.contains(i.operand(0))) return true;
        if (i.opcode() == Opcode.PHI && phiOn(f, i, derived)) return true;
        if (minMaxOn(i, derived)) return true;
        if (i.opcode() == Opcode.LOAD || i.opcode() == Opcode.CALL) return false;
        for (int k = 0; k < i.operandCount(); k++) if (selectOn(f, i.operand(k), derived, seen, depth + 1)) return true;
        return false;
    }

    /** {@code llvm.smax/smin/umax/umin} of a derived value: a max() or min() that was a branch on it before. */
    private static boolean minMaxOn(Instruction i, Set<Value> derived) {
        Intrinsic id = i.intrinsic();
        if (id != Intrinsic.SMAX && id != Intrinsic.SMIN && id != Intrinsic.UMAX && id != Intrinsic.UMIN) return false;
        for (int k = 0; k < i.operandCount() - 1; k++) if (derived.contains(i.operand(k))) return true;
        return false;
    }

    /**
     * A phi in the join of a branch on the load, choosing between values the arms gave: a select in all but name
     * (the stores of the arms were sunk into the join as one store of the phi). Loop headers do not count.
     */
    private static boolean phiOn(FunctionContext f, Instruction phi, Set<Value> derived) {
        BasicBlock[] incoming = phi.blocks();
        if (incoming.length < 2) return false;
        var dom = f.dominators();
        var cfg = f.cfg();
        int common = cfg.index(incoming[0]);
        for (BasicBlock b : incoming) {
            if (dom.dominates(phi.parent(), b)) return false; // a back edge: a loop header
            common = dom.nearestCommonDominator(common, cfg.index(b));
            if (common < 0) return false;
        }
        Instruction t = cfg.block(common).terminator();
        if (t == null) return false;
        return switch (t.opcode()) {
            case BR, SWITCH -> t.operandCount() > 0 && derived.contains(t.operand(0));
            default -> false;
        };
    }

    /**
     * Whether the address of w is a constant (or a select or gep of one) and f compares a value derived from the load
     * with a constant: the pointer (or index) substituted by what it was compared equal to.
     */
    private static boolean constantAddress(FunctionContext f, Instruction w, Set<Value> derived) {
        Value addr = Counterparts.address(f.module(), w);
        if (!constantBased(addr, 0)) return false;
        for (Value v : derived) {
            if (v instanceof Instruction i && i.opcode() == Opcode.ICMP) {
                for (int k = 0; k < 2; k++)
                    if (i.operand(k) instanceof Constant && !derived.contains(i.operand(k))) return true;
            }
        }
        return false;
    }

    private static boolean constantBased(Value v, int depth) {
        if (v == null || depth > 8) return false;
        if (v instanceof GlobalValue || v instanceof ConstantExpr) return true;
        if (v instanceof Instruction i) {
            if (i.opcode() == Opcode.SELECT) return constantBased(i.operand(1), depth + 1) || constantBased(i.operand(2), depth + 1);
            if (i.opcode() == Opcode.GETELEMENTPTR) return constantBased(i.operand(0), depth + 1);
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------- removed accesses

    /** Marked accesses of the IR before with no copy after, that no finding above explains. */
    private void removedAccesses() {
        if (!before.hasDebugInfo() || !after.hasDebugInfo()) return;
        for (FunctionContext f : before.functions()) {
            Function a = after.module().function(f.function().name());
            boolean stillDefined = a != null && a.isDefinition() && !a.blocks().isEmpty();
            for (MarkedAccess m : f.marked().all()) {
                Instruction i = m.instruction();
                if (explained.contains(i) || underFoldedBranch(f, i)) continue;
                Counterparts.Match copies = counterparts.of(i, f.function().name());
                if (!copies.isEmpty()) continue;
                // A function that is gone after (inlined everywhere, or unused) took its accesses with it only if no
                // caller holds a copy; an unused static function is not a hazard.
                if (!stillDefined) continue;
                removed.report(Rules.MARKED_ACCESS_REMOVED, f, i,
                        "this marked " + m.kind() + " has no counterpart after optimization: it was removed or merged")
                        .report();
            }
        }
    }

    /**
     * Whether i runs only on some outcomes of a branch whose condition the optimizer folded (dead code after), or of
     * a branch on a constant already (the arm of {@code __builtin_constant_p} the front end decided against).
     */
    private boolean underFoldedBranch(FunctionContext f, Instruction i) {
        for (BasicBlock b : f.controlDependence().controllingBranches(i.parent())) {
            Instruction t = b.terminator();
            if (foldedBranches.contains(t)) return true;
            if (t != null && t.opcode() == Opcode.BR && t.operandCount() == 1 && t.operand(0) instanceof dev.lkmmhazard.ir.Constant)
                return true;
        }
        return false;
    }

    private static Set<Instruction> identitySet(List<Instruction> l) {
        Set<Instruction> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(l);
        return s;
    }
}
