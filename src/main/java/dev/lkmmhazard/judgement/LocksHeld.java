package dev.lkmmhazard.judgement;

import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.DISubprogram;
import dev.lkmmhazard.ir.DILexicalBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.MDNode;
import dev.lkmmhazard.ir.Opcode;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A lock held over both ends of an ordering: another CPU that takes the same lock sees both accesses or neither, so
 * the order between them cannot be observed. Found three ways:
 * <ul>
 *   <li>a lock taken in the function (spin, raw spin, rw, mutex, rwsem; the {@code _irq}, {@code _irqsave},
 *       {@code _bh} and {@code _nested} forms; Rust-for-Linux's {@code rust_helper_spin_lock()},
 *       {@code rust_helper_mutex_lock()} and their unlocks; a trylock on its success edge; a local lock, seen through lockdep's
 *       {@code lock_acquire()} on a per-CPU lock map) before the beginning, with no unlock on any path from it to
 *       the ending;</li>
 *   <li>lockdep's assertion that the caller holds one ({@code lockdep_assert_held()}: a call of
 *       {@code lock_is_held_type}) before the beginning, and networking's {@code ASSERT_RTNL()} (a call of
 *       {@code rtnl_is_locked});</li>
 *   <li>with debug info, a function on the inlined-at chain of both ends whose name says it runs locked
 *       ({@code check_cb_ovld_locked()}), the kernel's convention.</li>
 * </ul>
 */
final class LocksHeld {
    private LocksHeld() {}

    private static final Pattern LOCK = Pattern.compile(
            "_raw_(spin|read|write)_lock(_irq|_irqsave|_bh|_nested|_irqsave_nested|_nest_lock)?"
                    + "|mutex_lock(_nested|_interruptible|_killable|_io)?(_nested)?|down_(read|write)(_nested|_killable|_interruptible)?"
                    + "|rt_spin_lock|rt_mutex_lock|_raw_spin_lock_irqsave_nested|percpu_down_(read|write)"
                    // Rust-for-Linux's C helpers (rust/helpers/spinlock.c, mutex.c): spin_lock() and friends are
                    // macros or inline functions, which Rust can call only through them
                    + "|rust_helper_(raw_)?spin_lock(_irq|_irqsave|_bh)?|rust_helper_mutex_lock(_interruptible|_killable)?");
    private static final Pattern TRYLOCK = Pattern.compile(
            "_raw_(spin|read|write)_trylock(_bh)?|mutex_trylock|down_(read|write)_trylock|_atomic_dec_and_lock(_irqsave)?"
                    + "|rust_helper_(raw_)?spin_trylock|rust_helper_mutex_trylock");
    private static final Pattern UNLOCK = Pattern.compile(
            "_raw_(spin|read|write)_unlock(_irq|_irqrestore|_bh)?|mutex_unlock|up_(read|write)|up|rt_spin_unlock"
                    + "|rt_mutex_unlock|percpu_up_(read|write)|downgrade_write"
                    + "|rust_helper_(raw_)?spin_unlock(_irq|_irqrestore|_bh)?|rust_helper_mutex_unlock");

    /** The clause saying which lock is held over both, or null when none is known to be. */
    static String reason(FunctionContext f, Instruction begin, Instruction end) {
        if (end.parent().parent() != f.function() || (begin != null && begin.parent().parent() != f.function())) return null;
        Instruction first = begin != null ? begin : end;
        for (BasicBlock b : f.function().blocks()) {
            for (Instruction i : b.instructions()) {
                String callee = calleeName(i);
                if (callee == null) continue;
                boolean local = callee.equals("lock_acquire") && localLock(i, callee);
                if ((LOCK.matcher(callee).matches() || local) && before(f, i, first) && !unlockBetween(f, i, end))
                    return "the lock taken by " + (local ? "local_lock()" : callee + "()") + at(i)
                            + " is held over both";
                if (TRYLOCK.matcher(callee).matches()) {
                    BasicBlock success = successEdge(f, i);
                    if (success != null && f.dominators().dominates(success, first.parent()) && !unlockBetween(f, i, end))
                        return "the lock taken by " + callee + "()" + at(i) + " (on its success edge) is held over both";
                }
                if (callee.equals("lock_is_held_type") && (before(f, i, first) || underDebugLocks(f, i, first)))
                    return "lockdep_assert_held()" + at(i) + " says the caller holds the lock over both";
                // ASSERT_RTNL() is WARN_ONCE(!rtnl_is_locked(), ...), and networking's writers of device state run under it
                if (callee.equals("rtnl_is_locked") && before(f, i, first))
                    return "ASSERT_RTNL()" + at(i) + " says the caller holds RTNL over both";
            }
        }
        String locked = lockedHelper(begin, end);
        if (locked != null) return "both are in " + locked + "(), which by the kernel's naming runs with the lock held";
        return null;
    }

