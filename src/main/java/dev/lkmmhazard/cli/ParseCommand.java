package dev.lkmmhazard.cli;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseError;
import dev.lkmmhazard.parse.ParseResult;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard parse}: reads files and reports what could not be read; checks inputs and measures the reader. */
final class ParseCommand implements Main.Command {

    @Override public String name() { return "parse"; }

    @Override public String summary() { return "read .ll files and report parse errors and counts (checks inputs)"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard parse [-j N] [--quiet] PATH...")
                .paragraph("Reads each .ll file (directories: every *.ll below them, sorted; - is standard\n"
                        + "input) and prints its parse errors as FILE:LINE:COL: error: ... lines, then one summary\n"
                        + "line: files, functions, instructions, errors, and the reading speed. Nothing is analysed.")
                .options("Options:", options())
                .paragraph("Example:\n"
                        + "  lkmm-hazard parse -j 2 corpus/ir/clang-19")
                .paragraph("Exit status: 0 when every file was read without error, 2 otherwise.")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("j").longOpt("jobs").hasArg().argName("N")
                .desc("files read in parallel (default: the number of cores)").get());
        o.addOption(Option.builder("q").longOpt("quiet").desc("print only errors").get());
        return o;
    }

    private record FileResult(List<ParseError> errors, int functions, long instructions, long bytes) {}

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        if (line.getArgList().isEmpty()) throw new Main.UsageException("no input files (run 'lkmm-hazard parse --help')");
        int jobs = Runtime.getRuntime().availableProcessors();
        if (line.hasOption("jobs")) {
            try {
                jobs = Integer.parseInt(line.getOptionValue("jobs"));
            } catch (NumberFormatException e) {
                jobs = 0;
            }
            if (jobs < 1) throw new Main.UsageException("--jobs takes a whole number of at least 1");
        }
        List<ScanCommand.Input> files = ScanCommand.inputs(line.getArgList());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Future<FileResult>> results = new ArrayList<>();
        for (ScanCommand.Input f : files) results.add(f.error() == null ? pool.submit(() -> readOne(f)) : null);
        pool.shutdown();
        int errors = 0, badFiles = 0, functions = 0;
        long instructions = 0, bytes = 0;
        // reported in the order of the file list, whatever order the threads finish in
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).error() != null) { // a path that could not be listed or examined: an input with an error, in its place
                err.println(files.get(i).error());
                errors++;
                badFiles++;
                continue;
            }
            FileResult r;
            try {
                r = results.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
                err.println(files.get(i).name() + ": error: " + Main.describe(e.getCause()));
                errors++;
                badFiles++;
                continue;
            }
            for (ParseError e : r.errors) err.println(e.diagnostic());
            errors += r.errors.size();
            if (!r.errors.isEmpty()) badFiles++;
            functions += r.functions;
            instructions += r.instructions;
            bytes += r.bytes;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!line.hasOption("quiet")) {
            out.printf("%d %s (%d with errors), %d functions, %d instructions, %d %s; %.1f MB in %.2f s (%.1f MB/s)%n",
                    files.size(), files.size() == 1 ? "file" : "files", badFiles, functions, instructions, errors,
                    errors == 1 ? "error" : "errors", bytes / 1e6, seconds, bytes / 1e6 / Math.max(seconds, 1e-9));
        }
        return errors == 0 ? Main.OK : Main.ERROR;
    }

    private static FileResult readOne(ScanCommand.Input in) throws Exception {
        byte[] stdin = in.isStdin() ? IrInput.readStdin() : null;
        long size = in.isStdin() ? stdin.length : Files.size(in.path());
        ParseResult r = in.isStdin() ? IrReader.read(in.name(), stdin) : IrReader.read(in.path());
        Module m = r.module();
        int functions = 0;
        long instructions = 0;
        if (m != null) {
            for (Function fn : m.functions()) {
                if (!fn.isDefinition()) continue;
                functions++;
                for (BasicBlock b : fn.blocks()) instructions += b.instructions().size();
            }
        }
        return new FileResult(r.errors(), functions, instructions, size);
    }
}
