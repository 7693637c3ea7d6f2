package dev.lkmmhazard.analysis;

import java.nio.charset.StandardCharsets;

/**
 * Demangles Rust symbol names of both schemes rustc uses:
 * <ul>
 *   <li>legacy, {@code _ZN4core3ptr13read_volatile17h0123456789abcdefE}: length-prefixed path elements, {@code $LT$}-style
 *       escapes, {@code ..} for {@code ::}, and a final {@code h<16 hex>} hash element;</li>
 *   <li>v0 (RFC 2603), {@code _RNvNtCs1234_4core3ptr13read_volatile}: paths, impls, generic arguments, types, constants,
 *       back-references, disambiguators and Punycode identifiers.</li>
 * </ul>
 * The <em>short</em> form is what a finding shows and what the corpus expectations name ({@code deps::data_dep},
 * {@code generic::publish_same::<u64>}): no legacy hash, no crate disambiguators, no constant type suffixes. The
 * <em>long</em> form keeps them ({@code core::ptr::read_volatile::h0123456789abcdef},
 * {@code generic[177188ab318faddb]::publish_same::<u64>}), matching rustc-demangle's plain and alternate output.
 * Anything that is not a well-formed Rust symbol (C names, C++ names) gives null.
 */
public final class RustSymbols {
    private RustSymbols() {}

    public enum Scheme { LEGACY, V0 }

    /**
     * @param note null, or why part of the name is shown as written (an identifier whose Punycode does not decode)
     */
    public record Demangled(Scheme scheme, String shortName, String longName, String note) {}

    /** Cheap test of the prefix only; {@link #demangle} still returns null for a malformed symbol. */
    public static boolean looksMangled(String symbol) {
        if (symbol == null) return false;
        int i = symbol.startsWith("__") ? 1 : 0;
        return symbol.startsWith("_ZN", i) || symbol.startsWith("_R", i);
    }

    /** Both forms of a Rust symbol, or null when {@code symbol} is not one. */
    public static Demangled parse(String symbol) {
        if (symbol == null) return null;
        // Mach-O adds one more underscore.
        int i = symbol.startsWith("__") ? 1 : 0;
        if (symbol.startsWith("_ZN", i)) return Legacy.parse(symbol, i + 3);
        if (symbol.startsWith("_R", i)) return V0.parse(symbol, i + 2);
        return null;
    }

    /** The short form ({@code core::ptr::read_volatile}), or null when {@code symbol} is not a Rust symbol. */
    public static String demangle(String symbol) {
        Demangled d = parse(symbol);
        return d == null ? null : d.shortName();
    }

    /** The long form, with the legacy hash and v0 crate disambiguators, or null. */
    public static String demangleLong(String symbol) {
        Demangled d = parse(symbol);
        return d == null ? null : d.longName();
    }

    private static final java.util.regex.Pattern GLOBAL_REFERENCE =
            java.util.regex.Pattern.compile("@(_{1,2}(?:ZN|R)[A-Za-z0-9_.$]+)");