    /**
     * A lock taken after the beginning and still held at the ending: the store is inside a critical section the
     * function enters after its marked load. Every CPU that takes the lock sees the load ordered before the store by
     * the unlock's release; said only of a branch turned into a select or phi, whose data dependency the CPU still
     * keeps ({@code deactivate_slab()}'s {@code READ_ONCE(slab->freelist)} choosing which end of a locked list).
     */
    static String takenBetween(FunctionContext f, Instruction begin, Instruction end) {
        if (begin == null || end.parent().parent() != f.function() || begin.parent().parent() != f.function()) return null;
        for (BasicBlock b : f.function().blocks())
            for (Instruction i : b.instructions()) {
                String callee = calleeName(i);
                if (callee == null || !LOCK.matcher(callee).matches()) continue;
                if (before(f, begin, i) && before(f, i, end) && !unlockBetween(f, i, end))
                    return "the store is inside the critical section of the lock taken by " + callee + "()" + at(i)
                            + " after the load: the unlock's release orders the load before it for every CPU that takes the lock";
            }
        return null;
    }

    /**
     * lockdep's {@code lock_acquire()} on this CPU's copy of a per-CPU lock map: {@code local_lock()} in a kernel built
     * with lockdep (otherwise it is {@code preempt_disable()} or interrupts off, and leaves no call). Other
     * {@code lock_acquire()} calls are RCU readers and lockdep's pseudo-locks, which exclude no one.
     */
    private static boolean localLock(Instruction call, String callee) {
        return (callee.equals("lock_acquire") || callee.equals("lock_release")) && call.operandCount() > 1
                && MemoryObject.thisCpuVariable(call.operand(0)) != null;
    }

    private static String calleeName(Instruction i) {
        if (i.opcode() != Opcode.CALL && i.opcode() != Opcode.INVOKE) return null;
        Function c = i.calledFunction();
        return c == null ? null : c.name();
    }

    private static String at(Instruction i) {
        DILocation l = i.debugLoc();
        if (l == null || l.line() == 0 || l.file() == null) return "";
        return " at " + l.file().filename().replaceFirst(".*/", "") + ":" + l.line();
    }

    /**
     * {@code lockdep_assert_held()} is {@code WARN_ON(debug_locks && !lock_is_held(l))}: its call runs only while lockdep
     * is on, in a block entered from a test of {@code debug_locks}. It still says the caller holds the lock when that
     * test comes before {@code first} on every path.
     */
    private static boolean underDebugLocks(FunctionContext f, Instruction call, Instruction first) {
        List<BasicBlock> preds = f.cfg().predecessors(call.parent());
        if (preds.size() != 1) return false;
        BasicBlock test = preds.get(0);
        Instruction t = test.terminator();
        if (t == null || t.opcode() != Opcode.BR || t.operandCount() == 0 || !readsDebugLocks(t.operand(0), 0)) return false;
        return test == first.parent() || f.dominators().dominates(test, first.parent());
    }

    private static boolean readsDebugLocks(dev.lkmmhazard.ir.Value v, int depth) {
        if (!(v instanceof Instruction i) || depth > 4) return false;
        if (i.opcode() == Opcode.LOAD) return i.pointerOperand() instanceof dev.lkmmhazard.ir.GlobalVariable g && g.name().equals("debug_locks");
        for (int k = 0; k < i.operandCount(); k++) if (readsDebugLocks(i.operand(k), depth + 1)) return true;
        return false;
    }

    /** Whether a comes before b on every path to b: a dominates b (in one block, a is earlier). */
    private static boolean before(FunctionContext f, Instruction a, Instruction b) {
        if (a.parent() == b.parent()) return a.parent().instructions().indexOf(a) < a.parent().instructions().indexOf(b);
        return f.dominators().dominates(a.parent(), b.parent());
    }

    /**
     * Whether some path from the lock call reaches end after an unlock that may release its lock (a second lock
     * released in between counts unless it is provably another one: {@link #otherLock}), or end is not reachable
     * from the lock at all.
     */
    private static boolean unlockBetween(FunctionContext f, Instruction lock, Instruction end) {
        var cfg = f.cfg();
        List<Instruction> li = lock.parent().instructions();
        int lockAt = li.indexOf(lock);
        if (lock.parent() == end.parent() && li.indexOf(end) > lockAt) return anyUnlock(f, lock, li.subList(lockAt + 1, li.indexOf(end)));
        // states: (block, unlocked on the way); the lock call itself resets to locked, which is the start
        BitSet seen = new BitSet();
        ArrayDeque<int[]> work = new ArrayDeque<>();
        boolean startUnlocked = anyUnlock(f, lock, li.subList(lockAt + 1, li.size()));
        for (BasicBlock s : cfg.successors(lock.parent())) work.add(new int[] {cfg.index(s), startUnlocked ? 1 : 0});
        boolean reached = false;
        while (!work.isEmpty()) {
            int[] st = work.poll();
            int key = st[0] * 2 + st[1];
            if (seen.get(key)) continue;
            seen.set(key);
            BasicBlock b = cfg.block(st[0]);
            List<Instruction> bi = b.instructions();
            int stop = b == lock.parent() ? lockAt : bi.size();
            if (b == end.parent() && bi.indexOf(end) < stop) {
                reached = true;
                if (st[1] == 1 || anyUnlock(f, lock, bi.subList(0, bi.indexOf(end)))) return true;
            }
            if (b == lock.parent()) continue; // taken again: the start state covers what follows
            boolean unlocked = st[1] == 1 || anyUnlock(f, lock, bi);
            for (BasicBlock s : cfg.successors(b)) work.add(new int[] {cfg.index(s), unlocked ? 1 : 0});
        }
        return !reached;
    }

