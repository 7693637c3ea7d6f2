package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.PipelineStage;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading corpus files for the check tests. */
final class CorpusScan {
    private CorpusScan() {}

    /** The {@code .ll} files of a corpus directory, sorted. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".ll")).sorted().toList();
        }
    }

    /** The comment lines at the top of a generated file (the generator's line and the expectations). */
    static List<String> header(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String l = r.readLine(); l != null && l.startsWith(";"); l = r.readLine()) out.add(l);
        }
        return out;
    }

    /** A parsed corpus file with the stage the IR shows. */
    static ModuleContext context(Path file) {
        try {
            ParseResult pr = IrReader.read(file);
            assertTrue(pr.ok(), () -> file + ": " + pr.errors());
            return new ModuleContext(file.toString(), pr.module(), MarkedAccessConfig.defaults(), PipelineStage.of(pr.module()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base name of the C or Rust source the module was compiled from. */
    static String sourceFileName(ModuleContext m) {
        String s = m.module().sourceFilename();
        return s == null ? "" : Path.of(s).getFileName().toString();
    }
}
