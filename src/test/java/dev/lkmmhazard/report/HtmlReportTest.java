package dev.lkmmhazard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lkmmhazard.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report: names and IR that are markup appear as text, the summary counts, the page is the same with either
 * drawing, and a scan of a hand-written file whose global is {@code @"<script>alert(1)</script>"} escapes it.
 */
class HtmlReportTest {
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final SourceLocation SRC = new SourceLocation("a<b>.c", 7, 3, SCRIPT,
            List.of(new SourceLocation("caller\"'&.c", 20, 1, "<img src=x onerror=alert(3)>", List.of())));

    static Finding finding(String check, Severity sev, String function) {
        String load = "%0 = load volatile i32, ptr @\"" + SCRIPT + "\", align 4";
        String store = "store i32 1, ptr @\"" + SCRIPT + "\", align 4";
        CfgExcerpt cfg = new CfgExcerpt("x.ll", function, List.of(
                new CfgExcerpt.Block("\"<b>entry</b>\"", 3, List.of(CfgExcerpt.Role.SOURCE, CfgExcerpt.Role.BRANCH),
                        List.of(new IrLine(4, load, true), new IrLine(0, "... 1 instruction", false),
                                new IrLine(6, "br i1 %c, label %\"<i>a</i>\", label %j", true)), 0),
                new CfgExcerpt.Block("\"<i>a</i>\"", 8, List.of(CfgExcerpt.Role.ENDING),
                        List.of(new IrLine(9, store, true), new IrLine(10, "br label %j", false)), 1),
                new CfgExcerpt.Block("j", 12, List.of(), List.of(new IrLine(13, "ret void", false)), 0)),
                List.of(new CfgExcerpt.Edge(0, 1, "true", false), new CfgExcerpt.Edge(0, 2, "false", false),
                        new CfgExcerpt.Edge(1, 2, "jump", false)), 0);
        Excerpt x = new Excerpt(List.of(new IrExcerpt("the beginning and the instruction reported", "x<1>.ll",
                List.of(new IrLine(3, "\"<b>entry</b>\":", false), new IrLine(4, load, true), new IrLine(9, store, true)))),
                cfg, null);
        return Finding.builder().check(check).severity(sev).message("message with " + SCRIPT).file("x.ll").irLine(9)
                .irColumn(3).function(function).mangledFunction(function).source(SRC)
                .related(List.of(new RelatedLocation("the marked load " + SCRIPT, 4, SRC)))
                .evidence(List.of(new EvidenceStep(4, load, SRC), new EvidenceStep(9, store, null)))
                .weakEvidence("weak " + SCRIPT).fingerprint("fp<1>").beforeFile("before<script>.ll")
                .beforeEvidence(List.of(new EvidenceStep(5, store, SRC))).brokenBy(new BrokenBy("Pass<script>", 3)).excerpt(x)
                .build();
    }

    static ScanReport report(List<Finding> findings) {
        return new ScanReport(ToolInfo.of("1.0"), List.of(
                new FileResult("x.ll", true, null, "optimized", 3, 40, List.of("remark " + SCRIPT)),
                new FileResult("y<script>.ll", true, null, "optimized", 2, 10, List.of()),
                FileResult.failed("bad<script>.ll", "bad<script>.ll:1:1: error: " + SCRIPT)), findings, 1, 2);
    }

    static String html(ScanReport r, HtmlReport.Drawing drawing) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtmlReport.write(r, out, drawing);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void escapeTurnsMarkupIntoTextAndDropsWhatHtmlCannotHold() {
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;", Html.escape(SCRIPT));
        assertEquals("&amp;amp; &quot;x&quot; &#39;y&#39;", Html.escape("&amp; \"x\" 'y'"));
        assertEquals("a\uFFFDb\uFFFDc\td\n", Html.escape("a\u0001b\u0085c\td\n"));
        assertEquals("\uD83D\uDE00 \uFFFD", Html.escape("\uD83D\uDE00 \uD83D"));
        assertEquals("", Html.escape(null));
        assertEquals("plain", Html.escape("plain"));
    }

    @Test
    void markupInNamesAndIrAppearsAsTextOnly() throws Exception {
        String page = html(report(List.of(finding("ctrl-hoisted-store", Severity.ERROR, SCRIPT))), HtmlReport.Drawing.JAVA);
        assertFalse(page.contains("<script"), "an unescaped <script in the page");
        assertFalse(page.contains("<img"), "an unescaped <img in the page");
        assertFalse(page.contains("<b>") || page.contains("<i>"), "an unescaped label in the page");
        assertTrue(page.contains("@&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"), "the global's name, as text");
        assertTrue(page.contains("&lt;img src=x onerror=alert(3)&gt;"), "the inlined-at frame's function, as text");
        assertTrue(page.contains("<svg"), "the CFG picture");
    }

