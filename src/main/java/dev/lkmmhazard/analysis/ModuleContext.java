package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Function;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analyses of one module, computed on first request and cached: the one place checks, {@code diff} and
 * {@code deps} get them from, as LLVM's analysis manager is (the per-function ones live in {@link FunctionContext},
 * which {@link Dependencies} shares). One per file and thread.
 */
public final class ModuleContext {
    private final String file;
    private final dev.lkmmhazard.ir.Module module;
    private final MarkedAccessConfig config;
    private PipelineStage stage;
    private final boolean debugInfo;
    private Dependencies dependencies;
    private SharedInModule shared;
    private List<FunctionContext> functions;
    private final Map<Function, FunctionContext> byFunction = new IdentityHashMap<>();

    /**
     * @param file  the {@code .ll} file as the user named it (findings carry it)
     * @param stage whether the IR is optimized ({@link PipelineStage#of} tells from the IR itself); null: told when asked
     */
    public ModuleContext(String file, dev.lkmmhazard.ir.Module module, MarkedAccessConfig config, PipelineStage stage) {
        this.file = file;
        this.module = module;
        this.config = config;
        this.stage = stage;
        this.debugInfo = hasDebugInfo(module);
    }

    /** The analyses of a module read on its own ({@code deps}, tests): its stage is told from the IR when asked. */
    public ModuleContext(dev.lkmmhazard.ir.Module module, MarkedAccessConfig config) {
        this(null, module, config, null);
    }

    /** Used by a {@link Dependencies} made on its own, so that it and this context share one cache. */
    void useDependencies(Dependencies d) { dependencies = d; }

    public String file() { return file; }
    public dev.lkmmhazard.ir.Module module() { return module; }
    /** The module's type sizes and alignments. */
    public dev.lkmmhazard.ir.DataLayout dataLayout() { return module.dataLayout(); }
    public MarkedAccessConfig config() { return config; }
    public PipelineStage stage() {
        if (stage == null) stage = PipelineStage.of(module);
        return stage;
    }

    /** Whether any defined function has a {@code !dbg} subprogram: the file was compiled with {@code -g}. */
    public boolean hasDebugInfo() { return debugInfo; }

    public Dependencies dependencies() {
        if (dependencies == null) dependencies = new Dependencies(this, Dependencies.DEFAULT_MAX_CALL_DEPTH);
        return dependencies;
    }

    /** Which globals the module shows other CPUs touch (made on first request). */
    public synchronized SharedInModule sharedInModule() {
        if (shared == null) shared = new SharedInModule(this);
        return shared;
    }

    private final Map<Object, Object> results = new java.util.HashMap<>();

    /**
     * A per-module result of a later stage (the judgement's table of module parameters), made on first request and
     * kept with the other analyses, so that it dies with the module. {@code key} is the stage's own constant.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T cached(Object key, java.util.function.Function<ModuleContext, T> make) {
        return (T) results.computeIfAbsent(key, k -> make.apply(this));
    }

    /** The defined functions, in file order. */
    public List<FunctionContext> functions() {
        if (functions == null) {
            functions = new ArrayList<>();
            for (Function f : module.functions())
                if (f.isDefinition() && !f.blocks().isEmpty()) functions.add(function(f));
        }
        return functions;
    }

    /** The analyses of a function of this module (made on first request). */
    public FunctionContext function(Function f) {
        return byFunction.computeIfAbsent(f, k -> new FunctionContext(this, k));
    }

    private static boolean hasDebugInfo(dev.lkmmhazard.ir.Module m) {
        for (Function f : m.functions()) if (f.isDefinition() && f.subprogram() != null) return true;
        return false;
    }
}
