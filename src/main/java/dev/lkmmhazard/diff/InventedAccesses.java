package dev.lkmmhazard.diff;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.Addresses;
import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.DominatorTree;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.SharedMemory;
import dev.lkmmhazard.ir.BasicBlock;
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
 * Plain accesses of shared memory that run after optimization where they did not run before:
 * <ul>
 *   <li>{@code load-speculated}: a load that ran only on some paths before (under an {@code if} or in a loop that may
 *       not run) and now runs on every path through its function;</li>
 *   <li>{@code store-invented}: the same for a store (a store the source made on some paths now made on all);</li>
 *   <li>{@code load-invented}: a load the source made once, now made twice in one block (a re-load).</li>
 * </ul>
 * Each access after optimization is matched to the accesses before it came from by source position
 * or, where the optimizer dropped its line, by the object it accesses. "Runs where it did not" means a branch that
 * guarded it before guards it no more, and its copies before did not cover every path from entry to return.
 */
final class InventedAccesses {
    private final ModuleContext before;
    private final ModuleContext after;
    private final Findings found;

    InventedAccesses(ModuleContext before, ModuleContext after, Findings found) {
        this.before = before;
        this.after = after;
        this.found = found;
    }

    void run() {
        // positions of the plain shared accesses before, with the instructions there
        Map<SourcePosition, List<Instruction>> beforeAt = new java.util.HashMap<>();
        for (FunctionContext f : before.functions())
            for (BasicBlock b : f.function().blocks())
                for (Instruction i : b.instructions()) {
                    // plainShared first: a position reads the location's metadata, deferred until then
                    if (!plainShared(i)) continue;
                    SourcePosition p = SourcePosition.of(i);
                    if (p != null && !p.isMerged()) beforeAt.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                }
        for (FunctionContext f : after.functions()) {
            Map<SourcePosition, List<Instruction>> copies = new java.util.HashMap<>();
            for (BasicBlock b : f.function().blocks())
                for (Instruction i : b.instructions()) {
                    if (!plainShared(i)) continue;
                    SourcePosition p = SourcePosition.of(i);
                    List<Instruction> origin = p == null || p.isMerged() ? null : beforeAt.get(p);
                    boolean byObject = false;
                    if (origin == null) {
                        // A speculated load often loses its location, or takes the if's: find where it came from by
                        // the object, among the same function's accesses before.
                        origin = sameObjectBefore(f, i);
                        byObject = true;
                        if (origin.isEmpty()) continue;
                    } else {
                        copies.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
                    }
                    if (escapedAGuard(f, i, origin) && !coverEveryPath(origin)) {
                        boolean load = i.opcode() == Opcode.LOAD;
                        // a load still after an acquire read on every path is ordered by it, whatever became of its guard
                        if (load && dev.lkmmhazard.analysis.GuardedByMarkedRead.afterAcquire(f, null, i)) continue;
                        Rule cause = load ? Rules.LOAD_SPECULATED : Rules.STORE_INVENTED;
                        found.report(cause, f, i, (load ? "this plain load" : "this plain store")
                                + " of shared memory now runs on paths where the source did not make it: a condition that"
                                + " guarded it before optimization guards it no more")
                                .beginning(null, Dependency.Type.CTRL)
                                .before(before.file(), origin.subList(0, 1))
                                .sourceFrom(origin.get(0), List.of(), byObject)
                                .weak(byObject ? "the access lost its source line; it was matched by the object it accesses"
                                        + " to the same function's accesses before optimization" : null)
                                .judgedPlain(before.function(origin.get(0).parent().parent()), origin.get(0), null)
                                .report();
                    }
                }
            for (Map.Entry<SourcePosition, List<Instruction>> e : copies.entrySet()) reloads(f, e.getValue(), beforeAt.get(e.getKey()));
        }
    }

    /**
     * Two copies of one load in one block where the source had one (outside loops): a re-load. Copies in different
     * blocks are left out, since partial redundancy elimination and tail duplication make those without adding a
     * read on any path.
     */
    private void reloads(FunctionContext f, List<Instruction> all, List<Instruction> allOrigin) {
        // a position may hold a load and a store (x++): only the loads count
        List<Instruction> copies = new ArrayList<>(), origin = new ArrayList<>();
        for (Instruction i : all) if (i.opcode() == Opcode.LOAD) copies.add(i);
        for (Instruction i : allOrigin) if (i.opcode() == Opcode.LOAD) origin.add(i);
        if (copies.size() < 2 || origin.isEmpty()) return;
        // Two reads of shared memory at one position in the source (a macro body such as a tracepoint's
        // TP_fast_assign(), where every statement has the macro's position) may be the two reads after: not one read
        // made twice.
        // The reads are counted per function before optimization: the copies may be in a helper inlined since.
        Map<dev.lkmmhazard.ir.Function, Integer> readsPerFunction = new IdentityHashMap<>();
        for (Instruction o : origin) if (readsPerFunction.merge(o.parent().parent(), 1, Integer::sum) >= 2) return;
        for (Instruction o : origin) {
            FunctionContext bf = before.function(o.parent().parent());
            if (bf.loops().isInLoop(o.parent())) return; // a loop reads it again on purpose; unrolling makes copies
        }
        for (int a = 0; a < copies.size(); a++)
            for (int b = 0; b < copies.size(); b++) {
                Instruction x = copies.get(a), y = copies.get(b);
                if (x == y || f.loops().isInLoop(y.parent()) || x.parent() != y.parent()) continue;
                // one source expression may read two objects (per_cpu_ptr(p->sda, cpu)): a re-load reads the same address
                if (!Addresses.same(x.pointerOperand(), y.pointerOperand())) continue;
                // the same helper line inlined at two call sites is two reads in the source, not one read twice
                if (!SourcePosition.frames(x).equals(SourcePosition.frames(y))) continue;
                if (x.parent().instructions().indexOf(x) > y.parent().instructions().indexOf(y)) continue;
                found.report(Rules.LOAD_INVENTED, f, y,
                                "this plain load reads the object again on a path where the source read it once: a value"
                                        + " that changed in between makes the two reads disagree")
                        .note(x, "the first read of the same source access")
                        .before(before.file(), origin.subList(0, 1))
                        .judgedPlain(before.function(origin.get(0).parent().parent()), origin.get(0), null)
                        .report();
                return;
            }
    }

