package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.lkmmhazard.LlvmTools;
import dev.lkmmhazard.ir.ModulePrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code .ll} file of {@code corpus/} (except {@code corpus/passes/}, pass dumps that are not whole modules) is
 * read, printed back, and compared with the original after both went through {@code llvm-as-N | llvm-dis-N} of the
 * LLVM version N that wrote it: the texts must be identical but for the first {@code ; ModuleID} line.
 *
 * <p>A missing {@code llvm-as-N}/{@code llvm-dis-N} skips the file's test, except in CI ({@code CI=true}), where it
 * fails it. The files are checked on two threads (the machines have two cores), each test waiting for its own result.
 */
class RoundTripTest {
    private static final Path CORPUS = Path.of("corpus");
    private static final int THREADS = 2;
    private static final long TOOL_TIMEOUT_S = 120;
    private static final int DIFF_LINES = 20;

    @TestFactory
    Stream<DynamicTest> corpusRoundTrips() throws IOException {
        List<Path> files = corpusFiles();
        if (files.isEmpty())
            return Stream.of(dynamicTest("corpus has .ll files",
                    () -> Assumptions.abort("no .ll files under corpus/ yet (scripts/gen-corpus.sh makes them)")));

        Path work = Files.createTempDirectory("lkmm-roundtrip");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "round-trip");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger seq = new AtomicInteger();
        Map<Path, Future<Outcome>> results = new LinkedHashMap<>();
        for (Path f : files) results.put(f, pool.submit(() -> check(f, work.resolve("f" + seq.incrementAndGet()))));
        pool.shutdown();

