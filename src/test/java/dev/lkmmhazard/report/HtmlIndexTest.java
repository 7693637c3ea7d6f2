package dev.lkmmhazard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML report of many findings: the index (errors first, counts, in-page links), the findings in page order,
 * the filter by severity and check that needs no script, the Content Security Policy, and how many pictures a
 * large report draws.
 */
class HtmlIndexTest {
    private static final Pattern ARTICLE = Pattern.compile("<article class=\"finding (\\w+) check-(\\d+)\" id=\"([^\"]+)\" data-check=\"([^\"]+)\"");

    private static Finding finding(String check, Severity sev, String file, int line) {
        return HtmlReportTest.finding(check, sev, "f" + line).toBuilder().file(file).irLine(line).build();
    }

    /** In report order (by file): notes and warnings come before the errors of the same files. */
    private static List<Finding> mixed() {
        return List.of(finding("mixed-access", Severity.NOTE, "a.ll", 1), finding("ctrl-to-select", Severity.WARNING, "a.ll", 2),
                finding("ctrl-hoisted-store", Severity.ERROR, "a.ll", 3), finding("mixed-access", Severity.NOTE, "b.ll", 4),
                finding("ctrl-hoisted-store", Severity.ERROR, "b.ll", 5), finding("ctrl-hoisted-store", Severity.NOTE, "b.ll", 6),
                finding("mixed-access", Severity.NOTE, "c.ll", 7));
    }

    private static String page(List<Finding> findings, HtmlReport.Limits limits, HtmlReport.Drawing drawing, String dot)
            throws Exception {
        StringBuilder sb = new StringBuilder();
        HtmlReport.write(HtmlReportTest.report(findings), sb, drawing, limits, dot);
        return sb.toString();
    }

