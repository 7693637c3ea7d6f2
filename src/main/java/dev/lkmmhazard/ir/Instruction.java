package dev.lkmmhazard.ir;

import java.util.List;

/**
 * One instruction. Operands point at their definitions; successor and incoming blocks are kept apart in
 * {@link #blocks()}. What each slot means depends on the opcode:
 * <ul>
 *   <li>store: operands [value, pointer]; load: [pointer], {@link #auxType()} null (the loaded type is the result type)</li>
 *   <li>getelementptr: [pointer, indices...], auxType = source element type</li>
 *   <li>alloca: [count] or [], auxType = allocated type</li>
 *   <li>cmpxchg: [pointer, compare, new]; atomicrmw: [pointer, value], {@link #keyword()} = operation</li>
 *   <li>icmp / fcmp: keyword = predicate; casts: result type = destination</li>
 *   <li>br: [] with blocks [dest], or [cond] with blocks [true, false]</li>
 *   <li>switch: [cond, caseValue...], blocks [default, caseDest...]; indirectbr: [address], blocks = destinations</li>
 *   <li>phi: operands = incoming values, blocks = incoming blocks</li>
 *   <li>call / invoke / callbr: [args..., callee] with {@link #call()}; invoke blocks [normal, unwind];
 *       callbr blocks [fallthrough, indirect...]</li>
 *   <li>extractvalue / insertvalue: {@link #indices()}; landingpad: {@link #clauseKinds()} per operand</li>
 *   <li>catchswitch: [parent] (none: no operand), blocks = handlers, {@link #unwindBlock()}; catchpad / cleanuppad:
 *       [parent, args...]; catchret: [pad], blocks [dest]; cleanupret: [pad], unwindBlock</li>
 *   <li>va_arg: [list], result type; fence: only ordering and scope</li>
 * </ul>
 */
public final class Instruction extends Value implements User {
    private final Opcode opcode;
    private final Value[] operands;
    private final BasicBlock[] blocks;
    private long flags;
    private Ordering ordering;
    private long align;
    private Type auxType;
    private String keyword;
    private CallInfo call;
    /** Fields few instructions have, apart: every field here costs each of a module's instructions 4 bytes. */
    private Rare rare;
    /**
     * The attachments: the node alone for the usual lone {@code !dbg !N}, else an immutable list. A list and an
     * attachment record per instruction were a sixth of the heap a module of unoptimized IR takes.
     */
    private Object metadata = List.of();
    private List<DebugRecord> debugRecords = List.of();
    private BasicBlock parent;
    private final int line;
    private final int column;
    /** See {@link #position()}. */
    private int position = -1;

    public Instruction(Opcode opcode, Type type, String name, Value[] operands, BasicBlock[] blocks, int line, int column) {
        super(type, name);
        this.opcode = opcode;
        this.operands = operands;
        this.blocks = blocks;
        this.line = line;
        this.column = column;
    }

    public Opcode opcode() { return opcode; }
    public Value[] operands() { return operands; }
    public BasicBlock[] blocks() { return blocks; }
    @Override public int operandCount() { return operands.length; }
    @Override public Value operand(int i) { return operands[i]; }
    @Override public void setOperand(int i, Value v) { operands[i] = v; }

    public long flags() { return flags; }
    public boolean has(Flag f) { return (flags & f.bit()) != 0; }
    public void setFlags(long flags) { this.flags = flags; }
    public boolean isVolatile() { return has(Flag.VOLATILE); }
    /** Atomic loads and stores ({@code load atomic}), and every cmpxchg, atomicrmw and fence. */
    public boolean isAtomic() { return ordering != null; }

    public Ordering ordering() { return ordering; }
    public void setOrdering(Ordering o) { this.ordering = o; }
    private static final class Rare {
        Ordering failureOrdering;
        String syncScope;
        int addressSpace;
        int[] indices;
        String[] clauseKinds;
        BasicBlock unwindBlock;
    }

    private Rare rare() { return rare != null ? rare : (rare = new Rare()); }

