package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code fragile-cancelling-arith}: an address or stored value computed from a marked load cancels it out: the optimizer removes the dependency. See {@code docs/checks/fragile-cancelling-arith.md}. */
public final class FragileCancellingArith implements Check {
    @Override public String id() { return "fragile-cancelling-arith"; }
    @Override public String summary() { return "an address or stored value computed from a marked load cancels it out: the optimizer removes the dependency"; }
    @Override public Severity severity() { return Severity.NOTE; }
    @Override public Stage stage() { return Stage.PRE_OPTIMIZATION; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
