package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.Dependencies;
import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.PipelineStage;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.report.Finding;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What checks share about one module: the analyses (computed on first request and cached) and the findings reported
 * so far. One per file and thread.
 */
public final class ModuleContext {
    private final String file;
    private final dev.lkmmhazard.ir.Module module;
    private final MarkedAccessConfig config;
    private final PipelineStage stage;
    private final boolean debugInfo;
    private Dependencies dependencies;
    private List<FunctionContext> functions;
    private final Map<Function, FunctionContext> byFunction = new IdentityHashMap<>();
    private final List<Finding> findings = new ArrayList<>();

    /**
     * @param file  the {@code .ll} file as the user named it; findings carry it
     * @param stage whether the IR is optimized; {@link PipelineStage#of} tells from the IR itself
     */
    public ModuleContext(String file, dev.lkmmhazard.ir.Module module, MarkedAccessConfig config, PipelineStage stage) {
        this.file = file;
        this.module = module;
        this.config = config;
        this.stage = stage;
        this.debugInfo = hasDebugInfo(module);
    }

    public String file() { return file; }
    public dev.lkmmhazard.ir.Module module() { return module; }
    /** The module's type sizes and alignments. */
    public dev.lkmmhazard.ir.DataLayout dataLayout() { return module.dataLayout(); }
    public MarkedAccessConfig config() { return config; }
    public PipelineStage stage() { return stage; }

    /** Whether any defined function has a {@code !dbg} subprogram: the file was compiled with {@code -g}. */
    public boolean hasDebugInfo() { return debugInfo; }

    public Dependencies dependencies() {
        if (dependencies == null) dependencies = new Dependencies(module, config, Dependencies.DEFAULT_MAX_CALL_DEPTH);
        return dependencies;
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

    /** The context of a defined function of this module. */
    public FunctionContext function(Function f) {
        return byFunction.computeIfAbsent(f, k -> new FunctionContext(this, k));
    }

    void add(Finding f) { findings.add(f); }

    /** Everything reported so far, in the order it was reported. */
    public List<Finding> findings() { return findings; }

    private static boolean hasDebugInfo(dev.lkmmhazard.ir.Module m) {
        for (Function f : m.functions()) if (f.isDefinition() && f.subprogram() != null) return true;
        return false;
    }
}
