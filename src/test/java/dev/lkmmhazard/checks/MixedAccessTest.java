package dev.lkmmhazard.checks;

import static dev.lkmmhazard.checks.AddrPointerSubstitutedTest.in;
import static dev.lkmmhazard.checks.AddrPointerSubstitutedTest.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.report.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects (global plus offset) accessed both marked and plain in one module. */
class MixedAccessTest {
    private static final Check CHECK = new MixedAccess();

    private static List<String> lines(List<Finding> findings) { return CorpusScan.functionLines(findings); }

    @Test
    void optimizedFieldsAndFunctions() {
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O2-g/mixed_access.ll"));
        // shared_flag read plain (line 29); st.hits++ (load and store on line 42, one finding); st.state = s + 1 (51).
        // st.misses (@st+8) is plain only though st.hits (@st+0) and st.state (@st+16) are marked.
        assertEquals(List.of("mixed_read_flag_plain:29", "mixed_hits_plain_inc:42", "mixed_state_same_function:51"), lines(all));
        assertTrue(all.get(1).message().contains("@st,") && all.get(1).message().contains("mixed_hits_marked"),
                all.get(1).message());
        assertTrue(all.get(2).message().contains("plain store to @st+16") && all.get(2).message().contains("in this function"),
                all.get(2).message());
        assertEquals(List.of(), in(all, "plain_misses"));
        assertEquals(List.of(), in(all, "plain_only"));
    }

    @Test
    void unoptimizedIrWithStructTypedGeps() {
        // at -O0 the fields are "getelementptr inbounds (%struct.stats, ptr @st, i32 0, i32 2)"
        List<Finding> all = scan(CHECK, Path.of("corpus/ir/clang-19/x86_64/O0-g/mixed_access.ll"));
        assertEquals(List.of("mixed_read_flag_plain:29", "mixed_hits_plain_inc:42", "mixed_state_same_function:51"), lines(all));
    }

    @Test
    void rust() {
        List<Finding> deps = scan(CHECK, Path.of("corpus/ir/rustc/x86_64/O2-g/deps.ll"));
        // DEFAULT_FOO.a (@DEFAULT_FOO+0) is plain, only DEFAULT_FOO.b (+4) is read_volatile'd; PLAIN_COUNT is plain only
        assertEquals(List.of(), in(deps, "rs_plain_only"));
        List<Finding> spin = scan(CHECK, Path.of("corpus/ir/rustc/x86_64/O2-g/busy_wait.ll"));
        assertEquals(List.of("rs_spin_plain:19"), lines(in(spin, "rs_spin_plain")));
    }

    /** Plain reads under a lock are the kernel's idiom; plain writes stay reported; boot code is skipped. */
    @Test
    void locksAndInitCode(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("locks.ll");
        Files.writeString(f, String.join("\n",
                "@x = global i32 0",
                "@lk = global i32 0",
                "",
                "declare void @_raw_spin_lock(ptr)",
                "declare void @_raw_spin_unlock(ptr)",
                "",
                "define void @writer(i32 %v) {",
                "  store volatile i32 %v, ptr @x",
                "  ret void",
                "}",
                "",
                "define i32 @locked(i1 %c) {",
                "  br i1 %c, label %l, label %r",
                "l:",
                "  call void @_raw_spin_lock(ptr @lk)",
                "  br label %r",
                "r:",
                "  %a = load i32, ptr @x",
                "  store i32 1, ptr @x",
                "  call void @_raw_spin_unlock(ptr @lk)",
                "  %b = load i32, ptr @x",
                "  %s = add i32 %a, %b",
                "  ret i32 %s",
                "}",
                "",
                "define void @boot() section \".init.text\" {",
                "  store i32 0, ptr @x",
                "  ret void",
                "}",
                ""));
        List<String> got = new ArrayList<>();
        for (Finding x : scan(CHECK, f)) got.add(x.function() + ":" + x.irLine());
        // the load after the (conditional) lock is skipped, the store under it and the load after the unlock are not
        assertEquals(List.of("locked:19", "locked:21"), got);
    }
}
