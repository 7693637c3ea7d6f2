package dev.lkmmhazard.ir;

import java.util.Arrays;

/** The numbered metadata nodes of a module ({@code !N = ...}), indexed by N. */
public final class MetadataTable {
    private MDNode[] nodes = new MDNode[64];
    private int count;

    public MDNode get(int id) { return id >= 0 && id < nodes.length ? nodes[id] : null; }

    public void put(int id, MDNode node) {
        if (id >= nodes.length) nodes = Arrays.copyOf(nodes, Math.max(id + 1, nodes.length * 2));
        if (nodes[id] == null) count++;
        nodes[id] = node;
        node.setId(id);
    }

    public int size() { return count; }

    /** The highest id plus one; ids below it may be unused. */
    public int limit() {
        int n = nodes.length;
        while (n > 0 && nodes[n - 1] == null) n--;
        return n;
    }
}
