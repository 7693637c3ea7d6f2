package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code mixed-access}: an object is accessed both with marked and with plain accesses. See {@code docs/checks/mixed-access.md}. */
public final class MixedAccess implements Check {
    @Override public String id() { return "mixed-access"; }
    @Override public String summary() { return "an object is accessed both with marked and with plain accesses"; }
    @Override public Severity severity() { return Severity.NOTE; }
    @Override public Stage stage() { return Stage.ANY; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
