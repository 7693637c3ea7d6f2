package dev.lkmmhazard.analysis;

import dev.lkmmhazard.analysis.MarkedAccess.Kind;
import dev.lkmmhazard.ir.Attribute;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.BlockAddress;
import dev.lkmmhazard.ir.CallInfo;
import dev.lkmmhazard.ir.Constant;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Ordering;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The marked accesses of one function (docs/dependencies.md), in instruction order, each with the rule that made it
 * marked:
 * <ul>
 *   <li>{@code load volatile} / {@code store volatile} ({@code volatile}); {@code load atomic} / {@code store atomic}
 *       ({@code atomic-<ordering>}); {@code atomicrmw}, {@code cmpxchg}, {@code fence}, whatever their ordering;</li>
 *   <li>inline asm, decoded by {@link InlineAsmSemantics} ({@code asm-*} rules); every {@code callbr} asm goto
 *       ({@code asm-goto}, the kernel's {@code volatile_if}-like branch, or {@code asm-goto-jump-label} for a static
 *       branch: no memory clobber, only constant inputs);</li>
 *   <li>calls to configured helpers ({@link MarkedAccessConfig}; {@code helper:<name>});</li>
 *   <li>calls, in unoptimized rustc IR, to {@code core::ptr::read_volatile}/{@code write_volatile},
 *       {@code core::intrinsics::volatile_*}, the {@code load}, {@code store}, {@code swap},
 *       {@code compare_exchange[_weak]} and {@code fetch_*} methods of {@code core::sync::atomic::Atomic*}, the
 *       {@code core::sync::atomic::atomic_*} functions, {@code fence} and {@code compiler_fence}, by demangled name
 *       ({@code rust:<name>}), the ordering read from the constant {@code i8} argument;</li>
 *   <li>volatile {@code llvm.memcpy}/{@code llvm.memmove}/{@code llvm.memset} ({@code volatile-memcpy} ...).</li>
 * </ul>
 * Plain loads and stores, and calls to any other function, are not marked. Computed once, in the constructor.
 */
public final class MarkedAccesses {
    private final Function function;
    private final MarkedAccessConfig config;
    private final List<MarkedAccess> all;
    private final Map<Instruction, List<MarkedAccess>> byInstruction = new IdentityHashMap<>();
    /** Per callee, what a call to it is; calls repeat the same few callees. */
    private final Map<Value, CallRule> callRules = new IdentityHashMap<>();

    public MarkedAccesses(Function function) { this(function, MarkedAccessConfig.defaults()); }

    public MarkedAccesses(Function function, MarkedAccessConfig config) {
        this.function = function;
        this.config = config;
        List<MarkedAccess> out = new ArrayList<>();
        for (BasicBlock b : function.blocks()) {
            for (Instruction inst : b.instructions()) {
                int before = out.size();
                classify(inst, out);
                if (out.size() > before) byInstruction.put(inst, List.copyOf(out.subList(before, out.size())));
            }
        }
        this.all = Collections.unmodifiableList(out);
    }

    /** The marked accesses of a single instruction, without building the whole function's list. */
    public static List<MarkedAccess> classify(Instruction inst, MarkedAccessConfig config) {
        List<MarkedAccess> out = new ArrayList<>(1);
        new MarkedAccesses(config).classify(inst, out);
        return out;
    }

    private MarkedAccesses(MarkedAccessConfig config) {
        this.function = null;
        this.config = config;
        this.all = List.of();
    }

    public Function function() { return function; }
    public MarkedAccessConfig config() { return config; }

    /** Every marked access, in instruction order. */
    public List<MarkedAccess> all() { return all; }

    /** The marked accesses of {@code inst}: empty when it is plain. */
    public List<MarkedAccess> of(Instruction inst) {
        List<MarkedAccess> l = byInstruction.get(inst);
        return l == null ? List.of() : l;
    }

    public boolean isMarked(Instruction inst) { return byInstruction.containsKey(inst); }

