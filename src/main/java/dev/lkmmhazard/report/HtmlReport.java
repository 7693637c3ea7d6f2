package dev.lkmmhazard.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script and nothing fetched (its Content
 * Security Policy forbids both). An index (counts per severity, filters by severity and check made of CSS, findings
 * by check and by file with in-page links), a summary (files, functions, findings per check and severity, files that
 * failed), then each finding, errors first: message, source positions with the inlined-at chain, evidence, notes, the IR around its ends with
 * the chain marked, and a drawing of the part of the control-flow graph it is about (before and after, for
 * {@code diff}). Every piece of text from the input goes through {@link Html#escape}.
 */
public final class HtmlReport {
    /** How the control-flow pictures are drawn; the rest of the page is the same either way. */
    public enum Drawing {
        /** {@link CfgSvg}, always available */
        JAVA,
        /** Graphviz {@code dot} when it is installed, else {@link #JAVA} */
        GRAPHVIZ_IF_INSTALLED
    }

    /*
     * content-visibility lets the browser skip laying out and painting findings far from the view, which a page of
     * thousands needs; it still finds text in them and scrolls to them by their anchors.
     */
    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 40px;color:#1b1b1b;background:#fafafa}
            h1{font-size:1.5em;margin:18px 0 4px}h2{border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px}
            h3{font-size:1.05em;margin:0 0 8px;line-height:1.4}h4{margin:14px 0 4px;font-size:.95em}
            code,pre,.ir{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
            table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#eee}td.n{text-align:right}
            .sev{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:.85em;font-weight:bold;text-transform:uppercase}
            .sev-error{background:#c0282d}.sev-warning{background:#b06b00}.sev-note{background:#1f5fbf}
            .finding{background:#fff;border:1px solid #ddd;border-left:6px solid #888;border-radius:4px;margin:16px 0;padding:12px 16px}
            .finding.error{border-left-color:#c0282d}.finding.warning{border-left-color:#b06b00}.finding.note{border-left-color:#1f5fbf}
            .check{color:#555;font-family:ui-monospace,monospace;font-size:.9em}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dl.facts dt{color:#555}dl.facts dd{margin:0}
            ol.inlined{margin:0;padding-left:20px}
            pre.excerpt{background:#f4f4f4;border:1px solid #ddd;padding:6px 8px;overflow-x:auto;margin:4px 0}
            pre.excerpt mark{display:block;margin:0 -8px;padding:0 8px;background:#ffe58a;color:inherit;font-weight:bold}
            .pictures{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
            figure{margin:4px 0;background:#fff;border:1px solid #ddd;padding:6px;overflow-x:auto;max-width:100%}
            figcaption{font-size:.85em;color:#444;margin-bottom:4px}
            .legend span{display:inline-block;margin-right:12px;font-size:.85em}.legend b{display:inline-block;width:12px;height:12px;border:2.5px solid;vertical-align:middle;margin-right:4px}
            .failed{color:#c0282d}.muted{color:#666}
            nav#index{background:#fff;border:1px solid #ddd;border-radius:4px;margin:12px 0;padding:4px 16px 12px}
            .severity-counts a,.severity-counts>span{margin-right:14px;text-decoration:none;color:inherit;font-weight:bold}
            .filters{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:8px 0}.filter-name{color:#555;margin:0 2px 0 10px}
            .filters .filter-name:first-child{margin-left:0}
            label.chip{border:1px solid #bbb;border-radius:12px;padding:1px 9px;cursor:pointer;background:#fff;font-size:.9em;user-select:none}
            .toggle{position:absolute;opacity:0;width:1px;height:1px;margin:0;pointer-events:none}
            td.links a{margin-right:4px}td.links details{display:inline}td.links summary{display:inline;cursor:pointer;color:#555}
            details.index-by-file>summary h3{display:inline}.pictures-note{color:#444;font-size:.9em}
            .finding{content-visibility:auto;contain-intrinsic-size:auto 700px}
            #findings .finding:target{display:block!important}
            """;

    /**
     * How much a large report draws. Pictures are most of a page's size and, with dot, most of its time, so past
     * {@code drawAllUpTo} findings only the first {@code drawnPerCheck} errors and warnings of each check (in page
     * order, errors first) get them, and notes, most of a large report and each judged harmless with its reason, show
     * their evidence without picture or IR excerpt (the excerpts were a fifth of a 10,000-finding page). Past
     * {@code dotUpTo} pictures the built-in layout draws them all, and each dot process draws {@code dotBatch} of them.
     */
    public record Limits(int drawAllUpTo, int drawnPerCheck, int dotUpTo, int dotBatch) {
        public static final Limits DEFAULT = new Limits(2000, 50, 3000, 200);

        public Limits {
            if (drawAllUpTo < 0 || drawnPerCheck < 0 || dotUpTo < 0 || dotBatch < 1)
                throw new IllegalArgumentException("a limit is negative, or batches are empty");
        }
    }

    private HtmlReport() {}

    public static void write(ScanReport r, OutputStream out) throws IOException {
        write(r, out, Drawing.GRAPHVIZ_IF_INSTALLED);
    }

    public static void write(ScanReport r, OutputStream out, Drawing drawing) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        write(r, w, drawing);
        w.flush();
    }

    public static void write(ScanReport r, Appendable out, Drawing drawing) throws IOException {
        write(r, out, drawing, Limits.DEFAULT, "dot");
    }

    /** The page with other limits, and dot run as {@code dotCommand} (tests name one that is missing). */
    static void write(ScanReport r, Appendable out, Drawing drawing, Limits limits, String dotCommand) throws IOException {
        Page page = new Page(r, limits, drawing == Drawing.GRAPHVIZ_IF_INSTALLED
                && (!dotCommand.equals("dot") || CfgDot.installed()));
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(e(r.tool().name())).append(" report</title>\n<style>\n").append(CSS);
        filterCss(page, out);
        out.append("</style>\n</head>\n<body>\n");
        out.append("<header><h1>").append(e(r.tool().name())).append(" report</h1><p class=\"muted\">")
                .append(e(r.tool().name() + " " + r.tool().version())).append(": ").append(e(TextReport.summary(r)))
                .append("</p></header>\n");
        toggles(page, out);
        index(page, out);
        summary(page, out);
        findings(page, out, dotCommand);
        out.append("</body>\n</html>\n");
    }

    /** No script, nothing fetched: only the inline style and the inline (data:) images of the page itself. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /**
     * What the parts of the page share: the findings in page order (errors, then warnings, then notes, in report
     * order otherwise, which is by file), the checks by name (a check's number names its CSS class and input, since
     * an id read from JSON may be any text), and which findings get pictures.
     */
    private static final class Page {
        final ScanReport report;
        final Limits limits;
        final List<Finding> findings;
        final List<String> checks;
        final Map<String, Integer> checkNumber = new HashMap<>();
        final boolean[] drawn;
        /** past drawAllUpTo findings: notes show no picture and no IR excerpt */
        final boolean leanNotes;
        final int pictures, drawnFindings;
        /** whether dot draws: asked for, installed, and not too many pictures */
        final boolean dot, tooManyForDot;

        Page(ScanReport report, Limits limits, boolean dotWanted) {
            this.report = report;
            this.limits = limits;
            List<Finding> ordered = new ArrayList<>(report.findings());
            ordered.sort(Comparator.comparing(Finding::severity)); // stable: report order within a severity
            findings = ordered;
            checks = new ArrayList<>(new TreeSet<>(ordered.stream().map(Finding::check).toList()));
            for (int k = 0; k < checks.size(); k++) checkNumber.put(checks.get(k), k);
            drawn = new boolean[ordered.size()];
            int[] perCheck = new int[checks.size()];
            int p = 0, d = 0;
            boolean all = ordered.size() <= limits.drawAllUpTo();
            leanNotes = !all;
            for (int i = 0; i < ordered.size(); i++) {
                Finding f = ordered.get(i);
                if (lean(f)) continue;
                drawn[i] = all || perCheck[checkNumber.get(f.check())]++ < limits.drawnPerCheck();
                if (drawn[i]) {
                    int n = pictureCount(f);
                    p += n;
                    if (n > 0) d++;
                }
            }
            pictures = p;
            drawnFindings = d;
            tooManyForDot = dotWanted && p > limits.dotUpTo();
            dot = dotWanted && !tooManyForDot;
        }

        int check(Finding f) { return checkNumber.get(f.check()); }

        /** Whether the finding shows its evidence only, without picture and IR excerpt. */
        boolean lean(Finding f) { return leanNotes && f.severity() == Severity.NOTE; }

        /** How many findings have pictures to draw at all, drawn or not. */
        int withPictures() {
            int n = 0;
            for (Finding f : findings) if (pictureCount(f) > 0) n++;
            return n;
        }
    }

    private static int pictureCount(Finding f) {
        Excerpt x = f.excerpt();
        return x == null ? 0 : (x.cfg() != null ? 1 : 0) + (x.beforeCfg() != null ? 1 : 0);
    }

    private static String plural(Severity s) {
        return s.keyword + "s";
    }

    // ----------------------------------------------------------------------------------------------- filters

    /*
     * Filtering without a script: checkboxes (one per severity) and radio buttons (all checks, or one) stand before
     * the index, the summary and the findings, as their siblings, so that "input:checked ~ #findings .finding" can
     * hide findings in any browser. The inputs are hidden from sight, not from the keyboard; their labels in the index
     * are what one sees and clicks, and show the inputs' state. A finding reached by a link shows whatever the filter.
     */
    private static void toggles(Page page, Appendable out) throws IOException {
        if (page.findings.isEmpty()) return;
        for (Severity s : Severity.values())
            out.append("<input type=\"checkbox\" class=\"toggle\" id=\"show-").append(s.keyword).append("\" checked>");
        out.append("<input type=\"radio\" class=\"toggle\" name=\"check\" id=\"only-check-all\" checked>");
        for (int k = 0; k < page.checks.size(); k++)
            out.append("<input type=\"radio\" class=\"toggle\" name=\"check\" id=\"only-check-").append(Integer.toString(k)).append("\">");
        out.append('\n');
    }

    private static void filterCss(Page page, Appendable out) throws IOException {
        if (page.findings.isEmpty()) return;
        List<String> inputs = new ArrayList<>();
        for (Severity s : Severity.values()) {
            String id = "show-" + s.keyword;
            inputs.add(id);
            out.append('#').append(id).append(":not(:checked)~#findings .finding.").append(s.keyword).append(",#").append(id)
                    .append(":not(:checked)~#findings .severity-group.").append(s.keyword).append(">h2{display:none}\n");
            out.append('#').append(id).append(":checked~#index label[for=").append(id).append("]{background:")
                    .append(severityColor(s)).append(";border-color:").append(severityColor(s)).append(";color:#fff}\n");
        }
        inputs.add("only-check-all");
        out.append("#only-check-all:checked~#index label[for=only-check-all]{background:#333;border-color:#333;color:#fff}\n");
        for (int k = 0; k < page.checks.size(); k++) {
            String id = "only-check-" + k, cls = "check-" + k;
            inputs.add(id);
            out.append('#').append(id).append(":checked~#findings .finding:not(.").append(cls).append("){display:none}\n");
            out.append('#').append(id).append(":checked~#index label[for=").append(id)
                    .append("]{background:#333;border-color:#333;color:#fff}\n");
            // where :has() is understood, a severity with nothing of the check loses its heading too
            out.append('#').append(id).append(":checked~#findings .severity-group:not(:has(.").append(cls)
                    .append(")){display:none}\n");
        }
        for (String id : inputs)
            out.append('#').append(id).append(":focus-visible~#index label[for=").append(id)
                    .append("]{outline:2px solid #1f5fbf;outline-offset:1px}\n");
    }

    private static String severityColor(Severity s) {
        return switch (s) {
            case ERROR -> "#c0282d";
            case WARNING -> "#b06b00";
            case NOTE -> "#1f5fbf";
        };
    }

    // ----------------------------------------------------------------------------------------------- index

    /** The ids the index and the summary link to. */
    static String findingId(int k) { return "finding-" + (k + 1); }

    private static String severityId(Severity s) { return "findings-" + s.keyword; }

    private static String byCheckId(Severity s, int check) { return "by-check-" + s.keyword + "-" + check; }

    /** Index rows with more findings than this list the rest in a closed details element. */
    private static final int LINKS_SHOWN = 12;
    /** With more files than this the by-file table starts closed. */
    private static final int FILES_OPEN = 30;

    private static void index(Page page, Appendable out) throws IOException {
        if (page.findings.isEmpty()) return;
        Severity[] severities = Severity.values();
        int[] bySeverity = new int[severities.length];
        for (Finding f : page.findings) bySeverity[f.severity().ordinal()]++;
        out.append("<nav id=\"index\" aria-label=\"index\">\n<h2>Index</h2>\n<p class=\"severity-counts\">");
        for (Severity s : severities) {
            int n = bySeverity[s.ordinal()];
            String text = "<span class=\"sev sev-" + s.keyword + "\">" + plural(s) + "</span> " + n;
            out.append(n > 0 ? "<a href=\"#" + severityId(s) + "\">" + text + "</a>" : "<span class=\"muted\">" + text + "</span>")
                    .append(' ');
        }
        out.append("</p>\n<div class=\"filters\"><span class=\"filter-name\">show</span>");
        for (Severity s : severities)
            out.append("<label class=\"chip\" for=\"show-").append(s.keyword).append("\">").append(plural(s)).append(" (")
                    .append(Integer.toString(bySeverity[s.ordinal()])).append(")</label>");
        out.append("<span class=\"filter-name\">check</span><label class=\"chip\" for=\"only-check-all\">all</label>");
        int[] perCheck = new int[page.checks.size()];
        for (Finding f : page.findings) perCheck[page.check(f)]++;
        for (int k = 0; k < page.checks.size(); k++)
            out.append("<label class=\"chip\" for=\"only-check-").append(Integer.toString(k)).append("\">")
                    .append(e(page.checks.get(k))).append(" (").append(Integer.toString(perCheck[k])).append(")</label>");
        out.append("</div>\n");
        picturesNote(page, out);

        // by check: one row per check and severity, errors first, then by check
        Map<Long, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < page.findings.size(); i++) {
            Finding f = page.findings.get(i);
            groups.computeIfAbsent((long) f.severity().ordinal() << 32 | page.check(f), x -> new ArrayList<>()).add(i);
        }
        out.append("<h3>By check</h3>\n<table class=\"index-by-check\">\n<tr><th>severity</th><th>check</th>")
                .append("<th>findings</th><th>links</th></tr>\n");
        for (Map.Entry<Long, List<Integer>> g : groups.entrySet()) {
            Severity s = severities[(int) (g.getKey() >>> 32)];
            int check = (int) (long) g.getKey();
            List<Integer> members = g.getValue();
            out.append("<tr id=\"").append(byCheckId(s, check)).append("\"><td><span class=\"sev sev-").append(s.keyword)
                    .append("\">").append(s.keyword).append("</span></td><td><code>").append(e(page.checks.get(check)))
                    .append("</code></td><td class=\"n\"><a href=\"#").append(findingId(members.get(0))).append("\">")
                    .append(Integer.toString(members.size())).append("</a></td><td class=\"links\">");
            for (int m = 0; m < members.size(); m++) {
                if (m == LINKS_SHOWN)
                    out.append("<details><summary>").append(Integer.toString(members.size() - LINKS_SHOWN)).append(" more</summary>");
                out.append("<a href=\"#").append(findingId(members.get(m))).append("\">")
                        .append(Integer.toString(members.get(m) + 1)).append("</a> ");
            }
            if (members.size() > LINKS_SHOWN) out.append("</details>");
            out.append("</td></tr>\n");
        }
        out.append("</table>\n");

        // by file: within a severity a file's findings follow each other, so each count links to the first of them
        Map<String, int[]> counts = new LinkedHashMap<>(), first = new HashMap<>();
        for (Finding f : page.report.findings()) counts.computeIfAbsent(f.file(), x -> new int[severities.length]);
        for (int i = 0; i < page.findings.size(); i++) {
            Finding f = page.findings.get(i);
            int sev = f.severity().ordinal();
            if (counts.get(f.file())[sev]++ == 0) first.computeIfAbsent(f.file(), x -> new int[severities.length])[sev] = i;
        }
        List<Map.Entry<String, int[]>> files = new ArrayList<>(counts.entrySet());
        files.sort(Comparator.comparingInt(x -> worst(x.getValue()))); // stable: scan order otherwise
        out.append("<details class=\"index-by-file\"").append(files.size() <= FILES_OPEN ? " open" : "")
                .append("><summary><h3>By file <span class=\"muted\">(").append(Integer.toString(files.size()))
                .append(files.size() == 1 ? " file" : " files").append(")</span></h3></summary>\n<table>\n<tr><th>file</th>");
        for (Severity s : severities) out.append("<th>").append(plural(s)).append("</th>");
        out.append("<th>total</th></tr>\n");
        for (Map.Entry<String, int[]> file : files) {
            out.append("<tr><td><code>").append(e(file.getKey())).append("</code></td>");
            int total = 0;
            for (Severity s : severities) {
                int n = file.getValue()[s.ordinal()];
                total += n;
                out.append("<td class=\"n\">");
                if (n > 0) out.append("<a href=\"#").append(findingId(first.get(file.getKey())[s.ordinal()])).append("\">")
                        .append(Integer.toString(n)).append("</a>");
                out.append("</td>");
            }
            out.append("<td class=\"n\">").append(Integer.toString(total)).append("</td></tr>\n");
        }
        out.append("</table>\n</details>\n</nav>\n");
    }

    /** The most serious severity counted, as an ordinal. */
    private static int worst(int[] counts) {
        for (int s = 0; s < counts.length; s++) if (counts[s] > 0) return s;
        return counts.length;
    }

    /** Says which findings have no picture and why, and when the pictures are not dot's though it is installed. */
    private static void picturesNote(Page page, Appendable out) throws IOException {
        int with = page.withPictures();
        if (page.drawnFindings < with)
            out.append("<p class=\"pictures-note\">Control-flow pictures are drawn for ").append(Integer.toString(page.drawnFindings))
                    .append(" of the ").append(Integer.toString(with)).append(" findings that have one: past ")
                    .append(Integer.toString(page.limits.drawAllUpTo())).append(" findings, only for the first ")
                    .append(Integer.toString(page.limits.drawnPerCheck()))
                    .append(" errors and warnings of each check, errors first. Every error and warning has its IR excerpt;"
                            + " notes show their judgement and evidence, without IR excerpt or picture (a report of fewer"
                            + " files, or the JSON report, has them).</p>\n");
        if (page.tooManyForDot)
            out.append("<p class=\"pictures-note\">The ").append(Integer.toString(page.pictures))
                    .append(" pictures are drawn by the built-in layout, not Graphviz: past ")
                    .append(Integer.toString(page.limits.dotUpTo())).append(" pictures it would take too long.</p>\n");
    }

    // ----------------------------------------------------------------------------------------------- summary

    private static void summary(Page page, Appendable out) throws IOException {
        ScanReport r = page.report;
        int functions = 0, failed = 0;
        long instructions = 0;
        for (FileResult f : r.files()) {
            functions += f.functions();
            instructions += f.instructions();
            if (!f.ok()) failed++;
        }
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"totals\">\n");
        row(out, "files", r.files().size());
        row(out, "files that failed", failed);
        row(out, "functions", functions);
        if (instructions > 0) row(out, "instructions", instructions); // diff does not count them
        row(out, "findings", r.findings().size());
        if (r.baselined() > 0) row(out, "already in the baseline", r.baselined());
        if (r.suppressed() > 0) row(out, "suppressed by the configuration", r.suppressed());
        out.append("</table>\n");

        Severity[] severities = Severity.values();
        int[][] byCheck = new int[page.checks.size()][severities.length];
        int[] total = new int[severities.length];
        for (Finding f : page.findings) {
            byCheck[page.check(f)][f.severity().ordinal()]++;
            total[f.severity().ordinal()]++;
        }
        if (!page.checks.isEmpty()) {
            // a check links to its page; each count to the check's row of that severity in the index
            out.append("<h3>Findings by check and severity</h3>\n<table class=\"by-check\">\n<tr><th>check</th>");
            for (Severity s : severities) out.append("<th>").append(e(s.keyword)).append("</th>");
            out.append("<th>total</th></tr>\n");
            for (int k = 0; k < page.checks.size(); k++) {
                String check = page.checks.get(k);
                out.append("<tr><td><a href=\"").append(e(r.tool().checkPage(check))).append("\"><code>")
                        .append(e(check)).append("</code></a></td>");
                int sum = 0;
                String firstRow = null;
                for (Severity s : severities) {
                    int n = byCheck[k][s.ordinal()];
                    sum += n;
                    if (n > 0 && firstRow == null) firstRow = byCheckId(s, k);
                    countCell(out, n, byCheckId(s, k));
                }
                countCell(out, sum, firstRow);
                out.append("</tr>\n");
            }
            out.append("<tr><th>all</th>");
            int sum = 0;
            for (Severity s : severities) {
                sum += total[s.ordinal()];
                countCell(out, total[s.ordinal()], severityId(s));
            }
            countCell(out, sum, "findings");
            out.append("</tr>\n</table>\n");
        }
        if (failed > 0) {
            out.append("<h3 class=\"failed\">Files that failed</h3>\n<ul class=\"failed-files\">\n");
            for (FileResult f : r.files())
                if (!f.ok()) out.append("<li><code>").append(e(f.path())).append("</code>: ").append(e(f.error())).append("</li>\n");
            out.append("</ul>\n");
        }
        Map<String, Integer> perFile = new HashMap<>();
        for (Finding f : r.findings()) perFile.merge(f.file(), 1, Integer::sum);
        out.append("<details class=\"files\"><summary>Files (").append(Integer.toString(r.files().size()))
                .append(")</summary>\n<table>\n<tr><th>file</th><th>status</th><th>stage</th><th>functions</th>")
                .append("<th>instructions</th><th>findings</th><th>remarks</th></tr>\n");
        for (FileResult f : r.files()) {
            out.append("<tr><td><code>").append(e(f.path())).append("</code></td><td")
                    .append(f.ok() ? ">ok" : " class=\"failed\">failed").append("</td><td>").append(e(f.stage()))
                    .append("</td><td class=\"n\">").append(Integer.toString(f.functions())).append("</td><td class=\"n\">")
                    .append(Long.toString(f.instructions())).append("</td><td class=\"n\">")
                    .append(Integer.toString(perFile.getOrDefault(f.path(), 0))).append("</td><td>");
            for (String n : f.notes()) out.append(e(n)).append("<br>");
            out.append("</td></tr>\n");
        }
        out.append("</table>\n</details>\n</section>\n");
    }

    /** A count, linked to {@code target} unless it is 0 (shown empty). */
    private static void countCell(Appendable out, int n, String target) throws IOException {
        out.append("<td class=\"n\">");
        if (n > 0) out.append("<a href=\"#").append(target).append("\">").append(Integer.toString(n)).append("</a>");
        out.append("</td>");
    }

    // ----------------------------------------------------------------------------------------------- findings

    /**
     * The findings, one section per severity. With dot the pictures are drawn a batch at a time, the next batch
     * while this one is written.
     */
    private static void findings(Page page, Appendable out, String dotCommand) throws IOException {
        out.append("<section id=\"findings\">\n");
        if (page.findings.isEmpty()) out.append("<h2>Findings</h2>\n<p>No findings.</p>\n");
        List<int[]> batches = batches(page);
        ExecutorService dot = page.dot ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dot-batches");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            Future<List<String>> next = dot == null || batches.isEmpty() ? null : draw(page, batches.get(0), dot, dotCommand);
            Severity open = null;
            for (int b = 0; b < batches.size(); b++) {
                int[] range = batches.get(b);
                Iterator<String> svgs = next == null ? Collections.emptyIterator() : drawn(next).iterator();
                next = dot != null && b + 1 < batches.size() ? draw(page, batches.get(b + 1), dot, dotCommand) : null;
                for (int i = range[0]; i < range[1]; i++) {
                    Finding f = page.findings.get(i);
                    if (f.severity() != open) {
                        if (open != null) out.append("</section>\n");
                        open = f.severity();
                        int n = 0;
                        for (Finding g : page.findings) if (g.severity() == open) n++;
                        String title = plural(open);
                        out.append("<section class=\"severity-group ").append(open.keyword).append("\" id=\"")
                                .append(severityId(open)).append("\">\n<h2>").append(Character.toUpperCase(title.charAt(0)))
                                .append(title.substring(1)).append(" <span class=\"muted\">(").append(Integer.toString(n))
                                .append(")</span></h2>\n");
                    }
                    finding(page, f, i, out, svgs);
                }
            }
            if (open != null) out.append("</section>\n");
        } finally {
            if (dot != null) dot.shutdownNow();
        }
        out.append("</section>\n");
    }

    /** Ranges of findings in page order holding about {@code dotBatch} pictures each. */
    private static List<int[]> batches(Page page) {
        List<int[]> batches = new ArrayList<>();
        int start = 0, pictures = 0;
        for (int i = 0; i < page.findings.size(); i++) {
            if (page.drawn[i]) pictures += pictureCount(page.findings.get(i));
            if (pictures >= page.limits.dotBatch()) {
                batches.add(new int[] {start, i + 1});
                start = i + 1;
                pictures = 0;
            }
        }
        if (start < page.findings.size()) batches.add(new int[] {start, page.findings.size()});
        return batches;
    }

    /** The pictures of a range of findings, in the order {@link #finding} takes them: before, then after. */
    private static Future<List<String>> draw(Page page, int[] range, ExecutorService dot, String dotCommand) {
        List<CfgExcerpt> excerpts = new ArrayList<>();
        for (int i = range[0]; i < range[1]; i++) {
            Excerpt x = page.findings.get(i).excerpt();
            if (!page.drawn[i] || x == null) continue;
            if (x.beforeCfg() != null) excerpts.add(x.beforeCfg());
            if (x.cfg() != null) excerpts.add(x.cfg());
        }
        return dot.submit(() -> CfgDot.drawAll(excerpts, dotCommand));
    }

    private static List<String> drawn(Future<List<String>> pictures) throws IOException {
        try {
            return pictures.get();
        } catch (ExecutionException e) {
            return List.of(); // drawn by CfgSvg instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while dot was drawing");
        }
    }

    private static void row(Appendable out, String what, long n) throws IOException {
        out.append("<tr><th>").append(e(what)).append("</th><td class=\"n\">").append(Long.toString(n)).append("</td></tr>\n");
    }

    private static void finding(Page page, Finding f, int k, Appendable out, Iterator<String> svgs) throws IOException {
        ToolInfo tool = page.report.tool();
        String id = findingId(k);
        String sev = f.severity().keyword;
        out.append("<article class=\"finding ").append(e(sev)).append(" check-").append(Integer.toString(page.check(f)))
                .append("\" id=\"").append(id).append("\" data-check=\"")
                .append(e(f.check())).append("\">\n<h3><span class=\"sev sev-").append(e(sev)).append("\">").append(e(sev))
                .append("</span> <a href=\"#").append(id).append("\">")
                .append(e(TextReport.position(f.source(), f.file(), f.irLine(), f.irColumn()))).append("</a> ")
                .append(e(f.message())).append(" <a class=\"check\" href=\"").append(e(tool.checkPage(f.check())))
                .append("\">[").append(e(f.check())).append("]</a></h3>\n<dl class=\"facts\">\n");
        fact(out, "function", "<code>" + e(f.function()) + "</code>"
                + (f.mangledFunction() != null && !f.mangledFunction().equals(f.function())
                ? " <span class=\"muted\">(<code>" + e(f.mangledFunction()) + "</code>)</span>" : ""));
        fact(out, "IR", "<code>" + e(f.file() + ":" + f.irLine() + (f.irColumn() > 0 ? ":" + f.irColumn() : "")) + "</code>");
        if (f.source() != null) {
            StringBuilder s = new StringBuilder("<code>").append(e(f.source().position())).append("</code>");
            if (f.source().function() != null) s.append(" in <code>").append(e(f.source().function())).append("</code>");
            if (f.source().line() == 0) s.append(" <span class=\"muted\">(the optimizer merged this instruction from several source lines)</span>");
            if (!f.source().inlinedAt().isEmpty()) {
                s.append("<ol class=\"inlined\">");
                for (SourceLocation x : f.source().inlinedAt())
                    s.append("<li>inlined into <code>").append(e(x.function() == null ? "?" : x.function()))
                            .append("</code> at <code>").append(e(x.position())).append("</code></li>");
                s.append("</ol>");
            }
            fact(out, "source", s.toString());
        }
        if (f.brokenBy() != null)
            fact(out, "broken by", "<code>" + e(f.brokenBy().pass()) + "</code> (pass " + f.brokenBy().number() + ")");
        if (f.weakEvidence() != null) fact(out, "weaker evidence", e(f.weakEvidence()));
        if (f.judgement() != null) fact(out, "judgement", "<strong>" + e(f.judgement().verdict().keyword()) + "</strong>: "
                + e(f.judgement().deciding() == null ? TextReport.judgementLine(f.judgement()).replaceFirst("^judged a hazard: ", "")
                        : f.judgement().deciding().reason() + " [" + f.judgement().deciding().ground() + "]"));
        fact(out, "fingerprint", "<code>" + e(f.fingerprint()) + "</code>");
        out.append("</dl>\n");

        if (!f.related().isEmpty()) {
            out.append("<h4>Notes</h4>\n<ul class=\"notes\">\n");
            for (RelatedLocation rel : f.related())
                out.append("<li><code>").append(e(TextReport.position(rel.source(), f.file(), rel.irLine(), 0)))
                        .append("</code>: ").append(e(rel.message())).append(" <span class=\"muted\">[IR line ")
                        .append(Integer.toString(rel.irLine())).append("]</span>").append(inlined(rel.source())).append("</li>\n");
            out.append("</ul>\n");
        }
        if (!f.evidence().isEmpty()) {
            out.append("<h4>Evidence</h4>\n");
            steps(f.evidence(), out);
        }
        if (f.beforeFile() != null && !f.beforeEvidence().isEmpty()) {
            out.append("<h4>Before optimization <span class=\"muted\">(<code>").append(e(f.beforeFile()))
                    .append("</code>)</span></h4>\n");
            steps(f.beforeEvidence(), out);
        }
        Excerpt x = f.excerpt();
        if (page.lean(f)) {
            if (x != null) out.append("<p class=\"muted lean\">No IR excerpt or picture: notes of a report this large show their evidence only.</p>\n");
            out.append("</article>\n");
            return;
        }
        if (pictureCount(f) > 0 && !page.drawn[k])
            out.append("<p class=\"muted no-picture\">No control-flow picture: a report this large draws only the first ")
                    .append(Integer.toString(page.limits.drawnPerCheck())).append(" errors and warnings of each check.</p>\n");
        else if (pictureCount(f) > 0) {
            out.append("<h4>Control flow</h4>\n<p class=\"legend\">");
            for (CfgExcerpt.Role r : CfgExcerpt.Role.values())
                out.append("<span><b style=\"border-color:").append(CfgSvg.roleColor(r)).append("\"></b>")
                        .append(e(roleText(r))).append("</span>");
            out.append("<span><b style=\"border-color:#ffe58a;background:#ffe58a\"></b>on the chain</span></p>\n<div class=\"pictures\">\n");
            if (x.beforeCfg() != null) picture(x.beforeCfg(), "before optimization", id + "-before", out, svgs);
            if (x.cfg() != null) picture(x.cfg(), x.beforeCfg() != null ? "after optimization" : "", id + "-cfg", out, svgs);
            out.append("</div>\n");
        }
        if (x != null && !x.ir().isEmpty()) {
            out.append("<h4>IR</h4>\n");
            for (IrExcerpt ir : x.ir()) {
                out.append("<figure class=\"ir-excerpt\"><figcaption>").append(e(ir.title())).append(" <code>")
                        .append(e(ir.file())).append("</code></figcaption>\n<pre class=\"excerpt\">");
                // plain text with a mark per line of the chain: elements per line made a large page slow to open
                for (IrLine l : ir.lines()) {
                    String num = l.line() > 0 ? Integer.toString(l.line()) : "";
                    if (l.onChain()) out.append("<mark>");
                    out.append("     ", Math.min(num.length(), 5), 5).append(num).append("  ").append(e(l.text())).append('\n');
                    if (l.onChain()) out.append("</mark>");
                }
                out.append("</pre></figure>\n");
            }
        }
        out.append("</article>\n");
    }

    private static String roleText(CfgExcerpt.Role r) {
        return switch (r) {
            case SOURCE -> "the marked access where it begins";
            case BRANCH -> "the branch";
            case ENDING -> "the instruction reported";
        };
    }

    /** {@code svgs} holds dot's pictures in order, null for one it could not draw; none at all without dot. */
    private static void picture(CfgExcerpt c, String when, String id, Appendable out, Iterator<String> svgs) throws IOException {
        out.append("<figure class=\"cfg\" id=\"").append(e(id)).append("\"><figcaption>")
                .append(when.isEmpty() ? "" : e(when) + ": ").append("<code>").append(e(c.function())).append("</code> in <code>")
                .append(e(c.file())).append("</code>")
                .append(c.omitted() > 0 ? e(", " + c.omitted() + " more blocks not shown") : "").append("</figcaption>\n");
        String svg = svgs.hasNext() ? svgs.next() : null;
        out.append(svg != null ? svg : CfgSvg.draw(c, id)).append("\n</figure>\n");
    }

    private static void fact(Appendable out, String what, String html) throws IOException {
        out.append("<dt>").append(e(what)).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private static String inlined(SourceLocation s) {
        if (s == null || s.inlinedAt().isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        for (SourceLocation x : s.inlinedAt())
            parts.add("<code>" + e(x.function() == null ? "?" : x.function()) + "</code> at <code>" + e(x.position()) + "</code>");
        return " <span class=\"muted\">inlined into " + String.join(", then ", parts) + "</span>";
    }

    private static void steps(List<EvidenceStep> steps, Appendable out) throws IOException {
        out.append("<table class=\"evidence\">\n<tr><th>IR line</th><th>instruction</th><th>source</th></tr>\n");
        for (EvidenceStep s : steps) {
            out.append("<tr><td class=\"n\">").append(Integer.toString(s.irLine())).append("</td><td class=\"ir\">")
                    .append(e(s.ir())).append("</td><td>");
            if (s.source() != null) {
                SourceLocation u = s.source().userFrame();
                out.append("<code>").append(e(u.line() > 0 ? u.position() : u.file() + " (merged from several lines)"))
                        .append("</code>").append(inlined(u == s.source() ? s.source() : null));
            }
            out.append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static String e(String s) { return Html.escape(s); }
}
