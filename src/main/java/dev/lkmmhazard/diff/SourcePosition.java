package dev.lkmmhazard.diff;

import dev.lkmmhazard.ir.DIFile;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * A source position (file, line, column): what stays the same for an access between the IR before and after
 * optimization, when the value numbers, the IR lines and the inlining all change.
 */
record SourcePosition(String file, int line, int column) {

    /** The frames of an instruction's debug location, innermost first (the inlined-at chain); empty without one. */
    static List<SourcePosition> frames(Instruction inst) {
        List<SourcePosition> out = new ArrayList<>(2);
        int depth = 0;
        for (DILocation l = inst.debugLoc(); l != null && depth < 256; l = l.inlinedAt(), depth++)
            out.add(new SourcePosition(fileOf(l), l.line(), l.column()));
        return out;
    }

    /** The innermost frame, or null without a debug location. */
    static SourcePosition of(Instruction inst) {
        DILocation l = inst.debugLoc();
        return l == null ? null : new SourcePosition(fileOf(l), l.line(), l.column());
    }

    /**
     * The file name as the model holds it: positions are only compared, so the text a report would show (decoded
     * from UTF-8) is not needed, and making it for every access was a thirtieth of a diff's time.
     */
    private static String fileOf(DILocation l) {
        DIFile f = l.file();
        String name = f == null ? null : f.filename();
        return name == null ? "?" : name;
    }

    /**
     * A position the optimizer merged from several: line 0, or a line without its column (the arms were on one line;
     * compilers give every other location a column).
     */
    boolean isMerged() { return line == 0 || column == 0; }

    /** Whether the position is in Rust's standard library ({@code library/core/...}). */
    boolean inRustLibrary() { return dev.lkmmhazard.report.SourceLocation.isRustLibrary(file); }

    /**
     * The position as a message names it: "line N", or, in Rust's standard library, where a line number alone would
     * send the reader to the wrong file, "library/core/src/sync/atomic.rs:N".
     */
    String libraryText() { return dev.lkmmhazard.report.SourceLocation.libraryLine(file, line); }

    @Override public String toString() { return file + ":" + line + ":" + column; }
}
