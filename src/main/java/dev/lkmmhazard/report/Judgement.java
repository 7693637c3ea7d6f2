package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * Whether a transformation a finding shows can break an ordering the code relies on, and on what grounds. A finding
 * says "the optimizer changed this"; its judgement says whether that matters under the LKMM.
 *
 * @param verdict {@link Verdict#HAZARD} when every ground was decided and none makes it harmless,
 *                {@link Verdict#BENIGN} when one does, {@link Verdict#UNDECIDED} when one could not be decided
 * @param grounds every ground asked, in the order asked
 */
@JsonPropertyOrder({"verdict", "grounds"})
public record Judgement(Verdict verdict, List<Ground> grounds) {
    public Judgement {
        grounds = List.copyOf(grounds);
    }

    public enum Verdict {
        HAZARD, BENIGN, UNDECIDED;

        @JsonValue public String keyword() { return name().toLowerCase(Locale.ROOT); }

        @JsonCreator public static Verdict parse(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
    }

    /** What the analysis answered for one ground. */
    public enum Answer {
        /** the ground holds: the transformation is harmless for this reason */
        HOLDS,
        /** the ground was decided and does not hold */
        ABSENT,
        /** the ground could not be decided from this IR */
        UNKNOWN;

        @JsonValue public String keyword() { return name().toLowerCase(Locale.ROOT); }

        @JsonCreator public static Answer parse(String s) { return valueOf(s.toUpperCase(Locale.ROOT)); }
    }

    /**
     * One question asked of the finding.
     *
     * @param ground the question's id ({@code lock-held}, {@code object-local}, ...; docs/judgement.md lists them)
     * @param answer what the analysis found
     * @param reason one clause saying why, written to follow "benign: " or "undecided: " in a message
     */
    @JsonPropertyOrder({"ground", "answer", "reason"})
    public record Ground(String ground, Answer answer, String reason) {}

    /** The first ground that holds, or else the first that could not be decided; null for a hazard. */
    public Ground deciding() {
        for (Ground g : grounds) if (g.answer() == Answer.HOLDS) return g;
        for (Ground g : grounds) if (g.answer() == Answer.UNKNOWN) return g;
        return null;
    }

    /** The verdict the grounds give: benign if one holds, else undecided if one is unknown, else hazard. */
    public static Judgement of(List<Ground> grounds) {
        boolean unknown = false;
        for (Ground g : grounds) {
            if (g.answer() == Answer.HOLDS) return new Judgement(Verdict.BENIGN, grounds);
            if (g.answer() == Answer.UNKNOWN) unknown = true;
        }
        return new Judgement(unknown ? Verdict.UNDECIDED : Verdict.HAZARD, grounds);
    }

    /**
     * The severity this verdict allows a finding of a rule whose default is {@code ruleDefault}: a note when benign,
     * at most a warning when undecided, the rule's own when a hazard. The rule's default stays the ceiling: a check
     * that reports a weaker shape (a warning) does not become an error because nothing excused it.
     */
    public Severity severity(Severity ruleDefault) {
        Severity cap = switch (verdict) {
            case BENIGN -> Severity.NOTE;
            case UNDECIDED -> Severity.WARNING;
            case HAZARD -> Severity.ERROR;
        };
        return cap.atLeast(ruleDefault) ? ruleDefault : cap;
    }

    /** The clause added to a finding's message: "benign: the lock ... is held over both", or null for a hazard. */
    public String summary() {
        Ground g = deciding();
        if (g == null) return null;
        return (verdict == Verdict.BENIGN ? "benign: " : "undecided: ") + g.reason();
    }
}
