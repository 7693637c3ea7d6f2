package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.ConstantSpecial;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.DebugRecord;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.Metadata;
import java.util.List;

/**
 * The source variable a load was assigned to when the debug info lost the value: rustc's IR, once the optimizer folded
 * what used a {@code Relaxed} load, says {@code #dbg_value(i32 poison, !q, ...)} right after the load, where clang
 * keeps the load itself as the variable's value. The record does not name the load, so it is tied to it by place: a
 * {@code #dbg_value} of {@code poison} or {@code undef} for a local variable (not an argument) declared on the line of
 * one of the load's frames, in the same inlined copy, among the records of the next few instructions of the load's
 * block.
 */
public final class DebugVariables {
    private DebugVariables() {}

    /** How many instructions after the load are searched for the record. */
    private static final int WINDOW = 16;
    private static final int MAX_DEPTH = 64;

    /** A variable whose value the debug info lost, and the location of the record that says so. */
    public record Lost(MDNode variable, DILocation where) {
        public String name() { return variable.stringField("name"); }
    }

    /** The variable the load was assigned to whose record after it has lost the value, or null. */
    public static Lost lostAfter(Instruction load) {
        DILocation at = load.debugLoc();
        if (at == null) return null;
        List<Instruction> insts = load.parent().instructions();
        int k = insts.indexOf(load);
        for (int j = k + 1; j < insts.size() && j <= k + WINDOW; j++) {
            for (DebugRecord r : insts.get(j).debugRecords()) {
                if (!r.kind().equals("value")) continue;
                List<Metadata> ops = r.operands();
                if (ops.size() < 4) continue;
                if (!(ops.get(0) instanceof Metadata.ValueRef v) || !(v.value() instanceof ConstantSpecial c)
                        || (c.kind != ConstantSpecial.Kind.POISON && c.kind != ConstantSpecial.Kind.UNDEF)) continue;
                MDNode variable = MDNode.resolve(ops.get(1));
                MDNode where = MDNode.resolve(ops.get(3));
                if (variable == null || !(where instanceof DILocation loc)) continue;
                if (variable.intField("arg", 0) != 0) continue; // a parameter is no assignment of the load
                long line = variable.intField("line", -1);
                int depth = 0;
                for (DILocation g = at; g != null && depth < MAX_DEPTH; g = g.inlinedAt(), depth++)
                    if (g.line() == line && MergedLocations.sameInlinedAt(g.inlinedAt(), loc.inlinedAt())) return new Lost(variable, loc);
            }
        }
        return null;
    }
}
