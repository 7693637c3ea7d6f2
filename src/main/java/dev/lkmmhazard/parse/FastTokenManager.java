package dev.lkmmhazard.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-written lexer for the tokens the grammar's TOKEN section specifies, nearly twice as fast as the
 * token manager JavaCC generates from it (whose NFA runs every identifier char through a dozen overlapping token
 * patterns). The generated token manager stays the specification: {@code FastTokenManagerTest} checks that both give
 * the same tokens, kinds, images and positions, on every corpus file and on adversarial inputs.
 *
 * Longest match, with ties going to the earlier token definition, exactly as JavaCC decides.
 */
final class FastTokenManager extends LlvmIrParserTokenManager {
    private static final byte C_WS = 1, C_IDCHAR = 2, C_IDSTART = 4, C_WORDSTART = 8, C_WORDCHAR = 16, C_DIGIT = 32, C_HEX = 64;
    private static final byte[] CLASS = new byte[256];
    private static final String[] PUNCT_IMAGE = new String[256];
    private static final int[] PUNCT_KIND = new int[256];
    private static final KeywordTable KEYWORDS = new KeywordTable();
    /** By token kind: 1 for an opening bracket, -1 for a closing one, else 0. */
    private static final byte[] BRACKET;
    private static final int LAST_BRACKET_KIND;

    static {
        int[] open = {LPAREN, LBRACKET, LBRACE, LT, MDTUPLE}, close = {RPAREN, RBRACKET, RBRACE, GT};
        int max = 0;
        for (int k : open) max = Math.max(max, k);
        for (int k : close) max = Math.max(max, k);
        BRACKET = new byte[max + 1];
        for (int k : open) BRACKET[k] = 1;
        for (int k : close) BRACKET[k] = -1;
        LAST_BRACKET_KIND = max;
    }

