package dev.lkmmhazard.findings;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DIFile;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.DISubprogram;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.ModulePrinter;
import dev.lkmmhazard.report.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns the IR's debug locations and instructions into the report's terms. */
public final class SourceLocations {
    private SourceLocations() {}

    /** The source position of an instruction with its inlined-at chain, or null without a {@code !dbg}. */
    public static SourceLocation of(Instruction inst) {
        DILocation l = inst.debugLoc();
        if (l == null) return null;
        List<SourceLocation> inlined = new ArrayList<>();
        int depth = 0;
        for (DILocation x = l.inlinedAt(); x != null && depth < 256; x = x.inlinedAt(), depth++) inlined.add(frame(x, List.of()));
        return frame(l, inlined);
    }

    private static SourceLocation frame(DILocation l, List<SourceLocation> inlined) {
        DISubprogram sp = subprogram(l.scope());
        return new SourceLocation(fileName(l), l.line(), l.column(), sp == null ? null : text(sp.name()), inlined);
    }

    /** The file of a location, as recorded; {@code ?} when the scope names none. */
    public static String fileName(DILocation l) {
        DIFile f = l.file();
        return f == null || f.filename() == null ? "?" : text(f.filename());
    }

    /** The subprogram enclosing a scope, or null. */
    public static DISubprogram subprogram(MDNode scope) {
        for (int depth = 0; scope != null && depth < 1000; depth++) {
            if (scope instanceof DISubprogram sp) return sp;
            scope = scope.nodeField("scope");
        }
        return null;
    }

    /**
     * What identifies an instruction across rebuilds and unrelated edits (see {@link dev.lkmmhazard.report.Fingerprint}):
     * per inlined-at frame, the file, the line counted from its function's first line, the column and the function;
     * a merged location ({@code line: 0}) gives its lexical scope instead. Without debug info: the opcode and the
     * ordinal of the instruction among the function's instructions with that opcode.
     */
    public static String anchor(Instruction inst) {
        DILocation l = inst.debugLoc();
        StringBuilder sb = new StringBuilder();
        if (l == null) {
            Function f = inst.parent().parent();
            int ordinal = 0;
            outer:
            for (BasicBlock b : f.blocks())
                for (Instruction i : b.instructions()) {
                    if (i == inst) break outer;
                    if (i.opcode() == inst.opcode()) ordinal++;
                }
            return sb.append(inst.opcode().keyword).append('#').append(ordinal).toString();
        }
        int depth = 0;
        for (DILocation x = l; x != null && depth < 256; x = x.inlinedAt(), depth++) {
            DISubprogram sp = subprogram(x.scope());
            int base = sp == null ? 0 : sp.line();
            if (depth > 0) sb.append(" < ");
            sb.append(fileName(x)).append(':');
            if (x.line() == 0) {
                MDNode scope = x.scope();
                int scopeLine = scope == null ? 0 : (int) scope.intField("line", 0);
                sb.append("merged in scope +").append(scopeLine == 0 ? 0 : scopeLine - base);
            } else {
                sb.append('+').append(x.line() - base).append(':').append(x.column());
            }
            sb.append(" in ").append(sp == null || sp.name() == null ? "?" : sp.name());
        }
        return sb.toString();
    }

    /** An instruction as LLVM prints it, without its metadata attachments, as readable text. */
    public static String irText(Instruction inst) {
        StringBuilder sb = new StringBuilder(96);
        try {
            new ModulePrinter(sb).printInstruction(inst);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return text(stripAttachments(sb.toString()));
    }

    /** Cuts {@code , !dbg !12, !tbaa !5}: an attachment is ", !" followed by a name, never by a node number. */
    public static String stripAttachments(String s) {
        for (int i = s.indexOf(", !"); i >= 0; i = s.indexOf(", !", i + 1)) {
            char c = i + 3 < s.length() ? s.charAt(i + 3) : '0';
            if (Character.isLetter(c) || c == '_' || c == '"') return s.substring(0, i);
        }
        return s;
    }

    /**
     * The IR model keeps one char per byte of the file; names and file names are UTF-8 in practice, so show them
     * decoded (bytes that are not UTF-8 become U+FFFD).
     */
    public static String text(String modelString) {
        if (modelString == null) return null;
        for (int i = 0; i < modelString.length(); i++)
            if (modelString.charAt(i) >= 0x80)
                return new String(modelString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return modelString;
    }
}
