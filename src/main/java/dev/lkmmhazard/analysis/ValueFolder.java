package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.ConstantSpecial;
import dev.lkmmhazard.ir.DataLayout;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small constant folder for the identities EarlyCSE, InstCombine and SimplifyCFG apply whatever a loaded value is
 * ({@code q % 1}, {@code q == q}, {@code q - q}, {@code q * 0}, {@code q & 0}, {@code q | -1}, unsigned
 * {@code q >= 0}, a phi of one constant), seen through the stack slots of unoptimized IR. It evaluates a value to a
 * {@link LinearForm} whose atoms record whether they derive from one root (a marked load's value): a value that
 * folds to a constant, or a form with no root atom left, no longer depends on the root.
 */
public final class ValueFolder {
    private static final int MAX_DEPTH = 48;

    private final SlotValues slots;
    private final ControlDependence controlDependence;
    private final DataLayout layout;
    private final Value root;
    private final Map<Value, LinearForm> forms = new IdentityHashMap<>();
    private final Map<Value, Boolean> derived = new IdentityHashMap<>();
    private Set<Value> known = Set.of();

    /** root: the value whose influence is tracked, or null to fold only. */
    public ValueFolder(SlotValues slots, ControlDependence controlDependence, DataLayout layout, Value root) {
        this.slots = slots;
        this.controlDependence = controlDependence;
        this.layout = layout;
        this.root = root;
    }

    public static ValueFolder of(FunctionContext fn, SlotValues slots, Value root) {
        return new ValueFolder(slots, fn.controlDependence(), fn.module().dataLayout(), root);
    }

    /**
     * Values the dependency analysis already found to carry the root (its evidence chains): it follows slots passed
     * by reference and calls, which this folder does not, so such a value is an atom that derives from the root.
     */
    public ValueFolder knownDerived(Set<Value> values) {
        this.known = values;
        return this;
    }

    /** The instructions of the chains of the dependencies that start at the root, for {@link #knownDerived}. */
    public static Set<Value> chainValues(List<Dependency> deps, Value root) {
        Set<Value> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Dependency d : deps) if (FragileSupport.rootValue(d) == root) out.addAll(d.chain());
        return out;
    }

    /** The constant v folds to whatever the root is, or null. */
    public Long constantOf(Value v) {
        LinearForm f = form(v);
        return f.isConstant() ? f.constant : null;
    }

    public LinearForm form(Value v) { return form(v, 0); }

    public static int bits(Type t) {
        if (t instanceof Type.IntType i) return i.bits;
        return 64; // pointers (and anything else) as 64-bit addresses
    }

    public static long mask(int bits) { return bits >= 64 ? -1L : (1L << bits) - 1; }

    private LinearForm form(Value v0, int depth) {
        Value v = slots.canonical(v0);
        if (v instanceof ConstantInt c) return c.fitsLong() ? LinearForm.constant(c.longValue()) : LinearForm.atom(c, false);
        if (v instanceof ConstantSpecial s && (s.kind == ConstantSpecial.Kind.NULL || s.kind == ConstantSpecial.Kind.ZEROINITIALIZER))
            return LinearForm.ZERO;
        if (v == root) return LinearForm.atom(v, true);
        if (!(v instanceof Instruction x)) return LinearForm.atom(v, false);
        LinearForm known = forms.get(x);
        if (known != null) return known;
        if (depth > MAX_DEPTH) return LinearForm.atom(x, derivesFromRoot(x));
        forms.put(x, LinearForm.atom(x, derivesFromRoot(x))); // stands for x while a cycle (phi) is evaluated
        LinearForm f = compute(x, depth + 1);
        forms.put(x, f);
        return f;
    }

    private LinearForm compute(Instruction x, int depth) {
        Opcode op = x.opcode();
        int bits = bits(x.type());
        if (op.isBinary()) return binary(x, op, form(x.operand(0), depth), form(x.operand(1), depth), bits);
        switch (op) {
            case ZEXT: case SEXT: case TRUNC: {
                LinearForm a = form(x.operand(0), depth);
                int from = bits(x.operand(0).type());
                if (a.isConstant()) {
                    long c = a.constant;
                    if (op == Opcode.ZEXT) c = c & mask(from);
                    else if (op == Opcode.SEXT) c = LinearForm.signExtend(c, from);
                    return LinearForm.constant(LinearForm.signExtend(c, bits));
                }
                return op == Opcode.TRUNC ? a.truncated(bits) : a;
            }
            case PTRTOINT: case INTTOPTR: case BITCAST: case ADDRSPACECAST: case FREEZE:
                return form(x.operand(0), depth);
            case GETELEMENTPTR: return gep(x, depth);
            case ICMP: {
                Boolean b = compare(x.keyword(), form(x.operand(0), depth), form(x.operand(1), depth), bits(x.operand(0).type()));
                return b == null ? opaque(x) : LinearForm.constant(b ? 1 : 0);
            }
            case SELECT: {
                LinearForm c = form(x.operand(0), depth);
                if (c.isConstant()) return form(x.operand((c.constant & 1) != 0 ? 1 : 2), depth);
                LinearForm t = form(x.operand(1), depth), e = form(x.operand(2), depth);
                return t.sameAs(e) ? t : opaque(x);
            }
            case PHI: {
                LinearForm first = null;
                for (int k = 0; k < x.operandCount(); k++) {
                    LinearForm f = form(x.operand(k), depth);
                    if (first == null) first = f;
                    else if (!first.sameAs(f)) return opaque(x);
                }
                return first == null ? opaque(x) : first;
            }
            case EXTRACTVALUE: {
                // {value, overflow} of llvm.*.with.overflow (Rust's checked arithmetic at opt-level 0)
                Value agg = x.operand(0);
                int[] idx = x.indices();
                if (agg instanceof Instruction call && call.opcode() == Opcode.CALL && idx != null && idx.length == 1 && idx[0] == 0) {
                    Opcode arith = switch (call.intrinsic()) {
                        case SADD_WITH_OVERFLOW, UADD_WITH_OVERFLOW -> Opcode.ADD;
                        case SSUB_WITH_OVERFLOW, USUB_WITH_OVERFLOW -> Opcode.SUB;
                        case SMUL_WITH_OVERFLOW, UMUL_WITH_OVERFLOW -> Opcode.MUL;
                        default -> null;
                    };
                    if (arith != null && call.operandCount() >= 3)
                        return binary(x, arith, form(call.operand(0), depth), form(call.operand(1), depth), bits(call.operand(0).type()));
                }
                return opaque(x);
            }
            default:
                return opaque(x);
        }
    }

    private LinearForm opaque(Instruction x) { return LinearForm.atom(x, derivesFromRoot(x)); }

    private static LinearForm nonlinear(Instruction x, LinearForm a, LinearForm b) {
        return LinearForm.atom(x, a.dependsOnRoot() || b.dependsOnRoot());
    }

    private static LinearForm binary(Instruction x, Opcode op, LinearForm a, LinearForm b, int bits) {
        long m = mask(bits);
        boolean ac = a.isConstant(), bc = b.isConstant();
        long av = a.constant, bv = b.constant;
        boolean aZero = ac && (av & m) == 0, bZero = bc && (bv & m) == 0;
        boolean aOnes = ac && (av & m) == m, bOnes = bc && (bv & m) == m;
        switch (op) {
            case ADD: return a.plus(b);
            case SUB: return a.minus(b);
            case MUL:
                if (bc) return a.times(bv);
                if (ac) return b.times(av);
                return nonlinear(x, a, b);
            case SHL:
                if (bc && (bv & m) >= 0 && (bv & m) < 64) return (bv & m) >= bits ? LinearForm.ZERO : a.times(1L << (bv & m));
                return aZero ? LinearForm.ZERO : nonlinear(x, a, b);
            case AND:
                if (aZero || bZero) return LinearForm.ZERO;
                if (ac && bc) return LinearForm.constant(LinearForm.signExtend(av & bv, bits));
                if (aOnes) return b;
                if (bOnes) return a;
                if (a.sameAs(b)) return a;
                return nonlinear(x, a, b);
            case OR:
                if (aOnes || bOnes) return LinearForm.constant(LinearForm.signExtend(-1L, bits));
                if (ac && bc) return LinearForm.constant(LinearForm.signExtend(av | bv, bits));
                if (aZero) return b;
                if (bZero) return a;
                if (a.sameAs(b)) return a;
                return nonlinear(x, a, b);
            case XOR:
                if (a.sameAs(b)) return LinearForm.ZERO;
                if (ac && bc) return LinearForm.constant(LinearForm.signExtend(av ^ bv, bits));
                if (aZero) return b;
                if (bZero) return a;
                return nonlinear(x, a, b);
            case UREM: case SREM:
                if (bc && ((bv & m) == 1 || (op == Opcode.SREM && bOnes))) return LinearForm.ZERO; // x % 1, x % -1
                if (aZero || (!bZero && a.sameAs(b))) return LinearForm.ZERO;
                if (ac && bc && !bZero) {
                    long r = op == Opcode.SREM ? LinearForm.signExtend(av, bits) % LinearForm.signExtend(bv, bits)
                            : Long.remainderUnsigned(av & m, bv & m);
                    return LinearForm.constant(LinearForm.signExtend(r, bits));
                }
                return nonlinear(x, a, b);
            case UDIV: case SDIV:
                if (bc && (bv & m) == 1) return a;
                if (aZero) return LinearForm.ZERO;
                if (ac && bc && !bZero) {
                    long r = op == Opcode.SDIV ? LinearForm.signExtend(av, bits) / LinearForm.signExtend(bv, bits)
                            : Long.divideUnsigned(av & m, bv & m);
                    return LinearForm.constant(LinearForm.signExtend(r, bits));
                }
                return nonlinear(x, a, b);
            case LSHR: case ASHR:
                if (bZero) return a;
                if (aZero) return LinearForm.ZERO;
                if (ac && bc && (bv & m) < bits) {
                    long r = op == Opcode.LSHR ? (av & m) >>> (bv & m) : LinearForm.signExtend(av, bits) >> (bv & m);
                    return LinearForm.constant(LinearForm.signExtend(r, bits));
                }
                return nonlinear(x, a, b);
            default:
                return nonlinear(x, a, b); // floating point
        }
    }

    /** icmp folded: true, false, or null when it depends on the atoms. */
    public static Boolean compare(String pred, LinearForm a, LinearForm b, int bits) {
        long m = mask(bits);
        LinearForm d = a.minus(b);
        if (a.isConstant() && b.isConstant()) {
            long ua = a.constant & m, ub = b.constant & m;
            long sa = LinearForm.signExtend(a.constant, bits), sb = LinearForm.signExtend(b.constant, bits);
            switch (pred) {
                case "eq": return ua == ub;
                case "ne": return ua != ub;
                case "ugt": return Long.compareUnsigned(ua, ub) > 0;
                case "uge": return Long.compareUnsigned(ua, ub) >= 0;
                case "ult": return Long.compareUnsigned(ua, ub) < 0;
                case "ule": return Long.compareUnsigned(ua, ub) <= 0;
                case "sgt": return sa > sb;
                case "sge": return sa >= sb;
                case "slt": return sa < sb;
                case "sle": return sa <= sb;
                default: return null;
            }
        }
        if (d.isConstant()) { // the same atoms: only the constant differs
            boolean same = (d.constant & m) == 0;
            switch (pred) {
                case "eq": return same;
                case "ne": return !same;
                case "uge": case "ule": case "sge": case "sle": if (same) return true; break;
                case "ugt": case "ult": case "sgt": case "slt": if (same) return false; break;
                default: break;
            }
        }
        boolean bZero = b.isConstant() && (b.constant & m) == 0, aZero = a.isConstant() && (a.constant & m) == 0;
        boolean bOnes = b.isConstant() && (b.constant & m) == m, aOnes = a.isConstant() && (a.constant & m) == m;
        switch (pred) { // unsigned ranges: nothing is below 0 or above all-ones
            case "uge": if (bZero || aOnes) return true; break;
            case "ult": if (bZero || aOnes) return false; break;
            case "ule": if (aZero || bOnes) return true; break;
            case "ugt": if (aZero || bOnes) return false; break;
            default: break;
        }
        return null;
    }

    private LinearForm gep(Instruction x, int depth) {
        LinearForm f = form(x.operand(0), depth);
        Type t = x.auxType();
        for (int k = 1; k < x.operandCount(); k++) {
            LinearForm idx = form(x.operand(k), depth);
            if (k == 1) {
                f = addScaled(x, f, idx, TypeSizes.size(layout, t));
                continue;
            }
            if (t instanceof Type.StructType s) {
                if (!idx.isConstant()) return opaque(x);
                int field = (int) idx.constant;
                f = f.plus(LinearForm.constant(TypeSizes.offset(layout, s, field)));
                List<Type> els = s.elements();
                t = field >= 0 && field < els.size() ? els.get(field) : null;
            } else if (t instanceof Type.ArrayType a) {
                t = a.element;
                f = addScaled(x, f, idx, TypeSizes.size(layout, t));
            } else if (t instanceof Type.VectorType vt) {
                t = vt.element;
                f = addScaled(x, f, idx, TypeSizes.size(layout, t));
            } else {
                return opaque(x);
            }
        }
        return f;
    }

    private static LinearForm addScaled(Instruction x, LinearForm base, LinearForm idx, long size) {
        if (idx.isConstant()) return size >= 0 ? base.plus(LinearForm.constant(idx.constant * size)) : base;
        if (size < 0) return base.plus(LinearForm.atom(x, idx.dependsOnRoot())); // unknown stride: one opaque term
        return base.plus(idx.times(size));
    }

    /** Whether v is computed from the root: through operands, slots, and the branches that choose a phi's value. */
    public boolean derivesFromRoot(Value v) { return root != null && derives(v, 0); }

    private boolean derives(Value v, int depth) {
        if (v == root || known.contains(v)) return true;
        if (!(v instanceof Instruction x) || depth > MAX_DEPTH) return false;
        Boolean known = derived.get(x);
        if (known != null) return known;
        derived.put(x, Boolean.FALSE); // a cycle adds nothing
        boolean r = false;
        if (x.opcode() == Opcode.LOAD) {
            if (slots.isSlotLoad(x)) {
                Value slot = x.operand(0);
                Value c = slots.canonical(x);
                if (c != x) r = derives(c, depth + 1);
                else for (BasicBlock b : slots.function().blocks()) {
                    for (Instruction i : b.instructions())
                        if (i.opcode() == Opcode.STORE && i.operand(1) == slot && derives(i.operand(0), depth + 1)) { r = true; break; }
                    if (r) break;
                }
            }
            else if (x.operand(0) instanceof Instruction a && a.opcode() == Opcode.ALLOCA) {
                // a local whose address escapes (passed by reference): whatever was stored in it may come back
                for (BasicBlock b : slots.function().blocks()) {
                    for (Instruction i : b.instructions())
                        if (i.opcode() == Opcode.STORE && i.operand(1) == a && derives(i.operand(0), depth + 1)) { r = true; break; }
                    if (r) break;
                }
            }
            // a load through an R-derived pointer reads memory: its value is not R's (an address dependency)
        } else {
            for (int k = 0; k < x.operandCount() && !r; k++) r = derives(x.operand(k), depth + 1);
            if (!r && x.opcode() == Opcode.PHI && controlDependence != null) {
                // a phi of constants chosen by a branch on R (q || 1 at -O0) carries the branch's condition
                for (BasicBlock in : x.blocks()) {
                    for (BasicBlock br : controlDependence.controllingBranches(in)) {
                        Instruction t = br.terminator();
                        if (t != null && t.opcode() == Opcode.BR && t.operandCount() == 1 && derives(t.operand(0), depth + 1)) { r = true; break; }
                    }
                    if (r) break;
                }
            }
        }
        derived.put(x, r);
        return r;
    }

    /** The only successor a br or switch can take when its condition folds, else null. */
    public BasicBlock constantSuccessor(Instruction t) {
        if (t.opcode() == Opcode.BR) {
            if (t.operandCount() == 0) return t.blocks()[0];
            Long c = constantOf(t.operand(0));
            return c == null ? null : t.blocks()[(c & 1) != 0 ? 0 : 1];
        }
        if (t.opcode() == Opcode.SWITCH) {
            Long c = constantOf(t.operand(0));
            if (c == null) return null;
            long m = mask(bits(t.operand(0).type()));
            for (int k = 1; k < t.operandCount(); k++)
                if (t.operand(k) instanceof ConstantInt ci && ci.fitsLong() && (ci.longValue() & m) == (c & m)) return t.blocks()[k];
            return t.blocks()[0];
        }
        return null;
    }
}
