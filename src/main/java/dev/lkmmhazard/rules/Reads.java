package dev.lkmmhazard.rules;

/**
 * Which IR a rule reads in one mode, and whether it needs debug info there.
 *
 * @param ir             {@code optimized}, {@code pre-optimization} or {@code any} for scan (the keywords of the
 *                       checks' stages); {@code before+after} for diff
 * @param needsDebugInfo whether the rule reports nothing without {@code -g}
 */
public record Reads(String ir, boolean needsDebugInfo) {
    public static final Reads OPTIMIZED = new Reads("optimized", false);
    public static final Reads OPTIMIZED_WITH_DEBUG_INFO = new Reads("optimized", true);
    public static final Reads PRE_OPTIMIZATION = new Reads("pre-optimization", false);
    public static final Reads ANY = new Reads("any", false);
    /** diff without -g matches accesses by order instead of by source position, and says its evidence is weaker */
    public static final Reads BEFORE_AND_AFTER = new Reads("before+after", false);
    public static final Reads BEFORE_AND_AFTER_WITH_DEBUG_INFO = new Reads("before+after", true);

    /** As {@code lkmm-hazard checks} shows it: {@code optimized, -g}. */
    @Override public String toString() { return needsDebugInfo ? ir + ", -g" : ir; }
}
