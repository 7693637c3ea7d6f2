package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code fragile-identical-stores}: both arms of a branch on a marked load make the same marked store: the optimizer can hoist it above the branch. See {@code docs/checks/fragile-identical-stores.md}. */
public final class FragileIdenticalStores implements Check {
    @Override public String id() { return "fragile-identical-stores"; }
    @Override public String summary() { return "both arms of a branch on a marked load make the same marked store: the optimizer can hoist it above the branch"; }
    @Override public Severity severity() { return Severity.NOTE; }
    @Override public Stage stage() { return Stage.PRE_OPTIMIZATION; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
