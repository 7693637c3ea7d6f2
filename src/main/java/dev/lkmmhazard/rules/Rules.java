package dev.lkmmhazard.rules;

import static dev.lkmmhazard.report.Severity.ERROR;
import static dev.lkmmhazard.report.Severity.NOTE;
import static dev.lkmmhazard.report.Severity.WARNING;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule of every command, once: the checks of {@code scan} (in the order {@code checks/CheckRegistry} runs them)
 * and the causes {@code diff} names. An id that both report is one rule with one page; each mode finds it its own
 * way, which the page says.
 */
public final class Rules {
    private static final String LKMM = "lkmm", CTRL = "control-dependency", ADDR = "address-dependency",
            DATA = "data-dependency", PLAIN = "plain-access", MARKED = "marked-access", FRAGILE = "fragile";

    // ------------------------------------------------------------------------------- scan's checks, some also diff's

    public static final Rule CTRL_HOISTED_STORE = new Rule("ctrl-hoisted-store", ERROR,
            "a marked store that was control dependent on a marked load now stands above the branch or below the join",
            "Identical marked stores in the arms of a branch on a marked load were merged into one store that runs"
                    + " whichever way the branch goes, above the branch or in the join after it. The store no longer"
                    + " depends on the load, so a weakly ordered CPU may make it visible before the load.",
            both(Reads.OPTIMIZED_WITH_DEBUG_INFO, Reads.BEFORE_AND_AFTER), Precision.HIGH, List.of(LKMM, CTRL));

    public static final Rule CTRL_TO_SELECT = new Rule("ctrl-to-select", WARNING,
            "a branch on a marked load became a select feeding a marked store: the control dependency is now a data dependency",
            "A branch on a marked load became a select (or a phi in the join) that chooses the value or address of a"
                    + " store. The kernel does not promise that a data dependency the compiler made out of a control"
                    + " dependency survives: the back end may make the select a branch again or fold it away, and a phi"
                    + " in the join is after the point where the arms meet, which the LKMM never orders.",
            both(Reads.OPTIMIZED, Reads.BEFORE_AND_AFTER), Precision.MEDIUM, List.of(LKMM, CTRL));

    public static final Rule ADDR_POINTER_SUBSTITUTED = new Rule("addr-pointer-substituted", ERROR,
            "after comparing a loaded pointer or index with a constant, the access uses the constant instead of the loaded value",
            "After a loaded pointer or index was compared equal to a constant, the optimizer made the access through"
                    + " the constant instead of through the loaded value. The access no longer has an address"
                    + " dependency on the load, so the CPU may perform it before the load.",
            both(Reads.OPTIMIZED, Reads.BEFORE_AND_AFTER), Precision.MEDIUM, List.of(LKMM, ADDR));

    // A note: on the kernel every one of these read against the source was a use that the configuration compiled out
    // (an empty stub); only diff, against the IR before optimization, can tell a lost dependency from that.
    public static final Rule MARKED_LOAD_UNUSED = new Rule("marked-load-unused", NOTE,
            "the value of a marked load that the source uses is never used: whatever depended on it was folded away",
            "A marked load whose value the source assigns to a variable is no longer used by anything in the optimized"
                    + " IR. This is the footprint of a folded condition or of cancelled arithmetic: the dependency that"
                    + " the source had on the load is gone, and diff against the IR before optimization tells which one.",
            // -g: without debug info a bare "(void)READ_ONCE(x);" statement looks the same as a folded use
            scan(Reads.OPTIMIZED_WITH_DEBUG_INFO), Precision.LOW, List.of(LKMM, CTRL, ADDR, DATA));

