package dev.lkmmhazard.cli;

import dev.lkmmhazard.ir.ModulePrinter;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseError;
import dev.lkmmhazard.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The {@code lkmm-hazard} command line: {@code lkmm-hazard <command> [options]}.
 *
 * <p>Exit status: 0 on success, 2 on a usage error, an input that could not be read or parsed, or any other error.
 * Errors are one line on stderr ({@code lkmm-hazard: error: ...}, or {@code FILE:LINE:COL: error: ...} for input
 * problems); no stack trace is ever shown.
 */
public final class Main {
    static final String PROG = "lkmm-hazard";
    static final int OK = 0;
    static final int ERROR = 2;

    /** One subcommand. */
    interface Command {
        String name();
        /** One line for the command list. */
        String summary();
        /** The whole {@code --help} text of the command, with an example. */
        String help();
        Options options();
        int run(CommandLine line, PrintStream out, PrintStream err) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();
    static {
        register(new ScanCommand());
        register(new DiffCommand());
        register(new CompileCommand());
        register(new PassesCommand());
        register(new CompareCommand());
        register(new MergeCommand());
        register(new Explain.ChecksCommand());
        register(new Explain.ExplainCommand());
        register(new DepsCommand());
        register(new ParseCommand());
        register(new PrintCommand());
    }

    private static void register(Command c) { COMMANDS.put(c.name(), c); }

    static Collection<Command> commands() { return COMMANDS.values(); }

    private Main() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (Throwable t) { // run() already catches everything; this is the last guard
            System.err.println(PROG + ": error: " + describe(t));
            status = ERROR;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. Never throws. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(args, out, err);
        } catch (UsageException e) {
            err.println(PROG + ": error: " + e.getMessage());
            return ERROR;
        } catch (OutOfMemoryError e) {
            err.println(PROG + ": error: out of memory (give the JVM more with java -Xmx..., e.g. -Xmx8g)");
            return ERROR;
        } catch (Throwable t) {
            err.println(PROG + ": error: " + describe(t));
            return ERROR;
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0)
            throw new UsageException("no command given (run '" + PROG + " --help' for the list of commands)");
        String first = args[0];
        switch (first) {
            case "-h":
            case "--help":
                out.print(generalHelp());
                return OK;
            case "-V":
            case "--version":
                out.println(PROG + " " + version());
                return OK;
            case "help":
                if (args.length == 1) {
                    out.print(generalHelp());
                    return OK;
                }
                out.print(command(args[1]).help());
                return OK;
            default:
                break;
        }
        if (first.startsWith("-"))
            throw new UsageException("unknown option '" + first + "' (a command comes first; run '" + PROG + " --help')");
        Command cmd = command(first);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        for (String a : rest) {
            if (a.equals("--")) break;
            if (a.equals("-h") || a.equals("--help")) {
                out.print(cmd.help());
                return OK;
            }
        }
        CommandLine line;
        try {
            line = new DefaultParser().parse(cmd.options(), rest);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option '" + e.getOption() + "' for '" + cmd.name() + "' (run '" + PROG + " "
                    + cmd.name() + " --help')");
        } catch (MissingArgumentException e) {
            throw new UsageException("option '" + optionName(e.getOption()) + "' needs a value (run '" + PROG + " " + cmd.name()
                    + " --help')");
        } catch (ParseException e) {
            throw new UsageException(e.getMessage() + " (run '" + PROG + " " + cmd.name() + " --help')");
        }
        return cmd.run(line, out, err);
    }

    private static String optionName(Option o) { return o.getLongOpt() != null ? "--" + o.getLongOpt() : "-" + o.getOpt(); }

    private static Command command(String name) throws UsageException {
        Command c = COMMANDS.get(name);
        if (c == null)
            throw new UsageException("unknown command '" + name + "' (commands: " + String.join(", ", COMMANDS.keySet())
                    + "; run '" + PROG + " --help')");
        return c;
    }

    /** The options before a command; dispatch() handles them itself. */
    private static Options generalOptions() {
        Options o = new Options();
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
        o.addOption(Option.builder("V").longOpt("version").desc("show the version").get());
        return o;
    }

