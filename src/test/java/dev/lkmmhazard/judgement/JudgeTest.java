package dev.lkmmhazard.judgement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import dev.lkmmhazard.report.Judgement;
import dev.lkmmhazard.report.Judgement.Answer;
import dev.lkmmhazard.report.Judgement.Verdict;
import dev.lkmmhazard.report.Severity;
import dev.lkmmhazard.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each ground, holding and not, on hand-written IR in the shapes clang gives the kernel's primitives: the first
 * volatile load of a function is the beginning, its last volatile (or plain) access the ending.
 */
class JudgeTest {
    private static final String DECLS = """
            @x = global i32 0
            @y = global i32 0
            @l = global i32 0
            @ro = global i32 0, section ".data..ro_after_init"
            @once = global i8 0, section ".data.once"
            @param_ro = global i32 0
            @param_rw = global i32 0
            @pcpu = global i32 0, section ".data..percpu"
            @this_cpu_off = external global i64
            %struct.kernel_param = type { ptr, ptr, ptr, i16, i8, i8, ptr }
            @__param_ro = internal constant %struct.kernel_param { ptr null, ptr null, ptr null, i16 292, i8 -1, i8 0, ptr @param_ro }, section "__param"
            @__param_rw = internal constant %struct.kernel_param { ptr null, ptr null, ptr null, i16 420, i8 -1, i8 0, ptr @param_rw }, section "__param"
            declare void @_raw_spin_lock(ptr)
            declare void @_raw_spin_unlock(ptr)
            declare i32 @_raw_spin_trylock(ptr)
            declare void @use(ptr)
            declare void @lock_acquire(ptr, i32, i32, i32, i32, ptr, i64)
            declare void @lock_release(ptr, i64)
            @llock = global i64 0, section ".data..percpu"
            @rcu_lock_map = global i64 0
            @debug_locks = global i32 1
            declare i32 @lock_is_held_type(ptr, i32)
            declare i1 @rtnl_is_locked()
            declare i1 @llvm.is.constant.i32(i32)
            declare i1 @const_test_bit()
            declare i1 @_test_bit()
            declare i1 @stub_false()
            declare void @rust_helper_spin_lock(ptr)
            declare void @rust_helper_spin_unlock(ptr)
            declare void @rust_helper_mutex_lock(ptr)
            declare void @mutex_unlock(ptr)
            declare i32 @rust_helper_spin_trylock(ptr)
            declare void @warn()
            """;

    /** The judgement of a ctrl dependency from the function's first volatile load to its last store. */
    private static Judgement judge(String body, Dependency.Type type) { return judge(body, type, Rules.CTRL_HOISTED_STORE); }

    private static Judgement judge(String body, Dependency.Type type, dev.lkmmhazard.rules.Rule rule) {
        ParseResult r = IrReader.read("judge.ll", (DECLS + body).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors());
        ModuleContext m = new ModuleContext(r.module(), MarkedAccessConfig.defaults());
        FunctionContext f = m.function(r.module().function("f"));
        Instruction begin = null, end = null;
        for (var b : f.function().blocks())
            for (Instruction i : b.instructions()) {
                if (begin == null && i.opcode() == Opcode.LOAD && i.isVolatile()) begin = i;
                else if (i.opcode() == Opcode.STORE || (i.opcode() == Opcode.LOAD && begin != null)) end = i;
            }
        return Judge.of(Case.of(rule, f, begin, end, type));
    }

    private static Answer answer(Judgement j, String ground) {
        for (Judgement.Ground g : j.grounds()) if (g.ground().equals(ground)) return g.answer();
        throw new AssertionError(ground + " not asked: " + j.grounds());
    }

    private static final String PLAIN = """
            define void @f() {
              %v = load volatile i32, ptr @x
              %c = icmp ne i32 %v, 0
              br i1 %c, label %t, label %e
            t:
              store volatile i32 1, ptr @y
              br label %e
            e:
              ret void
            }
            """;

