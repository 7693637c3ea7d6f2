package dev.lkmmhazard.report;

import java.util.List;

/**
 * One reported hazard. Everything a report shows is here; writers only present it.
 *
 * @param check           the check id, e.g. {@code ctrl-hoisted-store}
 * @param severity        the check's severity
 * @param message         one line
 * @param file            the {@code .ll} file as given on the command line
 * @param irLine          the line of the instruction the finding is about, in {@link #file}
 * @param irColumn        its column
 * @param function        the function, demangled for Rust (without the legacy hash)
 * @param mangledFunction the symbol as it appears in the IR
 * @param source          the source position of the instruction with its inlined-at chain; null without debug info
 * @param related         the other end of the dependency and other places that explain the finding
 * @param evidence        the instructions that show it, in order
 * @param weakEvidence    null, or why the evidence is weaker than usual (no debug info, a heuristic)
 * @param fingerprint     stable across rebuilds and unrelated edits: made from the check id, the function and the
 *                        source positions of the ends relative to their functions, never from IR lines or value
 *                        numbers (see {@link Fingerprint})
 * @param beforeFile      {@code diff} only: the IR before optimization that the finding compares with; else null
 * @param beforeEvidence  {@code diff} only: the dependency's chain in {@link #beforeFile}; else empty
 * @param brokenBy        {@code passes} only: the pass after which the dependency was gone; else null
 * @param excerpt         the IR around the finding and its part of the control-flow graph, for the HTML report;
 *                        null when not known (a finding read back from JSON written without it)
 */
public record Finding(String check, Severity severity, String message, String file, int irLine, int irColumn,
                      String function, String mangledFunction, SourceLocation source, List<RelatedLocation> related,
                      List<EvidenceStep> evidence, String weakEvidence, String fingerprint, String beforeFile,
                      List<EvidenceStep> beforeEvidence, BrokenBy brokenBy, Excerpt excerpt) {
    public Finding {
        related = List.copyOf(related);
        evidence = List.copyOf(evidence);
        beforeEvidence = beforeEvidence == null ? List.of() : List.copyOf(beforeEvidence);
    }

    /** A finding of scan or diff, which name no pass. */
    public Finding(String check, Severity severity, String message, String file, int irLine, int irColumn,
                   String function, String mangledFunction, SourceLocation source, List<RelatedLocation> related,
                   List<EvidenceStep> evidence, String weakEvidence, String fingerprint, String beforeFile,
                   List<EvidenceStep> beforeEvidence) {
        this(check, severity, message, file, irLine, irColumn, function, mangledFunction, source, related, evidence,
                weakEvidence, fingerprint, beforeFile, beforeEvidence, null, null);
    }

    /** A finding without an excerpt. */
    public Finding(String check, Severity severity, String message, String file, int irLine, int irColumn,
                   String function, String mangledFunction, SourceLocation source, List<RelatedLocation> related,
                   List<EvidenceStep> evidence, String weakEvidence, String fingerprint, String beforeFile,
                   List<EvidenceStep> beforeEvidence, BrokenBy brokenBy) {
        this(check, severity, message, file, irLine, irColumn, function, mangledFunction, source, related, evidence,
                weakEvidence, fingerprint, beforeFile, beforeEvidence, brokenBy, null);
    }

    /** This finding with the pass that broke its dependency ({@code passes}). */
    public Finding withBrokenBy(BrokenBy by) {
        return new Finding(check, severity, message, file, irLine, irColumn, function, mangledFunction, source, related,
                evidence, weakEvidence, fingerprint, beforeFile, beforeEvidence, by, excerpt);
    }
}
