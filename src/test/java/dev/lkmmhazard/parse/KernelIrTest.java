package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every {@code .ll} file that {@code scripts/kernel-ll.sh DIR} produced, when LKMM_KERNEL_IR=DIR is set.
 * The kernel IR is too large to commit; without the variable these tests are skipped.
 */
class KernelIrTest {

    @TestFactory
    Stream<DynamicTest> everyKernelFileParsesWithoutErrors() throws IOException {
        String dir = System.getenv("LKMM_KERNEL_IR");
        assumeTrue(dir != null && !dir.isEmpty(),
                "LKMM_KERNEL_IR is not set: run scripts/kernel-ll.sh DIR, then LKMM_KERNEL_IR=DIR mvn verify");
        List<Path> files;
        try (Stream<Path> s = Files.list(Paths.get(dir))) {
            files = s.filter(p -> p.toString().endsWith(".ll")).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no .ll files in " + dir);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ParseResult r = IrReader.read(p);
            assertTrue(r.ok(), () -> String.join("\n", r.errors().stream().map(ParseError::diagnostic).toList()));
            assertTrue(r.module().definedFunctions().size() > 0, "a kernel unit defines functions");
        }));
    }
}
