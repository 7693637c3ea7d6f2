package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/lkmm-hazard}: the first run after a build writes the class-data archive, later runs map it, and
 * neither changes a byte of what the tool prints.
 */
class LauncherIT {
    private static final Path JAR = Path.of("target/lkmm-hazard.jar");
    private static final Path ARCHIVE = Path.of("target/lkmm-hazard.jsa");
    private static final String FILE = "corpus/ir/clang-19/x86_64/O2-g/ctrl_identical.ll";

    private record Result(int status, byte[] out, String err) {}

    private static Result run(Path dir, Map<String, String> env, String... cmd) throws Exception {
        Path out = dir.resolve("out"), err = dir.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "did not finish: " + String.join(" ", cmd));
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
    }

    private static Result launcher(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "scripts/lkmm-hazard"));
        cmd.addAll(List.of(args));
        return run(dir, env, cmd.toArray(String[]::new));
    }

    @Test
    void theArchiveIsWrittenOnceAndChangesNoOutput(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no packaged jar at " + JAR);
        String[] scan = {"scan", "--format", "json", "--fail-on", "never", FILE};
        List<String> plain = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        plain.addAll(List.of(scan));
        Result expected = run(dir, Map.of(), plain.toArray(String[]::new));
        assertEquals(0, expected.status(), expected.err());
        assertTrue(new String(expected.out()).contains("\"ctrl-hoisted-store\""), "the scan found nothing to compare");

        Files.deleteIfExists(ARCHIVE);
        Result off = launcher(dir, Map.of("LKMM_HAZARD_CDS", "0"), scan);
        assertEquals(0, off.status(), off.err());
        assertFalse(Files.exists(ARCHIVE), "LKMM_HAZARD_CDS=0 writes no archive");

        Result first = launcher(dir, Map.of(), scan);
        assertEquals(0, first.status(), first.err());
        assertEquals("", first.err());
        assertTrue(Files.isRegularFile(ARCHIVE), "the first run writes the archive");
        assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) > 0);

        Result second = launcher(dir, Map.of(), scan);
        assertEquals(0, second.status(), second.err());
        assertEquals("", second.err(), "the JVM says nothing about the archive");
        assertArrayEquals(expected.out(), first.out());
        assertArrayEquals(expected.out(), second.out());
        try (var s = Files.list(ARCHIVE.getParent())) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("lkmm-hazard.jsa.")).toList(),
                    "no pending archive is left behind");
        }

        // the exit status passes through, also on the run that writes the archive
        Files.deleteIfExists(ARCHIVE);
        Result failing = launcher(dir, Map.of(), "scan", FILE);
        assertEquals(1, failing.status(), failing.err());
    }
}
