package dev.lkmmhazard.analysis;

/**
 * Dense int numbers for objects compared by identity: an open-addressing table of keys and ints, so that the
 * per-instruction and per-block look-ups of the analyses neither box nor allocate. Keys are added once, never removed.
 */
final class IdentityIndex {
    private Object[] keys;
    private int[] values;
    private int size;

    IdentityIndex(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 + 1)) << 1;
        keys = new Object[cap];
        values = new int[cap];
    }

    int size() { return size; }

    /** Maps key to value; a key already present keeps its first value and false is returned. */
    boolean put(Object key, int value) {
        if ((size + 1) * 2 > keys.length) grow();
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != null) {
            if (keys[i] == key) return false;
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return true;
    }

    /** The value of key, or -1. */
    int get(Object key) {
        if (key == null) return -1;
        int mask = keys.length - 1;
        int i = slot(key, mask);
        Object k;
        while ((k = keys[i]) != null) {
            if (k == key) return values[i];
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static int slot(Object key, int mask) {
        int h = System.identityHashCode(key) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) if (oldKeys[i] != null) put(oldKeys[i], oldValues[i]);
    }
}
