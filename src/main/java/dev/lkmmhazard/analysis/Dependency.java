package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import java.util.List;

/**
 * One address, data or control dependency (docs/dependencies.md) from a marked load to a later access.
 *
 * @param type              address, data or control
 * @param source            the marked access where it begins; it may sit in a function called from the one the
 *                          dependency is reported in (its value came back as a call's result)
 * @param ending            where it ends: the access whose address or stored value derives from the source, or the
 *                          store or call that runs only on some outcomes of a branch on it; possibly in a called function
 * @param endingKind        what the ending is
 * @param endingOperand     the operand slot of {@link #ending} that carries the value (address or data), or -1 for
 *                          control dependencies
 * @param chain             the evidence, from the source's instruction to the ending, both included: every
 *                          instruction the value passes through (across calls: the call, then the callee's
 *                          instructions, or the callee's {@code ret}, then the call); for control dependencies the
 *                          branch comes just before the ending
 * @param sourceCalls       the calls in the reported function, outermost first, whose results carried the source's
 *                          value out of called functions (empty when the source is in the reported function): the
 *                          unoptimized counterpart of an inlined-at chain
 * @param endingCalls       the calls, outermost first, through which the value reached the ending in a called function
 * @param throughOpaqueCall the chain ends at a call whose callee is not known (declared only, indirect, recursive, or
 *                          beyond the call depth); what the callee does with the value is unknown
 */
public record Dependency(Type type, MarkedAccess source, Instruction ending, EndingKind endingKind, int endingOperand,
                         List<Instruction> chain, List<Instruction> sourceCalls, List<Instruction> endingCalls,
                         boolean throughOpaqueCall) {

    public enum Type {
        ADDR("addr"), DATA("data"), CTRL("ctrl");

        public final String keyword;
        Type(String keyword) { this.keyword = keyword; }
        @Override public String toString() { return keyword; }
    }

    /** What kind of instruction a dependency ends at. */
    public enum EndingKind {
        LOAD("load"), STORE("store"), RMW("rmw"), CMPXCHG("cmpxchg"), ASM("asm"),
        /** a call to a function of the module, or a memory intrinsic */
        CALL("call"),
        /** a call whose callee is unknown: the dependency may go on inside it */
        OPAQUE_CALL("opaque-call");

        public final String keyword;
        EndingKind(String keyword) { this.keyword = keyword; }
        @Override public String toString() { return keyword; }
    }

    public Dependency {
        chain = List.copyOf(chain);
        sourceCalls = List.copyOf(sourceCalls);
        endingCalls = List.copyOf(endingCalls);
    }

    /** The function holding the ending instruction. */
    public Function endingFunction() { return ending.parent().parent(); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(type.keyword).append(' ').append(source.kind()).append(" .ll line ")
                .append(source.irLine()).append(" -> ").append(endingKind).append(" .ll line ").append(ending.line());
        if (throughOpaqueCall) sb.append(" (opaque call)");
        return sb.toString();
    }
}
