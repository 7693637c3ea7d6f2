package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Argument;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DebugRecord;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.Metadata;
import dev.lkmmhazard.ir.MetadataValue;
import dev.lkmmhazard.ir.OperandBundle;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The uses of every argument and instruction of one function (the IR holds only operand → definition). Values are
 * numbered densely: arguments {@code 0 .. argumentCount-1}, then the instructions in block order. The uses of value v
 * are {@code 0 .. useCount(v)-1}, in the order of their users; each names its user instruction, a slot and a
 * {@link UseKind}. Constants, globals and blocks are not values here: constants do not use instructions.
 */
public final class DefUse {
    /** How an instruction uses a value. */
    public enum UseKind {
        /** an ordinary operand; slot = operand index (also for {@code metadata} operands of calls other than llvm.dbg.*) */
        OPERAND,
        /** an input of an operand bundle of a call; slot = index over all the call's bundle inputs, in order */
        BUNDLE,
        /** a value in a debug record ({@code #dbg_value}) written before the user; slot = the record's index */
        DEBUG_RECORD,
        /** a {@code metadata} operand of a call to an {@code llvm.dbg.*} intrinsic; slot = operand index */
        DEBUG_INTRINSIC;

        /** Debug uses describe variables for a debugger; they carry no dependency. */
        public boolean isDebug() { return this == DEBUG_RECORD || this == DEBUG_INTRINSIC; }
    }

    /** One use of a value. */
    public record Use(Instruction user, int slot, UseKind kind) {}

    private static final UseKind[] KINDS = UseKind.values();

    private final Function function;
    private final Value[] values;
    private final int argumentCount;
    /**
     * Numbers by identity, only for a function whose values do not stand at their {@link Argument#index} and
     * {@link Instruction#position()} (one not built by the reader): else those give the number, with no hashing.
     */
    private final IdentityIndex byIdentity;
    /** uses of v: positions useStart[v] .. useStart[v+1]-1 of the arrays below */
    private final int[] useStart;
    private final int[] useUser;
    private final int[] useSlot;
    private final byte[] useKind;

    // growing record of (definition, user, slot, kind) while reading the function
    private int[] rDef, rUser, rSlot;
    private byte[] rKind;
    private int rCount;

    public DefUse(Function function) {
        this.function = function;
        List<Argument> args = function.arguments();
        argumentCount = args.size();
        int n = argumentCount;
        for (BasicBlock b : function.blocks()) n += b.instructions().size();
        values = new Value[n];
        boolean positioned = true;
        int v = 0;
        for (Argument a : args) {
            positioned &= a.index == v;
            values[v++] = a;
        }
        for (BasicBlock b : function.blocks()) {
            for (Instruction i : b.instructions()) {
                positioned &= i.position() == v;
                values[v++] = i;
            }
        }
        if (positioned) {
            byIdentity = null;
        } else {
            byIdentity = new IdentityIndex(n);
            for (int k = 0; k < n; k++) byIdentity.put(values[k], k);
        }

        int guess = Math.max(16, (n - argumentCount) * 2);
        rDef = new int[guess];
        rUser = new int[guess];
        rSlot = new int[guess];
        rKind = new byte[guess];
        for (int u = argumentCount; u < n; u++) {
            Instruction inst = (Instruction) values[u];
            for (int k = 0, ops = inst.operandCount(); k < ops; k++) {
                Value op = inst.operand(k);
                if (op instanceof MetadataValue mv) {
                    metadataUses(mv.metadata, u, k, isDebugIntrinsicCall(inst) ? UseKind.DEBUG_INTRINSIC : UseKind.OPERAND);
                } else if (op instanceof Instruction || op instanceof Argument) {
                    int d = index(op); // the type test spares constants and globals the look-up
                    if (d >= 0) record(d, u, k, UseKind.OPERAND);
                }
            }
            if (inst.call() != null) {
                int slot = 0;
                for (OperandBundle bundle : inst.call().bundles()) {
                    for (int k = 0; k < bundle.operandCount(); k++, slot++) {
                        int d = index(bundle.operand(k));
                        if (d >= 0) record(d, u, slot, UseKind.BUNDLE);
                    }
                }
            }
            List<DebugRecord> records = inst.debugRecords();
            for (int r = 0, rs = records.size(); r < rs; r++) {
                List<Metadata> operands = records.get(r).operands();
                for (int k = 0, ks = operands.size(); k < ks; k++) metadataUses(operands.get(k), u, r, UseKind.DEBUG_RECORD);
            }
        }

        // counting sort by definition keeps each value's uses in user order
        useStart = new int[n + 1];
        for (int i = 0; i < rCount; i++) useStart[rDef[i] + 1]++;
        for (int i = 0; i < n; i++) useStart[i + 1] += useStart[i];
        useUser = new int[rCount];
        useSlot = new int[rCount];
        useKind = new byte[rCount];
        int[] fill = Arrays.copyOf(useStart, n);
        for (int i = 0; i < rCount; i++) {
            int at = fill[rDef[i]]++;
            useUser[at] = rUser[i];
            useSlot[at] = rSlot[i];
            useKind[at] = rKind[i];
        }
        rDef = rUser = rSlot = null;
        rKind = null;
    }

