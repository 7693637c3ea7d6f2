package dev.lkmmhazard.cli;

import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.PipelineStage;
import dev.lkmmhazard.checks.Check;
import dev.lkmmhazard.checks.CheckRegistry;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.checks.ModuleScanner;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.HtmlReport;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.report.RuleInfo;
import dev.lkmmhazard.report.SarifReport;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.report.TextReport;
import dev.lkmmhazard.report.ToolInfo;
import dev.lkmmhazard.rules.Rule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard scan}: every single-file check over the given IR; what kernel CI runs. */
final class ScanCommand implements Main.Command {
    static final int FINDINGS = 1;

    @Override public String name() { return "scan"; }

    @Override public String summary() { return "report LKMM dependency hazards in .ll files (text, JSON, SARIF or HTML)"; }

    @Override public String help() {
        Options o = options();
        return new Help("Usage: lkmm-hazard scan [OPTIONS] PATH...")
                .paragraph("Runs the hazard checks over textual LLVM IR from clang or rustc. PATH is a .ll file, a\n"
                        + "directory (every *.ll below it, in sorted order) or - for standard input. Optimized IR\n"
                        + "(-O2) gets the checks that find what the optimizer broke; IR before optimization (-O0,\n"
                        + "-Xclang -disable-llvm-passes) gets the fragile-* checks that find what it could break.\n"
                        + "The tool tells the two apart from the IR; --pre-opt / --optimized override it.\n"
                        + "Compile with -g (rustc: -C debuginfo=2) so findings carry source lines; without it some\n"
                        + "checks cannot run, and the report says so once per file.")
                .options("Output:", o, "format", "output", "quiet", "color")
                .options("Choosing checks (run 'lkmm-hazard checks' for the list):", o, "checks", "disable", "pre-opt",
                        "optimized")
                .options("CI:", o, "fail-on", "baseline", "config", "jobs", "shard", "max-size")
                .paragraph("Examples:\n"
                        + "  lkmm-hazard scan corpus/ir/clang-19/x86_64/O2-g\n"
                        + "  lkmm-hazard scan --format sarif -o hazards.sarif build/\n"
                        + "  lkmm-hazard scan --format html -o hazards.html build/\n"
                        + "  lkmm-hazard scan --format json -o new.json --baseline old.json build/\n"
                        + "  lkmm-hazard scan --shard 2/4 --format json -o part2.json build/")
                .paragraph("Exit status: 0 when no finding is at or above --fail-on; 1 when one is; 2 on a usage\n"
                        + "error or when a file could not be read or parsed or a directory listed (the other files\n"
                        + "are still scanned and reported).")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        ReportChoice.addOptions(o);
        o.addOption(Option.builder().longOpt("checks").hasArg().argName("ID,...").desc("run only these checks").get());
        o.addOption(Option.builder().longOpt("disable").hasArg().argName("ID,...").desc("run all but these checks").get());
        o.addOption(Option.builder().longOpt("pre-opt").desc("treat every input as IR before optimization").get());
        o.addOption(Option.builder().longOpt("optimized").desc("treat every input as optimized IR").get());
        o.addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                .desc("JSON: extra marked helper functions, suppressions by fingerprint or by function glob "
                        + "(see docs/scan.md)").get());
        o.addOption(Option.builder("j").longOpt("jobs").hasArg().argName("N")
                .desc("files scanned in parallel (default: the number of cores)").get());
        o.addOption(Option.builder().longOpt("shard").hasArg().argName("K/N")
                .desc("scan only part K of N of the files (a CI matrix: one part per machine, then "
                        + "'lkmm-hazard merge' joins the JSON reports)").get());
        o.addOption(Option.builder().longOpt("max-size").hasArg().argName("MB")
                .desc("a larger file is an error, not read (default 512)").get());
        return o;
    }

    /** What the options ask for. */
    record Settings(List<Check> checks, PipelineStage forcedStage, MarkedAccessConfig marked, int jobs, long maxSize) {}

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> args = line.getArgList();
        if (args.isEmpty()) throw new Main.UsageException("no input (give .ll files, directories or -; run 'lkmm-hazard scan --help')");
        ReportChoice choice = ReportChoice.of(line);
        if (line.hasOption("pre-opt") && line.hasOption("optimized"))
            throw new Main.UsageException("--pre-opt and --optimized exclude each other");
        ScanConfig config = line.hasOption("config") ? ScanConfig.read(Path.of(line.getOptionValue("config"))) : ScanConfig.EMPTY;
        Baseline baseline = choice.baseline();
        Settings settings = new Settings(chosenChecks(line), line.hasOption("pre-opt") ? PipelineStage.PRE_OPT_BY_USER
                : line.hasOption("optimized") ? PipelineStage.OPTIMIZED_BY_USER : null, config.markedAccessConfig(), jobs(line),
                maxSize(line));

        List<Input> inputs = inputs(args);
        if (line.hasOption("shard")) inputs = Shard.parse(line.getOptionValue("shard")).of(inputs);
        Progress progress = choice.quiet() ? null : Progress.forStderr(err, inputs.size());
        List<Scanned> scanned = scanAll(inputs, settings, progress);
        if (progress != null) progress.finish();

        List<FileResult> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        int suppressed = 0, baselined = 0;
        for (Scanned s : scanned) {
            files.add(s.file);
            for (Finding f : s.findings) {
                if (config.suppressed(f)) suppressed++;
                else if (baseline.absorbs(f.fingerprint())) baselined++;
                else findings.add(f);
            }
        }
        ScanReport report = new ScanReport(ToolInfo.of(Main.version()), files, findings, suppressed, baselined);
        return choice.finish(report, scanRules(), out, err);
    }

    /** The rules of scan's SARIF: every check, in the order scan runs them, whichever --checks chose. */
    static List<Rule> scanRules() {
        List<Rule> out = new ArrayList<>();
        for (Check c : CheckRegistry.all()) out.add(c.rule());
        return out;
    }

    /** The output options that scan and diff share, and what they decide: the report and the exit status. */
    record ReportChoice(String format, Severity failOn, boolean quiet, String output, Baseline baseline,
                        TextReport.Palette palette) {
        static void addOptions(Options o) {
            o.addOption(Option.builder().longOpt("color").hasArg().argName("WHEN")
                    .desc("auto (default): colour text diagnostics on a terminal, unless NO_COLOR is set; always; "
                            + "never. A file or a pipe is never coloured on auto").get());
            o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                    .desc("text (default): clang-style diagnostics with the evidence; json: for CI and --baseline; "
                            + "sarif: SARIF 2.1.0 for code-scanning UIs; html: one self-contained page with IR excerpts "
                            + "and CFG pictures").get());
            o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                    .desc("write the report to FILE instead of standard output").get());
            o.addOption(Option.builder("q").longOpt("quiet")
                    .desc("text: only the findings, no per-file remarks, summary or progress").get());
            o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("LEVEL")
                    .desc("error (default), warning, note or never: exit 1 when a finding at or above LEVEL is "
                            + "reported").get());
            o.addOption(Option.builder().longOpt("baseline").hasArg().argName("FILE")
                    .desc("a JSON report of an earlier run: its findings (by fingerprint) are not reported again").get());
        }

        static ReportChoice of(CommandLine line) throws Main.UsageException {
            String format = line.getOptionValue("format", "text");
            if (!Set.of("text", "json", "sarif", "html").contains(format))
                throw new Main.UsageException("unknown format '" + format + "' (text, json, sarif or html)");
            Severity failOn = null;
            String failOnText = line.getOptionValue("fail-on", "error");
            if (!failOnText.equals("never")) {
                failOn = Severity.parse(failOnText);
                if (failOn == null)
                    throw new Main.UsageException("--fail-on takes error, warning, note or never, not '" + failOnText + "'");
            }
            Baseline baseline = line.hasOption("baseline") ? Baseline.read(Path.of(line.getOptionValue("baseline"))) : Baseline.NONE;
            return new ReportChoice(format, failOn, line.hasOption("quiet"), line.getOptionValue("output"), baseline,
                    palette(line.getOptionValue("color", "auto"), format, line.getOptionValue("output")));
        }

        /** The colours of text output: --color always or never, else (auto) a terminal's unless NO_COLOR is set. */
        static TextReport.Palette palette(String when, String format, String output) throws Main.UsageException {
            boolean colour = switch (when) {
                case "always" -> true;
                case "never" -> false;
                case "auto" -> (output == null || output.equals("-")) && noColorUnset() && Terminal.stdoutIsTerminal()
                        && !"dumb".equals(System.getenv("TERM"));
                default -> throw new Main.UsageException("--color takes auto, always or never, not '" + when + "'");
            };
            return colour && format.equals("text") ? TextReport.Palette.ANSI : TextReport.Palette.PLAIN;
        }

        /** https://no-color.org: any non-empty NO_COLOR turns colour off. */
        private static boolean noColorUnset() {
            String v = System.getenv("NO_COLOR");
            return v == null || v.isEmpty();
        }

        /**
         * Writes the report, errors to stderr as a compiler would, and returns the exit status. {@code rules} are the
         * rules of the command that made the report, which SARIF lists.
         */
        int finish(ScanReport report, List<Rule> rules, PrintStream out, PrintStream err) throws IOException {
            for (FileResult f : report.files()) if (!f.ok()) err.println(f.error());
            emit(output, out, os -> render(report, rules, format, quiet, palette, os));
            if (report.anyFileFailed()) return Main.ERROR;
            if (failOn != null) for (Finding f : report.findings()) if (f.severity().atLeast(failOn)) return FINDINGS;
            return Main.OK;
        }
    }

    private static List<Check> chosenChecks(CommandLine line) throws Main.UsageException {
        try {
            if (line.hasOption("checks") && line.hasOption("disable"))
                throw new Main.UsageException("--checks and --disable exclude each other");
            if (line.hasOption("checks")) return CheckRegistry.select(ids(line.getOptionValue("checks")));
            List<Check> all = new ArrayList<>(CheckRegistry.all());
            if (line.hasOption("disable")) all.removeAll(CheckRegistry.select(ids(line.getOptionValue("disable"))));
            return all;
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage() + " (run 'lkmm-hazard checks' for the list)");
        }
    }

    private static Set<String> ids(String list) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : list.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    static int jobs(CommandLine line) throws Main.UsageException {
        if (!line.hasOption("jobs")) return Runtime.getRuntime().availableProcessors();
        try {
            int j = Integer.parseInt(line.getOptionValue("jobs"));
            if (j >= 1) return j;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Main.UsageException("--jobs takes a whole number of at least 1");
    }

    static long maxSize(CommandLine line) throws Main.UsageException {
        if (!line.hasOption("max-size")) return IrReader.DEFAULT_MAX_SIZE;
        try {
            long mb = Long.parseLong(line.getOptionValue("max-size"));
            if (mb >= 1 && mb <= 2048) return mb << 20;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Main.UsageException("--max-size takes a size in MB from 1 to 2048");
    }

    // --------------------------------------------------------------------------------------------- scanning

    /** One input: a file, standard input, or a path that could not be listed (error: its one-line report). */
    record Input(String name, Path path, String error) {
        static Input of(InputFiles.Found f) { return new Input(f.path().toString(), f.path(), f.error()); }

        boolean isStdin() { return path == null; }
    }

    record Scanned(FileResult file, List<Finding> findings) {}

    static List<Input> inputs(List<String> args) throws Main.UsageException {
        List<Input> out = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        boolean stdin = false;
        for (String a : args) {
            if (a.equals("-")) {
                if (stdin) throw new Main.UsageException("standard input (-) can be given only once");
                stdin = true;
                for (InputFiles.Found f : InputFiles.expand(paths)) out.add(Input.of(f));
                paths.clear();
                out.add(new Input(IrInput.STDIN_NAME, null, null));
            } else {
                paths.add(a);
            }
        }
        for (InputFiles.Found f : InputFiles.expand(paths)) out.add(Input.of(f));
        return out;
    }

    static List<Scanned> scanAll(List<Input> inputs, Settings settings, Progress progress) throws InterruptedException {
        return LargestFirst.run(inputs, in -> in.path == null ? 0 : LargestFirst.sizeOf(in.path), settings.jobs, "scan",
                in -> scanOne(in, settings),
                (in, cause) -> new Scanned(FileResult.failed(in.name, in.name + ": error: " + Main.describe(cause)), List.of()),
                progress);
    }

    /** Reads, parses and checks one input; never throws for what the input contains. */
    static Scanned scanOne(Input in, Settings settings) {
        // a path that could not be listed or examined: reported, and counted, as a file that could not be read
        if (in.error != null) return new Scanned(FileResult.failed(in.name, in.error), List.of());
        ParseResult pr;
        try {
            // metadata deferred: a scan reads a small part of the debug info, which is most of the file
            pr = in.isStdin() ? IrReader.read(in.name, IrInput.readStdin(), true) : IrReader.read(in.path, settings.maxSize, true);
        } catch (OutOfMemoryError e) {
            return new Scanned(FileResult.failed(in.name, in.name + ": error: too large to read in this heap (give the JVM more with -Xmx)"), List.of());
        } catch (IOException | RuntimeException e) {
            return new Scanned(FileResult.failed(in.name, in.name + ": error: " + Main.describe(e)), List.of());
        }
        String error = null;
        if (!pr.ok() || pr.module() == null) {
            error = pr.errors().isEmpty() ? in.name + ": error: nothing could be read" : pr.errors().get(0).diagnostic();
            if (pr.errors().size() > 1) error += " (and " + (pr.errors().size() - 1) + " more errors)";
            if (pr.module() == null) return new Scanned(FileResult.failed(in.name, error), List.of());
            // The reader lost only what the errors name (a function with an instruction of a newer LLVM becomes a
            // declaration): the rest is scanned, and the file still counts as failed for the exit status.
            error += "; the rest of the file was scanned";
        }
        PipelineStage stage = settings.forcedStage != null ? settings.forcedStage : PipelineStage.of(pr.module());
        ModuleContext ctx = new ModuleContext(in.name, pr.module(), settings.marked, stage);
        ModuleScanner.Result result = new ModuleScanner(settings.checks).scan(ctx);
        int functions = 0;
        long instructions = 0;
        for (FunctionContext fc : ctx.functions()) {
            functions++;
            for (BasicBlock b : fc.function().blocks()) instructions += b.instructions().size();
        }
        String late = pr.deferredErrorLine();
        if (late != null && error == null) error = late + "; the rest of the file was scanned";
        List<String> notes = new ArrayList<>();
        if (!stage.optimized()) notes.add("read as IR before optimization (" + stage.reason() + "): fragile-* checks ran");
        notes.addAll(result.notes());
        return new Scanned(new FileResult(in.name, error == null, error, stage.optimized() ? "optimized" : "pre-optimization",
                functions, instructions, notes), result.findings());
    }

    // --------------------------------------------------------------------------------------------- output

    /** Each rule's RuleInfo, made once: reading and converting the pages costs more than writing a small report. */
    private static final java.util.Map<Rule, RuleInfo> RULE_INFOS = new java.util.concurrent.ConcurrentHashMap<>();

    /** What SARIF says of each rule, from the registry and the rules' pages. */
    static List<RuleInfo> rules(List<Rule> rules) {
        List<RuleInfo> out = new ArrayList<>();
        for (Rule r : rules) out.add(RULE_INFOS.computeIfAbsent(r, ScanCommand::ruleInfo));
        return out;
    }

    private static RuleInfo ruleInfo(Rule r) {
        String page = r.page();
        // a build without the page still says what the rule finds
        String text = page != null ? Explain.plainText(page) : r.description();
        return new RuleInfo(r.id(), r.summary(), r.description(), r.severity(), text, page, r.precision().keyword, r.tags());
    }

    static void write(ScanReport report, List<Rule> rules, String format, boolean quiet, String output, PrintStream stdout)
            throws IOException {
        emit(output, stdout, os -> render(report, rules, format, quiet, TextReport.Palette.PLAIN, os));
    }

    /** Writes a report's bytes. */
    interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    /** Writes to standard output (output null or -) or atomically to the file output; shared by every report writer. */
    static void emit(String output, PrintStream stdout, Body body) throws IOException {
        if (output == null || output.equals("-")) {
            body.writeTo(stdout);
            stdout.flush();
            return;
        }
        // Written beside the target and renamed into place, so no reader ever sees half a report.
        Path target = Path.of(output).toAbsolutePath();
        Path dir = target.getParent();
        // The name is chosen, and the hook that removes it registered, before the file exists: a signal that lands
        // right after the file is created finds the hook in place.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36)
                + ".tmp");
        // Ctrl-C (SIGINT) and SIGTERM run the shutdown hooks, not the finally below: the hook removes the temporary
        // file. If the rename came first, the report is whole; if not, the rename then fails and nothing is left.
        Thread cleanup = new Thread(() -> {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the JVM is exiting; nothing else can be done
            }
        }, "remove-partial-report");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Files.createFile(tmp);
        try {
            // WRITE without CREATE: a file the hook has removed is not made again
            try (OutputStream os = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                body.writeTo(os);
            }
            readableByAll(tmp);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds nothing to delete
            }
        }
    }

    /** A temporary file is private to its owner; a report is for the whole CI job to read (rw-r--r--). */
    private static void readableByAll(Path p) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: keep what it gave
        }
    }

    private static void render(ScanReport report, List<Rule> rules, String format, boolean quiet,
                               TextReport.Palette palette, OutputStream os) throws IOException {
        switch (format) {
            case "json" -> JsonReport.write(report, os);
            case "sarif" -> SarifReport.write(report, rules(rules), os);
            case "html" -> HtmlReport.write(report, os);
            default -> {
                Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
                if (quiet) TextReport.writeFindings(report, w, palette);
                else TextReport.write(report, w, palette);
                w.flush();
            }
        }
    }

    // --------------------------------------------------------------------------------------------- progress

    /** A progress line on a terminal's stderr for scans that take a while; nothing otherwise. */
    static final class Progress {
        private final PrintStream err;
        private final int total;
        private final long start = System.nanoTime();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();
        private volatile long lastShown;
        private volatile boolean shown;

        private Progress(PrintStream err, int total) {
            this.err = err;
            this.total = total;
        }

        /** A progress line only when stderr is a terminal. */
        static Progress forStderr(PrintStream err, int total) {
            return err == System.err && Terminal.stderrIsTerminal() ? new Progress(err, total) : null;
        }

        void fileDone(long size) {
            int d = done.incrementAndGet();
            long b = bytes.addAndGet(size);
            long now = System.nanoTime();
            // quiet for the first two seconds: short scans print nothing
            if (now - start < 2_000_000_000L || now - lastShown < 250_000_000L) return;
            synchronized (this) {
                lastShown = now;
                shown = true;
                double s = (now - start) / 1e9;
                err.printf("\r%d/%d files, %.1f MB/s ", d, total, b / 1e6 / s);
                err.flush();
            }
        }

        synchronized void finish() {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
