package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.FindingBuilder;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Reads;
import dev.lkmmhazard.rules.Rule;

/**
 * One hazard check: one id, one class. A check reads the analyses a {@link FunctionContext} offers and reports into
 * the {@link Findings} it is given; it keeps no state between functions or modules, so one instance serves every
 * thread. What it is (id, severity, summary, the IR it reads, whether it needs {@code -g}) is its {@link Rule}.
 */
public interface Check {
    /** Which IR a check reads: its rule's scan entry says ({@link Reads#ir()}). */
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

        static Stage of(String keyword) {
            for (Stage s : values()) if (s.keyword.equals(keyword)) return s;
            throw new IllegalArgumentException("no stage '" + keyword + "'");
        }
    }

    /** The check's entry in {@link dev.lkmmhazard.rules.Rules}: its id, severity, summary and page come from there. */
    Rule rule();

    /** Stable kebab-case id, also the name of the page {@code docs/checks/ID.md}. */
    default String id() { return rule().id(); }

    /** One line: what the check finds. */
    default String summary() { return rule().summary(); }

    default Severity severity() { return rule().severity(); }

    default Stage stage() { return Stage.of(scanReads().ir()); }

    /**
     * Whether the check can say nothing without debug info. Such a check is skipped in a file without it, and the
     * scan says so once per file; a check that can run on structure alone marks its findings' evidence as weaker
     * where debug info is missing.
     */
    default boolean needsDebugInfo() { return scanReads().needsDebugInfo(); }

    /** What the rule says the check reads when scan runs it. */
    private Reads scanReads() {
        Reads r = rule().reads().get(Mode.SCAN);
        if (r == null) throw new IllegalStateException(id() + " is not a rule scan reports");
        return r;
    }

    /** Reports into {@code out} what the check finds in one defined function. */
    void check(FunctionContext function, Findings out);

    /** Runs the check over a module; a check that looks across functions overrides this instead of {@link #check}. */
    default void checkModule(ModuleContext module, Findings out) {
        for (FunctionContext f : module.functions()) check(f, out);
    }

    /** Starts a finding of this check at {@code at}; {@link FindingBuilder#report()} adds it to {@code out}. */
    default FindingBuilder report(Findings out, FunctionContext function, Instruction at, String message) {
        return out.report(rule(), function, at, message);
    }
}
