package dev.lkmmhazard.findings;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.rules.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The findings reported over one module (by the checks of {@code scan}, or by {@code diff}'s comparison), in the
 * order they were reported. One per module and thread.
 */
public final class Findings {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::irLine)
            .thenComparingInt(Finding::irColumn).thenComparing(Finding::check).thenComparing(Finding::fingerprint)
            // of copies with one fingerprint, the one at the first source line stays (diff: the first arm's store)
            .thenComparingInt(f -> f.source() == null ? Integer.MAX_VALUE : f.source().userFrame().line());

    private final List<Finding> findings = new ArrayList<>();

    /**
     * Starts a finding of {@code rule}, with the rule's severity, at {@code at} in {@code function};
     * {@link FindingBuilder#report()} adds it.
     */
    public FindingBuilder report(Rule rule, FunctionContext function, Instruction at, String message) {
        return new FindingBuilder(this, function, rule, at, message);
    }

    void add(Finding f) { findings.add(f); }

    /** Everything reported so far, in the order it was reported. */
    public List<Finding> all() { return findings; }

    /** Sorted by position; of findings with one fingerprint (copies made by unrolling or inlining) the first stays. */
    public static List<Finding> uniqueSorted(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(ORDER);
        Set<String> seen = new HashSet<>();
        List<Finding> out = new ArrayList<>(sorted.size());
        for (Finding f : sorted) if (seen.add(f.fingerprint())) out.add(f);
        return out;
    }
}
