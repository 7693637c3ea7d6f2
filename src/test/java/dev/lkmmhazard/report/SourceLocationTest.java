package dev.lkmmhazard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame a report shows first for Rust: the innermost one outside the standard library, wherever it lives. */
class SourceLocationTest {
    @Test
    void theStandardLibraryIsKnownByEveryPathAToolchainGivesIt() {
        assertTrue(SourceLocation.isRustLibrary("library/core/src/sync/atomic.rs"), "remapped (the corpus)");
        assertTrue(SourceLocation.isRustLibrary("/rustc/59807616e/library/core/src/ptr/mod.rs"), "rustc's virtual path");
        // Debian's rust-web-src, which Linux builds core from (scripts/rfl-ll.sh)
        assertTrue(SourceLocation.isRustLibrary("/usr/lib/rustlib/src/rust/library/core/src/sync/atomic.rs"));
        assertTrue(SourceLocation.isRustLibrary("/usr/lib/rustlib/src/rust/library/alloc/src/vec/mod.rs"));
        assertFalse(SourceLocation.isRustLibrary("drivers/block/rnull.rs"));
        assertFalse(SourceLocation.isRustLibrary("rust/kernel/sync/lock.rs"), "the kernel crate is the user's");
        assertFalse(SourceLocation.isRustLibrary("corpus/c/library/core.c"));
    }

    @Test
    void aKbuildStoreIsShownAtTheDriversLine() {
        SourceLocation driver = new SourceLocation("drivers/block/rnull.rs", 70, 23, null, List.of());
        SourceLocation store = new SourceLocation("/usr/lib/rustlib/src/rust/library/core/src/sync/atomic.rs", 3889, 24, "store",
                List.of(new SourceLocation("/usr/lib/rustlib/src/rust/library/core/src/sync/atomic.rs", 2898, 26, null, List.of()),
                        driver));
        assertEquals(driver, store.userFrame());
    }
}