    /** The plain accesses of the same kind to the same constant address in the function of the same name before. */
    private List<Instruction> sameObjectBefore(FunctionContext f, Instruction i) {
        Value a = i.pointerOperand();
        if (!(a instanceof dev.lkmmhazard.ir.Constant)) return List.of();
        dev.lkmmhazard.ir.Function bf = before.module().function(f.function().name());
        if (bf == null || !bf.isDefinition()) return List.of();
        List<Instruction> out = new ArrayList<>();
        for (BasicBlock b : bf.blocks())
            for (Instruction x : b.instructions())
                if (x.opcode() == i.opcode() && plainShared(x) && x.pointerOperand() instanceof dev.lkmmhazard.ir.Constant c
                        && c.reference().equals(a.reference())) out.add(x);
        return out;
    }

    private static boolean plainShared(Instruction i) {
        boolean access = SharedMemory.isPlainLoad(i) || (i.opcode() == Opcode.STORE && !i.isVolatile() && !i.isAtomic());
        if (!access) return false;
        Value root = SharedMemory.root(i.pointerOperand());
        return SharedMemory.isShared(root) && !SharedMemory.isOnceFlag(root);
    }

    /**
     * Whether the access after optimization runs without a condition that guarded it before: some branch its copy
     * before was control dependent on (named by the branch's source line) guards no longer. An access that now runs on
     * every path has lost all its guards; one hoisted out of {@code if (i > 4)} in a loop into the loop's preheader
     * keeps only the loop's own guard.
     */
    private boolean escapedAGuard(FunctionContext f, Instruction access, List<Instruction> origin) {
        // Guards are named by source lines, which optimized code keeps only in part: to stay precise, only two shapes
        // count, an access that now runs on every path, and one that left the loop it was guarded in.
        boolean everyPath = runsOnEveryPath(f, access.parent());
        boolean leftLoop = !f.loops().isInLoop(access.parent()) && inLoop(origin);
        if (!everyPath && !leftLoop) return false;
        Set<Integer> now = guardLines(f, access.parent());
        for (Instruction o : origin) {
            FunctionContext bf = before.function(o.parent().parent());
            for (int line : guardLines(bf, o.parent())) if (!now.contains(line)) return true;
        }
        return false;
    }

    /** The block runs whenever the function returns normally: it post-dominates the entry. */
    private static boolean runsOnEveryPath(FunctionContext f, BasicBlock b) {
        DominatorTree post = f.postDominators();
        return post.contains(b) && post.dominates(b, f.function().entry());
    }

    /**
     * Whether an access before ran inside a loop, but not in the loop's header: the header (a for loop's test) runs
     * whenever the loop is entered, so a read there hoisted in front of the loop was going to happen anyway.
     */
    private boolean inLoop(List<Instruction> origin) {
        for (Instruction o : origin) {
            var loop = before.function(o.parent().parent()).loops().loopOf(o.parent());
            if (loop != null && loop.header() != o.parent()) return true;
        }
        return false;
    }

    /** The source lines of the branches a block is control dependent on (branches without a line are left out). */
    private static Set<Integer> guardLines(FunctionContext f, BasicBlock b) {
        Set<Integer> out = new java.util.HashSet<>();
        for (BasicBlock branch : f.controlDependence().controllingBranches(b)) {
            Instruction t = branch.terminator();
            SourcePosition p = t == null ? null : SourcePosition.of(t);
            if (p != null && !p.isMerged()) out.add(p.line());
        }
        return out;
    }

    /** Whether every path from the entry to an exit of their function passes through one of these instructions. */
    private boolean coverEveryPath(List<Instruction> origin) {
        FunctionContext f = before.function(origin.get(0).parent().parent());
        Set<BasicBlock> cover = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Instruction i : origin) if (i.parent().parent() == f.function()) cover.add(i.parent());
        if (cover.contains(f.function().entry())) return true;
        Cfg cfg = f.cfg();
        boolean[] seen = new boolean[cfg.size()];
        List<Integer> work = new ArrayList<>(List.of(0));
        seen[0] = true;
        while (!work.isEmpty()) {
            int b = work.remove(work.size() - 1);
            // a return reached without passing the access; paths that end in unreachable (a panic, BUG()) do not count,
            // since the checks that lead there (Rust's overflow checks at opt-level 0) are gone after optimization
            Instruction t = cfg.block(b).terminator();
            if (t != null && t.opcode() == Opcode.RET) return false;
            for (int k = 0; k < cfg.successorCount(b); k++) {
                int s = cfg.successor(b, k);
                if (!seen[s] && !cover.contains(cfg.block(s))) {
                    seen[s] = true;
                    work.add(s);
                }
            }
        }
        return true;
    }
}
