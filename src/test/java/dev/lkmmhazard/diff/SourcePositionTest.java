package dev.lkmmhazard.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SourcePositionTest {
    /** A line of Rust's standard library is named with its file: "line 3890" alone sends the reader to the crate. */
    @Test
    void linesOfTheRustLibraryCarryTheirFile() {
        SourcePosition core = new SourcePosition("library/core/src/sync/atomic.rs", 3890, 24);
        assertTrue(core.inRustLibrary());
        assertEquals("library/core/src/sync/atomic.rs:3890", core.libraryText());
        SourcePosition sysroot = new SourcePosition("/rustc/59807616e/library/core/src/sync/atomic.rs", 3875, 24);
        assertTrue(sysroot.inRustLibrary());
        assertEquals("library/core/src/sync/atomic.rs:3875", sysroot.libraryText());
        assertFalse(new SourcePosition("corpus/rust/deps.rs", 40, 13).inRustLibrary());
    }

    /** Line 0, and a line without its column (arms merged on one line), are merged positions. */
    @Test
    void mergedPositions() {
        assertTrue(new SourcePosition("corpus/rust/user_orderings.rs", 0, 0).isMerged());
        assertTrue(new SourcePosition("corpus/rust/user_orderings.rs", 137, 0).isMerged());
        assertFalse(new SourcePosition("corpus/rust/user_orderings.rs", 137, 43).isMerged());
    }
}
