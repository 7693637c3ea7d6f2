package dev.lkmmhazard.ir;

/** Atomic memory orderings. */
public enum Ordering {
    UNORDERED("unordered"), MONOTONIC("monotonic"), ACQUIRE("acquire"), RELEASE("release"),
    ACQ_REL("acq_rel"), SEQ_CST("seq_cst");

    public final String keyword;
    Ordering(String keyword) { this.keyword = keyword; }

    public static Ordering of(String keyword) {
        for (Ordering o : values()) if (o.keyword.equals(keyword)) return o;
        return null;
    }

    public boolean isAcquireOrStronger() { return this == ACQUIRE || this == ACQ_REL || this == SEQ_CST; }
    public boolean isReleaseOrStronger() { return this == RELEASE || this == ACQ_REL || this == SEQ_CST; }
}
