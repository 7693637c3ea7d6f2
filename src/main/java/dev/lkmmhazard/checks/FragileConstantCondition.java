package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code fragile-constant-condition}: a branch on a marked load has a condition that folds to a constant: the optimizer removes the branch. See {@code docs/checks/fragile-constant-condition.md}. */
public final class FragileConstantCondition implements Check {
    @Override public String id() { return "fragile-constant-condition"; }
    @Override public String summary() { return "a branch on a marked load has a condition that folds to a constant: the optimizer removes the branch"; }
    @Override public Severity severity() { return Severity.NOTE; }
    @Override public Stage stage() { return Stage.PRE_OPTIMIZATION; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
