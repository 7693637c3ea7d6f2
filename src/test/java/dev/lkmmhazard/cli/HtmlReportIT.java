package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lkmmhazard.LlvmTools;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
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
 * The HTML reports of a corpus scan (with the hand-written file whose global is {@code @"<script>alert(1)</script>"})
 * and of a diff open in headless Chromium through {@code scripts/html-screenshot.sh} with no console message, and
 * the loaded DOM holds every finding with its CFG picture and no script element. Without Chromium the test is
 * skipped, except in CI ({@code CI=true}), where that is a failure.
 */
class HtmlReportIT {
    private static final String O2G = "corpus/ir/clang-19/x86_64/O2-g";
    private static final String SCRIPT_GLOBAL = "src/test/resources/html/script-global.ll";

    private static boolean chromium() {
        return LlvmTools.onPath("chromium") || LlvmTools.onPath("chromium-browser") || LlvmTools.onPath("google-chrome");
    }

    @Test
    void corpusScanReportOpensCleanlyAndShowsEveryFinding(@TempDir Path dir) throws Exception {
        needChromium();
        String[] inputs = {O2G, SCRIPT_GLOBAL};
        List<Finding> findings = findings(dir, "scan", inputs);
        String dom = render(dir, "scan", inputs);
        assertShown(findings, dom);
        assertTrue(dom.contains("@\"&lt;script&gt;alert(1)&lt;/script&gt;\"") || dom.contains("@&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"),
                "the global named <script>alert(1)</script> is not shown as text");
    }

    @Test
    void diffReportOpensCleanlyAndDrawsBeforeAndAfter(@TempDir Path dir) throws Exception {
        needChromium();
        String[] inputs = {"corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_identical.ll", O2G + "/ctrl_identical.ll"};
        List<Finding> findings = findings(dir, "diff", inputs);
        assertTrue(findings.stream().anyMatch(f -> f.check().equals("ctrl-hoisted-store")));
        String dom = render(dir, "diff", inputs);
        assertShown(findings, dom);
        assertTrue(dom.contains("before optimization: <code>ctrl_identical</code>"), "no picture of the CFG before");
    }

    private static void needChromium() {
        if (LlvmTools.inCi()) assertTrue(chromium(), "no chromium on PATH (Debian: apt-get install chromium)");
        assumeTrue(chromium(), "no chromium on PATH; skipping the HTML report's browser test");
    }

    private static List<Finding> findings(Path dir, String command, String... inputs) throws Exception {
        Path json = dir.resolve(command + ".json");
        run(command, "json", json, inputs);
        return JsonReport.read(json).findings();
    }

    /** Writes the HTML report, opens it in Chromium, and returns the DOM after loading. */
    private static String render(Path dir, String command, String... inputs) throws Exception {
        Path html = dir.resolve(command + ".html"), png = dir.resolve(command + ".png"), dom = dir.resolve(command + ".dom.html");
        run(command, "html", html, inputs);
        Path log = dir.resolve(command + ".log");
        Process p = new ProcessBuilder("scripts/html-screenshot.sh", html.toString(), png.toString(), dom.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish in 60 s");
        assertEquals(0, p.exitValue(), "scripts/html-screenshot.sh: " + Files.readString(log));
        assertTrue(Files.size(png) > 0, "no screenshot");
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    private static void run(String command, String format, Path output, String... inputs) {
        List<String> args = new ArrayList<>(List.of(command, "--format", format, "--fail-on", "never", "-o", output.toString()));
        args.addAll(List.of(inputs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertShown(List<Finding> findings, String dom) {
        assertFalse(findings.isEmpty(), "the report should have findings to show");
        assertEquals(findings.size(), count(dom, "<article class=\"finding "), "findings in the DOM");
        for (Finding f : findings) assertTrue(dom.contains("data-check=\"" + f.check() + "\""), "no finding of " + f.check());
        assertTrue(count(dom, "<svg") >= findings.size() / 2, "too few CFG pictures");
        assertFalse(dom.contains("<script"), "a script element in the DOM");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