    private static String page(List<Finding> findings) throws Exception {
        return page(findings, HtmlReport.Limits.DEFAULT, HtmlReport.Drawing.JAVA, "dot");
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from);
        assertTrue(a >= 0, "no " + from);
        int b = s.indexOf(to, a);
        assertTrue(b >= 0, "no " + to + " after " + from);
        return s.substring(a, b);
    }

    @Test
    void findingsComeErrorsFirstAndInReportOrderWithinASeverity() throws Exception {
        String page = page(mixed());
        List<String> order = new ArrayList<>();
        Matcher m = Pattern.compile(ARTICLE.pattern() + "(?s).*?<dt>function</dt><dd><code>(\\w+)</code>").matcher(page);
        while (m.find()) order.add(m.group(1) + " " + m.group(4) + " " + m.group(3) + " " + m.group(5));
        // the functions are named after the findings' lines, which give the report order
        assertEquals(List.of("error ctrl-hoisted-store finding-1 f3", "error ctrl-hoisted-store finding-2 f5",
                "warning ctrl-to-select finding-3 f2", "note mixed-access finding-4 f1", "note mixed-access finding-5 f4",
                "note ctrl-hoisted-store finding-6 f6", "note mixed-access finding-7 f7"), order);
        // one section per severity, with its count
        assertTrue(page.contains("<section class=\"severity-group error\" id=\"findings-error\">\n<h2>Errors <span class=\"muted\">(2)</span></h2>"));
        assertTrue(page.contains("<section class=\"severity-group note\" id=\"findings-note\">\n<h2>Notes <span class=\"muted\">(4)</span></h2>"));
    }

    @Test
    void indexCountsSeveritiesAndGroupsByCheckAndByFileErrorsFirst() throws Exception {
        String page = page(mixed());
        String index = between(page, "<nav id=\"index\"", "</nav>");
        assertTrue(page.indexOf("<nav id=\"index\"") < page.indexOf("<section id=\"summary\">"), "the index is at the top");
        assertTrue(index.contains("<a href=\"#findings-error\"><span class=\"sev sev-error\">errors</span> 2</a>"), index);
        assertTrue(index.contains("<a href=\"#findings-warning\"><span class=\"sev sev-warning\">warnings</span> 1</a>"));
        assertTrue(index.contains("<a href=\"#findings-note\"><span class=\"sev sev-note\">notes</span> 4</a>"));

        // checks by name: 0 ctrl-hoisted-store, 1 ctrl-to-select, 2 mixed-access; rows by severity, then check
        Matcher row = Pattern.compile("<tr id=\"by-check-(\\w+)-(\\d)\">.*?<td class=\"n\"><a href=\"#(finding-\\d+)\">(\\d+)</a></td>"
                + "<td class=\"links\">(.*?)</td></tr>").matcher(index);
        List<String> rows = new ArrayList<>();
        while (row.find()) rows.add(row.group(1) + " " + row.group(2) + " " + row.group(4) + " first " + row.group(3)
                + " links " + row.group(5).replaceAll("<a href=\"#finding-(\\d+)\">\\1</a> ", "$1 ").trim());
        assertEquals(List.of("error 0 2 first finding-1 links 1 2", "warning 1 1 first finding-3 links 3",
                "note 0 1 first finding-6 links 6", "note 2 3 first finding-4 links 4 5 7"), rows);

        // by file: files with errors first, each count linking to the file's first finding of that severity
        String byFile = between(index, "<details class=\"index-by-file\" open>", "</details>");
        Matcher file = Pattern.compile("<tr><td><code>(\\w+\\.ll)</code></td>(.*?)</tr>").matcher(byFile);
        List<String> files = new ArrayList<>();
        while (file.find()) files.add(file.group(1) + " " + file.group(2).replaceAll("<td class=\"n\"><a href=\"#finding-(\\d+)\">(\\d+)</a></td>", "$2@$1 ")
                .replaceAll("<td class=\"n\"></td>", "- ").replaceAll("<td class=\"n\">(\\d+)</td>", "=$1"));
        assertEquals(List.of("a.ll 1@1 1@3 1@4 =3", "b.ll 1@2 - 2@5 =3", "c.ll - - 1@7 =1"), files);
    }

    @Test
    void everyInPageLinkNamesAnIdOfThePageAndIdsAreUnique() throws Exception {
        String page = page(mixed());
        Set<String> ids = new HashSet<>();
        Matcher id = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(page);
        while (id.find()) assertTrue(ids.add(id.group(1)), "id twice: " + id.group(1));
        Matcher href = Pattern.compile("href=\"#([^\"]*)\"").matcher(page);
        int links = 0;
        while (href.find()) {
            assertTrue(ids.contains(href.group(1)), "a link to no id: #" + href.group(1));
            links++;
        }
        assertTrue(links > 30, "too few in-page links: " + links);
        Matcher label = Pattern.compile("<label class=\"chip\" for=\"([^\"]+)\"").matcher(page);
        int labels = 0;
        while (label.find()) {
            assertTrue(ids.contains(label.group(1)), "a label for no input: " + label.group(1));
            labels++;
        }
        assertEquals(3 + 1 + 3, labels, "a label per severity, all checks, and each check");
    }

    @Test
    void filterInputsStandBeforeWhatTheyFilterAndTheCssHidesTheRest() throws Exception {
        String page = page(mixed());
        // the inputs are children of body, before the index and the findings, so that "~" reaches them
        String beforeIndex = between(page, "</header>\n", "<nav id=\"index\"").substring("</header>\n".length());
        assertEquals("", beforeIndex.replaceAll("<input [^>]*>", "").trim(), "only inputs between the header and the index");
        for (Severity s : Severity.values())
            assertTrue(beforeIndex.contains("<input type=\"checkbox\" class=\"toggle\" id=\"show-" + s.keyword + "\" checked>"));
        assertTrue(beforeIndex.contains("<input type=\"radio\" class=\"toggle\" name=\"check\" id=\"only-check-all\" checked>"));
        for (int k = 0; k < 3; k++)
            assertTrue(beforeIndex.contains("<input type=\"radio\" class=\"toggle\" name=\"check\" id=\"only-check-" + k + "\">"));
        assertTrue(page.indexOf("<section id=\"findings\">") > page.indexOf("<nav id=\"index\""));
        assertFalse(between(page, "<body>", "<section id=\"findings\">").matches("(?s).*<(div|form|main)[ >].*</header>.*"),
                "no element wraps the inputs");

        String css = between(page, "<style>", "</style>");
        for (Severity s : Severity.values()) {
            assertTrue(css.contains("#show-" + s.keyword + ":not(:checked)~#findings .finding." + s.keyword + ",#show-" + s.keyword
                    + ":not(:checked)~#findings .severity-group." + s.keyword + ">h2{display:none}"), css);
            assertTrue(css.contains("#show-" + s.keyword + ":checked~#index label[for=show-" + s.keyword + "]{"));
        }
        // each check's input hides the findings of the others; the classes name the checks by number
        List<String> checks = List.of("ctrl-hoisted-store", "ctrl-to-select", "mixed-access");
        for (int k = 0; k < checks.size(); k++) {
            assertTrue(css.contains("#only-check-" + k + ":checked~#findings .finding:not(.check-" + k + "){display:none}"), css);
            assertTrue(page.contains("<label class=\"chip\" for=\"only-check-" + k + "\">" + checks.get(k) + " ("));
        }
        Matcher m = ARTICLE.matcher(page);
        int articles = 0;
        while (m.find()) {
            assertEquals(checks.get(Integer.parseInt(m.group(2))), m.group(4), "class check-K names another check");
            articles++;
        }
        assertEquals(7, articles);
        // a finding reached by a link shows whatever the filter says
        assertTrue(css.contains("#findings .finding:target{display:block!important}"));
    }

    @Test
    void policyForbidsScriptsAndFetchesAndThePageHasNone() throws Exception {
        String page = page(mixed());
        Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">").matcher(page);
        assertTrue(csp.find());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:", csp.group(1));
        assertFalse(csp.group(1).contains("script-src"), "default-src 'none' must be what governs scripts");
        assertFalse(csp.find(), "one policy");
        String lower = page.toLowerCase(java.util.Locale.ROOT);
        assertFalse(lower.contains("<script") || lower.contains("<link") || lower.contains("<iframe") || lower.contains("<img"));
        Matcher tag = Pattern.compile("<[a-z][^>]*>").matcher(lower);
        while (tag.find())
            assertFalse(tag.group().matches("(?s).*\\s(src|srcset|action|formaction|on[a-z]+)=.*"),
                    "an attribute that fetches or runs something: " + tag.group());
        Matcher url = Pattern.compile("url\\(([^)]*)\\)").matcher(page);
        while (url.find()) assertTrue(url.group(1).startsWith("#"), "a url() that fetches: " + url.group(1));
        Matcher href = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(page);
        while (href.find()) assertTrue(href.group(1).startsWith("https://github.com/lkmm-hazard/lkmm-hazard/blob/main/docs/checks/"),
                "a link off the page that is no check page: " + href.group(1));
    }

    @Test
    void pastTheThresholdOnlyTheFirstErrorsAndWarningsOfEachCheckAreDrawnAndNotesShowEvidenceOnly() throws Exception {
        // page order: error chs, error chs, warning cts, note ma, note ma, note chs, note ma
        HtmlReport.Limits small = new HtmlReport.Limits(6, 1, 100, 10);
        String page = page(mixed(), small, HtmlReport.Drawing.JAVA, "dot");
        List<String> drawn = new ArrayList<>(), lean = new ArrayList<>();
        for (String article : page.split("<article ")) {
            if (!article.startsWith("class=\"finding")) continue;
            Matcher m = ARTICLE.matcher("<article " + article);
            assertTrue(m.find());
            boolean svg = article.contains("<svg"), none = article.contains("class=\"muted no-picture\"");
            boolean excerpt = article.contains("<pre class=\"excerpt\">"), evidence = article.contains("<table class=\"evidence\">");
            assertTrue(evidence, "every finding keeps its evidence: " + m.group(3));
            if (m.group(1).equals("note")) {
                assertFalse(svg || none || excerpt, "a note of a large report with a picture or an excerpt: " + m.group(3));
                assertTrue(article.contains("class=\"muted lean\""), "a note that does not say why it is short: " + m.group(3));
                lean.add(m.group(3));
                continue;
            }
            assertTrue(svg != none, "a finding with both or neither: " + m.group(3));
            if (svg) drawn.add(m.group(3));
            assertTrue(excerpt, "every error and warning keeps its IR excerpt");
        }
        assertEquals(List.of("finding-1", "finding-3"), drawn, "the first error or warning of each check");
        assertEquals(List.of("finding-4", "finding-5", "finding-6", "finding-7"), lean);
        assertTrue(page.contains("<p class=\"pictures-note\">Control-flow pictures are drawn for 2 of the 7 findings that have one: "
                + "past 6 findings, only for the first 1 errors and warnings of each check, errors first."), page);

        // at the threshold every finding is drawn, every excerpt is there and nothing is said
        String all = page(mixed(), new HtmlReport.Limits(7, 1, 100, 10), HtmlReport.Drawing.JAVA, "dot");
        assertEquals(7, count(all, "<svg"));
        assertEquals(7, count(all, "<pre class=\"excerpt\">"));
        assertEquals(0, count(all, "class=\"muted no-picture\"") + count(all, "class=\"pictures-note\"")
                + count(all, "class=\"muted lean\""));
    }

    @Test
    void pastTheDotThresholdTheBuiltInLayoutDrawsAndThePageSaysSo() throws Exception {
        // the command is never run: 7 pictures are more than 6
        String page = page(mixed(), new HtmlReport.Limits(100, 100, 6, 10), HtmlReport.Drawing.GRAPHVIZ_IF_INSTALLED,
                "/nonexistent/dot-never-run");
        assertTrue(page.contains("<p class=\"pictures-note\">The 7 pictures are drawn by the built-in layout, not Graphviz: "
                + "past 6 pictures it would take too long.</p>"));
        String java = page(mixed(), new HtmlReport.Limits(100, 100, 6, 10), HtmlReport.Drawing.JAVA, "dot");
        assertEquals(java, page.replaceFirst("<p class=\"pictures-note\">The 7 pictures[^\n]*\n", ""));
        assertFalse(page(mixed(), new HtmlReport.Limits(100, 100, 7, 10), HtmlReport.Drawing.GRAPHVIZ_IF_INSTALLED,
                "/nonexistent/dot").contains("<p class=\"pictures-note\">"), "7 pictures are not past 7");
    }

    @Test
    void withDotMissingOrFailingThePageIsTheBuiltInOne() throws Exception {
        String java = page(mixed());
        for (String dot : List.of("/nonexistent/dot", "false"))
            for (int batch : List.of(1, 3, 100))
                assertEquals(java, page(mixed(), new HtmlReport.Limits(2000, 50, 3000, batch),
                        HtmlReport.Drawing.GRAPHVIZ_IF_INSTALLED, dot), dot + ", batches of " + batch);
    }

    @Test
    void dotBatchesOfAnySizeGiveTheSamePage() throws Exception {
        assumeTrue(CfgDot.installed(), "no Graphviz dot on PATH");
        String one = page(mixed(), new HtmlReport.Limits(2000, 50, 3000, 1), HtmlReport.Drawing.GRAPHVIZ_IF_INSTALLED, "dot");
        for (int batch : List.of(2, 3, 200))
            assertEquals(one, page(mixed(), new HtmlReport.Limits(2000, 50, 3000, batch), HtmlReport.Drawing.GRAPHVIZ_IF_INSTALLED,
                    "dot"), "batches of " + batch);
        assertNotEquals(page(mixed()), one, "dot was not used");
        assertEquals(7, count(one, "<svg"));
    }

    @Test
    void anEmptyReportHasNoIndexAndNoInputs() throws Exception {
        String page = page(List.of());
        assertFalse(page.contains("<nav id=\"index\"") || page.contains("<input"));
        assertTrue(page.contains("<p>No findings.</p>"));
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
