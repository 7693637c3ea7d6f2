package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Ordering;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts both control checks ({@code ctrl-hoisted-store}, {@code ctrl-to-select}) need about a marked load R and a
 * marked store W: which marked load a condition is computed from, and whether something other than the lost control
 * dependency still orders R before W.
 */
public final class ControlEvidence {
    private ControlEvidence() {}

    /** How far back a condition is followed; kernel conditions are short, and this bounds the work per branch. */
    private static final int MAX_VALUES = 64;

    /** The marked access whose loaded value is {@code v}, or null. */
    public static MarkedAccess markedLoadOf(MarkedAccesses marked, Value v) {
        if (!(v instanceof Instruction i)) return null;
        List<MarkedAccess> list = marked.of(i);
        for (int k = 0, n = list.size(); k < n; k++) {
            MarkedAccess m = list.get(k);
            if (m.startsDependencies() && m.loadedValue() == v) return m;
        }
        return null;
    }

    /**
     * The chain from the nearest marked load to {@code value}, following operands backwards through the value flow
     * a dependency follows (docs/dependencies.md: arithmetic, casts, comparisons, GEPs, phis, selects, aggregates, freeze, pure intrinsics)
     * and never through a plain load: [R, ..., value]. Null when the value derives from no marked load.
     */
    public static List<Instruction> chainFromMarkedLoad(MarkedAccesses marked, Value value) {
        if (!(value instanceof Instruction start)) return null;
        // breadth first, so the chain found is a shortest one
        Map<Instruction, Instruction> next = new IdentityHashMap<>();
        Instruction[] queue = new Instruction[MAX_VALUES];
        int head = 0, tail = 0;
        queue[tail++] = start;
        next.put(start, start);
        while (head < tail) {
            Instruction i = queue[head++];
            if (markedLoadOf(marked, i) != null) {
                List<Instruction> chain = new ArrayList<>();
                for (Instruction x = i; ; x = next.get(x)) {
                    chain.add(x);
                    if (x == start) break;
                }
                return chain;
            }
            if (!carriesValue(i)) continue;
            int n = i.opcode() == Opcode.CALL ? i.operandCount() - 1 : i.operandCount();
            for (int k = 0; k < n; k++) {
                if (!(i.operand(k) instanceof Instruction op) || next.containsKey(op)) continue;
                if (tail == queue.length) return null;
                next.put(op, i);
                queue[tail++] = op;
            }
        }
        return null;
    }

    /** Instructions whose result is computed from their operands without reading memory. */
    private static boolean carriesValue(Instruction i) {
        Opcode op = i.opcode();
        if (op.isBinary() || op.isCast()) return true;
        switch (op) {
            case FNEG: case ICMP: case FCMP: case SELECT: case PHI: case FREEZE: case GETELEMENTPTR:
            case EXTRACTVALUE: case INSERTVALUE: case EXTRACTELEMENT: case INSERTELEMENT: case SHUFFLEVECTOR:
                return true;
            case CALL: {
                Intrinsic id = i.intrinsic();
                // llvm.umin, llvm.ctpop, llvm.expect ...: pure intrinsics; memory intrinsics move no value
                return id.isIntrinsic() && !id.isMemoryTransfer() && id != Intrinsic.DBG;
            }
            default:
                return false;
        }
    }

    /** The target is x86, where the kernel's acquire and release are volatile accesses beside a compiler barrier. */
    public static boolean isX86(FunctionContext fn) {
        String t = fn.module().module().triple();
        return t != null && (t.startsWith("x86_64") || t.startsWith("i386") || t.startsWith("i686") || t.startsWith("x86"));
    }

    /**
     * Whether {@code r}'s block dominates {@code w}'s and r comes first: the store runs after the load on every path.
     */
    public static boolean precedes(FunctionContext fn, Instruction r, Instruction w) {
        BasicBlock rb = r.parent(), wb = w.parent();
        if (rb == wb) return rb.instructions().indexOf(r) < rb.instructions().indexOf(w);
        return fn.dominators().dominates(rb, wb);
    }

