package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Function;
import java.lang.ref.SoftReference;
import java.util.List;

/**
 * The analyses of one defined function, each computed on first request and cached here, so that checks, {@code diff}
 * and the dependency analysis that ask for the same analysis share it.
 *
 * <p>Control flow, control dependence, dominators and loops are held softly: recomputed when asked for again after the
 * collector took them. Every function's graphs held strongly were a quarter of a scan's heap; a scan in a small heap
 * trades that for recomputing, one with room keeps them. The marked accesses and def-use chains are held strongly, as
 * the dependency analysis keeps them for its summaries anyway.
 */
public final class FunctionContext {
    private final ModuleContext module;
    private final Function function;
    private String name;
    private SoftReference<ControlDependence> controlDependence;
    private SoftReference<DominatorTree> dominators;
    private SoftReference<Loops> loops;
    private MarkedAccesses marked;
    private DefUse defUse;

    FunctionContext(ModuleContext module, Function function) {
        this.module = module;
        this.function = function;
    }

    public ModuleContext module() { return module; }
    public Function function() { return function; }

    /** The function's name as reports show it: demangled without the hash for Rust, the symbol otherwise. */
    public String name() {
        if (name == null) name = RustSymbols.displayName(function.name());
        return name;
    }

    public Cfg cfg() { return controlDependence().cfg(); }

    public DominatorTree dominators() {
        DominatorTree d = dominators == null ? null : dominators.get();
        if (d == null) dominators = new SoftReference<>(d = DominatorTree.dominators(cfg()));
        return d;
    }

    /** The post-dominator tree the control dependence was computed from. */
    public DominatorTree postDominators() { return controlDependence().postDominators(); }

    public ControlDependence controlDependence() {
        ControlDependence c = controlDependence == null ? null : controlDependence.get();
        if (c == null)
            controlDependence = new SoftReference<>(c = new ControlDependence(DominatorTree.postDominators(new Cfg(function))));
        return c;
    }

    public Loops loops() {
        Loops l = loops == null ? null : loops.get();
        if (l == null) loops = new SoftReference<>(l = new Loops(dominators()));
        return l;
    }

    /** The def-use chains. */
    public DefUse defUse() {
        if (defUse == null) defUse = new DefUse(function);
        return defUse;
    }

    /** The marked accesses, classified by the module's {@link MarkedAccessConfig}. */
    public MarkedAccesses marked() {
        if (marked == null) marked = new MarkedAccesses(function, module.config());
        return marked;
    }

    /** The dependencies reported in this function, with their evidence chains. */
    public List<Dependency> dependencies() { return module.dependencies().of(function); }
}
