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
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard diff BEFORE.ll AFTER.ll}: what the optimizer broke, from the IR before and after it. */
final class DiffCommand implements Main.Command {
    @Override public String name() { return "diff"; }

    @Override public String summary() { return "compare IR before and after optimization: which dependencies the optimizer broke"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard diff [OPTIONS] BEFORE.ll AFTER.ll")
                .paragraph("Compares one translation unit before and after optimization and reports every address,\n"
                        + "data or control dependency of BEFORE whose ending still exists in AFTER but no longer\n"
                        + "depends on its beginning, with the cause: ctrl-hoisted-store, ctrl-to-select,\n"
                        + "ctrl-folded-condition, addr-pointer-substituted, addr-dep-broken, data-dep-broken; and\n"
                        + "marked accesses that have no counterpart after (marked-access-removed). Accesses are\n"
                        + "matched by source position, so compile both with -g:\n"
                        + "  before: clang -O2 -g -Xclang -disable-llvm-passes -S -emit-llvm foo.c -o before.ll\n"
                        + "          (or -O0 -Xclang -disable-O0-optnone; rustc: -C opt-level=0)\n"
                        + "  after:  clang -O2 -g -S -emit-llvm foo.c -o after.ll")
                .options("Options:", options())
                .paragraph("Example:\n"
                        + "  lkmm-hazard diff corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_const_cond.ll \\\n"
                        + "                   corpus/ir/clang-19/x86_64/O2-g/ctrl_const_cond.ll")
                .paragraph("Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage\n"
                        + "error or a file that could not be read.")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        ScanCommand.ReportChoice.addOptions(o);
        return o;
    }

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        if (args.size() != 2) throw new Main.UsageException("diff takes two files, BEFORE.ll and AFTER.ll (run 'lkmm-hazard diff --help')");
        ScanCommand.ReportChoice choice = ScanCommand.ReportChoice.of(line);
        for (String a : args) {
            if (!Files.exists(Path.of(a))) throw new Main.UsageException("no such file: " + a);
            if (Files.isDirectory(Path.of(a))) throw new Main.UsageException(a + " is a directory; diff compares two .ll files");
        }

        return compare(new Side(args.get(0), Path.of(args.get(0)), List.of()), new Side(args.get(1), Path.of(args.get(1)), List.of()),
                choice, out, err);
    }

    /** One side of a comparison: the name the report gives it, the file to read, and notes for the report. */
    record Side(String name, Path file, List<String> notes) {}

    /** Reads both files, compares them and reports as diff does; returns the exit status. Also used by compile. */
    static int compare(Side before, Side after, ScanCommand.ReportChoice choice, PrintStream out, PrintStream err) throws Exception {
        return compare(before, after, choice, java.util.function.UnaryOperator.identity(), out, err);
    }

    /** The same, with each finding passed through {@code annotate} before it is reported (compile --passes). */
    static int compare(Side before, Side after, ScanCommand.ReportChoice choice, java.util.function.UnaryOperator<Finding> annotate,
                       PrintStream out, PrintStream err) throws Exception {
        Side[] sides = {before, after};
        List<FileResult> files = new ArrayList<>();
        ModuleContext[] modules = new ModuleContext[2];
        for (int k = 0; k < 2; k++) {
            String name = sides[k].name();
            ParseResult pr;
            try {
                pr = IrReader.read(sides[k].file());
            } catch (Exception e) {
                files.add(FileResult.failed(name, name + ": error: " + Main.describe(e)));
                continue;
            }
            if (!pr.ok() || pr.module() == null) {
                String first = pr.errors().isEmpty() ? name + ": error: nothing could be read" : pr.errors().get(0).diagnostic();
                files.add(FileResult.failed(name, first));
                continue;
            }
            PipelineStage stage = PipelineStage.of(pr.module());
            modules[k] = new ModuleContext(name, pr.module(), MarkedAccessConfig.defaults(), stage);
            files.add(new FileResult(name, true, null, stage.optimized() ? "optimized" : "pre-optimization",
                    modules[k].functions().size(), 0, sides[k].notes()));
        }
        List<Finding> findings = new ArrayList<>();
        int baselined = 0;
        String mismatch = modules[0] == null || modules[1] == null ? null : mismatch(modules[0], modules[1]);
        if (mismatch != null) files.set(1, FileResult.failed(after.name(), after.name() + ": error: " + mismatch));
        else if (modules[0] != null && modules[1] != null) {
            List<String> notes = new ArrayList<>(after.notes());
            if (modules[0].stage().optimized())
                notes.add("BEFORE looks optimized already (" + modules[0].stage().reason() + "); give the IR before optimization first");
            BeforeAfterDiff.Result r = new BeforeAfterDiff(modules[0], modules[1]).run();
            notes.addAll(r.notes());
            FileResult a = files.get(1);
            files.set(1, new FileResult(a.path(), true, null, a.stage(), a.functions(), a.instructions(), notes));
            for (Finding f : r.findings()) {
                if (choice.baseline().absorbs(f.fingerprint())) baselined++;
                else findings.add(annotate.apply(f));
            }
        }
        return choice.finish(new ScanReport(ToolInfo.of(Main.version()), files, findings, 0, baselined), Rules.of(Mode.DIFF), out, err);
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
