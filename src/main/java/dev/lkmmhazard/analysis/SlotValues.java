package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.ConstantSpecial;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which values of one function are the same value, seen through the stack slots of unoptimized IR: in {@code -O0}
 * code {@code q == q} compares two loads of {@code q}'s {@code alloca}, and {@code p->a} after {@code p == &obj} loads
 * {@code p} again. A slot counts only when it does not escape (loads, stores to it and lifetime markers are its only
 * uses), so nothing but the stores the function makes to it can change it.
 */
public final class SlotValues {
    private static final int MAX_BLOCKS = 4000;
    private static final int MAX_DEPTH = 12;

    private final Function function;
    private final DefUse defUse;
    private final DominatorTree dominators;
    private final Map<Instruction, Boolean> slots = new IdentityHashMap<>();
    private final Map<Instruction, Value> canon = new IdentityHashMap<>();
    private final Map<BasicBlock, Map<Instruction, Integer>> positions = new HashMap<>();

    public SlotValues(Function function, DefUse defUse, DominatorTree dominators) {
        this.function = function;
        this.defUse = defUse;
        this.dominators = dominators;
    }

    public static SlotValues of(FunctionContext fn) { return new SlotValues(fn.function(), fn.defUse(), fn.dominators()); }

    public Function function() { return function; }

    /** Whether p is an {@code alloca} that only this function's loads and stores touch. */
    public boolean isSlot(Value p) {
        if (!(p instanceof Instruction a) || a.opcode() != Opcode.ALLOCA) return false;
        Boolean known = slots.get(a);
        if (known != null) return known;
        boolean ok = true;
        for (DefUse.Use u : defUse.uses(a)) {
            if (u.kind().isDebug()) continue;
            Instruction user = u.user();
            Opcode op = user.opcode();
            if (op == Opcode.LOAD && u.slot() == 0) continue;
            if (op == Opcode.STORE && u.slot() == 1) continue;
            if (op == Opcode.CALL && user.intrinsic() == Intrinsic.LIFETIME) continue;
            ok = false;
            break;
        }
        slots.put(a, ok);
        return ok;
    }

    /** A plain load of a non-escaping slot (the only kind of load seen through). */
    public boolean isSlotLoad(Value v) {
        return v instanceof Instruction l && l.opcode() == Opcode.LOAD && !l.isVolatile() && !l.isAtomic()
                && isSlot(l.operand(0));
    }

    private static boolean isStoreTo(Instruction i, Value slot) {
        return i.opcode() == Opcode.STORE && i.operand(1) == slot;
    }

    /**
     * The value a slot load reads when one store reaches it on every path (the usual {@code -O0} variable written
     * once), followed through further slots; otherwise the value itself.
     */
    public Value canonical(Value v) {
        Value cur = v;
        for (int depth = 0; depth < MAX_DEPTH && isSlotLoad(cur); depth++) {
            Instruction load = (Instruction) cur;
            Value c = canon.get(load);
            if (c == null) {
                Instruction store = reachingStore(load);
                c = store == null ? load : store.operand(0);
                canon.put(load, c);
            }
            if (c == cur) break;
            cur = c;
        }
        return cur;
    }

    /** The one store to the slot that every path to the load passes last, or null. */
    public Instruction reachingStore(Instruction load) {
        Value slot = load.operand(0);
        BasicBlock start = load.parent();
        List<Instruction> insts = start.instructions();
        for (int k = position(load) - 1; k >= 0; k--) if (isStoreTo(insts.get(k), slot)) return insts.get(k);
        Instruction found = null;
        Map<BasicBlock, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<BasicBlock> work = new ArrayDeque<>();
        var cfg = dominators.cfg();
        for (BasicBlock p : cfg.predecessors(start)) work.add(p);
        if (work.isEmpty()) return null; // the entry block: nothing stored before
        while (!work.isEmpty()) {
            BasicBlock b = work.poll();
            if (seen.put(b, Boolean.TRUE) != null) continue;
            if (seen.size() > MAX_BLOCKS) return null;
            List<Instruction> bi = b.instructions();
            Instruction last = null;
            for (int k = bi.size() - 1; k >= 0; k--) if (isStoreTo(bi.get(k), slot)) { last = bi.get(k); break; }
            if (last != null) {
                if (found != null && found != last) return null;
                found = last;
                continue;
            }
            List<BasicBlock> preds = cfg.predecessors(b);
            if (preds.isEmpty()) return null; // a path from the entry without a store
            work.addAll(preds);
        }
        return found;
    }

