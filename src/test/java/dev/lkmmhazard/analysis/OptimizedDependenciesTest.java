package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code ; EXPECT-DEP:} lines of the optimized corpus IR with debug info. A dependency is broken by the optimizer
 * when the same file has an {@code ; EXPECT:} line with a dependency-breaking check id for the same function whose
 * line is the dependency's ending line; broken dependencies must be absent from {@link Dependencies}, all others
 * present. Lines are matched by debug location the way {@link DependenciesCorpusTest} matches them. A function the
 * optimizer deleted, a marked read no longer on line A, and an ending that lost its line ({@code line: 0} merged
 * locations) fail like a wrong answer, unless listed in {@link #KNOWN_GAPS}.
 */
class OptimizedDependenciesTest {
    private static final List<String> C = List.of("clang-19/x86_64/O2-g", "clang-19/aarch64/O2-g", "clang-22/x86_64/O2-g");
    private static final List<String> RUST = List.of("rustc/x86_64/O2-g");
    private static final List<String> VARIANTS = Stream.concat(C.stream(), RUST.stream()).toList();

    /** Check ids whose finding means the optimizer broke the dependency ending on the finding's line. */
    private static final Set<String> BREAKING = Set.of("ctrl-hoisted-store", "ctrl-folded-condition", "ctrl-to-select",
            "addr-pointer-substituted", "addr-dep-broken", "data-dep-broken");

    /**
     * Expectations that cannot be checked or are not met in the optimized IR, as "variant/file: expectation text",
     * each with the reason, found by reading the function's IR. Each must still fail; one that passes fails the test,
     * so the set cannot go stale.
     */
    private static final Set<String> KNOWN_GAPS = gaps(
            // Both arms' identical stores were merged into one store with line 0 (C) or inlined at line 0 (Rust),
            // hoisted above the branch or fed by a select: the dependency to the second arm's line is broken too,
            // but the corpus names only the first arm's line in its ctrl-hoisted-store / ctrl-to-select finding.
            in(C, "ctrl_identical.ll: EXPECT-DEP: ctrl @ctrl_identical line 17 -> line 23"),
            in(C, "ctrl_identical.ll: EXPECT-DEP: ctrl @ctrl_identical_barrier line 35 -> line 43"),
            in(C, "ctrl_select.ll: EXPECT-DEP: ctrl @ctrl_to_select line 17 -> line 22"),
            in(C, "ctrl_select.ll: EXPECT-DEP: ctrl @ctrl_to_select_cmp line 31 -> line 36"),
            in(C, "ctrl_select.ll: EXPECT-DEP: ctrl @ctrl_to_select_addr line 45 -> line 50"),
            in(RUST, "atomics.ll: EXPECT-DEP: ctrl @atomics::relaxed_identical line 43 -> line 48"),
            in(RUST, "deps.ll: EXPECT-DEP: ctrl @rs_ctrl_identical line 59 -> line 64"),
            in(RUST, "deps.ll: EXPECT-DEP: ctrl @deps::ctrl_select line 88 -> line 92"),
            in(RUST, "generic.ll: EXPECT-DEP: ctrl @generic::publish_same::<u64> line 58 -> line 63"),
            // the same with the C helpers: atomic_set(OUT, 1) of both arms is one call above the branch (rfl_helpers),
            // or, the helpers inlined, one volatile store (rfl_inline); the finding names the first arm's line, 80
            in(RUST, "rfl_helpers.ll: EXPECT-DEP: ctrl @rh_identical line 78 -> line 83"),
            in(RUST, "rfl_inline.ll: EXPECT-DEP: ctrl @rh_identical line 78 -> line 83"),
            // clang-19 aarch64 only (@arr is 4-aligned there): both stores became one store, line 0, through a
            // select of the two addresses, so both control dependencies are broken; the corpus's findings (an
            // EXPECT-NOT ctrl-to-select) describe x86_64, where the branch stays (corpus/README.md).
            in(List.of("clang-19/aarch64/O2-g"), "ctrl_select.ll: EXPECT-DEP: ctrl @ctrl_select_addr_align line 62 -> line 65"),
            in(List.of("clang-19/aarch64/O2-g"), "ctrl_select.ll: EXPECT-DEP: ctrl @ctrl_select_addr_align line 62 -> line 67"),
            // The identical y stores of both asm-goto outcomes were sunk into the join block as one store with
            // line 0; it runs on both outcomes, so no control dependency on the callbr is left, and the corpus
            // has no breaking finding for it (it expects no ctrl-hoisted-store, the stores were sunk).
            in(C, "volatile_if.ll: EXPECT-DEP: ctrl @volatile_if_identical line 20 -> line 23"),
            in(C, "volatile_if.ll: EXPECT-DEP: ctrl @volatile_if_identical line 20 -> line 27"),
            // rcu_dereference() loads of the loop header carry line 0 (merged, then duplicated by loop rotation):
            // no marked read on line A is left to match, although the dependencies are found from those loads.
            in(C, "loop_dep.ll: EXPECT-DEP: addr @loop_list_sum line 26 -> line 28"),
            in(C, "loop_dep.ll: EXPECT-DEP: addr @loop_list_sum line 26 -> line 27"),
            in(C, "loop_dep.ll: EXPECT-DEP: addr @loop_list_sum line 27 -> line 28"),
            in(C, "loop_dep.ll: EXPECT-DEP: addr @loop_list_mark line 41 -> line 44"),
            // Broken (addr-pointer-substituted: line 62 now loads from @head); both rcu_dereference() loads
            // carry line 0, so no marked read on line 55 is left to check the absence from.
            in(C, "ptr_compare.ll: EXPECT-DEP: addr @list_walk_until_head line 55 -> line 62"),
            // The three case stores became one store through a lookup-table pointer, still under the range check
            // (the control dependency survives and is found), but the store carries line 0.
            in(C, "switch_deps.ll: EXPECT-DEP: ctrl @switch_same_value line 49 -> line 53"),
            in(C, "switch_deps.ll: EXPECT-DEP: ctrl @switch_same_value line 49 -> line 56"));

    private static List<String> in(List<String> variants, String expectation) {
        return variants.stream().map(v -> v + "/" + expectation).toList();
    }

    @SafeVarargs
    private static Set<String> gaps(List<String>... groups) {
        Set<String> out = new HashSet<>();
        for (List<String> g : groups) out.addAll(g);
        return Set.copyOf(out);
    }

    private static final Pattern EXPECT_DEP =
            Pattern.compile("^; EXPECT-DEP: (addr|data|ctrl) @(\\S+) line (\\d+) -> line (\\d+)\\s*$");
    private static final Pattern EXPECT = Pattern.compile("^; EXPECT: (\\S+) @(\\S+) line (\\d+)\\s*$");
    private static final Pattern SOURCE = Pattern.compile("^; generated by \\S+ from (\\S+)");

    private record Case(String variant, String file, String source, String text, String type, String function, int a,
                        int b, boolean broken) {
        String key() { return variant + "/" + file + ": " + text; }
    }

    @TestFactory
    Stream<DynamicTest> optimizedDependencies() throws IOException {
        List<Case> cases = cases();
        assertTrue(cases.size() > 50, "too few expectations read: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.key() + (c.broken ? " (broken)" : ""), () -> {
            String problem = check(c);
            boolean gap = KNOWN_GAPS.contains(c.key());
            if (problem != null && !gap) fail(c.key() + ": " + problem);
            if (problem == null && gap) fail("a known gap that holds now: take it off KNOWN_GAPS");
        }));
    }

    @Test
    void everyKnownGapNamesAnExpectation() throws IOException {
        Set<String> keys = new HashSet<>();
        for (Case c : cases()) keys.add(c.key());
        List<String> stale = new ArrayList<>();
        for (String g : KNOWN_GAPS) if (!keys.contains(g)) stale.add(g);
        assertEquals(List.of(), stale, "KNOWN_GAPS entries that name no expectation");
    }

    private static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (String variant : VARIANTS) {
            Path dir = Path.of("corpus", "ir").resolve(variant);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.toString().endsWith(".ll")).sorted().toList();
            }
            for (Path file : files) {
                String source = null;
                List<String> deps = new ArrayList<>();
                Set<String> brokenEndings = new HashSet<>();
                for (String l : Files.readAllLines(file)) {
                    if (!l.startsWith(";")) break;
                    Matcher m = SOURCE.matcher(l);
                    if (m.find()) source = Path.of(m.group(1)).getFileName().toString();
                    if (EXPECT_DEP.matcher(l).matches()) deps.add(l);
                    m = EXPECT.matcher(l);
                    if (m.matches() && BREAKING.contains(m.group(1))) brokenEndings.add(m.group(2) + " " + m.group(3));
                }
                for (String l : deps) {
                    Matcher m = EXPECT_DEP.matcher(l);
                    assertTrue(m.matches());
                    int b = Integer.parseInt(m.group(4));
                    out.add(new Case(variant, file.getFileName().toString(), source, l.substring(2), m.group(1), m.group(2),
                            Integer.parseInt(m.group(3)), b, brokenEndings.contains(m.group(2) + " " + b)));
                }
            }
        }
        return out;
    }

    /** Null when the case holds, else what is wrong. */
    private static String check(Case c) {
        Module module = CorpusIr.module(c.variant + "/" + c.file);
        Dependencies deps = DEPENDENCIES.computeIfAbsent(module, Dependencies::new);
        Function f = null;
        for (Function g : module.functions()) {
            if (g.isDefinition() && (c.function.equals(g.name()) || c.function.equals(RustSymbols.demangle(g.name()))
                    || c.function.equals(RustSymbols.displayName(g.name())))) f = g;
        }
        if (f == null) return "no function " + c.function;
        boolean read = false;
        for (MarkedAccess s : deps.markedAccesses(f).dependencySources())
            if (DependenciesCorpusTest.onLine(s.instruction(), List.of(), c.source, c.a)) read = true;
        boolean found = false;
        for (Dependency d : deps.of(f)) {
            if (!d.type().keyword.equals(c.type)) continue;
            if (!DependenciesCorpusTest.onLine(d.source().instruction(), d.sourceCalls(), c.source, c.a)) continue;
            read = true;
            if (DependenciesCorpusTest.onLine(d.ending(), d.endingCalls(), c.source, c.b)) found = true;
        }
        if (!read) return "no marked read on line " + c.a + " in " + c.function + "; " + report(deps, f);
        if (c.broken && found) return "dependency found although the optimizer broke it; " + report(deps, f);
        if (!c.broken && !found) return "dependency not found although it survived; " + report(deps, f);
        return null;
    }

    /** What the function has, for failure messages: each dependency with the .ll lines of its ends. */
    private static String report(Dependencies deps, Function f) {
        List<String> out = new ArrayList<>();
        for (Dependency d : deps.of(f)) out.add(d.toString());
        return "found in " + f.name() + ": " + out;
    }

    private static final Map<Module, Dependencies> DEPENDENCIES = new java.util.concurrent.ConcurrentHashMap<>();
}
