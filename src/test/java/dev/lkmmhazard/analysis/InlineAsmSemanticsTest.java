package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.analysis.InlineAsmSemantics.MemoryOperand;
import dev.lkmmhazard.analysis.InlineAsmSemantics.Role;
import dev.lkmmhazard.analysis.MarkedAccess.Kind;
import dev.lkmmhazard.ir.Ordering;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Asm strings as clang writes them into the corpus (unescaped: {@code \0A\09} is a newline and a tab), and, marked
 * synthetic, as the Linux kernel's x86 and arm64 atomics spell them.
 */
class InlineAsmSemanticsTest {

    private static void is(InlineAsmSemantics s, Kind kind, Ordering ordering, String rule) {
        assertEquals(kind, s.kind);
        assertEquals(ordering, s.ordering);
        assertEquals(rule, s.rule);
    }

    @Test
    void plusMOperandIsAnIndirectOutputAndATiedIndirectInput() {
        // atomic_add on x86: "lock; addl %1,%0" : "+m"(v->counter) : "ir"(i) : "memory"
        InlineAsmSemantics s = InlineAsmSemantics.decode("lock; addl $1,$0",
                "=*m,ir,*m,~{memory},~{dirflag},~{fpsr},~{flags}");
        assertEquals(7, s.operands.size());
        assertEquals(Role.OUTPUT, s.operands.get(0).role());
        assertTrue(s.operands.get(0).indirect());
        assertEquals(0, s.operands.get(0).argIndex());
        assertEquals(1, s.operands.get(1).argIndex());
        assertEquals(2, s.operands.get(2).argIndex());
        assertEquals(Role.CLOBBER, s.operands.get(3).role());
        assertEquals(-1, s.operands.get(3).argIndex());
        assertEquals(List.of(new MemoryOperand(0, false, true), new MemoryOperand(2, true, false)), s.memoryOperands);
        assertArrayEquals(new int[] {1}, s.valueArguments);
        assertTrue(s.clobbersMemory);
        is(s, Kind.RMW, Ordering.SEQ_CST, "asm-lock-prefix");
    }

    @Test
    void directOutputsTakeNoArgumentAndDigitsTieInputs() {
        // cmpxchg on x86: "=a"(ret), "+m"(*p) : "r"(new), "0"(old)
        InlineAsmSemantics s = InlineAsmSemantics.decode("lock; cmpxchgl $2,$1",
                "={ax},=*m,r,0,*m,~{memory},~{dirflag},~{fpsr},~{flags}");
        assertEquals(-1, s.operands.get(0).argIndex());
        assertEquals("{ax}", s.operands.get(0).code());
        assertEquals(0, s.operands.get(1).argIndex());
        assertEquals(0, s.operands.get(3).tiedTo());
        assertEquals(2, s.operands.get(3).argIndex());
        assertArrayEquals(new int[] {1, 2}, s.valueArguments);
        is(s, Kind.CMPXCHG, Ordering.SEQ_CST, "asm-lock-prefix");
    }

    /** arm64's __my_cpu_offset reads a register; its "Q" operand is a fake read of the stack that barrier() orders. */
    @Test
    void arm64PerCpuOffsetReadIsKnownAndOtherAsmIsNot() {
        assertTrue(InlineAsmSemantics.decode("mrs $0, tpidr_el1", "=r,*Q,~{memory}").readsPerCpuOffset);
        assertTrue(InlineAsmSemantics.decode("mrs $0, tpidr_el2", "=r,*Q,~{memory}").readsPerCpuOffset);
        assertFalse(InlineAsmSemantics.decode("mrs $0, cntvct_el0", "=r").readsPerCpuOffset, "another system register");
        assertFalse(InlineAsmSemantics.decode("ldar $0, $1", "=r,*Q,~{memory}").readsPerCpuOffset);
    }

    @Test
    void xchgIsAtomicWithoutALockPrefix() {
        is(InlineAsmSemantics.decode("xchgq $0, $1", "=r,=*m,0,*m,~{memory},~{dirflag},~{fpsr},~{flags}"),
                Kind.RMW, Ordering.SEQ_CST, "asm-xchg");
    }

