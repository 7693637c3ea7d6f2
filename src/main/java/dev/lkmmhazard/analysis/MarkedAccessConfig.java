package dev.lkmmhazard.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which out-of-line functions count as marked accesses when called: configurable, since every kernel and
 * Rust-for-Linux version names its helpers differently, with defaults for today's. A call counts when the callee's name is in {@link #helperNames} or starts with one of
 * {@link #helperPrefixes}; what the call does (load, store, RMW, cmpxchg, fence) and its ordering are read from the
 * name by {@link MarkedAccesses}. Calls into Rust's {@code core} (read_volatile, atomics) are recognised by their
 * demangled names and need no entry here.
 */
public record MarkedAccessConfig(Set<String> helperNames, List<String> helperPrefixes) {

    /** Out-of-line READ_ONCE-style functions of older kernels, and Rust-for-Linux helpers without a common prefix. */
    public static final List<String> DEFAULT_HELPER_NAMES = List.of(
            "__READ_ONCE", "__WRITE_ONCE", "__read_once_size", "__read_once_size_nocheck", "__write_once_size",
            "rust_helper_smp_mb", "rust_helper_smp_rmb", "rust_helper_smp_wmb", "rust_helper_barrier",
            "rust_helper_refcount_set", "rust_helper_refcount_inc", "rust_helper_refcount_dec",
            "rust_helper_refcount_dec_and_test");

    /**
     * Rust-for-Linux's C helpers ({@code rust/helpers/}): {@code rust_helper_atomic_read}, {@code rust_helper_atomic64_add},
     * {@code rust_helper_atomic_long_xchg}, {@code rust_helper_atomic_i32_try_cmpxchg_relaxed} ..., and READ_ONCE-style
     * ones.
     */
    public static final List<String> DEFAULT_HELPER_PREFIXES = List.of(
            "rust_helper_atomic", "rust_helper_READ_ONCE", "rust_helper_WRITE_ONCE", "rust_helper_smp_load_acquire",
            "rust_helper_smp_store_release", "rust_helper_xchg", "rust_helper_cmpxchg", "rust_helper_try_cmpxchg");

    private static final MarkedAccessConfig DEFAULTS =
            new MarkedAccessConfig(new LinkedHashSet<>(DEFAULT_HELPER_NAMES), DEFAULT_HELPER_PREFIXES);

    public MarkedAccessConfig {
        helperNames = Set.copyOf(helperNames);
        helperPrefixes = List.copyOf(helperPrefixes);
    }

    public static MarkedAccessConfig defaults() { return DEFAULTS; }

    /** No helpers at all: only instructions, inline asm and Rust core calls are marked. */
    public static MarkedAccessConfig noHelpers() { return new MarkedAccessConfig(Set.of(), List.of()); }

    /** This configuration with more exact helper names. */
    public MarkedAccessConfig withHelperNames(Collection<String> names) {
        Set<String> s = new LinkedHashSet<>(helperNames);
        s.addAll(names);
        return new MarkedAccessConfig(s, helperPrefixes);
    }

    /** This configuration with more helper-name prefixes. */
    public MarkedAccessConfig withHelperPrefixes(Collection<String> prefixes) {
        List<String> l = new ArrayList<>(helperPrefixes);
        for (String p : prefixes) if (!l.contains(p)) l.add(p);
        return new MarkedAccessConfig(helperNames, l);
    }

    public boolean isHelper(String name) {
        if (name == null) return false;
        if (helperNames.contains(name)) return true;
        for (String p : helperPrefixes) if (name.startsWith(p)) return true;
        return false;
    }
}
