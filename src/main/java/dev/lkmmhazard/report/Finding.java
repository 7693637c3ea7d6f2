package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
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
 * @param judgement       whether the transformation can break an ordering the code relies on, and on what grounds;
 *                        null only in a report written before judgements existed
 * @param excerpt         the IR around the finding and its part of the control-flow graph, for the HTML report;
 *                        null when not known (a finding read back from JSON written without it)
 */
@JsonPropertyOrder({"check", "severity", "message", "file", "irLine", "irColumn", "function", "mangledFunction", "source",
        "related", "evidence", "weakEvidence", "before", "brokenBy", "judgement", "fingerprint", "excerpt"})
@JsonDeserialize(builder = Finding.Builder.class)
public record Finding(String check, Severity severity, String message, String file, int irLine, int irColumn,
                      String function, String mangledFunction, SourceLocation source, List<RelatedLocation> related,
                      List<EvidenceStep> evidence, @JsonInclude(Include.NON_NULL) String weakEvidence, String fingerprint,
                      @JsonIgnore String beforeFile, @JsonIgnore List<EvidenceStep> beforeEvidence,
                      @JsonInclude(Include.NON_NULL) BrokenBy brokenBy, @JsonInclude(Include.NON_NULL) Judgement judgement,
                      @JsonInclude(Include.NON_NULL) Excerpt excerpt) {
    public Finding {
        related = List.copyOf(related);
        evidence = List.copyOf(evidence);
        beforeEvidence = beforeEvidence == null ? List.of() : List.copyOf(beforeEvidence);
    }

    /** JSON groups {@link #beforeFile} and {@link #beforeEvidence} as {@code "before": {"file", "evidence"}}. */
    @JsonPropertyOrder({"file", "evidence"})
    record Before(@JsonSetter(nulls = Nulls.SET) String file, List<EvidenceStep> evidence) {}

    /** Written for {@code diff}'s findings only, which have a file before. */
    @JsonProperty("before") @JsonInclude(Include.NON_NULL)
    private Before before() { return beforeFile == null ? null : new Before(beforeFile, beforeEvidence); }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this finding's components, to make a copy that differs in a few. */
    public Builder toBuilder() {
        return new Builder().check(check).severity(severity).message(message).file(file).irLine(irLine).irColumn(irColumn)
                .function(function).mangledFunction(mangledFunction).source(source).related(related).evidence(evidence)
                .weakEvidence(weakEvidence).fingerprint(fingerprint).beforeFile(beforeFile).beforeEvidence(beforeEvidence)
                .brokenBy(brokenBy).judgement(judgement).excerpt(excerpt);
    }

    /**
     * Sets the components by name; also what JSON is read through. Unset, the message, the file and the function
     * names are empty (as a report that leaves them out is read), the lists empty, the numbers 0 and the rest null.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String check;
        private Severity severity;
        private String message = "";
        private String file = "";
        private int irLine;
        private int irColumn;
        private String function = "";
        private String mangledFunction = "";
        private SourceLocation source;
        private List<RelatedLocation> related = List.of();
        private List<EvidenceStep> evidence = List.of();
        private String weakEvidence;
        private String fingerprint;
        private String beforeFile;
        private List<EvidenceStep> beforeEvidence = List.of();
        private BrokenBy brokenBy;
        private Judgement judgement;
        private Excerpt excerpt;

        private Builder() {}

        @JsonSetter(nulls = Nulls.SET) public Builder check(String check) { this.check = check; return this; }
        public Builder severity(Severity severity) { this.severity = severity; return this; }
        public Builder message(String message) { this.message = message; return this; }
        public Builder file(String file) { this.file = file; return this; }
        public Builder irLine(int irLine) { this.irLine = irLine; return this; }
        public Builder irColumn(int irColumn) { this.irColumn = irColumn; return this; }
        public Builder function(String function) { this.function = function; return this; }
        public Builder mangledFunction(String mangledFunction) { this.mangledFunction = mangledFunction; return this; }
        public Builder source(SourceLocation source) { this.source = source; return this; }
        public Builder related(List<RelatedLocation> related) { this.related = related; return this; }
        public Builder evidence(List<EvidenceStep> evidence) { this.evidence = evidence; return this; }
        @JsonSetter(nulls = Nulls.SET) public Builder weakEvidence(String why) { this.weakEvidence = why; return this; }
        @JsonSetter(nulls = Nulls.SET) public Builder fingerprint(String print) { this.fingerprint = print; return this; }
        @JsonIgnore public Builder beforeFile(String beforeFile) { this.beforeFile = beforeFile; return this; }
        @JsonIgnore public Builder beforeEvidence(List<EvidenceStep> steps) { this.beforeEvidence = steps; return this; }
        public Builder brokenBy(BrokenBy brokenBy) { this.brokenBy = brokenBy; return this; }
        public Builder judgement(Judgement judgement) { this.judgement = judgement; return this; }
        public Builder excerpt(Excerpt excerpt) { this.excerpt = excerpt; return this; }

        @JsonProperty("before")
        private Builder before(Before before) {
            if (before != null) {
                beforeFile = before.file();
                beforeEvidence = before.evidence();
            }
            return this;
        }

        public Finding build() {
            return new Finding(check, severity, message, file, irLine, irColumn, function, mangledFunction, source, related,
                    evidence, weakEvidence, fingerprint, beforeFile, beforeEvidence, brokenBy, judgement, excerpt);
        }
    }
}
