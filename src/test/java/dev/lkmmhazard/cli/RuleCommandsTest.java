package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain, checks and the SARIF of every command, as the registry of rules drives them. Corpus facts used: diff of
 * cancel_arith.c reports addr-dep-broken and data-dep-broken, of ctrl_const_cond.c ctrl-folded-condition; the pass
 * dump of ctrl_mod_one shows the fold (docs/passes.md).
 */
class RuleCommandsTest {
    private static final String NOPASSES = "corpus/ir/clang-19/x86_64/O2-nopasses-g/", O2 = "corpus/ir/clang-19/x86_64/O2-g/";
    private final CliRun cli = new CliRun();

    private String out() { return cli.out.toString(StandardCharsets.UTF_8); }

    private String err() { return cli.err.toString(StandardCharsets.UTF_8); }

    @TestFactory
    Stream<DynamicTest> explainPrintsThePageOfEveryId() {
        return Rules.all().stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            assertEquals(0, cli.run("explain", r.id()), this::err);
            assertEquals(r.page(), out());
        }));
    }

    @Test
    void explainNamesEveryIdWhenItDoesNotKnowOne() {
        assertEquals(2, cli.run("explain", "no-such-check"));
        assertTrue(err().contains("unknown check 'no-such-check'"), err());
        for (String id : Rules.ids()) assertTrue(err().contains(id), id);
    }

    @Test
    void checksListsEveryIdWithItsSeverityModesAndReads() {
        assertEquals(0, cli.run("checks"));
        List<String> lines = out().lines().toList();
        for (Rule r : Rules.all()) {
            String line = lines.stream().filter(l -> l.startsWith(r.id() + " ")).findFirst().orElse(null);
            assertNotNull(line, "no line for " + r.id() + " in\n" + out());
            String[] modes = r.modes().stream().map(m -> m.keyword).toArray(String[]::new);
            assertTrue(line.matches(r.id() + " +" + r.severity().keyword + " +" + String.join(", ", modes) + " .*"), line);
            for (var reads : r.reads().values()) assertTrue(line.contains(reads.toString()), line);
            assertTrue(line.endsWith(r.summary()), line);
        }
        assertTrue(lines.stream().filter(l -> l.contains(" diff ")).count() >= 6, out());
    }

    @Test
    void scanTakesOnlyItsOwnChecksAndNamesAnIdOnlyDiffReports() {
        for (String option : List.of("--checks", "--disable")) {
            assertEquals(2, cli.run("scan", option, "ctrl-folded-condition", O2 + "ctrl_const_cond.ll"));
            assertTrue(err().contains("'ctrl-folded-condition' is a cause that diff, compile and passes report, not a check of scan"), err());
        }
        // an id both report is a check of scan
        assertEquals(0, cli.run("scan", "--fail-on", "never", "--checks", "ctrl-to-select", O2 + "ctrl_select.ll"), this::err);
    }

    @Test
    void diffSarifListsItsCausesAndIndexesEveryResult() throws Exception {
        JsonNode run = sarif("diff", "--format", "sarif", "--fail-on", "never", NOPASSES + "cancel_arith.ll", O2 + "cancel_arith.ll");
        assertEquals(ids(Rules.of(Mode.DIFF)), ruleIds(run));
        Set<String> reported = assertEveryResultIndexesItsRule(run);
        assertTrue(reported.containsAll(Set.of("addr-dep-broken", "data-dep-broken")), reported.toString());
        assertRulesCarryTheirHelp(run);
    }

    @Test
    void scanSarifListsTheChecksAndIndexesEveryResult() throws Exception {
        JsonNode run = sarif("scan", "--format", "sarif", "--fail-on", "never", O2, NOPASSES);
        assertEquals(ids(Rules.of(Mode.SCAN)), ruleIds(run));
        assertTrue(assertEveryResultIndexesItsRule(run).size() >= 8);
        assertRulesCarryTheirHelp(run);
    }

    @Test
    void passesSarifListsDiffsCauses() throws Exception {
        JsonNode run = sarif("passes", "--format", "sarif", "--fail-on", "never", "corpus/passes/clang-19/ctrl_const_cond.ctrl_mod_one.txt");
        assertEquals(ids(Rules.of(Mode.DIFF)), ruleIds(run));
        assertTrue(assertEveryResultIndexesItsRule(run).contains("ctrl-folded-condition"));
    }

    @Test
    void mergedSarifOfScanAndDiffReportsListsScansRulesThenThoseOnlyDiffReports(@TempDir Path dir) throws Exception {
        String scan = dir.resolve("scan.json").toString(), diff = dir.resolve("diff.json").toString();
        assertEquals(0, cli.run("scan", "--format", "json", "--fail-on", "never", "-o", scan, O2 + "ctrl_select.ll"), this::err);
        assertEquals(0, cli.run("diff", "--format", "json", "--fail-on", "never", "-o", diff, NOPASSES + "ctrl_const_cond.ll",
                O2 + "ctrl_const_cond.ll"), this::err);
        JsonNode run = sarif("merge", "--format", "sarif", "--fail-on", "never", scan, diff);
        assertEquals(ids(Rules.all()), ruleIds(run));
        // scan's parts alone merge into scan's rules (MergeCommandTest: byte for byte the unsharded scan)
        assertEquals(ids(Rules.of(Mode.SCAN)), ruleIds(sarif("merge", "--format", "sarif", "--fail-on", "never", scan)));
        Set<String> reported = assertEveryResultIndexesItsRule(run);
        assertTrue(reported.containsAll(Set.of("ctrl-to-select", "ctrl-folded-condition")), reported.toString());
        assertRulesCarryTheirHelp(run);
    }

    private JsonNode sarif(String... args) throws Exception {
        assertEquals(0, cli.run(args), this::err);
        return new ObjectMapper().readTree(cli.out.toByteArray()).path("runs").get(0);
    }

    private static List<String> ids(List<Rule> rules) {
        return rules.stream().map(Rule::id).toList();
    }

    private static List<String> ruleIds(JsonNode run) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : run.path("tool").path("driver").path("rules")) out.add(r.path("id").asText());
        return out;
    }

    /** Each result names its rule by id and by index, and the two agree; returns the ids reported. */
    private static Set<String> assertEveryResultIndexesItsRule(JsonNode run) {
        JsonNode rules = run.path("tool").path("driver").path("rules");
        Set<String> reported = new java.util.TreeSet<>();
        assertTrue(run.path("results").size() > 0, "no results to check");
        for (JsonNode res : run.path("results")) {
            assertTrue(res.has("ruleIndex"), res.toString());
            int index = res.path("ruleIndex").asInt();
            assertTrue(index >= 0 && index < rules.size(), res.toString());
            assertEquals(res.path("ruleId").asText(), rules.get(index).path("id").asText());
            reported.add(res.path("ruleId").asText());
        }
        return reported;
    }

    private static void assertRulesCarryTheirHelp(JsonNode run) {
        for (JsonNode d : run.path("tool").path("driver").path("rules")) {
            Rule r = Rules.byId(d.path("id").asText());
            assertNotNull(r, d.toString());
            assertEquals(r.page(), d.path("help").path("markdown").asText());
            String text = d.path("help").path("text").asText();
            assertTrue(text.startsWith(r.id() + "\n"), text);
            // code stays verbatim, indented; the prose loses Markdown's marks
            assertFalse(text.contains("```"), "help.text is plain text: " + r.id());
            assertTrue(text.lines().filter(l -> !l.startsWith("    ")).noneMatch(l -> l.contains("`") || l.matches("#+ .*")),
                    "help.text is plain text: " + r.id());
            assertEquals(r.summary() + ".", d.path("shortDescription").path("text").asText());
            assertEquals(r.description(), d.path("fullDescription").path("text").asText());
            assertEquals(r.severity().keyword, d.path("defaultConfiguration").path("level").asText("warning")); // SARIF's default
            assertEquals(r.precision().keyword, d.path("properties").path("precision").asText());
            List<String> tags = new ArrayList<>();
            for (JsonNode t : d.path("properties").path("tags")) tags.add(t.asText());
            assertEquals(r.tags(), tags);
        }
    }
}