    @Test
    void sharedMemoryWithNothingInTheWayIsAHazard() {
        Judgement j = judge(PLAIN, Dependency.Type.CTRL);
        assertEquals(Verdict.HAZARD, j.verdict(), j.grounds().toString());
        for (Judgement.Ground g : j.grounds()) assertEquals(Answer.ABSENT, g.answer(), g.toString());
        assertEquals(Severity.ERROR, j.severity(Severity.ERROR));
        assertEquals(Severity.WARNING, j.severity(Severity.WARNING), "the rule's severity stays the ceiling");
    }

    @Test
    void aLockHeldOverBothEndsMakesItBenignAndAnUnlockBetweenDoesNot() {
        String locked = PLAIN.replace("  %v = load", "  call void @_raw_spin_lock(ptr @l)\n  %v = load")
                .replace("e:\n  ret void", "e:\n  call void @_raw_spin_unlock(ptr @l)\n  ret void");
        Judgement j = judge(locked, Dependency.Type.CTRL);
        assertEquals(Verdict.BENIGN, j.verdict());
        assertEquals(Answer.HOLDS, answer(j, Judge.LOCK_HELD));
        assertTrue(j.summary().contains("_raw_spin_lock()"), j.summary());
        assertEquals(Severity.NOTE, j.severity(Severity.ERROR));

        String droppedFirst = PLAIN.replace("  %v = load", "  call void @_raw_spin_lock(ptr @l)\n  %v = load")
                .replace("t:\n", "t:\n  call void @_raw_spin_unlock(ptr @l)\n");
        assertEquals(Answer.ABSENT, answer(judge(droppedFirst, Dependency.Type.CTRL), Judge.LOCK_HELD));
        String lockedAfter = PLAIN.replace("t:\n", "t:\n  call void @_raw_spin_lock(ptr @l)\n");
        assertEquals(Answer.ABSENT, answer(judge(lockedAfter, Dependency.Type.CTRL), Judge.LOCK_HELD), "taken after the beginning");
    }

    /**
     * Rust-for-Linux takes a spinlock through rust/helpers/spinlock.c ({@code SpinLock::lock()} calls
     * {@code rust_helper_spin_lock}, the guard's drop {@code rust_helper_spin_unlock}) and a mutex through
     * {@code rust_helper_mutex_lock} and the C {@code mutex_unlock}: locks like the C calls they wrap.
     */
    @Test
    void rustForLinuxLockHelpersAreLocks() {
        String spin = PLAIN.replace("  %v = load", "  call void @rust_helper_spin_lock(ptr @l)\n  %v = load")
                .replace("e:\n  ret void", "e:\n  call void @rust_helper_spin_unlock(ptr @l)\n  ret void");
        Judgement j = judge(spin, Dependency.Type.CTRL);
        assertEquals(Verdict.BENIGN, j.verdict(), j.grounds().toString());
        assertEquals(Answer.HOLDS, answer(j, Judge.LOCK_HELD));
        assertTrue(j.summary().contains("rust_helper_spin_lock()"), j.summary());

        String mutex = spin.replace("@rust_helper_spin_lock(ptr @l)", "@rust_helper_mutex_lock(ptr @l)")
                .replace("@rust_helper_spin_unlock(ptr @l)", "@mutex_unlock(ptr @l)");
        assertEquals(Answer.HOLDS, answer(judge(mutex, Dependency.Type.CTRL), Judge.LOCK_HELD));

        String droppedFirst = PLAIN.replace("  %v = load", "  call void @rust_helper_spin_lock(ptr @l)\n  %v = load")
                .replace("t:\n", "t:\n  call void @rust_helper_spin_unlock(ptr @l)\n");
        assertEquals(Answer.ABSENT, answer(judge(droppedFirst, Dependency.Type.CTRL), Judge.LOCK_HELD), "unlocked before the ending");

        String tried = TRYLOCKED.replace("@_raw_spin_trylock", "@rust_helper_spin_trylock")
                .replace("@_raw_spin_unlock", "@rust_helper_spin_unlock");
        assertEquals(Answer.HOLDS, answer(judge(tried, Dependency.Type.CTRL), Judge.LOCK_HELD), "a trylock's success edge");
    }

