package dev.lkmmhazard.checks;

import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check scan runs, in the order it runs them; what each is (id, severity, page) is its {@link Rule}. */
public final class CheckRegistry {
    private static final List<Check> ALL = List.of(
            new CtrlHoistedStore(),
            new CtrlToSelect(),
            new AddrPointerSubstituted(),
            new MarkedLoadUnused(),
            new LoadSpeculated(),
            new LoadFusedLoop(),
            new MixedAccess(),
            new FragileIdenticalStores(),
            new FragileConstantCondition(),
            new FragilePointerCompare(),
            new FragileCancellingArith());

    private static final Map<String, Check> BY_ID = new LinkedHashMap<>();
    static { for (Check c : ALL) BY_ID.put(c.id(), c); }

    private CheckRegistry() {}

    public static List<Check> all() { return ALL; }

    /** The check with this id, or null. */
    public static Check byId(String id) { return BY_ID.get(id); }

    /** The ids, in listing order. */
    public static Collection<String> ids() { return BY_ID.keySet(); }

    /**
     * The checks with these ids, in listing order; an unknown id is an IllegalArgumentException naming it, and saying
     * so when diff reports it (a user copying an id from a diff report into --checks).
     */
    public static List<Check> select(Collection<String> ids) {
        for (String id : ids) {
            if (BY_ID.containsKey(id)) continue;
            Rule rule = Rules.byId(id);
            if (rule != null && rule.reportedBy(Mode.DIFF))
                throw new IllegalArgumentException("'" + id + "' is a cause that diff, compile and passes report, not a check of scan");
            throw new IllegalArgumentException("unknown check '" + id + "'");
        }
        List<Check> out = new ArrayList<>();
        for (Check c : ALL) if (ids.contains(c.id())) out.add(c);
        return out;
    }
}
