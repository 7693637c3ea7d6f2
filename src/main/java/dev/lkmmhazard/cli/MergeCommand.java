package dev.lkmmhazard.cli;

import dev.lkmmhazard.report.TextReport;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.report.ToolInfo;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lkmm-hazard merge A.json B.json ...}: joins JSON reports (the parts of a {@code scan --shard} matrix, or the
 * reports of several {@code diff} runs) into one report, in JSON, SARIF or text.
 */
final class MergeCommand implements Main.Command {
    @Override public String name() { return "merge"; }

    @Override public String summary() { return "join JSON reports (scan --shard parts, diff runs) into one JSON, SARIF or text report"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard merge [OPTIONS] A.json B.json ...")
                .paragraph("Joins JSON reports of scan or diff into one report: the reports in the order of their\n"
                        + "first file's path, whatever order they are given in, each with its files and findings in\n"
                        + "its own order; the summary counted again; suppressed and baselined findings summed. A file\n"
                        + "that appears in two reports is an error, so a part given twice is caught. The parts of\n"
                        + "'scan --shard K/N' of a sorted file list (one directory, or paths given in sorted order)\n"
                        + "thus come in the order K = 1..N, and the merged JSON is byte for byte what one unsharded\n"
                        + "scan writes. One report may be - for standard input.")
                .options("Options:", options())
                .paragraph("Example:\n"
                        + "  for k in 1 2 3; do lkmm-hazard scan --shard $k/3 -f json -o part$k.json build/; done\n"
                        + "  lkmm-hazard merge -o scan.json part1.json part2.json part3.json\n"
                        + "  lkmm-hazard merge -f sarif -o scan.sarif part1.json part2.json part3.json")
                .paragraph("Exit status: as the unsharded scan's: 0 when no finding is at or above --fail-on, 1 when one\n"
                        + "is, 2 when a part lists a file that could not be read; 2 also on a usage error, a report\n"
                        + "that cannot be read (FILE:LINE:COL for bad JSON) or a file in two reports.")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("json (default), sarif (SARIF 2.1.0, one run), html or text").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("write the report to FILE (atomically) instead of standard output").get());
        o.addOption(Option.builder("q").longOpt("quiet").desc("text: only the findings").get());
        o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("LEVEL")
                .desc("error (default), warning, note or never, as for scan").get());
        return o;
    }

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        if (args.isEmpty()) throw new Main.UsageException("merge needs JSON reports (run 'lkmm-hazard merge --help')");
        String format = line.getOptionValue("format", "json");
        if (!Set.of("text", "json", "sarif", "html").contains(format))
            throw new Main.UsageException("unknown format '" + format + "' (json, sarif, html or text)");
        Severity failOn = failOn(line.getOptionValue("fail-on", "error"));
        IrInput.atMostOneStdin(args);
        ScanReport merged;
        try {
            merged = merge(args, err);
        } catch (Unreadable e) {
            err.println(e.getMessage());
            return Main.ERROR;
        }
        return new ScanCommand.ReportChoice(format, failOn, line.hasOption("quiet"), line.getOptionValue("output"), Baseline.NONE,
                TextReport.Palette.PLAIN).finish(merged, rules(merged), out, err);
    }

    /**
     * The rules SARIF lists for a merged report: scan's, so that the parts of a sharded scan merge into the SARIF of
     * the whole scan, and then every rule only diff reports when a part came from diff.
     */
    static List<Rule> rules(ScanReport merged) {
        List<Rule> rules = new ArrayList<>(ScanCommand.scanRules());
        for (Finding f : merged.findings()) {
            Rule r = Rules.byId(f.check());
            if (r != null && !r.reportedBy(Mode.SCAN)) {
                for (Rule d : Rules.all()) if (!rules.contains(d)) rules.add(d);
                break;
            }
        }
        return rules;
    }

    static Severity failOn(String text) throws Main.UsageException {
        if (text.equals("never")) return null;
        Severity s = Severity.parse(text);
        if (s == null) throw new Main.UsageException("--fail-on takes error, warning, note or never, not '" + text + "'");
        return s;
    }

    /** One report to join, and where it was read from. */
    private record Part(String path, ScanReport report) {}

    /**
     * The order parts are joined in: by the path of their first file, as bytes (scan's order of a directory, and
     * {@code LC_ALL=C sort}'s); parts without files (an empty shard) last. The order the user gives is not used: a
     * shell glob puts part-10 before part-2, and CI downloads artifacts in any order, yet the same parts must give the
     * same report. Files are unique across parts (a file in two is refused below), so parts with files do not tie.
     */
    private static final Comparator<Part> JOIN_ORDER = (a, b) -> {
        List<FileResult> fa = a.report.files(), fb = b.report.files();
        if (fa.isEmpty() || fb.isEmpty()) return Boolean.compare(fa.isEmpty(), fb.isEmpty());
        return Arrays.compareUnsigned(fa.get(0).path().getBytes(StandardCharsets.UTF_8),
                fb.get(0).path().getBytes(StandardCharsets.UTF_8));
    };

    /** Reads the parts and joins them in {@link #JOIN_ORDER}; a file named by two parts is a usage error. */
    static ScanReport merge(List<String> paths, PrintStream err) throws Main.UsageException, Unreadable {
        List<Part> parts = new ArrayList<>();
        for (String p : paths) parts.add(new Part(IrInput.nameOf(p), read(p)));
        parts.sort(JOIN_ORDER);
        List<FileResult> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        int suppressed = 0, baselined = 0;
        ToolInfo tool = null;
        for (Part p : parts) {
            String part = p.path;
            ScanReport r = p.report;
            if (tool == null) tool = r.tool();
            else if (!tool.version().equals(r.tool().version()))
                err.println("lkmm-hazard: warning: " + part + " was written by version " + r.tool().version() + ", "
                        + parts.get(0).path + " by " + tool.version() + "; the merged report names " + tool.version());
            for (FileResult f : r.files()) {
                String before = owner.putIfAbsent(f.path(), part);
                if (before != null)
                    throw new Main.UsageException(f.path() + " is in both " + before + " and " + part
                            + " (a part given twice, or shards of different file lists?)");
                files.add(f);
            }
            findings.addAll(r.findings());
            suppressed += r.suppressed();
            baselined += r.baselined();
        }
        return new ScanReport(tool, files, findings, suppressed, baselined);
    }

    /** A JSON report that cannot be used, with the one line to print: {@code FILE[:LINE:COL]: error: ...}. */
    static final class Unreadable extends Exception {
        Unreadable(String line) { super(line, null, false, false); }
    }

    /**
     * A JSON report, or {@code -} for standard input; unreadable, not JSON (FILE:LINE:COL) or not a report is
     * {@link Unreadable}.
     */
    static ScanReport read(String arg) throws Unreadable {
        String file = IrInput.nameOf(arg);
        if (!IrInput.isStdin(arg) && Files.isDirectory(Path.of(arg)))
            throw new Unreadable(file + ": error: a directory, not a JSON report");
        try {
            return JsonReport.read(file, IrInput.bytes(arg));
        } catch (JsonReport.FormatException e) {
            throw new Unreadable(e.getMessage());
        } catch (IOException e) {
            throw new Unreadable(file + ": error: cannot read: " + Main.describe(e));
        }
    }
}
