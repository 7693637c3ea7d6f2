package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged fat jar with a bare {@code java -jar target/lkmm-hazard.jar ...}: it needs no classpath and no JVM
 * flag. {@code scripts/lkmm-hazard} runs the same jar with JIT, collector and heap flags (or
 * {@code LKMM_HAZARD_JAVA_OPTS} instead) and a class-data archive; those change how fast it runs, not what it
 * prints ({@code LauncherIT}); this test leaves them out.
 */
class MainJarIT {
    private record Result(int status, String out, String err) {}

    private static Result java(Path dir, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("lkmmhazard.jar", "target/lkmm-hazard.jar"));
        assertTrue(Files.isRegularFile(jar), "no packaged jar at " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the jar did not finish in 60 s");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1), Files.readString(err));
    }

    @Test
    void jarRunsWithoutAClasspath(@TempDir Path dir) throws Exception {
        Result r = java(dir, "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("lkmm-hazard \\d+\\.\\d+\\.\\d+.*\\n"), r.out());

        r = java(dir, "--help");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  print "), r.out());
    }

    @Test
    void jarPrintsAFile(@TempDir Path dir) throws Exception {
        Path ll = dir.resolve("in.ll");
        Files.writeString(ll, "define void @f() {\n  ret void\n}\n");
        Result r = java(dir, "print", ll.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("define void @f() {\n  ret void\n}\n"), r.out());

        r = java(dir, "print", dir.resolve("missing.ll").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("lkmm-hazard: error: no such file: "), r.err());
    }
}
