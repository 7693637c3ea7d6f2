package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Ordering;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.List;

/**
 * One marked access: an access or barrier the author wrote through a primitive the LKMM
 * knows. One instruction gives one access, except an inline asm with several distinct memory operands (one per
 * operand) and a volatile {@code llvm.memcpy}/{@code llvm.memmove} (a load of the source and a store of the
 * destination).
 *
 * @param instruction     the load, store, atomic, fence, call or callbr
 * @param kind            what it does
 * @param ordering        the atomic ordering; null for volatile accesses, compiler barriers, and where none applies or
 *                        it is not a constant ({@link #note} then says so)
 * @param failureOrdering cmpxchg's failure ordering, else null
 * @param syncScope       {@code syncscope("...")} of an atomic instruction, null for the system scope
 * @param address         the pointer accessed, for the address-dependency analysis; null for fences and barriers, and
 *                        for an asm that names no memory operand and no pointer input
 * @param addressArgument for calls: which argument is {@link #address}; -1 otherwise
 * @param accessType      the type of the memory accessed, when known: loaded or stored type, or an asm operand's
 *                        {@code elementtype(T)}
 * @param storedValue     the value written (store, the value operand of an RMW, the new value of a cmpxchg, the first
 *                        value input of a writing asm or helper); null when nothing is written
 * @param inputs          every value that flows into memory, for the data-dependency analysis: [value] for a store and
 *                        RMW, [new] for a cmpxchg (the expected value is compared, not stored), the value inputs
 *                        of an asm or call
 * @param loadedValue     the value read: the instruction itself (load, atomicrmw, cmpxchg, an asm with outputs) or the
 *                        result of a helper call; null when nothing read comes back as a value
 * @param reads           reads memory
 * @param writes          writes memory
 * @param clobbersMemory  an inline asm with the {@code ~{memory}} clobber: also a compiler barrier
 * @param rule            what made it marked: {@code volatile}, {@code atomic-monotonic}, {@code asm-lock-prefix},
 *                        {@code helper:rust_helper_atomic_read}, {@code rust:core::ptr::read_volatile} ...
 * @param note            null, or a remark on a gap in what is known (a non-constant Rust ordering argument)
 */
public record MarkedAccess(Instruction instruction, Kind kind, Ordering ordering, Ordering failureOrdering,
                           String syncScope, Value address, int addressArgument, Type accessType, Value storedValue,
                           List<Value> inputs, Value loadedValue, boolean reads, boolean writes, boolean clobbersMemory,
                           String rule, String note) {

    public enum Kind {
        LOAD("load"), STORE("store"), RMW("rmw"), CMPXCHG("cmpxchg"), FENCE("fence"),
        /** A compiler barrier only ({@code barrier()}, {@code asm!("")}, {@code compiler_fence}). */
        BARRIER("barrier"),
        /** An inline asm that accesses memory in a way not decoded further, and every asm goto ({@code callbr}). */
        ASM("asm");

        public final String keyword;
        Kind(String keyword) { this.keyword = keyword; }
        @Override public String toString() { return keyword; }
    }

    public MarkedAccess {
        inputs = List.copyOf(inputs);
    }

    public static Builder builder() { return new Builder(); }

    /** Sets the components by name; what is not set is null, false or empty, and {@code addressArgument} -1. */
    public static final class Builder {
        private Instruction instruction;
        private Kind kind;
        private Ordering ordering;
        private Ordering failureOrdering;
        private String syncScope;
        private Value address;
        private int addressArgument = -1;
        private Type accessType;
        private Value storedValue;
        private List<Value> inputs = List.of();
        private Value loadedValue;
        private boolean reads;
        private boolean writes;
        private boolean clobbersMemory;
        private String rule;
        private String note;

        private Builder() {}

        public Builder instruction(Instruction instruction) { this.instruction = instruction; return this; }
        public Builder kind(Kind kind) { this.kind = kind; return this; }
        public Builder ordering(Ordering ordering) { this.ordering = ordering; return this; }
        public Builder failureOrdering(Ordering failureOrdering) { this.failureOrdering = failureOrdering; return this; }
        public Builder syncScope(String syncScope) { this.syncScope = syncScope; return this; }
        public Builder address(Value address) { this.address = address; return this; }
        public Builder addressArgument(int addressArgument) { this.addressArgument = addressArgument; return this; }
        public Builder accessType(Type accessType) { this.accessType = accessType; return this; }
        public Builder storedValue(Value storedValue) { this.storedValue = storedValue; return this; }
        public Builder inputs(List<Value> inputs) { this.inputs = inputs; return this; }
        public Builder loadedValue(Value loadedValue) { this.loadedValue = loadedValue; return this; }
        public Builder reads(boolean reads) { this.reads = reads; return this; }
        public Builder writes(boolean writes) { this.writes = writes; return this; }
        public Builder clobbersMemory(boolean clobbersMemory) { this.clobbersMemory = clobbersMemory; return this; }
        public Builder rule(String rule) { this.rule = rule; return this; }
        public Builder note(String note) { this.note = note; return this; }

        public MarkedAccess build() {
            return new MarkedAccess(instruction, kind, ordering, failureOrdering, syncScope, address, addressArgument,
                    accessType, storedValue, inputs, loadedValue, reads, writes, clobbersMemory, rule, note);
        }
    }

    /** Where a dependency can begin: it reads memory and the value read is available. */
    public boolean startsDependencies() { return reads && loadedValue != null; }

    /**
     * An acquire (or stronger) read: it orders every later access by itself, so a dependency that begins here carries
     * no order of its own. A cmpxchg counts only when its failure ordering is an acquire too (the value it reads on
     * failure is the one the dependency carries as well).
     */
    public boolean ordersLater() {
        return reads && ordering != null && ordering.isAcquireOrStronger()
                && (failureOrdering == null || failureOrdering.isAcquireOrStronger());
    }

    /** A release (or stronger) write: it orders every earlier access before itself, whatever the write depends on. */
    public boolean ordersEarlier() { return writes && ordering != null && ordering.isReleaseOrStronger(); }

    /** The {@code !dbg} location of the instruction, or null without debug info. */
    public DILocation debugLoc() { return instruction.debugLoc(); }

    /** The source line of {@link #debugLoc()}, 0 without one (0 is also what merged locations carry). */
    public int sourceLine() {
        DILocation l = instruction.debugLoc();
        return l == null ? 0 : l.line();
    }

    /** The line of the instruction in the {@code .ll} file. */
    public int irLine() { return instruction.line(); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(kind.keyword);
        if (ordering != null) sb.append(' ').append(ordering.keyword);
        if (failureOrdering != null) sb.append(' ').append(failureOrdering.keyword);
        sb.append(" [").append(rule).append("] at .ll line ").append(instruction.line());
        DILocation l = instruction.debugLoc();
        if (l != null) sb.append(", source line ").append(l.line());
        if (address != null) sb.append(", address ").append(address.reference());
        return sb.toString();
    }
}
