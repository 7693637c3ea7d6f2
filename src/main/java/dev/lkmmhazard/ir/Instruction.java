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
    private Ordering failureOrdering;
    private String syncScope;
    private long align;
    private int addressSpace;
    private Type auxType;
    private String keyword;
    private int[] indices;
    private String[] clauseKinds;
    private CallInfo call;
    private BasicBlock unwindBlock;
    private List<MetadataAttachment> metadata = List.of();
    private List<DebugRecord> debugRecords = List.of();
    private BasicBlock parent;
    private final int line;
    private final int column;

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
    public Ordering failureOrdering() { return failureOrdering; }
    public void setFailureOrdering(Ordering o) { this.failureOrdering = o; }
    /** The escaped scope name of {@code syncscope("...")}, or null for the system scope. */
    public String syncScope() { return syncScope; }
    public void setSyncScope(String s) { this.syncScope = s; }
    /** Alignment in bytes, 0 when not written. */
    public long align() { return align; }
    public void setAlign(long a) { this.align = a; }
    /** alloca's {@code addrspace(N)}. */
    public int addressSpace() { return addressSpace; }
    public void setAddressSpace(int as) { this.addressSpace = as; }
    public Type auxType() { return auxType; }
    public void setAuxType(Type t) { this.auxType = t; }
    public String keyword() { return keyword; }
    public void setKeyword(String k) { this.keyword = k; }
    public int[] indices() { return indices; }
    public void setIndices(int[] idx) { this.indices = idx; }
    public String[] clauseKinds() { return clauseKinds; }
    public void setClauseKinds(String[] k) { this.clauseKinds = k; }
    public CallInfo call() { return call; }
    public void setCall(CallInfo c) { this.call = c; }
    /** catchswitch / cleanupret unwind destination; null means {@code unwind to caller}. */
    public BasicBlock unwindBlock() { return unwindBlock; }
    public void setUnwindBlock(BasicBlock b) { this.unwindBlock = b; }

    public List<MetadataAttachment> metadata() { return metadata; }
    public void setMetadata(List<MetadataAttachment> md) { this.metadata = md; }
    public List<DebugRecord> debugRecords() { return debugRecords; }
    public void setDebugRecords(List<DebugRecord> r) { this.debugRecords = r; }

    /** The {@code !dbg} location, or null. */
    public DILocation debugLoc() {
        for (MetadataAttachment a : metadata)
            if (a.kind().equals("dbg")) return MDNode.resolve(a.node()) instanceof DILocation l ? l : null;
        return null;
    }

    /** For call, invoke and callbr: the called value. */
    public Value callee() { return call == null ? null : operands[operands.length - 1]; }

    /** For call, invoke and callbr: the function called directly, through casts and aliases; else null. */
    public Function calledFunction() { return call == null ? null : Function.called(callee()); }

    public BasicBlock parent() { return parent; }
    void setParent(BasicBlock b) { this.parent = b; }
    /** 1-based line and column of the instruction in the .ll file. */
    public int line() { return line; }
    public int column() { return column; }

    @Override public String reference() { return hasName() ? Names.value('%', name(), isNumbered()) : "%<unnamed>"; }
}
