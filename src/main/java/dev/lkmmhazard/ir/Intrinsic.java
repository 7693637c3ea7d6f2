package dev.lkmmhazard.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * The intrinsic families the analyses tell apart, by the name of the function called (LLVM's Intrinsic::ID, coarser).
 * A family is named by the part of the name after {@code llvm.} and before the overload suffixes: {@code
 * llvm.memcpy.p0.p0.i64} is {@link #MEMCPY}, and so are {@code llvm.memcpy.inline.*} and {@code
 * llvm.memcpy.element.unordered.atomic.*}, which move memory the same way. Every other {@code llvm.*} name is
 * {@link #OTHER}; a name without that prefix is {@link #NOT_INTRINSIC}.
 */
public enum Intrinsic {
    NOT_INTRINSIC(null),
    /** Any {@code llvm.*} function not in a family below. */
    OTHER(null),
    /** {@code llvm.dbg.declare}, {@code .value}, {@code .assign}, {@code .label}. */
    DBG("dbg"),
    /** {@code llvm.lifetime.start}, {@code .end}. */
    LIFETIME("lifetime"),
    ASSUME("assume"),
    /** {@code llvm.expect.*}, including {@code llvm.expect.with.probability.*}. */
    EXPECT("expect"),
    /** {@code llvm.is.constant.*}: C's {@code __builtin_constant_p}. */
    IS_CONSTANT("is.constant"),
    NOALIAS_SCOPE_DECL("experimental.noalias.scope.decl"),
    PSEUDOPROBE("pseudoprobe"),
    MEMCPY("memcpy"),
    MEMMOVE("memmove"),
    MEMSET("memset"),
    READ_REGISTER("read_register"),
    WRITE_REGISTER("write_register"),
    SMAX("smax"), SMIN("smin"), UMAX("umax"), UMIN("umin"), ABS("abs"),
    CTPOP("ctpop"), CTLZ("ctlz"), CTTZ("cttz"), FSHL("fshl"), FSHR("fshr"), BSWAP("bswap"), BITREVERSE("bitreverse"),
    SADD_WITH_OVERFLOW("sadd.with.overflow"), UADD_WITH_OVERFLOW("uadd.with.overflow"),
    SSUB_WITH_OVERFLOW("ssub.with.overflow"), USUB_WITH_OVERFLOW("usub.with.overflow"),
    SMUL_WITH_OVERFLOW("smul.with.overflow"), UMUL_WITH_OVERFLOW("umul.with.overflow"),
    SADD_SAT("sadd.sat"), UADD_SAT("uadd.sat"), SSUB_SAT("ssub.sat"), USUB_SAT("usub.sat"),
    /** {@code llvm.smul.fix.*}, including {@code llvm.smul.fix.sat.*}. */
    SMUL_FIX("smul.fix"),
    /** {@code llvm.umul.fix.*}, including {@code llvm.umul.fix.sat.*}. */
    UMUL_FIX("umul.fix"),
    /** {@code llvm.vector.reduce.add}, {@code .and}, {@code .umax}... */
    VECTOR_REDUCE("vector.reduce");

    private static final String PREFIX = "llvm.";
    private static final Map<String, Intrinsic> BY_BASE = new HashMap<>();
    static { for (Intrinsic i : values()) if (i.base != null) BY_BASE.put(i.base, i); }

    /** The name after {@code llvm.} up to the overload suffixes; null for NOT_INTRINSIC and OTHER. */
    private final String base;

    Intrinsic(String base) { this.base = base; }

    /**
     * The family of a function name: the longest family base that the name after {@code llvm.} starts with, up to a
     * dot or the end. Run once per declaration ({@link Function#intrinsic} caches it), so a few map lookups are fine.
     */
    public static Intrinsic of(String name) {
        if (name == null || !name.startsWith(PREFIX)) return NOT_INTRINSIC;
        String rest = name.substring(PREFIX.length());
        for (int end = rest.length(); end > 0; end = rest.lastIndexOf('.', end - 1)) {
            Intrinsic i = BY_BASE.get(end == rest.length() ? rest : rest.substring(0, end));
            if (i != null) return i;
        }
        return OTHER;
    }

    /** Any {@code llvm.*} function, known family or not (LLVM's Function::isIntrinsic). */
    public boolean isIntrinsic() { return this != NOT_INTRINSIC; }

    /** llvm.memcpy, llvm.memmove and llvm.memset: the intrinsics that read or write memory through their pointers. */
    public boolean isMemoryTransfer() { return this == MEMCPY || this == MEMMOVE || this == MEMSET; }

    /** The debug and lifetime markers: they neither compute a value nor touch memory. */
    public boolean isDebugOrLifetime() { return this == DBG || this == LIFETIME; }
}