    @Test
    void lockedAddToTheStackIsSmpMb() {
        is(InlineAsmSemantics.decode("lock; addl $$0,-4(%rsp)", "~{memory},~{cc},~{dirflag},~{fpsr},~{flags}"),
                Kind.FENCE, Ordering.SEQ_CST, "asm-smp-mb");
        // synthetic: the kernel's LOCK_PREFIX records the location in a section first
        InlineAsmSemantics s = InlineAsmSemantics.decode(
                ".pushsection .smp_locks,\"a\"\n.balign 4\n.long 671f - .\n.popsection\n671:\n\tlock; incl $0",
                "=*m,*m,~{memory},~{dirflag},~{fpsr},~{flags}");
        is(s, Kind.RMW, Ordering.SEQ_CST, "asm-lock-prefix");
    }

    @Test
    void x86Fences() {
        is(InlineAsmSemantics.decode("mfence", "~{memory},~{dirflag},~{fpsr},~{flags}"), Kind.FENCE, Ordering.SEQ_CST, "asm-mfence");
        is(InlineAsmSemantics.decode("lfence", "~{memory}"), Kind.FENCE, null, "asm-lfence");
        is(InlineAsmSemantics.decode("sfence", "~{memory}"), Kind.FENCE, null, "asm-sfence");
    }

    @Test
    void emptyAsmWithMemoryClobberIsACompilerBarrier() {
        InlineAsmSemantics s = InlineAsmSemantics.decode("", "~{memory},~{dirflag},~{fpsr},~{flags}");
        is(s, Kind.BARRIER, null, "asm-memory-clobber");
        assertTrue(s.memoryOperands.isEmpty());
    }

    @Test
    void pauseWithoutMemoryClobberIsNothing() {
        // cpu_relax() on x86 and arm64
        assertNull(InlineAsmSemantics.decode("pause", "~{dirflag},~{fpsr},~{flags}").kind);
        InlineAsmSemantics yield = InlineAsmSemantics.decode("yield", "");
        assertNull(yield.kind);
        assertFalse(yield.clobbersMemory);
        assertTrue(yield.operands.isEmpty());
    }

    @Test
    void unrecognisedInstructionsWithMemoryOperandsAreAsmAccesses() {
        // from x86 kernel IR: the non-atomic __set_bit, and a per-CPU read ("movl %%gs:%1, %0" : "=r"(v) : "m"(var))
        InlineAsmSemantics bts = InlineAsmSemantics.decode(" btsq  $1,$0", "*m,Ir,~{memory},~{dirflag},~{fpsr},~{flags}");
        is(bts, Kind.ASM, null, "asm-memory-operand");
        assertEquals(List.of(new MemoryOperand(0, true, false)), bts.memoryOperands);
        is(InlineAsmSemantics.decode("movl %gs:$1, $0", "=r,*m,~{dirflag},~{fpsr},~{flags}"), Kind.ASM, null,
                "asm-percpu");
        // this_cpu_cmpxchg: cmpxchg without lock
        is(InlineAsmSemantics.decode("cmpxchgl $2, %gs:$1", "={ax},=*m,r,0,*m,~{memory},~{dirflag},~{fpsr},~{flags}"),
                Kind.CMPXCHG, null, "asm-cmpxchg-local");
    }

    @Test
    void arm64AcquireLoadAndReleaseStore() {
        InlineAsmSemantics ldar = InlineAsmSemantics.decode("ldar ${0:w}, $1", "=r,*Q,~{memory}");
        is(ldar, Kind.LOAD, Ordering.ACQUIRE, "asm-ldar");
        assertEquals(List.of(new MemoryOperand(0, true, false)), ldar.memoryOperands);
        InlineAsmSemantics stlr = InlineAsmSemantics.decode("stlr ${1:w}, $0", "=*Q,r,~{memory}");
        is(stlr, Kind.STORE, Ordering.RELEASE, "asm-stlr");
        assertArrayEquals(new int[] {1}, stlr.valueArguments);
        is(InlineAsmSemantics.decode("ldapr $0, $1", "=r,*Q,~{memory}"), Kind.LOAD, Ordering.ACQUIRE, "asm-ldapr");
        is(InlineAsmSemantics.decode("ldarb ${0:w}, $1", "=r,*Q,~{memory}"), Kind.LOAD, Ordering.ACQUIRE, "asm-ldar");
    }