    public static final Rule LOAD_SPECULATED = new Rule("load-speculated", WARNING,
            "a plain load of shared memory now runs on paths where the source did not read it",
            "A plain load of shared memory was moved out of the if or loop that guarded it and now runs on paths where"
                    + " the source did not read it. When the guard is a flag another CPU sets after writing the data,"
                    + " the load may read the data before the flag says it is ready.",
            both(Reads.OPTIMIZED, Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule LOAD_FUSED_LOOP = new Rule("load-fused-loop", ERROR,
            "a loop waiting on a plain load no longer re-reads memory: it spins forever on one value",
            "A loop that waits for a plain flag to change no longer reads the flag in each iteration: the optimizer"
                    + " read it once, so the loop spins forever or is deleted. Plain loads may be fused because the"
                    + " compiler may assume no other CPU writes them.",
            scan(Reads.OPTIMIZED), Precision.HIGH, List.of(LKMM, PLAIN));

    public static final Rule MIXED_ACCESS = new Rule("mixed-access", NOTE,
            "an object is accessed both with marked and with plain accesses",
            "An object is accessed with marked accesses in some places and with plain accesses in others. The plain"
                    + " accesses are data races by the LKMM's rules unless something else excludes the concurrent ones,"
                    + " and the compiler may tear, fuse or invent them.",
            scan(Reads.ANY), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule FRAGILE_IDENTICAL_STORES = new Rule("fragile-identical-stores", NOTE,
            "both arms of a branch on a marked load make the same marked store: the optimizer can hoist it above the branch",
            "Every arm of a branch on a marked load makes the same marked store. The optimizer may merge the stores and"
                    + " move the one left above the branch, which breaks the control dependency that orders the store"
                    + " after the load.",
            scan(Reads.PRE_OPTIMIZATION), Precision.HIGH, List.of(LKMM, CTRL, FRAGILE));

    public static final Rule FRAGILE_CONSTANT_CONDITION = new Rule("fragile-constant-condition", NOTE,
            "a branch on a marked load has a condition that folds to a constant: the optimizer removes the branch",
            "A branch on a marked load has a condition that the optimizer can fold to a constant. Once it does, no"
                    + " branch depends on the load, and the accesses under the branch are no longer ordered after it.",
            scan(Reads.PRE_OPTIMIZATION), Precision.HIGH, List.of(LKMM, CTRL, FRAGILE));

    public static final Rule FRAGILE_POINTER_COMPARE = new Rule("fragile-pointer-compare", NOTE,
            "a loaded pointer or index is compared equal to a constant and then used as an address: the optimizer can use the constant instead",
            "A pointer or index loaded with a marked load is compared equal to a constant and then used as an address."
                    + " Where the comparison holds, the optimizer may use the constant instead of the loaded value, which"
                    + " breaks the address dependency.",
            scan(Reads.PRE_OPTIMIZATION), Precision.HIGH, List.of(LKMM, ADDR, FRAGILE));

    public static final Rule FRAGILE_CANCELLING_ARITH = new Rule("fragile-cancelling-arith", NOTE,
            "an address or stored value computed from a marked load cancels it out: the optimizer removes the dependency",
            "An address or a stored value computed from a marked load cancels the loaded value out, as in q - q or"
                    + " q * 0. The optimizer folds such arithmetic, and the address or data dependency on the load goes"
                    + " with it.",
            scan(Reads.PRE_OPTIMIZATION), Precision.HIGH, List.of(LKMM, ADDR, DATA, FRAGILE));

    // ------------------------------------------------------------------------------------ causes only diff names

    public static final Rule CTRL_FOLDED_CONDITION = new Rule("ctrl-folded-condition", ERROR,
            "a store that was control dependent on a marked load runs with no branch on the load left: the condition was folded",
            "A store was control dependent on a marked load before optimization, and after it no branch depends on"
                    + " the load any more: the optimizer folded the condition to a constant. The store now runs without"
                    + " waiting for the load, so a weakly ordered CPU may make it visible first.",
            diff(Reads.BEFORE_AND_AFTER), Precision.HIGH, List.of(LKMM, CTRL));

    public static final Rule ADDR_DEP_BROKEN = new Rule("addr-dep-broken", ERROR,
            "an access whose address depended on a marked load no longer does: the arithmetic cancelled out or the value was known",
            "The address of an access was computed from a marked load before optimization, and after it the address no"
                    + " longer depends on the load: the arithmetic cancelled out or the optimizer knew the value. The"
                    + " access may now be performed before the load.",
            diff(Reads.BEFORE_AND_AFTER), Precision.MEDIUM, List.of(LKMM, ADDR));

    public static final Rule DATA_DEP_BROKEN = new Rule("data-dep-broken", ERROR,
            "a store whose value depended on a marked load no longer does: the arithmetic cancelled out or the value was known",
            "The value of a store was computed from a marked load before optimization, and after it the stored value no"
                    + " longer depends on the load: the arithmetic cancelled out or the optimizer knew the value. The"
                    + " store may now become visible before the load.",
            diff(Reads.BEFORE_AND_AFTER), Precision.HIGH, List.of(LKMM, DATA));

    public static final Rule MARKED_ACCESS_REMOVED = new Rule("marked-access-removed", WARNING,
            "a marked access of the IR before optimization has no copy after it, and no broken dependency explains that",
            "A marked access of the IR before optimization has no copy in the IR after it, and no other finding explains"
                    + " its removal. The compiler may remove a marked access only where it can never run, so the code it"
                    + " stood in was found dead: check that this is what the source meant.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.LOW, List.of(LKMM, MARKED));

    public static final Rule STORE_INVENTED = new Rule("store-invented", ERROR,
            "a plain store of shared memory now runs on paths where the source did not make it",
            "A plain store of shared memory that the source made only under a condition now runs on paths where the"
                    + " source did not make it. Another CPU may see a value that the program never stored on that path.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule LOAD_INVENTED = new Rule("load-invented", WARNING,
            "a plain load of shared memory that the source made once on a path is made twice on one path",
            "A plain load of shared memory that the source made once is made twice on one path after optimization. When"
                    + " another CPU writes the object in between, the two reads see different values, where the source"
                    + " relied on one.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule LOAD_FUSED = new Rule("load-fused", WARNING,
            "plain loads of an object were fused: one read now stands for several the source made",
            "Plain loads of an object outside the function were fused: a second read was replaced by the value of an"
                    + " earlier read or of the store before it (GVN, EarlyCSE, InstCombine), a read in a loop was hoisted"
                    + " in front of it so that the loop no longer re-reads (LICM), or reads of neighbouring fields were"
                    + " merged into one wider read (SLPVectorizer). When another CPU writes the object in between, the"
                    + " code no longer sees the change; a loop waiting for it may wait forever.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule STORE_FUSED = new Rule("store-fused", WARNING,
            "a plain store was fused with a later store of the same object: the value it wrote is never written",
            "A plain store to an object outside the function was removed because a later store overwrites it (DSE), or"
                    + " the stores of a loop's iterations became one store after the loop (LICM promotion). Another CPU"
                    + " that read the object in between would have seen the intermediate value; now it never can, and"
                    + " one that waits for it waits in vain.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule STORE_REMOVED = new Rule("store-removed", WARNING,
            "a plain store of the value just loaded from the same object was removed",
            "A plain store to an object outside the function wrote back the value just read from it, so the optimizer"
                    + " removed it (EarlyCSE, DSE, InstCombine). Single-threaded that changes nothing; when another CPU"
                    + " writes the object between the read and the store, the source overwrote that value and the"
                    + " optimized code does not.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    public static final Rule STORE_TORN = new Rule("store-torn", WARNING,
            "plain stores were merged into a wider store, a vector store or a memset/memcpy",
            "Plain stores to an object outside the function were merged into one wider access: a vector store"
                    + " (SLPVectorizer), a wide integer store, or a call of memset or memcpy (LoopIdiomRecognize,"
                    + " MemCpyOpt). The size and the order of the stores other CPUs see are no longer the source's: a"
                    + " memset or memcpy may write byte by byte or in any order, and a reader may see a torn value.",
            diff(Reads.BEFORE_AND_AFTER_WITH_DEBUG_INFO), Precision.MEDIUM, List.of(LKMM, PLAIN));

    /** scan's checks first, in the order scan runs them, then the causes only diff names, in diff's order */
    private static final List<Rule> ALL = List.of(CTRL_HOISTED_STORE, CTRL_TO_SELECT, ADDR_POINTER_SUBSTITUTED,
            MARKED_LOAD_UNUSED, LOAD_SPECULATED, LOAD_FUSED_LOOP, MIXED_ACCESS, FRAGILE_IDENTICAL_STORES,
            FRAGILE_CONSTANT_CONDITION, FRAGILE_POINTER_COMPARE, FRAGILE_CANCELLING_ARITH, CTRL_FOLDED_CONDITION,
            ADDR_DEP_BROKEN, DATA_DEP_BROKEN, MARKED_ACCESS_REMOVED, STORE_INVENTED, LOAD_INVENTED, LOAD_FUSED, STORE_FUSED,
            STORE_REMOVED, STORE_TORN);

    private static final Map<String, Rule> BY_ID = new LinkedHashMap<>();
    static {
        for (Rule r : ALL)
            if (BY_ID.put(r.id(), r) != null) throw new ExceptionInInitializerError("two rules with the id " + r.id());
    }

    private Rules() {}

    /** Every rule, in the order {@code lkmm-hazard checks} lists them. */
    public static List<Rule> all() { return ALL; }

    /** The rule with this id, or null. */
    public static Rule byId(String id) { return BY_ID.get(id); }

    /** Every id, in listing order. */
    public static Collection<String> ids() { return Collections.unmodifiableSet(BY_ID.keySet()); }

    /** The rules a mode reports, in listing order. */
    public static List<Rule> of(Mode mode) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : ALL) if (r.reportedBy(mode)) out.add(r);
        return List.copyOf(out);
    }

    private static Map<Mode, Reads> scan(Reads reads) { return Map.of(Mode.SCAN, reads); }

    private static Map<Mode, Reads> diff(Reads reads) { return Map.of(Mode.DIFF, reads); }

    private static Map<Mode, Reads> both(Reads scan, Reads diff) {
        Map<Mode, Reads> m = new EnumMap<>(Mode.class);
        m.put(Mode.SCAN, scan);
        m.put(Mode.DIFF, diff);
        return m;
    }
}
