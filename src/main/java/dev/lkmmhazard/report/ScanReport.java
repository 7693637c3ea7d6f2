package dev.lkmmhazard.report;

import java.util.List;

/**
 * Everything one run reports: the files in the order they were given, and the findings in that order too (by file,
 * then by position in it), so that the same inputs give the same report whatever the parallelism.
 *
 * @param tool       the tool's name, version and home page
 * @param files      one per input file
 * @param findings   what is reported (after suppressions and the baseline)
 * @param suppressed how many findings the configuration's suppressions removed
 * @param baselined  how many findings the baseline removed
 */
public record ScanReport(ToolInfo tool, List<FileResult> files, List<Finding> findings, int suppressed, int baselined) {
    public ScanReport {
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }

    /** The most serious severity reported, or null when nothing is. */
    public Severity worst() {
        Severity w = null;
        for (Finding f : findings) if (w == null || f.severity().atLeast(w)) w = f.severity();
        return w;
    }

    public boolean anyFileFailed() {
        for (FileResult f : files) if (!f.ok()) return true;
        return false;
    }
}
