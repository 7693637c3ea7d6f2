package dev.lkmmhazard.ir;

import java.util.List;

/** A debug record of LLVM 19+, printed before the instruction it is attached to: {@code #dbg_value(...)}. */
public record DebugRecord(String kind, List<Metadata> operands, int line) {
    /** kind is value, declare, assign, label (or a newer one). */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("#dbg_").append(kind).append('(');
        for (int i = 0; i < operands.size(); i++) sb.append(i == 0 ? "" : ", ").append(operands.get(i));
        return sb.append(')').toString();
    }
}
