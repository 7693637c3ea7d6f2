package dev.lkmmhazard;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Finds and runs the versioned LLVM tools ({@code llvm-as-19}, {@code llvm-dis-22}) that tests compare against. */
public final class LlvmTools {
    private LlvmTools() {}

    private static final Map<String, Boolean> FOUND = new ConcurrentHashMap<>();

    /** Whether an executable of that name is on PATH. */
    public static boolean onPath(String tool) {
        return FOUND.computeIfAbsent(tool, t -> {
            String path = System.getenv("PATH");
            if (path == null) return false;
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, t);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return true;
            }
            return false;
        });
    }

    /** Whether this run is CI's, where a missing tool is a failure rather than a reason to skip. */
    public static boolean inCi() { return "true".equals(System.getenv("CI")); }

    /** The outcome of one tool run: exit code and what it wrote to stderr. */
    public record Run(int exitCode, String stderr) {
        public boolean ok() { return exitCode == 0; }
    }

    /**
     * Runs {@code command} with stdout sent to {@code stdout} (a file) and stderr kept in memory, killing it after
     * {@code timeoutSeconds}.
     */
    public static Run run(List<String> command, Path stdout, long timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile(stdout.getParent(), "stderr", ".txt");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(err.toFile())
                    .start();
            p.getOutputStream().close(); // no input
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Run(-1, String.join(" ", command) + ": timed out after " + timeoutSeconds + " s");
            }
            return new Run(p.exitValue(), Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
