package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lkmmhazard.LlvmTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF of a scan of the whole corpus, and of a diff, passes Microsoft's validator ({@code @microsoft/sarif-multitool} 5.7.0,
 * installed by {@code scripts/install-sarif-validator.sh}) with no error and no warning. Without the validator the test
 * is skipped, except in CI ({@code CI=true}), where that is a failure.
 */
class SarifValidationIT {
    private static final Path VALIDATOR = Path.of(".cache", "sarif-multitool", "node_modules", ".bin", "sarif-multitool");

    @Test
    void corpusScanPassesTheSarifValidator(@TempDir Path dir) throws Exception {
        validate(dir, 50, "scan", "--format", "sarif", "--fail-on", "never", "corpus/ir");
    }

    /** diff's SARIF has rules of its own (its causes); cancel_arith.c gives addr-dep-broken and data-dep-broken. */
    @Test
    void diffPassesTheSarifValidator(@TempDir Path dir) throws Exception {
        validate(dir, 3, "diff", "--format", "sarif", "--fail-on", "never", "corpus/ir/clang-19/x86_64/O2-nopasses-g/cancel_arith.ll",
                "corpus/ir/clang-19/x86_64/O2-g/cancel_arith.ll");
    }

    /** Runs the command with -o into dir, checks it reported more than minResults results, and validates the file. */
    private static void validate(Path dir, int minResults, String... command) throws Exception {
        boolean present = Files.isExecutable(VALIDATOR);
        if (LlvmTools.inCi()) assertTrue(present, "no SARIF validator at " + VALIDATOR + "; run scripts/install-sarif-validator.sh");
        assumeTrue(present, "no SARIF validator; run scripts/install-sarif-validator.sh");

        Path sarif = dir.resolve(command[0] + ".sarif");
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(1, List.of("-o", sarif.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        JsonNode log = new ObjectMapper().readTree(sarif.toFile());
        assertTrue(log.path("runs").get(0).path("results").size() > minResults, "the " + command[0] + " should report findings to validate");

        Path result = dir.resolve("validation.sarif");
        // the levels as separate arguments: the npm wrapper runs the tool through a shell, which took the ';' of
        // "Error;Warning" for the end of the command and left only errors checked
        List<String> cmd = new ArrayList<>(List.of(VALIDATOR.toAbsolutePath().toString(), "validate", sarif.toString(),
                "-o", result.toString(), "--level", "Error", "Warning"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the validator did not finish in 5 minutes");
        String log2 = Files.readString(dir.resolve("log.txt"));
        assertTrue(Files.isRegularFile(result), "the validator wrote no result: " + log2);
        List<String> problems = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(result.toFile()).path("runs").get(0).path("results")) {
            String level = r.path("level").asText("warning");
            if (level.equals("error") || level.equals("warning"))
                problems.add(level + " " + r.path("ruleId").asText() + ": " + r.path("message"));
        }
        assertEquals(List.of(), problems, "the validator found problems");
    }
}