    /** A ground's reason names a Rust static by its path, as the message does: rnull::THIS_MODULE, not _RNvCs... */
    @Test
    void groundReasonsNameRustGlobalsDemangled() {
        String body = "@_RNvCsccOGl4AuzMy_5rnull11THIS_MODULE = internal constant i32 0\n"
                + PLAIN.replace("ptr @y", "ptr @_RNvCsccOGl4AuzMy_5rnull11THIS_MODULE");
        Judgement j = judge(body, null);
        assertEquals(Answer.HOLDS, answer(j, Judge.OBJECT_BOOT_ONLY));
        String reason = null;
        for (Judgement.Ground g : j.grounds()) if (g.ground().equals(Judge.OBJECT_BOOT_ONLY)) reason = g.reason();
        assertTrue(reason.contains("rnull::THIS_MODULE is a constant"), reason);
        assertTrue(!j.summary().contains("_RNv"), j.summary());
    }

    /**
     * rcu_force_quiescent_state(): the root's lock taken, then the fqslock beside it in the same struct released. That
     * unlock is of another lock (another offset from the same pointer) and does not drop the first; an unlock of the
     * same word, or of a lock whose address is not known to differ, does.
     */
    @Test
    void anUnlockOfAnotherLockBesideItDoesNotDropTheLock() {
        String other = PLAIN.replace("  %v = load", """
                  %fqs = getelementptr i8, ptr @l, i64 4
                  call void @_raw_spin_lock(ptr @l)
                  call void @_raw_spin_unlock(ptr %fqs)
                  %v = load""");
        assertEquals(Answer.HOLDS, answer(judge(other, Dependency.Type.CTRL), Judge.LOCK_HELD));
        String same = PLAIN.replace("  %v = load", """
                  call void @_raw_spin_lock(ptr @l)
                  call void @_raw_spin_unlock(ptr @l)
                  %v = load""");
        assertEquals(Answer.ABSENT, answer(judge(same, Dependency.Type.CTRL), Judge.LOCK_HELD));
        String unknown = PLAIN.replace("  %v = load", """
                  %p = load ptr, ptr @l
                  call void @_raw_spin_lock(ptr @l)
                  call void @_raw_spin_unlock(ptr %p)
                  %v = load""");
        assertEquals(Answer.ABSENT, answer(judge(unknown, Dependency.Type.CTRL), Judge.LOCK_HELD), "may be the same lock");
    }

    /** lockdep_assert_held() is WARN_ON(debug_locks && !lock_is_held(l)): its call runs only under debug_locks. */
    @Test
    void aLockdepAssertionUnderDebugLocksSaysTheLockIsHeld() {
        String asserted = PLAIN.replace("  %v = load", """
                  %dl = load i32, ptr @debug_locks
                  %on = icmp ne i32 %dl, 0
                  br i1 %on, label %chk, label %go
                chk:
                  %h = call i32 @lock_is_held_type(ptr @l, i32 -1)
                  br label %go
                go:
                  %v = load""");
        assertEquals(Answer.HOLDS, answer(judge(asserted, Dependency.Type.CTRL), Judge.LOCK_HELD));
        String otherTest = asserted.replace("ptr @debug_locks", "ptr @y");
        assertEquals(Answer.ABSENT, answer(judge(otherTest, Dependency.Type.CTRL), Judge.LOCK_HELD), "not lockdep's own test");
    }

    /** ASSERT_RTNL() is WARN_ONCE(!rtnl_is_locked(), ...): the caller holds RTNL from there on, and not before it. */
    @Test
    void anRtnlAssertionSaysTheLockIsHeld() {
        String asserted = PLAIN.replace("  %v = load", """
                  %held = call i1 @rtnl_is_locked()
                  br i1 %held, label %go, label %w
                w:
                  call void @warn()
                  br label %go
                go:
                  %v = load""");
        Judgement j = judge(asserted, Dependency.Type.CTRL);
        assertEquals(Answer.HOLDS, answer(j, Judge.LOCK_HELD));
        assertTrue(j.summary().contains("ASSERT_RTNL()"), j.summary());
        String after = PLAIN.replace("e:\n  ret void", "e:\n  %held = call i1 @rtnl_is_locked()\n  ret void");
        assertEquals(Answer.ABSENT, answer(judge(after, Dependency.Type.CTRL), Judge.LOCK_HELD), "asserted only after both");
    }

