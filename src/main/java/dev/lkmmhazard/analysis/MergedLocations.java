package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.DILexicalBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.DebugRecord;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.Metadata;
import dev.lkmmhazard.ir.Value;
import java.util.List;

/**
 * What the debug locations say about an instruction the optimizer merged from the arms of an {@code if} or
 * {@code switch}. Merging gives the instruction {@code line: 0} in the nearest scope common to the arms: in C the
 * {@code if}'s own {@code DILexicalBlock} (opened on the {@code if} line, directly inside the scope of the {@code br};
 * its condition is computed inside it), or the {@code switch} body's block; in Rust, where an {@code if} opens no
 * scope, the frame of the caller into which {@code write_volatile}/{@code store} was inlined gets line 0 in the scope
 * of the branch. Seen in the corpus IR of clang 19 and rustc (corpus/README.md).
 */
public final class MergedLocations {
    private MergedLocations() {}

    private static final int MAX_DEPTH = 64;

    /**
     * The frames (the location and its inlined-at chain) that carry line 0 with a scope, or a line with column 0: the
     * arms merged were on one line ({@code if c { store } else { store }} written on one line), and LLVM keeps the line
     * it has in common and drops the column. Compilers write a column for every other location (none lacks one in the
     * corpus's unoptimized IR, clang's or rustc's). Empty without any.
     */
    public static DILocation[] mergedFrames(Instruction inst) {
        // one walk, bounded by depth: a damaged file can make the inlined-at chain a cycle (found by ScanFuzzTest,
        // when the count and the copy were two walks with different bounds)
        DILocation[] found = new DILocation[MAX_DEPTH];
        int n = 0, depth = 0;
        for (DILocation x = inst.debugLoc(); x != null && depth < MAX_DEPTH; x = x.inlinedAt(), depth++)
            if ((x.line() == 0 || x.column() == 0) && x.scope() != null) found[n++] = x;
        return java.util.Arrays.copyOf(found, n);
    }

    /**
     * Whether the merged frame belongs to the {@code if}/{@code switch} whose branch or condition is {@code anchor}:
     * some frame of the anchor, inlined at the same place, has the merged frame's scope, or the merged scope is a
     * lexical block opened on that frame's line directly inside that frame's scope.
     */
    public static boolean belongsTo(DILocation merged, Instruction anchor) {
        MDNode m = merged.scope();
        int depth = 0;
        for (DILocation g = anchor.debugLoc(); g != null && depth < MAX_DEPTH; g = g.inlinedAt(), depth++) {
            if (!sameInlinedAt(g.inlinedAt(), merged.inlinedAt())) continue;
            if (g.line() == 0) continue; // an anchor that is merged itself says nothing about where the if was
            if (merged.line() != 0 && g.line() != merged.line()) continue; // merged on one line: the if's line
            MDNode s = g.scope();
            if (s == m) return true;
            if (m instanceof DILexicalBlock b && !b.isBlockFile() && b.scope() == s && b.line() == g.line()) return true;
        }
        return false;
    }

    /**
     * Whether a frame merged on one line (line L, column 0) has an instruction's frame on the same line L, in the same
     * scope and inlined copy: the instruction (the marked load an {@code if} tested) stood on the line the arms were
     * merged from.
     */
    public static boolean onLineOf(DILocation merged, Instruction inst) {
        if (merged.line() == 0) return false;
        int depth = 0;
        for (DILocation g = inst.debugLoc(); g != null && depth < MAX_DEPTH; g = g.inlinedAt(), depth++)
            if (g.line() == merged.line() && g.column() != 0 && g.scope() == merged.scope()
                    && sameInlinedAt(g.inlinedAt(), merged.inlinedAt())) return true;
        return false;
    }

    /** Whether any of the instructions anchors the merged frame. */
    public static boolean belongsToAny(DILocation merged, List<Instruction> anchors) {
        for (int i = 0, n = anchors.size(); i < n; i++) if (belongsTo(merged, anchors.get(i))) return true;
        return false;
    }

    /**
     * Whether the debug info names {@code value} as a variable whose scope encloses the merged frame's scope, in the
     * same inlined copy: the value was live where the vanished {@code if} stood.
     */
    public static boolean describesVariableAround(Value value, Instruction recordHolder, int recordIndex, DILocation merged) {
        List<DebugRecord> records = recordHolder.debugRecords();
        if (recordIndex < 0 || recordIndex >= records.size()) return false;
        DebugRecord r = records.get(recordIndex);
        if (!r.kind().equals("value") && !r.kind().equals("assign") && !r.kind().equals("declare")) return false;
        List<Metadata> ops = r.operands();
        if (ops.size() < 4) return false;
        if (!(ops.get(0) instanceof Metadata.ValueRef v) || v.value() != value) return false;
        MDNode variable = MDNode.resolve(ops.get(1));
        MDNode where = MDNode.resolve(ops.get(3));
        if (variable == null || !(where instanceof DILocation loc)) return false;
        return encloses(variable, loc, merged);
    }

    /**
     * Whether the variable, described at {@code loc}, has a scope enclosing the merged frame's scope, in the same
     * inlined copy.
     */
    public static boolean encloses(MDNode variable, DILocation loc, DILocation merged) {
        if (!sameInlinedAt(loc.inlinedAt(), merged.inlinedAt())) return false;
        MDNode varScope = variable.nodeField("scope");
        if (varScope == null) return false;
        int depth = 0;
        for (MDNode s = merged.scope(); s != null && depth < MAX_DEPTH; s = s.nodeField("scope"), depth++) {
            if (s == varScope) return true;
            if (!(s instanceof DILexicalBlock)) break; // stop at the subprogram
        }
        return false;
    }

    /** Inlined-at chains compared by position and scope: uniqued and distinct copies of one location are equal. */
    public static boolean sameInlinedAt(DILocation a, DILocation b) {
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            if (a == b) return true;
            if (a == null || b == null) return false;
            if (a.line() != b.line() || a.column() != b.column() || a.scope() != b.scope()) return false;
            a = a.inlinedAt();
            b = b.inlinedAt();
        }
        return false;
    }
}