    static {
        for (char c : " \t\r\n\f".toCharArray()) CLASS[c] |= C_WS;
        for (int c = 0; c < 256; c++) {
            boolean lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z', digit = c >= '0' && c <= '9';
            if (lower || upper || digit || c == '$' || c == '.' || c == '_' || c == '-') CLASS[c] |= C_IDCHAR;
            if (lower || upper || c == '$' || c == '.' || c == '_' || c == '-') CLASS[c] |= C_IDSTART;
            if (lower || upper || c == '_') CLASS[c] |= C_WORDSTART;
            if (lower || upper || digit || c == '_' || c == '.') CLASS[c] |= C_WORDCHAR;
            if (digit) CLASS[c] |= C_DIGIT;
            if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) CLASS[c] |= C_HEX;
        }
        String punct = "=,()[]{}<>*|";
        int[] kinds = { EQ, COMMA, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, LT, GT, STAR, BAR };
        for (int i = 0; i < punct.length(); i++) {
            PUNCT_KIND[punct.charAt(i)] = kinds[i];
            PUNCT_IMAGE[punct.charAt(i)] = String.valueOf(punct.charAt(i));
        }
    }

    private final byte[] buf;
    private int end;
    private final ImageCache images = new ImageCache();
    private int pos;
    private int line;
    private int lineStart;
    /**
     * Brackets open ({@code ( [ { < !{}); the first that opens more than {@link IrReader#MAX_NESTING} levels ends the
     * input here, its position kept, so that the recursive parser never goes deeper. Counting tokens costs nothing;
     * a separate pass over every byte cost 3% of a scan.
     */
    private int depth;
    private int[] tooDeep;

    FastTokenManager(byte[] buf, int start, int end, int firstLine) {
        super(new ByteCharStream(buf, start, start, firstLine));
        this.buf = buf;
        this.end = end;
        this.pos = start;
        this.line = firstLine;
        this.lineStart = start;
    }

    /**
     * Lexes buf[start, end) next, from line firstLine, keeping the image cache: deferred metadata reads one line at a
     * time, and a new lexer per line would cost a new cache each time.
     */
    void reposition(int start, int end, int firstLine) {
        this.depth = 0;
        this.tooDeep = null;
        this.end = end;
        this.pos = start;
        this.line = firstLine;
        this.lineStart = start;
    }

    /** {line, column} of the bracket that went past the nesting limit, or null. */
    int[] tooDeep() { return tooDeep; }

    /** The line the next token would start on; at the end of the input, the line after the last line break. */
    int line() { return line; }

    private boolean is(int p, byte cls) { return p < end && (CLASS[buf[p] & 0xff] & cls) != 0; }
    private int at(int p) { return p < end ? buf[p] & 0xff : -1; }

    @Override
    public Token getNextToken() {
        skipWhitespaceAndComments();
        if (pos >= end) {
            Token t = Token.newToken(EOF, "");
            t.beginLine = t.endLine = line;
            t.beginColumn = t.endColumn = Math.max(1, pos - lineStart);
            return t;
        }
        int start = pos;
        int startLine = line, startCol = pos - lineStart + 1;
        int c = buf[pos] & 0xff;
        int kind;
        int stop; // one past the token's last byte
        String image = null;
        switch (c) {
            case '%': case '@':
                stop = sigilName(start, false);
                if (stop > start) kind = c == '%' ? LOCALVAR : GLOBALVAR;
                else { stop = start + 1; kind = INVALID; }
                break;
            case '"': {
                int q = closingQuote(start + 1);
                if (q < 0) { stop = start + 1; kind = INVALID; }
                else if (at(q + 1) == ':') { stop = q + 2; kind = LABELSTR; }
                else { stop = q + 1; kind = STRING; }
                break;
            }
            case '!': {
                int n = at(start + 1);
                if (n >= '0' && n <= '9') { stop = digits(start + 1); kind = MDREF; }
                else if (n == '"') {
                    int q = closingQuote(start + 2);
                    if (q < 0) { stop = start + 1; kind = INVALID; } else { stop = q + 1; kind = MDSTRING; }
                } else if (n == '{') { stop = start + 2; kind = MDTUPLE; image = "!{"; }
                else if (n >= 0 && ((CLASS[n] & C_IDSTART) != 0 || n == '\\')) {
                    int p = start + 2;
                    while (p < end && ((CLASS[buf[p] & 0xff] & C_IDCHAR) != 0 || buf[p] == '\\')) p++;
                    stop = p; kind = MDNAME;
                } else { stop = start + 1; kind = INVALID; }
                break;
            }
            case '#': {
                if (startsWith(start, "#dbg_") && is(start + 5, C_WORDSTART) && lowerOrUnderscore(at(start + 5))) {
                    int p = start + 5;
                    while (lowerOrUnderscore(at(p))) p++;
                    stop = p; kind = DBGRECORD;
                } else if (is(start + 1, C_DIGIT)) { stop = digits(start + 1); kind = ATTRGROUP; }
                else { stop = start + 1; kind = INVALID; }
                break;
            }
            case '^':
                if (is(start + 1, C_DIGIT)) { stop = digits(start + 1); kind = SUMMARYID; }
                else { stop = start + 1; kind = INVALID; }
                break;
            case '+': {
                int f = fpValue(start + 1);
                if (f > 0) { stop = f; kind = FPVAL; } else { stop = start + 1; kind = INVALID; }
                break;
            }
            default:
                if ((CLASS[c] & C_IDCHAR) != 0) {
                    int run = start + 1;
                    while (run < end && (CLASS[buf[run] & 0xff] & C_IDCHAR) != 0) run++;
                    if (at(run) == ':') { stop = run + 1; kind = LABELSTR; break; }
                    long r = identifierLike(start, c);
                    kind = (int) (r >>> 32);
                    stop = (int) r;
                    image = KEYWORDS.imageOf(kind); // keywords and "..." share one String; null for the others
                } else if (PUNCT_IMAGE[c] != null) {
                    stop = start + 1; kind = PUNCT_KIND[c]; image = PUNCT_IMAGE[c];
                } else {
                    stop = start + 1; kind = INVALID;
                }
        }
        if (image == null) {
            int len = stop - start;
            // words, labels, small numbers and metadata names repeat endlessly in debug info: one String each. Not
            // metadata ids (!123): the builder keeps only their number, and a large file's tens of thousands of them
            // filled the cache, so that every later lookup probed long and words stopped being shared.
            boolean repeats = kind == WORD || kind == LABELSTR || kind == MDNAME || kind == ATTRGROUP
                    || (len <= 8 && (kind == INT || kind == LOCALVAR || kind == INTTYPE));
            image = repeats ? images.get(buf, start, len) : new String(buf, start, len, StandardCharsets.ISO_8859_1);
        }
        if (kind <= LAST_BRACKET_KIND && BRACKET[kind] != 0) {
            if (BRACKET[kind] > 0) {
                if (++depth > IrReader.MAX_NESTING) {
                    // the bracket's own column: after the '!' of a metadata tuple
                    tooDeep = new int[] {startLine, kind == MDTUPLE ? startCol + 1 : startCol};
                    pos = end;
                    Token t = Token.newToken(EOF, "");
                    t.beginLine = t.endLine = startLine;
                    t.beginColumn = t.endColumn = startCol;
                    return t;
                }
            } else if (depth > 0) {
                depth--;
            }
        }
        Token t = Token.newToken(kind, image);
        t.beginLine = startLine;
        t.beginColumn = startCol;
        // only a quoted string can span lines, and it has a quote in its first two bytes
        if (stop - start > 2 && (buf[start] == '"' || buf[start + 1] == '"')) {
            for (int p = start; p < stop; p++) if (buf[p] == '\n') { line++; lineStart = p + 1; }
        }
        t.endLine = line;
        t.endColumn = stop - 1 - lineStart + 1;
        pos = stop;
        return t;
    }

    private static boolean lowerOrUnderscore(int c) { return (c >= 'a' && c <= 'z') || c == '_'; }

    private boolean startsWith(int p, String s) {
        if (p + s.length() > end) return false;
        for (int i = 0; i < s.length(); i++) if (buf[p + i] != s.charAt(i)) return false;
        return true;
    }

    private void skipWhitespaceAndComments() {
        int p = pos;
        while (p < end) {
            byte b = buf[p];
            if (b == '\n') { p++; line++; lineStart = p; }
            else if (b == ' ' || b == '\t' || b == '\r' || b == '\f') p++;
            else if (b == ';') { while (p < end && buf[p] != '\n') p++; }
            else break;
        }
        pos = p;
    }

    private int digits(int p) {
        while (p < end && buf[p] >= '0' && buf[p] <= '9') p++;
        return p;
    }

    /** Index of the closing quote, or -1. */
    private int closingQuote(int p) {
        while (p < end) { if (buf[p] == '"') return p; p++; }
        return -1;
    }

    /** After %, @ or $: a quoted name, a number (not for $), or [-a-zA-Z$._][-a-zA-Z$._0-9]*. Returns start when none. */
    private int sigilName(int start, boolean comdat) {
        int p = start + 1;
        int n = at(p);
        if (n == '"') { int q = closingQuote(p + 1); return q < 0 ? start : q + 1; }
        if (!comdat && n >= '0' && n <= '9') return digits(p);
        if (n >= 0 && (CLASS[n] & C_IDSTART) != 0) {
            p++;
            while (p < end && (CLASS[buf[p] & 0xff] & C_IDCHAR) != 0) p++;
            return p;
        }
        return start;
    }

    /**
     * [-+]?[0-9]+ "." [0-9]* ([eE][-+]?[0-9]+)? from p (after any sign): the end, or -1 when it is no float.
     */
    private int fpValue(int p) {
        int d = digits(p);
        if (d == p || at(d) != '.') return -1;
        int q = digits(d + 1);
        int e = at(q);
        if (e == 'e' || e == 'E') {
            int s = q + 1;
            if (at(s) == '+' || at(s) == '-') s++;
            int x = digits(s);
            if (x > s) q = x;
        }
        return q;
    }

    /** A token starting with an identifier char and not followed by ':': (kind << 32) | end. */
    private long identifierLike(int start, int c) {
        if ((CLASS[c] & C_WORDSTART) != 0) {
            int w = start + 1;
            while (w < end && (CLASS[buf[w] & 0xff] & C_WORDCHAR) != 0) w++;
            int kw = KEYWORDS.lookup(buf, start, w);
            if (kw >= 0) return pack(kw, w);
            // i8addrspace is i8 then addrspace, as LLVM's lexer reads it: no word begins with i and a digit
            if (c == 'i' && w > start + 1 && is(start + 1, C_DIGIT)) return pack(INTTYPE, digits(start + 1));
            if ((c == 'u' || c == 's') && w > start + 3 && buf[start + 1] == '0' && buf[start + 2] == 'x') {
                // HEXINT wins over WORD on equal length; a longer WORD wins otherwise
                int h = start + 3;
                while (h < end && (CLASS[buf[h] & 0xff] & C_HEX) != 0) h++;
                if (h == w && h > start + 3) return pack(HEXINT, w);
            }
            return pack(WORD, w);
        }
        if (c >= '0' && c <= '9') {
            int best = digits(start);
            int kind = INT;
            int f = fpValue(start);
            if (f > best) { best = f; kind = FPVAL; }
            if (c == '0' && at(start + 1) == 'x') {
                int h = start + 2;
                int m = at(h);
                if (m == 'K' || m == 'L' || m == 'M' || m == 'H' || m == 'R') h++;
                int hs = h;
                while (h < end && (CLASS[buf[h] & 0xff] & C_HEX) != 0) h++;
                if (h > hs && h > best) { best = h; kind = HEXFP; }
                // "0xK" with no digits after the letter: the plain hex reading may still apply
                if (hs != start + 2) {
                    int h2 = start + 2;
                    while (h2 < end && (CLASS[buf[h2] & 0xff] & C_HEX) != 0) h2++;
                    if (h2 > start + 2 && h2 > best) { best = h2; kind = HEXFP; }
                }
            }
            return pack(kind, best);
        }
        if (c == '-') {
            int d = digits(start + 1);
            if (d > start + 1) {
                int f = fpValue(start + 1);
                return f > d ? pack(FPVAL, f) : pack(INT, d);
            }
            return pack(INVALID, start + 1);
        }
        if (c == '.') {
            if (startsWith(start, "...")) return pack(DOTS, start + 3);
            return pack(INVALID, start + 1);
        }
        if (c == '$') {
            int s = sigilName(start, true);
            return s > start ? pack(COMDATVAR, s) : pack(INVALID, start + 1);
        }
        return pack(INVALID, start + 1); // '_' is a word start, so only unreachable chars land here
    }

    private static long pack(int kind, int stop) { return ((long) kind << 32) | (stop & 0xffffffffL); }

    /**
     * Canonical Strings for token images, looked up by their bytes: a repeated image costs no allocation, and its
     * hash code, cached in the String, is computed once when the builder interns or looks it up.
     */
    static final class ImageCache {
        private static final int BITS = 14, SIZE = 1 << BITS;
        private static final int LIMIT = SIZE * 3 / 4;
        private final String[] strings = new String[SIZE];
        /** each cached image's bytes: compared with Arrays.equals, which beats String.charAt a char at a time */
        private final byte[][] bytes = new byte[SIZE][];
        private final int[] hashes = new int[SIZE];
        private int count;

        String get(byte[] b, int from, int len) {
            int h = 0;
            for (int i = from; i < from + len; i++) h = h * 31 + b[i];
            // multiplicative mixing: images such as %10, %11, ... hash to neighbours, which linear probing would cluster
            int slot = (h * 0x9E3779B9) >>> (32 - BITS);
            while (true) {
                byte[] k = bytes[slot];
                if (k == null) break;
                if (hashes[slot] == h && Arrays.equals(k, 0, k.length, b, from, from + len)) return strings[slot];
                slot = (slot + 1) & (SIZE - 1);
            }
            String s = new String(b, from, len, StandardCharsets.ISO_8859_1);
            if (count < LIMIT) {
                strings[slot] = s;
                bytes[slot] = Arrays.copyOfRange(b, from, from + len);
                hashes[slot] = h;
                count++;
            }
            return s;
        }
    }

    /** The grammar's keyword tokens, looked up by their bytes without making a String. */
    static final class KeywordTable {
        private static final int SIZE = 1024;
        private final byte[][] keys = new byte[SIZE][];
        private final int[] kinds = new int[SIZE];
        private final String[] imagesByKind = new String[LlvmIrParserConstants.tokenImage.length];

        KeywordTable() {
            String[] images = LlvmIrParserConstants.tokenImage;
            for (int k = 0; k < images.length; k++) {
                String img = images[k];
                if (img.length() < 3 || img.charAt(0) != '"') continue;
                String lit = img.substring(1, img.length() - 1);
                imagesByKind[k] = lit;
                if (!isWord(lit)) continue;
                byte[] key = lit.getBytes(StandardCharsets.ISO_8859_1);
                int h = hash(key, 0, key.length) & (SIZE - 1);
                while (keys[h] != null) h = (h + 1) & (SIZE - 1);
                keys[h] = key;
                kinds[h] = k;
            }
        }

        private static boolean isWord(String s) {
            char c0 = s.charAt(0);
            if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') || c0 == '_')) return false;
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
            }
            return true;
        }

        String imageOf(int kind) { return imagesByKind[kind]; }

        private static int hash(byte[] b, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) h = h * 31 + b[i];
            return h ^ (h >>> 16);
        }

        int lookup(byte[] b, int from, int to) {
            int len = to - from;
            int h = hash(b, from, to) & (SIZE - 1);
            while (true) {
                byte[] k = keys[h];
                if (k == null) return -1;
                if (k.length == len) {
                    int i = 0;
                    while (i < len && k[i] == b[from + i]) i++;
                    if (i == len) return kinds[h];
                }
                h = (h + 1) & (SIZE - 1);
            }
        }
    }
}
