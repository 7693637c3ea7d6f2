package dev.lkmmhazard.parse;

import java.io.IOException;
import java.nio.file.Files;
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

/**
 * The hand-written lexer over one IR file held in memory: every token, as the parser would pull them. The default
 * file is the largest clang file of the corpus; {@code -p file=PATH} measures another (a kernel file, say). The
 * score is time per pass over the file; divide the file's size by it for MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LexerBenchmark {
    @Param("corpus/ir/clang-19/x86_64/O0-g/atomics.ll")
    public String file;

    private byte[] bytes;

    @Setup
    public void read() throws IOException {
        bytes = Files.readAllBytes(Path.of(file));
    }

    /** Returns the token count, so that the JIT cannot drop the loop. */
    @Benchmark
    public int fastTokenManager() {
        FastTokenManager tm = new FastTokenManager(bytes, 0, bytes.length, 1);
        int n = 0;
        while (tm.getNextToken().kind != LlvmIrParserConstants.EOF) n++;
        return n;
    }
}
