package dev.lkmmhazard.judgement;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.SharedInModule;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Value;
import dev.lkmmhazard.report.Judgement;
import dev.lkmmhazard.report.Judgement.Answer;
import dev.lkmmhazard.report.Judgement.Ground;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a finding against the LKMM: asks, in order, whether the ordering it shows was one the LKMM promises,
 * whether another CPU can see the memory at all, whether the code runs only at boot or not at all in this
 * configuration, whether a lock or barrier keeps the order anyway, and last whether an end is this CPU's per-CPU
 * data. The first ground that holds is the reason a message gives. docs/judgement.md describes each ground.
 */
public final class Judge {
    private Judge() {}

    public static final String DEPENDENCY_PROMISED = "dependency-promised", OBJECT_LOCAL = "object-local",
            OBJECT_PER_CPU = "object-per-cpu", OBJECT_BOOT_ONLY = "object-boot-only", OBJECT_ONCE_FLAG = "object-once-flag",
            CODE_INIT_ONLY = "code-init-only", CODE_DEAD = "code-dead", LOCK_HELD = "lock-held",
            ORDERING_KEPT = "ordering-kept", USE_KNOWN = "use-known", OBJECT_NOT_SHOWN_SHARED = "object-not-shown-shared";

    /** diff's fates of plain accesses, and its invented ones: judged by whether the module shows their object shared */
    private static final java.util.Set<dev.lkmmhazard.rules.Rule> PLAIN_FATES = java.util.Set.of(Rules.LOAD_FUSED,
            Rules.STORE_FUSED, Rules.STORE_REMOVED, Rules.STORE_TORN, Rules.STORE_INVENTED, Rules.LOAD_INVENTED);

    public static Judgement of(Case c) {
        List<Ground> grounds = new ArrayList<>();
        FunctionContext f = c.function();
        Instruction begin = c.beginning(), end = c.ending();

        if (c.dependency() != null) {
            boolean promised = c.dependency() != Dependency.Type.CTRL || !c.endingOnlyReads();
            grounds.add(promised
                    ? new Ground(DEPENDENCY_PROMISED, Answer.ABSENT, "the LKMM orders this " + c.dependency().keyword + " dependency")
                    : new Ground(DEPENDENCY_PROMISED, Answer.HOLDS, "a control dependency orders later stores, not loads:"
                            + " the LKMM lets the CPU run this load early too, so only a barrier or acquire could order it"));
        }

        Value endAddress = MemoryObject.address(f, end), beginAddress = begin == null ? null : MemoryObject.address(f, begin);
        String local = endAddress == null ? null : MemoryObject.nonEscapingLocal(f, endAddress);
        if (local == null && c.before() != null) local = beforeLocal(c);
        grounds.add(ground(OBJECT_LOCAL, local == null ? null : "the access is to the local " + local
                + ", which no other CPU can see", "the memory is not a local of the function"));

        String boot = endAddress == null ? null : MemoryObject.bootOnly(f, endAddress);
        if (boot == null && beginAddress != null) boot = MemoryObject.bootOnly(f, beginAddress);
        grounds.add(ground(OBJECT_BOOT_ONLY, boot == null ? null : boot + ": no other CPU writes it concurrently",
                "no end is data written only at boot"));

        String once = endAddress == null ? null : MemoryObject.onceFlag(endAddress);
        if (once == null && beginAddress != null) once = MemoryObject.onceFlag(beginAddress);
        grounds.add(ground(OBJECT_ONCE_FLAG, once, "no end is a one-shot flag"));

        String init = CodeReach.initOnly(f);
        if (init == null && c.beforeFunction() != null) init = CodeReach.initOnly(c.beforeFunction());
        grounds.add(ground(CODE_INIT_ONLY, init, "the code is not init-only"));

        if (c.before() != null || c.rule() == Rules.MARKED_ACCESS_REMOVED || c.plainFirst() != null) {
            // diff's removed accesses are reported in the function before optimization, where they still are
            String dead = c.before() != null ? CodeReach.deadInConfiguration(c.beforeFunction(), c.before())
                    : c.plainFirst() != null ? plainDead(c)
                    : CodeReach.deadInConfiguration(f, end);
            grounds.add(ground(CODE_DEAD, dead, "the code before optimization is not under a constant condition"));
        }

        String lock = LocksHeld.reason(f, begin, end);
        if (lock == null && c.before() != null) lock = LocksHeld.reason(c.beforeFunction(), beforeBegin(c), beforeEnd(c));
        if (lock == null && c.plainFirst() != null)
            lock = c.plainSecond() == null ? LocksHeld.reason(c.beforeFunction(), null, c.plainFirst())
                    : LocksHeld.reason(c.beforeFunction(), c.plainFirst(), c.plainSecond());
        if (lock == null && c.rule() == Rules.CTRL_TO_SELECT) lock = LocksHeld.takenBetween(f, begin, end);
        grounds.add(ground(LOCK_HELD, lock, "no lock is known to be held over both"));

        String kept = OrderingBetween.reason(f, begin, end);
        if (kept == null && c.before() != null) kept = OrderingBetween.reason(c.beforeFunction(), beforeBegin(c), beforeEnd(c));
        grounds.add(ground(ORDERING_KEPT, kept, "no acquire, release or full barrier orders them"));

        if (PLAIN_FATES.contains(c.rule()) && c.plainFirst() != null) {
            String shown = shownShared(c);
            grounds.add(ground(OBJECT_NOT_SHOWN_SHARED, shown != null ? null : "nothing in this module marks the object"
                    + " or waits on it" + elsewhere(c) + ": plain data, which the kernel keeps private by a lock or by its lifetime",
                    "the module shows the object shared: it is " + shown));
        }

        // asked last, so that a lock or barrier that also holds is the reason given: per_cpu_ptr() lets another CPU
        // reach this CPU's copy, which the IR of one function does not show
        String perCpu = MemoryObject.thisCpu(f, end);
        if (perCpu == null && begin != null) perCpu = MemoryObject.thisCpu(f, begin);
        grounds.add(ground(OBJECT_PER_CPU, perCpu == null ? null : "the access is to " + perCpu
                + ", which only this CPU touches", "no end is this CPU's per-CPU data"));

        grounds.addAll(c.undecided());
        if (c.rule() == Rules.MARKED_LOAD_UNUSED)
            grounds.add(new Ground(USE_KNOWN, Answer.UNKNOWN, "whether the source used the value to order anything;"
                    + " diff against the IR before optimization decides"));
        return Judgement.of(grounds);
    }

