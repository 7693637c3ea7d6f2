package dev.lkmmhazard.rules;

/** A command that reports rules: {@code scan} reads one module, {@code diff} compares a module before and after. */
public enum Mode {
    /** {@code lkmm-hazard scan}: the checks, from one module alone. */
    SCAN("scan"),
    /** {@code lkmm-hazard diff}, and {@code compile} and {@code passes}, which report the causes diff names. */
    DIFF("diff");

    public final String keyword;

    Mode(String keyword) { this.keyword = keyword; }

    @Override public String toString() { return keyword; }
}
