package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lkmmhazard.LlvmTools;
import dev.lkmmhazard.checks.KnownGaps;
import dev.lkmmhazard.checks.ScanCorpusTest;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.JsonReport;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code compile} end to end with the real compilers: clang-19 on corpus C sources with the flags of
 * {@code scripts/gen-corpus.sh}, rustc on {@code corpus/rust/deps.rs}. The findings must meet the source's
 * {@code EXPECT}/{@code EXPECT-NOT} lines whose check is one of diff's causes, as {@code DiffCorpusTest} holds the
 * stored corpus IR to them, with the same gap list. Without clang-19 or rustc those tests are skipped, except in CI.
 */
class CompileCommandTest {
    private static final List<String> C_FLAGS = List.of("--target=x86_64-linux-gnu", "-mcmodel=kernel", "-mno-red-zone", "-fno-pic",
            "-ffreestanding", "-fno-strict-aliasing", "-fno-common", "-fno-builtin", "-std=gnu11", "-O2", "-g");
    private static final List<String> RUST_FLAGS = List.of("--edition=2021", "--crate-type=lib", "-C", "panic=abort",
            "--target=x86_64-unknown-linux-gnu", "-C", "opt-level=2");
    private static final Pattern EXPECT = Pattern.compile("(?:/\\*|//) *(EXPECT|EXPECT-NOT): ([a-z-]+) @(\\S+)(?: line (\\d+))? *(?:\\*/)?\\s*");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) {
        out.reset();
        err.reset();
        return Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) { return run(List.of(args)); }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private static List<String> concat(List<String> a, List<String> b, String... c) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        l.addAll(List.of(c));
        return l;
    }

    /** clang-19, or the test is skipped (failed in CI, which installs it). */
    private static String clang19() {
        boolean found = LlvmTools.onPath("clang-19");
        if (LlvmTools.inCi()) assertTrue(found, "clang-19 is not installed; .ci/run installs it");
        assumeTrue(found, "clang-19 is not installed");
        return "clang-19";
    }

    /** rustc from PATH, or rustup's when PATH lacks it; else skipped (failed in CI). */
    private static String rustc() {
        if (LlvmTools.onPath("rustc")) return "rustc";
        Path cargo = Path.of(System.getProperty("user.home"), ".cargo", "bin", "rustc");
        boolean found = Files.isExecutable(cargo);
        if (LlvmTools.inCi()) assertTrue(found, "rustc is neither on PATH nor in ~/.cargo/bin");
        assumeTrue(found, "rustc is not installed");
        return cargo.toString();
    }

    /** Runs compile with a JSON report and returns its findings. */
    private List<Finding> findings(Path dir, List<String> command) throws Exception {
        Path report = dir.resolve("report.json");
        List<String> args = new ArrayList<>(List.of("compile", "--format", "json", "-o", report.toString(), "--fail-on", "never", "--"));
        args.addAll(command);
        assertEquals(0, run(args), this::stderr);
        return JsonReport.read(report).findings();
    }

    /** Every diff expectation of {@code source} holds in {@code findings}, but for the gaps listed for {@code variant}. */
    private static void expectationsHold(Path source, String variant, List<Finding> findings) throws Exception {
        Map<String, String> gaps = KnownGaps.load("diff-gaps");
        String sourceFile = source.getFileName().toString();
        String ll = sourceFile.substring(0, sourceFile.lastIndexOf('.')) + ".ll";
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            Matcher m = EXPECT.matcher(line.strip());
            if (!m.matches() || !diffCause(m.group(2))) continue;
            String expectation = m.group(1) + ": " + m.group(2) + " @" + m.group(3) + (m.group(4) == null ? "" : " line " + m.group(4));
            if (gaps.containsKey(variant + "/" + ll + ": " + expectation)) continue;
            checked++;
            List<Finding> here = new ArrayList<>();
            for (Finding f : findings) if (f.check().equals(m.group(2)) && f.function().equals(m.group(3))) here.add(f);
            if (m.group(1).equals("EXPECT-NOT")) {
                if (!here.isEmpty()) failures.add("unexpected: " + expectation);
            } else if (here.isEmpty()) {
                failures.add("missing: " + expectation);
            } else if (m.group(4) != null
                    && here.stream().noneMatch(f -> ScanCorpusTest.onLine(f.source(), sourceFile, Integer.parseInt(m.group(4))))) {
                failures.add("not on the line: " + expectation);
            }
        }
        assertTrue(checked > 0, "no diff expectations in " + source);
        if (!failures.isEmpty()) {
            StringBuilder sb = new StringBuilder(String.join("\n", failures)).append("\nfindings:\n");
            for (Finding f : findings) sb.append("  ").append(f.check()).append(" @").append(f.function()).append('\n');
            fail(sb.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ctrl_identical.c", "ctrl_const_cond.c", "ptr_compare.c"})
    void clangFindingsMeetTheCorpusExpectations(String name, @TempDir Path dir) throws Exception {
        Path source = Path.of("corpus", "c", name);
        List<Finding> findings = findings(dir, concat(List.of(clang19()), C_FLAGS, source.toString()));
        expectationsHold(source, "clang-19/x86_64/O2-g", findings);
    }

    @Test
    void rustFindingsMeetTheCorpusExpectations(@TempDir Path dir) throws Exception {
        Path source = Path.of("corpus", "rust", "deps.rs");
        List<Finding> findings = findings(dir, concat(List.of(rustc()), RUST_FLAGS, source.toString()));
        expectationsHold(source, "rustc/x86_64/O2-g", findings);
        // opt-level 0's overflow checks are pinned off: the check's branch, absent after, is no folded condition
        assertTrue(findings.stream().noneMatch(f -> f.function().equals("rs_cancel_sub_checked") && f.check().equals("ctrl-folded-condition")));
    }

    @Test
    void textReportNamesTheIrAndFailsOnTheHoistedStore() {
        String clang = clang19();
        List<String> args = concat(List.of("compile", "--", clang), C_FLAGS, "-c", "corpus/c/ctrl_identical.c", "-o", "ctrl_identical.o");
        assertEquals(1, run(args), this::stderr);
        String text = stdout();
        assertTrue(text.contains("ctrl_identical.after.ll:") && text.contains("[ctrl-hoisted-store]"), text);
        assertTrue(text.contains("ctrl_identical.before.ll: remark: IR of corpus/c/ctrl_identical.c before optimization: the command with "
                + "-Xclang -disable-llvm-passes (in a temporary directory"), text);
        assertTrue(text.contains("taken out: -c -o ctrl_identical.o; added: -S -emit-llvm"), text);
        assertFalse(Files.exists(Path.of("ctrl_identical.o")), "the user's -o must not be written");
    }

    /**
     * With --passes, each finding names the pass that broke it. In the print-changed dump of ctrl_const_cond.c (read
     * by hand, as corpus/passes/clang-19/ctrl_const_cond.ctrl_mod_one.txt shows with print-after-all) the branch on
     * {@code srem %1, 1} becomes {@code br i1 false} after EarlyCSEPass, and the store of ctrl_identical leaves the
     * arms after SimplifyCFGPass.
     */
    @Test
    void passesNamesThePassThatBrokeEachDependency(@TempDir Path dir) throws Exception {
        String clang = clang19();
        Path report = dir.resolve("report.json");
        for (String[] c : new String[][] {{"ctrl_const_cond", "ctrl-folded-condition", "ctrl_mod_one", "EarlyCSEPass"},
                {"ctrl_identical", "ctrl-hoisted-store", "ctrl_identical", "SimplifyCFGPass"}}) {
            List<String> args = new ArrayList<>(List.of("compile", "--passes", "--format", "json", "-o", report.toString(),
                    "--fail-on", "never", "--keep", dir.resolve("keep").toString(), "--", clang));
            args.addAll(C_FLAGS);
            args.add("corpus/c/" + c[0] + ".c");
            assertEquals(0, run(args), this::stderr);
            Finding hit = null;
            for (Finding f : JsonReport.read(report).findings()) if (f.check().equals(c[1]) && f.function().equals(c[2])) hit = f;
            assertTrue(hit != null && hit.brokenBy() != null, () -> c[2] + ": " + stdout());
            assertEquals(c[3], hit.brokenBy().pass());
            assertTrue(hit.brokenBy().number() > 0);
            assertTrue(Files.size(dir.resolve("keep").resolve(c[0] + ".passes.txt")) > 0, "--keep keeps the dump");
        }
    }

    @Test
    void keepWritesBothFilesAndTheReportNamesThem(@TempDir Path dir) throws Exception {
        String clang = clang19();
        Path keep = dir.resolve("ir");
        assertEquals(0, run(concat(List.of("compile", "--keep", keep.toString(), "--fail-on", "never", "--", clang), C_FLAGS,
                "corpus/c/ctrl_identical.c")), this::stderr);
        assertTrue(Files.size(keep.resolve("ctrl_identical.before.ll")) > 0);
        assertTrue(Files.size(keep.resolve("ctrl_identical.after.ll")) > 0);
        assertTrue(stdout().contains(keep.resolve("ctrl_identical.after.ll") + ":"), stdout());
        assertFalse(stdout().contains("temporary directory"), stdout());
    }

    @Test
    void temporaryDirectoryIsGoneAfterwardsAlsoWhenTheCompilerFails(@TempDir Path dir) throws Exception {
        String clang = clang19();
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path bad = dir.resolve("bad.c");
        Files.writeString(bad, "int f(void) { return 1 }\n");
        String saved = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            assertEquals(0, run(concat(List.of("compile", "-v", "--fail-on", "never", "--", clang), C_FLAGS, "corpus/c/ctrl_identical.c")),
                    this::stderr);
            assertTrue(stderr().contains("lkmm-hazard: running: " + clang + " "), "--verbose shows the commands: " + stderr());
            assertTrue(stderr().contains(tmp.toString()), "the IR went to java.io.tmpdir: " + stderr());
            assertEmpty(tmp);
            assertEquals(2, run("compile", "--", clang, "-O2", bad.toString()));
            assertEmpty(tmp);
        } finally {
            System.setProperty("java.io.tmpdir", saved);
        }
    }

    private static void assertEmpty(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "left behind in " + dir);
        }
    }

    @Test
    void aFailingCompileIsOneLineWithTheFirstErrorThenTheCompilersOutput(@TempDir Path dir) throws Exception {
        String clang = clang19();
        Path bad = dir.resolve("bad.c");
        Files.writeString(bad, "int f(void) { return 1 }\n");
        assertEquals(2, run("compile", "--", clang, "-O2", bad.toString()));
        List<String> lines = stderr().lines().toList();
        assertEquals("lkmm-hazard: error: " + clang + " failed (exit status 1): " + bad + ":1:23: error: expected ';' after return statement",
                lines.get(0));
        assertTrue(lines.contains("1 error generated."), stderr());
        assertEquals("", stdout());
    }

    @Test
    void aFailingRustCompileNamesItsFirstError(@TempDir Path dir) throws Exception {
        String rustc = rustc();
        Path bad = dir.resolve("bad.rs");
        Files.writeString(bad, "#![no_std]\npub fn f() -> u32 { 1 + }\n");
        assertEquals(2, run("compile", "--", rustc, "--crate-type=lib", "-C", "opt-level=2", bad.toString()));
        String first = stderr().lines().findFirst().orElse("");
        assertTrue(first.startsWith("lkmm-hazard: error: " + rustc + " failed (exit status 1): error"), stderr());
    }

    @Test
    void aMissingCompilerIsOneLine() {
        assertEquals(2, run("compile", "--", "clang-999", "-O2", "foo.c"));
        assertEquals("lkmm-hazard: error: compiler not found: clang-999 (is it installed and on PATH?)\n", stderr());
        assertEquals(2, run("compile", "--", "rustc-999", "-O", "foo.rs"));
        assertEquals("lkmm-hazard: error: compiler not found: rustc-999 (is it installed and on PATH?)\n", stderr());
    }

    /**
     * --rust-before mir: the IR before optimization is the optimized run's MIR with no LLVM pass (the .before.ll twin of
     * scripts/rfl-ll.sh); the remark says which, and the hoisted store of relaxed_identical is found against it too.
     */
    @Test
    void rustBeforeMirComparesWithTheMirOfTheOptimizedRun(@TempDir Path dir) throws Exception {
        String rustc = rustc();
        Path keep = dir.resolve("ir");
        assertEquals(1, run(concat(List.of("compile", "--rust-before", "mir", "--keep", keep.toString(), "--", rustc), RUST_FLAGS,
                "corpus/rust/atomics.rs")), this::stderr);
        assertTrue(stdout().contains("before optimization: the command with -C no-prepopulate-passes"), stdout());
        assertTrue(stdout().contains("[ctrl-hoisted-store]") && stdout().contains("atomics::relaxed_identical"), stdout());
        String before = Files.readString(keep.resolve("atomics.before.ll"));
        // MIR at opt-level 2 inlined AtomicI32::store: the marked accesses are core's atomic_store calls
        assertFalse(before.contains("call void @_ZN4core4sync6atomic9AtomicI325store"), "AtomicI32::store is still a call: not the optimized MIR");
        assertTrue(before.contains("call void @_ZN4core4sync6atomic12atomic_store"), "core's atomic_store, inlined from AtomicI32::store");
        assertEquals(2, run("compile", "--rust-before", "O1", "--", rustc, "-O", "a.rs"));
        assertTrue(stderr().contains("--rust-before wants O0 or mir"), stderr());
        assertEquals(2, run("compile", "--rust-before", "mir", "--", "clang-19", "-O2", "a.c"));
        assertTrue(stderr().contains("--rust-before is for rustc"), stderr());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("compile", "--", "gcc", "-O2", "foo.c"));
        assertTrue(stderr().startsWith("lkmm-hazard: error: unsupported compiler 'gcc': compile drives clang"), stderr());
        assertEquals(2, run("compile", "--", "clang-19", "foo.c"));
        assertTrue(stderr().contains("the command does not optimize (no -O option)"), stderr());
        assertEquals(2, run("compile", "--", "rustc", "-C", "opt-level=0", "foo.rs"));
        assertTrue(stderr().contains("the command does not optimize (-C opt-level=0)"), stderr());
        assertEquals(2, run("compile", "--", "clang-19", "-O2", "a.c", "b.c"));
        assertTrue(stderr().contains("compiles 2 files (a.c, b.c); compile takes one source file per run"), stderr());
        assertEquals(2, run("compile", "--", "clang-19", "-O2", "-"));
        assertTrue(stderr().contains("standard input"), stderr());
        assertEquals(2, run("compile", "--", "clang-19", "-O2", "-Xclang", "-disable-llvm-passes", "a.c"));
        assertTrue(stderr().contains("already has -Xclang -disable-llvm-passes"), stderr());
        assertEquals(2, run("compile"));
        assertTrue(stderr().contains("compile needs a compiler command after --"), stderr());
        assertEquals(2, run("compile", "--passes", "--", "gcc", "-O2", "a.c"));
        assertTrue(stderr().contains("unsupported compiler 'gcc'"), stderr());
    }

    @Test
    void compilerNames() throws Exception {
        for (String c : List.of("clang", "clang-19", "/usr/lib/llvm-19/bin/clang", "x86_64-linux-gnu-clang-19", "clang++", "clang-19.1"))
            assertEquals(CompileCommand.Driver.CLANG, CompileCommand.Driver.of(c), c);
        for (String c : List.of("rustc", "bin/rustc"))
            assertEquals(CompileCommand.Driver.RUSTC, CompileCommand.Driver.of(c), c);
        for (String c : List.of("gcc", "clang-tidy", "clang-format-19", "cargo"))
            try {
                CompileCommand.Driver.of(c);
                fail(c);
            } catch (Main.UsageException expected) {
                assertTrue(expected.getMessage().contains("'" + c + "'"));
            }
    }

    @Test
    void clangFlagsTakenOutAndAdded() throws Exception {
        CompileCommand.Plan p = CompileCommand.clang(List.of("clang-19", "-Wp,-MMD,kernel/.foo.o.d", "-nostdinc", "-I./include", "-include",
                "./include/linux/kconfig.h", "-O2", "-flto=thin", "-MD", "-MF", "foo.d", "-c", "-o", "kernel/foo.o", "kernel/foo.c"));
        assertEquals("kernel/foo.c", p.source());
        assertEquals(List.of("clang-19", "-nostdinc", "-I./include", "-include", "./include/linux/kconfig.h", "-O2", "kernel/foo.c", "-g"),
                p.base());
        assertEquals(List.of("-Wp,-MMD,kernel/.foo.o.d", "-flto=thin", "-MD", "-MF foo.d", "-c", "-o kernel/foo.o"), p.removed());
        Path ll = Path.of("d", "foo.before.ll");
        assertEquals(List.of("clang-19", "-nostdinc", "-I./include", "-include", "./include/linux/kconfig.h", "-O2", "kernel/foo.c", "-g",
                "-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", "-o", ll.toString()), p.command(ll, true));
        assertEquals("foo", p.stem());
        // debug info the command asks for is kept; -g0 last turns it off, so -g is added after it
        assertEquals(List.of("clang", "-O2", "-gdwarf-4", "a.c"), CompileCommand.clang(List.of("clang", "-O2", "-gdwarf-4", "a.c")).base());
        assertEquals(List.of("clang", "-g", "-O2", "-g0", "a.c", "-g"), CompileCommand.clang(List.of("clang", "-g", "-O2", "-g0", "a.c")).base());
        // -x c with a file that has no C extension
        assertEquals("foo", CompileCommand.clang(List.of("clang", "-O2", "-x", "c", "foo")).source());
    }

    @Test
    void rustcFlagsTakenOutAndAdded() throws Exception {
        CompileCommand.Plan p = CompileCommand.rustc(List.of("rustc", "--edition=2021", "-O", "-Ccodegen-units=16", "--emit", "obj",
                "-o", "x.o", "--out-dir=out", "-C", "incremental=inc", "-L", "lib.rs", "src/lib.rs"));
        assertEquals("src/lib.rs", p.source());
        assertEquals(List.of("rustc", "--edition=2021", "-O", "-L", "lib.rs", "src/lib.rs", "-C", "debuginfo=2"), p.base());
        assertEquals(List.of("-Ccodegen-units=16", "--emit obj", "-o x.o", "--out-dir=out", "-C incremental=inc"), p.removed());
        assertEquals("-C opt-level=0 -C debug-assertions=off -C overflow-checks=off", p.beforeFlags());
        Path ll = Path.of("lib.after.ll");
        assertEquals(List.of("rustc", "--edition=2021", "-O", "-L", "lib.rs", "src/lib.rs", "-C", "debuginfo=2", "--emit=llvm-ir", "-C",
                "codegen-units=1", "-o", "lib.after.ll"), p.command(ll, false));
        // what the command sets stays in both runs
        CompileCommand.Plan q = CompileCommand.rustc(List.of("rustc", "-g", "-C", "opt-level=2", "-C", "overflow-checks=on", "a.rs"));
        assertEquals(List.of("rustc", "-g", "-C", "opt-level=2", "-C", "overflow-checks=on", "a.rs"), q.base());
        assertEquals("-C opt-level=0 -C debug-assertions=off", q.beforeFlags());
        assertEquals("-C opt-level=0", CompileCommand.rustc(List.of("rustc", "-C", "opt-level=s", "-Cdebug-assertions=on", "a.rs")).beforeFlags());
    }

    @Test
    void helpTeaches() {
        assertEquals(0, run("compile", "--help"));
        String help = stdout();
        assertTrue(help.contains("-- clang-19") && help.contains("-- rustc") && help.contains("Exit status"), help);
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("  compile "), stdout());
    }

    /** An id that diff reports: the expectations the comparison is held to. */
    private static boolean diffCause(String id) {
        Rule rule = Rules.byId(id);
        return rule != null && rule.reportedBy(Mode.DIFF);
    }
}
