package dev.lkmmhazard.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The trailing block of one-line numbered metadata definitions that {@link DeferredMetadata} can keep as text, found
 * without reading the rest of the file: one walk back from the end, each line's shape checked at its two ends, up to
 * the first line of another shape. Line breaks are found eight bytes at a time.
 * At the C1 tier a scan runs at, a pass that looked at every byte took 3–4 ns a byte, a tenth of a scan's CPU;
 * the lexer checks the nesting limit of the rest as it reads, and the parser each deferred line when it is read.
 *
 * <p>A line belongs to the block when it begins {@code !N = [distinct ]!} in its first column and ends in
 * {@code )} or {@code }}: how LLVM prints a node. Blank lines between such lines belong to it too; any other line
 * ends it, so the block is what follows the last other line. A node written over several lines, a truncated last
 * line or junk is therefore read the usual way, errors included; a line of the right shape with an error inside is
 * reported when the node is read ({@link ParseResult#deferredErrors()}).
 */
final class FileLayout {
    /** Offset of the first line of the trailing block; the file's length when there is no block. */
    final int tailStart;
    /**
     * The block's definitions in file order: the N, the offsets where the line starts and ends, and its line counted
     * from the block's first line (0): the reader adds the line the block starts on, which its lexer knows.
     */
    final int[] ids, offsets, ends, lines;
    final int count;

    private FileLayout(int tailStart, int[] ids, int[] offsets, int[] ends, int[] lines, int count) {
        this.tailStart = tailStart;
        this.ids = ids;
        this.offsets = offsets;
        this.ends = ends;
        this.lines = lines;
        this.count = count;
    }

    // bytes, not Strings: String.charAt in this per-line test showed in the profiles
    private static final byte[] EQUALS = {' ', '=', ' '};
    private static final byte[] DISTINCT = {'d', 'i', 's', 't', 'i', 'n', 'c', 't', ' '};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL, ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    /** Whether one of the eight bytes of x is a line break (the classic test for a zero byte, after xor). */
    private static boolean hasNewline(long x) {
        long y = x ^ NEWLINES;
        return ((y - ONES) & ~y & HIGHS) != 0;
    }

    /** The last line break in c[0, p), or -1. */
    static int lastNewline(byte[] c, int p) {
        while (p >= 8 && !hasNewline((long) LONGS.get(c, p - 8))) p -= 8;
        while (p > 0 && c[p - 1] != '\n') p--;
        return p - 1;
    }

    /** The trailing block of c[0, end). */
    static FileLayout of(byte[] c, int end) {
        // one walk back from the end, each line looked at once; the arrays fill from the end and are turned round
        int[] ids = new int[1024], offsets = new int[1024], ends = new int[1024], lines = new int[1024];
        int count = 0;
        int e = end; // the line looked at is [s, e), and is the fromEnd-th line counted back from the last (0)
        if (e > 0 && c[e - 1] == '\n') e--;
        for (int fromEnd = 0; ; fromEnd++) {
            int s = lastNewline(c, e) + 1;
            if (!blank(c, s, e)) {
                int id = definitionId(c, s, e);
                if (id < 0) break; // the block, if any, begins after this line
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                    offsets = Arrays.copyOf(offsets, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                    lines = Arrays.copyOf(lines, count * 2);
                }
                ids[count] = id;
                offsets[count] = s;
                ends[count] = e;
                lines[count] = fromEnd;
                count++;
            }
            if (s == 0) break;
            e = s - 1; // the line before ends at this line's '\n'
        }
        if (count == 0) return new FileLayout(end, null, null, null, null, 0);
        int first = lines[count - 1];
        for (int a = 0, b = count - 1; a < b; a++, b--) {
            swap(ids, a, b);
            swap(offsets, a, b);
            swap(ends, a, b);
            swap(lines, a, b);
        }
        for (int k = 0; k < count; k++) lines[k] = first - lines[k];
        return new FileLayout(offsets[0], ids, offsets, ends, lines, count);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * The N of a line [s, e) of the shape {@code !N = [distinct ]!...)} (or ending in {@code }}, white space
     * after it allowed), else -1.
     */
    static int definitionId(byte[] c, int s, int e) {
        if (e - s < 2 || c[s] != '!' || !digit(c[s + 1])) return -1;
        long n = 0;
        int q = s + 1;
        while (q < e && digit(c[q])) {
            n = n * 10 + (c[q++] - '0');
            if (n > Integer.MAX_VALUE) return -1;
        }
        if (!startsWith(c, q, e, EQUALS)) return -1;
        q += EQUALS.length;
        if (startsWith(c, q, e, DISTINCT)) q += DISTINCT.length;
        if (q >= e || c[q] != '!') return -1;
        int last = e - 1;
        while (last > q && (c[last] == ' ' || c[last] == '\t' || c[last] == '\r')) last--;
        return c[last] == ')' || c[last] == '}' ? (int) n : -1;
    }

    private static boolean startsWith(byte[] c, int p, int end, byte[] s) {
        if (end - p < s.length) return false;
        for (int i = 0; i < s.length; i++) if (c[p + i] != s[i]) return false;
        return true;
    }

    private static boolean digit(byte b) { return b >= '0' && b <= '9'; }

    private static boolean blank(byte[] c, int from, int to) {
        for (int i = from; i < to; i++) if (c[i] != ' ' && c[i] != '\t' && c[i] != '\r') return false;
        return true;
    }
}
