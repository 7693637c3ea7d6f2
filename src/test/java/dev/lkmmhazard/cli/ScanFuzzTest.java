package dev.lkmmhazard.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.PipelineStage;
import dev.lkmmhazard.checks.CheckRegistry;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.checks.ModuleScanner;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseError;
import dev.lkmmhazard.parse.ParseResult;
import dev.lkmmhazard.report.FileResult;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.HtmlReport;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.report.SarifReport;
import dev.lkmmhazard.report.ScanReport;
import dev.lkmmhazard.report.TextReport;
import dev.lkmmhazard.report.ToolInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzes the reader and the whole scan pipeline with Jazzer: every input is parsed, scanned by every check (read as
 * optimized IR and as IR before optimization, so both sets of checks see it) and written in every report format.
 *
 * <p>Under plain JUnit this runs the seeds only: the inputs under {@code ScanFuzzTestInputs/scan} in the test
 * resources, which are the regressions of earlier findings plus corpus files copied there by the pom. The pom's
 * {@code fuzz} execution of surefire sets {@code JAZZER_FUZZ=1}, which makes Jazzer mutate them for
 * {@code maxDuration}; {@code scripts/fuzz.sh} runs the same target for longer.
 *
 * <p>A finding is anything but the expected outcome: an exception escaping the reader or a writer, a check that
 * failed (ModuleScanner turns that into a note so the user keeps the other checks; here it is a bug), a diagnostic
 * of more than one line, JSON that does not read back, or an input that takes more than {@link #LIMIT_SECONDS}.
 * The input is saved under {@code target/fuzz-findings/} before the failure is thrown.
 */
class ScanFuzzTest {
    /** Per input; the seeds take well under a second each, so this is a hang, not a slow input. */
    static final int LIMIT_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    // One worker reused for every input: a hang is detected by the time limit instead of stopping the fuzzer.
    private static ExecutorService worker = newWorker();

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            // a large stack, as a scan thread would need for deeply nested input; the limit is the reader's, not ours
            Thread t = new Thread(null, r, "fuzz-scan", 64L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    @FuzzTest(maxDuration = "60s")
    void scan(byte[] data) throws Exception {
        Future<?> f = worker.submit(() -> {
            scanAndWrite(data);
            return null;
        });
        try {
            f.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker(); // the hung thread is a daemon and is left behind
            throw finding(data, new AssertionError("hang: no result after " + LIMIT_SECONDS + " s"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw finding(data, cause instanceof AssertionError a ? a : new AssertionError(cause.toString(), cause));
        }
    }

    /** What {@code scan} does with one file, without its safety nets, which would hide the bugs this looks for. */
    static void scanAndWrite(byte[] data) throws IOException {
        // metadata deferred, as scan reads; every node is read at the end, so the deferred reader is fuzzed whole
        ParseResult pr = IrReader.read("fuzz.ll", data, true);
        List<FileResult> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        checkDiagnostics(pr.errors());
        if (pr.module() == null) {
            files.add(FileResult.failed("fuzz.ll", pr.errors().isEmpty() ? "fuzz.ll: error: nothing" : pr.errors().get(0).diagnostic()));
        } else { // as scan does, what was read is scanned even when there were errors
            for (PipelineStage stage : List.of(PipelineStage.OPTIMIZED_BY_USER, PipelineStage.PRE_OPT_BY_USER)) {
                ModuleContext ctx = new ModuleContext("fuzz.ll", pr.module(), MarkedAccessConfig.defaults(), stage);
                ModuleScanner.Result r = new ModuleScanner(CheckRegistry.all()).scan(ctx);
                for (String note : r.notes()) if (note.contains("failed on this file")) throw new AssertionError(note);
                files.add(new FileResult("fuzz.ll", pr.ok(), pr.ok() ? null : pr.errors().get(0).diagnostic(), stage.optimized() ? "optimized" : "pre-optimization",
                        ctx.functions().size(), 0, r.notes()));
                findings.addAll(r.findings());
            }
        }
        pr.readAllMetadata();
        checkDiagnostics(pr.deferredErrors());
        ScanReport report = new ScanReport(ToolInfo.of("fuzz"), files, findings, 0, 0);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonReport.write(report, json);
        JSON.readTree(json.toByteArray()); // throws when the JSON is not well formed
        // a strict decoder: throws on malformed UTF-8 (names in the IR may hold any byte)
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(json.toByteArray()));
        SarifReport.write(report, ScanCommand.rules(ScanCommand.scanRules()), new ByteArrayOutputStream());
        StringBuilder text = new StringBuilder();
        TextReport.write(report, text);
        HtmlReport.write(report, new StringBuilder(), HtmlReport.Drawing.JAVA);
    }

    private static void checkDiagnostics(List<ParseError> errors) {
        for (ParseError e : errors) {
            String d = e.diagnostic();
            if (d.contains("\n") || d.contains("\r")) throw new AssertionError("a diagnostic of more than one line: " + d);
            if (!d.startsWith("fuzz.ll:")) throw new AssertionError("a diagnostic without FILE:LINE:COL: " + d);
            // the start of the detail, not anywhere: the input is quoted into diagnostics, and the fuzzer learns words
            if (e.detail().startsWith("internal error of the reader")) throw new AssertionError(d);
        }
    }

    /** Saves the input where CI keeps it and returns the failure to throw. */
    static AssertionError finding(byte[] data, AssertionError failure) {
        try {
            Path dir = Path.of("target", "fuzz-findings");
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data)).substring(0, 16) + ".ll";
            Files.write(dir.resolve(name), data);
            System.err.println("fuzz finding saved as " + dir.resolve(name) + ": " + failure.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return failure;
    }
}
