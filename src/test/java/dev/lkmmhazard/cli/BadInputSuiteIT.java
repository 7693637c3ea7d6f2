package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs too large for a unit test, generated at test time (never committed), through the packaged jar:
 * a 1 GB file, a function of 10 million instructions, and a scan stopped by a signal while it writes its report.
 */
class BadInputSuiteIT {
    private record Result(int status, String out, String err, long millis) {}

    private static Process start(Path dir, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("lkmmhazard.jar", "target/lkmm-hazard.jar"));
        assertTrue(Files.isRegularFile(jar), "no packaged jar at " + jar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    }

    private static Result java(Path dir, int seconds, String... args) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(dir, args);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("no result in " + seconds + " s");
        }
        String out = Files.readString(dir.resolve("out.txt")), err = Files.readString(dir.resolve("err.txt"));
        assertFalse((out + err).contains("Exception") || (out + err).contains("at dev.lkmmhazard"), out + err);
        return new Result(p.exitValue(), out, err, (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void aOneGigabyteFileIsRefusedAtOnce(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("huge.ll");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: 1 GB without writing it
        }
        Result r = java(dir, 60, "scan", big.toString());
        assertEquals(2, r.status());
        assertEquals(big + ":1:1: error: file is 1.0 GB, larger than the limit of 512 MB (raise it with --max-size)\n",
                r.err().lines().findFirst().orElse("") + "\n");
        assertTrue(r.millis() < 30_000, r.millis() + " ms");
    }

    @Test
    void aFunctionOfTenMillionInstructionsIsSkippedWithOneLine(@TempDir Path dir) throws Exception {
        Path ll = dir.resolve("long.ll");
        int n = 10_000_000;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(ll), 1 << 20)) {
            os.write(("@x = global i32 0\n@y = global i32 0\n\ndefine i32 @long() {\n  %0 = load volatile i32, ptr @x, align 4\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder sb = new StringBuilder(64);
            for (int i = 1; i < n; i++) {
                sb.setLength(0);
                sb.append("  %").append(i).append(" = add i32 %").append(i - 1).append(", 1\n");
                os.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            }
            os.write(("  store volatile i32 %" + (n - 1) + ", ptr @y, align 4\n  ret i32 %" + (n - 1) + "\n}\n\n"
                    + "define void @after() {\n  store volatile i32 1, ptr @y, align 4\n  ret void\n}\n").getBytes(StandardCharsets.US_ASCII));
        }
        Result r = java(dir, 120, "scan", "-j", "1", ll.toString());
        Files.delete(ll);
        assertEquals(2, r.status(), r.err());
        assertEquals(ll + ":1000005:3: error: function has more than 1000000 instructions (the limit)"
                + " (in function '@long', which is skipped); the rest of the file was scanned", r.err().lines().findFirst().orElse(""));
    }

    @Test
    void aSignalDuringTheWriteLeavesNoPartialReport(@TempDir Path dir) throws Exception {
        // the HTML report of the whole corpus takes long enough to write that the signal can land during the write
        for (int attempt = 0; attempt < 3; attempt++) {
            Path report = dir.resolve("report" + attempt + ".html");
            Process p = start(dir, "scan", "--fail-on", "never", "--format", "html", "-o", report.toString(), "corpus/ir");
            boolean seen = false;
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (p.isAlive() && System.nanoTime() < deadline && !(seen = temporaryFiles(dir, report).length > 0)) Thread.sleep(2);
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C (SIGINT)
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, temporaryFiles(dir, report).length, "a temporary file is left behind");
            if (Files.exists(report)) {
                // the rename came before the signal: the report is whole
                assertTrue(Files.readString(report).endsWith("</html>\n"), "a partial report");
            }
            if (seen && !Files.exists(report)) return; // stopped during the write, and nothing is left: the case wanted
        }
        throw new AssertionError("the signal never landed during the write in 3 attempts");
    }

    private static Path[] temporaryFiles(Path dir, Path report) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("." + report.getFileName())).toArray(Path[]::new);
        }
    }
}