    /** An unlock among insts that may release {@code lock}'s lock (null: any unlock counts). */
    private static boolean anyUnlock(FunctionContext f, Instruction lock, List<Instruction> insts) {
        for (Instruction i : insts) {
            String c = calleeName(i);
            if (c == null) continue;
            if (c.equals("lock_release") && localLock(i, c)) return true;
            if (UNLOCK.matcher(c).matches() && !otherLock(f, lock, i)) return true;
        }
        return false;
    }

    /**
     * Whether an unlock provably releases another lock than the one the lock call took: both lock words are at
     * constant offsets from one base, at different offsets ({@code rnp->lock} and {@code rnp->fqslock}), or are two
     * different globals. Anything else may be the same lock.
     */
    private static boolean otherLock(FunctionContext f, Instruction lock, Instruction unlock) {
        if (lock == null || lock.operandCount() < 2 || unlock.operandCount() < 2) return false;
        var layout = f.module().dataLayout();
        dev.lkmmhazard.ir.Value a = lock.operand(0), b = unlock.operand(0);
        var ga = dev.lkmmhazard.analysis.ConstantAddress.of(a, layout);
        var gb = dev.lkmmhazard.analysis.ConstantAddress.of(b, layout);
        if (ga != null && gb != null) return ga.global() != gb.global() || ga.offset() != gb.offset();
        long[] oa = {0}, ob = {0};
        dev.lkmmhazard.ir.Value ba = base(layout, a, oa), bb = base(layout, b, ob);
        return ba != null && ba == bb && oa[0] != ob[0];
    }

    /** The pointer a chain of constant-index GEPs starts from, with their byte offset in {@code offset[0]}; or null. */
    private static dev.lkmmhazard.ir.Value base(dev.lkmmhazard.ir.DataLayout layout, dev.lkmmhazard.ir.Value v, long[] offset) {
        for (int depth = 0; depth < 8; depth++) {
            if (!(v instanceof Instruction i)) return v;
            if (i.opcode() == Opcode.BITCAST || i.opcode() == Opcode.ADDRSPACECAST) { v = i.operand(0); continue; }
            if (i.opcode() != Opcode.GETELEMENTPTR || i.auxType() == null) return v;
            long o = dev.lkmmhazard.analysis.ConstantAddress.gepOffset(layout, i.auxType(), i, 1, i.operandCount());
            if (o == Long.MIN_VALUE) return null;
            offset[0] += o;
            v = i.operand(0);
        }
        return null;
    }

    /** The block a trylock's success leads to: the target of the branch on its result being non-zero. */
    private static BasicBlock successEdge(FunctionContext f, Instruction trylock) {
        for (Instruction u : f.defUse().users(trylock)) {
            // the result tested against 0 (icmp ne, or eq with the edges swapped), or truncated to i1
            boolean negate = false;
            if (u.opcode() == Opcode.ICMP) {
                String pred = u.keyword() == null ? "" : u.keyword();
                if (!(u.operand(1) instanceof dev.lkmmhazard.ir.ConstantInt c) || !c.isZero()) continue;
                if (pred.equals("eq")) negate = true;
                else if (!pred.equals("ne")) continue;
            } else if (u.opcode() != Opcode.TRUNC) {
                continue;
            }
            for (Instruction br : f.defUse().users(u)) {
                if (br.opcode() != Opcode.BR || br.blocks().length != 2) continue;
                BasicBlock target = br.blocks()[negate ? 1 : 0];
                if (f.cfg().predecessors(target).size() == 1) return target;
            }
        }
        return null;
    }

    /** A function named {@code *_locked} on the inlined-at chains of both ends (the innermost such frame). */
    private static String lockedHelper(Instruction begin, Instruction end) {
        String e = lockedFrame(end.debugLoc());
        if (e == null) return null;
        if (begin == null) return e;
        return e.equals(lockedFrame(begin.debugLoc())) ? e : null;
    }

    private static String lockedFrame(DILocation l) {
        for (int depth = 0; l != null && depth < 16; depth++, l = l.inlinedAt()) {
            DISubprogram sp = subprogram(l.scope());
            if (sp != null && sp.name() != null && sp.name().endsWith("_locked")) return sp.name();
        }
        return null;
    }

    private static DISubprogram subprogram(MDNode scope) {
        for (int depth = 0; scope != null && depth < 64; depth++) {
            if (scope instanceof DISubprogram sp) return sp;
            if (scope instanceof DILexicalBlock lb) scope = lb.scope();
            else return null;
        }
        return null;
    }
}