    @Test
    void summaryCountsFilesFunctionsAndFindingsPerCheckAndSeverity() throws Exception {
        String page = html(report(List.of(finding("ctrl-hoisted-store", Severity.ERROR, "f"),
                finding("ctrl-hoisted-store", Severity.WARNING, "g"), finding("ctrl-hoisted-store", Severity.ERROR, "h"),
                finding("mixed-access", Severity.NOTE, "f"))), HtmlReport.Drawing.JAVA);
        assertTrue(page.contains("<tr><th>files</th><td class=\"n\">3</td></tr>"), page);
        assertTrue(page.contains("<tr><th>files that failed</th><td class=\"n\">1</td></tr>"));
        assertTrue(page.contains("<tr><th>functions</th><td class=\"n\">5</td></tr>"));
        assertTrue(page.contains("<tr><th>findings</th><td class=\"n\">4</td></tr>"));
        assertTrue(page.contains("<tr><th>already in the baseline</th><td class=\"n\">2</td></tr>"));
        // each count links to the check's row of that severity in the index; a check's total to its first row
        assertTrue(page.contains("<code>ctrl-hoisted-store</code></a></td><td class=\"n\"><a href=\"#by-check-error-0\">2</a></td>"
                + "<td class=\"n\"><a href=\"#by-check-warning-0\">1</a></td><td class=\"n\"></td>"
                + "<td class=\"n\"><a href=\"#by-check-error-0\">3</a></td></tr>"), page);
        assertTrue(page.contains("<code>mixed-access</code></a></td><td class=\"n\"></td><td class=\"n\"></td>"
                + "<td class=\"n\"><a href=\"#by-check-note-1\">1</a></td><td class=\"n\"><a href=\"#by-check-note-1\">1</a></td></tr>"));
        assertTrue(page.contains("<tr><th>all</th><td class=\"n\"><a href=\"#findings-error\">2</a></td>"
                + "<td class=\"n\"><a href=\"#findings-warning\">1</a></td><td class=\"n\"><a href=\"#findings-note\">1</a></td>"
                + "<td class=\"n\"><a href=\"#findings\">4</a></td></tr>"));
        assertTrue(page.contains("<a href=\"https://github.com/lkmm-hazard/lkmm-hazard/blob/main/docs/checks/mixed-access.md\">"),
                "the check's page is still linked");
        assertTrue(page.contains("<li><code>bad&lt;script&gt;.ll</code>: bad&lt;script&gt;.ll:1:1: error: &lt;script&gt;"), "the failed file");
        assertEquals(4, count(page, "<article class=\"finding "));
    }

    @Test
    void graphvizAndJavaDrawingsGiveTheSamePageApartFromThePictures() throws Exception {
        assumeTrue(CfgDot.installed(), "no Graphviz dot on PATH");
        ScanReport r = report(List.of(finding("ctrl-hoisted-store", Severity.ERROR, SCRIPT)));
        String java = html(r, HtmlReport.Drawing.JAVA), dot = html(r, HtmlReport.Drawing.GRAPHVIZ_IF_INSTALLED);
        assertFalse(dot.contains("<script") || dot.contains("<img"), "dot's drawing let markup through");
        assertTrue(dot.contains("<svg"));
        Pattern svg = Pattern.compile("(?s)<svg.*?</svg>");
        assertEquals(svg.matcher(java).replaceAll("<svg/>"), svg.matcher(dot).replaceAll("<svg/>"));
        assertFalse(java.equals(dot), "dot was not used");
    }

    @Test
    void scanOfAGlobalNamedScriptShowsItAsText(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("r.html");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"scan", "--format", "html", "--fail-on", "never", "-o", page.toString(),
                "src/test/resources/html/script-global.ll"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        String html = Files.readString(page);
        assertFalse(html.contains("<script") || html.contains("<img") || html.contains("<b>") || html.contains("<i>"), html);
        assertTrue(html.contains("data-check=\"mixed-access\""));
        assertTrue(html.contains("@&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"));
        assertTrue(html.contains("&lt;script&gt;f&lt;/script&gt;"), "the function's name");
        assertTrue(html.contains("<svg"));
    }

    @Test
    void excerptSurvivesTheJsonRoundTrip(@TempDir Path dir) throws Exception {
        ScanReport r = report(List.of(finding("ctrl-hoisted-store", Severity.ERROR, SCRIPT)));
        Path json = dir.resolve("r.json");
        try (var os = Files.newOutputStream(json)) {
            JsonReport.write(r, os);
        }
        Finding back = JsonReport.read(json).findings().get(0);
        assertNotNull(back.excerpt());
        assertEquals(r.findings().get(0).excerpt(), back.excerpt());
        assertEquals(r.findings().get(0), back);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
