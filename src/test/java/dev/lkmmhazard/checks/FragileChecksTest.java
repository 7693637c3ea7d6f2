package dev.lkmmhazard.checks;

import dev.lkmmhazard.analysis.LinearForm;
import dev.lkmmhazard.analysis.SlotValues;
import dev.lkmmhazard.analysis.ValueFolder;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.analysis.ModuleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.report.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The four fragile-* checks on the pre-optimization corpus, positive next to negative, at source lines read in the
 * IR; and the value folder and linear forms on small cases taken from that IR.
 */
class FragileChecksTest {
    private static final Path O0 = Path.of("corpus/ir/clang-19/x86_64/O0-g");
    private static final Path NOPASSES = Path.of("corpus/ir/clang-19/x86_64/O2-nopasses-g");
    private static final Path RUST = Path.of("corpus/ir/rustc/x86_64/O0-g");

    private static List<Finding> scan(Check check, Path file) { return CorpusScan.scan(check, file); }

    /** "function:line" of each finding. */
    private static TreeSet<String> where(List<Finding> findings) {
        TreeSet<String> out = new TreeSet<>();
        for (Finding f : findings) out.add(f.function() + ":" + (f.source() == null ? 0 : f.source().line()));
        return out;
    }

    @Test
    void identicalStores() {
        for (Path dir : List.of(O0, NOPASSES)) {
            TreeSet<String> w = where(scan(new FragileIdenticalStores(), dir.resolve("ctrl_identical.ll")));
            // positives: plain WRITE_ONCE, with barrier() in both arms, and the identical store last in both arms
            // (line 121); negatives: acquire load, release stores (same macro expansion as the barrier), different
            // stores, smp_mb() before the branch
            assertEquals(new TreeSet<>(List.of("ctrl_identical:20", "ctrl_identical_barrier:39", "ctrl_identical_sunk:121")),
                    w, dir.toString());
        }
        assertEquals(new TreeSet<>(List.of("switch_identical:22")),
                where(scan(new FragileIdenticalStores(), O0.resolve("switch_deps.ll"))));
        // loop: marks[i] in both arms loads i from its slot in each arm, unchanged since the branch
        assertEquals(new TreeSet<>(List.of("loop_ctrl_identical:65")),
                where(scan(new FragileIdenticalStores(), O0.resolve("loop_dep.ll"))));
        // asm goto keeps its branch
        assertTrue(scan(new FragileIdenticalStores(), O0.resolve("volatile_if.ll")).isEmpty());
        // Rust: write_volatile calls; Relaxed stores yes, Acquire load and Release stores no
        assertEquals(new TreeSet<>(List.of("rs_ctrl_identical:61", "rs_ctrl_identical_sunk:147")), where(scan(new FragileIdenticalStores(), RUST.resolve("deps.ll"))));
        assertEquals(new TreeSet<>(List.of("atomics::relaxed_identical:45")),
                where(scan(new FragileIdenticalStores(), RUST.resolve("atomics.ll"))));
    }

    @Test
    void identicalStoresNotesTheOtherArm() {
        Finding f = scan(new FragileIdenticalStores(), O0.resolve("ctrl_identical.ll")).get(0);
        List<Integer> lines = new ArrayList<>();
        for (var r : f.related()) lines.add(r.source().line());
        assertEquals(List.of(17, 23), lines); // the READ_ONCE and the else arm's store
    }

    @Test
    void constantCondition() {
        for (Path dir : List.of(O0, NOPASSES)) {
            TreeSet<String> w = where(scan(new FragileConstantCondition(), dir.resolve("ctrl_const_cond.ll")));
            // q % 1 (false: the else store), q || 1 (the then store only), q == q, unsigned q >= 0; not q % 2
            assertEquals(new TreeSet<>(List.of("ctrl_mod_one:28", "ctrl_or_true:43", "ctrl_self_compare:58",
                    "ctrl_unsigned_range:71")), w, dir.toString());
        }
        // asm goto on q % 1: both destinations run whatever q is; a one-sided asm goto on q is fine
        assertEquals(new TreeSet<>(List.of("volatile_if_mod_one:43", "volatile_if_mod_one:46")),
                where(scan(new FragileConstantCondition(), O0.resolve("volatile_if.ll"))));
        // Rust: the overflow check (and i1 false, ...) goes to a panic and is not reported; q % 1 and q == q are
        TreeSet<String> rust = where(scan(new FragileConstantCondition(), RUST.resolve("deps.ll")));
        assertEquals(new TreeSet<>(List.of("rs_ctrl_mod_one:78", "rs_self_compare:201")), rust);
    }