    /**
     * x86's test_bit() chooses const_test_bit() or _test_bit() on __builtin_constant_p, and clang branches from each
     * call to the if's own arms: what follows runs whichever the compile-time test keeps. Only code confined to one arm
     * of such a branch, or to the arm a constant does not take, is dead.
     */
    @Test
    void aBranchOnACompileTimeTestKillsOnlyWhatIsConfinedToOneArm() {
        String bitop = """
                define void @f() {
                  %v = load volatile i32, ptr @x
                  %c = icmp ne i32 %v, 0
                  br i1 %c, label %t, label %e
                t:
                  %k = call i1 @llvm.is.constant.i32(i32 7)
                  br i1 %k, label %ct, label %cf
                ct:
                  %a = call i1 @const_test_bit()
                  br i1 %a, label %then, label %e
                cf:
                  %b = call i1 @_test_bit()
                  br i1 %b, label %then, label %e
                then:
                  store volatile i32 1, ptr @y
                  br label %e
                e:
                  ret void
                }
                """;
        assertEquals(Answer.ABSENT, answer(judge(bitop, Dependency.Type.CTRL, Rules.MARKED_ACCESS_REMOVED), Judge.CODE_DEAD), "runs after either helper");
        String oneArm = bitop.replace("br i1 %b, label %then, label %e", "br i1 %b, label %e, label %e");
        assertEquals(Answer.HOLDS, answer(judge(oneArm, Dependency.Type.CTRL, Rules.MARKED_ACCESS_REMOVED), Judge.CODE_DEAD), "only after the helper the test may drop");
        String taken = PLAIN.replace("  store volatile", "  br i1 true, label %on, label %e\non:\n  store volatile");
        assertEquals(Answer.ABSENT, answer(judge(taken, Dependency.Type.CTRL, Rules.MARKED_ACCESS_REMOVED), Judge.CODE_DEAD), "the arm a constant takes is live");
        String notTaken = PLAIN.replace("  store volatile", "  br i1 false, label %on, label %e\non:\n  store volatile");
        assertEquals(Answer.HOLDS, answer(judge(notTaken, Dependency.Type.CTRL, Rules.MARKED_ACCESS_REMOVED), Judge.CODE_DEAD), "the arm it does not take is dead");
    }

    /**
     * A select whose store is in a critical section entered after the marked load: lock holders see the load ordered
     * by the unlock's release. Said of ctrl-to-select only, whose data dependency the CPU keeps; a store hoisted out
     * of the arms keeps no dependency at all.
     */
    @Test
    void aLockTakenAfterTheLoadAndHeldAtTheSelectedStore() {
        String inside = """
                define void @f() {
                  %v = load volatile i32, ptr @x
                  %c = icmp ne i32 %v, 0
                  %s = select i1 %c, i32 1, i32 2
                  call void @_raw_spin_lock(ptr @l)
                  store volatile i32 %s, ptr @y
                  call void @_raw_spin_unlock(ptr @l)
                  ret void
                }
                """;
        Judgement j = judge(inside, Dependency.Type.CTRL, Rules.CTRL_TO_SELECT);
        assertEquals(Answer.HOLDS, answer(j, Judge.LOCK_HELD));
        assertTrue(j.summary().contains("critical section"), j.summary());
        assertEquals(Answer.ABSENT, answer(judge(inside, Dependency.Type.CTRL), Judge.LOCK_HELD), "a hoisted store keeps nothing");
        String released = inside.replace("  call void @_raw_spin_unlock(ptr @l)\n", "")
                .replace("  store volatile i32 %s", "  call void @_raw_spin_unlock(ptr @l)\n  store volatile i32 %s");
        assertEquals(Answer.ABSENT, answer(judge(released, Dependency.Type.CTRL, Rules.CTRL_TO_SELECT), Judge.LOCK_HELD),
                "unlocked before the store");
    }

