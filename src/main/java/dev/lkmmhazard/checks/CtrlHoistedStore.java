package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code ctrl-hoisted-store}: a marked store that was control dependent on a marked load now stands above the branch or below the join. See {@code docs/checks/ctrl-hoisted-store.md}. */
public final class CtrlHoistedStore implements Check {
    @Override public String id() { return "ctrl-hoisted-store"; }
    @Override public String summary() { return "a marked store that was control dependent on a marked load now stands above the branch or below the join"; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public Stage stage() { return Stage.OPTIMIZED; }
    @Override public boolean needsDebugInfo() { return true; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
