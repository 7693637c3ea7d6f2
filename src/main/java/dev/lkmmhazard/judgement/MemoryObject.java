package dev.lkmmhazard.judgement;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.SharedMemory;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.ConstantAggregate;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the memory of an access is, as far as another CPU could see it: a local whose address never leaves the
 * function, this CPU's per-CPU data, an object written only while the kernel boots, or a one-shot flag. No ordering
 * with another CPU can be lost on such memory.
 */
final class MemoryObject {
    private MemoryObject() {}

    /** The pointer an instruction accesses: a marked access's address, else a load's or store's pointer operand. */
    static Value address(FunctionContext f, Instruction i) {
        for (MarkedAccess m : f.marked().of(i)) if (m.address() != null) return m.address();
        return switch (i.opcode()) {
            case LOAD, STORE, ATOMICRMW, CMPXCHG -> i.pointerOperand();
            default -> null;
        };
    }

    /**
     * A stack object of the function whose address is used only by loads and stores of it and address arithmetic:
     * no call, asm or store takes it elsewhere. Returns its name ("{@code set}"), or null.
     */
    static String nonEscapingLocal(FunctionContext f, Value address) {
        Value root = SharedMemory.root(address);
        if (!(root instanceof Instruction a) || a.opcode() != Opcode.ALLOCA || a.parent().parent() != f.function()) return null;
        if (escapes(f, a)) return null;
        return a.name() == null || a.name().isEmpty() ? "a local" : a.name();
    }

    /** Whether the address of the alloca flows anywhere but into loads, stores through it and GEPs/casts of it. */
    private static boolean escapes(FunctionContext f, Instruction alloca) {
        Set<Value> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Value> work = new ArrayDeque<>();
        work.add(alloca);
        seen.add(alloca);
        var du = f.defUse();
        while (!work.isEmpty()) {
            Value v = work.poll();
            if (du.index(v) < 0) continue;
            for (var use : du.uses(v)) {
                if (use.kind().isDebug()) continue;
                Instruction u = use.user();
                switch (u.opcode()) {
                    case LOAD -> { }
                    case STORE -> { if (use.slot() == 0) return true; } // the address itself stored somewhere
                    case GETELEMENTPTR, BITCAST, ADDRSPACECAST -> { if (seen.add(u)) work.add(u); }
                    case CALL -> { if (!ignorableIntrinsic(u)) return true; }
                    default -> { return true; }
                }
            }
        }
        return false;
    }

    /** Debug, lifetime and assume intrinsics: they mention an address without using the memory. */
    private static boolean ignorableIntrinsic(Instruction call) {
        Intrinsic id = call.intrinsic();
        return id.isDebugOrLifetime() || id == Intrinsic.ASSUME || id == Intrinsic.MEMSET || id == Intrinsic.NOALIAS_SCOPE_DECL;
    }

    /**
     * This CPU's per-CPU data: an x86 {@code %gs:}-relative asm access, or an address computed from a per-CPU
     * variable and this CPU's offset ({@code this_cpu_off}, arm64's {@code tpidr_el1}/{@code tpidr_el2}), never
     * from {@code __per_cpu_offset[cpu]}, which reaches another CPU's copy.
     */
    static String thisCpu(FunctionContext f, Instruction access) {
        if (access.callee() instanceof InlineAsm asm && asm.asmText().contains("%gs:")) return "an x86 %gs:-relative per-CPU access";
        Value address = address(f, access);
        if (address == null) return null;
        String var = thisCpuVariable(address);
        return var == null ? null : "this CPU's copy of the per-CPU variable " + var;
    }