    /** this_cpu_ptr(&var) as x86 computes it: the variable's address plus this CPU's offset, into %name (lines). */
    private static String thisCpu(String var, String name) {
        return "%off = load i64, ptr @this_cpu_off\n  %base = ptrtoint ptr @" + var + " to i64\n"
                + "  %sum = add i64 %base, %off\n  %" + name + " = inttoptr i64 %sum to ptr\n";
    }

    /** local_lock() under lockdep: lock_acquire() on this CPU's lock map; an RCU reader's lock_acquire() is no lock. */
    @Test
    void aLocalLockSeenThroughLockdep() {
        String local = PLAIN.replace("  %v = load", "  " + thisCpu("llock", "map")
                + "  call void @lock_acquire(ptr %map, i32 0, i32 0, i32 0, i32 1, ptr null, i64 0)\n  %v = load").replace("e:\n  ret void", "e:\n  call void @lock_release(ptr %map, i64 0)\n  ret void");
        Judgement j = judge(local, Dependency.Type.CTRL);
        assertEquals(Answer.HOLDS, answer(j, Judge.LOCK_HELD));
        assertTrue(j.summary().contains("local_lock()"), j.summary());
        String rcu = PLAIN.replace("  %v = load", "  call void @lock_acquire(ptr @rcu_lock_map, i32 0, i32 0, i32 2, i32 0, ptr null, i64 0)\n  %v = load");
        assertEquals(Answer.ABSENT, answer(judge(rcu, Dependency.Type.CTRL), Judge.LOCK_HELD), "rcu_read_lock() excludes no writer");
    }

    /** A function that takes a lock with a trylock and reads and writes only on its success edge. */
    private static final String TRYLOCKED = """
            define void @f() {
              %ok = call i32 @_raw_spin_trylock(ptr @l)
              %got = icmp ne i32 %ok, 0
              br i1 %got, label %locked, label %out
            locked:
              %v = load volatile i32, ptr @x
              %c = icmp ne i32 %v, 0
              br i1 %c, label %t, label %u
            t:
              store volatile i32 1, ptr @y
              br label %u
            u:
              call void @_raw_spin_unlock(ptr @l)
              br label %out
            out:
              ret void
            }
            """;

    @Test
    void aTrylockHoldsOnlyOnItsSuccessEdge() {
        String body = TRYLOCKED;
        assertEquals(Answer.HOLDS, answer(judge(body, Dependency.Type.CTRL), Judge.LOCK_HELD));
        String failed = body.replace("br i1 %got, label %locked, label %out", "br i1 %got, label %out, label %locked");
        assertEquals(Answer.ABSENT, answer(judge(failed, Dependency.Type.CTRL), Judge.LOCK_HELD));
    }

    @Test
    void aControlDependencyOrdersStoresNotLoads() {
        assertEquals(Answer.ABSENT, answer(judge(PLAIN, Dependency.Type.CTRL), Judge.DEPENDENCY_PROMISED));
        String toLoad = PLAIN.replace("store volatile i32 1, ptr @y", "%r = load i32, ptr @y");
        Judgement j = judge(toLoad, Dependency.Type.CTRL);
        assertEquals(Answer.HOLDS, answer(j, Judge.DEPENDENCY_PROMISED));
        assertEquals(Answer.ABSENT, answer(judge(toLoad, Dependency.Type.ADDR), Judge.DEPENDENCY_PROMISED),
                "an address dependency orders a later load");
    }

