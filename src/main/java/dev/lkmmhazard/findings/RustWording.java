package dev.lkmmhazard.findings;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Ordering;

/**
 * What a finding calls a marked access in a module rustc wrote: where C's messages say "marked load" (a READ_ONCE, an
 * atomic_read), a Rust author wrote {@code X.load(Ordering::Relaxed)}, so a relaxed atomic of a rustc module is an
 * "Ordering::Relaxed load" (or store, rmw, cmpxchg). Other marked accesses ({@code read_volatile}, helpers) keep the
 * word "marked".
 */
final class RustWording {
    private RustWording() {}

    /** Whether rustc wrote the module: its {@code source_filename} is a codegen unit ({@code crate.hash-cgu.0}) or a .rs file. */
    static boolean isRust(FunctionContext f) {
        String s = f.module().module().sourceFilename();
        return s != null && (s.endsWith(".rs") || s.matches(".*-cgu\\.[0-9]+"));
    }

    /** The text with the beginning's and the instruction's kinds named by their Rust ordering, when relaxed atomics. */
    static String apply(FunctionContext f, Instruction beginning, Instruction at, String text) {
        if (text == null || !text.contains("marked ") || !isRust(f)) return text;
        String b = relaxedKind(f, beginning), a = relaxedKind(f, at);
        if (b != null && (b.equals("load") || b.equals("rmw") || b.equals("cmpxchg"))) text = rename(text, b);
        if (a != null && !a.equals(b)) text = rename(text, a);
        return text;
    }

    private static String rename(String text, String kind) {
        return text.replace("a marked " + kind, "an Ordering::Relaxed " + kind)
                .replace("marked " + kind, "Ordering::Relaxed " + kind);
    }

    /** "load", "store", "rmw" or "cmpxchg" when the instruction is a relaxed atomic of this function, else null. */
    private static String relaxedKind(FunctionContext f, Instruction i) {
        if (i == null || i.parent() == null || i.parent().parent() != f.function()) return null;
        for (MarkedAccess m : f.marked().of(i))
            if (m.ordering() == Ordering.MONOTONIC && (m.failureOrdering() == null || m.failureOrdering() == Ordering.MONOTONIC))
                return m.kind().keyword;
        return null;
    }
}
