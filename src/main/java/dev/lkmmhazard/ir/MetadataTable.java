package dev.lkmmhazard.ir;

import java.util.Arrays;
import java.util.TreeMap;

/** The numbered metadata nodes of a module ({@code !N = ...}), indexed by N. */
public final class MetadataTable {
    private MDNode[] nodes = new MDNode[64];
    /**
     * Ids far beyond the ones seen so far ({@code !1888888888 = !{}} in a damaged file): a map, so that one number
     * cannot make the array gigabytes long. Real files number their nodes densely from 0.
     */
    private final TreeMap<Integer, MDNode> sparse = new TreeMap<>();
    private int count;

    public MDNode get(int id) {
        if (id >= 0 && id < nodes.length) return nodes[id];
        return sparse.isEmpty() ? null : sparse.get(id);
    }

    public void put(int id, MDNode node) {
        if (id >= nodes.length && id > 4 * (count + 1024)) {
            if (sparse.put(id, node) == null) count++;
        } else {
            if (id >= nodes.length) nodes = Arrays.copyOf(nodes, Math.max(id + 1, nodes.length * 2));
            if (nodes[id] == null) count++;
            nodes[id] = node;
        }
        node.setId(id);
    }

    public int size() { return count; }

    /** The ids kept outside the dense range, in increasing order; all are at least {@link #limit()}. */
    public Iterable<Integer> sparseIds() { return sparse.keySet(); }

    /** The highest id of the dense range plus one; ids below it may be unused. */
    public int limit() {
        int n = nodes.length;
        while (n > 0 && nodes[n - 1] == null) n--;
        return n;
    }
}