        Map<Integer, int[]> tally = new java.util.TreeMap<>();
        return files.stream()
                .map(f -> dynamicTest(CORPUS.relativize(f).toString(), f.toUri(), () -> {
                    Outcome o = results.get(f).get();
                    int[] counts = tally.computeIfAbsent(llvmVersion(f), k -> new int[3]);
                    counts[o.skipped() ? 2 : o.failure() != null ? 1 : 0]++;
                    o.report();
                }))
                .onClose(() -> {
                    pool.shutdownNow();
                    deleteTree(work);
                    StringBuilder sb = new StringBuilder("corpus round trip by LLVM version:");
                    tally.forEach((v, c) -> sb.append(" [LLVM ").append(v).append(": passed ").append(c[0])
                            .append(" failed ").append(c[1]).append(" skipped ").append(c[2]).append(']'));
                    System.out.println(sb);
                });
    }

    static List<Path> corpusFiles() throws IOException {
        if (!Files.isDirectory(CORPUS)) return List.of();
        Path passes = CORPUS.resolve("passes");
        try (Stream<Path> s = Files.walk(CORPUS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ll"))
                    .filter(p -> !p.startsWith(passes))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
    }

    /** The LLVM major version that wrote a corpus file, from its path. */
    static int llvmVersion(Path file) {
        for (Path part : file) {
            String s = part.toString();
            if (s.equals("clang-14")) return 14;
            if (s.equals("clang-19")) return 19;
            if (s.equals("clang-22") || s.equals("rustc")) return 22;
        }
        String name = file.getFileName().toString();
        if (name.endsWith("-llvm14.ll")) return 14;
        if (name.endsWith("-llvm22.ll")) return 22;
        return 19;
    }

    /** The result of one file's check, reported on the test's own thread. */
    record Outcome(boolean skipped, String failure) {
        static final Outcome PASS = new Outcome(false, null);
        static Outcome skip(String why) { return new Outcome(true, why); }
        static Outcome fail(String why) { return new Outcome(false, why); }

        void report() {
            if (skipped) Assumptions.abort(failure);
            if (failure != null) Assertions.fail(failure);
        }
    }

    private static Outcome check(Path file, Path dir) throws Exception {
        Files.createDirectories(dir);
        try {
            return checkIn(file, dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static Outcome checkIn(Path file, Path dir) throws Exception {
        int n = llvmVersion(file);
        String as = "llvm-as-" + n, dis = "llvm-dis-" + n;
        for (String tool : List.of(as, dis)) {
            if (!LlvmTools.onPath(tool)) {
                String why = tool + " is not on PATH: install the Debian package llvm-" + n;
                return LlvmTools.inCi() ? Outcome.fail(why + " (CI=true: the tools must be there)") : Outcome.skip(why);
            }
        }

        // The original, normalized.
        Path origBc = dir.resolve("orig.bc"), origDis = dir.resolve("orig.dis.ll");
        LlvmTools.Run r = LlvmTools.run(List.of(as, file.toString(), "-o", origBc.toString()), dir.resolve("as.out"), TOOL_TIMEOUT_S);
        if (!r.ok()) return Outcome.fail("the corpus file itself is rejected by " + as + ":\n" + r.stderr());
        r = LlvmTools.run(List.of(dis, origBc.toString(), "-o", origDis.toString()), dir.resolve("dis.out"), TOOL_TIMEOUT_S);
        if (!r.ok()) return Outcome.fail(dis + " failed on the original:\n" + r.stderr());

        // Read and print.
        ParseResult result = IrReader.read(file);
        if (!result.ok() || result.module() == null) {
            StringBuilder sb = new StringBuilder("the reader reported errors:\n");
            int shown = 0;
            for (ParseError e : result.errors()) {
                if (shown++ == 10) { sb.append("... ").append(result.errors().size() - 10).append(" more\n"); break; }
                sb.append(e.diagnostic()).append('\n');
            }
            if (result.module() == null) sb.append("(no module)\n");
            return Outcome.fail(sb.toString());
        }
        Path printed = dir.resolve("printed.ll");
        try (OutputStream os = Files.newOutputStream(printed)) {
            ModulePrinter.print(result.module(), os);
        }

        // The printed text must assemble, and disassemble to the same text.
        Path printedBc = dir.resolve("printed.bc"), printedDis = dir.resolve("printed.dis.ll");
        r = LlvmTools.run(List.of(as, printed.toString(), "-o", printedBc.toString()), dir.resolve("as2.out"), TOOL_TIMEOUT_S);
        if (!r.ok())
            return Outcome.fail(as + " rejects the printed text:\n" + r.stderr() + excerptAtError(r.stderr(), printed));
        r = LlvmTools.run(List.of(dis, printedBc.toString(), "-o", printedDis.toString()), dir.resolve("dis2.out"), TOOL_TIMEOUT_S);
        if (!r.ok()) return Outcome.fail(dis + " failed on the printed module:\n" + r.stderr());

        List<String> expected = withoutModuleId(Files.readAllLines(origDis, StandardCharsets.ISO_8859_1));
        List<String> actual = withoutModuleId(Files.readAllLines(printedDis, StandardCharsets.ISO_8859_1));
        if (expected.equals(actual)) return Outcome.PASS;
        return Outcome.fail("after " + as + " | " + dis + ", the printed module differs from the original"
                + " (--- original, +++ printed):\n" + diffExcerpt(expected, actual));
    }

    private static List<String> withoutModuleId(List<String> lines) {
        return !lines.isEmpty() && lines.get(0).startsWith("; ModuleID = ") ? lines.subList(1, lines.size()) : lines;
    }

    /**
     * A unified-diff-style excerpt of the first difference: a few common lines, then the differing lines of each side
     * (after the common prefix and suffix are taken away), about {@value #DIFF_LINES} lines in all.
     */
    static String diffExcerpt(List<String> expected, List<String> actual) {
        int pre = 0;
        while (pre < expected.size() && pre < actual.size() && expected.get(pre).equals(actual.get(pre))) pre++;
        int suf = 0;
        while (suf < expected.size() - pre && suf < actual.size() - pre
                && expected.get(expected.size() - 1 - suf).equals(actual.get(actual.size() - 1 - suf))) suf++;
        int expEnd = expected.size() - suf, actEnd = actual.size() - suf;
        int context = 3, half = (DIFF_LINES - context) / 2;
        int from = Math.max(0, pre - context);
        StringBuilder sb = new StringBuilder();
        sb.append("@@ -").append(pre + 1).append(" +").append(pre + 1).append(" @@ (line ").append(pre + 1)
                .append(" of the normalized text)\n");
        for (int i = from; i < pre; i++) sb.append(' ').append(expected.get(i)).append('\n');
        for (int i = pre; i < Math.min(expEnd, pre + half); i++) sb.append('-').append(expected.get(i)).append('\n');
        if (expEnd - pre > half) sb.append("-... ").append(expEnd - pre - half).append(" more lines\n");
        for (int i = pre; i < Math.min(actEnd, pre + half); i++) sb.append('+').append(actual.get(i)).append('\n');
        if (actEnd - pre > half) sb.append("+... ").append(actEnd - pre - half).append(" more lines\n");
        return sb.toString();
    }

    /** The printed lines around the {@code :LINE:COL:} that an llvm-as message names. */
    private static String excerptAtError(String stderr, Path printed) {
        int line = -1;
        int at = stderr.indexOf(printed.getFileName().toString() + ":");
        if (at >= 0) {
            int p = at + printed.getFileName().toString().length() + 1, q = p;
            while (q < stderr.length() && Character.isDigit(stderr.charAt(q))) q++;
            if (q > p) line = Integer.parseInt(stderr.substring(p, q));
        }
        if (line < 0) return "";
        try {
            List<String> lines = Files.readAllLines(printed, StandardCharsets.ISO_8859_1);
            StringBuilder sb = new StringBuilder("printed text around line ").append(line).append(":\n");
            for (int i = Math.max(1, line - 5); i <= Math.min(lines.size(), line + 5); i++)
                sb.append(i == line ? "> " : "  ").append(lines.get(i - 1)).append('\n');
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}
