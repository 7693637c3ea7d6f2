package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayDeque;
import java.util.List;

/** What the four fragile-* checks share: where a dependency's load sits in the reported function. */
public final class FragileSupport {
    private FragileSupport() {}

    /** The value of the marked load as this function sees it: the load, or the call that brought it back. */
    public static Value rootValue(Dependency d) {
        if (!d.sourceCalls().isEmpty()) return d.sourceCalls().get(0);
        return d.source().loadedValue();
    }

    /** The instruction of this function where the marked load happens (or the call that makes it). */
    public static Instruction rootPosition(Dependency d) {
        return d.sourceCalls().isEmpty() ? d.source().instruction() : d.sourceCalls().get(0);
    }

    /** The instruction of this function where the dependency ends (or the call inside which it ends). */
    public static Instruction endPosition(Dependency d) {
        return d.endingCalls().isEmpty() ? d.ending() : d.endingCalls().get(0);
    }

    /** A fence or a memory-clobbering asm (barrier(), smp_mb()): nothing moves across it. */
    public static boolean isBarrier(MarkedAccess a) {
        return a.kind() == MarkedAccess.Kind.FENCE || a.kind() == MarkedAccess.Kind.BARRIER || a.clobbersMemory();
    }

    /**
     * The blocks from which a {@code ret} can be reached. A branch one of whose successors cannot return is an
     * assertion (Rust's overflow and bounds checks, BUG()): folding it moves no store.
     */
    public static boolean[] canReturn(FunctionContext fn) {
        var cfg = fn.cfg();
        boolean[] ok = new boolean[cfg.size()];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        for (int b = 0; b < cfg.size(); b++) {
            Instruction t = cfg.block(b).terminator();
            if (t != null && t.opcode() == Opcode.RET) { ok[b] = true; work.add(b); }
        }
        while (!work.isEmpty()) {
            int b = work.poll();
            for (int k = 0; k < cfg.predecessorCount(b); k++) {
                int p = cfg.predecessor(b, k);
                if (!ok[p]) { ok[p] = true; work.add(p); }
            }
        }
        return ok;
    }

    /**
     * The blocks reachable from the entry when branches on constants ({@code br i1 false} from a front-end-folded
     * {@code __builtin_constant_p}, {@code q % 1} ...) take only their one edge: code in the others is dead.
     */
    public static boolean[] liveBlocks(FunctionContext fn, ValueFolder folder) {
        var cfg = fn.cfg();
        boolean[] live = new boolean[cfg.size()];
        ArrayDeque<Integer> work = new ArrayDeque<>();
        live[0] = true;
        work.add(0);
        while (!work.isEmpty()) {
            BasicBlock b = cfg.block(work.poll());
            Instruction t = b.terminator();
            BasicBlock only = t == null ? null : folder.constantSuccessor(t);
            List<BasicBlock> next = only != null ? List.of(only) : cfg.successors(b);
            for (BasicBlock s : next) {
                int i = cfg.index(s);
                if (!live[i]) { live[i] = true; work.add(i); }
            }
        }
        return live;
    }
}
