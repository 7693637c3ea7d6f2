package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deps} on corpus files. The IR lines below were read from the .ll files: in clang-19 x86_64 O0-g
 * inline_helpers.ll, {@code @inl_set_if} reads {@code @seq} with a volatile load on line 127 (source line 82) and passes
 * it, and {@code q + 1}, to {@code @set_if} on line 132; {@code @set_if} branches on its first parameter and stores the
 * second into {@code @out2} with a volatile store on line 153 (source line 41).
 */
class DepsCommandTest {
    private static final String HELPERS = "corpus/ir/clang-19/x86_64/O0-g/inline_helpers.ll";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void jsonListsMarkedAccessesAndDependenciesIntoACalledFunction() throws Exception {
        assertEquals(0, run("deps", HELPERS, "--function", "inl_set_if", "--format", "json"), err::toString);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertEquals(HELPERS, root.get("file").asText());
        assertEquals(1, root.get("functions").size());
        JsonNode fn = root.get("functions").get(0);
        assertEquals("inl_set_if", fn.get("name").asText());

        JsonNode marked = fn.get("marked");
        assertEquals(1, marked.size());
        assertEquals("m127", marked.get(0).get("id").asText());
        assertEquals("load", marked.get(0).get("kind").asText());
        assertEquals(127, marked.get(0).get("irLine").asInt());
        assertEquals(82, marked.get(0).get("source").get("line").asInt());
        assertTrue(marked.get(0).get("source").get("file").asText().endsWith("inline_helpers.c"));
        assertEquals(0, marked.get(0).get("source").get("inlinedAt").size());

        List<String> deps = new ArrayList<>();
        for (JsonNode d : fn.get("dependencies")) {
            deps.add(d.get("type").asText() + " " + d.get("from").asText() + " -> " + d.get("to").asText() + " "
                    + d.get("toKind").asText() + " ir " + d.get("toIrLine").asInt() + " src " + d.get("toSource").get("line").asInt()
                    + " in " + d.get("toFunction").asText() + " via " + d.get("endingCalls"));
            List<Integer> chain = new ArrayList<>();
            for (JsonNode c : d.get("chain")) chain.add(c.asInt());
            assertEquals(127, chain.get(0), "a chain begins at the marked load");
            assertEquals(153, chain.get(chain.size() - 1), "a chain ends at the store");
            assertTrue(chain.contains(132), "the chain passes the call");
        }
        deps.sort(null);
        assertEquals(List.of(
                "ctrl m127 -> m153 store ir 153 src 41 in set_if via [132]",
                "data m127 -> m153 store ir 153 src 41 in set_if via [132]"), deps);
    }

    @Test
    void textNamesBothEndsWithSourceLines() {
        assertEquals(0, run("deps", HELPERS, "-F", "inl_set_if"), err::toString);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("@inl_set_if\n"), text);
        assertTrue(text.contains("  data  m127 (corpus/c/inline_helpers.c:82:"), text);
        assertTrue(text.contains("-> store m153 (corpus/c/inline_helpers.c:41:"), text);
    }

    @Test
    void dotDrawsTheControlFlowGraphWithDependencyEdges(@TempDir Path dir) throws Exception {
        Path dot = dir.resolve("g.dot");
        // ctrl_dep_simple in O0-g ctrl_dep.ll: blocks %0, %3, %4, %5, %6; edges %0->%3, %0->%6, %3->%4, %4->%5, %5->%6;
        // the volatile load on line 29 controls the volatile store on line 37 in block %4 (the fourth block, b2)
        assertEquals(0, run("deps", "corpus/ir/clang-19/x86_64/O0-g/ctrl_dep.ll", "-F", "ctrl_dep_simple", "-f", "dot",
                "-o", dot.toString()), err::toString);
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph \"ctrl_dep_simple\" {"), text);
        List<String> edges = new ArrayList<>();
        for (String l : text.split("\n")) if (l.contains("->")) edges.add(l.trim().replaceAll(" \\[.*", "") + (l.contains("dashed") ? " dep" : ""));
        edges.sort(null);
        assertEquals(List.of("b0 -> b1", "b0 -> b2 dep", "b0 -> b4", "b1 -> b2", "b2 -> b3", "b3 -> b4"), edges);
        assertTrue(text.contains("label=\"ctrl 29->37\""), text);
        Assumptions.assumeTrue(hasDot(), "graphviz dot is not installed");
        Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString(), "-o", dir.resolve("g.svg").toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("g.svg")).contains("<svg"));
    }

    private static boolean hasDot() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void callDepthZeroKeepsDependenciesInsideTheFunction() throws Exception {
        // without following calls, inl_set_if's load only flows into the call of set_if, which is then opaque
        assertEquals(0, run("deps", HELPERS, "-F", "inl_set_if", "--format", "json", "--call-depth", "0"), err::toString);
        JsonNode fn = new ObjectMapper().readTree(out.toByteArray()).get("functions").get(0);
        List<String> deps = new ArrayList<>();
        for (JsonNode d : fn.get("dependencies"))
            deps.add(d.get("type").asText() + " " + d.get("toKind").asText() + " " + d.get("toIrLine").asInt() + " "
                    + d.get("throughOpaqueCall").asBoolean());
        assertEquals(List.of("data opaque-call 132 true"), deps);
    }

    @Test
    void dotNeedsAFunction() {
        assertEquals(2, run("deps", HELPERS, "--format", "dot"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--function"), err::toString);
    }

    /** -f is --format here as in every command; an old `-f NAME` gets an error that says where the function went. */
    @Test
    void dashFIsTheFormatAsEverywhere() {
        assertEquals(0, run("deps", HELPERS, "-F", "inl_set_if", "-f", "json"), err::toString);
        assertEquals(2, run("deps", HELPERS, "-f", "inl_set_if"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the function is -F or --function"), err::toString);
    }

    @Test
    void unknownFunctionIsAUsageError() {
        assertEquals(2, run("deps", HELPERS, "-F", "no_such_function"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no defined function 'no_such_function'"), err::toString);
    }

    /** A damaged file whose inlined-at chain is a cycle: deps stops following it (it looped for ever; ScanFuzzTest). */
    @org.junit.jupiter.api.Test
    void aCyclicInlinedAtChainEnds() {
        // HAND-WRITTEN input, not compiler output
        String file = "src/test/resources/dev/lkmmhazard/cli/ScanFuzzTestInputs/scan/cyclic-inlined-at.ll";
        CliRun cli = new CliRun();
        int status = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> cli.run("deps", "--format", "json", file));
        assertEquals(0, status, cli.err.toString(StandardCharsets.UTF_8));
        String out = cli.out.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\"inlinedAt\""), out);
    }
}
