package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.ConstantAddress;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.DataLayout;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code addr-pointer-substituted}: after comparing a loaded pointer or index with a constant, the access uses the
 * constant instead of the loaded value. See {@code docs/checks/addr-pointer-substituted.md}.
 *
 * <p>How: every {@code icmp eq/ne} (and every {@code switch} case) that compares a value computed from a marked load R
 * with a constant gives a fact "R == K" on its equal edge, where K is a global (the compared address's object) or an
 * integer. A forward must-analysis over the CFG (facts holding on every path into a block) gives the region where
 * the equality holds, which covers the exit block of {@code while (p != &head)} entered from two compares. In that
 * region, an access whose address is a constant address tied to K is reported: of the same global for a pointer, and
 * inside element K of a global array for an index. Two shapes outside the region are reported too: an address that
 * is a {@code select} on the comparison choosing the constant on the equal side, and a load of the constant hoisted
 * above the branch whose value a {@code select} on the comparison keeps on the equal side (SimplifyCFG).
 */
public final class AddrPointerSubstituted implements Check {
    @Override public Rule rule() { return Rules.ADDR_POINTER_SUBSTITUTED; }

    /** How far back from a compared value to look for the marked load it is computed from. */
    private static final int MAX_DERIVATION_STEPS = 64;

    /** One comparison of a value computed from a marked load with a constant. */
    private static final class Fact {
        final Instruction test;      // the icmp, or the switch
        final Instruction source;    // the marked load R
        final List<Instruction> chain; // R .. the compared value
        final int key;
        final boolean equalOnTrue;   // icmp eq (the true edge) or ne (the false edge)
        final int switchCase;        // the switch operand of the case value; -1 for an icmp
        final Key value;             // what the value is compared with
        Fact(Instruction test, Instruction source, List<Instruction> chain, int key, boolean equalOnTrue, int switchCase,
             Key value) {
            this.test = test; this.source = source; this.chain = chain; this.key = key; this.equalOnTrue = equalOnTrue;
            this.switchCase = switchCase; this.value = value;
        }
    }

    /** What a fact says the value equals: a global (pointer) or an integer (index). */
    private record Key(GlobalVariable global, long integer) {}

    @Override public void check(FunctionContext fn, Findings out) {
        MarkedAccesses marked = fn.marked();
        if (marked.dependencySources().isEmpty()) return;
        DataLayout layout = fn.module().dataLayout();

        // 1. the comparisons, keyed by what they compare with
        List<Fact> facts = new ArrayList<>();
        Map<Instruction, Fact> factOfCompare = new IdentityHashMap<>();
        Map<Key, Integer> keyIndex = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        for (BasicBlock b : fn.function().blocks()) {
            for (Instruction i : b.instructions()) {
                if (i.opcode() == Opcode.ICMP) {
                    String pred = i.keyword();
                    if (!"eq".equals(pred) && !"ne".equals(pred)) continue;
                    for (int side = 0; side < 2; side++) {
                        Key k = keyOf(i.operand(1 - side), layout);
                        if (k == null) continue;
                        if (k.global() == null && !indexLike(i.operand(side))) continue;
                        List<Instruction> chain = derivation(i.operand(side), marked);
                        if (chain == null) continue;
                        Fact f = new Fact(i, chain.get(0), chain, index(k, keyIndex, keys), pred.equals("eq"), -1, k);
                        facts.add(f);
                        factOfCompare.put(i, f);
                        break;
                    }
                } else if (i.opcode() == Opcode.SWITCH) {
                    List<Instruction> chain = derivation(i.operand(0), marked);
                    if (chain == null) continue;
                    for (int c = 1; c < i.operandCount(); c++) {
                        Key k = keyOf(i.operand(c), layout);
                        if (k != null) facts.add(new Fact(i, chain.get(0), chain, index(k, keyIndex, keys), true, c, k));
                    }
                }
            }
        }
        if (facts.isEmpty()) return;

        // 2. the region where each key's equality holds: a forward must-analysis over bitsets of keys
        Cfg cfg = fn.cfg();
        int n = cfg.size(), words = (keys.size() + 63) >>> 6;
        long[][] in = regionFacts(fn, cfg, facts, n, words);

        // 3. constant-address accesses tied to a key that holds, and the two select shapes
        Map<Instruction, Boolean> reported = new IdentityHashMap<>();
        for (int bi = 0; bi < n; bi++) {
            if (!cfg.isReachable(bi)) continue;
            BasicBlock b = cfg.block(bi);
            long[] holds = in[bi];
            for (Instruction i : b.instructions()) {
                Value address = addressOf(i, marked);
                if (address == null) continue;
                Type accessType = accessType(i, marked);
                ConstantAddress ca = ConstantAddress.of(address, layout);
                if (ca != null) {
                    Fact f = holds == null ? null : tiedHolding(ca, accessType, holds, facts, keys, fn, bi, layout);
                    if (f != null) {
                        report(out, fn, i, f, null, ca, reported);
                        continue;
                    }
                    // a load hoisted above the branch, kept by a select on the comparison
                    if (i.opcode() == Opcode.LOAD) {
                        for (Instruction u : fn.defUse().users(i)) {
                            if (u.opcode() != Opcode.SELECT) continue;
                            Fact g = factOfCompare.get(u.operand(0) instanceof Instruction c ? c : null);
                            if (g == null || u.operand(g.equalOnTrue ? 1 : 2) != i || !tied(keys.get(g.key), ca, accessType, layout)) continue;
                            report(out, fn, i, g, u, ca, reported);
                            break;
                        }
                    }
                } else if (address instanceof Instruction sel && sel.opcode() == Opcode.SELECT
                        && sel.operand(0) instanceof Instruction c && factOfCompare.containsKey(c)) {
                    // the address itself chosen by the comparison: the constant on the equal side
                    Fact g = factOfCompare.get(c);
                    ConstantAddress arm = ConstantAddress.of(sel.operand(g.equalOnTrue ? 1 : 2), layout);
                    if (arm != null && tied(keys.get(g.key), arm, accessType, layout)) report(out, fn, i, g, sel, arm, reported);
                }
            }
        }
    }

    private static int index(Key k, Map<Key, Integer> keyIndex, List<Key> keys) {
        Integer idx = keyIndex.get(k);
        if (idx == null) {
            idx = keys.size();
            keyIndex.put(k, idx);
            keys.add(k);
        }
        return idx;
    }

    /** What a compared constant names: the global of a constant address, or a (non-negative) integer. */
    /**
     * Whether a value compared with an integer can be an index: not a truth value ({@code i1}, a Rust {@code bool}
     * read as {@code i8}) and not one bit of a word ({@code x & 1}, {@code test_bit()} on a flag). The element of an
     * array at such a number is the source's own constant ({@code test_bit(42, cpu_hwcaps)} after a flag test).
     */
    private static boolean indexLike(Value v) {
        if (v.type() instanceof Type.IntType t && t.bits <= 8) return false;
        if (v instanceof Instruction i && i.opcode() == Opcode.AND) {
            for (int k = 0; k < 2; k++)
                if (i.operand(k) instanceof ConstantInt c && c.fitsLong() && Long.bitCount(c.longValue()) == 1) return false;
        }
        return true;
    }

    private static Key keyOf(Value v, DataLayout layout) {
        if (v instanceof ConstantInt c) return c.fitsLong() && c.longValue() >= 0 ? new Key(null, c.longValue()) : null;
        ConstantAddress ca = ConstantAddress.of(v, layout);
        return ca == null ? null : new Key(ca.global(), 0);
    }

    /**
     * The chain from a marked load to {@code v} (load first, v last) when v is computed from one through casts,
     * GEPs, arithmetic, phis, selects, freeze and extractvalue; null otherwise.
     */
    private static List<Instruction> derivation(Value v, MarkedAccesses marked) {
        if (!(v instanceof Instruction start)) return null;
        // breadth-first backwards, remembering where each step came from to print the chain
        List<Instruction> queue = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        Map<Instruction, Boolean> seen = new IdentityHashMap<>();
        queue.add(start);
        from.add(-1);
        seen.put(start, true);
        for (int head = 0; head < queue.size() && head < MAX_DERIVATION_STEPS; head++) {
            Instruction i = queue.get(head);
            if (isMarkedRead(i, marked)) {
                List<Instruction> chain = new ArrayList<>();
                for (int k = head; k >= 0; k = from.get(k)) chain.add(queue.get(k));
                return chain; // from the load forwards, since the walk went backwards
            }
            Opcode op = i.opcode();
            int first = 0, last;
            if (op.isCast() || op == Opcode.FREEZE || op == Opcode.EXTRACTVALUE) last = 1;
            else if (op == Opcode.GETELEMENTPTR || op.isBinary() || op == Opcode.PHI) last = i.operandCount();
            else if (op == Opcode.SELECT) { first = 1; last = 3; }
            else continue;
            for (int k = first; k < last && k < i.operandCount(); k++) {
                if (i.operand(k) instanceof Instruction d && seen.put(d, true) == null) {
                    queue.add(d);
                    from.add(head);
                }
            }
        }
        return null;
    }

    private static boolean isMarkedRead(Instruction i, MarkedAccesses marked) {
        // an acquire orders what follows it by itself: no address dependency is needed after it
        for (MarkedAccess a : marked.of(i)) if (a.startsDependencies() && a.loadedValue() == i && !a.ordersLater()) return true;
        return false;
    }

    /** For each block, the keys whose equality holds on entry (null: none); a forward must-analysis. */
    private static long[][] regionFacts(FunctionContext fn, Cfg cfg, List<Fact> facts, int n, int words) {
        // gen per edge: the keys a branch's equal edge establishes
        Map<Long, long[]> gen = new HashMap<>();
        for (Fact f : facts) {
            BasicBlock b = f.test.parent();
            BasicBlock eq = equalTarget(f);
            if (eq != null) addGen(gen, cfg, b, eq, f.key, words);
        }
        if (gen.isEmpty()) return new long[n][];
        long[][] in = new long[n][];
        int[] rpo = cfg.reversePostorder();
        int entry = cfg.index(cfg.entry());
        for (int b : rpo) in[b] = b == entry ? new long[words] : null; // null = not computed yet (top)
        long[] tmp = new long[words];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b : rpo) {
                if (b == entry) continue;
                boolean any = false;
                for (int k = 0; k < cfg.predecessorCount(b); k++) {
                    int p = cfg.predecessor(b, k);
                    if (in[p] == null || !cfg.isReachable(p)) continue; // top: meets as the identity
                    long[] g = gen.get(edgeKey(p, b, n));
                    for (int w = 0; w < words; w++) {
                        long out = in[p][w] | (g == null ? 0 : g[w]);
                        tmp[w] = any ? tmp[w] & out : out;
                    }
                    any = true;
                }
                if (!any) continue;
                if (in[b] == null || !Arrays.equals(in[b], tmp)) {
                    in[b] = tmp.clone();
                    changed = true;
                }
            }
        }
        return in;
    }

    private static long edgeKey(int from, int to, int n) { return (long) from * n + to; }

    private static void addGen(Map<Long, long[]> gen, Cfg cfg, BasicBlock from, BasicBlock to, int key, int words) {
        int f = cfg.index(from), t = cfg.index(to);
        long[] g = gen.computeIfAbsent(edgeKey(f, t, cfg.size()), x -> new long[words]);
        g[key >>> 6] |= 1L << (key & 63);
    }

    /**
     * A fact holding in block {@code b} whose key ties to the address, preferring a test that dominates b. An index
     * fact must also be the block's own guard: b lies under the equal edge of that one test (its target dominates b)
     * and does not post-dominate the test, i.e. b runs only because the value was equal. Comparisons with small
     * integers are everywhere (every {@code while (READ_ONCE(x) != 0)} loop's exit has x == 0), so the looser region
     * of several tests, right for {@code while (p != &head)}, would tie unrelated accesses to element 0 of an array.
     */
    private static Fact tiedHolding(ConstantAddress ca, Type accessType, long[] holds, List<Fact> facts, List<Key> keys,
                                    FunctionContext fn, int b, DataLayout layout) {
        Fact best = null;
        for (Fact f : facts) {
            if ((holds[f.key >>> 6] & (1L << (f.key & 63))) == 0) continue;
            Key k = keys.get(f.key);
            if (!tied(k, ca, accessType, layout)) continue;
            int testBlock = fn.cfg().index(f.test.parent());
            if (k.global == null) {
                BasicBlock target = equalTarget(f);
                if (target == null || !fn.dominators().dominates(fn.cfg().index(target), b)
                        || fn.postDominators().dominates(b, testBlock)) continue;
                return f;
            }
            if (fn.dominators().dominates(testBlock, b)) return f;
            if (best == null) best = f;
        }
        return best;
    }

    /** The block the equal edge of a fact's test leads to, or null when that edge is not the only way there. */
    private static BasicBlock equalTarget(Fact f) {
        if (f.switchCase > 0) {
            BasicBlock[] dests = f.test.blocks();
            for (int d = 0; d < dests.length; d++) if (d != f.switchCase && dests[d] == dests[f.switchCase]) return null;
            return dests[f.switchCase];
        }
        Instruction t = branchOn(f.test);
        if (t == null) return null;
        BasicBlock eq = t.blocks()[f.equalOnTrue ? 0 : 1], other = t.blocks()[f.equalOnTrue ? 1 : 0];
        return eq == other ? null : eq;
    }

    /**
     * Whether a constant address is what the compared value would have given: the same global for a pointer; for an
     * index K, element K of a global array (elements of the array's type, or, for Rust's byte-array statics, of the
     * access's size).
     */
    private static boolean tied(Key k, ConstantAddress ca, Type accessType, DataLayout layout) {
        if (k.global != null) return k.global == ca.global();
        Type vt = ca.global().valueType();
        if (!(vt instanceof Type.ArrayType at) || Long.compareUnsigned(at.length, 2) < 0) return false;
        long elem = at.element instanceof Type.IntType it && it.bits == 8 && accessType != null
                ? layout.storeSize(accessType) : layout.allocSize(at.element);
        // a byte array the size of one access is a scalar rustc typed as bytes (a static i32 is [4 x i8]), no array
        if (elem <= 0 || layout.allocSize(vt) / elem < 2 || k.integer >= layout.allocSize(vt) / elem) return false;
        return ca.offset() >= k.integer * elem && ca.offset() < (k.integer + 1) * elem;
    }

    /** The pointer a load, store, RMW, cmpxchg or marked access reads or writes; null for anything else. */
    private static Value addressOf(Instruction i, MarkedAccesses marked) {
        if (!i.opcode().isCallLike()) return i.pointerOperand();
        for (MarkedAccess a : marked.of(i)) if (a.address() != null) return a.address();
        return null;
    }

    private static Type accessType(Instruction i, MarkedAccesses marked) {
        if (i.pointerOperandIndex() >= 0) return i.accessType();
        for (MarkedAccess a : marked.of(i)) if (a.accessType() != null) return a.accessType();
        return null;
    }

    private void report(Findings out, FunctionContext fn, Instruction access, Fact f, Instruction select, ConstantAddress ca,
                        Map<Instruction, Boolean> reported) {
        if (reported.put(access, true) != null) return;
        // a release write orders the marked load before it by itself, whatever address it uses
        for (MarkedAccess m : fn.marked().of(access)) if (m.ordersEarlier()) return;
        // The access reads the very location the marked load read (list_empty(&head) again, whose READ_ONCE(head->next)
        // is also what p->next becomes once p == &head): two reads of one location are ordered by coherence, so no
        // order is lost, whatever the source wrote.
        ConstantAddress first = ConstantAddress.of(addressOf(f.source, fn.marked()), fn.module().dataLayout());
        if (first != null && first.global() == ca.global() && first.offset() == ca.offset()) return;
        String constant = ca.global().reference() + (ca.offset() == 0 ? "" : "+" + ca.offset());
        String shape = select == null ? "" : select.operand(0) == f.test && addressIs(access, select)
                ? " (chosen by a select on the comparison)" : " (hoisted above the branch, kept by a select on the comparison)";
        List<Instruction> evidence = new ArrayList<>(f.chain);
        evidence.add(f.test);
        Instruction branch = f.test.opcode() == Opcode.SWITCH ? null : branchOn(f.test);
        if (branch != null && select == null) evidence.add(branch);
        if (select != null && !evidence.contains(select)) evidence.add(select);
        evidence.add(access);
        String kind = isIndex(f) ? "index" : "pointer";
        report(out, fn, access, "after the marked load's " + kind + " was compared with a constant, this access uses the "
                        + "constant address " + constant + " instead of the loaded value" + shape
                        + ": the address dependency on the marked load is gone")
                .beginning(f.source, Dependency.Type.ADDR)
                .unknown(isIndex(f) && f.value.integer() == 0 ? "source-shape" : null,
                        "whether the source indexed with the value: a test against 0 is also a plain truth test, after"
                                + " which the source may name element 0 itself; diff against the IR before optimization decides")
                .note(f.source, "the marked load whose value the address should depend on")
                .note(f.test, f.test.opcode() == Opcode.SWITCH ? "the switch case that pins the value"
                        : "the comparison that lets the compiler substitute the constant")
                .evidence(evidence)
                .report();
    }

    private static boolean isIndex(Fact f) {
        Value compared = f.test.opcode() == Opcode.SWITCH ? f.test.operand(0) : null;
        if (compared == null) for (int s = 0; s < 2; s++) if (f.test.operand(s) instanceof Instruction) compared = f.test.operand(s);
        return compared != null && compared.type() != null && compared.type().isInteger();
    }

    private static boolean addressIs(Instruction access, Instruction select) {
        for (int k = 0; k < access.operandCount(); k++) if (access.operand(k) == select) return true;
        return false;
    }

    /** The conditional branch on a comparison in the comparison's block, or null. */
    private static Instruction branchOn(Instruction test) {
        Instruction t = test.parent().terminator();
        return t != null && t.opcode() == Opcode.BR && t.operandCount() == 1 && t.operand(0) == test ? t : null;
    }
}
