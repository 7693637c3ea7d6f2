package dev.lkmmhazard.parse;

import java.util.Arrays;

/**
 * The trailing block of one-line numbered metadata definitions that {@link DeferredMetadata} can keep as text, found
 * without reading the rest of the file: a walk back from the end over the lines that begin {@code !<digit>}, then
 * one pass forward over those lines that checks each, a table lookup a byte. (The lexer checks the nesting limit
 * of the rest as it reads; a pass over every byte of the file cost 3% of a scan at the C1 tier a scan runs at.)
 *
 * <p>A line belongs to the block when it reads {@code !N = [distinct ]!...} from its first column, starts and ends
 * outside any bracket, closes its quotes and brackets within itself (no closer without its opener, at most
 * {@link IrReader#MAX_NESTING} deep), has no comment, and ends in {@code )} or {@code }}. Blank lines between such
 * lines belong to it too; any other line ends it, so the block is what follows the last other line.
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

    /** Bytes the scan stops at; every other byte is passed over. */
    private static final boolean[] STOP = new boolean[256];

    static {
        for (char ch : "\n;\"([{<)]}>".toCharArray()) STOP[ch] = true;
    }

    private static final int BLANK = 0, DEFINITION = 1, OTHER = 2;
    // bytes, not Strings: String.charAt in this per-line test showed in the profiles
    private static final byte[] EQUALS = {' ', '=', ' '};
    private static final byte[] DISTINCT = {'d', 'i', 's', 't', 'i', 'n', 'c', 't', ' '};

    /** The state of the pass: the line being read and the block found so far. */
    private static final class Pass {
        final byte[] c;
        final int end;
        int depth, line;
        // the current line
        int kind, id, lineStart, lineNo;
        boolean bad;
        // the block so far
        int[] ids = new int[1024], offsets = new int[1024], ends = new int[1024], lines = new int[1024];
        int count;

        Pass(byte[] c, int end, int firstLine) {
            this.c = c;
            this.end = end;
            this.line = firstLine;
        }

        /** Starts the line at p; returns where the scan goes on (after a definition's {@code !N = [distinct ]}). */
        int begin(int p) {
            lineStart = p;
            lineNo = line;
            bad = false;
            int q = p;
            while (q < end && (c[q] == ' ' || c[q] == '\t' || c[q] == '\r')) q++;
            if (q >= end || c[q] == '\n') {
                kind = BLANK;
                return q;
            }
            kind = OTHER;
            if (depth != 0 || c[p] != '!' || p + 1 >= end || !digit(c[p + 1])) return p;
            long n = 0;
            q = p + 1;
            while (q < end && digit(c[q])) {
                n = n * 10 + (c[q++] - '0');
                if (n > Integer.MAX_VALUE) return p;
            }
            if (!startsWith(q, EQUALS)) return p;
            q += EQUALS.length;
            if (startsWith(q, DISTINCT)) q += DISTINCT.length;
            if (q >= end || c[q] != '!') return p;
            kind = DEFINITION;
            id = (int) n;
            return q;
        }

        /** Ends the current line, whose '\n' (or the end of the file) is at e. */
        void finish(int e) {
            if (kind == BLANK) return;
            if (kind == DEFINITION && !bad && depth == 0 && endsNode(e)) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                    offsets = Arrays.copyOf(offsets, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                    lines = Arrays.copyOf(lines, count * 2);
                }
                ids[count] = id;
                offsets[count] = lineStart;
                ends[count] = e;
                lines[count] = lineNo;
                count++;
            } else {
                count = 0; // the block, if any, begins after this line
            }
        }

        private boolean endsNode(int e) {
            int last = e - 1;
            while (last > lineStart && (c[last] == ' ' || c[last] == '\t' || c[last] == '\r')) last--;
            return c[last] == ')' || c[last] == '}';
        }

        private boolean startsWith(int p, byte[] s) {
            if (end - p < s.length) return false;
            for (int i = 0; i < s.length; i++) if (c[p + i] != s[i]) return false;
            return true;
        }
    }

    private static boolean digit(byte b) { return b >= '0' && b <= '9'; }

    /** The trailing block of c[0, end). */
    static FileLayout of(byte[] c, int end) {
        int from = candidates(c, end);
        Pass s = new Pass(c, end, 0);
        for (int i = s.begin(from); i < end; i++) {
            byte b = c[i];
            if (!STOP[b & 0xff]) continue;
            switch (b) {
                case '\n' -> {
                    s.finish(i);
                    s.line++;
                    i = s.begin(i + 1) - 1;
                }
                case ';' -> { // a comment, up to the end of the line
                    s.bad = true;
                    while (i + 1 < end && c[i + 1] != '\n') i++;
                }
                case '"' -> { // a string, which would have to close on its line
                    i++;
                    while (i < end && c[i] != '"' && c[i] != '\n') i++;
                    if (i < end && c[i] == '\n') {
                        s.bad = true;
                        i--; // the line ends here, and the next begins after it
                    }
                }
                case '(', '[', '{', '<' -> { if (++s.depth > IrReader.MAX_NESTING) s.bad = true; }
                default -> { // ) ] } >
                    if (s.depth > 0) s.depth--;
                    else s.bad = true;
                }
            }
        }
        s.finish(end);
        if (s.count == 0) return new FileLayout(end, null, null, null, null, 0);
        return new FileLayout(s.offsets[0], s.ids, s.offsets, s.ends, s.lines, s.count);
    }

    /**
     * Where the trailing lines that begin {@code !<digit>} (blank lines among them) start: the first line the forward
     * check looks at. Only line breaks and first bytes are looked at, walking back from the end.
     */
    private static int candidates(byte[] c, int end) {
        int t = end;
        int e = end; // the line looked at is [s, e)
        if (e > 0 && c[e - 1] == '\n') e--;
        while (true) {
            int s = e;
            while (s > 0 && c[s - 1] != '\n') s--;
            boolean numbered = e - s >= 2 && c[s] == '!' && digit(c[s + 1]);
            if (!numbered && !blank(c, s, e)) break;
            if (numbered) t = s;
            if (s == 0) break;
            e = s - 1; // the line before ends at this line's '\n'
        }
        return t;
    }

    private static boolean blank(byte[] c, int from, int to) {
        for (int i = from; i < to; i++) if (c[i] != ' ' && c[i] != '\t' && c[i] != '\r') return false;
        return true;
    }
}
