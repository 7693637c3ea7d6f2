package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code fragile-pointer-compare}: a loaded pointer or index is compared equal to a constant and then used as an address: the optimizer can use the constant instead. See {@code docs/checks/fragile-pointer-compare.md}. */
public final class FragilePointerCompare implements Check {
    @Override public String id() { return "fragile-pointer-compare"; }
    @Override public String summary() { return "a loaded pointer or index is compared equal to a constant and then used as an address: the optimizer can use the constant instead"; }
    @Override public Severity severity() { return Severity.NOTE; }
    @Override public Stage stage() { return Stage.PRE_OPTIMIZATION; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
