package dev.lkmmhazard.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code lkmm-hazard compile [OPTIONS] -- COMPILER ARGS...}: runs the user's clang or rustc command twice, once as given
 * and once without the optimizer, each writing textual IR into a temporary directory, then compares the two as
 * {@code diff} does. The decisions (which flags are added and removed, and why) are in {@code docs/compile.md}.
 */
final class CompileCommand implements Main.Command {
    @Override public String name() { return "compile"; }

    @Override public String summary() { return "run clang or rustc before and after optimization and diff the IR"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard compile [OPTIONS] -- COMPILER ARGS...")
                .paragraph("Runs the compile command after -- twice and reports which LKMM dependencies its\n"
                        + "optimizer broke, exactly as 'lkmm-hazard diff BEFORE.ll AFTER.ll' would:\n"
                        + "  after:  the command as given, writing textual IR (-S -emit-llvm; rustc --emit=llvm-ir)\n"
                        + "  before: the same plus -Xclang -disable-llvm-passes (clang, same -O level); rustc:\n"
                        + "          plus -C opt-level=0, because rustc's MIR optimizer already folds at opt-level 2\n"
                        + "          (and -C debug-assertions=off -C overflow-checks=off unless the command sets them,\n"
                        + "          so that both runs compile the same checks); with --rust-before mir, plus\n"
                        + "          -C no-prepopulate-passes at the command's level (the MIR of the optimized run)\n"
                        + "COMPILER is clang (clang, clang-N, a path to one) or rustc. The command compiles one\n"
                        + "source file with optimization (-O1 and up; rustc -O or -C opt-level=1 and up).\n"
                        + "compile takes out what would write other files (-c, -S, -E, -emit-llvm, -o FILE, -M*\n"
                        + "and -Wp,-M* dependency files, -flto, -save-temps, -fsyntax-only; rustc: -o, --emit,\n"
                        + "--out-dir, -C codegen-units, -C incremental, -C save-temps) and adds -g (rustc\n"
                        + "-C debuginfo=2) when the command has no debug info: diff matches accesses by source line.\n"
                        + "rustc also gets -C codegen-units=1, so that the IR is one file. The IR is written to a\n"
                        + "temporary directory that is deleted afterwards; --keep DIR keeps it.")
                .options("Options:", options())
                .paragraph("Examples:\n"
                        + "  lkmm-hazard compile -- clang-19 --target=x86_64-linux-gnu -O2 -g -ffreestanding \\\n"
                        + "      -c corpus/c/ctrl_identical.c -o ctrl_identical.o\n"
                        + "  lkmm-hazard compile --keep ir/ -- rustc --edition=2021 --crate-type=lib \\\n"
                        + "      -C panic=abort -C opt-level=2 corpus/rust/deps.rs")
                .paragraph("The compiler's warnings are shown on stderr. A compiler that is not found or that fails\n"
                        + "is reported on one line, followed by what the compiler printed.")
                .paragraph("Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage\n"
                        + "error, a compiler that is missing or failed, or IR that could not be read.")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("keep").hasArg().argName("DIR")
                .desc("write the IR to DIR (NAME.before.ll, NAME.after.ll) and keep it").get());
        o.addOption(Option.builder("v").longOpt("verbose")
                .desc("show the two commands run and everything the compiler printed").get());
        o.addOption(Option.builder().longOpt("rust-before").hasArg().argName("TWIN")
                .desc("rustc: the IR before optimization: O0 (default; -C opt-level=0, which also shows what rustc's MIR "
                        + "optimizer folded) or mir (-C no-prepopulate-passes at the command's level: the very IR LLVM "
                        + "optimizes, the .before.ll twin of scripts/rfl-ll.sh)").get());
        o.addOption(Option.builder().longOpt("passes")
                .desc("also name the pass that broke each dependency: a third, optimized run prints the IR after each "
                        + "pass (-print-changed), read as 'passes' does").get());
        ScanCommand.ReportChoice.addOptions(o);
        o.getOption("quiet").setDescription("text: only the findings (and no compiler warnings)");
        return o;
    }

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> command = line.getArgList();
        if (command.isEmpty())
            throw new Main.UsageException("compile needs a compiler command after -- (run 'lkmm-hazard compile --help')");
        ScanCommand.ReportChoice choice = ScanCommand.ReportChoice.of(line);
        boolean verbose = line.hasOption("verbose");
        Path keep = line.hasOption("keep") ? Path.of(line.getOptionValue("keep")) : null;
        if (keep != null && Files.exists(keep) && !Files.isDirectory(keep))
            throw new Main.UsageException("--keep " + keep + " is not a directory");

        Driver driver = Driver.of(command.get(0));
        String rustBefore = line.getOptionValue("rust-before");
        if (rustBefore != null && !rustBefore.equals("O0") && !rustBefore.equals("mir"))
            throw new Main.UsageException("--rust-before wants O0 or mir, not '" + rustBefore + "'");
        if (rustBefore != null && driver != Driver.RUSTC)
            throw new Main.UsageException("--rust-before is for rustc; clang's IR before optimization is -Xclang -disable-llvm-passes");
        Path tmp = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lkmm-hazard-compile-");
        // Ctrl-C runs shutdown hooks, not finally blocks: the hook removes the directory then.
        Thread cleanup = new Thread(() -> deleteTree(tmp), "lkmm-hazard-compile-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Path dir = tmp;
            if (keep != null) dir = Files.createDirectories(keep);
            Plan plan = driver.plan(command);
            if (rustBefore != null) plan = plan.rustBefore(rustBefore);
            String stem = plan.stem();
            Path beforeLl = dir.resolve(stem + ".before.ll"), afterLl = dir.resolve(stem + ".after.ll");
            List<String> after = plan.command(afterLl, false), before = plan.command(beforeLl, true);

            Run a = run(after, tmp.resolve("after.log"), verbose, err);
            if (a == null) return Main.ERROR;
            if (!a.ok()) return failed(command.get(0), null, a, err);
            if (!choice.quiet() || verbose) err.print(a.output());
            Run b = run(before, tmp.resolve("before.log"), verbose, err);
            if (b == null) return Main.ERROR;
            if (!b.ok()) return failed(command.get(0), "the run before optimization, with " + plan.beforeFlags(), b, err);
            if (verbose) err.print(b.output());
            for (Path p : List.of(afterLl, beforeLl)) {
                if (!Files.isRegularFile(p)) {
                    err.println(Main.PROG + ": error: " + command.get(0) + " succeeded but wrote no IR (does the command compile "
                            + plan.source() + "?)");
                    return Main.ERROR;
                }
            }

            java.util.function.UnaryOperator<dev.lkmmhazard.report.Finding> annotate = java.util.function.UnaryOperator.identity();
            if (line.hasOption("passes")) {
                // a third run, optimized, that prints the IR after each pass that changed it: the passes command reads it
                List<String> dumpRun = new ArrayList<>(plan.command(tmp.resolve(stem + ".dump.ll"), false));
                dumpRun.addAll(driver == Driver.CLANG
                        ? List.of("-mllvm", "-print-changed", "-mllvm", "-print-pass-numbers")
                        : List.of("-C", "llvm-args=-print-changed -print-pass-numbers"));
                Run d = run(dumpRun, tmp.resolve("dump.log"), verbose, err);
                if (d == null) return Main.ERROR;
                if (!d.ok()) return failed(command.get(0), "the run that prints the IR after each pass", d, err);
                if (keep != null) Files.writeString(dir.resolve(stem + ".passes.txt"), d.output(), java.nio.charset.StandardCharsets.ISO_8859_1);
                annotate = brokenBy(new dev.lkmmhazard.diff.PassBisection(stem + ".passes.txt",
                        dev.lkmmhazard.diff.PassDump.parse(d.output().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
                        dev.lkmmhazard.analysis.MarkedAccessConfig.defaults()).run().findings());
            }

            String where = keep != null ? "" : " (in a temporary directory, deleted now; --keep DIR keeps it)";
            String beforeName = keep != null ? beforeLl.toString() : beforeLl.getFileName().toString();
            String afterName = keep != null ? afterLl.toString() : afterLl.getFileName().toString();
            DiffCommand.Side bs = new DiffCommand.Side(beforeName, beforeLl, List.of(
                    "IR of " + plan.source() + " before optimization: the command with " + plan.beforeFlags() + where));
            DiffCommand.Side as = new DiffCommand.Side(afterName, afterLl, List.of(
                    "IR of " + plan.source() + " as the command optimizes it" + plan.changes() + where));
            return DiffCommand.compare(bs, as, choice, annotate, out, err);
        } finally {
            deleteTree(tmp);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // the JVM is shutting down already; the hook runs
            }
        }
    }

    // --------------------------------------------------------------------------------------------- running

    /** What one compiler run printed (stdout and stderr together) and how it ended. */
    /**
     * Names, for each finding of the diff, the pass the pass-by-pass reading found for the same cause in the same
     * function (the dump has no debug info, so the function and the cause are what the two have in common).
     */
    private static java.util.function.UnaryOperator<dev.lkmmhazard.report.Finding> brokenBy(List<dev.lkmmhazard.report.Finding> passFindings) {
        java.util.Map<String, dev.lkmmhazard.report.BrokenBy> by = new java.util.HashMap<>();
        for (dev.lkmmhazard.report.Finding f : passFindings)
            if (f.brokenBy() != null) by.putIfAbsent(f.check() + "\0" + f.function(), f.brokenBy());
        return f -> {
            dev.lkmmhazard.report.BrokenBy b = by.get(f.check() + "\0" + f.function());
            return b == null ? f : f.toBuilder().brokenBy(b).build();
        };
    }

    record Run(int status, String output) {
        boolean ok() { return status == 0; }
    }

    /** Runs one command in the current directory; null (after saying why) when it cannot be started. */
    private static Run run(List<String> command, Path log, boolean verbose, PrintStream err) throws IOException, InterruptedException {
        if (verbose) err.println(Main.PROG + ": running: " + shellQuoted(command));
        Process p;
        try {
            // stdout too goes to the log: a compiler printing there would otherwise corrupt a JSON report on stdout
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("error=2,") || m.contains("No such file"))
                err.println(Main.PROG + ": error: compiler not found: " + command.get(0) + " (is it installed and on PATH?)");
            else if (m.contains("error=13,") || m.contains("Permission denied"))
                err.println(Main.PROG + ": error: cannot run " + command.get(0) + ": permission denied");
            else err.println(Main.PROG + ": error: cannot run " + command.get(0) + ": " + Main.describe(e));
            return null;
        }
        p.getOutputStream().close(); // the source is read twice: standard input is never the source
        int status = p.waitFor();
        // not Files.readString: a compiler may print bytes that are not UTF-8, which that would refuse
        return new Run(status, new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    }

    private static final Pattern ERROR_LINE = Pattern.compile("(?:^|: )(?:fatal )?error(?:\\[E\\d+\\])?: ");

    /** One line naming the compiler's first error, then everything it printed, as it printed it. */
    private static int failed(String compiler, String which, Run r, PrintStream err) {
        String first = null;
        for (String l : r.output().split("\n")) {
            if (first == null && !l.isBlank()) first = l.strip();
            if (ERROR_LINE.matcher(l).find()) {
                first = l.strip();
                break;
            }
        }
        err.println(Main.PROG + ": error: " + compiler + " failed" + (which == null ? "" : " on " + which) + " (exit status "
                + r.status() + "): " + (first == null ? "it printed nothing" : first));
        if (first != null && !r.output().strip().equals(first)) {
            err.print(r.output());
            if (!r.output().endsWith("\n")) err.println();
        }
        return Main.ERROR;
    }

    static String shellQuoted(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String a : command) {
            if (sb.length() > 0) sb.append(' ');
            if (!a.isEmpty() && a.matches("[A-Za-z0-9_./=:,+@%^-]+")) sb.append(a);
            else sb.append('\'').append(a.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a leftover temporary directory is not worth failing the report for
        }
    }

    // --------------------------------------------------------------------------------------------- planning

    /**
     * The two command lines of one compile: {@code base} is the user's command with what conflicts taken out and
     * debug info added; the optimized run appends the IR output, the run before optimization also {@code beforeExtra}.
     */
    record Plan(String source, List<String> base, List<String> irOutput, List<String> beforeExtra, List<String> removed,
                List<String> added) {
        List<String> command(Path ll, boolean before) {
            List<String> c = new ArrayList<>(base);
            if (before) c.addAll(beforeExtra);
            for (String s : irOutput) c.add(s.equals(OUT) ? ll.toString() : s);
            return c;
        }

        String beforeFlags() { return String.join(" ", beforeExtra); }

        /**
         * rustc's IR before optimization for {@code --rust-before}: {@code mir} keeps the command's opt-level and runs
         * no LLVM pass ({@code -C no-prepopulate-passes}), so the MIR is the optimized run's; {@code O0} is the default.
         */
        Plan rustBefore(String twin) {
            if (!twin.equals("mir")) return this;
            return new Plan(source, base, irOutput, List.of("-C", "no-prepopulate-passes"), removed, added);
        }

        String changes() {
            StringBuilder sb = new StringBuilder();
            if (!removed.isEmpty()) sb.append("; taken out: ").append(String.join(" ", removed));
            if (!added.isEmpty()) sb.append("; added: ").append(String.join(" ", added));
            return sb.toString();
        }

        /** The source's name without directory and extension: NAME.before.ll, NAME.after.ll. */
        String stem() {
            String n = Path.of(source).getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }
    }

    /** Stands for the .ll path in {@link Plan#irOutput}. */
    private static final String OUT = "\0out";

    /** How one compiler is driven. */
    enum Driver {
        CLANG, RUSTC;

        private static final Pattern CLANG_NAME = Pattern.compile("(?:[\\w.+]+-)*clang(?:\\+\\+)?(?:-\\d+(?:\\.\\d+)*)?(?:\\.exe)?");
        private static final Pattern RUSTC_NAME = Pattern.compile("rustc(?:-\\d+(?:\\.\\d+)*)?(?:\\.exe)?");

        static Driver of(String executable) throws Main.UsageException {
            String name = new File(executable).getName();
            if (CLANG_NAME.matcher(name).matches()) return CLANG;
            if (RUSTC_NAME.matcher(name).matches()) return RUSTC;
            throw new Main.UsageException("unsupported compiler '" + executable + "': compile drives clang (clang, clang-N, or a "
                    + "path to one) and rustc, the compilers that write LLVM IR");
        }

        Plan plan(List<String> command) throws Main.UsageException {
            return this == CLANG ? clang(command) : rustc(command);
        }
    }

    // clang options whose value is the next argument: their values are never sources
    private static final Set<String> CLANG_VALUE = Set.of("-x", "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-idirafter",
            "-iquote", "-iprefix", "-iwithprefix", "-iwithprefixbefore", "-isysroot", "-Xclang", "-mllvm", "-Xlinker",
            "-Xassembler", "-Xpreprocessor", "-target", "-arch", "-L", "-l", "-F", "-T", "-z", "-u", "-e", "--sysroot",
            "--gcc-toolchain", "-ivfsoverlay", "-working-directory", "-include-pch", "-Xanalyzer", "-Xarch_host",
            "-Xarch_device", "-Xopenmp-target", "-fplugin-arg", "-B", "--param", "-aux-target");
    // dependency-file options with a value; joined forms (-MFfile) are caught by the prefix
    private static final Set<String> CLANG_DEP_VALUE = Set.of("-MF", "-MT", "-MQ", "-MJ");
    private static final Set<String> CLANG_DEP_FLAG = Set.of("-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-MV");
    // what would make clang write something other than IR, or nothing
    private static final Set<String> CLANG_MODE = Set.of("-c", "-S", "-E", "-emit-llvm", "-fsyntax-only", "-flto", "-save-temps");
    private static final Pattern SOURCE_EXT = Pattern.compile(".*\\.(?:c|i|h|cc|cp|cpp|cxx|c\\+\\+|C|ii|m|mm|cu|cl)");
    private static final Pattern DEBUG_ON = Pattern.compile("-g|-g[123]|-ggdb[123]?|-glldb|-gsce|-gdbx|-gdwarf(?:-\\d)?|-gline-tables-only"
            + "|-gline-directives-only|-gcodeview");
    private static final Pattern CLANG_OPT = Pattern.compile("-O(?:\\d*|s|z|g|fast)");
    private static final Pattern DEBUG_OFF = Pattern.compile("-g0|-ggdb0");

    static Plan clang(List<String> command) throws Main.UsageException {
        String exe = command.get(0);
        List<String> base = new ArrayList<>(List.of(exe)), removed = new ArrayList<>(), sources = new ArrayList<>();
        List<String> others = new ArrayList<>();
        String opt = null;
        boolean debug = false;
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            String next = i + 1 < command.size() ? command.get(i + 1) : null;
            if ((a.equals("-o") || CLANG_DEP_VALUE.contains(a)) && next != null) {
                removed.add(a + " " + next);
                i++;
                continue;
            }
            if ((a.startsWith("-o") && !a.startsWith("-ob")) || CLANG_MODE.contains(a) || a.startsWith("-flto=")
                    || a.startsWith("-save-temps=") || CLANG_DEP_FLAG.contains(a) || startsWithAny(a, CLANG_DEP_VALUE)
                    || a.startsWith("-Wp,-M")) {
                removed.add(a);
                continue;
            }
            if (CLANG_VALUE.contains(a) && next != null) {
                if (a.equals("-Xclang") && (next.equals("-disable-llvm-passes") || next.equals("-disable-llvm-optzns")))
                    throw new Main.UsageException("the command already has -Xclang " + next + ": compile runs it once as given "
                            + "(optimized) and once with -Xclang -disable-llvm-passes; leave it out");
                base.add(a);
                base.add(next);
                i++;
                continue;
            }
            if (CLANG_OPT.matcher(a).matches()) opt = a;
            else if (DEBUG_ON.matcher(a).matches()) debug = true;
            else if (DEBUG_OFF.matcher(a).matches()) debug = false;
            else if (a.equals("-") || (!a.startsWith("-") && SOURCE_EXT.matcher(a).matches())) sources.add(a);
            else if (!a.startsWith("-")) others.add(a);
            base.add(a);
        }
        // a file without a source extension is a source too when nothing else is (-x c foo)
        String source = oneSource(sources.isEmpty() ? others : sources, "a C source file (.c)");
        if (opt == null || opt.equals("-O0"))
            throw new Main.UsageException("the command does not optimize (" + (opt == null ? "no -O option" : "-O0")
                    + "): compile compares the IR before and after optimization; give the -O level you build with, e.g. -O2");
        List<String> added = new ArrayList<>(List.of("-S", "-emit-llvm"));
        // diff matches accesses by source position: without debug info it has little to go on
        if (!debug) {
            base.add("-g");
            added.add("-g");
        }
        return new Plan(source, base, List.of("-S", "-emit-llvm", "-o", OUT), List.of("-Xclang", "-disable-llvm-passes"), removed,
                added);
    }

    // rustc options whose value may be the next argument: their values are never sources
    private static final Set<String> RUSTC_VALUE = Set.of("-L", "-l", "--crate-type", "--crate-name", "--edition", "--target",
            "--extern", "--cfg", "--check-cfg", "--print", "--cap-lints", "-A", "-W", "-D", "-F", "--force-warn", "--explain",
            "--sysroot", "--remap-path-prefix", "--error-format", "--json", "--color", "--diagnostic-width", "-Z", "--env-set");
    private static final Set<String> RUSTC_OUTPUT = Set.of("-o", "--emit", "--out-dir");
    // -C settings that split or redirect the output
    private static final Set<String> RUSTC_DROP_C = Set.of("codegen-units", "incremental", "save-temps");

    static Plan rustc(List<String> command) throws Main.UsageException {
        String exe = command.get(0);
        List<String> base = new ArrayList<>(List.of(exe)), removed = new ArrayList<>(), sources = new ArrayList<>();
        String opt = null;
        boolean debug = false, debugAssertions = false, overflowChecks = false;
        for (int i = 1; i < command.size(); i++) {
            String a = command.get(i);
            String next = i + 1 < command.size() ? command.get(i + 1) : null;
            if (RUSTC_OUTPUT.contains(a) && next != null) {
                removed.add(a + " " + next);
                i++;
                continue;
            }
            if (a.startsWith("--emit=") || a.startsWith("--out-dir=") || (a.startsWith("-o") && a.length() > 2)) {
                removed.add(a);
                continue;
            }
            String setting = null; // the key=value of a -C option
            List<String> tokens = List.of(a);
            if ((a.equals("-C") || a.equals("--codegen")) && next != null) {
                setting = next;
                tokens = List.of(a, next);
                i++;
            } else if (a.startsWith("-C")) {
                setting = a.substring(2);
            } else if (a.startsWith("--codegen=")) {
                setting = a.substring("--codegen=".length());
            }
            if (setting != null) {
                int eq = setting.indexOf('=');
                String key = eq < 0 ? setting : setting.substring(0, eq), value = eq < 0 ? "" : setting.substring(eq + 1);
                if (RUSTC_DROP_C.contains(key)) {
                    removed.add(String.join(" ", tokens));
                    continue;
                }
                switch (key) {
                    case "opt-level" -> opt = value;
                    case "debuginfo" -> debug = !(value.equals("0") || value.equals("none"));
                    case "debug-assertions" -> debugAssertions = true;
                    case "overflow-checks" -> overflowChecks = true;
                    default -> { }
                }
                base.addAll(tokens);
                continue;
            }
            if (RUSTC_VALUE.contains(a) && next != null) {
                base.add(a);
                base.add(next);
                i++;
                continue;
            }
            if (a.equals("-O")) opt = "3";
            else if (a.equals("-g")) debug = true;
            else if (a.equals("-") || (!a.startsWith("-") && a.endsWith(".rs"))) sources.add(a);
            base.add(a);
        }
        String source = oneSource(sources, "a Rust source file (.rs)");
        if (opt == null || opt.equals("0"))
            throw new Main.UsageException("the command does not optimize (" + (opt == null ? "no -O or -C opt-level" : "-C opt-level=0")
                    + "): compile compares the IR before and after optimization; give the level you build with, e.g. -C opt-level=2");
        List<String> added = new ArrayList<>(List.of("--emit=llvm-ir", "-C", "codegen-units=1"));
        if (!debug) {
            base.addAll(List.of("-C", "debuginfo=2"));
            added.addAll(List.of("-C", "debuginfo=2"));
        }
        // rustc's MIR optimizer folds at opt-level 1 and up even with -C no-prepopulate-passes, so the IR before
        // optimization is opt-level 0's. opt-level 0 also turns debug assertions and overflow checks on by default:
        // pin them to the optimized run's (off, unless the command sets them) so both compile the same program.
        List<String> beforeExtra = new ArrayList<>(List.of("-C", "opt-level=0"));
        if (!debugAssertions) beforeExtra.addAll(List.of("-C", "debug-assertions=off"));
        if (!debugAssertions && !overflowChecks) beforeExtra.addAll(List.of("-C", "overflow-checks=off"));
        return new Plan(source, base, List.of("--emit=llvm-ir", "-C", "codegen-units=1", "-o", OUT), beforeExtra, removed, added);
    }

    private static String oneSource(List<String> sources, String what) throws Main.UsageException {
        if (sources.contains("-"))
            throw new Main.UsageException("compile runs the compiler twice and cannot read the source from standard input (-) twice; "
                    + "give a file");
        if (sources.isEmpty()) throw new Main.UsageException("the command names no source file: give " + what);
        if (sources.size() > 1)
            throw new Main.UsageException("the command compiles " + sources.size() + " files (" + String.join(", ", sources)
                    + "); compile takes one source file per run");
        return sources.get(0);
    }

    private static boolean startsWithAny(String a, Set<String> prefixes) {
        for (String p : prefixes) if (a.startsWith(p)) return true;
        return false;
    }
}
