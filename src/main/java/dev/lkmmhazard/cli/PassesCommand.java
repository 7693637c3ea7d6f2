package dev.lkmmhazard.cli;

import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.diff.PassBisection;
import dev.lkmmhazard.diff.PassDump;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.ToolInfo;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rules;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard passes DUMP}: which optimization pass broke each dependency, from a pass-by-pass dump. */
final class PassesCommand implements Main.Command {
    static final String DEFAULT_OPT = "opt-19";
    static final String DEFAULT_PIPELINE = "default<O2>";

    @Override public String name() { return "passes"; }

    @Override public String summary() { return "name the optimization pass that broke each dependency, from a -print-after-all dump"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard passes [OPTIONS] DUMP|-\n"
                + "       lkmm-hazard passes --run [--opt OPT] [--passes PIPELINE] [OPTIONS] BEFORE.ll")
                .paragraph("A pass dump is what LLVM prints on stderr when asked to show the IR after every pass:\n"
                        + "banners such as '; *** IR Dump After SimplifyCFGPass on foo ***', each followed by the\n"
                        + "function (or module) as that pass left it. This command follows each function through\n"
                        + "the dump, compares every changed version with the first one, and reports each\n"
                        + "dependency that is gone at the end with its cause (ctrl-hoisted-store, ctrl-to-select,\n"
                        + "ctrl-folded-condition, addr-pointer-substituted, addr-dep-broken, data-dep-broken, as\n"
                        + "diff does) and the first pass after which it stayed gone. - reads the dump from\n"
                        + "standard input (clang ... -mllvm -print-after-all 2>&1 >/dev/null | lkmm-hazard passes -).")
                .paragraph("Making a dump (stderr is the dump; -print-pass-numbers adds LLVM's pass numbers):\n"
                        + "  clang-19 -O2 -S -emit-llvm -o /dev/null foo.c -mllvm -print-after-all \\\n"
                        + "      -mllvm -print-pass-numbers -mllvm -filter-print-funcs=foo 2>foo.dump\n"
                        + "  opt-19 -passes='default<O2>' -print-changed -print-pass-numbers \\\n"
                        + "      -disable-output before.ll 2>before.dump\n"
                        + "  (before.ll: clang -O2 -Xclang -disable-llvm-passes -S -emit-llvm, or rustc\n"
                        + "  -C opt-level=2 -C no-prepopulate-passes --emit=llvm-ir)\n"
                        + "-print-changed prints only what changed and is much smaller. Dumps print no metadata,\n"
                        + "so accesses are matched by function, kind, object and order, not by source line.\n"
                        + "A loop pass prints only its loop; add -print-module-scope to see its whole function,\n"
                        + "else a change it made is named at the function's next whole dump, with the loop\n"
                        + "passes in between listed as candidates.")
                .options("Options:", options())
                .paragraph("Examples:\n"
                        + "  lkmm-hazard passes corpus/passes/clang-19/ctrl_identical.ctrl_identical.txt\n"
                        + "  lkmm-hazard passes --run corpus/ir/clang-19/x86_64/O2-nopasses-g/ptr_compare.ll")
                .paragraph("Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage\n"
                        + "error, a file that could not be read or is not a pass dump, or opt failing.")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("run").desc("DUMP is instead the IR before optimization: run opt on it").get());
        o.addOption(Option.builder().longOpt("opt").hasArg().argName("PATH").desc("the opt to run (default opt-19)").get());
        o.addOption(Option.builder().longOpt("passes").hasArg().argName("PIPELINE")
                .desc("the pipeline to run (default default<O2>)").get());
        o.addOption(Option.builder().longOpt("keep-dump").hasArg().argName("FILE")
                .desc("write opt's dump to FILE (the report's line numbers are its lines; default: BEFORE.ll.dump "
                        + "beside the input)").get());
        ScanCommand.ReportChoice.addOptions(o);
        Option format = o.getOption("format");
        format.setDescription(format.getDescription() + "; JSON findings carry \"brokenBy\": {\"pass\": ..., \"number\": ...}");
        return o;
    }

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        boolean run = line.hasOption("run");
        if (args.size() != 1)
            throw new Main.UsageException("passes takes one file, " + (run ? "BEFORE.ll" : "the DUMP") + " (run 'lkmm-hazard passes --help')");
        if (!run && (line.hasOption("opt") || line.hasOption("passes") || line.hasOption("keep-dump")))
            throw new Main.UsageException("--opt, --passes and --keep-dump go with --run");
        ScanCommand.ReportChoice choice = ScanCommand.ReportChoice.of(line);
        String name = IrInput.nameOf(args.get(0));
        if (run && IrInput.isStdin(args.get(0)))
            throw new Main.UsageException("--run gives opt a file: save the IR first (- is for a dump on standard input)");
        IrInput.requireFile(args.get(0), "a dump; passes reads one dump");
        Path path = IrInput.isStdin(args.get(0)) ? null : Path.of(name);

        byte[] content;
        String shown = name;
        String keep = null;
        if (run) {
            String opt = line.getOptionValue("opt", DEFAULT_OPT);
            content = runOpt(opt, line.getOptionValue("passes", DEFAULT_PIPELINE), path);
            // findings point at lines of the dump, so the dump is what the report names, and it must exist: written
            // beside the input unless --keep-dump says where
            keep = line.getOptionValue("keep-dump");
            shown = keep != null ? keep : name + ".dump";
            try {
                Files.write(Path.of(shown), content);
            } catch (java.io.IOException e) {
                err.println(shown + ": error: cannot write the dump the findings point into: " + Main.describe(e)
                        + " (choose where with --keep-dump FILE)");
                return Main.ERROR;
            }
        } else {
            content = IrInput.bytes(args.get(0));
        }
        PassDump dump = PassDump.parse(content);
        PassBisection.Result r = new PassBisection(shown, dump, MarkedAccessConfig.defaults()).run();
        List<Finding> findings = new ArrayList<>();
        int baselined = 0;
        for (Finding f : r.findings()) {
            if (choice.baseline().absorbs(f.fingerprint())) baselined++;
            else findings.add(f);
        }
        List<String> notes = new ArrayList<>();
        notes.add(r.functions() + (r.functions() == 1 ? " function" : " functions") + " followed through "
                + r.snapshots() + " changed snapshots of " + dump.snapshots().size() + " banners");
        notes.addAll(r.notes());
        // nothing followed through the passes is nothing checked: a plain .ll, or a dump without the IR under its banners
        String error = r.functions() > 0 ? null : dump.snapshots().isEmpty()
                ? shown + ": error: not a pass-by-pass dump: no '*** IR Dump After' banner (write one with opt's"
                        + " -print-after-all or -print-changed, or give the IR before optimization with --run)"
                : shown + ": error: no function could be followed through the dump's " + dump.snapshots().size() + " banners";
        if (dump.snapshots().isEmpty()) notes.clear(); // the error says it all
        if (run && keep == null) notes.add("the dump the findings point into was written to " + shown);
        FileResult fr = new FileResult(shown, error == null, error, "pass dump", r.functions(), 0, notes);
        // the causes diff names: passes finds them the same way, snapshot against snapshot
        return choice.finish(new ScanReport(ToolInfo.of(Main.version()), List.of(fr), findings, 0, baselined), Rules.of(Mode.DIFF),
                out, err);
    }

    /** Runs opt on the IR before and returns what it printed on stderr: the dump. */
    static byte[] runOpt(String opt, String pipeline, Path before) throws Main.UsageException, IOException, InterruptedException {
        if (!executable(opt))
            throw new Main.UsageException("cannot run '" + opt + "': not found (install LLVM 19, e.g. apt-get install llvm-19, or give --opt PATH)");
        Path dumpFile = Files.createTempFile("lkmm-passes", ".dump");
        try {
            List<String> cmd = List.of(opt, "-passes=" + pipeline, "-print-changed", "-print-pass-numbers", "-disable-output", before.toString());
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dumpFile.toFile()).start();
            } catch (IOException e) {
                throw new Main.UsageException("cannot run '" + opt + "': " + Main.describe(e));
            }
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(opt + " did not finish in 30 minutes");
            }
            byte[] dump = Files.readAllBytes(dumpFile);
            if (p.exitValue() != 0) {
                String text = new String(dump, 0, Math.min(dump.length, 4000), StandardCharsets.ISO_8859_1).strip();
                int nl = text.indexOf('\n');
                throw new IOException(opt + " failed (exit status " + p.exitValue() + "): " + (nl < 0 ? text : text.substring(0, nl)));
            }
            return dump;
        } finally {
            Files.deleteIfExists(dumpFile);
        }
    }

    /** A path with a separator must be an executable file; a bare name must be one on PATH. */
    private static boolean executable(String opt) {
        if (opt.contains(File.separator)) return Files.isExecutable(Path.of(opt));
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, opt)) && !Files.isDirectory(Path.of(dir, opt))) return true;
        return false;
    }
}