    /**
     * {@code text} with every {@code @symbol} that is a Rust symbol shown by its short form
     * ({@code @_ZN7atomics4FLAG17h...E} becomes {@code @atomics::FLAG}), as a report shows functions.
     */
    public static String demangleReferences(String text) {
        if (text == null || text.indexOf('@') < 0) return text;
        java.util.regex.Matcher m = GLOBAL_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String d = demangle(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(d == null ? m.group() : "@" + d));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The short form of a Rust symbol, any other name unchanged: what a report shows for a function. */
    public static String displayName(String symbol) {
        String d = demangle(symbol);
        return d == null ? symbol : d;
    }

    /**
     * A demangled path without generic arguments or impl brackets, for matching by name:
     * {@code <core::sync::atomic::AtomicPtr<generic::Rec>>::load} and {@code core::sync::atomic::AtomicPtr<T>::load}
     * both give {@code core::sync::atomic::AtomicPtr::load}, {@code core::ptr::read_volatile::<u64>} gives
     * {@code core::ptr::read_volatile}, {@code core::ptr::mut_ptr::<impl *mut T>::is_null} gives
     * {@code core::ptr::mut_ptr::is_null}. For {@code <T as Trait>::m} the trait's path is kept.
     */
    public static String plainPath(String demangled) {
        String s = demangled;
        StringBuilder prefix = new StringBuilder();
        // "<Self>::rest" or "<Self as Trait>::rest": continue with the type (or trait) inside the brackets
        while (s.startsWith("<")) {
            int close = matchingAngle(s, 0);
            if (close < 0) break;
            String inner = s.substring(1, close);
            int as = topLevelAs(inner);
            if (as >= 0) inner = inner.substring(as + 4);
            String rest = s.substring(close + 1);
            prefix.append(plainPath(inner));
            s = rest;
        }
        StringBuilder out = new StringBuilder(prefix);
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') {
                if (depth == 0 && out.length() >= 2 && out.charAt(out.length() - 1) == ':' && out.charAt(out.length() - 2) == ':')
                    out.setLength(out.length() - 2);
                depth++;
            } else if (c == '>' && !(i > 0 && s.charAt(i - 1) == '-')) {
                if (depth > 0) depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        String r = out.toString();
        if (r.endsWith("::")) r = r.substring(0, r.length() - 2);
        return r;
    }

    private static int matchingAngle(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') depth++;
            else if (c == '>' && !(i > 0 && s.charAt(i - 1) == '-') && --depth == 0) return i;
        }
        return -1;
    }

