package dev.lkmmhazard.ir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's {@code target datalayout} (LLVM's DataLayout): endianness, pointer widths per address space, the
 * alignment of each kind of type, and from them type sizes and struct field offsets. What the string leaves out, or
 * all of it when the module has none, takes LLVM's defaults (LangRef, "Data Layout"): 64-bit pointers aligned to 8
 * bytes, {@code i64} aligned to 4 bytes, aggregates to 1.
 *
 * <p>Sizes and alignments are in bytes; -1 stands for unknown: opaque structs, scalable vectors, token and metadata
 * types, target extension types (their layout is the target's). A specification LLVM would reject (a malformed
 * number, an alignment that is not a power of two bytes) is skipped, so that the tool still reads the rest.
 *
 * <p>Struct layouts are computed on first use and kept, so sizes are for complete modules: a named struct read before
 * its body is opaque until then. Like the rest of a module, one DataLayout is for one thread.
 */
public final class DataLayout {
    /** A primitive type's alignment: i, f or v with its width in bits. */
    private record Spec(int bits, long abi, long pref) {}

    /** A pointer's size and alignment in one address space. */
    private record PointerSpec(int addressSpace, int bits, long abi, long pref, int indexBits) {}

    /** Where a struct's fields are (LLVM's StructLayout). */
    public static final class StructLayout {
        private final long size;
        private final long alignment;
        private final long[] offsets;

        StructLayout(long size, long alignment, long[] offsets) {
            this.size = size;
            this.alignment = alignment;
            this.offsets = offsets;
        }

        /** The size in bytes, with the tail padding that keeps the fields of an array's next element aligned. */
        public long size() { return size; }
        /** The largest alignment of a field: 1 for a packed struct. */
        public long alignment() { return alignment; }
        public int fieldCount() { return offsets.length; }
        /** The byte offset of field {@code i}. */
        public long offset(int i) { return offsets[i]; }
    }

    private final String source;
    private boolean bigEndian;
    private char mangling;
    private long stackAlignment;
    private long functionPointerAlignment;
    private boolean functionPointerAlignIndependent;
    private int programAddressSpace, allocaAddressSpace, globalsAddressSpace;
    private int[] nativeIntegerWidths = new int[0];
    private int[] nonIntegralAddressSpaces = new int[0];
    private final List<Spec> ints = new ArrayList<>(List.of(
            new Spec(1, 1, 1), new Spec(8, 1, 1), new Spec(16, 2, 2), new Spec(32, 4, 4), new Spec(64, 4, 8)));
    private final List<Spec> floats = new ArrayList<>(List.of(
            new Spec(16, 2, 2), new Spec(32, 4, 4), new Spec(64, 8, 8), new Spec(128, 16, 16)));
    private final List<Spec> vectors = new ArrayList<>(List.of(new Spec(64, 8, 8), new Spec(128, 16, 16)));
    /** Sorted by address space; address space 0 always first. */
    private final List<PointerSpec> pointers = new ArrayList<>(List.of(new PointerSpec(0, 64, 8, 8, 64)));
    private long aggregateAbi = 1, aggregatePref = 8;
    /** null while a struct's layout is being computed: a struct that contains itself has no size. */
    private final Map<Type.StructType, StructLayout> structs = new IdentityHashMap<>();

    private DataLayout(String source) { this.source = source == null ? "" : source; }

    /** The layout a {@code target datalayout} string describes; null or "" gives LLVM's defaults. */
    public static DataLayout parse(String spec) {
        DataLayout dl = new DataLayout(spec);
        if (spec == null || spec.isEmpty()) return dl;
        int start = 0;
        while (start <= spec.length()) {
            int end = spec.indexOf('-', start);
            if (end < 0) end = spec.length();
            if (end > start) dl.specification(spec.substring(start, end));
            start = end + 1;
        }
        return dl;
    }