    /** The accesses where dependencies begin: marked reads whose value is available ({@link MarkedAccess#startsDependencies}). */
    public List<MarkedAccess> dependencySources() {
        List<MarkedAccess> out = new ArrayList<>();
        for (MarkedAccess a : all) if (a.startsDependencies()) out.add(a);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void classify(Instruction inst, List<MarkedAccess> out) {
        switch (inst.opcode()) {
            case LOAD: {
                String rule = inst.isAtomic() ? "atomic-" + inst.ordering().keyword : inst.isVolatile() ? "volatile" : null;
                if (rule == null) return;
                out.add(MarkedAccess.builder().instruction(inst).kind(Kind.LOAD).ordering(inst.ordering())
                        .syncScope(inst.syncScope()).address(inst.pointerOperand()).accessType(inst.accessType()).loadedValue(inst)
                        .reads(true).rule(rule).build());
                return;
            }
            case STORE: {
                String rule = inst.isAtomic() ? "atomic-" + inst.ordering().keyword : inst.isVolatile() ? "volatile" : null;
                if (rule == null) return;
                Value v = inst.valueOperand();
                out.add(MarkedAccess.builder().instruction(inst).kind(Kind.STORE).ordering(inst.ordering())
                        .syncScope(inst.syncScope()).address(inst.pointerOperand()).accessType(inst.accessType()).storedValue(v)
                        .inputs(List.of(v)).writes(true).rule(rule).build());
                return;
            }
            case ATOMICRMW: {
                Value v = inst.valueOperand();
                out.add(MarkedAccess.builder().instruction(inst).kind(Kind.RMW).ordering(inst.ordering())
                        .syncScope(inst.syncScope()).address(inst.pointerOperand()).accessType(inst.accessType()).storedValue(v)
                        .inputs(List.of(v)).loadedValue(inst).reads(true).writes(true).rule("atomicrmw").build());
                return;
            }
            case CMPXCHG: {
                Value nv = inst.newValueOperand();
                out.add(MarkedAccess.builder().instruction(inst).kind(Kind.CMPXCHG).ordering(inst.ordering())
                        .failureOrdering(inst.failureOrdering()).syncScope(inst.syncScope()).address(inst.pointerOperand())
                        .accessType(inst.accessType()).storedValue(nv).inputs(List.of(nv)).loadedValue(inst).reads(true)
                        .writes(true).rule("cmpxchg").build());
                return;
            }
            case FENCE:
                out.add(MarkedAccess.builder().instruction(inst).kind(Kind.FENCE).ordering(inst.ordering())
                        .syncScope(inst.syncScope()).rule("fence").build());
                return;
            case CALL:
            case INVOKE:
            case CALLBR:
                call(inst, out);
                return;
            default:
        }
    }

    private void call(Instruction inst, List<MarkedAccess> out) {
        Value callee = inst.callee();
        if (callee instanceof InlineAsm asm) {
            asm(inst, asm, out);
            return;
        }
        CallRule rule = callRules.get(callee);
        if (rule == null) {
            rule = callRule(callee);
            callRules.put(callee, rule);
        }
        if (rule == CallRule.NONE) return;
        switch (rule.family) {
            case VOLATILE_INTRINSIC -> volatileIntrinsic(inst, rule, out);
            case HELPER -> helperCall(inst, rule, out);
            case RUST -> rustCall(inst, rule, out);
            default -> { }
        }
    }

    // --- inline asm

    /**
     * An asm statement's marked access, if any. arm64's {@code __my_cpu_offset} ({@code mrs} of
     * {@code tpidr_el1}/{@code tpidr_el2}, with a fake read of the stack, an {@code "Q"} operand, so that
     * {@code barrier()} orders it) reads this CPU's offset, a register, not memory another CPU writes: no marked
     * access, and so never the end of a dependency.
     */
    private static void asm(Instruction inst, InlineAsm ia, List<MarkedAccess> out) {
        InlineAsmSemantics sem = InlineAsmSemantics.of(ia);
        if (sem.readsPerCpuOffset) return; // decoded once per asm text, with the rest of its semantics
        CallInfo ci = inst.call();
        int argc = ci.argCount();
        boolean isVoid = inst.type() == null || inst.type().isVoid();
        List<Value> values = new ArrayList<>(sem.valueArguments.length);
        for (int a : sem.valueArguments) {
            if (a >= argc) continue;
            Value v = inst.operand(a);
            if (!(v instanceof BlockAddress)) values.add(v);
        }
        List<MemOp> mem = mergedMemoryOperands(inst, sem, argc);

        if (inst.opcode() == Opcode.CALLBR) {
            MemOp first = mem.isEmpty() ? null : mem.get(0);
            boolean reads = false, writes = false, constantInputs = true;
            for (MemOp m : mem) { reads |= m.reads; writes |= m.writes; }
            for (Value v : values) constantInputs &= v instanceof Constant;
            // The kernel's static branches (jump labels) are asm goto too: no memory clobber, only constant inputs.
            // They are kept, under their own rule, so that checks can tell them from volatile_if-like branches.
            String rule = !sem.clobbersMemory && mem.isEmpty() && constantInputs ? "asm-goto-jump-label" : "asm-goto";
            out.add(MarkedAccess.builder().instruction(inst).kind(Kind.ASM).ordering(sem.ordering)
                    .address(first == null ? null : first.address).addressArgument(first == null ? -1 : first.argIndex)
                    .accessType(first == null ? null : first.type)
                    .storedValue(writes && !values.isEmpty() ? values.get(0) : null).inputs(values)
                    .loadedValue(isVoid ? null : inst).reads(reads).writes(writes)
                    .clobbersMemory(sem.clobbersMemory).rule(rule).build());
            return;
        }
        Kind kind = sem.kind;
        if (kind == null) return;
        if (kind == Kind.FENCE || kind == Kind.BARRIER) {
            out.add(MarkedAccess.builder().instruction(inst).kind(kind).ordering(sem.ordering)
                    .clobbersMemory(sem.clobbersMemory).rule(sem.rule).build());
            return;
        }
        if (mem.isEmpty()) {
            // an access whose address is in a register operand: take the first pointer among the inputs
            int addrArg = -1;
            for (int a : sem.valueArguments) {
                if (a < argc && inst.operand(a).type() != null && inst.operand(a).type().isPointer()) { addrArg = a; break; }
            }
            Value addr = addrArg < 0 ? null : inst.operand(addrArg);
            List<Value> data = new ArrayList<>(values);
            if (addr != null) data.remove(addr);
            boolean reads = kind != Kind.STORE, writes = kind != Kind.LOAD;
            if (kind == Kind.ASM) { reads = true; writes = true; }
            out.add(MarkedAccess.builder().instruction(inst).kind(kind).ordering(sem.ordering).address(addr)
                    .addressArgument(addrArg).storedValue(writes && !data.isEmpty() ? data.get(0) : null).inputs(data)
                    .loadedValue(reads && !isVoid ? inst : null).reads(reads).writes(writes)
                    .clobbersMemory(sem.clobbersMemory).rule(sem.rule).build());
            return;
        }
        for (MemOp m : mem) {
            boolean reads, writes;
            switch (kind) {
                case LOAD -> { reads = true; writes = false; }
                case STORE -> { reads = false; writes = true; }
                case ASM -> { reads = m.reads; writes = m.writes; }
                default -> { reads = true; writes = true; }
            }
            out.add(MarkedAccess.builder().instruction(inst).kind(kind).ordering(sem.ordering).address(m.address)
                    .addressArgument(m.argIndex).accessType(m.type)
                    .storedValue(writes && !values.isEmpty() ? values.get(0) : null).inputs(writes ? values : List.of())
                    .loadedValue(reads && !isVoid ? inst : null).reads(reads).writes(writes)
                    .clobbersMemory(sem.clobbersMemory).rule(sem.rule).build());
        }
    }

    /** A memory operand with its pointer; {@code +m} arrives as an output and an input on the same pointer. */
    private static final class MemOp {
        final int argIndex;
        final Value address;
        final Type type;
        boolean reads, writes;

        MemOp(int argIndex, Value address, Type type, boolean reads, boolean writes) {
            this.argIndex = argIndex;
            this.address = address;
            this.type = type;
            this.reads = reads;
            this.writes = writes;
        }
    }

    private static List<MemOp> mergedMemoryOperands(Instruction inst, InlineAsmSemantics sem, int argc) {
        List<MemOp> out = new ArrayList<>(sem.memoryOperands.size());
        List<List<Attribute>> attrs = inst.call().argAttributes();
        for (InlineAsmSemantics.MemoryOperand mo : sem.memoryOperands) {
            if (mo.argIndex() < 0 || mo.argIndex() >= argc) continue;
            Value p = inst.operand(mo.argIndex());
            MemOp same = null;
            for (MemOp m : out) if (Addresses.same(m.address, p)) { same = m; break; }
            if (same != null) {
                same.reads |= mo.reads();
                same.writes |= mo.writes();
                continue;
            }
            Attribute et = Attribute.find(attrs.get(mo.argIndex()), "elementtype");
            out.add(new MemOp(mo.argIndex(), p, et == null ? null : et.type(), mo.reads(), mo.writes()));
        }
        return out;
    }

    // --- calls to functions

    enum Family { NONE, VOLATILE_INTRINSIC, HELPER, RUST }

    /** Where a Rust call's ordering arguments are. */
    enum OrderArgs { NONE, LAST, LAST_TWO, AFTER_ADDRESS_TWO }

    /** What a call to one callee is. */
    record CallRule(Family family, Kind kind, Ordering ordering, OrderArgs orderArgs, String rule) {
        static final CallRule NONE = new CallRule(Family.NONE, null, null, OrderArgs.NONE, null);
    }

    private CallRule callRule(Value callee) {
        Function f = Function.called(callee);
        if (f == null || f.name() == null) return CallRule.NONE;
        String name = f.name();
        Intrinsic id = f.intrinsic();
        if (id.isIntrinsic()) {
            if (id.isMemoryTransfer())
                return new CallRule(Family.VOLATILE_INTRINSIC, id == Intrinsic.MEMSET ? Kind.STORE : Kind.RMW,
                        null, OrderArgs.NONE, id == Intrinsic.MEMSET ? "volatile-memset"
                        : id == Intrinsic.MEMCPY ? "volatile-memcpy" : "volatile-memmove");
            return CallRule.NONE;
        }
        if (config.isHelper(name)) return helperRule(name);
        if (RustSymbols.looksMangled(name)) return rustRule(name);
        return CallRule.NONE;
    }

    /**
     * What a helper does, read from its name's words: cmpxchg, xchg, read/load, set/store/write, smp_mb, barrier;
     * anything else (add, inc, fetch_or ...) is an RMW. Orderings: _acquire, _release, _relaxed as named; otherwise
     * READ_ONCE-style helpers are volatile (no ordering), atomic_read/set relaxed, value-returning RMWs fully ordered
     * and the others relaxed, as the kernel's atomic_t.txt says.
     */
    static CallRule helperRule(String name) {
        List<String> words = words(name);
        boolean cmpxchg = false, xchg = false, read = false, write = false, once = false, acquire = false,
                release = false, relaxed = false, returns = false, mb = false, rmb = false, wmb = false, barrier = false;
        for (String w : words) {
            switch (w) {
                case "cmpxchg" -> cmpxchg = true;
                case "xchg" -> xchg = true;
                case "read", "load" -> read = true;
                case "set", "store", "write" -> write = true;
                case "once" -> once = true;
                case "acquire" -> acquire = true;
                case "release" -> release = true;
                case "relaxed" -> relaxed = true;
                case "return", "fetch", "test", "unless", "zero", "positive" -> returns = true;
                case "mb" -> mb = true;
                case "rmb" -> rmb = true;
                case "wmb" -> wmb = true;
                case "barrier" -> barrier = true;
                default -> { }
            }
        }
        String rule = "helper:" + name;
        if (barrier && !read && !write) return new CallRule(Family.HELPER, Kind.BARRIER, null, OrderArgs.NONE, rule);
        if (mb) return new CallRule(Family.HELPER, Kind.FENCE, Ordering.SEQ_CST, OrderArgs.NONE, rule);
        if (rmb || wmb) return new CallRule(Family.HELPER, Kind.FENCE, null, OrderArgs.NONE, rule);
        Kind kind = cmpxchg ? Kind.CMPXCHG : xchg ? Kind.RMW : read ? Kind.LOAD : write ? Kind.STORE : Kind.RMW;
        Ordering ord;
        if (acquire) ord = Ordering.ACQUIRE;
        else if (release) ord = Ordering.RELEASE;
        else if (relaxed) ord = Ordering.MONOTONIC;
        else if (kind == Kind.LOAD || kind == Kind.STORE) ord = once ? null : Ordering.MONOTONIC;
        else ord = returns || cmpxchg || xchg ? Ordering.SEQ_CST : Ordering.MONOTONIC;
        return new CallRule(Family.HELPER, kind, ord, OrderArgs.NONE, rule);
    }

    /** The lower-case words of a name split at underscores. */
    private static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '_') {
                if (i > start) out.add(name.substring(start, i).toLowerCase(java.util.Locale.ROOT));
                start = i + 1;
            }
        }
        return out;
    }

    private static final int RUST_CACHE_LIMIT = 16384;
    private static final ConcurrentHashMap<String, CallRule> RUST_RULES = new ConcurrentHashMap<>();

    /** Rust core functions by demangled path; shared across functions since demangling is the costly part. */
    static CallRule rustRule(String symbol) {
        CallRule r = RUST_RULES.get(symbol);
        if (r != null) return r;
        r = computeRustRule(symbol);
        if (RUST_RULES.size() >= RUST_CACHE_LIMIT) RUST_RULES.clear();
        RUST_RULES.put(symbol, r);
        return r;
    }

    private static CallRule computeRustRule(String symbol) {
        String d = RustSymbols.demangle(symbol);
        if (d == null) return CallRule.NONE;
        String p = RustSymbols.plainPath(d);
        int last = p.lastIndexOf("::");
        if (last < 0) return CallRule.NONE;
        String fn = p.substring(last + 2);
        String parent = p.substring(0, last);

        // volatile accesses: free functions and the raw-pointer / NonNull methods
        boolean inPtr = parent.equals("core::ptr") || parent.startsWith("core::ptr::") || parent.startsWith("*");
        if (inPtr && fn.equals("read_volatile"))
            return new CallRule(Family.RUST, Kind.LOAD, null, OrderArgs.NONE, "rust:read_volatile");
        if (inPtr && fn.equals("write_volatile"))
            return new CallRule(Family.RUST, Kind.STORE, null, OrderArgs.NONE, "rust:write_volatile");
        if (parent.equals("core::intrinsics")) {
            switch (fn) {
                case "volatile_load", "unaligned_volatile_load":
                    return new CallRule(Family.RUST, Kind.LOAD, null, OrderArgs.NONE, "rust:" + fn);
                case "volatile_store", "unaligned_volatile_store", "volatile_set_memory":
                    return new CallRule(Family.RUST, Kind.STORE, null, OrderArgs.NONE, "rust:" + fn);
                case "volatile_copy_memory", "volatile_copy_nonoverlapping_memory":
                    return new CallRule(Family.RUST, Kind.STORE, null, OrderArgs.NONE, "rust:" + fn);
                default:
                    return CallRule.NONE;
            }
        }

        // core::sync::atomic: functions, and methods of the Atomic* types
        String atomicMod = parent.startsWith("core::sync::atomic") ? "core::sync::atomic"
                : parent.startsWith("std::sync::atomic") ? "std::sync::atomic" : null;
        if (atomicMod == null) return CallRule.NONE;
        if (parent.equals(atomicMod)) {
            switch (fn) {
                case "atomic_load": return rust(Kind.LOAD, OrderArgs.LAST, fn);
                case "atomic_store": return rust(Kind.STORE, OrderArgs.LAST, fn);
                case "atomic_swap", "atomic_add", "atomic_sub", "atomic_and", "atomic_nand", "atomic_or", "atomic_xor",
                     "atomic_max", "atomic_min", "atomic_umax", "atomic_umin":
                    return rust(Kind.RMW, OrderArgs.LAST, fn);
                case "atomic_compare_exchange", "atomic_compare_exchange_weak":
                    return rust(Kind.CMPXCHG, OrderArgs.LAST_TWO, fn);
                case "fence": return rust(Kind.FENCE, OrderArgs.LAST, fn);
                case "compiler_fence": return rust(Kind.BARRIER, OrderArgs.LAST, fn);
                default: return CallRule.NONE;
            }
        }
        String type = parent.substring(atomicMod.length());
        if (!type.startsWith("::Atomic") || type.indexOf("::", 2) >= 0) return CallRule.NONE;
        String name = type.substring(2) + "::" + fn;
        switch (fn) {
            case "load": return rust(Kind.LOAD, OrderArgs.LAST, name);
            case "store": return rust(Kind.STORE, OrderArgs.LAST, name);
            case "swap": return rust(Kind.RMW, OrderArgs.LAST, name);
            case "compare_exchange", "compare_exchange_weak": return rust(Kind.CMPXCHG, OrderArgs.LAST_TWO, name);
            case "compare_and_swap": return rust(Kind.CMPXCHG, OrderArgs.LAST, name);
            case "fetch_update": return rust(Kind.RMW, OrderArgs.AFTER_ADDRESS_TWO, name);
            default:
                if (fn.startsWith("fetch_")) return rust(Kind.RMW, OrderArgs.LAST, name);
                return CallRule.NONE;
        }
    }

    private static CallRule rust(Kind kind, OrderArgs args, String name) {
        return new CallRule(Family.RUST, kind, null, args, "rust:" + name);
    }

    private static void volatileIntrinsic(Instruction inst, CallRule rule, List<MarkedAccess> out) {
        int argc = inst.call().argCount();
        // (dst, src|val, len, i1 isvolatile)
        // the element-wise atomic variants end with an element size instead, which is never i1
        if (argc < 4 || !(inst.operand(argc - 1) instanceof ConstantInt v) || v.isZero()
                || !(v.type() instanceof Type.IntType it && it.bits == 1)) return;
        Value dst = inst.operand(0), src = inst.operand(1);
        if (rule.kind == Kind.STORE) {
            out.add(MarkedAccess.builder().instruction(inst).kind(Kind.STORE).address(dst).addressArgument(0)
                    .storedValue(src).inputs(List.of(src)).writes(true).rule(rule.rule).build());
            return;
        }
        out.add(MarkedAccess.builder().instruction(inst).kind(Kind.LOAD).address(src).addressArgument(1).reads(true)
                .rule(rule.rule).build());
        out.add(MarkedAccess.builder().instruction(inst).kind(Kind.STORE).address(dst).addressArgument(0).writes(true)
                .rule(rule.rule).build());
    }

    /** Arguments other than sret ones, which hold no input of the source-level call. */
    private static List<Integer> realArguments(Instruction inst) {
        CallInfo ci = inst.call();
        List<Integer> out = new ArrayList<>(ci.argCount());
        for (int i = 0; i < ci.argCount(); i++) if (!Attribute.has(ci.argAttributes().get(i), "sret")) out.add(i);
        return out;
    }

    private static int firstPointer(Instruction inst, List<Integer> args) {
        for (int a : args) {
            Type t = inst.operand(a).type();
            if (t != null && t.isPointer()) return a;
        }
        return -1;
    }

    private static void helperCall(Instruction inst, CallRule rule, List<MarkedAccess> out) {
        boolean isVoid = inst.type() == null || inst.type().isVoid();
        if (rule.kind == Kind.FENCE || rule.kind == Kind.BARRIER) {
            out.add(MarkedAccess.builder().instruction(inst).kind(rule.kind).ordering(rule.ordering)
                    .clobbersMemory(rule.kind == Kind.BARRIER).rule(rule.rule).build());
            return;
        }
        List<Integer> args = realArguments(inst);
        int addrArg = firstPointer(inst, args);
        List<Value> data = new ArrayList<>();
        if (rule.kind != Kind.LOAD) for (int a : args) if (a != addrArg) data.add(inst.operand(a));
        Value stored = data.isEmpty() ? null : rule.kind == Kind.CMPXCHG ? data.get(data.size() - 1) : data.get(0);
        boolean reads = rule.kind != Kind.STORE, writes = rule.kind != Kind.LOAD;
        out.add(MarkedAccess.builder().instruction(inst).kind(rule.kind).ordering(rule.ordering)
                .address(addrArg < 0 ? null : inst.operand(addrArg)).addressArgument(addrArg)
                .accessType(reads && !isVoid ? inst.type() : data.isEmpty() ? null : data.get(0).type()).storedValue(stored)
                .inputs(rule.kind == Kind.CMPXCHG && stored != null ? List.of(stored) : data)
                .loadedValue(reads && !isVoid ? inst : null).reads(reads).writes(writes).rule(rule.rule).build());
    }

    private static void rustCall(Instruction inst, CallRule rule, List<MarkedAccess> out) {
        boolean isVoid = inst.type() == null || inst.type().isVoid();
        List<Integer> args = realArguments(inst);
        // ordering arguments: the trailing i8 constants, or the two after self for fetch_update
        int[] orderArgs = orderArguments(inst, args, rule.orderArgs);
        Ordering ord = null, fail = null;
        String note = null;
        if (orderArgs.length > 0) {
            ord = rustOrdering(inst.operand(orderArgs[0]));
            if (orderArgs.length > 1) fail = rustOrdering(inst.operand(orderArgs[1]));
            if (ord == null || (orderArgs.length > 1 && fail == null))
                note = "ordering argument is not a constant 0..4; ordering unknown";
        } else if (rule.orderArgs != OrderArgs.NONE) {
            note = "no ordering argument found; ordering unknown";
        }
        if (rule.kind == Kind.FENCE || rule.kind == Kind.BARRIER) {
            out.add(MarkedAccess.builder().instruction(inst).kind(rule.kind).ordering(ord)
                    .clobbersMemory(rule.kind == Kind.BARRIER).rule(rule.rule).note(note).build());
            return;
        }
        int addrArg = firstPointer(inst, args);
        // the value inputs: arguments after the address and before the orderings; #[track_caller] functions
        // (read_volatile, write_volatile) end with a location pointer, which is not an input
        int end = orderArgs.length > 0 ? orderArgs[0] : Integer.MAX_VALUE;
        List<Value> data = new ArrayList<>();
        if (rule.kind != Kind.LOAD) {
            int want = rule.kind == Kind.CMPXCHG ? 2 : 1;
            for (int a : args) {
                if (a <= addrArg || a >= end) continue;
                if (data.size() < want) data.add(inst.operand(a));
            }
        }
        Value stored = data.isEmpty() ? null : data.get(data.size() - 1);
        boolean reads = rule.kind != Kind.STORE, writes = rule.kind != Kind.LOAD;
        Type accessType = reads && !isVoid ? inst.type() : data.isEmpty() ? null : data.get(0).type();
        if (rule.kind == Kind.CMPXCHG && !data.isEmpty()) accessType = data.get(0).type();
        out.add(MarkedAccess.builder().instruction(inst).kind(rule.kind).ordering(ord).failureOrdering(fail)
                .address(addrArg < 0 ? null : inst.operand(addrArg)).addressArgument(addrArg).accessType(accessType)
                .storedValue(stored).inputs(rule.kind == Kind.CMPXCHG && stored != null ? List.of(stored) : data)
                .loadedValue(reads && !isVoid ? inst : null).reads(reads).writes(writes).rule(rule.rule).note(note).build());
    }

    private static int[] orderArguments(Instruction inst, List<Integer> args, OrderArgs where) {
        switch (where) {
            case LAST, LAST_TWO: {
                int want = where == OrderArgs.LAST ? 1 : 2;
                int[] found = new int[want];
                int n = 0;
                for (int k = args.size() - 1; k >= 0 && n < want; k--) {
                    int a = args.get(k);
                    if (isI8(inst.operand(a))) found[want - 1 - n++] = a;
                    else if (n > 0) break;
                }
                return n == want ? found : new int[0];
            }
            case AFTER_ADDRESS_TWO: {
                int addr = firstPointer(inst, args);
                int[] found = new int[2];
                int n = 0;
                for (int a : args) if (a > addr && n < 2 && isI8(inst.operand(a))) found[n++] = a;
                return n == 2 ? found : new int[0];
            }
            default:
                return new int[0];
        }
    }

    private static boolean isI8(Value v) { return v.type() instanceof Type.IntType it && it.bits == 8; }

    /** core::sync::atomic::Ordering as rustc passes it: 0 Relaxed, 1 Release, 2 Acquire, 3 AcqRel, 4 SeqCst. */
    static Ordering rustOrdering(Value v) {
        if (!(v instanceof ConstantInt c) || !c.fitsLong()) return null;
        switch ((int) c.longValue()) {
            case 0: return Ordering.MONOTONIC;
            case 1: return Ordering.RELEASE;
            case 2: return Ordering.ACQUIRE;
            case 3: return Ordering.ACQ_REL;
            case 4: return Ordering.SEQ_CST;
            default: return null;
        }
    }
}
