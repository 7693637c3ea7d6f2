package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Reads;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {
    /** The ids of the hazards a single file can show (docs/scan.md lists them). */
    @Test
    void registryHoldsEverySingleFileCheckOnce() {
        Set<String> ids = new HashSet<>();
        for (Check c : CheckRegistry.all()) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
            assertTrue(c.id().matches("[a-z]+(-[a-z]+)*"), "not kebab-case: " + c.id());
            assertFalse(c.summary().isBlank());
            assertFalse(c.summary().endsWith("."), "a summary is a phrase, not a sentence: " + c.id());
        }
        assertEquals(Set.of("ctrl-hoisted-store", "ctrl-to-select", "addr-pointer-substituted", "marked-load-unused",
                "load-speculated", "load-fused-loop", "mixed-access", "fragile-identical-stores",
                "fragile-constant-condition", "fragile-pointer-compare", "fragile-cancelling-arith"), ids);
    }

    /** A check's id, severity and summary are its rule's, and the rule says what the check reads as the check does. */
    @Test
    void everyCheckIsAScanRuleInTheRegistryInScanOrder() {
        List<String> checks = new java.util.ArrayList<>(), rules = new java.util.ArrayList<>();
        for (Check c : CheckRegistry.all()) checks.add(c.id());
        for (Rule r : Rules.of(Mode.SCAN)) rules.add(r.id());
        assertEquals(rules, checks);
        for (Check c : CheckRegistry.all()) {
            assertSame(Rules.byId(c.id()), c.rule());
            Reads reads = c.rule().reads().get(Mode.SCAN);
            assertEquals(c.stage().keyword, reads.ir(), c.id());
            assertEquals(c.needsDebugInfo(), reads.needsDebugInfo(), c.id());
        }
    }

    /** What each check reads, as each check class declared it before its rule became the one place that says it. */
    @Test
    void eachCheckReadsTheIrItIsWrittenFor() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("ctrl-hoisted-store", "OPTIMIZED -g");
        expected.put("ctrl-to-select", "OPTIMIZED");
        expected.put("addr-pointer-substituted", "OPTIMIZED");
        expected.put("marked-load-unused", "OPTIMIZED -g");
        expected.put("load-speculated", "OPTIMIZED");
        expected.put("load-fused-loop", "OPTIMIZED");
        expected.put("mixed-access", "ANY");
        expected.put("fragile-identical-stores", "PRE_OPTIMIZATION");
        expected.put("fragile-constant-condition", "PRE_OPTIMIZATION");
        expected.put("fragile-pointer-compare", "PRE_OPTIMIZATION");
        expected.put("fragile-cancelling-arith", "PRE_OPTIMIZATION");
        Map<String, String> actual = new java.util.LinkedHashMap<>();
        for (Check c : CheckRegistry.all()) actual.put(c.id(), c.stage().name() + (c.needsDebugInfo() ? " -g" : ""));
        assertEquals(expected, actual);
    }

    @Test
    void selectNamesAnIdOnlyDiffReportsAsSuch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckRegistry.select(List.of("ctrl-hoisted-store", "addr-dep-broken")));
        assertTrue(e.getMessage().contains("'addr-dep-broken' is a cause that diff"), e.getMessage());
    }

    @Test
    void selectRejectsAnUnknownIdByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckRegistry.select(List.of("ctrl-hoisted-store", "no-such-check")));
        assertTrue(e.getMessage().contains("no-such-check"));
    }
}
