package dev.lkmmhazard.ir;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The numbered metadata nodes of a module ({@code !N = ...}), indexed by N. Nodes may come from a {@link Deferred}
 * source that reads each one the first time it is asked for: debug info is most of a kernel .ll file, and a scan
 * needs a small part of it.
 */
public final class MetadataTable {
    /** Numbered nodes that are read when first asked for. Used by one thread at a time, as the module is. */
    public interface Deferred {
        /** One past the highest id it defines. */
        int limit();
        /** How many ids it defines that have not been read yet. */
        int unread();
        /** Reads node id into the table (through {@link #put}) if it defines it; a node it cannot read stays absent. */
        void read(int id);
    }

    private MDNode[] nodes = new MDNode[64];
    /**
     * Ids far beyond the ones seen so far ({@code !1888888888 = !{}} in a damaged file): a map, so that one number
     * cannot make the array gigabytes long. Real files number their nodes densely from 0.
     */
    private final TreeMap<Integer, MDNode> sparse = new TreeMap<>();
    private int count;
    private Deferred deferred;

    /** The node, reading it first if it is deferred; null when the module does not define it. */
    public MDNode get(int id) {
        MDNode n = peek(id);
        if (n != null || deferred == null) return n;
        deferred.read(id);
        return peek(id);
    }

    /** The node if it has been read, without reading a deferred one. */
    public MDNode peek(int id) {
        if (id >= 0 && id < nodes.length) {
            MDNode n = nodes[id];
            if (n != null || sparse.isEmpty()) return n;
        }
        // an id put aside as far beyond the others may lie inside the array after it grew
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

    /** Nodes still to be read come from d; ids it defines are never in the table already. */
    public void setDeferred(Deferred d) {
        this.deferred = d;
        // its ids are dense: room for all of them now, so that none is taken for a far one when read early
        if (d.limit() > nodes.length) nodes = Arrays.copyOf(nodes, d.limit());
    }

    /** Numbered nodes defined, read or not. */
    public int size() { return count + (deferred == null ? 0 : deferred.unread()); }

    /** The ids kept outside the dense range, in increasing order; all are at least {@link #limit()}. */
    public Iterable<Integer> sparseIds() { return sparse.keySet(); }

    /** The highest id of the dense range, deferred nodes included, plus one; ids below it may be unused. */
    public int limit() {
        int n = nodes.length;
        while (n > 0 && nodes[n - 1] == null) n--;
        return deferred == null ? n : Math.max(n, deferred.limit());
    }
}