    /** The per-CPU variable whose this-CPU copy {@code address} points into, or null. */
    static String thisCpuVariable(Value address) {
        boolean perCpuVar = false, localOffset = false;
        ArrayDeque<Value> work = new ArrayDeque<>();
        Set<Value> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        work.add(address);
        String var = null;
        while (!work.isEmpty() && seen.size() < 64) {
            Value v = work.poll();
            if (!seen.add(v)) continue;
            if (v instanceof GlobalVariable g) {
                String s = g.section();
                if (g.name().equals("__per_cpu_offset")) return null;
                if (g.name().equals("this_cpu_off")) localOffset = true;
                else if (s != null && s.startsWith(".data..percpu")) { perCpuVar = true; var = g.name(); }
                continue;
            }
            if (v instanceof Instruction i) {
                if (i.callee() instanceof InlineAsm asm) {
                    // this_cpu_ptr(): x86 adds %gs:this_cpu_off to the variable's address in the asm itself
                    String t = asm.asmText();
                    if (t.contains("tpidr_el1") || t.contains("tpidr_el2") || t.contains("%gs:")) localOffset = true;
                    for (int k = 0; k < i.operandCount() - 1; k++) work.add(i.operand(k));
                    continue;
                }
                if (i.opcode() == Opcode.LOAD || i.opcode() == Opcode.CALL) {
                    if (i.opcode() == Opcode.LOAD) work.add(i.pointerOperand()); // the load of this_cpu_off itself
                    continue;
                }
                for (int k = 0; k < i.operandCount(); k++) work.add(i.operand(k));
            } else if (v instanceof ConstantExpr ce) {
                for (int k = 0; k < ce.operandCount(); k++) work.add(ce.operand(k));
            }
        }
        return perCpuVar && localOffset ? var : null;
    }

    /**
     * Memory written only while the kernel boots: {@code __ro_after_init}, {@code __initdata} and the other
     * {@code .init} sections, a {@code const} global, or the variable of a module parameter no one can write at run
     * time (permissions without a write bit). Returns the clause that says so, or null.
     */
    static String bootOnly(FunctionContext f, Value address) {
        if (!(SharedMemory.root(address) instanceof GlobalVariable g)) return null;
        if (g.isConstant()) return dev.lkmmhazard.analysis.RustSymbols.displayName(g.name()) + " is a constant";
        String s = g.section();
        if (s != null && (s.equals(".data..ro_after_init") || s.startsWith(".init.") || s.startsWith(".exit.")))
            return dev.lkmmhazard.analysis.RustSymbols.displayName(g.name()) + " is in " + s + ", written only while the kernel boots";
        Integer perm = f.module().cached(PARAMS, m -> paramPermissions(m.module())).get(g);
        if (perm != null && (perm & 0222) == 0)
            return dev.lkmmhazard.analysis.RustSymbols.displayName(g.name()) + " is a module parameter of mode 0" + Integer.toOctalString(perm) + ", set only at boot or load time";
        return null;
    }

    /** A {@code WARN_ONCE}/{@code printk_once} flag ({@code .data.once}): racy by design, orders nothing. */
    static String onceFlag(Value address) {
        Value root = SharedMemory.root(address);
        return SharedMemory.isOnceFlag(root) ? dev.lkmmhazard.analysis.RustSymbols.displayName(((GlobalVariable) root).name()) + " is a one-shot flag (.data.once)" : null;
    }

    /** the key of the module-parameter table in the module's cache */
    private static final Object PARAMS = new Object();

    /**
     * The module parameters of m: each {@code struct kernel_param} in section {@code __param} names its variable
     * (the last field, a union holding the pointer) and its permissions (the {@code i16} field).
     */
    private static Map<GlobalVariable, Integer> paramPermissions(Module m) {
        Map<GlobalVariable, Integer> out = new IdentityHashMap<>();
        for (GlobalVariable g : m.globals()) {
            if (!"__param".equals(g.section()) || !(g.initializer() instanceof ConstantAggregate a)) continue;
            Integer perm = null;
            GlobalVariable var = null;
            for (int i = 0; i < a.operandCount(); i++) {
                Value e = a.operand(i);
                if (perm == null && e instanceof ConstantInt c && c.type() instanceof dev.lkmmhazard.ir.Type.IntType t
                        && t.bits == 16) perm = (int) c.longValue();
                if (i == a.operandCount() - 1) var = firstGlobal(e, 0);
            }
            if (perm != null && var != null) out.put(var, perm);
        }
        return out;
    }

    private static GlobalVariable firstGlobal(Value v, int depth) {
        if (v instanceof GlobalVariable g) return g;
        if (depth < 3 && v instanceof ConstantAggregate a && a.operandCount() > 0) return firstGlobal(a.operand(0), depth + 1);
        return null;
    }
}
