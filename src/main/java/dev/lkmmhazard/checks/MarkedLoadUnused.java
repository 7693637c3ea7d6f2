package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code marked-load-unused}: the value of a marked load that the source uses is never used: whatever depended on it was folded away. See {@code docs/checks/marked-load-unused.md}. */
public final class MarkedLoadUnused implements Check {
    @Override public String id() { return "marked-load-unused"; }
    @Override public String summary() { return "the value of a marked load that the source uses is never used: whatever depended on it was folded away"; }
    @Override public Severity severity() { return Severity.WARNING; }
    @Override public Stage stage() { return Stage.OPTIMIZED; }
    @Override public boolean needsDebugInfo() { return true; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
