package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The dependency analysis of a whole module, parsed once: a fresh {@link Dependencies} (call graph, then def-use,
 * marked accesses, control dependence and propagation per function) asked for every defined function's
 * dependencies, as scan's checks ask for them. {@code -p file=PATH} measures another file (a kernel file, say).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DependenciesBenchmark {
    @Param("corpus/ir/clang-19/x86_64/O2-g/addr_dep.ll")
    public String file;

    private Module module;

    @Setup
    public void parse() throws IOException {
        ParseResult pr = IrReader.read(Path.of(file));
        if (!pr.ok()) throw new IllegalStateException(file + ": " + pr.errors().get(0).diagnostic());
        module = pr.module();
    }

    @Benchmark
    public void allFunctions(Blackhole bh) {
        Dependencies deps = new Dependencies(module);
        for (Function f : module.definedFunctions()) bh.consume(deps.of(f));
    }
}