    private static int topLevelAs(String s) {
        int depth = 0;
        for (int i = 0; i + 4 <= s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '(' || c == '[') depth++;
            else if ((c == '>' && !(i > 0 && s.charAt(i - 1) == '-')) || c == ')' || c == ']') depth--;
            else if (depth == 0 && s.startsWith(" as ", i)) return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // legacy

    private static final class Legacy {
        static Demangled parse(String s, int start) {
            int i = start;
            java.util.ArrayList<String> parts = new java.util.ArrayList<>();
            while (true) {
                if (i >= s.length()) return null;
                char c = s.charAt(i);
                if (c == 'E') { i++; break; }
                if (c < '0' || c > '9') return null;
                long n = 0;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    n = n * 10 + (s.charAt(i++) - '0');
                    if (n > s.length()) return null;
                }
                if (n == 0 || i + n > s.length()) return null;
                parts.add(s.substring(i, (int) (i + n)));
                i += (int) n;
            }
            if (parts.isEmpty()) return null;
            String suffix = s.substring(i);
            // Only LLVM's and rustc's own suffixes may follow; anything else is an Itanium C++ name (parameter types).
            if (!suffix.isEmpty() && suffix.charAt(0) != '.' && suffix.charAt(0) != '$') return null;
            boolean hashed = parts.size() > 1 && isHash(parts.get(parts.size() - 1));
            StringBuilder shortName = new StringBuilder();
            for (int p = 0; p < parts.size() - (hashed ? 1 : 0); p++) {
                if (p > 0) shortName.append("::");
                decodeElement(parts.get(p), shortName);
            }
            String longName = hashed ? shortName + "::" + parts.get(parts.size() - 1) : shortName.toString();
            return new Demangled(Scheme.LEGACY, shortName.toString(), longName, null);
        }

        static boolean isHash(String e) {
            if (e.length() != 17 || e.charAt(0) != 'h') return false;
            for (int i = 1; i < 17; i++) if (Character.digit(e.charAt(i), 16) < 0) return false;
            return true;
        }

        /** Undoes rustc's escapes of characters a linker symbol cannot hold. */
        static void decodeElement(String e, StringBuilder out) {
            int i = 0;
            // an element that would start with '$' gets a '_' in front
            if (e.startsWith("_$")) i = 1;
            while (i < e.length()) {
                char c = e.charAt(i);
                if (c == '$') {
                    int end = e.indexOf('$', i + 1);
                    String decoded = end < 0 ? null : escape(e.substring(i + 1, end));
                    if (decoded == null) { out.append(e, i, e.length()); return; }
                    out.append(decoded);
                    i = end + 1;
                } else if (c == '.') {
                    if (i + 1 < e.length() && e.charAt(i + 1) == '.') { out.append("::"); i += 2; }
                    else { out.append('.'); i++; }
                } else {
                    out.append(c);
                    i++;
                }
            }
        }

        static String escape(String code) {
            switch (code) {
                case "SP": return "@";
                case "BP": return "*";
                case "RF": return "&";
                case "LT": return "<";
                case "GT": return ">";
                case "LP": return "(";
                case "RP": return ")";
                case "C": return ",";
                default: break;
            }
            if (code.length() >= 2 && code.length() <= 7 && code.charAt(0) == 'u') {
                int cp = 0;
                for (int k = 1; k < code.length(); k++) {
                    int d = Character.digit(code.charAt(k), 16);
                    if (d < 0) return null;
                    cp = cp * 16 + d;
                }
                if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) return null;
                return new String(Character.toChars(cp));
            }
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // v0

    /**
     * A recursive-descent reader of the RFC 2603 grammar that prints while it parses. Back-references are byte offsets
     * into the text after {@code _R}; they are followed by re-parsing at that offset. Printing can be switched off
     * (impl paths and the instantiating crate are parsed but never shown).
     */
    private static final class V0 {
        private static final int MAX_DEPTH = 300;
        /** Back-references can nest so that the output grows exponentially; such names are refused. */
        private static final int MAX_OUTPUT = 1 << 16;

        private final String s;
        private int pos;
        private final StringBuilder out = new StringBuilder();
        private final boolean longForm;
        private boolean printing = true;
        private int depth;
        private int boundLifetimes;
        private String note;

        private static final class Invalid extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Invalid() { super(null, null, false, false); }
        }

        private V0(String s, boolean longForm) { this.s = s; this.longForm = longForm; }

        static Demangled parse(String symbol, int start) {
            String body = symbol.substring(start);
            V0 shortForm = new V0(body, false), longForm = new V0(body, true);
            String sh = shortForm.run(), lg = longForm.run();
            if (sh == null || lg == null) return null;
            return new Demangled(Scheme.V0, sh, lg, shortForm.note);
        }

        private String run() {
            try {
                if (pos < s.length() && isDigit(s.charAt(pos))) {
                    // an encoding version; only the implicit version 0 is defined
                    if (decimal() != 0) return null;
                }
                path(true);
                if (pos < s.length() && isUpper(s.charAt(pos))) {
                    boolean was = printing;
                    printing = false;
                    path(false);
                    printing = was;
                }
                if (pos < s.length()) {
                    char c = s.charAt(pos);
                    // vendor-specific suffix (".llvm.123", "$...")
                    if (c != '.' && c != '$') return null;
                }
                return out.toString();
            } catch (Invalid | StringIndexOutOfBoundsException e) {
                return null;
            }
        }

        // --- lexical helpers

        private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

        private char next() {
            if (pos >= s.length()) throw new Invalid();
            return s.charAt(pos++);
        }

        private boolean eat(char c) {
            if (pos < s.length() && s.charAt(pos) == c) { pos++; return true; }
            return false;
        }

        private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
        private static boolean isUpper(char c) { return c >= 'A' && c <= 'Z'; }
        private static boolean isLower(char c) { return c >= 'a' && c <= 'z'; }

        private long decimal() {
            char c = next();
            if (!isDigit(c)) throw new Invalid();
            if (c == '0') return 0;
            long n = c - '0';
            while (isDigit(peek())) {
                n = n * 10 + (next() - '0');
                if (n > Integer.MAX_VALUE) throw new Invalid();
            }
            return n;
        }

        /** {@code _} is 0; otherwise the base-62 digits plus one. Unsigned 64-bit, overflow is invalid. */
        private long base62() {
            if (eat('_')) return 0;
            long x = 0;
            while (true) {
                char c = next();
                if (c == '_') break;
                int d;
                if (isDigit(c)) d = c - '0';
                else if (isLower(c)) d = 10 + (c - 'a');
                else if (isUpper(c)) d = 36 + (c - 'A');
                else throw new Invalid();
                if (Long.compareUnsigned(x, Long.divideUnsigned(-1L - d, 62)) > 0) throw new Invalid();
                x = x * 62 + d;
            }
            if (x == -1L) throw new Invalid();
            return x + 1;
        }

        /** {@code tag <base-62>} gives the number plus one; absence gives 0. */
        private long optBase62(char tag) {
            if (!eat(tag)) return 0;
            long v = base62();
            if (v == -1L) throw new Invalid();
            return v + 1;
        }

        /**
         * Whether out[from, to) is a path (crate::Global, crate::Queue<u32>): it starts with an identifier and has no
         * space outside generic arguments (not [T], &T, *const T, (A, B), dyn Trait or fn()).
         */
        private static boolean namedType(StringBuilder out, int from, int to) {
            if (from >= to || !(Character.isLetter(out.charAt(from)) || out.charAt(from) == '_')) return false;
            int depth = 0;
            for (int i = from; i < to; i++) {
                char c = out.charAt(i);
                if (c == '<') depth++;
                else if (c == '>') depth--;
                else if (depth == 0 && !(Character.isLetterOrDigit(c) || c == '_' || c == ':')) return false;
            }
            return depth == 0 && !out.substring(from, to).startsWith("dyn ");
        }

        private void print(String t) {
            if (!printing) return;
            out.append(t);
            if (out.length() > MAX_OUTPUT) throw new Invalid();
        }

        private void print(char c) {
            if (!printing) return;
            out.append(c);
            if (out.length() > MAX_OUTPUT) throw new Invalid();
        }

        private void enter() { if (++depth > MAX_DEPTH) throw new Invalid(); }
        private void leave() { depth--; }

        /** Parses {@code B<offset>} already past the B, then runs {@code r} at that offset when printing. */
        private <T> T backref(java.util.function.Supplier<T> r, T whenSkipped) {
            int tagAt = pos - 1;
            long target = base62();
            if (target >= tagAt) throw new Invalid();
            if (!printing) return whenSkipped;
            int saved = pos;
            pos = (int) target;
            try { return r.get(); } finally { pos = saved; }
        }

        // --- identifiers

        private record Ident(String text, boolean empty) {}

        private Ident undisambiguatedIdent() {
            boolean puny = eat('u');
            long len = decimal();
            eat('_');
            if (pos + len > s.length()) throw new Invalid();
            String raw = s.substring(pos, (int) (pos + len));
            pos += (int) len;
            if (!puny) return new Ident(utf8(raw), raw.isEmpty());
            String decoded = Punycode.decode(raw);
            if (decoded == null) {
                if (note == null) note = "Punycode identifier '" + raw + "' could not be decoded and is shown as written";
                return new Ident("u" + raw, false);
            }
            return new Ident(decoded, decoded.isEmpty());
        }

        /** Symbol names are kept one char per byte; identifiers may be UTF-8. */
        private static String utf8(String bytes) {
            for (int i = 0; i < bytes.length(); i++)
                if (bytes.charAt(i) > 0x7f) return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return bytes;
        }

        // --- paths

        private void path(boolean inValue) { pathMaybeOpen(inValue, false); }

        /**
         * Prints a path. With {@code leaveOpen}, generic arguments are left without their closing {@code >} so that a
         * dyn trait's associated-type bindings can join them; the return value says whether that happened.
         */
        private boolean pathMaybeOpen(boolean inValue, boolean leaveOpen) {
            enter();
            try {
                char tag = next();
                switch (tag) {
                    case 'C': {
                        long dis = optBase62('s');
                        Ident name = undisambiguatedIdent();
                        print(name.text);
                        if (longForm) print("[" + Long.toHexString(dis) + "]");
                        return false;
                    }
                    case 'N': {
                        char ns = next();
                        if (!isUpper(ns) && !isLower(ns)) throw new Invalid();
                        path(inValue);
                        long dis = optBase62('s');
                        Ident name = undisambiguatedIdent();
                        if (isUpper(ns)) {
                            print("::{");
                            print(ns == 'C' ? "closure" : ns == 'S' ? "shim" : String.valueOf(ns));
                            if (!name.empty) { print(":"); print(name.text); }
                            print("#" + dis + "}");
                        } else if (!name.empty) {
                            print("::");
                            print(name.text);
                        }
                        return false;
                    }
                    case 'M':
                    case 'X':
                    case 'Y': {
                        if (tag != 'Y') {
                            optBase62('s');
                            boolean was = printing;
                            printing = false;
                            path(false);
                            printing = was;
                        }
                        int open = out.length();
                        print("<");
                        type();
                        if (tag != 'M') {
                            print(" as ");
                            path(false);
                        }
                        print(">");
                        // An inherent impl on a named type: the short form drops the brackets, as legacy mangling
                        // writes it (crate::Global::collect, not <crate::Global>::collect), so that a name, and a
                        // fingerprint, do not change with the mangling scheme. The long form stays rustc-demangle's.
                        if (tag == 'M' && !longForm && printing && namedType(out, open + 1, out.length() - 1)) {
                            out.deleteCharAt(out.length() - 1);
                            out.deleteCharAt(open);
                        }
                        return false;
                    }
                    case 'I': {
                        path(inValue);
                        if (inValue) print("::");
                        print("<");
                        for (int n = 0; !eat('E'); n++) {
                            if (n > 0) print(", ");
                            genericArg();
                        }
                        if (leaveOpen) return true;
                        print(">");
                        return false;
                    }
                    case 'B':
                        return backref(() -> pathMaybeOpen(inValue, leaveOpen), false);
                    default:
                        throw new Invalid();
                }
            } finally {
                leave();
            }
        }

        private void genericArg() {
            if (eat('L')) lifetime(base62Plain());
            else if (eat('K')) constant(false);
            else type();
        }

        /** A base-62 number as the grammar writes it (lifetimes use it without the +1 of disambiguators). */
        private long base62Plain() { return base62(); }

        private void lifetime(long index) {
            if (index == 0) { print("'_"); return; }
            long d = boundLifetimes - index;
            if (d < 0) throw new Invalid();
            if (d < 26) print("'" + (char) ('a' + d));
            else print("'_" + d);
        }

        private int binder() {
            long n = optBase62('G');
            if (n == 0) return 0;
            if (n > 1000) throw new Invalid();
            print("for<");
            for (int k = 0; k < n; k++) {
                if (k > 0) print(", ");
                boundLifetimes++;
                lifetime(1);
            }
            print("> ");
            return (int) n;
        }

        // --- types

        private static String basicType(char c) {
            switch (c) {
                case 'a': return "i8";
                case 'b': return "bool";
                case 'c': return "char";
                case 'd': return "f64";
                case 'e': return "str";
                case 'f': return "f32";
                case 'h': return "u8";
                case 'i': return "isize";
                case 'j': return "usize";
                case 'l': return "i32";
                case 'm': return "u32";
                case 'n': return "i128";
                case 'o': return "u128";
                case 's': return "i16";
                case 't': return "u16";
                case 'u': return "()";
                case 'v': return "...";
                case 'x': return "i64";
                case 'y': return "u64";
                case 'z': return "!";
                case 'p': return "_";
                default: return null;
            }
        }

        private void type() {
            enter();
            try {
                char tag = next();
                String basic = basicType(tag);
                if (basic != null) { print(basic); return; }
                switch (tag) {
                    case 'R':
                    case 'Q': {
                        print("&");
                        if (eat('L')) {
                            long lt = base62Plain();
                            if (lt != 0) { lifetime(lt); print(" "); }
                        }
                        if (tag == 'Q') print("mut ");
                        type();
                        return;
                    }
                    case 'P': print("*const "); type(); return;
                    case 'O': print("*mut "); type(); return;
                    case 'A': print("["); type(); print("; "); constant(true); print("]"); return;
                    case 'S': print("["); type(); print("]"); return;
                    case 'T': {
                        print("(");
                        int n = 0;
                        for (; !eat('E'); n++) {
                            if (n > 0) print(", ");
                            type();
                        }
                        if (n == 1) print(",");
                        print(")");
                        return;
                    }
                    case 'F': fnSig(); return;
                    case 'D': dynBounds(); return;
                    case 'B': backref(() -> { type(); return null; }, null); return;
                    default:
                        pos--;
                        path(false);
                }
            } finally {
                leave();
            }
        }

        private void fnSig() {
            int saved = boundLifetimes;
            binder();
            if (eat('U')) print("unsafe ");
            if (eat('K')) {
                String abi;
                if (eat('C')) abi = "C";
                else abi = undisambiguatedIdent().text.replace('_', '-');
                print("extern \"" + abi + "\" ");
            }
            print("fn(");
            for (int n = 0; !eat('E'); n++) {
                if (n > 0) print(", ");
                type();
            }
            print(")");
            if (!eat('u')) {
                print(" -> ");
                type();
            }
            boundLifetimes = saved;
        }

        private void dynBounds() {
            int saved = boundLifetimes;
            print("dyn ");
            binder();
            for (int n = 0; !eat('E'); n++) {
                if (n > 0) print(" + ");
                boolean open = pathMaybeOpen(false, true);
                while (eat('p')) {
                    print(open ? ", " : "<");
                    open = true;
                    print(undisambiguatedIdent().text);
                    print(" = ");
                    type();
                }
                if (open) print(">");
            }
            boundLifetimes = saved;
            if (!eat('L')) throw new Invalid();
            long lt = base62Plain();
            if (lt != 0) { print(" + "); lifetime(lt); }
        }

        // --- constants

        private void constant(boolean inValue) {
            enter();
            try {
                char tag = next();
                switch (tag) {
                    case 'p': print("_"); return;
                    case 'B': backref(() -> { constant(inValue); return null; }, null); return;
                    case 'h': case 't': case 'm': case 'y': case 'o': case 'j':
                        print(integer(hexDigits()));
                        if (longForm) print(basicType(tag));
                        return;
                    case 'a': case 's': case 'l': case 'x': case 'n': case 'i': {
                        if (eat('n')) print("-");
                        print(integer(hexDigits()));
                        if (longForm) print(basicType(tag));
                        return;
                    }
                    case 'b': {
                        String h = hexDigits();
                        if (h.equals("0")) print("false");
                        else if (h.equals("1")) print("true");
                        else throw new Invalid();
                        return;
                    }
                    case 'c': {
                        String h = hexDigits();
                        if (h.length() > 6) throw new Invalid();
                        int cp = Integer.parseInt(h, 16);
                        if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) throw new Invalid();
                        print(quoteChar(cp));
                        return;
                    }
                    case 'e':
                        // a str value behind no reference: shown dereferenced, as an expression
                        if (!inValue) print("{");
                        print("*");
                        print(stringLiteral());
                        if (!inValue) print("}");
                        return;
                    case 'R':
                    case 'Q': {
                        // &str is shown as its literal, which needs no braces
                        if (tag == 'R' && eat('e')) { print(stringLiteral()); return; }
                        if (!inValue) print("{");
                        print(tag == 'R' ? "&" : "&mut ");
                        constant(true);
                        if (!inValue) print("}");
                        return;
                    }
                    case 'A':
                    case 'T': {
                        if (!inValue) print("{");
                        print(tag == 'A' ? "[" : "(");
                        int n = 0;
                        for (; !eat('E'); n++) {
                            if (n > 0) print(", ");
                            constant(true);
                        }
                        if (tag == 'T' && n == 1) print(",");
                        print(tag == 'A' ? "]" : ")");
                        if (!inValue) print("}");
                        return;
                    }
                    case 'V': {
                        if (!inValue) print("{");
                        path(true);
                        char shape = next();
                        if (shape == 'T') {
                            print("(");
                            for (int n = 0; !eat('E'); n++) {
                                if (n > 0) print(", ");
                                constant(true);
                            }
                            print(")");
                        } else if (shape == 'S') {
                            print(" { ");
                            for (int n = 0; !eat('E'); n++) {
                                if (n > 0) print(", ");
                                optBase62('s');
                                print(undisambiguatedIdent().text);
                                print(": ");
                                constant(true);
                            }
                            print(" }");
                        } else if (shape != 'U') {
                            throw new Invalid();
                        }
                        if (!inValue) print("}");
                        return;
                    }
                    default:
                        throw new Invalid();
                }
            } finally {
                leave();
            }
        }

