package dev.lkmmhazard.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script and nothing fetched (its Content
 * Security Policy forbids both). A summary (files, functions, findings per check and severity, files that failed),
 * then each finding: message, source positions with the inlined-at chain, evidence, notes, the IR around its ends with
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
            pre.excerpt{background:#f4f4f4;border:1px solid #ddd;padding:6px 0;overflow-x:auto;margin:4px 0}
            pre.excerpt span.l{display:block;padding:0 8px;white-space:pre}pre.excerpt span.chain{background:#ffe58a;font-weight:bold}
            pre.excerpt span.num{color:#888;display:inline-block;min-width:5ch;text-align:right;margin-right:1.5ch;user-select:none}
            .pictures{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
            figure{margin:4px 0;background:#fff;border:1px solid #ddd;padding:6px;overflow-x:auto;max-width:100%}
            figcaption{font-size:.85em;color:#444;margin-bottom:4px}
            .legend span{display:inline-block;margin-right:12px;font-size:.85em}.legend b{display:inline-block;width:12px;height:12px;border:2.5px solid;vertical-align:middle;margin-right:4px}
            .failed{color:#c0282d}.muted{color:#666}
            """;

    private HtmlReport() {}

    public static void write(ScanReport r, OutputStream out) throws IOException {
        write(r, out, Drawing.GRAPHVIZ_IF_INSTALLED);
    }

    public static void write(ScanReport r, OutputStream out, Drawing drawing) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(r, w, drawing);
        w.flush();
    }

    public static void write(ScanReport r, Appendable out, Drawing drawing) throws IOException {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(e(r.tool().name())).append(" report</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        out.append("<header><h1>").append(e(r.tool().name())).append(" report</h1><p class=\"muted\">")
                .append(e(r.tool().name() + " " + r.tool().version())).append(": ").append(e(TextReport.summary(r)))
                .append("</p></header>\n");
        summary(r, out);
        out.append("<section id=\"findings\">\n<h2>Findings</h2>\n");
        if (r.findings().isEmpty()) out.append("<p>No findings.</p>\n");
        int k = 0;
        for (Finding f : r.findings()) finding(r.tool(), f, ++k, out, drawing);
        out.append("</section>\n</body>\n</html>\n");
    }

    // ----------------------------------------------------------------------------------------------- summary

    private static void summary(ScanReport r, Appendable out) throws IOException {
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
        Map<String, int[]> byCheck = new TreeMap<>();
        int[] total = new int[severities.length];
        for (Finding f : r.findings()) {
            byCheck.computeIfAbsent(f.check(), x -> new int[severities.length])[f.severity().ordinal()]++;
            total[f.severity().ordinal()]++;
        }
        if (!byCheck.isEmpty()) {
            out.append("<h3>Findings by check and severity</h3>\n<table class=\"by-check\">\n<tr><th>check</th>");
            for (Severity s : severities) out.append("<th>").append(e(s.keyword)).append("</th>");
            out.append("<th>total</th></tr>\n");
            for (Map.Entry<String, int[]> c : byCheck.entrySet()) {
                out.append("<tr><td><a href=\"").append(e(r.tool().checkPage(c.getKey()))).append("\"><code>")
                        .append(e(c.getKey())).append("</code></a></td>");
                countCells(out, c.getValue());
            }
            out.append("<tr><th>all</th>");
            countCells(out, total);
            out.append("</table>\n");
        }
        if (failed > 0) {
            out.append("<h3 class=\"failed\">Files that failed</h3>\n<ul class=\"failed-files\">\n");
            for (FileResult f : r.files())
                if (!f.ok()) out.append("<li><code>").append(e(f.path())).append("</code>: ").append(e(f.error())).append("</li>\n");
            out.append("</ul>\n");
        }
        Map<String, Integer> perFile = new LinkedHashMap<>();
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

    private static void row(Appendable out, String what, long n) throws IOException {
        out.append("<tr><th>").append(e(what)).append("</th><td class=\"n\">").append(Long.toString(n)).append("</td></tr>\n");
    }

    private static void countCells(Appendable out, int[] counts) throws IOException {
        int sum = 0;
        for (int c : counts) {
            out.append("<td class=\"n\">").append(c == 0 ? "" : Integer.toString(c)).append("</td>");
            sum += c;
        }
        out.append("<td class=\"n\">").append(Integer.toString(sum)).append("</td></tr>\n");
    }

    // ----------------------------------------------------------------------------------------------- findings

    private static void finding(ToolInfo tool, Finding f, int k, Appendable out, Drawing drawing) throws IOException {
        String id = "finding-" + k;
        String sev = f.severity().keyword;
        out.append("<article class=\"finding ").append(e(sev)).append("\" id=\"").append(id).append("\" data-check=\"")
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
        if (x != null && (x.cfg() != null || x.beforeCfg() != null)) {
            out.append("<h4>Control flow</h4>\n<p class=\"legend\">");
            for (CfgExcerpt.Role r : CfgExcerpt.Role.values())
                out.append("<span><b style=\"border-color:").append(CfgSvg.roleColor(r)).append("\"></b>")
                        .append(e(roleText(r))).append("</span>");
            out.append("<span><b style=\"border-color:#ffe58a;background:#ffe58a\"></b>on the chain</span></p>\n<div class=\"pictures\">\n");
            if (x.beforeCfg() != null) picture(x.beforeCfg(), "before optimization", id + "-before", out, drawing);
            if (x.cfg() != null) picture(x.cfg(), x.beforeCfg() != null ? "after optimization" : "", id + "-cfg", out, drawing);
            out.append("</div>\n");
        }
        if (x != null && !x.ir().isEmpty()) {
            out.append("<h4>IR</h4>\n");
            for (IrExcerpt ir : x.ir()) {
                out.append("<figure class=\"ir-excerpt\"><figcaption>").append(e(ir.title())).append(" <code>")
                        .append(e(ir.file())).append("</code></figcaption>\n<pre class=\"excerpt\">");
                for (IrLine l : ir.lines())
                    out.append("<span class=\"l").append(l.onChain() ? " chain" : "").append("\"><span class=\"num\">")
                            .append(l.line() > 0 ? Integer.toString(l.line()) : "").append("</span>").append(e(l.text()))
                            .append("</span>");
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

    private static void picture(CfgExcerpt c, String when, String id, Appendable out, Drawing drawing) throws IOException {
        out.append("<figure class=\"cfg\" id=\"").append(e(id)).append("\"><figcaption>")
                .append(when.isEmpty() ? "" : e(when) + ": ").append("<code>").append(e(c.function())).append("</code> in <code>")
                .append(e(c.file())).append("</code>")
                .append(c.omitted() > 0 ? e(", " + c.omitted() + " more blocks not shown") : "").append("</figcaption>\n");
        String svg = drawing == Drawing.GRAPHVIZ_IF_INSTALLED ? CfgDot.draw(c) : null;
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
