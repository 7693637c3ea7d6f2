package dev.lkmmhazard.diff;

import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Constant;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in the module after optimization, the copies of an access of the module before it.
 *
 * <p>Accesses are matched by source position: an instruction after optimization is a copy of one before when its
 * debug location, or one of its inlined-at frames, is the position of the one before (before optimization nothing
 * is inlined yet, so a helper's access carries the helper's position, and a Rust {@code read_volatile} is still a
 * call at the caller's position), and both do the same kind of access. One access may have several copies
 * (unrolling, tail duplication, inlining into several callers) or none. Stores the optimizer merged from several
 * lines carry line 0; those are matched as <em>merged</em> copies, by kind and by the object they access, within the
 * same function.
 */
final class Counterparts {
    /**
     * The copies of one access: exact ones (same position) and merged ones (line 0). {@code byOrder}: found without
     * debug info, by function, kind, object and order, which is weaker evidence.
     */
    record Match(List<Instruction> exact, List<Instruction> merged, boolean byOrder) {
        Match(List<Instruction> exact, List<Instruction> merged) { this(exact, merged, false); }

        boolean isEmpty() { return exact.isEmpty() && merged.isEmpty(); }
        List<Instruction> all() {
            List<Instruction> out = new ArrayList<>(exact);
            out.addAll(merged);
            return out;
        }
        Instruction first() { return !exact.isEmpty() ? exact.get(0) : merged.isEmpty() ? null : merged.get(0); }
    }

    private final ModuleContext before;
    private final ModuleContext after;
    /** accesses by the innermost frame of their location */
    private final Map<SourcePosition, List<Instruction>> byPosition = new HashMap<>();
    /** accesses by every frame of their location: where a call before optimization was inlined to */
    private final Map<SourcePosition, List<Instruction>> byAnyFrame = new HashMap<>();
    private final Map<String, List<Instruction>> mergedByFunction = new HashMap<>();
    /**
     * without debug info: "function|kind|object|ordinal" of each access after optimization; made on the first access
     * that has no position, since with debug info it is never asked and its keys cost a string per access
     */
    private Map<String, Instruction> byOrder;
    /** without debug info: "function|kind|ordinal" (any object), for a pointer the optimizer replaced by a constant */
    private Map<String, Instruction> byKindOrder;

    Counterparts(ModuleContext before, ModuleContext after) {
        this.before = before;
        this.after = after;
        for (FunctionContext f : after.functions()) {
            for (BasicBlock b : f.function().blocks()) {
                for (Instruction i : b.instructions()) {
                    if (!isAccess(i)) continue;
                    // a plain call is never a copy: of() matches kinds, and a plain call before optimization has none
                    if (i.opcode().isCallLike() && f.marked().of(i).isEmpty()) continue;
                    List<SourcePosition> frames = SourcePosition.frames(i);
                    if (!frames.isEmpty() && !frames.get(0).isMerged())
                        byPosition.computeIfAbsent(frames.get(0), k -> new ArrayList<>(2)).add(i);
                    for (SourcePosition p : frames) if (!p.isMerged()) byAnyFrame.computeIfAbsent(p, k -> new ArrayList<>(2)).add(i);
                    // merged: line 0 in some frame (Rust's merged frame is often the caller's, below core's helper)
                    for (SourcePosition p : frames) {
                        if (!p.isMerged()) continue;
                        mergedByFunction.computeIfAbsent(f.function().name(), k -> new ArrayList<>()).add(i);
                        break;
                    }
                }
            }
        }
    }

    /** Loads, stores, atomics and calls: what an access can become. */
    private static boolean isAccess(Instruction i) {
        return switch (i.opcode()) {
            case LOAD, STORE, ATOMICRMW, CMPXCHG, FENCE, CALL, CALLBR, INVOKE -> true;
            default -> false;
        };
    }

    /**
     * The copies after optimization of {@code inst} (an instruction of the module before), looked for in
     * {@code afterFunction} for merged copies.
     */
    Match of(Instruction inst, String afterFunction) { return of(inst, List.of(), afterFunction); }

    /**
     * The copies of {@code inst}, reached before optimization through {@code calls} (outermost first) from the function
     * reporting the dependency: a copy's inlined-at frames must start with the instruction's position followed by those
     * calls' positions, innermost first (more frames may follow: the caller itself inlined further), so that the
     * same helper line inlined at two call sites is two different accesses.
     */
    Match of(Instruction inst, List<Instruction> calls, String afterFunction) {
        Match m = of0(inst, afterFunction);
        if (m.exact().isEmpty()) return m;
        // Before optimization an access may be inlined already (rustc's MIR inliner at opt-level 1 and up, as
        // -C no-prepopulate-passes keeps it): its own inlined-at frames come first, then the calls' positions.
        List<SourcePosition> own = SourcePosition.frames(inst);
        List<SourcePosition> want = new ArrayList<>(own.subList(Math.min(1, own.size()), own.size()));
        for (SourcePosition p : want) if (p.isMerged()) return m;
        for (int k = calls.size() - 1; k >= 0; k--) {
            List<SourcePosition> c = SourcePosition.frames(calls.get(k));
            if (c.isEmpty() || c.get(0).isMerged()) return m; // a call without a position: keep the looser match
            for (SourcePosition p : c) {
                if (p.isMerged()) return m;
                want.add(p);
            }
        }
        if (want.isEmpty()) return m;
        List<Instruction> exact = new ArrayList<>();
        for (Instruction c : m.exact()) if (framesFollow(SourcePosition.frames(c), SourcePosition.of(inst), want)) exact.add(c);
        return new Match(exact, m.merged(), m.byOrder());
    }

    /** Whether, right after the frame at {@code at}, the frames go on with {@code calls}. */
    private static boolean framesFollow(List<SourcePosition> frames, SourcePosition at, List<SourcePosition> calls) {
        int i = frames.indexOf(at);
        if (i < 0 || i + calls.size() >= frames.size()) return false;
        // a frame the optimizer merged (line 0: the store of both arms is one) stands for any position
        for (int k = 0; k < calls.size(); k++) {
            SourcePosition f = frames.get(i + 1 + k);
            if (!f.equals(calls.get(k)) && !f.isMerged()) return false;
        }
        return true;
    }

    /**
     * Whether an access after optimization can be a copy of one to {@code object}: when both go to globals, the same
     * one. One source position may access two objects ({@code per_cpu_ptr(rtp->rtpcpu, cpu)} reads rtp's field and
     * {@code __per_cpu_offset[cpu]}); a copy of the one is never the other.
     */
    private boolean sameObject(Value object, Instruction copy) {
        if (!(object instanceof dev.lkmmhazard.ir.GlobalValue g)) return true;
        return mayBe(dev.lkmmhazard.analysis.SharedMemory.root(address(after, copy)), g.name(), 0);
    }

    /**
     * Whether an address after optimization is the global, or a phi or select that chooses it on some path: a rotated
     * {@code list_for_each_entry_rcu()} reads the list head and each next pointer through one load of a phi, one copy
     * of both loads the source made.
     */
    private static boolean mayBe(Value a, String global, int depth) {
        if (a instanceof dev.lkmmhazard.ir.GlobalValue h) return global.equals(h.name());
        if (depth > 4 || !(a instanceof Instruction i) || (i.opcode() != Opcode.PHI && i.opcode() != Opcode.SELECT)) return false;
        for (int k = i.opcode() == Opcode.SELECT ? 1 : 0; k < i.operandCount(); k++) {
            Value v = i.operand(k);
            if (v instanceof dev.lkmmhazard.ir.BasicBlock) continue;
            if (v != i && mayBe(dev.lkmmhazard.analysis.SharedMemory.root(v), global, depth + 1)) return true;
        }
        return false;
    }

    private Match of0(Instruction inst, String afterFunction) {
        SourcePosition p = SourcePosition.of(inst);
        if (p == null) return byOrder(inst);
        if (p.isMerged()) return new Match(List.of(), List.of());
        String kind = kind(before, inst);
        boolean call = inst.opcode() == Opcode.CALL || inst.opcode() == Opcode.INVOKE || inst.opcode() == Opcode.CALLBR;
        // A plain call is inlined or not, but it is no access to compare; a marked call (Rust's read_volatile before
        // optimization) becomes the access inlined at its position, an inner frame of the copy's location.
        if (call && !kind.startsWith("marked ")) return new Match(List.of(), List.of());
        List<Instruction> exact = new ArrayList<>();
        // A marked call's object is its address argument (core's atomic_store(@LAST_DONE, ...)): every
        // AtomicU32::store of a crate is inlined from the same line of core, so the position alone pairs a store to
        // one static with a store to another object.
        Value callAddress = call ? address(before, inst) : null;
        Value target = call ? (callAddress == null ? null : dev.lkmmhazard.analysis.SharedMemory.root(callAddress))
                : dev.lkmmhazard.analysis.SharedMemory.root(address(before, inst));
        for (Instruction c : (call ? byAnyFrame : byPosition).getOrDefault(p, List.of()))
            if (kind.equals(kind(after, c)) && sameObject(target, c)) exact.add(c);
        List<Instruction> merged = new ArrayList<>();
        // Only marked accesses are looked for among merged copies: the hazard is the marked store of both arms merged
        // into one, and a plain access with line 0 says too little to be matched by kind alone.
        if (exact.isEmpty() && kind.startsWith("marked ")) {
            // Merged copies of the same kind: those that access the same global when there are any, else those
            // whose object is not known (a store through a phi of the arms' addresses).
            Value object = address(before, inst);
            List<Instruction> unknown = new ArrayList<>();
            for (Instruction c : mergedByFunction.getOrDefault(afterFunction, List.of())) {
                if (!kind.equals(kind(after, c))) continue;
                Value a = address(after, c);
                if (object instanceof Constant && a instanceof Constant) {
                    if (object.reference().equals(a.reference())) merged.add(c);
                } else {
                    unknown.add(c);
                }
            }
            if (merged.isEmpty()) merged.addAll(unknown);
        }
        return new Match(exact, merged);
    }

    /**
     * Without debug info: the access after optimization in the function of the same name that does the same kind of
     * access to the same object and comes in the same place among those (the third store to @y stays the third).
     */
    private Match byOrder(Instruction inst) {
        if (byOrder == null) indexByOrder();
        Map<String, Integer> ordinals = new HashMap<>();
        Map<String, Integer> kindOrdinals = new HashMap<>();
        String key = null, kindKey = null;
        for (BasicBlock b : inst.parent().parent().blocks()) {
            for (Instruction i : b.instructions()) {
                if (!isAccess(i)) continue;
                String k = orderKey(before, i, ordinals);
                String kk = kindOrderKey(before, i, kindOrdinals);
                if (i == inst) {
                    key = k;
                    kindKey = kk;
                }
            }
        }
        Instruction c = key == null ? null : byOrder.get(key);
        if (c == null && kindKey != null && !(address(before, inst) instanceof Constant)) {
            // An access through a computed pointer that now goes to a constant (the pointer substituted by what it
            // was compared with) is still the same access, in the same place among those of its kind.
            Instruction k = byKindOrder.get(kindKey);
            if (k != null && address(after, k) instanceof Constant) c = k;
        }
        return new Match(c == null ? List.of() : List.of(c), List.of(), true);
    }

    private void indexByOrder() {
        byOrder = new HashMap<>();
        byKindOrder = new HashMap<>();
        for (FunctionContext f : after.functions()) {
            Map<String, Integer> ordinals = new HashMap<>();
            Map<String, Integer> kindOrdinals = new HashMap<>();
            for (BasicBlock b : f.function().blocks())
                for (Instruction i : b.instructions()) {
                    if (!isAccess(i)) continue;
                    byOrder.put(orderKey(after, i, ordinals), i);
                    byKindOrder.put(kindOrderKey(after, i, kindOrdinals), i);
                }
        }
    }

    /** "function|kind|object|n" where n counts the earlier accesses with the same function, kind and object. */
    private static String orderKey(ModuleContext m, Instruction i, Map<String, Integer> ordinals) {
        Value a = address(m, i);
        String base = i.parent().parent().name() + "|" + kind(m, i) + "|" + (a instanceof Constant ? a.reference() : "?");
        int n = ordinals.merge(base, 1, Integer::sum) - 1;
        return base + "|" + n;
    }

    /** "function|kind|n" where n counts the earlier accesses with the same function and kind, whatever the object. */
    private static String kindOrderKey(ModuleContext m, Instruction i, Map<String, Integer> ordinals) {
        String base = i.parent().parent().name() + "|" + kind(m, i);
        return base + "|" + (ordinals.merge(base, 1, Integer::sum) - 1);
    }

    /** What an instruction does to memory: the marked access's kind, else the opcode. */
    static String kind(ModuleContext m, Instruction i) {
        FunctionContext f = m.function(i.parent().parent());
        List<MarkedAccess> marked = f.marked().of(i);
        if (!marked.isEmpty()) return "marked " + marked.get(0).kind().keyword;
        return i.opcode().keyword;
    }

    /** The address an access goes through, when known. */
    static Value address(ModuleContext m, Instruction i) {
        List<MarkedAccess> marked = m.function(i.parent().parent()).marked().of(i);
        // atomicrmw and cmpxchg are always marked: the pointer operand is left for plain loads and stores
        return marked.isEmpty() ? i.pointerOperand() : marked.get(0).address();
    }

}
