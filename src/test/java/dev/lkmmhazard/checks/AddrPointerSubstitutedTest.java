package dev.lkmmhazard.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.report.RelatedLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pointer and index substitution after a comparison with a constant, on the corpus and on small hand-written IR. */
class AddrPointerSubstitutedTest {
    private static final Check CHECK = new AddrPointerSubstituted();

    static List<Finding> scan(Check check, Path file) { return CorpusScan.scan(check, file); }

    static List<Finding> in(List<Finding> findings, String function) { return CorpusScan.in(findings, function); }

    @Test
    void clangPointerIndexAndListWalk() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2-g/ptr_compare.ll"));
        // store volatile i32 1, ptr @default_item on the equal edge (line 43); the else store through %1 stays
        List<Finding> store = in(all, "ptr_eq_store");
        assertEquals(1, store.size(), all.toString());
        assertEquals(43, store.get(0).source().line());
        assertTrue(store.get(0).message().contains("@default_item"), store.get(0).message());
        // the exit block of while (p != &head), entered from two compares: load volatile of @head+4 (line 62)
        List<Finding> walk = in(all, "list_walk_until_head");
        assertEquals(1, walk.size(), all.toString());
        assertEquals(62, walk.get(0).source().line());
        assertTrue(walk.get(0).message().contains("@head+4"), walk.get(0).message());
        // the rcu_dereference load of the rotated loop carries a merged location (line 0); the compare is line 57
        assertEquals(List.of(0, 57), noteLines(walk.get(0)));
        // arr[3] becomes @arr+12; unsigned i < 1 becomes i == 0 and arr[0] @arr
        assertEquals(74, in(all, "index_eq_three").get(0).source().line());
        assertTrue(in(all, "index_eq_three").get(0).message().contains("index"));
        assertEquals(87, in(all, "index_below_one").get(0).source().line());
        // the load of default_item.val hoisted above the branch, chosen by a select (it carries the if's line 28)
        List<Finding> hoisted = in(all, "ptr_eq_global");
        assertEquals(1, hoisted.size());
        assertEquals(28, hoisted.get(0).source().line());
        assertTrue(hoisted.get(0).message().contains("select"), hoisted.get(0).message());
        // negatives: a non-constant pointer, and the unequal side of p != &default_item
        assertEquals(List.of(), in(all, "ptr_eq_nonconst"));
        assertEquals(List.of(), in(all, "ptr_ne_global"));
        assertEquals(5, all.size(), all.toString());
    }

    @Test
    void evidenceRunsFromTheLoadToTheAccess() {
        Finding f = in(scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2-g/ptr_compare.ll")), "ptr_eq_store").get(0);
        List<String> ir = new ArrayList<>();
        f.evidence().forEach(e -> ir.add(e.ir()));
        assertEquals(4, ir.size(), ir.toString());
        assertTrue(ir.get(0).startsWith("%1 = load volatile ptr, ptr @gp"), ir.toString());
        assertTrue(ir.get(1).startsWith("%2 = icmp eq ptr %1, @default_item"), ir.toString());
        assertTrue(ir.get(2).startsWith("br i1 %2"), ir.toString());
        assertTrue(ir.get(3).startsWith("store volatile i32 1, ptr @default_item"), ir.toString());
    }

    @Test
    void nullChecksAndNonConstantComparisonsSubstituteNothing() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2-g/addr_dep.ll"));
        assertEquals(List.of(), all);
    }

    @Test
    void withoutDebugInfoTheSameFunctions() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2/ptr_compare.ll"));
        List<String> fns = new ArrayList<>();
        for (Finding f : all) fns.add(f.function());
        assertEquals(List.of("ptr_eq_global", "ptr_eq_store", "list_walk_until_head", "index_eq_three", "index_below_one"), fns);
    }

    @Test
    void rust() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/rustc/x86_64/O2-g/deps.ll"));
        List<Finding> pos = in(all, "rs_ptr_compare");
        assertEquals(1, pos.size(), all.toString());
        assertTrue(pos.get(0).message().contains("@DEFAULT_FOO+4"), pos.get(0).message());
        assertEquals(List.of(), in(all, "rs_ptr_compare_nonconst"));
        assertEquals(1, all.size(), all.toString());
    }

    /** The access must be tied to the comparison: the same global, or the compared element of an array. */
    @Test
    void unrelatedConstantAccessesAreNotSubstitutions(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("tie.ll");
        Files.writeString(f, String.join("\n",
                "@gp = global ptr null",
                "@a = global [2 x i32] zeroinitializer",
                "@b = global i32 0",
                "@gi = global i32 0",
                "@arr = global [8 x i32] zeroinitializer",
                "",
                "define i32 @other_global() {",
                "  %p = load volatile ptr, ptr @gp",
                "  %c = icmp eq ptr %p, @a",
                "  br i1 %c, label %t, label %e",
                "t:",
                "  store volatile i32 1, ptr @b",
                "  %v = load i32, ptr getelementptr inbounds (i8, ptr @a, i64 4)",
                "  ret i32 %v",
                "e:",
                "  ret i32 0",
                "}",
                "",
                "define i32 @other_element() {",
                "  %i = load volatile i32, ptr @gi",
                "  %c = icmp eq i32 %i, 3",
                "  br i1 %c, label %t, label %e",
                "t:",
                "  %v = load volatile i32, ptr getelementptr inbounds (i8, ptr @arr, i64 8)",
                "  %w = load volatile i32, ptr getelementptr inbounds (i8, ptr @arr, i64 12)",
                "  %s = add i32 %v, %w",
                "  ret i32 %s",
                "e:",
                "  ret i32 0",
                "}",
                "",
                "define i32 @switch_case() {",
                "  %i = load volatile i32, ptr @gi",
                "  switch i32 %i, label %e [ i32 2, label %t ]",
                "t:",
                "  %v = load volatile i32, ptr getelementptr inbounds (i8, ptr @arr, i64 8)",
                "  ret i32 %v",
                "e:",
                "  %w = load volatile i32, ptr getelementptr inbounds (i8, ptr @arr, i64 8)",
                "  ret i32 %w",
                "}",
                "",
                "define void @select_address(ptr %q) {",
                "  %p = load volatile ptr, ptr @gp",
                "  %c = icmp ne ptr %p, @b",
                "  %a = select i1 %c, ptr %q, ptr @b",
                "  store volatile i32 1, ptr %a",
                "  ret void",
                "}",
                ""));
        List<Finding> all = scan(CHECK, f);
        List<String> got = new ArrayList<>();
        for (Finding x : all) got.add(x.function() + ":" + x.irLine());
        // @b is not the compared @a; @arr+8 is element 2, not 3; the default of the switch is not case 2;
        // a select choosing @b where p != @b is false
        assertEquals(List.of("other_global:13", "other_element:25", "switch_case:36", "select_address:47"), got);
    }

    private static List<Integer> noteLines(Finding f) {
        List<Integer> out = new ArrayList<>();
        for (RelatedLocation r : f.related()) out.add(r.source() == null ? -1 : r.source().line());
        return out;
    }
}
