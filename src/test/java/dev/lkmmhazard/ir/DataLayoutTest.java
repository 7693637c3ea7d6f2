package dev.lkmmhazard.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sizes, alignments and field offsets under real data layout strings. Every expected number is worked out by hand from
 * LangRef's rules: an alignment is the type's own specification, else (integers) the next wider one, else the widest;
 * an allocation size is the store size rounded up to the ABI alignment; fields go at the next multiple of their
 * alignment (1 in a packed struct) and a struct ends at a multiple of its largest field alignment.
 */
class DataLayoutTest {
    /** clang 19 and 22, rustc: x86_64-unknown-linux-gnu. */
    static final String X86_64 = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128";
    /** clang 14, x86_64: before LLVM 18 gave i128 its 16-byte alignment. */
    static final String X86_64_CLANG14 = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128";
    /** clang 19, aarch64-linux-gnu. */
    static final String AARCH64 = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32";
    /** i386-linux-gnu: 4-byte pointers, i64 and double aligned to 4. */
    static final String I386 = "e-m:e-p:32:32-p270:32:32-p271:32:32-p272:64:64-i128:128-f64:32:64-f80:32-n8:16:32-S128";

    private final TypeTable t = new TypeTable();
    private final Type i8 = t.intType(8), i16 = t.intType(16), i32 = t.intType(32), i64 = t.intType(64);
    private final Type i128 = t.intType(128), dbl = t.floatType("double"), fp80 = t.floatType("x86_fp80");

    private Type.StructType struct(Type... fields) { return t.literalStruct(List.of(fields), false); }
    private Type.StructType packed(Type... fields) { return t.literalStruct(List.of(fields), true); }

    private static long[] offsets(DataLayout dl, Type.StructType s) {
        DataLayout.StructLayout l = dl.structLayout(s);
        long[] out = new long[l.fieldCount()];
        for (int i = 0; i < out.length; i++) out[i] = l.offset(i);
        return out;
    }

    @Test
    void theLiteralsAreTheCorpusStrings() throws IOException {
        assertEquals(X86_64, corpusLayout("clang-19/x86_64/O2-g/ctrl_identical.ll"));
        assertEquals(X86_64, corpusLayout("rustc/x86_64/O2-g/generic.ll"));
        assertEquals(X86_64_CLANG14, corpusLayout("clang-14/x86_64/O2-g/ctrl_identical.ll"));
        assertEquals(AARCH64, corpusLayout("clang-19/aarch64/O2-g/addr_dep.ll"));
    }

    private static String corpusLayout(String file) throws IOException {
        ParseResult r = IrReader.read(Path.of("corpus", "ir").resolve(file));
        assertTrue(r.ok(), () -> file + ": " + r.errors());
        assertEquals(r.module().dataLayoutString(), r.module().dataLayout().source());
        return r.module().dataLayoutString();
    }

    @Test
    void x86_64() {
        DataLayout dl = DataLayout.parse(X86_64);
        assertFalse(dl.isBigEndian());
        assertEquals('e', dl.mangling());
        assertEquals(16, dl.stackAlignment());
        assertArrayEquals(new int[] { 8, 16, 32, 64 }, dl.nativeIntegerWidths());
        assertEquals(8, dl.pointerSize(0));
        assertEquals(8, dl.pointerAbiAlignment(0));
        assertEquals(32, dl.pointerSizeInBits(270));
        assertEquals(4, dl.allocSize(t.pointer(271)));
        assertEquals(8, dl.pointerSize(272));
        assertEquals(8, dl.pointerSize(256), "the kernel's %gs address space has no spec: address space 0's");

        assertEquals(1, dl.allocSize(t.i1()));
        assertEquals(3, dl.storeSize(t.intType(24)));
        assertEquals(4, dl.allocSize(t.intType(24)), "aligned as the next wider integer, i32");
        assertEquals(8, dl.abiAlignment(i64));
        assertEquals(16, dl.abiAlignment(i128));
        assertEquals(32, dl.allocSize(t.intType(256)), "aligned as the widest integer, i128");
        assertEquals(48, dl.allocSize(t.intType(264)), "33 bytes rounded up to 16");

        assertEquals(80, dl.typeSizeInBits(fp80));
        assertEquals(10, dl.storeSize(fp80));
        assertEquals(16, dl.abiAlignment(fp80));
        assertEquals(16, dl.allocSize(fp80));
        assertEquals(8, dl.abiAlignment(dbl));
        assertEquals(2, dl.allocSize(t.floatType("half")));
    }

