package dev.lkmmhazard.cli;

import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.PipelineStage;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.diff.BeforeAfterDiff;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.report.ToolInfo;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rules;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard diff BEFORE.ll AFTER.ll}: what the optimizer broke, from the IR before and after it. */
final class DiffCommand implements Main.Command {
    @Override public String name() { return "diff"; }

    @Override public String summary() { return "compare IR before and after optimization: which dependencies the optimizer broke"; }

    @Override public String help() {
        Options o = options();
        return new Help("Usage: lkmm-hazard diff [OPTIONS] BEFORE.ll AFTER.ll\n"
                + "       lkmm-hazard diff [OPTIONS] BEFORE_DIR AFTER_DIR\n"
                + "       lkmm-hazard diff [OPTIONS] DIR")
                .paragraph("Compares one translation unit before and after optimization and reports every address,\n"
                        + "data or control dependency of BEFORE whose ending still exists in AFTER but no longer\n"
                        + "depends on its beginning, with the cause: ctrl-hoisted-store, ctrl-to-select,\n"
                        + "ctrl-folded-condition, addr-pointer-substituted, addr-dep-broken, data-dep-broken; and\n"
                        + "marked accesses that have no counterpart after (marked-access-removed). Accesses are\n"
                        + "matched by source position, so compile both with -g:\n"
                        + "  before: clang -O2 -g -Xclang -disable-llvm-passes -S -emit-llvm foo.c -o before.ll\n"
                        + "          (or -O0 -Xclang -disable-O0-optnone; rustc: -C opt-level=0)\n"
                        + "  after:  clang -O2 -g -S -emit-llvm foo.c -o after.ll\n"
                        + "One of the two files may be - (standard input).")
                .paragraph("Many units in one run (kernel CI): BEFORE_DIR AFTER_DIR pairs every *.ll below AFTER_DIR\n"
                        + "with the file of the same relative path below BEFORE_DIR (or its X.before.ll twin\n"
                        + "there); one DIR pairs each X.before.ll with the X.ll beside it, as\n"
                        + "scripts/kernel-ll.sh --before writes them. One report covers every pair; a file without\n"
                        + "its other half is reported as one that could not be compared, and the others still are.")
                .options("Output:", o, "format", "output", "quiet", "color")
                .options("CI:", o, "fail-on", "baseline", "jobs", "shard", "max-size")
                .paragraph("Examples:\n"
                        + "  lkmm-hazard diff corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_const_cond.ll \\\n"
                        + "                   corpus/ir/clang-19/x86_64/O2-g/ctrl_const_cond.ll\n"
                        + "  lkmm-hazard diff corpus/ir/clang-19/x86_64/O2-nopasses-g corpus/ir/clang-19/x86_64/O2-g\n"
                        + "  lkmm-hazard diff -j 4 --shard 1/2 --format json -o part1.json kernel-ir/")
                .paragraph("Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage\n"
                        + "error or a file that could not be read or compared (the other pairs are still compared\n"
                        + "and reported).")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        ScanCommand.ReportChoice.addOptions(o);
        o.addOption(Option.builder("j").longOpt("jobs").hasArg().argName("N")
                .desc("pairs compared in parallel (default: the number of cores)").get());
        o.addOption(Option.builder().longOpt("shard").hasArg().argName("K/N")
                .desc("compare only part K of N of the pairs (a CI matrix; 'lkmm-hazard merge' joins the JSON "
                        + "reports)").get());
        o.addOption(Option.builder().longOpt("max-size").hasArg().argName("MB")
                .desc("a larger file is an error, not read (default 512)").get());
        return o;
    }

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        ScanCommand.ReportChoice choice = ScanCommand.ReportChoice.of(line);
        int jobs = ScanCommand.jobs(line);
        long maxSize = ScanCommand.maxSize(line);
        List<DiffPairs.Pair> pairs;
        boolean directories = !args.isEmpty() && args.stream().allMatch(a -> Files.isDirectory(Path.of(a)));
        if (args.size() == 1 && directories) {
            pairs = DiffPairs.twins(Path.of(args.get(0)));
        } else if (args.size() == 2 && directories) {
            pairs = DiffPairs.byRelativePath(Path.of(args.get(0)), Path.of(args.get(1)));
        } else if (args.size() == 2) {
            IrInput.atMostOneStdin(args);
            for (String a : args) {
                if (!IrInput.isStdin(a) && Files.isDirectory(Path.of(a)))
                    throw new Main.UsageException(a + " is a directory and the other is not: diff compares two files or two directories");
                IrInput.requireFile(a, "a .ll file");
            }
            if (line.hasOption("shard"))
                throw new Main.UsageException("--shard splits the pairs of directories; two files are one pair");
            Side before = new Side(IrInput.nameOf(args.get(0)), args.get(0), List.of());
            Side after = new Side(IrInput.nameOf(args.get(1)), args.get(1), List.of());
            Compared c = comparePair(before, after, maxSize);
            return report(List.of(c), choice, java.util.function.UnaryOperator.identity(), out, err);
        } else {
            throw new Main.UsageException("diff takes two files (BEFORE.ll AFTER.ll), two directories or one directory "
                    + "of X.before.ll twins (run 'lkmm-hazard diff --help')");
        }
        if (line.hasOption("shard")) pairs = Shard.parse(line.getOptionValue("shard")).part(pairs);
        ScanCommand.Progress progress = choice.quiet() ? null : ScanCommand.Progress.forStderr(err, pairs.size());
        List<Compared> compared = compareAll(pairs, jobs, maxSize, progress);
        if (progress != null) progress.finish();
        return report(compared, choice, java.util.function.UnaryOperator.identity(), out, err);
    }

    /** One side of a comparison: the name the report gives it, the file to read (or -), and notes for the report. */
    record Side(String name, String file, List<String> notes) {
        Side(String name, Path file, List<String> notes) { this(name, file.toString(), notes); }
    }

    /** What comparing one pair gave: the two files' results and the findings, before any baseline. */
    record Compared(List<FileResult> files, List<Finding> findings) {}

    /** Reads both files, compares them and reports as diff does; returns the exit status. Also used by compile. */
    static int compare(Side before, Side after, ScanCommand.ReportChoice choice, PrintStream out, PrintStream err) throws Exception {
        return compare(before, after, choice, java.util.function.UnaryOperator.identity(), out, err);
    }

    /** The same, with each finding passed through {@code annotate} before it is reported (compile --passes). */
    static int compare(Side before, Side after, ScanCommand.ReportChoice choice, java.util.function.UnaryOperator<Finding> annotate,
                       PrintStream out, PrintStream err) throws Exception {
        return report(List.of(comparePair(before, after, IrReader.DEFAULT_MAX_SIZE)), choice, annotate, out, err);
    }

    /** One report of every pair, in the pairs' order; findings the baseline holds are counted, not reported. */
    private static int report(List<Compared> compared, ScanCommand.ReportChoice choice,
                              java.util.function.UnaryOperator<Finding> annotate, PrintStream out, PrintStream err) throws Exception {
        List<FileResult> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int baselined = 0;
        for (Compared c : compared) {
            files.addAll(c.files());
            for (Finding f : c.findings()) {
                if (choice.baseline().absorbs(f.fingerprint())) baselined++;
                else findings.add(annotate.apply(f));
            }
        }
        return choice.finish(new ScanReport(ToolInfo.of(Main.version()), files, findings, 0, baselined), Rules.of(Mode.DIFF), out, err);
    }

    /**
     * Compares the pairs on {@code jobs} threads, the largest first so that no core idles at the end; results in the
     * pairs' order. A pair that fails in a way no file should cause (a bug) is reported as failed, and the others
     * still are.
     */
    static List<Compared> compareAll(List<DiffPairs.Pair> pairs, int jobs, long maxSize, ScanCommand.Progress progress)
            throws InterruptedException {
        return LargestFirst.run(pairs, p -> p.ok() ? LargestFirst.sizeOf(p.before()) + LargestFirst.sizeOf(p.after()) : 0,
                jobs, "diff",
                p -> p.ok()
                        ? comparePair(new Side(p.beforeName(), p.before(), List.of()), new Side(p.afterName(), p.after(), List.of()), maxSize)
                        : new Compared(List.of(FileResult.failed(p.name(), p.error())), List.of()),
                (p, cause) -> new Compared(List.of(FileResult.failed(p.name(), p.name() + ": error: " + Main.describe(cause))), List.of()),
                progress);
    }

    /**
     * Reads both files (the trailing metadata deferred, as scan reads it: the diff asks for locations only) and
     * compares them; never throws for what the files contain.
     */
    static Compared comparePair(Side before, Side after, long maxSize) {
        Side[] sides = {before, after};
        List<FileResult> files = new ArrayList<>();
        ModuleContext[] modules = new ModuleContext[2];
        ParseResult[] read = new ParseResult[2];
        for (int k = 0; k < 2; k++) {
            String name = sides[k].name();
            ParseResult pr;
            try {
                pr = IrInput.read(sides[k].file(), maxSize, true);
            } catch (OutOfMemoryError e) {
                files.add(FileResult.failed(name, name + ": error: too large to read in this heap (give the JVM more with -Xmx)"));
                continue;
            } catch (Exception e) {
                files.add(FileResult.failed(name, name + ": error: " + Main.describe(e)));
                continue;
            }
            if (!pr.ok() || pr.module() == null) {
                String first = pr.errors().isEmpty() ? name + ": error: nothing could be read" : pr.errors().get(0).diagnostic();
                files.add(FileResult.failed(name, first));
                continue;
            }
            read[k] = pr;
            PipelineStage stage = PipelineStage.of(pr.module());
            modules[k] = new ModuleContext(name, pr.module(), MarkedAccessConfig.defaults(), stage);
            files.add(new FileResult(name, true, null, stage.optimized() ? "optimized" : "pre-optimization",
                    modules[k].functions().size(), 0, sides[k].notes()));
        }
        List<Finding> findings = new ArrayList<>();
        String mismatch = modules[0] == null || modules[1] == null ? null : mismatch(modules[0], modules[1]);
        if (mismatch != null) files.set(1, FileResult.failed(after.name(), after.name() + ": error: " + mismatch));
        else if (modules[0] != null && modules[1] != null) {
            List<String> notes = new ArrayList<>(after.notes());
            if (modules[0].stage().optimized())
                notes.add("BEFORE looks optimized already (" + modules[0].stage().reason() + "); give the IR before optimization first");
            BeforeAfterDiff.Result r;
            try {
                r = new BeforeAfterDiff(modules[0], modules[1]).run();
            } catch (OutOfMemoryError e) {
                files.set(1, FileResult.failed(after.name(), after.name() + ": error: too large to compare in this heap (give the JVM more with -Xmx)"));
                return new Compared(files, List.of());
            }
            notes.addAll(r.notes());
            findings.addAll(r.findings());
            for (int k = 0; k < 2; k++) {
                String late = read[k].deferredErrorLine();
                if (late == null) continue;
                FileResult f = files.get(k);
                files.set(k, new FileResult(f.path(), false, late + "; the rest of the file was compared",
                        f.stage(), f.functions(), f.instructions(), k == 1 ? notes : f.notes()));
            }
            FileResult a = files.get(1);
            files.set(1, new FileResult(a.path(), a.ok(), a.error(), a.stage(), a.functions(), a.instructions(), notes));
        }
        return new Compared(files, findings);
    }

    /**
     * Why the two modules cannot be compared, or null: given in the wrong order (the IR shows which one went through
     * the optimizer), or not one translation unit (no defined function in common). Either comparison would report
     * nothing or nonsense, and must not pass for a clean result.
     */
    static String mismatch(ModuleContext before, ModuleContext after) {
        if (before.stage().optimized() && !after.stage().optimized())
            return "this file looks unoptimized (" + after.stage().reason() + ") and BEFORE optimized ("
                    + before.stage().reason() + "): the files are given in the wrong order (diff BEFORE.ll AFTER.ll)";
        java.util.Set<String> names = new java.util.HashSet<>();
        for (var f : before.functions()) names.add(f.function().name());
        for (var f : after.functions()) if (names.contains(f.function().name())) return null;
        if (before.functions().isEmpty() || after.functions().isEmpty()) return null; // nothing to compare, nothing to mix up
        String a = before.module().sourceFilename(), b = after.module().sourceFilename();
        return "no function defined in both files: they are not the same translation unit"
                + (a != null && b != null && !a.equals(b) ? " (source files \"" + a + "\" and \"" + b + "\")" : "");
    }
}
