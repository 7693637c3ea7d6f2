package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code diff} end to end. Corpus facts used, read in the IR: in ctrl_const_cond.c, {@code q % 1} (ctrl_mod_one),
 * {@code q || 1} (ctrl_or_true), {@code q == q} (ctrl_self_compare) and unsigned {@code q >= 0} (ctrl_unsigned_range)
 * are branches in the {@code -disable-llvm-passes} IR and gone at {@code -O2}; {@code q % 2} (ctrl_mod_two) keeps
 * its branch.
 */
class DiffCommandTest {
    private static final String BEFORE = "corpus/ir/clang-19/x86_64/O2-nopasses-g/ctrl_const_cond.ll";
    private static final String AFTER = "corpus/ir/clang-19/x86_64/O2-g/ctrl_const_cond.ll";
    private final CliRun cli = new CliRun();
    private final ByteArrayOutputStream out = cli.out, err = cli.err;

    private int run(String... args) { return cli.run(args); }

    private JsonNode json(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("diff", "--format", "json", "--fail-on", "never"));
        a.addAll(List.of(args));
        assertEquals(0, run(a.toArray(String[]::new)), () -> err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void foldedConditionsAreNamedWithTheChainBeforeOptimization() throws Exception {
        JsonNode root = json(BEFORE, AFTER);
        List<String> folded = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            if (!f.path("check").asText().equals("ctrl-folded-condition")) continue;
            folded.add(f.path("function").asText() + ":" + f.path("source").path("line").asInt());
            assertEquals(BEFORE, f.path("before").path("file").asText());
            JsonNode chain = f.path("before").path("evidence");
            assertTrue(chain.size() >= 3, f.toString());
            assertTrue(chain.get(0).path("ir").asText().contains("load volatile"), chain.toString());
            assertTrue(f.path("weakEvidence").isMissingNode(), f.toString());
        }
        assertEquals(List.of("ctrl_mod_one:28", "ctrl_or_true:43", "ctrl_self_compare:58", "ctrl_unsigned_range:71"), folded);
        for (JsonNode f : root.path("findings")) assertFalse(f.path("function").asText().equals("ctrl_mod_two"), f.toString());
        assertEquals(1, run("diff", BEFORE, AFTER), "folded conditions are errors");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("  before optimization (" + BEFORE + "):"));
    }

    @Test
    void withoutDebugInfoAccessesAreMatchedByOrderAndTheFindingsSaySo() throws Exception {
        JsonNode root = json(BEFORE.replace("-g/", "/"), AFTER.replace("-g/", "/"));
        List<String> folded = new ArrayList<>();
        for (JsonNode f : root.path("findings")) {
            assertTrue(f.path("weakEvidence").asText().contains("matched by function, kind, object and order"), f.toString());
            if (f.path("check").asText().equals("ctrl-folded-condition")) folded.add(f.path("function").asText());
        }
        assertEquals(List.of("ctrl_mod_one", "ctrl_or_true", "ctrl_self_compare", "ctrl_unsigned_range"), folded);
        assertTrue(root.path("files").get(1).path("notes").get(0).asText().startsWith("no debug info"), root.toString());
    }

    /** Every corpus file that has a twin before optimization, as {before, after}: clang and rustc, with and without -g. */
    private static List<String[]> corpusPairs() throws Exception {
        List<String[]> out = new ArrayList<>();
        for (String ir : List.of("corpus/ir/clang-19/x86_64/", "corpus/ir/rustc/x86_64/"))
            for (String g : List.of("-g", "")) {
                try (Stream<Path> s = Files.list(Path.of(ir + "O2" + g))) {
                    for (Path after : s.filter(p -> p.toString().endsWith(".ll")).sorted().toList()) {
                        Path before = Path.of(ir + "O2-nopasses" + g).resolve(after.getFileName());
                        if (Files.exists(before)) out.add(new String[] {before.toString(), after.toString()});
                    }
                }
            }
        return out;
    }

    private byte[] diff(String format, String[] pair) {
        assertEquals(0, run("diff", "--format", format, "--fail-on", "never", pair[0], pair[1]), () -> err.toString(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void reportsAreTheSameBytesRunAfterRunWhateverRanBefore() throws Exception {
        List<String[]> pairs = corpusPairs();
        assertTrue(pairs.size() >= 30, pairs.size() + " pairs");
        Map<String, byte[]> first = new HashMap<>();
        int withFindings = 0;
        for (String[] pair : pairs) {
            for (String format : List.of("json", "sarif")) first.put(format + " " + pair[1], diff(format, pair));
            if (new ObjectMapper().readTree(first.get("json " + pair[1])).path("findings").size() > 0) withFindings++;
        }
        assertTrue(withFindings >= 10, withFindings + " pairs with findings");
        // Again, the other way round: every object (and its identity hash code) is new, and the analyses' caches were
        // filled by other files in between, so a report that depended on either would differ.
        for (int i = pairs.size() - 1; i >= 0; i--)
            for (String format : List.of("sarif", "json"))
                assertArrayEquals(first.get(format + " " + pairs.get(i)[1]), diff(format, pairs.get(i)), format + " of " + pairs.get(i)[1]);
    }

    @Test
    void usageErrors() {
        assertEquals(2, run("diff", BEFORE));
        assertEquals(2, run("diff", BEFORE, "corpus/ir/clang-19/x86_64/O2-g/no-such.ll"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"), err::toString);
        assertEquals(2, run("diff", "corpus/ir", AFTER));
    }

    @Test
    void filesGivenInTheWrongOrderAreOneErrorAndExitTwo() {
        assertEquals(2, run("diff", "--fail-on", "never", AFTER, BEFORE));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith(BEFORE + ": error: this file looks unoptimized ("), e);
        assertTrue(e.strip().endsWith("the files are given in the wrong order (diff BEFORE.ll AFTER.ll)"), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("0 errors, 0 warnings"), out::toString);
    }

    @Test
    void twoTranslationUnitsWithNoFunctionInCommonAreNotCompared() {
        assertEquals(2, run("diff", "--fail-on", "never", BEFORE, "corpus/ir/clang-19/x86_64/O2-g/ptr_compare.ll"));
        assertEquals("corpus/ir/clang-19/x86_64/O2-g/ptr_compare.ll: error: no function defined in both files: they are"
                + " not the same translation unit (source files \"corpus/c/ctrl_const_cond.c\" and"
                + " \"corpus/c/ptr_compare.c\")\n", err.toString(StandardCharsets.UTF_8));
    }
}