    private void specification(String s) {
        if (s.startsWith("ni")) { // the one specification of two letters: ni:<as>[:<as>]...
            int[] as = s.startsWith("ni:") ? numbers(s.substring(3)) : null;
            if (as != null) nonIntegralAddressSpaces = as;
            return;
        }
        char c = s.charAt(0);
        String rest = s.substring(1);
        switch (c) {
            case 'e', 'E' -> { if (rest.isEmpty()) bigEndian = c == 'E'; }
            case 'i', 'f', 'v' -> primitive(c, rest);
            case 'p' -> pointer(rest);
            case 'a' -> aggregate(rest);
            case 'n' -> {
                int[] widths = numbers(rest);
                if (widths != null) nativeIntegerWidths = widths;
            }
            case 'S' -> {
                long a = alignment(rest, false);
                if (a > 0) stackAlignment = a;
            }
            case 'F' -> {
                if (rest.isEmpty() || rest.charAt(0) != 'i' && rest.charAt(0) != 'n') return;
                long a = alignment(rest.substring(1), false);
                if (a <= 0) return;
                functionPointerAlignIndependent = rest.charAt(0) == 'i';
                functionPointerAlignment = a;
            }
            case 'P', 'A', 'G' -> {
                int as = number(rest);
                if (as < 0) return;
                if (c == 'P') programAddressSpace = as;
                else if (c == 'A') allocaAddressSpace = as;
                else globalsAddressSpace = as;
            }
            case 'm' -> { if (rest.length() == 2 && rest.charAt(0) == ':') mangling = rest.charAt(1); }
            default -> { } // 's' (deprecated) and anything unknown
        }
    }

    /** {@code <size>:<abi>[:<pref>]} of i, f and v. */
    private void primitive(char kind, String rest) {
        String[] parts = rest.split(":", -1);
        if (parts.length < 2 || parts.length > 3) return;
        int bits = number(parts[0]);
        long abi = alignment(parts[1], false);
        long pref = parts.length > 2 ? alignment(parts[2], false) : abi;
        if (bits <= 0 || abi <= 0 || pref < abi || kind == 'i' && bits == 8 && abi != 1) return;
        List<Spec> specs = kind == 'i' ? ints : kind == 'f' ? floats : vectors;
        int at = 0;
        while (at < specs.size() && specs.get(at).bits < bits) at++;
        Spec s = new Spec(bits, abi, pref);
        if (at < specs.size() && specs.get(at).bits == bits) specs.set(at, s);
        else specs.add(at, s);
    }

    /** {@code [<n>]:<size>:<abi>[:<pref>[:<idx>]]}. */
    private void pointer(String rest) {
        String[] parts = rest.split(":", -1);
        if (parts.length < 3 || parts.length > 5) return;
        int as = parts[0].isEmpty() ? 0 : number(parts[0]);
        int bits = number(parts[1]);
        long abi = alignment(parts[2], false);
        long pref = parts.length > 3 ? alignment(parts[3], false) : abi;
        int index = parts.length > 4 ? number(parts[4]) : bits;
        if (as < 0 || bits <= 0 || abi <= 0 || pref < abi || index <= 0 || index > bits) return;
        int at = 0;
        while (at < pointers.size() && pointers.get(at).addressSpace < as) at++;
        PointerSpec p = new PointerSpec(as, bits, abi, pref, index);
        if (at < pointers.size() && pointers.get(at).addressSpace == as) pointers.set(at, p);
        else pointers.add(at, p);
    }

