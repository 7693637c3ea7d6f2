package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import java.util.stream.Stream;

class CheckRegistryTest {
    /** The ids of the design note's catalogue that a single file can show (section 3). */
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

    /** Each page explains the check the way the issue asks: example, IR, why, fix; and is in the jar. */
    @TestFactory
    Stream<DynamicTest> everyCheckHasItsPage() {
        return CheckRegistry.all().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            String page = c.rule().page();
            assertNotNull(page, "no docs/checks/" + c.id() + ".md");
            assertTrue(page.startsWith("# " + c.id() + "\n"), "the page starts with '# " + c.id() + "'");
            for (String section : List.of("## What it finds", "## Example", "## The IR", "## Why it breaks the LKMM",
                    "## How to fix the source"))
                assertTrue(page.contains(section), c.id() + ".md lacks '" + section + "'");
            assertTrue(page.contains("Severity: " + c.severity().keyword), c.id() + ".md must state its severity");
        }));
    }

    @Test
    void selectRejectsAnUnknownIdByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckRegistry.select(List.of("ctrl-hoisted-store", "no-such-check")));
        assertTrue(e.getMessage().contains("no-such-check"));
    }
}
