package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.ControlDependence;
import dev.lkmmhazard.analysis.DefUse;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.DominatorTree;
import dev.lkmmhazard.analysis.Loops;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.analysis.RustSymbols;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import java.lang.ref.SoftReference;
import java.util.List;

/**
 * One defined function and its analyses, each computed on first request and cached, so checks that ask for the same
 * analysis share it.
 */
public final class FunctionContext {
    private final ModuleContext module;
    private final Function function;
    private final String name;
    // held softly, as the control dependence is (Dependencies): recomputed when the collector took them
    private SoftReference<DominatorTree> dominators, postDominators;
    private SoftReference<Loops> loops;

    FunctionContext(ModuleContext module, Function function) {
        this.module = module;
        this.function = function;
        this.name = RustSymbols.displayName(function.name());
    }

    public ModuleContext module() { return module; }
    public Function function() { return function; }

    /** The function's name as reports show it: demangled without the hash for Rust, the symbol otherwise. */
    public String name() { return name; }

    public Cfg cfg() { return controlDependence().cfg(); }

    public DominatorTree dominators() {
        DominatorTree d = dominators == null ? null : dominators.get();
        if (d == null) dominators = new SoftReference<>(d = DominatorTree.dominators(cfg()));
        return d;
    }

    public DominatorTree postDominators() {
        DominatorTree d = postDominators == null ? null : postDominators.get();
        if (d == null) postDominators = new SoftReference<>(d = DominatorTree.postDominators(cfg()));
        return d;
    }

    /** Control dependence, shared with the dependency analysis. */
    public ControlDependence controlDependence() { return module.dependencies().controlDependence(function); }

    public Loops loops() {
        Loops l = loops == null ? null : loops.get();
        if (l == null) loops = new SoftReference<>(l = new Loops(dominators()));
        return l;
    }

    /** The def-use chains (shared with the dependency analysis). */
    public DefUse defUse() { return module.dependencies().defUse(function); }

    public MarkedAccesses marked() { return module.dependencies().markedAccesses(function); }

    /** The dependencies reported in this function, with their evidence chains. */
    public List<Dependency> dependencies() { return module.dependencies().of(function); }

    /** Starts a finding of {@code check} at {@code at}; {@link FindingBuilder#report()} adds it. */
    public FindingBuilder report(Check check, Instruction at, String message) {
        return new FindingBuilder(this, check.id(), check.severity(), at, message);
    }

    /** Starts a finding of a check that is not a {@link Check} (a before/after comparison's cause). */
    public FindingBuilder report(String checkId, dev.lkmmhazard.report.Severity severity, Instruction at, String message) {
        return new FindingBuilder(this, checkId, severity, at, message);
    }
}