    /**
     * Why R stays ordered before W without the control dependency, or null when nothing orders them: R is an acquire
     * load, W a release store, a full or acquire/release fence or a fully ordered RMW stands between them on every
     * path (on the dominator path from R to W), or, on x86, a compiler barrier does (that is how x86 spells
     * {@code smp_load_acquire} and {@code smp_store_release}: a volatile access beside {@code asm("":::"memory")}, and
     * TSO keeps a load before a later store). R must precede W ({@link #precedes}).
     */
    public static String orderKept(FunctionContext fn, MarkedAccess r, MarkedAccess w) {
        if (r.ordering() != null && r.ordering().isAcquireOrStronger()) return "the load is an acquire";
        if (w.ordering() != null && w.ordering().isReleaseOrStronger()) return "the store is a release";
        boolean x86 = isX86(fn);
        MarkedAccesses marked = fn.marked();
        Instruction ri = r.instruction(), wi = w.instruction();
        Cfg cfg = fn.cfg();
        DominatorTree dom = fn.dominators();
        int b = cfg.index(wi.parent());
        int rb = cfg.index(ri.parent());
        boolean first = true;
        for (int guard = 0; guard <= cfg.size(); guard++) {
            List<Instruction> insts = cfg.block(b).instructions();
            int hi = first ? insts.indexOf(wi) - 1 : insts.size() - 1;
            int lo = b == rb ? insts.indexOf(ri) + 1 : 0;
            for (int k = hi; k >= lo; k--) {
                Instruction i = insts.get(k);
                if (!marked.isMarked(i)) continue;
                List<MarkedAccess> ms = marked.of(i);
                for (int j = 0, n = ms.size(); j < n; j++) {
                    String why = orders(ms.get(j), x86);
                    if (why != null) return why;
                }
            }
            if (b == rb) return null;
            first = false;
            int up = dom.idom(b);
            if (up < 0 || up == b || up >= cfg.size()) return null;
            b = up;
        }
        return null;
    }

    private static String orders(MarkedAccess m, boolean x86) {
        Ordering o = m.ordering();
        switch (m.kind()) {
            case FENCE:
                // lfence, sfence and dmb ishst carry no ordering: they do not order a load before a store
                return o != null ? "a fence stands between them" : null;
            case RMW: case CMPXCHG:
                return o == Ordering.SEQ_CST || o == Ordering.ACQ_REL ? "a fully ordered atomic stands between them" : null;
            case BARRIER:
                // core::hint::black_box's asm clobbers memory too, but nobody writes it as a barrier, and the same IR
                // keeps no order on arm64: it stands for no x86 acquire/release
                if (BlackBox.isAsm(m.instruction())) return null;
                return x86 ? "a compiler barrier stands between them (x86 acquire/release)" : null;
            default:
                return null;
        }
    }

    /** A marked access that writes memory and that a control dependency orders: a store, RMW or cmpxchg. */
    public static boolean isOrderedWrite(MarkedAccess m) {
        if (!m.writes()) return false;
        MarkedAccess.Kind k = m.kind();
        return (k == MarkedAccess.Kind.STORE || k == MarkedAccess.Kind.RMW || k == MarkedAccess.Kind.CMPXCHG)
                && m.instruction().opcode() != Opcode.CALLBR;
    }

    /** The condition of a conditional {@code br} or of a {@code switch}; null for other terminators. */
    public static Value condition(Instruction terminator) {
        if (terminator == null) return null;
        if (terminator.opcode() == Opcode.BR && terminator.operandCount() == 1 && terminator.blocks().length == 2)
            return terminator.operand(0);
        if (terminator.opcode() == Opcode.SWITCH && terminator.operandCount() >= 1) return terminator.operand(0);
        return null;
    }
}
