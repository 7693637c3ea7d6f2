package dev.lkmmhazard.rules;

/**
 * How often a rule's findings are what they claim, in SARIF's terms (the {@code precision} property GitHub code
 * scanning reads), judged from the corpus and from reading the kernel's findings ({@code docs/limitations.md}).
 */
public enum Precision {
    VERY_HIGH("very-high"), HIGH("high"), MEDIUM("medium"), LOW("low");

    public final String keyword;

    Precision(String keyword) { this.keyword = keyword; }

    @Override public String toString() { return keyword; }
}
