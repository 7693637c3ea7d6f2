package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.SharedMemory;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.SourceLocations;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.ControlDependence;
import dev.lkmmhazard.analysis.Loops;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code load-fused-loop}: a loop waiting on a plain load no longer re-reads memory: it spins forever on one value.
 * See {@code docs/checks/load-fused-loop.md}.
 *
 * <p>The shape: a natural loop that reads no memory another CPU can write (loads of its own stack slots only), calls
 * nothing but intrinsics without memory effects, runs no asm, and whose every exit test is loop-invariant (or that
 * has no exit at all); and a plain load of shared memory outside the loop that decides whether it is entered or left.
 * That is {@code while (!flag) ...;} after LICM hoisted the load of {@code flag}: the loop either never runs or never
 * ends. A side-effecting asm such as {@code cpu_relax()}, or any call, makes LLVM re-read the flag, so such loops are
 * not this shape (corpus/README.md).
 *
 * <p>Source that really loops forever behind a test ({@code if (!flag) for (;;) WRITE_ONCE(x, 1);}) has the same IR.
 * With debug info the finding requires that the test and the loop's own branch come from one source line (the
 * rotated {@code while} condition); without debug info it is reported with that caveat.
 */
public final class LoadFusedLoop implements Check {
    @Override public Rule rule() { return Rules.LOAD_FUSED_LOOP; }

    /** How far back a condition is followed to the load it tests. */
    private static final int SLICE_DEPTH = 8;

    @Override public void check(FunctionContext fn, Findings out) {
        if (!hasBackEdge(fn.function())) return; // most functions have no loop: skip the analyses
        Loops loops = fn.loops();
        boolean debug = fn.function().subprogram() != null;
        for (Loops.Loop loop : loops.loops()) judge(out, fn, loops, loop, debug);
    }

    /** A cheap pre-test: some branch goes to a block at or above itself in the file (every loop has such an edge). */
    private static boolean hasBackEdge(Function f) {
        List<BasicBlock> blocks = f.blocks();
        if (blocks.size() < 2 && (blocks.isEmpty() || blocks.get(0).terminator() == null)) return false;
        java.util.IdentityHashMap<BasicBlock, Integer> order = new java.util.IdentityHashMap<>();
        for (int i = 0; i < blocks.size(); i++) order.put(blocks.get(i), i);
        for (int i = 0; i < blocks.size(); i++) {
            Instruction t = blocks.get(i).terminator();
            if (t == null) continue;
            for (BasicBlock s : t.blocks()) {
                Integer k = order.get(s);
                if (k != null && k <= i) return true;
            }
        }
        return false;
    }

    private void judge(Findings out, FunctionContext fn, Loops loops, Loops.Loop loop, boolean debug) {
        Cfg cfg = fn.cfg();
        // 1. the body re-reads nothing shared and has no effect that would make LLVM re-read
        for (int k = 0; k < loop.blockCount(); k++) {
            for (Instruction i : cfg.block(loop.blockIndex(k)).instructions()) {
                if (!quiet(i)) return;
            }
        }
        // 2. every exit test is loop-invariant
        List<Cfg.Edge> exits = loops.exits(loop);
        Instruction exitTest = null;
        for (Cfg.Edge e : exits) {
            Instruction t = e.source().terminator();
            if (t == null || (t.opcode() != Opcode.BR && t.opcode() != Opcode.SWITCH) || t.operandCount() == 0) return;
            if (!invariant(t.operand(0), loop, 0)) return;
            if (exitTest == null) exitTest = t;
        }
        // 3. a plain load of shared memory outside the loop decides whether it runs or ends
        Instruction test = null;
        Instruction flag = null;
        if (exitTest != null) {
            flag = feedingLoad(exitTest.operand(0), loop, 0);
            if (flag != null) test = exitTest;
        }
        if (flag == null) {
            ControlDependence cd = fn.controlDependence();
            int h = loop.headerIndex();
            for (int k = 0, n = cd.controllingEdgeCount(h); k < n && flag == null; k++) {
                int src = cfg.edgeSource(cd.controllingEdge(h, k));
                if (loop.contains(src)) continue;
                Instruction t = cfg.block(src).terminator();
                if (t == null || (t.opcode() != Opcode.BR && t.opcode() != Opcode.SWITCH) || t.operandCount() == 0) continue;
                flag = feedingLoad(t.operand(0), loop, 0);
                if (flag != null) test = t;
            }
        }
        if (flag == null) return;

        // 4. with debug info: the test and the loop's own branch are one source line (one while condition)
        Instruction latch = latchBranch(loop);
        boolean sameSource = sameLine(test.debugLoc(), latch == null ? null : latch.debugLoc())
                || sameLine(flag.debugLoc(), latch == null ? null : latch.debugLoc());
        if (debug && !sameSource) return;

        Instruction at = flag;
        if (debug && (flag.debugLoc() == null || flag.debugLoc().line() == 0)) at = test; // keep a source line to show
        String flagText = SharedMemory.root(flag.operand(0)).reference();
        FindingBuilder f = report(out, fn, at, "the loop never re-reads " + flagText + ": its only read is the plain load"
                + " before the loop, so the loop " + (exits.isEmpty() ? "never ends once entered" : "cannot see a change")
                + " (a busy-wait on a plain flag fused into one load)");
        if (at != flag) f.context(flag, "the plain load, which lost its source location when it was hoisted");
        f.note(latch != null ? latch : loop.header().terminator(), "the loop, which reads no shared memory");
        List<Instruction> ev = new ArrayList<>();
        ev.add(flag);
        if (test != flag) ev.add(test);
        if (latch != null) ev.add(latch);
        f.evidence(ev);
        if (!debug) f.weak("no debug info: a loop the source wrote as endless behind a test of the flag looks the same");
        f.report();
    }

