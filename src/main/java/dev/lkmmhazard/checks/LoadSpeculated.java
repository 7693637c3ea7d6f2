package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code load-speculated}: a plain load of shared memory now runs on paths where the source did not read it. See {@code docs/checks/load-speculated.md}. */
public final class LoadSpeculated implements Check {
    @Override public String id() { return "load-speculated"; }
    @Override public String summary() { return "a plain load of shared memory now runs on paths where the source did not read it"; }
    @Override public Severity severity() { return Severity.WARNING; }
    @Override public Stage stage() { return Stage.OPTIMIZED; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
