package dev.lkmmhazard.ir;

/** Keyword flags of instructions, stored as a bit set in {@link Instruction#flags()}. */
public enum Flag {
    // integer arithmetic and casts
    NUW("nuw"), NSW("nsw"), EXACT("exact"), DISJOINT("disjoint"), NNEG("nneg"), SAMESIGN("samesign"),
    // getelementptr
    INBOUNDS("inbounds"), NUSW("nusw"),
    // fast-math
    NNAN("nnan"), NINF("ninf"), NSZ("nsz"), ARCP("arcp"), CONTRACT("contract"), AFN("afn"), REASSOC("reassoc"), FAST("fast"),
    // memory
    VOLATILE("volatile"), ATOMIC("atomic"), WEAK("weak"), INALLOCA("inalloca"), SWIFTERROR("swifterror"),
    // calls
    TAIL("tail"), MUSTTAIL("musttail"), NOTAIL("notail"),
    // landingpad
    CLEANUP("cleanup");

    public final String keyword;
    Flag(String keyword) { this.keyword = keyword; }
    public long bit() { return 1L << ordinal(); }

    public static final long FAST_MATH = NNAN.bit() | NINF.bit() | NSZ.bit() | ARCP.bit() | CONTRACT.bit()
            | AFN.bit() | REASSOC.bit() | FAST.bit();

    /** by keyword: the reader asks for every flag of every instruction, and values() copies its array each time */
    private static final java.util.Map<String, Flag> BY_KEYWORD = new java.util.HashMap<>();
    static { for (Flag f : values()) BY_KEYWORD.putIfAbsent(f.keyword, f); }

    public static Flag of(String keyword) { return BY_KEYWORD.get(keyword); }
}
