package dev.lkmmhazard.cli;

import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The findings of an earlier report that {@code --baseline} does not report again, counted by fingerprint as
 * {@code compare} counts them: a fingerprint the baseline holds twice absorbs two findings, and a third one is new
 * (one inline helper's hazard in one more translation unit). So a baseline and a compare of the same two reports
 * agree on what is new.
 */
final class Baseline {
    static final Baseline NONE = new Baseline(Map.of());

    private final Map<String, Integer> left;

    private Baseline(Map<String, Integer> counts) { this.left = counts; }

    /** The fingerprints of an earlier JSON report. */
    static Baseline read(Path file) throws Main.UsageException {
        try {
            Map<String, Integer> counts = new HashMap<>();
            for (Finding f : JsonReport.read(file).findings()) counts.merge(f.fingerprint(), 1, Integer::sum);
            return new Baseline(counts);
        } catch (JsonReport.FormatException e) {
            // the reader's message is a diagnostic of its own ("FILE:L:C: error: ..."): one "error" is enough
            throw new Main.UsageException("baseline " + e.getMessage().replaceFirst(": error: ", ": "));
        } catch (IOException e) {
            throw new Main.UsageException("cannot read the baseline " + file + ": " + Main.describe(e));
        }
    }

    /** Whether the baseline still holds a finding with this fingerprint; if so, that one is used up. */
    synchronized boolean absorbs(String fingerprint) {
        Integer n = left.get(fingerprint);
        if (n == null || n == 0) return false;
        left.put(fingerprint, n - 1);
        return true;
    }
}