    @Test
    void structsArePaddedUnlessPacked() {
        DataLayout dl = DataLayout.parse(X86_64);
        Type.StructType s = struct(i8, i64, i16);
        assertArrayEquals(new long[] { 0, 8, 16 }, offsets(dl, s));
        assertEquals(24, dl.allocSize(s), "18 bytes of fields, rounded up to the alignment of i64");
        assertEquals(8, dl.abiAlignment(s));

        Type.StructType p = packed(i8, i64, i16);
        assertArrayEquals(new long[] { 0, 1, 9 }, offsets(dl, p));
        assertEquals(11, dl.allocSize(p));
        assertEquals(1, dl.abiAlignment(p));
        assertEquals(8, dl.prefAlignment(p), "a:0:64 by default: aggregates prefer 8");

        Type.StructType outer = struct(i8, packed(i8, i32));
        assertArrayEquals(new long[] { 0, 1 }, offsets(dl, outer), "a packed field needs no alignment");
        assertEquals(6, dl.allocSize(outer));

        assertEquals(24, dl.allocSize(t.array(3, struct(i32, i8))), "elements of 5 bytes padded to 8");
        assertEquals(2, dl.fieldOffset(struct(i8, t.array(3, i16)), 1));
        assertEquals(16, dl.fieldOffset(struct(i8, fp80), 1));
        assertEquals(0, dl.allocSize(struct()));
    }

    @Test
    void vectorsTakeTheirNaturalAlignment() {
        DataLayout dl = DataLayout.parse(X86_64);
        Type v3 = t.vector(false, 3, i32);
        assertEquals(96, dl.typeSizeInBits(v3));
        assertEquals(12, dl.storeSize(v3));
        assertEquals(16, dl.abiAlignment(v3), "no v96: the power of two above 12 bytes");
        assertEquals(16, dl.allocSize(v3));
        assertEquals(1, dl.allocSize(t.vector(false, 4, t.i1())), "4 bits in one byte");
        assertEquals(32, dl.abiAlignment(t.vector(false, 8, i32)));
        assertEquals(-1, dl.allocSize(t.vector(true, 4, i32)), "scalable: no size known here");
    }

    @Test
    void unknownSizesAreMinusOne() {
        DataLayout dl = DataLayout.parse(X86_64);
        Type.StructType opaque = t.named("struct.opaque");
        assertNull(dl.structLayout(opaque));
        assertEquals(-1, dl.allocSize(opaque));
        assertEquals(-1, dl.fieldOffset(opaque, 0));
        assertEquals(-1, dl.allocSize(struct(i32, opaque)));
        assertEquals(-1, dl.allocSize(t.token));
        assertEquals(-1, dl.allocSize(t.metadata));
        assertEquals(-1, dl.fieldOffset(struct(i8, i32), 2), "no field 2");
        Type.StructType self = t.named("struct.self");
        self.setBody(List.of(i32, self), false);
        assertEquals(-1, dl.allocSize(self), "a struct that contains itself has no size");
    }

    @Test
    void clang14GaveI128TheAlignmentOfI64() {
        Type.StructType s = struct(i8, i128);
        assertEquals(8, DataLayout.parse(X86_64_CLANG14).abiAlignment(i128), "no i128 spec: the widest, i64:64");
        assertArrayEquals(new long[] { 0, 8 }, offsets(DataLayout.parse(X86_64_CLANG14), s));
        assertEquals(24, DataLayout.parse(X86_64_CLANG14).allocSize(s));
        assertArrayEquals(new long[] { 0, 16 }, offsets(DataLayout.parse(X86_64), s));
        assertEquals(32, DataLayout.parse(X86_64).allocSize(s));
    }

    @Test
    void aarch64() {
        DataLayout dl = DataLayout.parse(AARCH64);
        assertEquals(1, dl.abiAlignment(i8));
        assertEquals(4, dl.prefAlignment(i8), "i8:8:32");
        assertEquals(2, dl.abiAlignment(i16));
        assertEquals(4, dl.prefAlignment(i16));
        Type.StructType s = struct(i8, i16, i8);
        assertArrayEquals(new long[] { 0, 2, 4 }, offsets(dl, s), "fields use the ABI alignment, not the preferred one");
        assertEquals(6, dl.allocSize(s));
        assertEquals(16, dl.abiAlignment(fp80), "no f80: the power of two above 10 bytes");
        assertEquals(16, dl.allocSize(t.floatType("fp128")));
        assertEquals(8, dl.pointerSize(0));
        assertEquals(4, dl.functionPointerAlignment());
        assertFalse(dl.isFunctionPointerAlignIndependent());
        assertArrayEquals(new int[] { 32, 64 }, dl.nativeIntegerWidths());
    }

