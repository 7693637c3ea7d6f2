package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every corpus file (clang 14, 19 and 22, rustc, hand-written) is valid IR, so the reader, with the checks of what
 * LLVM refuses ({@link Validator}, {@link MetadataFields}), must read each with no error at all: read whole, and read
 * as {@code scan} reads with its metadata deferred and then every deferred node read. Unlike {@link RoundTripTest},
 * this needs no LLVM tools, so it always runs.
 */
class CorpusReadsCleanlyTest {
    @Test
    void everyCorpusFileReadsWithoutErrors() throws IOException {
        List<Path> files = RoundTripTest.corpusFiles();
        assertFalse(files.isEmpty(), "no .ll files under corpus/");
        StringBuilder problems = new StringBuilder();
        for (Path f : files) {
            ParseResult whole = IrReader.read(f);
            ParseResult deferred = IrReader.read(f, IrReader.DEFAULT_MAX_SIZE, true);
            assertNotNull(deferred.module(), f + ": no module");
            deferred.readAllMetadata();
            for (ParseError e : whole.errors()) problems.append(e.diagnostic()).append('\n');
            for (ParseError e : deferred.allErrors()) problems.append("(deferred) ").append(e.diagnostic()).append('\n');
        }
        assertTrue(problems.isEmpty(), () -> files.size() + " files; errors:\n"
                + problems.toString().lines().limit(40).collect(Collectors.joining("\n")));
    }
}