        private String hexDigits() {
            int start = pos;
            while (Character.digit(peek(), 16) >= 0 && !isUpper(peek())) pos++;
            String h = s.substring(start, pos);
            if (!eat('_')) throw new Invalid();
            return h.isEmpty() ? "0" : h;
        }

        /** Decimal when it fits 64 bits, else hexadecimal, as rustc-demangle shows it. */
        private static String integer(String hex) {
            int nz = 0;
            while (nz < hex.length() - 1 && hex.charAt(nz) == '0') nz++;
            hex = hex.substring(nz);
            if (hex.length() > 16) return "0x" + hex;
            return Long.toUnsignedString(Long.parseUnsignedLong(hex, 16));
        }

        private String stringLiteral() {
            String h = hexDigits();
            if (h.equals("0")) h = "";
            if (h.length() % 2 != 0) throw new Invalid();
            byte[] b = new byte[h.length() / 2];
            for (int k = 0; k < b.length; k++) b[k] = (byte) Integer.parseInt(h.substring(2 * k, 2 * k + 2), 16);
            String text = new String(b, StandardCharsets.UTF_8);
            StringBuilder q = new StringBuilder("\"");
            text.codePoints().forEach(cp -> q.append(cp == '\'' ? "'" : escapeChar(cp)));
            return q.append('"').toString();
        }

