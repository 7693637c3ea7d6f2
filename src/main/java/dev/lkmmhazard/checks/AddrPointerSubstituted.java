package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code addr-pointer-substituted}: after comparing a loaded pointer or index with a constant, the access uses the constant instead of the loaded value. See {@code docs/checks/addr-pointer-substituted.md}. */
public final class AddrPointerSubstituted implements Check {
    @Override public String id() { return "addr-pointer-substituted"; }
    @Override public String summary() { return "after comparing a loaded pointer or index with a constant, the access uses the constant instead of the loaded value"; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public Stage stage() { return Stage.OPTIMIZED; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