    @Test
    void pointerCompare() {
        for (Path dir : List.of(O0, NOPASSES)) {
            TreeSet<String> w = where(scan(new FragilePointerCompare(), dir.resolve("ptr_compare.ll")));
            // == &default_item (load, and the store on the equal side only), the exit of while (p != &head),
            // i == 3, unsigned i < 1; not p == other, not p != &default_item
            assertEquals(new TreeSet<>(List.of("ptr_eq_global:29", "ptr_eq_store:43", "list_walk_until_head:62",
                    "index_eq_three:74", "index_below_one:87")), w, dir.toString());
        }
        // NULL checks and non-constant comparisons
        assertTrue(scan(new FragilePointerCompare(), O0.resolve("addr_dep.ll")).isEmpty());
        assertEquals(new TreeSet<>(List.of("rs_ptr_compare:104")), where(scan(new FragilePointerCompare(), RUST.resolve("deps.ll"))));
    }

    @Test
    void cancellingArith() {
        for (Path dir : List.of(O0, NOPASSES)) {
            TreeSet<String> w = where(scan(new FragileCancellingArith(), dir.resolve("cancel_arith.ll")));
            // q - q, q * 0, q & 0, (q + 1) - q; not (q*2 - 1) & 63, not (q ^ q) + q
            assertEquals(new TreeSet<>(List.of("addr_sub_self:18", "addr_mul_zero:30", "data_and_zero:42",
                    "data_add_sub:55")), w, dir.toString());
        }
        // Rust: checked q - q and (q + 1) - q; the MIR already folded q.wrapping_sub(q) (no dependency left);
        // the index passed to panic_bounds_check is not an access
        assertEquals(new TreeSet<>(List.of("rs_cancel_add_sub:193", "rs_cancel_sub_checked:185")),
                where(scan(new FragileCancellingArith(), RUST.resolve("deps.ll"))));
        // a value read back from a slot passed by reference (&q to PartialEq::ne) still carries q
        assertTrue(scan(new FragileCancellingArith(), RUST.resolve("generic.ll")).isEmpty());
    }

    // ---- the folder on the corpus's own instructions ----

    private static Function function(ModuleContext m, String name) {
        for (FunctionContext f : m.functions()) if (f.name().equals(name)) return f.function();
        throw new AssertionError("no function " + name);
    }

    private static FunctionContext context(ModuleContext m, String name) {
        for (FunctionContext f : m.functions()) if (f.name().equals(name)) return f;
        throw new AssertionError("no function " + name);
    }

    private static List<Instruction> all(Function f, Opcode op) {
        List<Instruction> out = new ArrayList<>();
        for (var b : f.blocks()) for (Instruction i : b.instructions()) if (i.opcode() == op) out.add(i);
        return out;
    }

    private static Instruction markedLoad(Function f) {
        for (Instruction i : all(f, Opcode.LOAD)) if (i.isVolatile()) return i;
        throw new AssertionError("no volatile load");
    }

