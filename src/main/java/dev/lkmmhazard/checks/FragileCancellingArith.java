package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FragileSupport;
import dev.lkmmhazard.analysis.LinearForm;
import dev.lkmmhazard.analysis.SlotValues;
import dev.lkmmhazard.analysis.ValueFolder;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.List;

/**
 * {@code fragile-cancelling-arith}: an address or stored value computed from a marked load cancels it out
 * ({@code q - q}, {@code q * 0}, {@code q & 0}, {@code (q + 1) - q}): the optimizer removes the dependency. The ending
 * operand is evaluated as a {@link LinearForm} over atoms derived from the load; the dependency is fragile when no
 * such atom is left. See {@code docs/checks/fragile-cancelling-arith.md}.
 */
public final class FragileCancellingArith implements Check {
    @Override public Rule rule() { return Rules.FRAGILE_CANCELLING_ARITH; }

    @Override public void check(FunctionContext fn, Findings out) {
        List<Dependency> deps = fn.dependencies();
        if (deps.isEmpty()) return;
        SlotValues slots = null;
        for (Dependency d : deps) {
            if (d.type() == Dependency.Type.CTRL || d.endingOperand() < 0) continue;
            // a value passed to an unknown function (Rust's panic_bounds_check) is no access
            if (d.endingKind() == Dependency.EndingKind.OPAQUE_CALL || d.throughOpaqueCall()) continue;
            // an ending inside a called function: the operand is not this function's value
            if (!d.endingCalls().isEmpty() || d.ending().parent().parent() != fn.function()) continue;
            Value root = FragileSupport.rootValue(d);
            if (root == null) continue;
            Instruction end = d.ending();
            if (d.endingOperand() >= end.operandCount()) continue;
            if (slots == null) slots = SlotValues.of(fn);
            LinearForm f = ValueFolder.of(fn, slots, root).knownDerived(ValueFolder.chainValues(deps, root))
                    .form(end.operand(d.endingOperand()));
            if (f.dependsOnRoot()) continue;
            String what = d.type() == Dependency.Type.ADDR ? "address" : "stored value";
            String folded = f.isConstant() ? "the constant " + f.constant : "a value that no longer involves the load";
            FindingBuilder b = report(out, fn, end, "the " + what + " computed from the marked load cancels it out ("
                    + folded + "): the optimizer can drop the " + (d.type() == Dependency.Type.ADDR ? "address" : "data")
                    + " dependency");
            b.beginning(FragileSupport.rootPosition(d), d.type()).note(FragileSupport.rootPosition(d), "the marked load whose value cancels out").evidence(d.chain());
            if (!fn.module().hasDebugInfo()) b.weak("no debug info: source lines are unknown");
            b.report();
        }
    }
}