    /** {@code [0]:<abi>[:<pref>]}: an ABI alignment of 0 means 1 byte. */
    private void aggregate(String rest) {
        String[] parts = rest.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || !parts[0].isEmpty() && number(parts[0]) != 0) return;
        long abi = alignment(parts[1], true);
        long pref = parts.length > 2 ? alignment(parts[2], false) : abi;
        if (abi <= 0 || pref < abi) return;
        aggregateAbi = abi;
        aggregatePref = pref;
    }

    /** A decimal number below 2^24, or -1. */
    private static int number(String s) {
        if (s.isEmpty() || s.length() > 8) return -1;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v < 1 << 24 ? v : -1;
    }

    /** {@code n1:n2:...}, or null when one is not a number. */
    private static int[] numbers(String s) {
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) if ((out[i] = number(parts[i])) <= 0) return null;
        return out;
    }

    /** An alignment in bits as bytes: a power of two times 8; 0 is 1 byte where allowed; -1 when invalid. */
    private static long alignment(String s, boolean zeroAllowed) {
        int bits = number(s);
        if (bits == 0) return zeroAllowed ? 1 : -1;
        if (bits < 0 || bits % 8 != 0 || Integer.bitCount(bits / 8) != 1) return -1;
        return bits / 8;
    }

    // --- what the string says

    /** The string parsed, "" when the module has none. */
    public String source() { return source; }
    public boolean isBigEndian() { return bigEndian; }
    /** The {@code m:} mangling letter ({@code e} for ELF), or 0 when none is given. */
    public char mangling() { return mangling; }
    /** {@code S}: the natural stack alignment in bytes, 0 when unspecified. */
    public long stackAlignment() { return stackAlignment; }
    /** {@code F}: the alignment of function pointers in bytes, 0 when unspecified. */
    public long functionPointerAlignment() { return functionPointerAlignment; }
    /** {@code Fi} (independent of the functions' own alignment) rather than {@code Fn}. */
    public boolean isFunctionPointerAlignIndependent() { return functionPointerAlignIndependent; }
    public int programAddressSpace() { return programAddressSpace; }
    public int allocaAddressSpace() { return allocaAddressSpace; }
    public int globalsAddressSpace() { return globalsAddressSpace; }
    /** {@code n}: the integer widths the CPU computes in natively, in bits; empty when not given. */
    public int[] nativeIntegerWidths() { return nativeIntegerWidths.clone(); }
    public boolean isNonIntegralAddressSpace(int as) {
        for (int a : nonIntegralAddressSpaces) if (a == as) return true;
        return false;
    }

    // --- pointers

    /** An address space without its own {@code p<n>} specification uses address space 0's. */
    private PointerSpec pointerSpec(int as) {
        if (as != 0) for (PointerSpec p : pointers) if (p.addressSpace == as) return p;
        return pointers.get(0);
    }

    public int pointerSizeInBits(int addressSpace) { return pointerSpec(addressSpace).bits; }
    /** The pointer size in bytes, rounded up. */
    public int pointerSize(int addressSpace) { return (pointerSpec(addressSpace).bits + 7) / 8; }
    public long pointerAbiAlignment(int addressSpace) { return pointerSpec(addressSpace).abi; }
    public long pointerPrefAlignment(int addressSpace) { return pointerSpec(addressSpace).pref; }
    /** The width of the offsets a getelementptr computes on such pointers. */
    public int indexSizeInBits(int addressSpace) { return pointerSpec(addressSpace).indexBits; }

    private static int addressSpace(Type t) {
        if (t instanceof Type.PointerType p) return p.addressSpace;
        return ((Type.TypedPointerType) t).addressSpace;
    }

    // --- sizes and alignments

    /** The number of bits a value of the type holds (LLVM's getTypeSizeInBits), or -1. */
    public long typeSizeInBits(Type t) {
        if (t instanceof Type.IntType i) return i.bits;
        if (t instanceof Type.PointerType || t instanceof Type.TypedPointerType) return pointerSizeInBits(addressSpace(t));
        if (t instanceof Type.FloatType f) return floatBits(f);
        if (t instanceof Type.ArrayType a) {
            long e = allocSize(a.element);
            return e < 0 ? -1 : multiply(multiply(e, a.length), 8);
        }
        if (t instanceof Type.VectorType v) {
            if (v.scalable) return -1;
            long e = typeSizeInBits(v.element);
            return e < 0 ? -1 : multiply(e, v.length);
        }
        if (t instanceof Type.StructType s) {
            StructLayout l = structLayout(s);
            return l == null ? -1 : multiply(l.size, 8);
        }
        if (t instanceof Type.SimpleType s) {
            switch (s.keyword) {
                case "x86_amx": return 8192;
                case "x86_mmx": return 64;
                case "label": return pointerSizeInBits(0);
                default: return -1; // token, metadata: no size
            }
        }
        return -1;
    }

    private static long floatBits(Type.FloatType f) {
        switch (f.keyword) {
            case "half": case "bfloat": return 16;
            case "float": return 32;
            case "double": return 64;
            case "x86_fp80": return 80;
            case "fp128": case "ppc_fp128": return 128;
            default: return -1;
        }
    }

    /** The bytes a load or store of the type touches, without tail padding ({@code x86_fp80}: 10), or -1. */
    public long storeSize(Type t) {
        long bits = typeSizeInBits(t);
        return bits < 0 ? -1 : (bits + 7) / 8;
    }

    /** The bytes an object of the type takes in memory, padding included: the stride of arrays and GEPs, or -1. */
    public long allocSize(Type t) {
        if (t instanceof Type.ArrayType a) {
            long e = allocSize(a.element);
            return e < 0 ? -1 : multiply(e, a.length);
        }
        if (t instanceof Type.StructType s) {
            StructLayout l = structLayout(s);
            if (l == null) return -1;
            return s.isPacked() ? l.size : alignTo(l.size, Math.max(aggregateAbi, l.alignment));
        }
        long store = storeSize(t);
        long align = abiAlignment(t);
        return store < 0 || align <= 0 ? -1 : alignTo(store, align);
    }

    /** The alignment the ABI requires for the type, or -1. */
    public long abiAlignment(Type t) { return alignment(t, true); }

    /** The alignment the target prefers for the type (locals, globals), or -1. */
    public long prefAlignment(Type t) { return alignment(t, false); }

    private long alignment(Type t, boolean abi) {
        if (t instanceof Type.IntType i) {
            Spec s = integerSpec(i.bits);
            return abi ? s.abi : s.pref;
        }
        if (t instanceof Type.PointerType || t instanceof Type.TypedPointerType) {
            PointerSpec p = pointerSpec(addressSpace(t));
            return abi ? p.abi : p.pref;
        }
        if (t instanceof Type.ArrayType a) return alignment(a.element, abi);
        if (t instanceof Type.StructType s) {
            if (s.isPacked() && abi) return 1;
            StructLayout l = structLayout(s);
            return l == null ? -1 : Math.max(abi ? aggregateAbi : aggregatePref, l.alignment);
        }
        if (t instanceof Type.FloatType f) {
            long bits = floatBits(f);
            if (bits < 0) return -1;
            Spec s = exact(floats, bits);
            // no specification (x86_fp80 without f80): the power of two at or above the store size
            return s != null ? abi ? s.abi : s.pref : powerOfTwoAtLeast(bits / 8);
        }
        if (t instanceof Type.VectorType v) {
            // a scalable vector's alignment is that of its minimum size
            long e = typeSizeInBits(v.element);
            if (e < 0) return -1;
            long bits = multiply(e, v.length);
            if (bits < 0) return -1;
            Spec s = exact(vectors, bits);
            return s != null ? abi ? s.abi : s.pref : powerOfTwoAtLeast((bits + 7) / 8);
        }
        if (t instanceof Type.SimpleType s) {
            switch (s.keyword) {
                case "x86_amx": return 64;
                case "x86_mmx": {
                    Spec v = exact(vectors, 64);
                    return v != null ? abi ? v.abi : v.pref : 8;
                }
                case "label": return abi ? pointerAbiAlignment(0) : pointerPrefAlignment(0);
                default: return -1;
            }
        }
        return -1;
    }

    /** The exact width's specification, else the next wider one, else the widest (LangRef's rule for integers). */
    private Spec integerSpec(int bits) {
        for (Spec s : ints) if (s.bits >= bits) return s;
        return ints.get(ints.size() - 1);
    }

    private static Spec exact(List<Spec> specs, long bits) {
        for (Spec s : specs) if (s.bits == bits) return s;
        return null;
    }

    // --- structs

    /** The layout of a struct's fields, or null when one of them has no known size (or the struct is opaque). */
    public StructLayout structLayout(Type.StructType s) {
        if (structs.containsKey(s)) return structs.get(s);
        if (s.isOpaque()) return null;
        structs.put(s, null); // a struct that contains itself has no size
        StructLayout l = computeLayout(s);
        structs.put(s, l);
        return l;
    }

    private StructLayout computeLayout(Type.StructType s) {
        List<Type> fields = s.elements();
        long[] offsets = new long[fields.size()];
        long size = 0, alignment = 1;
        for (int i = 0; i < offsets.length; i++) {
            Type f = fields.get(i);
            long a = s.isPacked() ? 1 : abiAlignment(f);
            long fieldSize = allocSize(f);
            if (a <= 0 || fieldSize < 0) return null;
            size = alignTo(size, a);
            alignment = Math.max(alignment, a);
            offsets[i] = size;
            size += fieldSize;
            if (size < 0) return null;
        }
        return new StructLayout(alignTo(size, alignment), alignment, offsets);
    }

    /** The byte offset of a struct's field, or -1 when the layout is unknown or there is no such field. */
    public long fieldOffset(Type.StructType s, int field) {
        StructLayout l = structLayout(s);
        return l == null || field < 0 || field >= l.offsets.length ? -1 : l.offsets[field];
    }

    private static long alignTo(long x, long a) { return a <= 1 ? x : (x + a - 1) / a * a; }

    private static long powerOfTwoAtLeast(long x) { return x <= 1 ? 1 : Long.highestOneBit(x - 1) << 1; }

    /** a * b for non-negative a and b, or -1 when it does not fit. */
    private static long multiply(long a, long b) {
        if (a < 0 || b < 0) return -1;
        long hi = Math.multiplyHigh(a, b);
        long r = a * b;
        return hi != 0 || r < 0 ? -1 : r;
    }

    @Override public String toString() { return source; }
}
