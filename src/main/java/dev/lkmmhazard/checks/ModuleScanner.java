package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.report.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a set of checks over one module: the checks that fit the module's {@link dev.lkmmhazard.analysis.PipelineStage},
 * skipping those that need debug info in a file without it.
 */
public final class ModuleScanner {
    /** What a scan of one module found, and remarks for the user (a skipped check, a check that failed). */
    public record Result(List<Finding> findings, List<String> notes) {}

    private final List<Check> checks;

    public ModuleScanner(List<Check> checks) { this.checks = List.copyOf(checks); }

    public Result scan(ModuleContext module) {
        Findings findings = new Findings();
        List<String> notes = new ArrayList<>();
        List<String> needDebug = new ArrayList<>();
        for (Check c : checks) {
            if (!applies(c, module)) continue;
            if (c.needsDebugInfo() && !module.hasDebugInfo()) {
                needDebug.add(c.id());
                continue;
            }
            try {
                c.checkModule(module, findings);
            } catch (RuntimeException | StackOverflowError e) {
                // A bug in one check must not cost the user the other checks or the other files.
                notes.add("check " + c.id() + " failed on this file and was skipped (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it");
            }
        }
        // Without a function body there was nothing to check, with or without -g: say that, not "compile with -g"
        // (an empty file, a header's declarations, or C source given by mistake that the reader partly skipped).
        if (module.functions().isEmpty())
            notes.add("no function is defined in this file: nothing was checked");
        else if (!needDebug.isEmpty())
            notes.add("no debug info (compile with -g): skipped " + String.join(", ", needDebug));
        return new Result(Findings.uniqueSorted(findings.all()), notes);
    }

    /** Whether a check reads IR of this module's stage. */
    public static boolean applies(Check c, ModuleContext module) {
        return switch (c.stage()) {
            case ANY -> true;
            case OPTIMIZED -> module.stage().optimized();
            case PRE_OPTIMIZATION -> !module.stage().optimized();
        };
    }
}