    private static boolean isDebugIntrinsicCall(Instruction inst) {
        return inst.call() != null && inst.callee() instanceof Function f && f.intrinsic() == Intrinsic.DBG;
    }

    /**
     * Values inside metadata: {@code i32 %x}, and the list {@code !DIArgList(i32 %a, i32 %b)}, the only node that may
     * hold function-local values (expressions, variables and locations never do, so they are not walked).
     */
    private void metadataUses(Metadata m, int user, int slot, UseKind kind) {
        if (m instanceof Metadata.ValueRef ref) {
            int d = index(ref.value());
            if (d >= 0) record(d, user, slot, kind);
        } else if (m instanceof MDNode node && node.id() < 0 && "DIArgList".equals(node.kind)) {
            for (int i = 0, c = node.fieldCount(); i < c; i++) metadataUses(node.value(i), user, slot, kind);
        }
    }

    private void record(int def, int user, int slot, UseKind kind) {
        if (rCount == rDef.length) {
            int cap = rCount * 2;
            rDef = Arrays.copyOf(rDef, cap);
            rUser = Arrays.copyOf(rUser, cap);
            rSlot = Arrays.copyOf(rSlot, cap);
            rKind = Arrays.copyOf(rKind, cap);
        }
        rDef[rCount] = def;
        rUser[rCount] = user;
        rSlot[rCount] = slot;
        rKind[rCount] = (byte) kind.ordinal();
        rCount++;
    }

    public Function function() { return function; }
    /** Arguments plus instructions. */
    public int valueCount() { return values.length; }
    public int argumentCount() { return argumentCount; }
    /** The dense number of an argument or instruction of this function, or -1 for any other value. */
    public int index(Value v) {
        if (byIdentity != null) return byIdentity.get(v);
        int k = v instanceof Instruction i ? i.position() : v instanceof Argument a ? a.index : -1;
        return k >= 0 && k < values.length && values[k] == v ? k : -1;
    }
    public Value value(int index) { return values[index]; }

    public int useCount(int v) { return useStart[v + 1] - useStart[v]; }
    /** The value number of the instruction making v's k-th use. */
    public int useUser(int v, int k) { return useUser[useStart[v] + k]; }
    public int useSlot(int v, int k) { return useSlot[useStart[v] + k]; }
    public UseKind useKind(int v, int k) { return KINDS[useKind[useStart[v] + k]]; }

    private int indexOrThrow(Value v) {
        int i = index(v);
        if (i < 0) throw new IllegalArgumentException(v + " is not an argument or instruction of @" + function.name());
        return i;
    }

    /** Every use of v, debug uses included. */
    public List<Use> uses(Value v) {
        int d = indexOrThrow(v);
        List<Use> out = new ArrayList<>(useCount(d));
        for (int i = useStart[d]; i < useStart[d + 1]; i++)
            out.add(new Use((Instruction) values[useUser[i]], useSlot[i], KINDS[useKind[i]]));
        return out;
    }

    /** The instructions that use v other than for debug info, each once, in function order. */
    public List<Instruction> users(Value v) {
        int d = indexOrThrow(v);
        List<Instruction> out = new ArrayList<>(useCount(d));
        int previous = -1;
        for (int i = useStart[d]; i < useStart[d + 1]; i++) {
            if (KINDS[useKind[i]].isDebug() || useUser[i] == previous) continue;
            previous = useUser[i];
            out.add((Instruction) values[previous]);
        }
        return out;
    }

    /** Whether anything but debug info uses v. */
    public boolean hasUses(Value v) {
        int d = indexOrThrow(v);
        for (int i = useStart[d]; i < useStart[d + 1]; i++) if (!KINDS[useKind[i]].isDebug()) return true;
        return false;
    }

    /** Whether debug info refers to v (a variable's value lives in it). */
    public boolean hasDebugUses(Value v) {
        int d = indexOrThrow(v);
        for (int i = useStart[d]; i < useStart[d + 1]; i++) if (KINDS[useKind[i]].isDebug()) return true;
        return false;
    }
}