    @Test
    void memoryNoOtherCpuWritesAtRunTime() {
        assertEquals(Answer.HOLDS, answer(judge(PLAIN.replace("ptr @y", "ptr @ro"), null), Judge.OBJECT_BOOT_ONLY));
        assertEquals(Answer.HOLDS, answer(judge(PLAIN.replace("ptr @x", "ptr @param_ro"), null), Judge.OBJECT_BOOT_ONLY),
                "a module parameter of mode 0444");
        assertEquals(Answer.ABSENT, answer(judge(PLAIN.replace("ptr @x", "ptr @param_rw"), null), Judge.OBJECT_BOOT_ONLY),
                "0644: root may write it at run time");
        assertEquals(Answer.HOLDS, answer(judge(PLAIN.replace("store volatile i32 1, ptr @y", "store i8 1, ptr @once"), null),
                Judge.OBJECT_ONCE_FLAG));
    }

    @Test
    void aLocalThatDoesNotEscapeAndOneThatDoes() {
        String local = PLAIN.replace("  %v = load", "  %s = alloca i32\n  %v = load").replace("ptr @y", "ptr %s");
        assertEquals(Answer.HOLDS, answer(judge(local, null), Judge.OBJECT_LOCAL));
        assertTrue(judge(local, null).summary().contains("local s"), judge(local, null).summary());
        String escapes = local.replace("e:\n  ret void", "e:\n  call void @use(ptr %s)\n  ret void");
        assertEquals(Answer.ABSENT, answer(judge(escapes, null), Judge.OBJECT_LOCAL));
    }

    @Test
    void thisCpusPerCpuDataThroughThisCpuOff() {
        String body = PLAIN.replace("store volatile i32 1, ptr @y", thisCpu("pcpu", "p") + "  store volatile i32 1, ptr %p");
        assertEquals(Answer.HOLDS, answer(judge(body, null), Judge.OBJECT_PER_CPU));
        assertEquals(Answer.ABSENT, answer(judge(PLAIN.replace("ptr @y", "ptr @pcpu"), null), Judge.OBJECT_PER_CPU),
                "the variable's own address, without this CPU's offset, is no this-CPU access");
    }

    @Test
    void initCodeAndOrderingsKeptByOtherMeans() {
        String init = PLAIN.replace("define void @f() {", "define void @f() section \".init.text\" {");
        assertEquals(Answer.HOLDS, answer(judge(init, null), Judge.CODE_INIT_ONLY));
        String acquire = PLAIN.replace("load volatile i32, ptr @x", "load atomic i32, ptr @x acquire, align 4");
        // the beginning must still be found: make the acquire load volatile too
        acquire = acquire.replace("load atomic i32", "load atomic volatile i32");
        assertEquals(Answer.HOLDS, answer(judge(acquire, Dependency.Type.CTRL), Judge.ORDERING_KEPT));
        String fenced = PLAIN.replace("t:\n", "t:\n  fence seq_cst\n");
        assertEquals(Answer.HOLDS, answer(judge(fenced, Dependency.Type.CTRL), Judge.ORDERING_KEPT));
        String fenceAfter = PLAIN.replace("e:\n  ret void", "e:\n  fence seq_cst\n  ret void");
        assertEquals(Answer.ABSENT, answer(judge(fenceAfter, Dependency.Type.CTRL), Judge.ORDERING_KEPT),
                "a barrier after the store orders nothing between the two");
    }

    @Test
    void verdictsFromAnswers() {
        var holds = new Judgement.Ground("a", Answer.HOLDS, "x");
        var absent = new Judgement.Ground("b", Answer.ABSENT, "y");
        var unknown = new Judgement.Ground("c", Answer.UNKNOWN, "z");
        assertEquals(Verdict.HAZARD, Judgement.of(List.of(absent)).verdict());
        assertEquals(Verdict.UNDECIDED, Judgement.of(List.of(absent, unknown)).verdict());
        assertEquals(Verdict.BENIGN, Judgement.of(List.of(unknown, holds)).verdict(), "a ground that holds decides");
        assertEquals(Severity.WARNING, Judgement.of(List.of(unknown)).severity(Severity.ERROR));
        assertEquals("undecided: z", Judgement.of(List.of(absent, unknown)).summary());
    }
}
