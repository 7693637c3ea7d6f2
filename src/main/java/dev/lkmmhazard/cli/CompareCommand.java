package dev.lkmmhazard.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.report.SourceLocation;
import dev.lkmmhazard.report.TextReport;
import dev.lkmmhazard.report.ToolInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lkmm-hazard compare OLD.json NEW.json}: which findings a change brought, which it removed, which stayed,
 * matched by fingerprint.
 */
final class CompareCommand implements Main.Command {
    static final int NEW_FINDINGS = 1;

    @Override public String name() { return "compare"; }

    @Override public String summary() { return "compare two JSON reports: findings new, fixed and unchanged (by fingerprint)"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard compare [OPTIONS] OLD.json NEW.json")
                .paragraph("Compares two JSON reports of scan, diff or merge (before and after a patch) and lists the\n"
                        + "findings that are new, fixed and unchanged. Findings are matched by fingerprint, which is\n"
                        + "made from the check, the function and the source positions counted from the function's\n"
                        + "first line, so edits elsewhere that move lines or renumber values match. A fingerprint\n"
                        + "counts as often as it occurs: two findings with one fingerprint in OLD and three in NEW are\n"
                        + "two unchanged and one new (copies in the same .ll file, then in files of the same name,\n"
                        + "are paired first, so the one listed as new is the one in a file OLD did not have). Either\n"
                        + "report may be - for standard input.")
                .options("Options:", options())
                .paragraph("Example:\n"
                        + "  lkmm-hazard scan -f json -o old.json --fail-on never build-before/\n"
                        + "  lkmm-hazard scan -f json -o new.json --fail-on never build-after/\n"
                        + "  lkmm-hazard compare old.json new.json\n"
                        + "  lkmm-hazard scan -f json --fail-on never build-after/ | lkmm-hazard compare old.json -")
                .paragraph("Exit status: 0 when nothing is new (at or above --fail-on); 1 when something is; 2 on a\n"
                        + "usage error or a report that cannot be read (FILE:LINE:COL for bad JSON).")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("text (default): the new findings in full, the fixed and unchanged ones in one line each; "
                        + "json: {\"counts\", \"new\", \"fixed\", \"unchanged\"} with findings in the shape of scan's JSON")
                .get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("write to FILE (atomically) instead of standard output").get());
        o.addOption(Option.builder("q").longOpt("quiet").desc("text: only the new findings and the summary line").get());
        o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("LEVEL")
                .desc("exit 1 when a new finding is at or above LEVEL: note (default: anything new), warning, error, "
                        + "or never").get());
        return o;
    }

    /** The outcome: each list in report order (new and unchanged as NEW has them, fixed as OLD has them). */
    record Comparison(List<Finding> added, List<Finding> fixed, List<Finding> unchanged) {}

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() != 2)
            throw new Main.UsageException("compare takes two JSON reports, OLD.json and NEW.json (run 'lkmm-hazard compare --help')");
        String format = line.getOptionValue("format", "text");
        if (!Set.of("text", "json").contains(format)) throw new Main.UsageException("unknown format '" + format + "' (text or json)");
        Severity failOn = MergeCommand.failOn(line.getOptionValue("fail-on", "note"));
        IrInput.atMostOneStdin(args);
        ScanReport old, now;
        try {
            old = MergeCommand.read(args.get(0));
            now = MergeCommand.read(args.get(1));
        } catch (MergeCommand.Unreadable e) {
            err.println(e.getMessage());
            return Main.ERROR;
        }
        // A file that failed on one side has no findings there: say so, or they would pass for fixed or new silently.
        String oldName = IrInput.nameOf(args.get(0)), newName = IrInput.nameOf(args.get(1));
        warnFailed(oldName, old, "their findings in NEW show as new", err);
        warnFailed(newName, now, "their findings in OLD show as fixed", err);

        Comparison c = compare(old, now);
        boolean quiet = line.hasOption("quiet");
        ScanCommand.emit(line.getOptionValue("output"), out, os -> {
            if (format.equals("json")) writeJson(c, oldName, newName, now.tool(), os);
            else writeText(c, oldName, newName, now.tool(), quiet, os);
        });
        if (failOn != null) for (Finding f : c.added) if (f.severity().atLeast(failOn)) return NEW_FINDINGS;
        return Main.OK;
    }

    private static void warnFailed(String name, ScanReport r, String consequence, PrintStream err) {
        int failed = 0;
        for (FileResult f : r.files()) if (!f.ok()) failed++;
        if (failed > 0)
            err.println(name + ": warning: " + failed + (failed == 1 ? " file" : " files") + " could not be read in this report; "
                    + consequence);
    }

    /**
     * Matches NEW's findings to OLD's as multisets of fingerprints: how many are new or fixed depends only on how often
     * each fingerprint occurs on each side. Which copy is listed is chosen by pairing a finding first with one in the
     * same {@code .ll} file (a header's inline function gives one fingerprint in every unit that keeps a copy), then
     * with one in a file of the same name (the same tree built in another directory), then with the first one left;
     * what stays unpaired is new (NEW) or fixed (OLD).
     */
    static Comparison compare(ScanReport old, ScanReport now) {
        Map<String, List<Integer>> oldByPrint = new HashMap<>();
        for (int i = 0; i < old.findings().size(); i++)
            oldByPrint.computeIfAbsent(old.findings().get(i).fingerprint(), k -> new ArrayList<>()).add(i);
        boolean[] oldUsed = new boolean[old.findings().size()];
        int[] pairedWith = new int[now.findings().size()];
        java.util.Arrays.fill(pairedWith, -1);
        for (int pass = 0; pass < 3; pass++) {
            for (int j = 0; j < now.findings().size(); j++) {
                if (pairedWith[j] >= 0) continue;
                Finding f = now.findings().get(j);
                for (int i : oldByPrint.getOrDefault(f.fingerprint(), List.of())) {
                    if (oldUsed[i] || !sameFile(pass, old.findings().get(i).file(), f.file())) continue;
                    oldUsed[i] = true;
                    pairedWith[j] = i;
                    break;
                }
            }
        }
        List<Finding> added = new ArrayList<>(), fixed = new ArrayList<>(), unchanged = new ArrayList<>();
        for (int j = 0; j < now.findings().size(); j++) (pairedWith[j] >= 0 ? unchanged : added).add(now.findings().get(j));
        for (int i = 0; i < old.findings().size(); i++) if (!oldUsed[i]) fixed.add(old.findings().get(i));
        return new Comparison(added, fixed, unchanged);
    }

    /** Pass 0 pairs the same path, pass 1 the same file name (two build directories), pass 2 any file. */
    private static boolean sameFile(int pass, String a, String b) {
        return switch (pass) {
            case 0 -> a.equals(b);
            case 1 -> fileName(a).equals(fileName(b));
            default -> true;
        };
    }

    private static String fileName(String path) { return path.substring(path.lastIndexOf('/') + 1); }

    // --------------------------------------------------------------------------------------------- output

    private static void writeText(Comparison c, String oldName, String newName, ToolInfo tool, boolean quiet, OutputStream os)
            throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        if (!c.added.isEmpty()) {
            if (!quiet) w.append("new findings (").append(Integer.toString(c.added.size())).append("):\n");
            TextReport.writeFindings(new ScanReport(tool, List.of(), c.added, 0, 0), w);
        }
        if (!quiet) {
            section(w, "fixed findings", c.fixed);
            section(w, "unchanged findings", c.unchanged);
        }
        w.append(Integer.toString(c.added.size())).append(" new, ").append(Integer.toString(c.fixed.size())).append(" fixed, ")
                .append(Integer.toString(c.unchanged.size())).append(" unchanged (").append(oldName).append(" -> ")
                .append(newName).append(", matched by fingerprint)\n");
        w.flush();
    }

    private static void section(Writer w, String title, List<Finding> findings) throws IOException {
        if (findings.isEmpty()) return;
        w.append(title).append(" (").append(Integer.toString(findings.size())).append("):\n");
        for (Finding f : findings) w.append("  ").append(oneLine(f)).append('\n');
    }

    /** {@code position: severity: message [check] in FUNCTION}: the head line of the clang-style text. */
    static String oneLine(Finding f) {
        SourceLocation s = f.source();
        String where = s != null && s.userFrame().line() > 0 ? s.userFrame().position()
                : f.file() + ":" + f.irLine() + (f.irColumn() > 0 ? ":" + f.irColumn() : "");
        return where + ": " + f.severity().keyword + ": " + f.message() + " [" + f.check() + "] in " + f.function();
    }

    /** The JSON output: the findings in scan's shape, under the tool that compared (this version). */
    @JsonPropertyOrder({"tool", "reports", "counts", "new", "fixed", "unchanged"})
    record ComparisonJson(ToolInfo tool, Reports reports, Counts counts, @JsonProperty("new") List<Finding> added,
                          List<Finding> fixed, List<Finding> unchanged) {}

    @JsonPropertyOrder({"old", "new"})
    record Reports(String old, @JsonProperty("new") String now) {}

    @JsonPropertyOrder({"new", "fixed", "unchanged"})
    record Counts(@JsonProperty("new") int added, int fixed, int unchanged) {}

    private static void writeJson(Comparison c, String oldName, String newName, ToolInfo tool, OutputStream os) throws IOException {
        JsonReport.writeValue(new ComparisonJson(new ToolInfo(tool.name(), Main.version(), tool.informationUri()),
                new Reports(oldName, newName), new Counts(c.added.size(), c.fixed.size(), c.unchanged.size()),
                c.added, c.fixed, c.unchanged), os);
    }
}