        private static String quoteChar(int cp) {
            return "'" + (cp == '"' ? "\"" : escapeChar(cp)) + "'";
        }

        private static String escapeChar(int cp) {
            switch (cp) {
                case '\t': return "\\t";
                case '\r': return "\\r";
                case '\n': return "\\n";
                case '\\': return "\\\\";
                case '\'': return "\\'";
                case '"': return "\\\"";
                default:
                    if (cp < 0x20 || cp == 0x7f) return "\\u{" + Integer.toHexString(cp) + "}";
                    return new String(Character.toChars(cp));
            }
        }
    }

    /** RFC 3492 decoding with rustc's spelling: '_' instead of the last '-'; digits may also be written A-J. */
    static final class Punycode {
        private static final int BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;

        static String decode(String encoded) {
            int sep = encoded.lastIndexOf('_');
            int[] output = new int[encoded.length()];
            int len = 0;
            if (sep >= 0) {
                for (int k = 0; k < sep; k++) {
                    char c = encoded.charAt(k);
                    if (c > 0x7f) return null;
                    output[len++] = c;
                }
            }
            long n = INITIAL_N, i = 0;
            int bias = INITIAL_BIAS;
            int p = sep + 1;
            while (p < encoded.length()) {
                long oldi = i, w = 1;
                for (int k = BASE; ; k += BASE) {
                    if (p >= encoded.length()) return null;
                    int digit = digit(encoded.charAt(p++));
                    if (digit < 0) return null;
                    i += digit * w;
                    if (i > Integer.MAX_VALUE) return null;
                    int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
                    if (digit < t) break;
                    w *= BASE - t;
                    if (w > Integer.MAX_VALUE) return null;
                }
                bias = adapt(i - oldi, len + 1, oldi == 0);
                n += i / (len + 1);
                i %= len + 1;
                if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF)) return null;
                if (len == output.length) output = java.util.Arrays.copyOf(output, len * 2 + 1);
                System.arraycopy(output, (int) i, output, (int) i + 1, len - (int) i);
                output[(int) i] = (int) n;
                len++;
                i++;
            }
            return new String(output, 0, len);
        }

        private static int digit(char c) {
            if (c >= 'a' && c <= 'z') return c - 'a';
            if (c >= '0' && c <= '9') return c - '0' + 26;
            if (c >= 'A' && c <= 'J') return c - 'A' + 26;
            return -1;
        }

        private static int adapt(long delta, int numPoints, boolean first) {
            delta = first ? delta / DAMP : delta / 2;
            delta += delta / numPoints;
            int k = 0;
            while (delta > ((BASE - TMIN) * TMAX) / 2) {
                delta /= BASE - TMIN;
                k += BASE;
            }
            return (int) (k + (BASE - TMIN + 1) * delta / (delta + SKEW));
        }
    }
}
