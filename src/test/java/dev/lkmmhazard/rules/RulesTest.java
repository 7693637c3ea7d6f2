package dev.lkmmhazard.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The registry as data: what each rule says of itself, and that its page says the same and is in the jar. */
class RulesTest {
    private static final Set<String> TAGS = Set.of("lkmm", "control-dependency", "address-dependency", "data-dependency",
            "plain-access", "marked-access", "fragile");

    /** The ids diff names: docs/diff.md's table, and what BeforeAfterDiff, InventedAccesses and PlainFates report. */
    private static final Set<String> DIFF_CAUSES = Set.of("ctrl-hoisted-store", "ctrl-folded-condition", "ctrl-to-select",
            "addr-pointer-substituted", "addr-dep-broken", "data-dep-broken", "marked-access-removed", "load-speculated",
            "store-invented", "load-invented", "load-fused", "store-fused", "store-removed", "store-torn");

    @Test
    void everyIdIsOneRuleAndEachModeHasItsIds() {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (Rule r : Rules.all()) {
            assertTrue(ids.add(r.id()), "two rules with the id " + r.id());
            assertTrue(r.id().matches("[a-z]+(-[a-z]+)*"), "not kebab-case: " + r.id());
            assertSame(r, Rules.byId(r.id()));
        }
        assertEquals(21, ids.size());
        assertEquals(DIFF_CAUSES, ids(Rules.of(Mode.DIFF)));
        assertEquals(11, Rules.of(Mode.SCAN).size());
        assertEquals(List.copyOf(ids), List.copyOf(Rules.ids()));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleDescribesItselfForReports() {
        return Rules.all().stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            assertFalse(r.summary().isBlank());
            assertFalse(r.summary().endsWith("."), "a summary is a phrase, not a sentence");
            // SARIF's fullDescription: plain text, whole sentences
            assertTrue(Character.isUpperCase(r.description().charAt(0)), r.description());
            assertTrue(r.description().endsWith("."), r.description());
            assertFalse(r.description().contains("`"), "plain text, not Markdown: " + r.description());
            assertEquals("lkmm", r.tags().get(0));
            assertTrue(TAGS.containsAll(r.tags()), "unknown tag in " + r.tags());
            assertEquals(r.id().startsWith("fragile-"), r.tags().contains("fragile"));
            if (r.id().startsWith("ctrl-")) assertTrue(r.tags().contains("control-dependency"), r.tags().toString());
            if (r.id().startsWith("addr-")) assertTrue(r.tags().contains("address-dependency"), r.tags().toString());
            assertFalse(r.modes().isEmpty());
        }));
    }

    /** Each page explains the rule the way the issue asks (example, IR, why, fix), states its severity, is in the jar. */
    @TestFactory
    Stream<DynamicTest> everyRuleHasItsPage() {
        return Rules.all().stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            String page = r.page();
            assertNotNull(page, "no " + r.pagePath() + " in the jar's resources");
            assertTrue(page.startsWith("# " + r.id() + "\n"), "the page starts with '# " + r.id() + "'");
            for (String section : List.of("## What it finds", "## Example", "## The IR", "## Why it breaks the LKMM",
                    "## How to fix the source"))
                assertTrue(page.contains(section), r.pagePath() + " lacks '" + section + "'");
            assertTrue(page.contains("Severity: " + r.severity().keyword), r.pagePath() + " must state its severity");
            // an id both modes print has one page that says how each finds it; one only diff prints says what scan sees
            if (r.modes().equals(Set.of(Mode.SCAN, Mode.DIFF)))
                assertTrue(page.contains("## How scan and diff find it"), r.pagePath());
            if (r.modes().equals(Set.of(Mode.DIFF))) {
                assertTrue(page.contains("## How scan sees it"), r.pagePath());
                assertTrue(page.contains("Reported by `diff`"), r.pagePath());
            }
        }));
    }

    private static Set<String> ids(List<Rule> rules) {
        Set<String> out = new HashSet<>();
        for (Rule r : rules) out.add(r.id());
        return out;
    }
}
