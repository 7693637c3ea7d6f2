package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Severity;

/** {@code load-fused-loop}: a loop waiting on a plain load no longer re-reads memory: it spins forever on one value. See {@code docs/checks/load-fused-loop.md}. */
public final class LoadFusedLoop implements Check {
    @Override public String id() { return "load-fused-loop"; }
    @Override public String summary() { return "a loop waiting on a plain load no longer re-reads memory: it spins forever on one value"; }
    @Override public Severity severity() { return Severity.ERROR; }
    @Override public Stage stage() { return Stage.OPTIMIZED; }
    @Override public boolean needsDebugInfo() { return false; }

    @Override public void check(FunctionContext fn) {
        // not written yet
    }
}