    @Test
    void arm64LseAtomicsTakeTheirOrderingFromTheSuffix() {
        is(InlineAsmSemantics.decode(".arch_extension lse\n\tstadd ${1:w}, $0", "=*Q,r,*Q"), Kind.RMW,
                Ordering.MONOTONIC, "asm-lse");
        is(InlineAsmSemantics.decode("ldaddal $2, $0, $1", "=r,=*Q,r,*Q,~{memory}"), Kind.RMW, Ordering.SEQ_CST, "asm-lse");
        is(InlineAsmSemantics.decode("ldadda $2, $0, $1", "=r,=*Q,r,*Q"), Kind.RMW, Ordering.ACQUIRE, "asm-lse");
        is(InlineAsmSemantics.decode("swpl $2, $0, $1", "=r,=*Q,r,*Q"), Kind.RMW, Ordering.RELEASE, "asm-lse");
        is(InlineAsmSemantics.decode("casal ${0:w}, ${2:w}, $1", "=r,=*Q,r,0,*Q,~{memory}"), Kind.CMPXCHG,
                Ordering.SEQ_CST, "asm-lse");
        is(InlineAsmSemantics.decode("ldclrlh $2, $0, $1", "=r,=*Q,r,*Q"), Kind.RMW, Ordering.RELEASE, "asm-lse");
    }

    @Test
    void arm64ExclusivePairsAreAnRmw() {
        // synthetic: the kernel's LL/SC atomic_add_return (ldxr / stlxr loop, then dmb ish)
        String text = "prfm pstl1strm, $2\n1:\tldxr ${0:w}, $2\n\tadd ${0:w}, ${0:w}, ${3:w}\n"
                + "\tstlxr ${1:w}, ${0:w}, $2\n\tcbnz ${1:w}, 1b\n\tdmb ish";
        is(InlineAsmSemantics.decode(text, "=&r,=&r,=*Q,r,*Q,~{memory}"), Kind.RMW, Ordering.SEQ_CST, "asm-llsc");
        is(InlineAsmSemantics.decode("1: ldxr $0, $2\n stxr ${1:w}, $3, $2\n cbnz ${1:w}, 1b", "=&r,=&r,=*Q,r,*Q"),
                Kind.RMW, Ordering.MONOTONIC, "asm-llsc");
        is(InlineAsmSemantics.decode("ldaxr $0, $1", "=r,*Q"), Kind.LOAD, Ordering.ACQUIRE, "asm-ldxr");
    }

    @Test
    void arm64Barriers() {
        is(InlineAsmSemantics.decode("dmb ish", "~{memory}"), Kind.FENCE, Ordering.SEQ_CST, "asm-dmb");
        is(InlineAsmSemantics.decode("dmb ishld", "~{memory}"), Kind.FENCE, Ordering.ACQUIRE, "asm-dmb");
        is(InlineAsmSemantics.decode("dmb ishst", "~{memory}"), Kind.FENCE, null, "asm-dmb");
        is(InlineAsmSemantics.decode("dsb sy", "~{memory}"), Kind.FENCE, Ordering.SEQ_CST, "asm-dsb");
        is(InlineAsmSemantics.decode("isb", "~{memory}"), Kind.FENCE, null, "asm-isb");
    }

    @Test
    void asmGotoLabelsTakeNoArgumentSinceLlvm15() {
        InlineAsmSemantics s = InlineAsmSemantics.decode("test $0, $0\n\tjnz ${1:l}",
                "r,!i,~{memory},~{cc},~{dirflag},~{fpsr},~{flags}");
        assertEquals(Role.LABEL, s.operands.get(1).role());
        assertEquals(-1, s.operands.get(1).argIndex());
        assertArrayEquals(new int[] {0}, s.valueArguments);
        // LLVM 14 passes the label as a blockaddress argument
        InlineAsmSemantics old = InlineAsmSemantics.decode("test $0, $0\n\tjnz ${1:l}", "r,i,~{memory},~{cc}");
        assertArrayEquals(new int[] {0, 1}, old.valueArguments);
        // the text alone makes it a barrier; callbr makes it an asm goto, which MarkedAccesses decides
        is(s, Kind.BARRIER, null, "asm-memory-clobber");
    }
}
