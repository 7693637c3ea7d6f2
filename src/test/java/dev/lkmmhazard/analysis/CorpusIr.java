package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads corpus IR once per test run and finds functions by symbol or by demangled Rust name. */
final class CorpusIr {
    private CorpusIr() {}

    private static final Map<String, Module> MODULES = new ConcurrentHashMap<>();

    /** A file under {@code corpus/ir/}, which must read without errors. */
    static Module module(String relative) {
        return MODULES.computeIfAbsent(relative, r -> {
            try {
                ParseResult pr = IrReader.read(Path.of("corpus", "ir").resolve(r));
                assertTrue(pr.ok(), () -> r + ": " + pr.errors());
                return pr.module();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A defined function named {@code name}, or whose demangled short name is {@code name}. */
    static Function function(String file, String name) {
        Module m = module(file);
        for (Function f : m.functions()) {
            if (!f.isDefinition()) continue;
            if (name.equals(f.name()) || name.equals(RustSymbols.demangle(f.name()))) return f;
        }
        assertNotNull(null, "no function " + name + " in " + file);
        return null;
    }
}