    @Test
    void i386HasFourBytePointersAndFourByteAlignedI64() {
        DataLayout dl = DataLayout.parse(I386);
        assertEquals(4, dl.pointerSize(0));
        assertEquals(4, dl.pointerAbiAlignment(0));
        assertEquals(32, dl.indexSizeInBits(0));
        assertEquals(4, dl.pointerSize(1), "an address space without a spec takes address space 0's");
        assertEquals(8, dl.pointerSize(272));
        assertEquals(4, dl.abiAlignment(i64), "LLVM's default i64:32:64, not overridden");
        assertEquals(8, dl.prefAlignment(i64));
        assertEquals(8, dl.allocSize(i64));
        Type.StructType s = struct(i32, i64);
        assertArrayEquals(new long[] { 0, 4 }, offsets(dl, s));
        assertEquals(12, dl.allocSize(s));
        assertArrayEquals(new long[] { 0, 8 }, offsets(DataLayout.parse(X86_64), s));
        assertEquals(16, DataLayout.parse(X86_64).allocSize(s));
        assertEquals(4, dl.fieldOffset(struct(i8, dbl), 1), "f64:32:64");
        assertEquals(12, dl.allocSize(struct(i8, dbl)));
        assertEquals(4, dl.abiAlignment(fp80));
        assertEquals(12, dl.allocSize(fp80), "10 bytes rounded up to 4");
        assertEquals(4, dl.fieldOffset(struct(i8, t.ptr), 1));
        assertEquals(8, dl.allocSize(struct(i8, t.ptr)));
        assertEquals(16, dl.abiAlignment(i128));
    }

    @Test
    void withoutAStringLlvmsDefaultsHold() {
        for (String none : new String[] { null, "" }) {
            DataLayout dl = DataLayout.parse(none);
            assertEquals("", dl.source());
            assertFalse(dl.isBigEndian());
            assertEquals(0, dl.stackAlignment());
            assertEquals(0, dl.mangling());
            assertEquals(0, dl.nativeIntegerWidths().length);
            assertEquals(8, dl.pointerSize(0));
            assertEquals(8, dl.pointerSize(3));
            assertEquals(4, dl.abiAlignment(i64), "i64:32:64");
            assertEquals(8, dl.prefAlignment(i64));
            assertEquals(4, dl.fieldOffset(struct(i32, i64), 1));
            assertEquals(12, dl.allocSize(struct(i32, i64)));
            assertEquals(4, dl.abiAlignment(i128), "nothing wider than i64: i64's");
            assertEquals(4, dl.fieldOffset(struct(i8, i128), 1));
            assertEquals(20, dl.allocSize(struct(i8, i128)));
            assertEquals(8, dl.fieldOffset(struct(i8, dbl), 1), "f64:64:64");
            assertEquals(16, dl.allocSize(fp80));
            assertEquals(8, dl.abiAlignment(t.vector(false, 2, i32)), "v64:64:64");
            assertEquals(16, dl.abiAlignment(t.vector(false, 4, i32)), "v128:128:128");
            assertEquals(1, dl.abiAlignment(struct(i8)), "a:0:64: ABI alignment 1");
        }
    }

    @Test
    void lessCommonSpecifications() {
        DataLayout dl = DataLayout.parse("E-p:32:32:32:16-a:0:32-ni:7:8-Fi8-P1-A5-G1-v256:128");
        assertTrue(dl.isBigEndian());
        assertEquals(16, dl.indexSizeInBits(0));
        assertEquals(4, dl.prefAlignment(struct(i8)), "a:0:32");
        assertEquals(1, dl.abiAlignment(struct(i8)));
        assertTrue(dl.isNonIntegralAddressSpace(7));
        assertTrue(dl.isNonIntegralAddressSpace(8));
        assertFalse(dl.isNonIntegralAddressSpace(0));
        assertEquals(1, dl.functionPointerAlignment());
        assertTrue(dl.isFunctionPointerAlignIndependent());
        assertEquals(1, dl.programAddressSpace());
        assertEquals(5, dl.allocaAddressSpace());
        assertEquals(1, dl.globalsAddressSpace());
        assertEquals(16, dl.abiAlignment(t.vector(false, 8, i32)), "v256:128 overrides the natural 32");
    }

    @Test
    void specificationsLlvmWouldRejectAreSkipped() {
        // 33 bits is no whole power of two of bytes; i8 must be byte aligned; an index wider than the pointer
        DataLayout dl = DataLayout.parse("e-i64:33-i8:16-p:64:64:64:128--i32:64-x");
        assertEquals(4, dl.abiAlignment(i64));
        assertEquals(1, dl.abiAlignment(i8));
        assertEquals(64, dl.indexSizeInBits(0));
        assertEquals(8, dl.abiAlignment(i32), "the specifications after the bad ones still count");
    }

    @Test
    void aModuleParsesItsStringOnceAndAgainWhenItChanges() {
        // HAND-WRITTEN input, not compiler output
        ParseResult r = IrReader.read("i386.ll", ("target datalayout = \"" + I386 + "\"\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(r.ok(), () -> r.errors().toString());
        Module m = r.module();
        assertEquals(I386, m.dataLayoutString());
        DataLayout dl = m.dataLayout();
        assertEquals(4, dl.pointerSize(0));
        assertSame(dl, m.dataLayout());
        m.setDataLayout(X86_64);
        assertNotSame(dl, m.dataLayout());
        assertEquals(8, m.dataLayout().pointerSize(0));
        assertEquals(8, new Module().dataLayout().pointerSize(0), "no string: the defaults");
    }
}