    public int position(Instruction i) {
        Map<Instruction, Integer> m = positions.computeIfAbsent(i.parent(), b -> {
            Map<Instruction, Integer> pm = new IdentityHashMap<>();
            List<Instruction> list = b.instructions();
            for (int k = 0; k < list.size(); k++) pm.put(list.get(k), k);
            return pm;
        });
        Integer p = m.get(i);
        return p == null ? -1 : p;
    }

    /** Whether a runs before b on every path to b (a dominates b). */
    public boolean dominates(Instruction a, Instruction b) {
        if (a.parent() == b.parent()) return position(a) < position(b);
        return dominators.cfg().isReachable(b.parent()) && dominators.strictlyDominates(a.parent(), b.parent());
    }

    /** Whether no store to the slot can run between load a and load b (a dominates b). */
    private boolean unchangedBetween(Instruction a, Instruction b) { return unchangedBetween(a.operand(0), a, b); }

    /** Whether no store to slot can run after a and before b (a dominates b). */
    private boolean unchangedBetween(Value slot, Instruction a, Instruction b) {
        BasicBlock ab = a.parent(), bb = b.parent();
        List<Instruction> bi = bb.instructions();
        int pb = position(b);
        if (ab == bb && position(a) < pb) {
            for (int k = position(a) + 1; k < pb; k++) if (isStoreTo(bi.get(k), slot)) return false;
            return true;
        }
        for (int k = pb - 1; k >= 0; k--) if (isStoreTo(bi.get(k), slot)) return false;
        var cfg = dominators.cfg();
        Map<BasicBlock, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<BasicBlock> work = new ArrayDeque<>(cfg.predecessors(bb));
        while (!work.isEmpty()) {
            BasicBlock c = work.poll();
            if (seen.put(c, Boolean.TRUE) != null) continue;
            if (seen.size() > MAX_BLOCKS) return false;
            List<Instruction> ci = c.instructions();
            if (c == ab) { // the latest run of a: only what follows it counts
                for (int k = position(a) + 1; k < ci.size(); k++) if (isStoreTo(ci.get(k), slot)) return false;
                continue;
            }
            for (Instruction i : ci) if (isStoreTo(i, slot)) return false;
            List<BasicBlock> preds = cfg.predecessors(c);
            if (preds.isEmpty()) return false; // reached the entry without passing a
            work.addAll(preds);
        }
        return true;
    }

    /** Whether a and b always hold the same value where b is used (b after a), structurally and through slots. */
    public boolean equivalent(Value a, Value b) { return equivalent(a, b, 0); }

    private boolean equivalent(Value a, Value b, int depth) {
        if (a == b) return true;
        if (a == null || b == null || depth > MAX_DEPTH) return false;
        Value ca = canonical(a), cb = canonical(b);
        if (ca == cb) return true;
        if (ca instanceof ConstantInt x && cb instanceof ConstantInt y)
            return x.bigValue().equals(y.bigValue()) && x.type().toString().equals(y.type().toString());
        if (ca instanceof ConstantSpecial x && cb instanceof ConstantSpecial y)
            return x.kind == y.kind && x.type().toString().equals(y.type().toString());
        if (ca instanceof ConstantExpr && cb instanceof ConstantExpr) return ca.reference().equals(cb.reference());
        if (!(ca instanceof Instruction x) || !(cb instanceof Instruction y)) return false;
        if (isSlotLoad(x) && isSlotLoad(y) && x.operand(0) == y.operand(0)) {
            if (dominates(x, y)) return unchangedBetween(x, y);
            if (dominates(y, x)) return unchangedBetween(y, x);
            // loads in sibling arms: both read what the slot held when the common dominator branched
            var cfg = dominators.cfg();
            if (!cfg.isReachable(x.parent()) || !cfg.isReachable(y.parent())) return false;
            int c = dominators.nearestCommonDominator(cfg.index(x.parent()), cfg.index(y.parent()));
            if (c < 0) return false;
            Instruction t = cfg.block(c).terminator();
            return t != null && unchangedBetween(x.operand(0), t, x) && unchangedBetween(x.operand(0), t, y);
        }
        // the same pure computation of the same operands
        Opcode op = x.opcode();
        if (op != y.opcode() || x.operandCount() != y.operandCount()) return false;
        if (!(op == Opcode.GETELEMENTPTR || op.isCast() || op.isBinary() || op == Opcode.ICMP || op == Opcode.FREEZE))
            return false;
        if (!x.type().toString().equals(y.type().toString())) return false;
        if (op == Opcode.GETELEMENTPTR && !String.valueOf(x.auxType()).equals(String.valueOf(y.auxType()))) return false;
        if (op == Opcode.ICMP && !x.keyword().equals(y.keyword())) return false;
        for (int k = 0; k < x.operandCount(); k++) if (!equivalent(x.operand(k), y.operand(k), depth + 1)) return false;
        return true;
    }
}
