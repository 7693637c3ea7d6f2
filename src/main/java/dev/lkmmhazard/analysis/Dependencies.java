package dev.lkmmhazard.analysis;

import dev.lkmmhazard.analysis.Dependency.EndingKind;
import dev.lkmmhazard.analysis.Dependency.Type;
import dev.lkmmhazard.analysis.MarkedAccess.Kind;
import dev.lkmmhazard.ir.Attribute;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The address, data and control dependencies (docs/dependencies.md) of the functions of one module, computed per
 * function on first request and cached.
 *
 * <p>A dependency begins at a marked access that {@link MarkedAccess#startsDependencies() starts dependencies}; its value
 * flows forward through the def-use chains: {@code getelementptr} (base and indices), casts, arithmetic and
 * comparisons, {@code phi}, {@code select} (values and condition), aggregate and vector element operations,
 * {@code freeze}, inline-asm outputs, pure {@code llvm.*} intrinsics, and non-escaping {@code alloca} slots (a store of
 * the value, then the loads of the slot it reaches without another store in between: how unoptimized IR keeps every
 * variable). Loads from memory end the flow: what a load reads depends on memory, not on the address. A stack slot
 * passed by reference to defined functions only (rustc's {@code &self} at opt-level 0) carries a stored value to its
 * loads and, through the callees' summaries, to what they compute from the loads through that parameter.
 *
 * <p>Calls to functions defined in the module are followed through per-function summaries, computed once: which
 * endings each parameter reaches, whether it reaches the return value, and which marked values the function returns.
 * A dependency whose source or ending lies in a callee is reported in the caller, the function where the value crosses
 * between them. Summaries nest at most {@link #maxCallDepth} calls deep; calls within one strongly connected part of the
 * call graph (recursion), to declared functions and through pointers end the chain as an
 * {@link EndingKind#OPAQUE_CALL opaque call}, so the result does not depend on the order functions are asked about.
 *
 * <p>Control dependencies end at stores, RMWs, cmpxchgs, writing or side-effecting inline asm and calls with side
 * effects in blocks control dependent ({@link ControlDependence}) on a branch ({@code br i1}, {@code switch},
 * {@code indirectbr}, {@code callbr}) whose condition derives from the source; never at loads, fences or compiler
 * barriers, and never after the branch joins. Stores into non-escaping allocas are value flow, not endings.
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class Dependencies {
    public static final int DEFAULT_MAX_CALL_DEPTH = 4;

    private final Module module;
    /** the module's analysis cache: the marked accesses, control flow and def-use of each function come from there */
    private final ModuleContext context;
    private final int maxCallDepth;
    private final Map<Function, Fn> fns = new IdentityHashMap<>();
    /** {@link #startsNothing}, once per function */
    private final Map<Function, Boolean> startsNothing = new IdentityHashMap<>();
    /** strongly connected part of the call graph of each defined function */
    private final Map<Function, Integer> scc = new IdentityHashMap<>();
    private boolean callGraphDone;

    public Dependencies(Module module) { this(module, MarkedAccessConfig.defaults(), DEFAULT_MAX_CALL_DEPTH); }

    /** The dependencies of a module on their own, with an analysis cache of their own. */
    public Dependencies(Module module, MarkedAccessConfig config, int maxCallDepth) {
        this(new ModuleContext(module, config), maxCallDepth);
        context.useDependencies(this);
    }

    /** The dependencies of the module of {@code context}, sharing its per-function analyses. */
    Dependencies(ModuleContext context, int maxCallDepth) {
        this.module = context.module();
        this.context = context;
        this.maxCallDepth = maxCallDepth;
    }

    public Module module() { return module; }
    public int maxCallDepth() { return maxCallDepth; }

    /** The marked accesses of a defined function. */
    public MarkedAccesses markedAccesses(Function f) {
        requireDefinition(f);
        return context.function(f).marked();
    }

    /** The def-use chains of a defined function, as the analysis uses them. */
    public DefUse defUse(Function f) {
        requireDefinition(f);
        return context.function(f).defUse();
    }

    /** The control dependence of a defined function (its {@link ControlDependence#cfg()} is the function's Cfg). */
    public ControlDependence controlDependence(Function f) {
        requireDefinition(f);
        return context.function(f).controlDependence();
    }

    /** Every dependency reported in f (see the class comment for which function reports one), in source order. */
    public List<Dependency> of(Function f) {
        if (!fns.containsKey(f) && startsNothing(f)) return List.of();
        Fn fn = fn(f);
        analyze(fn);
        return fn.dependencies;
    }

    /**
     * Whether f can report no dependency, and return no marked value, without being analyzed: none of its marked
     * accesses starts one and it calls no defined function whose result could carry one. Each analysis builds def-use
     * chains; asking this of callees too (and skipping void ones) took the kernel set from 11,426 analyses to 8,504.
     */
    private boolean startsNothing(Function f) {
        Boolean known = startsNothing.get(f);
        if (known != null) return known;
        boolean nothing = true;
        MarkedAccesses m = markedAccesses(f);
        for (MarkedAccess a : m.all()) if (a.startsDependencies()) nothing = false;
        for (int b = 0, nb = f.blocks().size(); b < nb && nothing; b++) {
            List<Instruction> insts = f.blocks().get(b).instructions();
            for (int k = 0, n = insts.size(); k < n && nothing; k++) {
                Instruction i = insts.get(k);
                if (!i.opcode().isCallLike() || m.isMarked(i)) continue;
                Function callee = i.calledFunction();
                if (callee != null && callee.isDefinition() && !returnsVoid(callee)) nothing = false;
            }
        }
        startsNothing.put(f, nothing);
        return nothing;
    }

    /** A function returning void returns no marked value: its callers need not analyze it to learn so. */
    private static boolean returnsVoid(Function f) { return f.returnType() != null && f.returnType().isVoid(); }

    private static void requireDefinition(Function f) {
        if (!f.isDefinition() || f.blocks().isEmpty())
            throw new IllegalArgumentException("@" + f.name() + " is a declaration: it has no dependencies");
    }

    // ------------------------------------------------------------------------------------------------ per function

    /** A chain that reached a function's return value, from a marked access (or from a parameter). */
    private record Returned(MarkedAccess source, List<Instruction> chain, List<Instruction> calls, int depth) {}

    /** An ending a parameter reaches: the chain starts at the parameter's first user. */
    private record Reach(Type type, Instruction ending, EndingKind kind, int operand, List<Instruction> chain,
                         List<Instruction> calls, boolean opaque, int depth) {}

    private static final List<Reach> NO_REACH = List.of();

    /** Everything known about one defined function; the arrays are reused by every propagation run in it. */
    private final class Fn {
        final Function f;
        final DefUse du;
        final MarkedAccesses marked;
        final int argc;
        /** block b's instructions are values blockStart[b] .. blockStart[b+1]-1 */
        final int[] blockStart;
        final int[] blockOf;
        /** per value: 0 unknown, 1 a non-escaping alloca, 2 not */
        final byte[] slotState;
        /** per value: 0 unknown, 1 a control-dependency ending, 2 not */
        final byte[] ctrlEnding;
        // propagation state
        final int[] stamp, parent;
        final Object[] via;
        final int[] blockStamp;
        int run;

        List<Dependency> dependencies;
        List<Returned> returned;
        boolean analyzing;
        List<Reach>[] paramReach;
        List<Instruction>[] paramToReturn;
        /** for pointer parameters: what the values loaded through them reach */
        List<Reach>[] pointeeReach;
        List<Instruction>[] pointeeToReturn;
        /** per value: 0 unknown, 1 an alloca passed by reference to defined functions only, 2 not */
        final byte[] refState;

        Fn(Function f) {
            this.f = f;
            FunctionContext analyses = context.function(f);
            du = analyses.defUse();
            marked = analyses.marked();
            argc = du.argumentCount();
            int n = du.valueCount(), blocks = f.blocks().size();
            blockStart = new int[blocks + 1];
            blockOf = new int[n];
            int v = argc;
            for (int b = 0; b < blocks; b++) {
                blockStart[b] = v;
                int size = f.blocks().get(b).instructions().size();
                for (int k = 0; k < size; k++) blockOf[v + k] = b;
                v += size;
            }
            blockStart[blocks] = v;
            slotState = new byte[n];
            refState = new byte[n];
            ctrlEnding = new byte[n];
            stamp = new int[n];
            parent = new int[n];
            via = new Object[n];
            blockStamp = new int[blocks];
        }

        ControlDependence cd() { return controlDependence(f); }

        Instruction inst(int v) { return (Instruction) du.value(v); }
    }

    private Fn fn(Function f) {
        Fn fn = fns.get(f);
        if (fn == null) {
            requireDefinition(f);
            fn = new Fn(f);
            fns.put(f, fn);
        }
        return fn;
    }

    private void callGraphParts() {
        DefaultDirectedGraph<Function, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (Function f : module.functions()) if (f.isDefinition()) g.addVertex(f);
        for (Function f : module.functions()) {
            if (!f.isDefinition()) continue;
            for (BasicBlock b : f.blocks()) {
                for (Instruction i : b.instructions()) {
                    if (!i.opcode().isCallLike()) continue;
                    Function c = i.calledFunction();
                    if (c != null && c.isDefinition()) g.addEdge(f, c);
                }
            }
        }
        int id = 0;
        for (Set<Function> part : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
            boolean recursive = part.size() > 1;
            if (!recursive) {
                Function only = part.iterator().next();
                recursive = g.containsEdge(only, only);
            }
            for (Function f : part) scc.put(f, recursive ? id : -1 - id);
            id++;
        }
    }

    /** Whether a call from caller to callee stays inside one recursive part of the call graph. */
    private boolean recursive(Function caller, Function callee) {
        // the call graph visits every instruction of the module: made when a summary first needs it, which a module
        // whose marked reads call no defined function never does
        if (!callGraphDone) {
            callGraphParts();
            callGraphDone = true;
        }
        Integer a = scc.get(caller), b = scc.get(callee);
        return a != null && a >= 0 && a.equals(b);
    }

    // ------------------------------------------------------------------------------------------------ analysis

    /** f's own dependencies and the marked values it returns. */
    private void analyze(Fn fn) {
        if (fn.dependencies != null) return;
        fn.analyzing = true;
        List<Dependency> out = new ArrayList<>();
        List<Returned> returned = new ArrayList<>();
        // its own marked reads
        for (MarkedAccess a : fn.marked.all()) {
            if (!a.startsDependencies()) continue;
            int seed = fn.du.index(a.loadedValue());
            if (seed < 0) continue;
            Run r = propagate(fn, new int[] {seed}, null);
            for (Reach e : r.reaches) out.add(dependency(a, e, List.of()));
            if (r.toReturn != null) returned.add(new Returned(a, r.toReturn, List.of(), 0));
        }
        // marked values that come back from calls
        for (int v = fn.argc; v < fn.du.valueCount(); v++) {
            Instruction call = fn.inst(v);
            if (!call.opcode().isCallLike() || fn.marked.isMarked(call)) continue;
            Function callee = call.calledFunction();
            if (callee == null || !callee.isDefinition() || recursive(fn.f, callee)) continue;
            // Building every callee's analysis to learn what it returns was most of the def-use chains of a scan.
            if (!fns.containsKey(callee) && (returnsVoid(callee) || startsNothing(callee))) continue;
            Fn cf = fn(callee);
            if (cf.analyzing) continue;
            analyze(cf);
            for (Returned back : cf.returned) {
                if (back.depth + 1 > maxCallDepth) continue;
                List<Instruction> prefix = back.chain;
                Run r = propagate(fn, new int[] {v}, prefix);
                List<Instruction> calls = prepend(call, back.calls);
                for (Reach e : r.reaches) out.add(dependency(back.source, e, calls));
                if (r.toReturn != null && back.depth + 1 < maxCallDepth)
                    returned.add(new Returned(back.source, r.toReturn, calls, back.depth + 1));
            }
        }
        out.sort((x, y) -> {
            int c = Integer.compare(x.source().irLine(), y.source().irLine());
            if (c == 0) c = Integer.compare(x.chain().get(0).line(), y.chain().get(0).line());
            if (c == 0) c = Integer.compare(x.ending().line(), y.ending().line());
            if (c == 0) c = x.type().compareTo(y.type());
            return c;
        });
        fn.dependencies = Collections.unmodifiableList(out);
        fn.returned = returned;
        fn.analyzing = false;
    }

    private static Dependency dependency(MarkedAccess source, Reach e, List<Instruction> sourceCalls) {
        return new Dependency(e.type, source, e.ending, e.kind, e.operand, e.chain, sourceCalls, e.calls, e.opaque);
    }

    /** What each parameter of a function reaches (endings, return value). */
    @SuppressWarnings("unchecked")
    private void summarize(Fn fn) {
        if (fn.paramReach != null) return;
        fn.paramReach = new List[fn.argc];
        fn.paramToReturn = new List[fn.argc];
        for (int k = 0; k < fn.argc; k++) {
            fn.paramReach[k] = NO_REACH;
            if (fn.du.useCount(k) == 0) continue;
            Run r = propagate(fn, new int[] {k}, null);
            fn.paramReach[k] = r.reaches;
            fn.paramToReturn[k] = r.toReturn;
        }
    }

    /**
     * What the values a function loads through pointer parameter k reach: for an argument that points to a stack
     * slot holding a dependent value (rustc passes {@code &self} this way: {@code Result::is_ok}, {@code PartialEq::ne}).
     */
    @SuppressWarnings("unchecked")
    private void summarizePointees(Fn fn) {
        if (fn.pointeeReach != null) return;
        fn.pointeeReach = new List[fn.argc];
        fn.pointeeToReturn = new List[fn.argc];
        DefUse du = fn.du;
        for (int k = 0; k < fn.argc; k++) {
            fn.pointeeReach[k] = NO_REACH;
            int[] seeds = new int[4];
            int n = 0;
            for (int i = 0, uses = du.useCount(k); i < uses; i++) {
                if (du.useKind(k, i) != DefUse.UseKind.OPERAND) continue;
                int u = du.useUser(k, i);
                Instruction user = fn.inst(u);
                if (user.opcode() == Opcode.LOAD) {
                    if (n == seeds.length) seeds = Arrays.copyOf(seeds, n * 2);
                    seeds[n++] = u;
                } else if (user.opcode() == Opcode.GETELEMENTPTR && du.useSlot(k, i) == 0 && constantIndices(user)) {
                    for (int j = 0, gu = du.useCount(u); j < gu; j++) {
                        if (du.useKind(u, j) != DefUse.UseKind.OPERAND) continue;
                        int l = du.useUser(u, j);
                        if (fn.inst(l).opcode() != Opcode.LOAD) continue;
                        if (n == seeds.length) seeds = Arrays.copyOf(seeds, n * 2);
                        seeds[n++] = l;
                    }
                }
            }
            if (n == 0) continue;
            Run r = propagate(fn, Arrays.copyOf(seeds, n), null);
            fn.pointeeReach[k] = r.reaches;
            fn.pointeeToReturn[k] = r.toReturn;
        }
    }

    private static boolean constantIndices(Instruction gep) {
        for (int i = 1; i < gep.operandCount(); i++) if (!(gep.operand(i) instanceof dev.lkmmhazard.ir.Constant)) return false;
        return true;
    }

    private static List<Instruction> prepend(Instruction first, List<Instruction> rest) {
        List<Instruction> l = new ArrayList<>(rest.size() + 1);
        l.add(first);
        l.addAll(rest);
        return l;
    }

    // ------------------------------------------------------------------------------------------------ propagation

    /** What one run from its seeds found. */
    private static final class Run {
        final List<Reach> reaches = new ArrayList<>();
        final Set<Object> seen = new HashSet<>();
        List<Instruction> toReturn;
        final int run;
        int[] queue = new int[16];
        int head, tail;

        Run(int run) { this.run = run; }
    }

    /** Marks x dependent (through parent, with the callee chain via, or null) and queues it, once per run. */
    private static void push(Fn fn, Run r, int x, int parent, List<Instruction> via) {
        if (fn.stamp[x] == r.run) return;
        fn.stamp[x] = r.run;
        fn.parent[x] = parent;
        fn.via[x] = via;
        if (r.tail == r.queue.length) r.queue = Arrays.copyOf(r.queue, r.tail * 2);
        r.queue[r.tail++] = x;
    }

    private record EndKey(Type type, Instruction ending) {}

    /**
     * Forward flow from the values {@code seeds} of fn (arguments or instructions). {@code seedPrefix}: the chain that
     * brought the value to the seeds from elsewhere (a callee's chain to its {@code ret}), or null.
     */
    private Run propagate(Fn fn, int[] seeds, List<Instruction> seedPrefix) {
        Run r = new Run(++fn.run);
        int run = r.run;
        int[] stamp = fn.stamp;
        for (int seed : seeds) push(fn, r, seed, -1, seedPrefix);
        DefUse du = fn.du;
        while (r.head < r.tail) {
            int v = r.queue[r.head++];
            for (int k = 0, uses = du.useCount(v); k < uses; k++) {
                if (du.useKind(v, k) != DefUse.UseKind.OPERAND) continue;
                int u = du.useUser(v, k);
                int slot = du.useSlot(v, k);
                Instruction inst = fn.inst(u);
                switch (inst.opcode()) {
                    case LOAD -> end(fn, r, v, inst, Type.ADDR, EndingKind.LOAD, 0, false);
                    case STORE -> {
                        if (slot == 1) end(fn, r, v, inst, Type.ADDR, EndingKind.STORE, 1, false);
                        else if (isLocalSlot(fn, inst.operand(1))) {
                            if (stamp[u] != run) {
                                // the store is a link of the chain, not queued: its loads are
                                stamp[u] = run;
                                fn.parent[u] = v;
                                fn.via[u] = null;
                                slotLoads(fn, r, u);
                            }
                        } else if (refSlot(fn, inst.operand(1)) >= 0) {
                            if (stamp[u] != run) {
                                stamp[u] = run;
                                fn.parent[u] = v;
                                fn.via[u] = null;
                                refSlotFlow(fn, r, u, refSlot(fn, inst.operand(1)));
                            }
                        } else end(fn, r, v, inst, Type.DATA, EndingKind.STORE, 0, false);
                    }
                    case ATOMICRMW -> end(fn, r, v, inst, slot == 0 ? Type.ADDR : Type.DATA, EndingKind.RMW, slot, false);
                    case CMPXCHG -> end(fn, r, v, inst, slot == 0 ? Type.ADDR : Type.DATA, EndingKind.CMPXCHG, slot, false);
                    case BR, SWITCH, INDIRECTBR -> {
                        if (slot == 0 && stamp[u] != run) {
                            stamp[u] = run;
                            fn.parent[u] = v;
                            fn.via[u] = null;
                            controlled(fn, r, u);
                        }
                    }
                    case RET -> {
                        if (r.toReturn == null) r.toReturn = chainTo(fn, v, inst);
                    }
                    case CALL, INVOKE, CALLBR -> call(fn, r, v, u, inst, slot);
                    case GETELEMENTPTR, TRUNC, ZEXT, SEXT, FPTRUNC, FPEXT, FPTOUI, FPTOSI, UITOFP, SITOFP, PTRTOINT,
                         PTRTOADDR, INTTOPTR, BITCAST, ADDRSPACECAST, FNEG, ADD, FADD, SUB, FSUB, MUL, FMUL, UDIV, SDIV,
                         FDIV, UREM, SREM, FREM, SHL, LSHR, ASHR, AND, OR, XOR, ICMP, FCMP, PHI, SELECT, FREEZE,
                         EXTRACTVALUE, INSERTVALUE, EXTRACTELEMENT, INSERTELEMENT, SHUFFLEVECTOR -> push(fn, r, u, v, null);
                    default -> { }
                }
            }
        }
        return r;
    }

    /**
     * A dependent value used by a call: an ending (address or data of a marked call or asm, a memory intrinsic, an
     * opaque call), a way into a callee (its summary), or flow to the call's result.
     */
    private void call(Fn fn, Run r, int v, int u, Instruction inst, int slot) {
        int argc = inst.call().argCount();
        if (slot >= argc) {
            // the callee itself derives from the source: a call through a dependent pointer
            end(fn, r, v, inst, Type.ADDR, EndingKind.OPAQUE_CALL, slot, true);
            return;
        }
        Value callee = inst.callee();
        List<MarkedAccess> marked = fn.marked.of(inst);
        if (callee instanceof InlineAsm asm) {
            InlineAsmSemantics sem = InlineAsmSemantics.of(asm);
            boolean memory = false;
            for (InlineAsmSemantics.MemoryOperand mo : sem.memoryOperands) if (mo.argIndex() == slot) memory = true;
            if (memory) end(fn, r, v, inst, Type.ADDR, EndingKind.ASM, slot, false);
            else {
                boolean writes = false;
                for (MarkedAccess a : marked) writes |= a.writes() && a.kind() != Kind.FENCE && a.kind() != Kind.BARRIER;
                if (writes) end(fn, r, v, inst, Type.DATA, EndingKind.ASM, slot, false);
                else if (marked.isEmpty() && sem.clobbersMemory) end(fn, r, v, inst, Type.DATA, EndingKind.ASM, slot, false);
            }
            if (inst.opcode() == Opcode.CALLBR && !memory && fn.stamp[u] != r.run) {
                // asm goto: a branch whose outcome the input decides
                fn.stamp[u] = r.run;
                fn.parent[u] = v;
                fn.via[u] = null;
                controlled(fn, r, u);
                return;
            }
            if (!memory && hasResult(inst) && inst.opcode() != Opcode.CALLBR) push(fn, r, u, v, null);
            return;
        }
        if (!marked.isEmpty()) {
            for (MarkedAccess a : marked) {
                if (a.addressArgument() == slot) end(fn, r, v, inst, Type.ADDR, endingKind(a), slot, false);
                else if (a.inputs().contains(inst.operand(slot))) end(fn, r, v, inst, Type.DATA, endingKind(a), slot, false);
            }
            return;
        }
        Function f = inst.calledFunction();
        if (f == null) {
            end(fn, r, v, inst, isPointer(inst.operand(slot)) ? Type.ADDR : Type.DATA, EndingKind.OPAQUE_CALL, slot, true);
            return;
        }
        Intrinsic id = f.intrinsic();
        if (id.isIntrinsic()) {
            if (id.isDebugOrLifetime()) return;
            if (id.isMemoryTransfer()) {
                Type t = slot <= (id == Intrinsic.MEMSET ? 0 : 1) ? Type.ADDR : Type.DATA;
                end(fn, r, v, inst, t, EndingKind.CALL, slot, false);
                return;
            }
            // other intrinsics compute a value from their arguments
            if (hasResult(inst)) push(fn, r, u, v, null);
            return;
        }
        if (!f.isDefinition() || recursive(fn.f, f) || maxCallDepth == 0) {
            end(fn, r, v, inst, isPointer(inst.operand(slot)) ? Type.ADDR : Type.DATA, EndingKind.OPAQUE_CALL, slot, true);
            return;
        }
        Fn cf = fn(f);
        summarize(cf);
        if (slot >= cf.argc) return; // varargs: not a parameter
        intoCallee(fn, r, v, u, slot, isPointer(inst.operand(slot)) ? Type.ADDR : Type.DATA, cf.paramReach[slot],
                cf.paramToReturn[slot]);
    }

    /**
     * Applies a callee's summary at call u, reached from dependent value v as argument {@code slot}: its endings, and
     * its result. Endings deeper than the call depth make the call an opaque ending of the given type instead.
     */
    private void intoCallee(Fn fn, Run r, int v, int u, int slot, Type cutType, List<Reach> reaches, List<Instruction> back) {
        Instruction inst = fn.inst(u);
        List<Instruction> before = null;
        boolean cut = false;
        for (Reach e : reaches) {
            if (e.depth + 1 > maxCallDepth) {
                cut = true;
                continue;
            }
            EndKey key = new EndKey(e.type, e.ending);
            if (!r.seen.add(key)) continue;
            if (before == null) before = chainTo(fn, v, inst);
            List<Instruction> chain = new ArrayList<>(before.size() + e.chain.size());
            chain.addAll(before);
            chain.addAll(e.chain);
            r.reaches.add(new Reach(e.type, e.ending, e.kind, e.operand, chain, prepend(inst, e.calls), e.opaque, e.depth + 1));
        }
        if (cut) end(fn, r, v, inst, cutType, EndingKind.OPAQUE_CALL, slot, true);
        if (back != null && hasResult(inst)) push(fn, r, u, v, back);
    }

    /**
     * The alloca a store writes into when it is a by-reference slot (see {@link #isRefSlot}), directly or at a
     * constant offset; -1 otherwise.
     */
    private int refSlot(Fn fn, Value p) {
        for (int i = 0; i < 8 && p instanceof Instruction d && isSlotView(d); i++) p = d.operand(0);
        if (!(p instanceof Instruction a) || a.opcode() != Opcode.ALLOCA) return -1;
        int x = fn.du.index(a);
        return x >= 0 && isRefSlot(fn, x) ? x : -1;
    }

    /**
     * An alloca used only to load and store (directly, at constant offsets or through bitcasts), by lifetime markers,
     * and as an argument
     * of calls to functions defined in the module that are not marked accesses: a variable that unoptimized code
     * passes by reference ({@code &self} in rustc's IR).
     */
    private boolean isRefSlot(Fn fn, int a) {
        byte st = fn.refState[a];
        if (st != 0) return st == 1;
        boolean ok = true;
        DefUse du = fn.du;
        for (int k = 0, n = du.useCount(a); k < n && ok; k++) {
            DefUse.UseKind kind = du.useKind(a, k);
            if (kind.isDebug()) continue;
            if (kind != DefUse.UseKind.OPERAND) { ok = false; break; }
            int u = du.useUser(a, k);
            Instruction user = fn.inst(u);
            int slot = du.useSlot(a, k);
            switch (user.opcode()) {
                case LOAD -> ok = !user.isVolatile();
                case STORE -> ok = slot == 1 && !user.isVolatile();
                case GETELEMENTPTR, BITCAST -> ok = slot == 0 && viewOnlyAccessed(fn, u, 0);
                case CALL, INVOKE -> {
                    Function f = user.calledFunction();
                    Intrinsic id = f == null ? Intrinsic.NOT_INTRINSIC : f.intrinsic();
                    if (id == Intrinsic.LIFETIME) ok = true;
                    else ok = f != null && f.isDefinition() && !id.isIntrinsic() && slot < user.call().argCount()
                            && !fn.marked.isMarked(user) && !recursive(fn.f, f) && maxCallDepth > 0;
                }
                default -> ok = false;
            }
        }
        fn.refState[a] = ok ? (byte) 1 : (byte) 2;
        return ok;
    }

    /** A constant-offset GEP or a bitcast: the same slot seen at another offset or type (typed-pointer IR casts). */
    private static boolean isSlotView(Instruction i) {
        return i.opcode() == Opcode.BITCAST || i.opcode() == Opcode.GETELEMENTPTR && constantIndices(i);
    }

    /** Whether view u of a slot is only loaded from and stored to, directly or through further views. */
    private static boolean viewOnlyAccessed(Fn fn, int u, int depth) {
        Instruction view = fn.inst(u);
        if (!isSlotView(view) || depth > 8) return false;
        DefUse du = fn.du;
        for (int j = 0, gu = du.useCount(u); j < gu; j++) {
            if (du.useKind(u, j).isDebug()) continue;
            if (du.useKind(u, j) != DefUse.UseKind.OPERAND) return false;
            int x = du.useUser(u, j);
            Instruction g = fn.inst(x);
            if (g.isVolatile()) return false;
            if (g.opcode() == Opcode.LOAD) continue;
            if (g.opcode() == Opcode.STORE && du.useSlot(u, j) == 1) continue;
            if ((g.opcode() == Opcode.GETELEMENTPTR || g.opcode() == Opcode.BITCAST) && du.useSlot(u, j) == 0
                    && viewOnlyAccessed(fn, x, depth + 1)) continue;
            return false;
        }
        return true;
    }

    /** The loads through view u of a slot, and through its views, become dependent on store s. */
    private static void viewLoads(Fn fn, Run r, int u, int s, int depth, int mark) {
        DefUse du = fn.du;
        for (int j = 0, gu = du.useCount(u); j < gu && depth <= 8; j++) {
            if (du.useKind(u, j) != DefUse.UseKind.OPERAND) continue;
            int x = du.useUser(u, j);
            Instruction g = fn.inst(x);
            if (g.opcode() == Opcode.LOAD) {
                if (reaches(fn, s, x, mark)) push(fn, r, x, s, null);
            } else if (isSlotView(g)) {
                viewLoads(fn, r, x, s, depth + 1, mark);
            }
        }
    }

    /**
     * Store s put a dependent value into by-reference slot a: the loads of the slot and the called functions' loads
     * through it depend on the value: those the store can reach in the control flow. A later store to the slot does not
     * end it (a callee may or may not have written it).
     */
    private void refSlotFlow(Fn fn, Run r, int s, int a) {
        if (fn.stamp[a] == r.run) return; // the slot is already dependent in this run
        fn.stamp[a] = r.run;
        DefUse du = fn.du;
        int reached = reachableBlocks(fn, s);
        for (int k = 0, n = du.useCount(a); k < n; k++) {
            if (du.useKind(a, k) != DefUse.UseKind.OPERAND) continue;
            int u = du.useUser(a, k);
            Instruction user = fn.inst(u);
            // only loads and calls the store can reach: a slot reused in the arms of a switch does not carry one
            // arm's value into another (sk_setsockopt's val); views are computed anywhere, their loads are checked
            switch (user.opcode()) {
                case LOAD -> {
                    if (reaches(fn, s, u, reached)) push(fn, r, u, s, null);
                }
                case GETELEMENTPTR, BITCAST -> viewLoads(fn, r, u, s, 0, reached);
                case CALL, INVOKE -> {
                    if (!reaches(fn, s, u, reached)) continue;
                    Function f = user.calledFunction();
                    if (f == null || !f.isDefinition() || f.isIntrinsic()) continue;
                    Fn cf = fn(f);
                    summarizePointees(cf);
                    int slot = du.useSlot(a, k);
                    if (slot < cf.argc)
                        intoCallee(fn, r, s, u, slot, Type.DATA, cf.pointeeReach[slot], cf.pointeeToReturn[slot]);
                }
                default -> { }
            }
        }
    }

    /** Marks (with a fresh number, returned) the blocks reachable from instruction s's block by at least one edge. */
    private int reachableBlocks(Fn fn, int s) {
        int mark = ++fn.run;
        Cfg cfg = cfg(fn);
        int[] work = new int[8];
        int wn = 0;
        int b = fn.blockOf[s];
        for (int e = cfg.firstEdge(b); e < cfg.firstEdge(b + 1); e++) {
            if (wn == work.length) work = Arrays.copyOf(work, wn * 2);
            work[wn++] = cfg.edgeTarget(e);
        }
        while (wn > 0) {
            int w = work[--wn];
            if (fn.blockStamp[w] == mark) continue;
            fn.blockStamp[w] = mark;
            for (int e = cfg.firstEdge(w); e < cfg.firstEdge(w + 1); e++) {
                if (wn == work.length) work = Arrays.copyOf(work, wn * 2);
                work[wn++] = cfg.edgeTarget(e);
            }
        }
        return mark;
    }

    /** Whether instruction u can run after instruction s: later in s's block, or in a block reachable from it. */
    private static boolean reaches(Fn fn, int s, int u, int mark) {
        int bu = fn.blockOf[u];
        return fn.blockStamp[bu] == mark || (bu == fn.blockOf[s] && u > s);
    }

    private static boolean hasResult(Instruction inst) { return inst.type() != null && !inst.type().isVoid(); }

    private static boolean isPointer(Value v) { return v.type() != null && v.type().isPointer(); }

    private static EndingKind endingKind(MarkedAccess a) {
        switch (a.kind()) {
            case LOAD: return EndingKind.LOAD;
            case STORE: return EndingKind.STORE;
            case RMW: return EndingKind.RMW;
            case CMPXCHG: return EndingKind.CMPXCHG;
            case ASM: return EndingKind.ASM;
            default: return EndingKind.CALL;
        }
    }

    private void end(Fn fn, Run r, int v, Instruction inst, Type type, EndingKind kind, int operand, boolean opaque) {
        if (!r.seen.add(new EndKey(type, inst))) return;
        r.reaches.add(new Reach(type, inst, kind, operand, chainTo(fn, v, inst), List.of(), opaque, 0));
    }

    /** The chain from the seed to value v, then {@code last}. */
    private static List<Instruction> chainTo(Fn fn, int v, Instruction last) {
        ArrayList<Instruction> rev = new ArrayList<>();
        rev.add(last);
        for (int x = v, guard = 0; x >= 0 && guard < 1_000_000; x = fn.parent[x], guard++) {
            if (x >= fn.argc) rev.add(fn.inst(x));
            if (fn.via[x] instanceof List<?> seg) for (int i = seg.size() - 1; i >= 0; i--) rev.add((Instruction) seg.get(i));
        }
        Collections.reverse(rev);
        return rev;
    }

    /**
     * Branch u (value number) has a dependent condition: every ending in the blocks it controls, directly or through
     * branches nested under it (a store under two nested ifs runs only on an outcome of the outer one too).
     */
    private void controlled(Fn fn, Run r, int u) {
        ControlDependence cd = fn.cd();
        Cfg cfg = cd.cfg();
        int blockRun = ++fn.run;
        int[] work = new int[8];
        int wn = 0;
        work[wn++] = fn.blockOf[u];
        List<Instruction> before = null;
        while (wn > 0) {
            int a = work[--wn];
            for (int e = cfg.firstEdge(a), end = cfg.firstEdge(a + 1); e < end; e++) {
                for (int k = 0, n = cd.dependentBlockCount(e); k < n; k++) {
                    int w = cd.dependentBlock(e, k);
                    if (fn.blockStamp[w] == blockRun) continue;
                    fn.blockStamp[w] = blockRun;
                    if (wn == work.length) work = Arrays.copyOf(work, wn * 2);
                    work[wn++] = w;
                    for (int x = fn.blockStart[w]; x < fn.blockStart[w + 1]; x++) {
                        if (!isCtrlEnding(fn, x)) continue;
                        Instruction inst = fn.inst(x);
                        if (!r.seen.add(new EndKey(Type.CTRL, inst))) continue;
                        if (before == null) before = chainTo(fn, fn.parent[u], fn.inst(u));
                        List<Instruction> chain = new ArrayList<>(before.size() + 1);
                        chain.addAll(before);
                        chain.add(inst);
                        r.reaches.add(new Reach(Type.CTRL, inst, ctrlKind(fn, inst), -1, chain, List.of(), false, 0));
                    }
                }
            }
        }
    }

    private EndingKind ctrlKind(Fn fn, Instruction inst) {
        switch (inst.opcode()) {
            case STORE: return EndingKind.STORE;
            case ATOMICRMW: return EndingKind.RMW;
            case CMPXCHG: return EndingKind.CMPXCHG;
            default:
                if (inst.callee() instanceof InlineAsm) return EndingKind.ASM;
                List<MarkedAccess> m = fn.marked.of(inst);
                if (!m.isEmpty()) return endingKind(m.get(0));
                Function f = inst.calledFunction();
                return f == null || !f.isDefinition() && !f.isIntrinsic() ? EndingKind.OPAQUE_CALL : EndingKind.CALL;
        }
    }

    /** Stores, RMWs, cmpxchgs, writing asm and calls with side effects: what a control dependency orders. */
    private boolean isCtrlEnding(Fn fn, int x) {
        byte s = fn.ctrlEnding[x];
        if (s == 0) {
            s = computeCtrlEnding(fn, fn.inst(x)) ? (byte) 1 : (byte) 2;
            fn.ctrlEnding[x] = s;
        }
        return s == 1;
    }

    private boolean computeCtrlEnding(Fn fn, Instruction inst) {
        switch (inst.opcode()) {
            case STORE: return !isLocalSlot(fn, inst.operand(1));
            case ATOMICRMW, CMPXCHG: return true;
            case CALL, INVOKE, CALLBR: break;
            default: return false;
        }
        List<MarkedAccess> marked = fn.marked.of(inst);
        if (!marked.isEmpty()) {
            for (MarkedAccess a : marked) if (a.writes()) return true;
            return false; // marked loads, fences and compiler barriers order no store of their own
        }
        if (inst.callee() instanceof InlineAsm asm) return asm.sideEffect || InlineAsmSemantics.of(asm).clobbersMemory;
        Function f = inst.calledFunction();
        if (f != null && f.isIntrinsic()) return f.intrinsic().isMemoryTransfer();
        return !readsOnly(inst.call().fnAttributes()) && (f == null || !readsOnly(f.attributes()));
    }

    /** Attributes saying a call writes no memory, looked up through attribute groups. */
    private boolean readsOnly(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            if (noWrites(a.text())) return true;
            if (a.kind().startsWith("#")) {
                try {
                    List<Attribute> group = module.attributeGroups().get(Integer.parseInt(a.kind().substring(1)));
                    if (group != null) for (Attribute g : group) if (noWrites(g.text())) return true;
                } catch (NumberFormatException ignored) {
                    // not a group reference
                }
            }
        }
        return false;
    }

    private static boolean noWrites(String t) {
        return t.equals("readnone") || t.equals("readonly") || t.equals("memory(none)") || t.equals("memory(read)");
    }

    /**
     * An alloca of fn whose address is only loaded from, stored to, and described to debuggers and lifetime markers, or
     * given to {@code black_box}'s empty asm ({@link BlackBox}).
     */
    private boolean isLocalSlot(Fn fn, Value p) {
        if (!(p instanceof Instruction pi) || pi.opcode() != Opcode.ALLOCA) return false;
        int a = fn.du.index(pi);
        if (a < 0) return false;
        byte s = fn.slotState[a];
        if (s != 0) return s == 1;
        boolean local = true;
        DefUse du = fn.du;
        for (int k = 0, n = du.useCount(a); k < n && local; k++) {
            DefUse.UseKind kind = du.useKind(a, k);
            if (kind.isDebug()) continue;
            Instruction user = fn.inst(du.useUser(a, k));
            int slot = du.useSlot(a, k);
            if (kind != DefUse.UseKind.OPERAND) local = false;
            else if (user.opcode() == Opcode.LOAD) local = !user.isVolatile();
            else if (user.opcode() == Opcode.STORE) local = slot == 1 && !user.isVolatile();
            else if (user.opcode() == Opcode.CALL) {
                Function f = user.calledFunction();
                // core::hint::black_box's empty asm hides the slot's value from the optimizer, and changes nothing
                local = f != null && f.intrinsic() == Intrinsic.LIFETIME || BlackBox.isAsm(user);
            } else local = false;
        }
        fn.slotState[a] = local ? (byte) 1 : (byte) 2;
        return local;
    }

    /**
     * Store s put a dependent value into a local slot: the loads of that slot it reaches before another store to the
     * slot become dependent.
     */
    private void slotLoads(Fn fn, Run r, int s) {
        Value slot = fn.inst(s).operand(1);
        // a fresh number for the block marks; value marks compare with r.run, which stays smaller
        int blockRun = ++fn.run;
        int b = fn.blockOf[s];
        Cfg cfg = cfg(fn);
        int[] work = new int[8];
        int wn = 0;
        boolean killed = false;
        for (int x = s + 1; x < fn.blockStart[b + 1] && !killed; x++) {
            int res = slotAccess(fn, x, slot);
            if (res == 2) killed = true;
            else if (res == 1) push(fn, r, x, s, null);
        }
        if (!killed) {
            for (int e = cfg.firstEdge(b); e < cfg.firstEdge(b + 1); e++) {
                if (wn == work.length) work = Arrays.copyOf(work, wn * 2);
                work[wn++] = cfg.edgeTarget(e);
            }
        }
        while (wn > 0) {
            int w = work[--wn];
            if (fn.blockStamp[w] == blockRun) continue;
            fn.blockStamp[w] = blockRun;
            boolean stop = false;
            for (int x = fn.blockStart[w]; x < fn.blockStart[w + 1] && !stop; x++) {
                int res = slotAccess(fn, x, slot);
                if (res == 2) stop = true;
                else if (res == 1) push(fn, r, x, s, null);
            }
            if (stop) continue;
            for (int e = cfg.firstEdge(w); e < cfg.firstEdge(w + 1); e++) {
                if (wn == work.length) work = Arrays.copyOf(work, wn * 2);
                work[wn++] = cfg.edgeTarget(e);
            }
        }
    }

    private Cfg cfg(Fn fn) { return fn.cd().cfg(); }

    /** 1: a load of slot; 2: a store to it; 0: anything else. */
    private static int slotAccess(Fn fn, int x, Value slot) {
        Instruction i = fn.inst(x);
        if (i.opcode() == Opcode.LOAD && i.operand(0) == slot) return 1;
        if (i.opcode() == Opcode.STORE && i.operand(1) == slot) return 2;
        return 0;
    }
}
