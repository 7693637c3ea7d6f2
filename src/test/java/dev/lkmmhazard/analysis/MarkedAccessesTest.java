package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.MarkedAccess.Kind;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.ConstantInt;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.GlobalValue;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Ordering;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every expected list below was written from reading the {@code .ll} file (instructions in block order, the line from
 * the {@code !dbg} attachment's DILocation), never from this program's output. One line per access:
 * {@code kind ordering rule address line}, "-" for none; globals by their demangled name.
 */
class MarkedAccessesTest {
    private static final String X86 = "clang-19/x86_64/O2-g/";
    private static final String ARM = "clang-19/aarch64/O2-g/";
    private static final String RUST_O0 = "rustc/x86_64/O0-g/";
    private static final String RUST_O2 = "rustc/x86_64/O2-g/";

    private static String describe(MarkedAccess a) {
        Value p = a.address();
        String addr = p == null ? "-" : p instanceof GlobalValue g ? "@" + RustSymbols.displayName(g.name()) : p.reference();
        return a.kind() + " " + (a.ordering() == null ? "-" : a.ordering().keyword) + " " + a.rule() + " " + addr
                + " line " + a.sourceLine();
    }

    private static MarkedAccesses of(String file, String function) {
        return new MarkedAccesses(CorpusIr.function(file, function));
    }

    private static List<String> describeAll(MarkedAccesses m) {
        List<String> out = new ArrayList<>();
        for (MarkedAccess a : m.all()) out.add(describe(a));
        return out;
    }

    private static void expect(String file, String function, String... expected) {
        assertEquals(List.of(expected), describeAll(of(file, function)), file + " " + function);
    }

    private static int outermostLine(DILocation l) {
        while (l.inlinedAt() != null) l = l.inlinedAt();
        return l.line();
    }

    private static Instruction instruction(Function f, String name) {
        for (BasicBlock b : f.blocks())
            for (Instruction i : b.instructions()) if (name.equals(i.name())) return i;
        throw new AssertionError("no %" + name);
    }

    private static long constant(Value v) {
        assertInstanceOf(ConstantInt.class, v);
        return ((ConstantInt) v).longValue();
    }

    // ---------------------------------------------------------------- clang x86_64: volatile, atomics, asm

    @Test
    void x86AtomicReadThenLockedAdd() {
        MarkedAccesses m = of(X86 + "atomics.ll", "atomic_read_add");
        assertEquals(List.of(
                "load - volatile @refcount line 20",
                "rmw seq_cst asm-lock-prefix @refcount line 110"), describeAll(m));
        MarkedAccess add = m.all().get(1);
        // "+m" arrives as =*m (argument 0) and *m (argument 2) on one pointer: one access, read and written
        assertTrue(add.reads() && add.writes());
        assertEquals(0, add.addressArgument());
        assertEquals("i32", add.accessType().toString());
        assertEquals("%2", add.storedValue().reference());
        assertNull(add.loadedValue(), "the asm has no output");
        assertTrue(add.clobbersMemory());
        assertEquals(22, outermostLine(add.debugLoc()), "inlined from lkmm.h into line 22");
        assertTrue(m.all().get(0).startsDependencies());
        assertFalse(add.startsDependencies());
    }

    @Test
    void x86CmpxchgAndXchgAsmReturnTheOldValue() {
        Function f = CorpusIr.function(X86 + "atomics.ll", "cmpxchg_then_store");
        MarkedAccesses m = new MarkedAccesses(f);
        assertEquals(List.of(
                "cmpxchg seq_cst asm-lock-prefix @lock line 126",
                "store - volatile @y line 32"), describeAll(m));
        MarkedAccess cx = m.all().get(0);
        assertSame(f.entry().instructions().get(0), cx.loadedValue());
        assertEquals(1, constant(cx.storedValue()), "the \"r\"(new) input");
        assertEquals(2, cx.inputs().size());
        assertEquals(0, constant(cx.inputs().get(1)), "the \"0\"(old) input tied to the result");

        MarkedAccesses x = of(X86 + "atomics.ll", "xchg_then_store");
        assertEquals(List.of(
                "rmw seq_cst asm-xchg @owner line 119",
                "store - volatile @z line 42"), describeAll(x));
        assertEquals("i64", x.all().get(0).accessType().toString());
        assertEquals(5, constant(x.all().get(0).storedValue()));
        assertEquals(40, outermostLine(x.all().get(0).debugLoc()));
        assertTrue(x.all().get(0).startsDependencies());
    }

    @Test
    void relaxedAtomicsAreMarkedAndThePlainLoadThroughThePointerIsNot() {
        expect(X86 + "atomics.ll", "relaxed_ctrl",
                "load monotonic atomic-monotonic @x line 49",
                "store monotonic atomic-monotonic @y line 52");
        // the hoisted store carries the merged location line 0
        expect(X86 + "atomics.ll", "relaxed_identical",
                "load monotonic atomic-monotonic @x line 60",
                "store monotonic atomic-monotonic @y line 0",
                "store monotonic atomic-monotonic @z line 64");
        MarkedAccesses m = of(X86 + "atomics.ll", "relaxed_addr");
        assertEquals(List.of("load monotonic atomic-monotonic @gptr line 75"), describeAll(m));
        Function f = m.function();
        Instruction plain = f.entry().instructions().get(2);
        assertEquals(Opcode.LOAD, plain.opcode());
        assertFalse(m.isMarked(plain));
        assertTrue(m.of(plain).isEmpty());
        Instruction relaxed = f.entry().instructions().get(0);
        assertTrue(m.isMarked(relaxed));
        assertEquals(m.all(), m.of(relaxed));
        assertEquals(m.all(), m.dependencySources());
    }

    @Test
    void x86SmpMbBarrierAndAcquireRelease() {
        expect(X86 + "atomics.ll", "mp_writer",
                "store - volatile @x line 84",
                "fence seq_cst asm-smp-mb - line 85",
                "barrier - asm-memory-clobber - line 86",
                "store - volatile @y line 86");
        expect(X86 + "atomics.ll", "mp_reader",
                "load - volatile @y line 91",
                "barrier - asm-memory-clobber - line 91",
                "load - volatile @x line 92");
    }

    @Test
    void plainAccessesAndPauseAreNotMarked() {
        // plain loads of @ready and @payload, and cpu_relax() = asm "pause" without a memory clobber
        expect(X86 + "busy_wait.ll", "spin_plain_relax");
        expect(X86 + "busy_wait.ll", "spin_plain_empty");
        // the plain store of @payload is not marked; barrier() and WRITE_ONCE are
        expect(X86 + "busy_wait.ll", "spin_release",
                "barrier - asm-memory-clobber - line 102",
                "store - volatile @ready line 102");
    }

    @Test
    void volatileAccessesToALocalAreMarkedButLifetimeIntrinsicsAreNot() {
        expect(X86 + "busy_wait.ll", "spin_plain_volatile_local",
                "store - volatile %1 line 42",
                "load - volatile %1 line 45",
                "store - volatile %1 line 45");
    }

    @Test
    void asmGotoIsAnAsmAccessWithItsInputs() {
        MarkedAccesses m = of(X86 + "volatile_if.ll", "volatile_if_identical");
        assertEquals(List.of(
                "load - volatile @x line 20",
                "asm - asm-goto - line 22",
                "store - volatile @y line 0",
                "store - volatile @z line 0"), describeAll(m));
        MarkedAccess g = m.all().get(1);
        assertEquals(Opcode.CALLBR, g.instruction().opcode());
        assertEquals(List.of("%2"), g.inputs().stream().map(Value::reference).toList());
        assertTrue(g.clobbersMemory());
        assertFalse(g.reads() || g.writes());

        MarkedAccesses folded = of(X86 + "volatile_if.ll", "volatile_if_mod_one");
        assertEquals(List.of(
                "load - volatile @x line 40",
                "asm - asm-goto - line 42",
                "store - volatile @y line 0"), describeAll(folded));
        assertEquals(0, constant(folded.all().get(1).inputs().get(0)), "q % 1 folded to the constant 0");
    }

    @Test
    void callsToDefinedFunctionsAreNotMarked() {
        // O0: the static inline helpers stay calls; the READ_ONCE is marked inside get_cur, not at the call
        String file = "clang-19/x86_64/O0-g/inline_helpers.ll";
        expect(file, "inl_addr_dep");
        expect(file, "inl_addr_dep_twice");
        expect(file, "get_cur", "load - volatile @cur line 21");
        expect(file, "obj_val");
    }

    // ---------------------------------------------------------------- clang 14: typed pointers

    @Test
    void typedPointerIrRepeatsTheConstantGepButItIsOneOperand() {
        MarkedAccesses m = of("clang-14/x86_64/O2-g/atomics.ll", "atomic_read_add");
        assertEquals(2, m.all().size());
        MarkedAccess add = m.all().get(1);
        assertEquals(Kind.RMW, add.kind());
        assertEquals("asm-lock-prefix", add.rule());
        assertInstanceOf(ConstantExpr.class, add.address());
        assertTrue(add.reads() && add.writes());
        assertEquals("i32", add.accessType().toString());
    }

    @Test
    void llvm14AsmGotoLabelArgumentIsNotAnInput() {
        MarkedAccesses m = of("clang-14/x86_64/O2-g/volatile_if.ll", "volatile_if_identical");
        assertEquals(List.of(
                "load - volatile @x line 20",
                "asm - asm-goto - line 22",
                "store - volatile @y line 0",
                "store - volatile @z line 0"), describeAll(m));
        assertEquals(List.of("%2"), m.all().get(1).inputs().stream().map(Value::reference).toList());
    }

    // ---------------------------------------------------------------- clang arm64

    @Test
    void arm64LseStaddAndBuiltinAtomics() {
        MarkedAccesses m = of(ARM + "atomics.ll", "atomic_read_add");
        assertEquals(List.of(
                "load - volatile @refcount line 20",
                "rmw monotonic asm-lse @refcount line 136"), describeAll(m));
        MarkedAccess add = m.all().get(1);
        assertTrue(add.reads() && add.writes());
        assertFalse(add.clobbersMemory(), "atomic_add has no memory clobber on arm64");
        assertEquals("%2", add.storedValue().reference());

        MarkedAccesses cx = of(ARM + "atomics.ll", "cmpxchg_then_store");
        assertEquals(List.of(
                "cmpxchg seq_cst cmpxchg @lock line 148",
                "store - volatile @y line 32"), describeAll(cx));
        assertEquals(Ordering.SEQ_CST, cx.all().get(0).failureOrdering());
        // the expected value (0) is compared, not stored: only the new value flows into memory
        assertEquals(List.of("1"), cx.all().get(0).inputs().stream().map(Value::reference).toList());
        expect(ARM + "atomics.ll", "xchg_then_store",
                "rmw seq_cst atomicrmw @owner line 143",
                "store - volatile @z line 42");
    }

    @Test
    void arm64LdarStlrAndDmb() {
        MarkedAccesses w = of(ARM + "atomics.ll", "mp_writer");
        assertEquals(List.of(
                "store - volatile @x line 84",
                "fence seq_cst asm-dmb - line 85",
                "store release asm-stlr @y line 86"), describeAll(w));
        MarkedAccess stlr = w.all().get(2);
        assertEquals(1, constant(stlr.storedValue()));
        assertEquals("i32", stlr.accessType().toString());
        assertNull(stlr.loadedValue());

        MarkedAccesses r = of(ARM + "atomics.ll", "mp_reader");
        assertEquals(List.of(
                "load acquire asm-ldar @y line 91",
                "load - volatile @x line 92"), describeAll(r));
        MarkedAccess ldar = r.all().get(0);
        assertSame(ldar.instruction(), ldar.loadedValue());
        assertTrue(ldar.startsDependencies());
        assertEquals(0, ldar.addressArgument());
    }

    @Test
    void arm64YieldIsNotMarkedButLdarInTheLoopIs() {
        MarkedAccesses m = of(ARM + "busy_wait.ll", "spin_acquire");
        for (MarkedAccess a : m.all()) assertEquals("asm-ldar", a.rule(), a.toString());
        assertEquals(2, m.all().size(), "the ldar before the loop and the one inside it");
    }

    // ---------------------------------------------------------------- rustc

    @Test
    void rustO0AtomicMethodCallsWithOrderingFromTheI8Argument() {
        expect(RUST_O0 + "atomics.ll", "atomics::relaxed_ctrl",
                "load monotonic rust:AtomicI32::load @atomics::FLAG line 34",
                "store monotonic rust:AtomicI32::store @atomics::OUT line 35");
        expect(RUST_O0 + "atomics.ll", "atomics::mp_reader",
                "load acquire rust:AtomicI32::load @atomics::FLAG line 121",
                "load seq_cst rust:AtomicI32::load @atomics::DATA line 122");
        expect(RUST_O0 + "atomics.ll", "atomics::mp_writer",
                "store monotonic rust:AtomicI32::store @atomics::DATA line 114",
                "fence seq_cst rust:fence - line 115",
                "barrier - asm-memory-clobber - line 29",
                "store release rust:AtomicI32::store @atomics::FLAG line 117");
    }

    @Test
    void rustO0CompareExchangeAndFetchAdd() {
        MarkedAccesses m = of(RUST_O0 + "atomics.ll", "atomics::cmpxchg_ctrl");
        // Result::is_ok is a call to a defined function: not marked
        assertEquals(List.of(
                "cmpxchg acq_rel rust:AtomicI32::compare_exchange @atomics::FLAG line 103",
                "store monotonic rust:AtomicI32::store @atomics::DATA line 106"), describeAll(m));
        MarkedAccess cx = m.all().get(0);
        assertEquals(Ordering.MONOTONIC, cx.failureOrdering());
        assertEquals(List.of("1"), cx.inputs().stream().map(Value::reference).toList(), "the new value, not the expected one");
        assertEquals(1, constant(cx.storedValue()));
        assertSame(cx.instruction(), cx.loadedValue());
        assertNull(cx.note());

        MarkedAccesses f = of(RUST_O0 + "atomics.ll", "atomics::fetch_add_data");
        assertEquals(List.of(
                "rmw monotonic rust:AtomicUsize::fetch_add @atomics::COUNTER line 95",
                "store monotonic rust:AtomicI32::store @atomics::OUT line 96"), describeAll(f));
        assertEquals(1, constant(f.all().get(0).storedValue()));
        assertEquals("%_6", f.all().get(1).storedValue().reference());
    }

    @Test
    void rustO0GenericAtomicPtrLoadAndIsNullAreTellApart() {
        // AtomicPtr<T>::load is marked; AtomicPtr<T>::from_ptr and <*mut T>::is_null are not
        expect(RUST_O0 + "atomics.ll", "atomics::list_sum",
                "load monotonic rust:AtomicPtr::load @atomics::HEAD line 82",
                "load monotonic rust:AtomicPtr::load %_10 line 86");
    }

    @Test
    void rustO0AtomicHelpersInsideCoreHaveANonConstantOrdering() {
        MarkedAccesses m = of(RUST_O0 + "atomics.ll", "core::sync::atomic::AtomicPtr<T>::load");
        assertEquals(1, m.all().size());
        MarkedAccess a = m.all().get(0);
        assertEquals(Kind.LOAD, a.kind());
        assertEquals("rust:atomic_load", a.rule());
        assertNull(a.ordering());
        assertNotNull(a.note());
        assertEquals("%self", a.address().reference());

        // the body of atomic_load::<i32>: one load atomic per ordering; the panics are not marked
        Function body = null;
        for (Function f : CorpusIr.module(RUST_O0 + "atomics.ll").functions())
            if (f.name().equals("_ZN4core4sync6atomic11atomic_load17hfa6d1e7b08e681caE")) body = f;
        assertNotNull(body);
        List<String> kinds = new ArrayList<>();
        for (MarkedAccess x : new MarkedAccesses(body).all()) kinds.add(x.kind() + " " + x.ordering().keyword + " " + x.rule());
        assertEquals(List.of("load monotonic atomic-monotonic", "load acquire atomic-acquire", "load seq_cst atomic-seq_cst"), kinds);
    }

    @Test
    void rustHelpersAreMarkedAndOtherUndefinedCallsAreNot() {
        // llvm.ssub.with.overflow and the undefined core::panicking::panic_const::panic_const_sub_overflow are not
        MarkedAccesses m = of(RUST_O0 + "atomics.ll", "rs_helper_ctrl");
        assertEquals(List.of(
                "load monotonic helper:rust_helper_atomic_read @RAW line 130",
                "store monotonic helper:rust_helper_atomic_set @RAW line 132"), describeAll(m));
        MarkedAccess read = m.all().get(0), set = m.all().get(1);
        assertSame(read.instruction(), read.loadedValue());
        assertTrue(read.startsDependencies());
        assertEquals("%_8.0", set.storedValue().reference());
        assertEquals(0, set.addressArgument());

        expect(RUST_O2 + "atomics.ll", "rs_helper_ctrl",
                "load monotonic helper:rust_helper_atomic_read @RAW line 130",
                "store monotonic helper:rust_helper_atomic_set @RAW line 132");
    }

    @Test
    void helperNamesAreConfigurable() {
        Function f = CorpusIr.function(RUST_O0 + "atomics.ll", "rs_helper_ctrl");
        assertTrue(new MarkedAccesses(f, MarkedAccessConfig.noHelpers()).all().isEmpty());
        MarkedAccessConfig onlyRead = MarkedAccessConfig.noHelpers().withHelperNames(List.of("rust_helper_atomic_read"));
        assertEquals(List.of("load monotonic helper:rust_helper_atomic_read @RAW line 130"),
                describeAll(new MarkedAccesses(f, onlyRead)));
        MarkedAccessConfig byPrefix = MarkedAccessConfig.noHelpers().withHelperPrefixes(List.of("rust_helper_atomic_s"));
        assertEquals(List.of("store monotonic helper:rust_helper_atomic_set @RAW line 132"),
                describeAll(new MarkedAccesses(f, byPrefix)));
    }

    @Test
    void rustO0ReadVolatileCallsAndTheVolatileLoadInside() {
        MarkedAccesses m = of(RUST_O0 + "deps.ll", "deps::data_dep");
        assertEquals(List.of(
                "load - rust:read_volatile @X line 40",
                "store - rust:write_volatile @Y line 41"), describeAll(m));
        MarkedAccess w = m.all().get(1);
        // the trailing #[track_caller] location argument is not an input
        assertEquals(List.of("%_0.i"), w.inputs().stream().map(Value::reference).toList());
        assertEquals("%_0.i", w.storedValue().reference());
        assertEquals("%r", m.all().get(0).loadedValue().reference());

        // inside core::ptr::read_volatile: the precondition check call and the stack slot copy are not marked
        Function body = null;
        for (Function f : CorpusIr.module(RUST_O0 + "deps.ll").functions())
            if (f.name().equals("_ZN4core3ptr13read_volatile17h4306438bfdeb0e2cE")) body = f;
        assertNotNull(body);
        assertEquals(List.of("load - volatile %src line 2091"), describeAll(new MarkedAccesses(body)));
    }

    @Test
    void rustO2VolatileLoadsCarryTheirInlinedAtChain() {
        MarkedAccesses m = of(RUST_O2 + "deps.ll", "deps::data_dep");
        assertEquals(List.of(
                "load - volatile @X line 2091",
                "store - volatile @Y line 2178"), describeAll(m));
        assertEquals(40, outermostLine(m.all().get(0).debugLoc()));
        assertEquals(41, outermostLine(m.all().get(1).debugLoc()));
        // no debug info: still marked, source line 0
        assertEquals(List.of("load - volatile @X line 0", "store - volatile @Y line 0"),
                describeAll(of("rustc/x86_64/O2/deps.ll", "deps::data_dep")));
        assertNull(of("rustc/x86_64/O2/deps.ll", "deps::data_dep").all().get(0).debugLoc());
    }

    @Test
    void rustO2AtomicsAreInstructions() {
        MarkedAccesses w = of(RUST_O2 + "atomics.ll", "atomics::mp_writer");
        assertEquals(List.of(
                "store monotonic atomic-monotonic @atomics::DATA line 3875",
                "fence seq_cst fence - line 4376",
                "barrier - asm-memory-clobber - line 29",
                "store release atomic-release @atomics::FLAG line 3876"), describeAll(w));
        int[] outer = new int[4];
        for (int i = 0; i < 4; i++) outer[i] = outermostLine(w.all().get(i).debugLoc());
        assertEquals(List.of(114, 115, 116, 117), List.of(outer[0], outer[1], outer[2], outer[3]));

        MarkedAccesses cx = of(RUST_O2 + "atomics.ll", "atomics::cmpxchg_ctrl");
        assertEquals(List.of(
                "cmpxchg acq_rel cmpxchg @atomics::FLAG line 3993",
                "store monotonic atomic-monotonic @atomics::DATA line 3875"), describeAll(cx));
        assertEquals(Ordering.MONOTONIC, cx.all().get(0).failureOrdering());
        expect(RUST_O2 + "atomics.ll", "atomics::fetch_add_data",
                "rmw monotonic atomicrmw @atomics::COUNTER line 3923",
                "store monotonic atomic-monotonic @atomics::OUT line 3875");
    }

    @Test
    void rustV0GenericInstantiations() {
        MarkedAccesses m = of(RUST_O0 + "generic.ll", "generic::publish_same::<u64>");
        // block order: start, bb6 (else), bb4 (then); <u64 as PartialEq>::ne is not marked
        assertEquals(List.of(
                "load - rust:read_volatile %src line 58",
                "store - rust:write_volatile %dst line 63",
                "store - rust:write_volatile %dst line 60",
                "store - rust:write_volatile %extra line 61"), describeAll(m));
        assertEquals("%_12", m.all().get(3).storedValue().reference());

        Function f = CorpusIr.function(RUST_O0 + "generic.ll", "generic::deref_key::<generic::Rec>");
        MarkedAccesses d = new MarkedAccesses(f);
        assertEquals(List.of("load monotonic rust:AtomicPtr::load %slot line 33"), describeAll(d));
        assertSame(instruction(f, "p"), d.all().get(0).loadedValue());
        assertFalse(d.isMarked(instruction(f, "_0")), "<generic::Rec as generic::Shared>::key");
    }

    // ---------------------------------------------------------------- shapes the corpus lacks (hand-written IR)

    private static final String SYNTHETIC = String.join("\n",
            "declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)",
            "declare void @llvm.memcpy.element.unordered.atomic.p0.p0.i64(ptr, ptr, i64, i32)",
            "declare i32 @rust_helper_atomic_read(ptr)",
            "declare void @other(ptr)",
            "@x = global i32 0",
            "@key = global i32 0",
            "@pcpu = global i32 0",
            "@read_alias = alias i32 (ptr), ptr @rust_helper_atomic_read",
            "define void @f(ptr %d, ptr %s) {",
            "entry:",
            "  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 8, i1 true)",
            "  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 8, i1 false)",
            "  call void @llvm.memcpy.element.unordered.atomic.p0.p0.i64(ptr %d, ptr %s, i64 8, i32 1)",
            "  %v = call i32 asm \"movl %gs:$1, $0\", \"=r,*m,~{dirflag},~{fpsr},~{flags}\"(ptr elementtype(i32) @pcpu)",
            "  %a = call i32 @read_alias(ptr @x)",
            "  call void @other(ptr @x)",
            "  %l = load atomic volatile i32, ptr @x syncscope(\"singlethread\") acquire, align 4",
            "  callbr void asm sideeffect \"1:jmp ${2:l}\", \"i,i,!i,~{dirflag},~{fpsr},~{flags}\"(ptr @key, i32 2)",
            "          to label %next [label %other]",
            "next:",
            "  ret void",
            "other:",
            "  ret void",
            "}", "");

    @Test
    void volatileMemcpyJumpLabelsPerCpuAsmAndAliases() {
        dev.lkmmhazard.parse.ParseResult pr = dev.lkmmhazard.parse.IrReader.read("synthetic.ll",
                SYNTHETIC.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(pr.ok(), () -> pr.errors().toString());
        MarkedAccesses m = new MarkedAccesses(pr.module().function("f"));
        // the non-volatile memcpy, the element-wise atomic memcpy and the call to @other are not marked
        assertEquals(List.of(
                "load - volatile-memcpy %s line 0",
                "store - volatile-memcpy %d line 0",
                "asm - asm-percpu @pcpu line 0",
                "load monotonic helper:rust_helper_atomic_read @x line 0",
                "load acquire atomic-acquire @x line 0",
                "asm - asm-goto-jump-label - line 0"), describeAll(m));
        Instruction memcpy = m.all().get(0).instruction();
        assertEquals(List.of(m.all().get(0), m.all().get(1)), m.of(memcpy), "one call, two accesses");
        assertEquals("i32", m.all().get(2).accessType().toString());
        assertTrue(m.all().get(2).reads() && !m.all().get(2).writes());
        assertEquals("singlethread", m.all().get(4).syncScope());
    }

    // ---------------------------------------------------------------- helper names

    @Test
    void helperKindAndOrderingComeFromTheName() {
        assertHelper("rust_helper_atomic_read", Kind.LOAD, Ordering.MONOTONIC);
        assertHelper("rust_helper_atomic_set", Kind.STORE, Ordering.MONOTONIC);
        assertHelper("rust_helper_atomic_read_acquire", Kind.LOAD, Ordering.ACQUIRE);
        assertHelper("rust_helper_atomic_i32_set_release", Kind.STORE, Ordering.RELEASE);
        assertHelper("rust_helper_atomic_add", Kind.RMW, Ordering.MONOTONIC);
        assertHelper("rust_helper_atomic_add_return", Kind.RMW, Ordering.SEQ_CST);
        assertHelper("rust_helper_atomic64_fetch_or_relaxed", Kind.RMW, Ordering.MONOTONIC);
        assertHelper("rust_helper_atomic_dec_and_test", Kind.RMW, Ordering.SEQ_CST);
        assertHelper("rust_helper_atomic_xchg", Kind.RMW, Ordering.SEQ_CST);
        assertHelper("rust_helper_atomic_cmpxchg", Kind.CMPXCHG, Ordering.SEQ_CST);
        assertHelper("rust_helper_atomic_long_try_cmpxchg_acquire", Kind.CMPXCHG, Ordering.ACQUIRE);
        assertHelper("rust_helper_refcount_inc", Kind.RMW, Ordering.MONOTONIC);
        assertHelper("__READ_ONCE", Kind.LOAD, null);
        assertHelper("__write_once_size", Kind.STORE, null);
        assertHelper("rust_helper_smp_mb", Kind.FENCE, Ordering.SEQ_CST);
        assertHelper("rust_helper_smp_wmb", Kind.FENCE, null);
        assertHelper("rust_helper_barrier", Kind.BARRIER, null);
    }

    private static void assertHelper(String name, Kind kind, Ordering ordering) {
        assertTrue(MarkedAccessConfig.defaults().isHelper(name), name);
        MarkedAccesses.CallRule r = MarkedAccesses.helperRule(name);
        assertEquals(kind, r.kind(), name);
        assertEquals(ordering, r.ordering(), name);
    }

    @Test
    void defaultsDoNotTakeOrdinaryNames() {
        MarkedAccessConfig c = MarkedAccessConfig.defaults();
        assertFalse(c.isHelper("atomic_read_add"));
        assertFalse(c.isHelper("rust_helper_spin_lock"));
        assertFalse(c.isHelper("get_cur"));
    }

    // ---------------------------------------------------------------- Rust-for-Linux's C helpers

    /** Calls of rust_helper_* (declared extern "C", as bindgen declares them) are the accesses their names say. */
    @Test
    void rustForLinuxHelperCallsAreMarked() {
        expect(RUST_O2 + "rfl_helpers.ll", "rh_get",
                "load - helper:rust_helper_READ_ONCE_ptr @CUR line 128",
                "rmw monotonic helper:rust_helper_refcount_inc %p line 130"); // refcount_inc() is relaxed
        expect(RUST_O2 + "rfl_helpers.ll", "rh_ctrl",
                "load monotonic helper:rust_helper_atomic_read @FLAG line 68",
                "store monotonic helper:rust_helper_atomic_set @OUT line 69");
    }

    /**
     * The same helpers linked into the crate and inlined (RUST_INLINE_HELPERS): what is left in the Rust function is
     * the helpers' bodies, a volatile load and a lock-prefixed asm, still marked; no helper call remains.
     */
    @Test
    void rustForLinuxHelpersInlinedAreMarkedAsTheirBodies() {
        expect(RUST_O2 + "rfl_inline.ll", "rh_get",
                "load - volatile @CUR line 55",
                "rmw seq_cst asm-lock-prefix %0 line 110");
        expect(RUST_O2 + "rfl_inline.ll", "rh_ctrl",
                "load - volatile @FLAG line 35",
                "store - volatile @OUT line 40");
        for (var b : CorpusIr.function(RUST_O2 + "rfl_inline.ll", "rh_identical_spin").blocks())
            for (Instruction i : b.instructions())
                if (i.calledFunction() != null)
                    assertFalse(i.calledFunction().name().startsWith("rust_helper_"), "not inlined: " + i);
    }
}
