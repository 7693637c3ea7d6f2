package dev.lkmmhazard.checks;

import dev.lkmmhazard.report.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a set of checks over one module: the checks that fit the module's {@link dev.lkmmhazard.analysis.PipelineStage},
 * skipping those that need debug info in a file without it.
 */
public final class ModuleScanner {
    /** What a scan of one module found, and remarks for the user (a skipped check, a check that failed). */
    public record Result(List<Finding> findings, List<String> notes) {}

    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::irLine)
            .thenComparingInt(Finding::irColumn).thenComparing(Finding::check).thenComparing(Finding::fingerprint)
            // of copies with one fingerprint, the one at the first source line stays (diff: the first arm's store)
            .thenComparingInt(f -> f.source() == null ? Integer.MAX_VALUE : f.source().userFrame().line());

    private final List<Check> checks;

    public ModuleScanner(List<Check> checks) { this.checks = List.copyOf(checks); }

    public Result scan(ModuleContext module) {
        List<String> notes = new ArrayList<>();
        List<String> needDebug = new ArrayList<>();
        for (Check c : checks) {
            if (!applies(c, module)) continue;
            if (c.needsDebugInfo() && !module.hasDebugInfo()) {
                needDebug.add(c.id());
                continue;
            }
            try {
                c.checkModule(module);
            } catch (RuntimeException | StackOverflowError e) {
                // A bug in one check must not cost the user the other checks or the other files.
                notes.add("check " + c.id() + " failed on this file and was skipped (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it");
            }
        }
        if (!needDebug.isEmpty())
            notes.add("no debug info (compile with -g): skipped " + String.join(", ", needDebug));
        return new Result(uniqueSorted(module.findings()), notes);
    }

    /** Whether a check reads IR of this module's stage. */
    public static boolean applies(Check c, ModuleContext module) {
        return switch (c.stage()) {
            case ANY -> true;
            case OPTIMIZED -> module.stage().optimized();
            case PRE_OPTIMIZATION -> !module.stage().optimized();
        };
    }

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
