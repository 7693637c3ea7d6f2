package dev.lkmmhazard.findings;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.judgement.Case;
import dev.lkmmhazard.judgement.Judge;
import dev.lkmmhazard.report.BrokenBy;
import dev.lkmmhazard.report.EvidenceStep;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.Fingerprint;
import dev.lkmmhazard.report.Judgement;
import dev.lkmmhazard.report.RelatedLocation;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.report.SourceLocation;
import dev.lkmmhazard.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles one {@link Finding} from IR objects: the source positions, the evidence text and the fingerprint are
 * derived here, so every check reports them the same way.
 */
public final class FindingBuilder {
    private final Findings out;
    private final FunctionContext function;
    private final Instruction at;
    private final String message;
    private Severity severity;
    private final List<RelatedLocation> related = new ArrayList<>();
    private final List<Instruction> anchors = new ArrayList<>();
    private final List<EvidenceStep> evidence = new ArrayList<>();
    private String weakEvidence;
    private String beforeFile;
    private SourceLocation sourceFallback;
    private boolean sourceOverride;
    private final List<EvidenceStep> beforeEvidence = new ArrayList<>();
    private BrokenBy brokenBy;
    /** The instructions behind evidence, notes and the chain before, kept for the report's excerpt. */
    private final List<Instruction> evidenceInstructions = new ArrayList<>(), noteInstructions = new ArrayList<>(),
            beforeInstructions = new ArrayList<>();

    private final Rule rule;
    /** what the judgement asks about: the ends of the ordering and, for diff, the dependency before optimization */
    private Instruction beginning;
    private Dependency.Type dependency;
    private FunctionContext beforeFunction;
    private Dependency beforeDependency;
    private final List<Judgement.Ground> unknown = new ArrayList<>();
    private Instruction plainFirst, plainSecond;

    public FindingBuilder(Findings out, FunctionContext function, Rule rule, Instruction at, String message) {
        this.out = out;
        this.function = function;
        this.rule = rule;
        this.at = at;
        this.message = message;
        this.severity = rule.severity();
        anchors.add(at);
    }

    /**
     * The marked read the ordering starts from, and the kind of dependency that ordered the finding's instruction
     * after it (null when it was none): what the judgement weighs. Without it, only the instruction is judged.
     */
    public FindingBuilder beginning(Instruction begin, Dependency.Type type) {
        this.beginning = begin;
        this.dependency = type;
        return this;
    }

    /**
     * A ground the check could not decide (a shape the optimized IR alone cannot tell from the source's own), which
     * makes the finding undecided at best; nothing when {@code ground} is null.
     */
    public FindingBuilder unknown(String ground, String reason) {
        if (ground != null) unknown.add(new Judgement.Ground(ground, Judgement.Answer.UNKNOWN, reason));
        return this;
    }

    /**
     * {@code diff}'s plain fates: the plain accesses before optimization the finding is about, in their function there,
     * in program order (the second null when it is about one access), for the judgement.
     */
    public FindingBuilder judgedPlain(FunctionContext beforeFn, Instruction first, Instruction second) {
        this.beforeFunction = beforeFn;
        this.plainFirst = first;
        this.plainSecond = second;
        return this;
    }

    /** {@code diff}: the dependency as it was before optimization, and its function there, for the judgement. */
    public FindingBuilder judgedWith(FunctionContext beforeFn, Dependency before) {
        this.beforeFunction = beforeFn;
        this.beforeDependency = before;
        return this;
    }

    /**
     * A note at the other end of the dependency (or another place that explains the finding). It also identifies the
     * finding: two findings at one instruction with different other ends get different fingerprints.
     */
    public FindingBuilder note(Instruction where, String text) {
        related.add(new RelatedLocation(dev.lkmmhazard.analysis.RustSymbols.demangleReferences(text), where.line(),
                SourceLocations.of(where)));
        anchors.add(where);
        noteInstructions.add(where);
        return this;
    }

    /** A note that does not identify the finding (a place shown for context only). */
    public FindingBuilder context(Instruction where, String text) {
        related.add(new RelatedLocation(dev.lkmmhazard.analysis.RustSymbols.demangleReferences(text), where.line(),
                SourceLocations.of(where)));
        noteInstructions.add(where);
        return this;
    }

