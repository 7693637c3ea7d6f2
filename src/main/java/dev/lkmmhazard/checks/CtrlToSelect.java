package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code ctrl-to-select}: a branch on a marked load became a select feeding a marked store: the control dependency is now a data dependency. See {@code docs/checks/ctrl-to-select.md}. */
public final class CtrlToSelect implements Check {
    @Override public String id() { return "ctrl-to-select"; }
    @Override public String summary() { return "a branch on a marked load became a select feeding a marked store: the control dependency is now a data dependency"; }
    @Override public Severity severity() { return Severity.WARNING; }
    @Override public Stage stage() { return Stage.OPTIMIZED; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
