package dev.lkmmhazard.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check, in the order {@code lkmm-hazard checks} lists them, and their documentation pages. */
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

    /** The checks with these ids, in listing order; an unknown id is an IllegalArgumentException naming it. */
    public static List<Check> select(Collection<String> ids) {
        for (String id : ids)
            if (!BY_ID.containsKey(id)) throw new IllegalArgumentException("unknown check '" + id + "'");
        List<Check> out = new ArrayList<>();
        for (Check c : ALL) if (ids.contains(c.id())) out.add(c);
        return out;
    }

    /**
     * The page {@code docs/checks/ID.md} of a check, which the build copies into the jar; null when missing.
     */
    public static String page(String id) {
        try (InputStream in = CheckRegistry.class.getResourceAsStream("docs/" + id + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
