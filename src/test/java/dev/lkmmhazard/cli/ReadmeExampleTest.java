package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's example output is what its first command prints: the finding shown appears, line for line and in
 * order, in the scan's output, and the summary line is the scan's last line. It fails when the corpus or the
 * report drifts, so that the README is brought along.
 */
class ReadmeExampleTest {
    @Test
    void theExampleOutputIsWhatTheFirstCommandPrints() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        String command = readme.get(3);
        assertTrue(command.contains("scan --fail-on never corpus/ir/clang-19/x86_64/O2-g"), "the first command changed: " + command);
        // the first ``` block after "What the first command shows"
        int at = readme.indexOf("## What the first command shows");
        while (!readme.get(at).equals("```")) at++;
        List<String> shown = new ArrayList<>();
        for (at++; !readme.get(at).equals("```"); at++) shown.add(readme.get(at));
        assertTrue(shown.size() > 5, "no example block found");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"scan", "--fail-on", "never", "corpus/ir/clang-19/x86_64/O2-g"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        List<String> printed = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));

        int dots = shown.indexOf("...");
        List<String> finding = shown.subList(0, dots);
        int start = printed.indexOf(finding.get(0));
        assertTrue(start >= 0, "the README's finding is not in the output: " + finding.get(0));
        assertEquals(finding, printed.subList(start, start + finding.size()), "the README's finding drifted from the output");
        assertEquals(shown.get(shown.size() - 1), printed.get(printed.size() - 1), "the README's summary line drifted");
    }
}