    static String generalHelp() {
        StringBuilder commands = new StringBuilder("Commands:");
        int width = 0;
        for (String n : COMMANDS.keySet()) width = Math.max(width, n.length());
        for (Command c : COMMANDS.values()) {
            commands.append("\n  ").append(c.name());
            for (int i = c.name().length(); i < width + 3; i++) commands.append(' ');
            commands.append(c.summary());
        }
        return new Help("Usage: " + PROG + " <command> [options]")
                .paragraph("Finds where compiler optimizations break Linux-kernel memory model dependencies\n"
                        + "in textual LLVM IR (.ll files written by clang or rustc).")
                .paragraph(commands.toString())
                .options("Options:", generalOptions())
                .paragraph("Run '" + PROG + " <command> --help' for a command's options and an example.\n"
                        + "Exit status: 0 on success; scan, diff, compile, passes, merge: 1 when a finding is at or\n"
                        + "above --fail-on; compare: 1 when a finding is new;\n"
                        + "2 on a usage error or an input that could not be read.")
                .text();
    }

    /** The version from the jar's Maven metadata, or a marker when run from a build tree. */
    static String version() {
        String v = Main.class.getPackage() == null ? null : Main.class.getPackage().getImplementationVersion();
        if (v != null) return v;
        try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/dev.lkmmhazard/lkmm-hazard/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pv = p.getProperty("version");
                if (pv != null) return pv;
            }
        } catch (IOException ignored) {
            // fall through to the marker
        }
        return "(development build)";
    }

    /** A one-line description of an unexpected failure. */
    static String describe(Throwable t) {
        if (t instanceof NoSuchFileException e) return "no such file: " + e.getFile();
        if (t instanceof AccessDeniedException e) return "permission denied: " + e.getFile();
        if (t instanceof java.nio.file.FileSystemException e)
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : t.getClass().getSimpleName());
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) return t.getClass().getSimpleName();
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }

    /** A mistake in the command line: reported as one line, exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) { super(message, null, false, false); }
    }

    // ------------------------------------------------------------------------------------------------- print

    /** {@code lkmm-hazard print FILE.ll [-o OUT] [--partial]}. */
    static final class PrintCommand implements Command {
        @Override public String name() { return "print"; }
        @Override public String summary() { return "parse a .ll file and print it back as LLVM IR (checks that it can be read)"; }

        @Override public Options options() {
            Options o = new Options();
            o.addOption(Option.builder("o").longOpt("output").hasArg().argName("OUT")
                    .desc("write to OUT instead of standard output").get());
            o.addOption(Option.builder().longOpt("partial")
                    .desc("on parse errors, still print what could be read (a function with an error is left out); "
                            + "the exit status stays 2").get());
            o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
            return o;
        }

        @Override public String help() {
            return new Help("Usage: " + PROG + " print FILE.ll|- [-o OUT] [--partial]")
                    .paragraph("Reads FILE.ll (textual LLVM IR written by clang or rustc, LLVM 14 to 22) and prints the\n"
                            + "module back as LLVM IR that the same LLVM version's llvm-as accepts. Use it to check that\n"
                            + "a file can be read, or to see what the tool understood of it. - reads standard input.")
                    .options("Options:", options())
                    .paragraph("Example:\n"
                            + "  " + PROG + " print corpus/ir/clang-19/x86_64/O2/atomics.ll -o atomics.printed.ll")
                    .paragraph("Exit status: 0 when the file was read and printed; 2 when it had errors (each is\n"
                            + "reported as FILE:LINE:COL: error: ... on stderr) or on a usage error.")
                    .text();
        }

        @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
            List<String> files = line.getArgList();
            if (files.isEmpty())
                throw new UsageException("print needs a FILE.ll (run '" + PROG + " print --help')");
            if (files.size() > 1)
                throw new UsageException("print takes one FILE.ll, got " + files.size() + " (run '" + PROG + " print --help')");
            String file = IrInput.nameOf(files.get(0));
            IrInput.requireFile(files.get(0), "a .ll file");
            ParseResult result = IrInput.read(files.get(0));
            for (ParseError e : result.errors()) err.println(e.diagnostic());
            boolean failed = !result.ok() || result.module() == null;
            if (result.module() == null && result.errors().isEmpty())
                err.println(file + ": error: nothing could be read from the file");
            if (failed && !line.hasOption("partial")) return ERROR;
            if (result.module() == null) return ERROR;

            String output = line.getOptionValue("output");
            if (output == null || output.equals("-")) {
                ModulePrinter.print(result.module(), (OutputStream) out);
            } else {
                try (OutputStream os = Files.newOutputStream(Path.of(output))) {
                    ModulePrinter.print(result.module(), os);
                }
            }
            return failed ? ERROR : OK;
        }
    }
}