    /** Reads no memory another thread can write, and does nothing that would make LLVM re-read such memory. */
    private static boolean quiet(Instruction i) {
        switch (i.opcode()) {
            case LOAD: return SharedMemory.isLocal(SharedMemory.root(i.pointerOperand()));
            case CALL: case INVOKE: case CALLBR: return harmlessIntrinsic(i.calledFunction());
            case ATOMICRMW: case CMPXCHG: case FENCE: case VA_ARG: return false;
            default: return true;
        }
    }

    /** Intrinsics that neither read nor write memory another thread sees (nor order anything). */
    private static boolean harmlessIntrinsic(Function f) {
        if (f == null) return false;
        return switch (f.intrinsic()) {
            case DBG, LIFETIME, ASSUME, NOALIAS_SCOPE_DECL, PSEUDOPROBE, EXPECT, UMIN, UMAX, SMIN, SMAX, ABS, CTPOP, CTLZ,
                 CTTZ, FSHL, FSHR, BSWAP, BITREVERSE, SADD_WITH_OVERFLOW, UADD_WITH_OVERFLOW, SSUB_WITH_OVERFLOW,
                 USUB_WITH_OVERFLOW, SMUL_WITH_OVERFLOW, UMUL_WITH_OVERFLOW, SADD_SAT, UADD_SAT, SSUB_SAT, USUB_SAT,
                 SMUL_FIX, UMUL_FIX, VECTOR_REDUCE -> true;
            default -> false;
        };
    }

    /** Whether v has one value for the whole loop: defined outside it, or computed inside from such values alone. */
    private static boolean invariant(Value v, Loops.Loop loop, int depth) {
        if (!(v instanceof Instruction i)) return true;
        if (!loop.contains(i.parent())) return true;
        if (depth > SLICE_DEPTH || !SharedMemory.isPureComputation(i) && i.opcode() != Opcode.SELECT) return false;
        for (int k = 0; k < i.operandCount(); k++) if (!invariant(i.operand(k), loop, depth + 1)) return false;
        return true;
    }

    /** A plain load of shared memory outside the loop that v is computed from (through pure computation); or null. */
    private static Instruction feedingLoad(Value v, Loops.Loop loop, int depth) {
        if (!(v instanceof Instruction i) || depth > SLICE_DEPTH) return null;
        if (i.opcode() == Opcode.LOAD) {
            if (loop.contains(i.parent()) || !SharedMemory.isPlainLoad(i)) return null;
            return SharedMemory.isShared(SharedMemory.root(i.operand(0))) ? i : null;
        }
        if (!SharedMemory.isPureComputation(i) && i.opcode() != Opcode.SELECT) return null;
        if (i.opcode() == Opcode.GETELEMENTPTR) return null; // an address, not a tested value
        for (int k = 0; k < i.operandCount(); k++) {
            Instruction found = feedingLoad(i.operand(k), loop, depth + 1);
            if (found != null) return found;
        }
        return null;
    }

    /** The branch of a latch back to the header, the loop's own test or jump. */
    private static Instruction latchBranch(Loops.Loop loop) {
        List<BasicBlock> latches = loop.latches();
        return latches.isEmpty() ? null : latches.get(0).terminator();
    }

    private static boolean sameLine(DILocation a, DILocation b) {
        return a != null && b != null && a.line() != 0 && a.line() == b.line()
                && SourceLocations.fileName(a).equals(SourceLocations.fileName(b));
    }
}