    public Ordering failureOrdering() { return rare == null ? null : rare.failureOrdering; }
    public void setFailureOrdering(Ordering o) { if (o != null || rare != null) rare().failureOrdering = o; }
    /** The escaped scope name of {@code syncscope("...")}, or null for the system scope. */
    public String syncScope() { return rare == null ? null : rare.syncScope; }
    public void setSyncScope(String s) { if (s != null || rare != null) rare().syncScope = s; }
    /** Alignment in bytes, 0 when not written. */
    public long align() { return align; }
    public void setAlign(long a) { this.align = a; }
    /** alloca's {@code addrspace(N)}. */
    public int addressSpace() { return rare == null ? 0 : rare.addressSpace; }
    public void setAddressSpace(int as) { if (as != 0 || rare != null) rare().addressSpace = as; }
    public Type auxType() { return auxType; }
    public void setAuxType(Type t) { this.auxType = t; }
    public String keyword() { return keyword; }
    public void setKeyword(String k) { this.keyword = k; }
    public int[] indices() { return rare == null ? null : rare.indices; }
    public void setIndices(int[] idx) { if (idx != null || rare != null) rare().indices = idx; }
    public String[] clauseKinds() { return rare == null ? null : rare.clauseKinds; }
    public void setClauseKinds(String[] k) { if (k != null || rare != null) rare().clauseKinds = k; }
    public CallInfo call() { return call; }
    public void setCall(CallInfo c) { this.call = c; }
    /** catchswitch / cleanupret unwind destination; null means {@code unwind to caller}. */
    public BasicBlock unwindBlock() { return rare == null ? null : rare.unwindBlock; }
    public void setUnwindBlock(BasicBlock b) { if (b != null || rare != null) rare().unwindBlock = b; }

    @SuppressWarnings("unchecked")
    public List<MetadataAttachment> metadata() {
        if (metadata instanceof Metadata.Ref r) return List.of(new MetadataAttachment(DBG, r));
        return (List<MetadataAttachment>) metadata;
    }

    public void setMetadata(List<MetadataAttachment> md) {
        if (md.size() == 1 && md.get(0).kind().equals(DBG) && md.get(0).node() instanceof Metadata.Ref r) metadata = r;
        else metadata = List.copyOf(md);
    }

    private static final String DBG = "dbg";
    public List<DebugRecord> debugRecords() { return debugRecords; }
    public void setDebugRecords(List<DebugRecord> r) { this.debugRecords = r; }

    /** The {@code !dbg} location, or null. */
    public DILocation debugLoc() {
        if (metadata instanceof Metadata.Ref r) return r.resolve() instanceof DILocation l ? l : null;
        for (MetadataAttachment a : metadata())
            if (a.kind().equals("dbg")) return MDNode.resolve(a.node()) instanceof DILocation l ? l : null;
        return null;
    }

    /** For call, invoke and callbr: the called value. */
    public Value callee() { return call == null ? null : operands[operands.length - 1]; }

    /** For call, invoke and callbr: the function called directly, through casts and aliases; else null. */
    public Function calledFunction() { return call == null ? null : Function.called(callee()); }

    /**
     * The intrinsic family of the function a call, invoke or callbr calls ({@link #calledFunction}); NOT_INTRINSIC for
     * indirect calls, inline asm, calls of ordinary functions and other opcodes.
     */
    public Intrinsic intrinsic() {
        Function f = calledFunction();
        return f == null ? Intrinsic.NOT_INTRINSIC : f.intrinsic();
    }

    /** The operand index of the address a load, store, atomicrmw or cmpxchg accesses; -1 for other opcodes. */
    public int pointerOperandIndex() {
        switch (opcode) {
            case LOAD: case ATOMICRMW: case CMPXCHG: return 0;
            case STORE: return 1;
            default: return -1;
        }
    }

    /** The address a load, store, atomicrmw or cmpxchg accesses; null for other opcodes. */
    public Value pointerOperand() {
        int k = pointerOperandIndex();
        return k < 0 ? null : operands[k];
    }

    /** The value a store writes, or an atomicrmw's operand; null for other opcodes (cmpxchg has two). */
    public Value valueOperand() {
        if (opcode == Opcode.STORE) return operands[0];
        if (opcode == Opcode.ATOMICRMW) return operands[1];
        return null;
    }

    /** cmpxchg's expected value; null for other opcodes. */
    public Value compareOperand() { return opcode == Opcode.CMPXCHG ? operands[1] : null; }

    /** cmpxchg's replacement value; null for other opcodes. */
    public Value newValueOperand() { return opcode == Opcode.CMPXCHG ? operands[2] : null; }

    /**
     * The type of the value a load, store, atomicrmw or cmpxchg reads or writes in memory: a load's result type, the
     * stored value's, the atomicrmw operand's, cmpxchg's compared value's; null for other opcodes.
     */
    public Type accessType() {
        switch (opcode) {
            case LOAD: return type();
            case STORE: return operands[0].type();
            case ATOMICRMW: case CMPXCHG: return operands[1].type();
            default: return null;
        }
    }

    public BasicBlock parent() { return parent; }
    void setParent(BasicBlock b) { this.parent = b; }
    /** 1-based line and column of the instruction in the .ll file. */
    public int line() { return line; }
    public int column() { return column; }

    /**
     * Where this instruction stands among its function's values, arguments first and then the instructions in block
     * order, as the reader counted them; -1 when not set. It is not kept up to date if blocks change, so whoever
     * numbers values by it checks the instruction found at that number.
     */
    public int position() { return position; }
    public void setPosition(int position) { this.position = position; }

    @Override public String reference() { return hasName() ? Names.value('%', name(), isNumbered()) : "%<unnamed>"; }
}