    /** The instructions that show the hazard, in order; each becomes a step with its IR text. */
    public FindingBuilder evidence(List<Instruction> chain) {
        for (Instruction i : chain) evidence.add(new EvidenceStep(i.line(), SourceLocations.irText(i), SourceLocations.of(i)));
        evidenceInstructions.addAll(chain);
        return this;
    }

    /** The dependency as it was before optimization ({@code diff}): the file and the chain there. */
    public FindingBuilder before(String file, List<Instruction> chain) {
        this.beforeFile = file;
        for (Instruction i : chain)
            beforeEvidence.add(new EvidenceStep(i.line(), SourceLocations.irText(i), SourceLocations.of(i)));
        beforeInstructions.addAll(chain);
        return this;
    }

    /**
     * Where to take the source position from when the instruction itself has none or a merged one (line 0), or
     * always with {@code override}: in {@code diff}, its counterpart before optimization knows the line the optimizer
     * dropped. {@code calls} are the calls, outermost first, that led to {@code other} before inlining; they become
     * its inlined-at frames.
     */
    public FindingBuilder sourceFrom(Instruction other, List<Instruction> calls, boolean override) {
        SourceLocation inner = SourceLocations.of(other);
        if (inner == null) return this;
        List<SourceLocation> frames = new ArrayList<>(inner.inlinedAt());
        for (int k = calls.size() - 1; k >= 0; k--) {
            SourceLocation c = SourceLocations.of(calls.get(k));
            if (c != null) frames.add(new SourceLocation(c.file(), c.line(), c.column(), c.function(), List.of()));
        }
        this.sourceFallback = new SourceLocation(inner.file(), inner.line(), inner.column(), inner.function(), frames);
        this.sourceOverride = override;
        return this;
    }

    /** Says why the evidence is weaker than usual (no debug info, a heuristic). */
    public FindingBuilder weak(String why) {
        this.weakEvidence = why;
        return this;
    }

    /** The pass after which the dependency was gone ({@code passes}). */
    public FindingBuilder brokenBy(String pass, int number) {
        this.brokenBy = new BrokenBy(pass, number);
        return this;
    }

    /** A severity other than the check's default, for a case the check knows to be less (or more) certain. */
    public FindingBuilder severity(Severity s) {
        this.severity = s;
        return this;
    }

    /** Adds the finding to the findings it was started in. */
    public void report() {
        Judgement judgement = Judge.of(new Case(rule, function, beginning, at, dependency, beforeFunction, beforeDependency,
                unknown, plainFirst, plainSecond));
        Severity judged = judgement.severity(severity);
        String summary = judgement.summary();
        // Rust globals by their paths, as functions are shown (the IR's mangled name stays in the evidence)
        String text = dev.lkmmhazard.analysis.RustSymbols.demangleReferences(summary == null ? message : message + "; " + summary);
        // a Relaxed atomic of a rustc module by its Rust name (Ordering::Relaxed), in the message and the notes
        text = RustWording.apply(function, beginning, at, text);
        for (int k = 0; k < related.size(); k++) {
            RelatedLocation r = related.get(k);
            String t = RustWording.apply(function, beginning, at, r.message());
            if (!t.equals(r.message())) related.set(k, new RelatedLocation(t, r.irLine(), r.source()));
        }
        String id = rule.id();
        List<String> anchorText = new ArrayList<>(anchors.size());
        for (Instruction i : anchors) anchorText.add(SourceLocations.anchor(i));
        String fn = function.name();
        SourceLocation source = SourceLocations.of(at);
        if (sourceFallback != null && sourceFallback.userFrame().line() > 0
                && (sourceOverride || source == null || source.userFrame().line() == 0)) source = sourceFallback;
        out.add(Finding.builder().check(id).severity(judged).message(text).judgement(judgement).file(function.module().file())
                .irLine(at.line()).irColumn(at.column()).function(SourceLocations.text(fn))
                .mangledFunction(SourceLocations.text(function.function().name())).source(source).related(related)
                .evidence(evidence).weakEvidence(weakEvidence).fingerprint(Fingerprint.of(id, fn, anchorText))
                .beforeFile(beforeFile).beforeEvidence(beforeEvidence).brokenBy(brokenBy)
                .excerpt(Excerpts.of(function, at, evidenceInstructions, noteInstructions, beforeFile, beforeInstructions))
                .build());
    }
}