    /**
     * How the module shows the object of a plain fate shared (a marked access, a spin loop on it), or null. A global
     * (or its field or element) is asked of both modules; a field through a pointer is shown shared only by the
     * function before optimization itself, through the same pointer ({@link SharedInModule#sameField}).
     */
    private static String shownShared(Case c) {
        FunctionContext bf = c.beforeFunction();
        for (Instruction i : new Instruction[] {c.plainFirst(), c.plainSecond()}) {
            if (i == null || bf == null) continue;
            if (throughPointer(bf, i)) {
                String r = SharedInModule.sameField(bf, i);
                if (r != null) return r;
                continue;
            }
            String r = bf.module().sharedInModule().reason(bf.module(), i.pointerOperand(), i.accessType());
            if (r != null) return r;
        }
        return null;
    }

    /** What the holds-reason adds for a field through a pointer whose struct's field the module marks elsewhere. */
    private static String elsewhere(Case c) {
        FunctionContext bf = c.beforeFunction();
        Instruction i = c.plainFirst();
        if (bf == null || i == null || !throughPointer(bf, i)) return "";
        String r = bf.module().sharedInModule().reason(bf.module(), i.pointerOperand(), i.accessType());
        return r == null ? "" : " (the field is " + r + ", which says nothing of the object this pointer reaches)";
    }

    private static boolean throughPointer(FunctionContext f, Instruction i) {
        Value a = i.pointerOperand();
        return a != null && dev.lkmmhazard.analysis.ConstantAddress.of(a, f.module().dataLayout()) == null
                && !(dev.lkmmhazard.analysis.SharedMemory.root(a) instanceof dev.lkmmhazard.ir.GlobalVariable);
    }

    /** Whether a plain access before optimization ran only under a branch on a constant. */
    private static String plainDead(Case c) {
        String d = CodeReach.deadInConfiguration(c.beforeFunction(), c.plainFirst());
        if (d == null && c.plainSecond() != null) d = CodeReach.deadInConfiguration(c.beforeFunction(), c.plainSecond());
        return d;
    }

    /** A decided ground: it holds with {@code holds} as its reason, or (null) is absent for {@code absent}. */
    private static Ground ground(String id, String holds, String absent) {
        // Rust globals by their paths, as in the message (@_RNvCs..._5rnull5STATS is @rnull::STATS)
        return holds != null ? new Ground(id, Answer.HOLDS, dev.lkmmhazard.analysis.RustSymbols.demangleReferences(holds))
                : new Ground(id, Answer.ABSENT, dev.lkmmhazard.analysis.RustSymbols.demangleReferences(absent));
    }

    /** The beginning before optimization, in the function that held the dependency (the call it came out of). */
    private static Instruction beforeBegin(Case c) {
        List<Instruction> calls = c.before().sourceCalls();
        return calls.isEmpty() ? c.before().source().instruction() : calls.get(0);
    }

    /** The ending before optimization, or the outermost call that leads to it. */
    private static Instruction beforeEnd(Case c) {
        List<Instruction> calls = c.before().endingCalls();
        return calls.isEmpty() ? c.before().ending() : calls.get(0);
    }

    /** A local of the function before optimization that the ending accessed (through the calls that led to it). */
    private static String beforeLocal(Case c) {
        Dependency d = c.before();
        if (!d.endingCalls().isEmpty()) return null; // a callee's parameter: which local it is needs the call chain
        Value a = MemoryObject.address(c.beforeFunction(), d.ending());
        return a == null ? null : MemoryObject.nonEscapingLocal(c.beforeFunction(), a);
    }
}
