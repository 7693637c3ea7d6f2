package dev.lkmmhazard.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report for people, in the form of clang's diagnostics:
 * <pre>
 * kernel/foo.c:42:5: error: marked store hoisted above the branch on READ_ONCE(x) [ctrl-hoisted-store]
 *   in function foo, foo.ll:123:3
 *   inlined from 'bar' at kernel/foo.c:80:2
 *   evidence:
 *     foo.ll:120    %3 = load volatile i32, ptr @x, align 4     kernel/foo.c:40:9
 *     ...
 * kernel/foo.c:40:9: note: the marked load is here [foo.ll:120]
 * </pre>
 * A finding without a source position (no debug info, or a merged location) is placed at its {@code .ll} line. Each
 * file's remarks ({@code foo.ll: remark: ...}) follow its findings; a summary line ends the report.
 */
public final class TextReport {
    private TextReport() {}

    /**
     * How a terminal shows the diagnostics: as clang does, the position bold and the severity in its colour (error
     * red, warning magenta, note cyan, remark blue). {@link #PLAIN} for files and pipes.
     */
    public enum Palette {
        PLAIN, ANSI;

        String position(String text) { return this == PLAIN ? text : "\u001b[1m" + text + "\u001b[0m"; }

        String severity(String keyword) {
            if (this == PLAIN) return keyword;
            String colour = switch (keyword) {
                case "error" -> "31";
                case "warning" -> "35";
                case "remark" -> "34";
                default -> "36";
            };
            return "\u001b[1;" + colour + "m" + keyword + "\u001b[0m";
        }
    }

    public static void write(ScanReport r, Appendable out) throws IOException { write(r, out, Palette.PLAIN); }

    public static void write(ScanReport r, Appendable out, Palette palette) throws IOException {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (FileResult f : r.files()) byFile.put(f.path(), new ArrayList<>());
        for (Finding f : r.findings()) byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        for (FileResult file : r.files()) {
            for (Finding f : byFile.get(file.path())) finding(f, out, palette);
            for (String n : file.notes())
                // "remark", as clang calls what is said of a file: "note" is the other end of a finding
                out.append(palette.position(file.path() + ":")).append(' ').append(palette.severity("remark")).append(": ")
                        .append(n).append('\n');
        }
        out.append(summary(r)).append('\n');
    }

    /** Only the findings, without per-file remarks or the summary ({@code --quiet}). */
    public static void writeFindings(ScanReport r, Appendable out) throws IOException { writeFindings(r, out, Palette.PLAIN); }

    public static void writeFindings(ScanReport r, Appendable out, Palette palette) throws IOException {
        for (Finding f : r.findings()) finding(f, out, palette);
    }

    private static void finding(Finding f, Appendable out, Palette palette) throws IOException {
        String ll = baseName(f.file());
        out.append(palette.position(position(f.source(), f.file(), f.irLine(), f.irColumn()) + ":")).append(' ')
                .append(palette.severity(f.severity().keyword)).append(": ").append(f.message()).append(" [")
                .append(f.check()).append("]\n");
        out.append("  in function ").append(f.function()).append(", ").append(f.file()).append(':')
                .append(Integer.toString(f.irLine())).append(':').append(Integer.toString(f.irColumn())).append('\n');
        if (f.source() != null) {
            if (f.source().line() == 0)
                out.append("  the optimizer merged this instruction from several source lines (line 0)\n");
            for (SourceLocation x : f.source().inlinedAt())
                out.append("  inlined into '").append(x.function() == null ? "?" : x.function()).append("' at ")
                        .append(x.position()).append('\n');
        }
        if (f.brokenBy() != null)
            out.append("  broken by ").append(f.brokenBy().pass()).append(" (pass ")
                    .append(Integer.toString(f.brokenBy().number())).append(")\n");
        if (f.weakEvidence() != null) out.append("  weaker evidence: ").append(f.weakEvidence()).append('\n');
        if (!f.evidence().isEmpty()) {
            out.append("  evidence:\n");
            steps(ll, f.evidence(), out);
        }
        if (f.beforeFile() != null && !f.beforeEvidence().isEmpty()) {
            out.append("  before optimization (").append(f.beforeFile()).append("):\n");
            steps(baseName(f.beforeFile()), f.beforeEvidence(), out);
        }
        for (RelatedLocation rel : f.related()) {
            out.append(palette.position(position(rel.source(), f.file(), rel.irLine(), 0) + ":")).append(' ')
                    .append(palette.severity("note")).append(": ").append(rel.message())
                    .append(" [").append(ll).append(':').append(Integer.toString(rel.irLine())).append("]\n");
        }
        if (f.judgement() != null)
            out.append(palette.position(position(f.source(), f.file(), f.irLine(), f.irColumn()) + ":")).append(' ')
                    .append(palette.severity("note")).append(": ").append(judgementLine(f.judgement())).append('\n');
    }

    /**
     * "judged benign [lock-held]" (the message ends with the reason), "judged undecided [use-known]", or for a
     * hazard "judged a hazard: ... (8 grounds decided)".
     */
    static String judgementLine(Judgement j) {
        Judgement.Ground g = j.deciding();
        if (g != null) return "judged " + j.verdict().keyword() + " [" + g.ground() + "]"; // the message says why
        return "judged a hazard: the memory is shared and no lock, barrier, acquire or release keeps the order ("
                + j.grounds().size() + " grounds decided)";
    }

    /** {@code file:line:col} of the source, or of the {@code .ll} file when there is no usable source line. */
    static String position(SourceLocation s, String llFile, int irLine, int irColumn) {
        if (s != null && s.userFrame().line() > 0) return s.userFrame().position();
        return llFile + ":" + irLine + (irColumn > 0 ? ":" + irColumn : "");
    }

    /** One line per step: where in the IR, the instruction, and its source position. */
    private static void steps(String llName, List<EvidenceStep> steps, Appendable out) throws IOException {
        for (EvidenceStep e : steps) {
            String where = llName + ":" + e.irLine();
            out.append("    ").append(where);
            for (int i = where.length(); i < 24; i++) out.append(' ');
            out.append(' ').append(e.ir());
            if (e.source() != null) out.append("    ; ").append(shown(e.source()));
            out.append('\n');
        }
    }

    /** A source position in an evidence line: the reader's frame, or a word for a merged location. */
    private static String shown(SourceLocation s) {
        SourceLocation u = s.userFrame();
        return u.line() > 0 ? u.position() : u.file() + " (merged from several lines)";
    }

    static String summary(ScanReport r) {
        int errors = 0, warnings = 0, notes = 0, failed = 0;
        for (Finding f : r.findings()) {
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case NOTE -> notes++;
            }
        }
        for (FileResult f : r.files()) if (!f.ok()) failed++;
        StringBuilder sb = new StringBuilder();
        sb.append(count(errors, "error")).append(", ").append(count(warnings, "warning")).append(", ")
                .append(count(notes, "note")).append(" in ").append(count(r.files().size(), "file"));
        if (failed > 0) sb.append(" (").append(failed).append(failed == 1 ? " file" : " files").append(" could not be read whole)");
        if (r.baselined() > 0) sb.append("; ").append(r.baselined()).append(" already in the baseline");
        if (r.suppressed() > 0) sb.append("; ").append(r.suppressed()).append(" suppressed by the configuration");
        return sb.toString();
    }

    private static String count(int n, String word) { return n + " " + word + (n == 1 ? "" : "s"); }

    private static String baseName(String file) {
        try {
            Path p = Path.of(file).getFileName();
            return p == null ? file : p.toString();
        } catch (RuntimeException e) {
            return file;
        }
    }
}
