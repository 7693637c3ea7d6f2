package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.SourceLocations;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.DebugVariables;
import dev.lkmmhazard.analysis.DefUse;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.ir.DISubprogram;
import dev.lkmmhazard.ir.DebugRecord;
import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.Metadata;
import dev.lkmmhazard.ir.MetadataValue;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.List;

/**
 * {@code marked-load-unused}: the value of a marked load that the source uses is never used: whatever depended on it
 * was folded away. See {@code docs/checks/marked-load-unused.md}.
 *
 * <p>LLVM must keep a volatile or atomic load, but not what the program computed from its value. A marked load whose
 * value nothing uses, yet which a debug record describes as a source variable's value, is the footprint of a folded
 * condition, cancelled arithmetic or a pinned value. Only reads count (volatile and atomic loads, reading inline asm,
 * marked read helpers): the result of an RMW or cmpxchg is routinely dropped in the source, its write remains.
 */
public final class MarkedLoadUnused implements Check {
    @Override public Rule rule() { return Rules.MARKED_LOAD_UNUSED; }

    @Override public void check(FunctionContext fn, Findings out) {
        List<MarkedAccess> marked = fn.marked().all();
        if (marked.isEmpty()) return;
        DefUse du = null;
        for (MarkedAccess a : marked) {
            if (a.kind() != MarkedAccess.Kind.LOAD || a.loadedValue() == null) continue;
            if (!(a.loadedValue() instanceof Instruction value)) continue;
            if (du == null) du = fn.defUse();
            if (du.hasUses(value)) continue;
            Instruction load = a.instruction();
            DILocalVariableRef variable;
            if (du.hasDebugUses(value)) {
                variable = variable(du, value);
            } else {
                // rustc: the variable's record right after the load says poison, the value lost with its uses
                DebugVariables.Lost lost = DebugVariables.lostAfter(load);
                if (lost == null || lost.name() == null) continue;
                variable = new DILocalVariableRef(SourceLocations.text(lost.name()),
                        SourceLocations.subprogram(lost.variable().nodeField("scope")));
            }
            if (isAcquire(a, load) || fullFenceNext(fn, load)) continue;
            String helper = variable == null || variable.subprogram == null
                    || variable.subprogram == fn.function().subprogram() ? null : SourceLocations.text(variable.subprogram.name());
            FindingBuilder fb = report(out, fn, load, "the value of this marked load is assigned in the source"
                            + (variable == null ? "" : " (to '" + variable.name + "'"
                            + (helper == null ? "" : " in inlined " + helper) + ")") + " but never used: whatever "
                            + "depended on it (a condition, an address, a stored value) was folded away by the optimizer; "
                            + "the diff mode, against the unoptimized twin of this file, tells which dependency is gone")
                    .evidence(List.of(load));
            if (helper != null) {
                // an inlined helper's result that the caller drops is the common reason in the kernel (a use
                // compiled out by the configuration), and no access of the caller depended on it
                fb.severity(Severity.NOTE).weak("the variable belongs to the inlined helper " + helper
                        + ": its caller may not use the result at all");
            }
            fb.report();
        }
    }

    /**
     * An acquire load orders what follows by itself, so a dependency lost after it loses no ordering: {@code load
     * atomic acquire} (or stronger), a reading asm or helper with acquire ordering, or the x86 kernel's
     * {@code smp_load_acquire()}, a volatile load followed by a compiler barrier.
     */
    private static boolean isAcquire(MarkedAccess a, Instruction load) {
        if (a.ordering() != null && a.ordering().isAcquireOrStronger()) return true;
        List<Instruction> block = load.parent().instructions();
        int k = block.indexOf(load) + 1;
        if (k <= 0 || k >= block.size()) return false;
        Instruction next = block.get(k);
        return next.opcode() == Opcode.CALL && next.callee() instanceof InlineAsm asm
                && asm.asmText().isBlank() && asm.constraintText().contains("~{memory}");
    }

    /**
     * A full fence (smp_mb(), a seq_cst fence) as the next marked access after the load in its block: it orders the
     * load before everything after it, so whatever depended on the value carried no ordering of its own.
     */
    private static boolean fullFenceNext(FunctionContext fn, Instruction load) {
        List<Instruction> block = load.parent().instructions();
        for (int k = block.indexOf(load) + 1; k > 0 && k < block.size(); k++) {
            List<MarkedAccess> m = fn.marked().of(block.get(k));
            if (m.isEmpty()) continue;
            MarkedAccess next = m.get(0);
            return next.kind() == MarkedAccess.Kind.FENCE && next.ordering() == dev.lkmmhazard.ir.Ordering.SEQ_CST;
        }
        return false;
    }

    /** A source variable: its name and the function it is declared in. */
    private record DILocalVariableRef(String name, DISubprogram subprogram) {}

    /** The source variable a debug record or {@code llvm.dbg.*} call gives {@code value} to, or null. */
    private static DILocalVariableRef variable(DefUse du, Instruction value) {
        for (DefUse.Use u : du.uses(value)) {
            Metadata var = null;
            if (u.kind() == DefUse.UseKind.DEBUG_RECORD) {
                List<DebugRecord> records = u.user().debugRecords();
                if (u.slot() < records.size() && records.get(u.slot()).operands().size() > 1)
                    var = records.get(u.slot()).operands().get(1);
            } else if (u.kind() == DefUse.UseKind.DEBUG_INTRINSIC && u.user().operandCount() > 2
                    && u.user().operand(1) instanceof MetadataValue mv) {
                var = mv.metadata;
            }
            MDNode node = MDNode.resolve(var);
            String name = node == null ? null : node.stringField("name");
            if (name != null) return new DILocalVariableRef(SourceLocations.text(name), SourceLocations.subprogram(node.nodeField("scope")));
        }
        return null;
    }
}