    @Test
    void folderSeesThroughSlots() {
        ModuleContext m = CorpusScan.context(O0.resolve("ctrl_const_cond.ll"));
        // ctrl_self_compare: %5 = icmp eq i32 %3, %4, two loads of q's slot
        FunctionContext fn = context(m, "ctrl_self_compare");
        SlotValues slots = SlotValues.of(fn);
        Instruction r = markedLoad(fn.function());
        ValueFolder folder = ValueFolder.of(fn, slots, r);
        Instruction cmp = all(fn.function(), Opcode.ICMP).get(0);
        assertEquals(1L, folder.constantOf(cmp));
        assertTrue(folder.derivesFromRoot(cmp));
        List<Instruction> loads = new ArrayList<>(all(fn.function(), Opcode.LOAD));
        loads.remove(r);
        assertTrue(slots.equivalent(loads.get(0), loads.get(1)));
        assertEquals(r, slots.canonical(loads.get(0)));
        // ctrl_mod_two: q % 2 != 0 depends on q
        FunctionContext two = context(m, "ctrl_mod_two");
        ValueFolder f2 = ValueFolder.of(two, SlotValues.of(two), markedLoad(two.function()));
        assertNull(f2.constantOf(all(two.function(), Opcode.ICMP).get(0)));
        // ctrl_mod_one: srem %3, 1 is 0
        FunctionContext one = context(m, "ctrl_mod_one");
        ValueFolder f1 = ValueFolder.of(one, SlotValues.of(one), markedLoad(one.function()));
        assertEquals(0L, f1.constantOf(all(one.function(), Opcode.SREM).get(0)));
        assertEquals(0L, f1.constantOf(all(one.function(), Opcode.ICMP).get(0)));
    }

    @Test
    void linearForms() {
        ModuleContext m = CorpusScan.context(O0.resolve("cancel_arith.ll"));
        // data_add_sub: (q + 1) - q is the constant 1
        FunctionContext fn = context(m, "data_add_sub");
        ValueFolder f = ValueFolder.of(fn, SlotValues.of(fn), markedLoad(fn.function()));
        LinearForm sub = f.form(all(fn.function(), Opcode.SUB).get(0));
        assertTrue(sub.isConstant());
        assertEquals(1L, sub.constant);
        LinearForm add = f.form(all(fn.function(), Opcode.ADD).get(0));
        assertEquals(1, add.atomCount());
        assertTrue(add.dependsOnRoot());
        // addr_sub_one: (q * 2 - 1) & 63 is one atom that still derives from q
        FunctionContext one = context(m, "addr_sub_one");
        ValueFolder g = ValueFolder.of(one, SlotValues.of(one), markedLoad(one.function()));
        LinearForm and = g.form(all(one.function(), Opcode.AND).get(0));
        assertFalse(and.isConstant());
        assertTrue(and.dependsOnRoot());
        LinearForm twice = g.form(all(one.function(), Opcode.MUL).get(0));
        assertEquals(2L, twice.coefficient(0));
        // data_xor_self_used: q ^ q is 0, plus q is q
        FunctionContext xor = context(m, "data_xor_self_used");
        ValueFolder h = ValueFolder.of(xor, SlotValues.of(xor), markedLoad(xor.function()));
        assertEquals(0L, h.constantOf(all(xor.function(), Opcode.XOR).get(0)));
        assertTrue(h.form(all(xor.function(), Opcode.ADD).get(0)).dependsOnRoot());
    }

    @Test
    void linearFormArithmetic() {
        Instruction a = new Instruction(Opcode.ALLOCA, null, "a", new dev.lkmmhazard.ir.Value[0], new dev.lkmmhazard.ir.BasicBlock[0], 1, 1);
        LinearForm q = LinearForm.atom(a, true);
        assertTrue(q.minus(q).isConstant());
        assertEquals(LinearForm.ZERO, q.times(0));
        LinearForm e = q.times(2).plus(LinearForm.constant(-1)).minus(q).minus(q);
        assertTrue(e.isConstant());
        assertEquals(-1L, e.constant);
        assertTrue(q.times(1L << 32).truncated(32).isConstant()); // q << 32 truncated to i32 is 0
        assertEquals(Boolean.TRUE, ValueFolder.compare("uge", q, LinearForm.ZERO, 32));
        assertEquals(Boolean.FALSE, ValueFolder.compare("ult", q, LinearForm.ZERO, 32));
        assertNull(ValueFolder.compare("ugt", q, LinearForm.ZERO, 32));
        assertEquals(Boolean.TRUE, ValueFolder.compare("sle", q.plus(LinearForm.constant(1)), q.plus(LinearForm.constant(1)), 32));
        assertNull(ValueFolder.compare("slt", q, q.plus(LinearForm.constant(1)), 32)); // may overflow
        assertEquals(Boolean.FALSE, ValueFolder.compare("eq", q, q.plus(LinearForm.constant(1)), 32));
    }
}
