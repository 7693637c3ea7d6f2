package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.rules.Rule;

/**
 * One hazard check: one id, one class. A check reads the analyses a {@link FunctionContext}
 * offers and reports through {@link FunctionContext#report}; it keeps no state between functions or modules, so one
 * instance serves every thread.
 */
public interface Check {
    /** Which IR a check reads. */
    enum Stage {
        /** IR after the optimization pipeline: the check sees what the optimizer left. */
        OPTIMIZED("optimized"),
        /** IR before optimization ({@code -O0}, {@code -Xclang -disable-llvm-passes}): fragile patterns. */
        PRE_OPTIMIZATION("pre-optimization"),
        /** Either. */
        ANY("any");

        public final String keyword;
        Stage(String keyword) { this.keyword = keyword; }
        @Override public String toString() { return keyword; }
    }

    /** The check's entry in {@link dev.lkmmhazard.rules.Rules}: its id, severity, summary and page come from there. */
    Rule rule();

    /** Stable kebab-case id, also the name of the page {@code docs/checks/ID.md}. */
    default String id() { return rule().id(); }

    /** One line: what the check finds. */
    default String summary() { return rule().summary(); }

    default Severity severity() { return rule().severity(); }

    Stage stage();

    /**
     * Whether the check can say nothing without debug info. Such a check is skipped in a file without it, and the
     * scan says so once per file; a check that can run on structure alone returns false and marks its findings'
     * evidence as weaker where debug info is missing.
     */
    boolean needsDebugInfo();

    /** Reports into {@code out} what the check finds in one defined function. */
    void check(FunctionContext function, Findings out);

    /** Runs the check over a module; a check that looks across functions overrides this instead of {@link #check}. */
    default void checkModule(ModuleContext module, Findings out) {
        for (FunctionContext f : module.functions()) check(f, out);
    }

    /** Starts a finding of this check at {@code at}; {@link FindingBuilder#report()} adds it to {@code out}. */
    default FindingBuilder report(Findings out, FunctionContext function, Instruction at, String message) {
        return out.report(id(), severity(), function, at, message);
    }
}
