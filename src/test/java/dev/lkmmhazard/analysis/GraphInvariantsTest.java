package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The five analyses over real compiler output: every defined function must satisfy {@link GraphInvariants}. */
class GraphInvariantsTest {
    /** Names a directory of kernel .ll files (scripts/kernel-ll.sh writes one). */
    static final String KERNEL_IR = "LKMM_KERNEL_IR";

    @Test
    void everyCorpusFunctionSatisfiesTheGraphInvariants() throws IOException {
        List<Path> files = GraphInvariants.llFiles(Path.of("corpus"));
        assertFalse(files.isEmpty(), "corpus/ has .ll files");
        GraphInvariants checks = new GraphInvariants();
        for (Path file : files) checks.checkFile(file);
        System.out.println("corpus: " + checks.summary());
        assertEquals(List.of(), checks.violations, checks.summary());
        assertTrue(checks.functions > 100, "too few functions analysed: " + checks.summary());
    }

    @Tag("kernel")
    @Test
    void everyKernelFunctionSatisfiesTheGraphInvariants() throws IOException {
        String dir = System.getenv(KERNEL_IR);
        assumeTrue(dir != null && !dir.isBlank(),
                KERNEL_IR + " is not set: point it at a directory of kernel .ll files (scripts/kernel-ll.sh builds one) to run this test");
        Path root = Path.of(dir);
        assumeTrue(Files.isDirectory(root), KERNEL_IR + "=" + dir + " is not a directory");
        List<Path> files = GraphInvariants.llFiles(root);
        assertFalse(files.isEmpty(), "no .ll files under " + dir);
        GraphInvariants checks = new GraphInvariants();
        for (Path file : files) checks.checkFile(file);
        System.out.println("kernel IR: " + checks.summary());
        assertEquals(List.of(), checks.violations, checks.summary());
    }
}
