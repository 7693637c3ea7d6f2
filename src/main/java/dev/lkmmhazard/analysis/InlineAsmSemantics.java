package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Ordering;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one inline-asm callee means for the memory model, decoded from its constraint string and its text:
 * <ul>
 *   <li>the operands: which are outputs, inputs, clobbers and labels, which are indirect ({@code =*m}, {@code *m},
 *       {@code *Q}: the argument is a pointer to memory the asm reads or writes), and which call argument each one
 *       takes (indirect outputs and inputs take arguments in constraint order; direct outputs are the result);</li>
 *   <li>the {@code ~{memory}} clobber (a compiler barrier);</li>
 *   <li>the instructions that make it a marked access or a barrier: x86 {@code lock}-prefixed instructions,
 *       {@code xchg}, {@code cmpxchg}, {@code mfence}/{@code lfence}/{@code sfence}, and the locked no-op on the stack
 *       that is {@code smp_mb()}; arm64 {@code ldar*}, {@code ldapr*}, {@code stlr*}, exclusive pairs
 *       {@code ldxr}/{@code stxr} (and their acquire/release forms), LSE atomics ({@code ldadd*}, {@code swp*},
 *       {@code cas*}, {@code stadd*} ...), {@code dmb}, {@code dsb}, {@code isb}.</li>
 * </ul>
 * The result depends only on the two strings, so it is computed once per distinct pair and shared.
 */
public final class InlineAsmSemantics {
    public enum Role { OUTPUT, INPUT, CLOBBER, LABEL }

    /**
     * One comma-separated constraint.
     *
     * @param readWrite an output written {@code +}: read as well (clang splits {@code +m} into {@code =*m} and a tied
     *                  {@code *m}, so this is rare in compiler output)
     * @param code      the constraint without role and modifiers: {@code m}, {@code r}, {@code {ax}}, {@code 0}
     * @param tiedTo    for an input written as a digit, the output it shares a location with; else -1
     * @param argIndex  the call argument this constraint takes, or -1 (direct outputs, clobbers, labels)
     */
    public record Operand(Role role, boolean indirect, boolean readWrite, String code, int tiedTo, int argIndex) {
        public boolean isMemory() { return indirect && (role == Role.OUTPUT || role == Role.INPUT); }
    }

    /** An indirect operand: the call argument holding its address, and how the asm uses the memory. */
    public record MemoryOperand(int argIndex, boolean reads, boolean writes) {}

    public final List<Operand> operands;
    /** Per argument; an output and an input that name the same pointer ({@code +m}) are merged by the caller. */
    public final List<MemoryOperand> memoryOperands;
    /** Call arguments that are values, not memory: the inputs that are neither indirect nor labels. */
    public final int[] valueArguments;
    public final boolean clobbersMemory;
    /** What the instructions make of the asm, or null when they make nothing of it (a plain or empty asm). */
    public final MarkedAccess.Kind kind;
    public final Ordering ordering;
    /** The rule that named {@link #kind}: {@code asm-lock-prefix}, {@code asm-ldar}, {@code asm-dmb} ... */
    public final String rule;
    /**
     * arm64's per-CPU offset read ({@code mrs $0, tpidr_el1}, or {@code tpidr_el2} under VHE): a register, no memory,
     * and no marked access.
     */
    public final boolean readsPerCpuOffset;

    private InlineAsmSemantics(List<Operand> operands, List<MemoryOperand> memoryOperands, int[] valueArguments,
                               boolean clobbersMemory, MarkedAccess.Kind kind, Ordering ordering, String rule,
                               boolean readsPerCpuOffset) {
        this.operands = operands;
        this.memoryOperands = memoryOperands;
        this.valueArguments = valueArguments;
        this.clobbersMemory = clobbersMemory;
        this.kind = kind;
        this.ordering = ordering;
        this.rule = rule;
        this.readsPerCpuOffset = readsPerCpuOffset;
    }

    private static final int CACHE_LIMIT = 8192;
    private record Key(String asm, String constraints) {}
    private static final ConcurrentHashMap<Key, InlineAsmSemantics> CACHE = new ConcurrentHashMap<>();

    public static InlineAsmSemantics of(InlineAsm asm) {
        Key key = new Key(asm.asmEscaped, asm.constraintsEscaped);
        InlineAsmSemantics s = CACHE.get(key);
        if (s != null) return s;
        s = decode(asm.asmText(), asm.constraintText());
        // A kernel file has a few hundred distinct asm strings; the bound only guards long-running processes.
        if (CACHE.size() >= CACHE_LIMIT) CACHE.clear();
        CACHE.put(key, s);
        return s;
    }

    /** Decodes the text and constraints as written (unescaped). */
    public static InlineAsmSemantics decode(String asmText, String constraints) {
        List<Operand> ops = parseConstraints(constraints);
        List<MemoryOperand> mem = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        boolean memoryClobber = false;
        for (Operand o : ops) {
            if (o.role == Role.CLOBBER && o.code.equals("{memory}")) memoryClobber = true;
            if (o.isMemory()) mem.add(new MemoryOperand(o.argIndex, o.role == Role.INPUT || o.readWrite, o.role == Role.OUTPUT));
            else if (o.role == Role.INPUT && o.argIndex >= 0) values.add(o.argIndex);
        }
        int[] valueArgs = new int[values.size()];
        for (int i = 0; i < valueArgs.length; i++) valueArgs[i] = values.get(i);

        Mnemonics m = new Mnemonics();
        m.scan(asmText);
        MarkedAccess.Kind kind = null;
        Ordering ord = null;
        String rule = null;
        boolean hasMem = !mem.isEmpty();
        if (m.cmpxchg && m.lock) { kind = MarkedAccess.Kind.CMPXCHG; ord = Ordering.SEQ_CST; rule = "asm-lock-prefix"; }
        else if (m.cmpxchg) { kind = MarkedAccess.Kind.CMPXCHG; rule = "asm-cmpxchg-local"; }
        else if (m.xchg) { kind = MarkedAccess.Kind.RMW; ord = Ordering.SEQ_CST; rule = "asm-xchg"; }
        else if (m.lock && !hasMem && m.lockedOnStack) { kind = MarkedAccess.Kind.FENCE; ord = Ordering.SEQ_CST; rule = "asm-smp-mb"; }
        else if (m.lock) { kind = MarkedAccess.Kind.RMW; ord = Ordering.SEQ_CST; rule = "asm-lock-prefix"; }
        else if (m.lseCas || m.lseRmw) {
            kind = m.lseCas ? MarkedAccess.Kind.CMPXCHG : MarkedAccess.Kind.RMW;
            // the kernel's fully ordered atomics are the acquire+release forms (LLVM also emits them for seq_cst)
            ord = m.lseAcquire && m.lseRelease ? Ordering.SEQ_CST : m.lseAcquire ? Ordering.ACQUIRE
                    : m.lseRelease ? Ordering.RELEASE : Ordering.MONOTONIC;
            rule = "asm-lse";
        } else if (m.ldx && m.stx) {
            kind = MarkedAccess.Kind.RMW;
            ord = m.dmbFull ? Ordering.SEQ_CST : m.ldxAcquire && m.stxRelease ? Ordering.ACQ_REL
                    : m.ldxAcquire ? Ordering.ACQUIRE : m.stxRelease ? Ordering.RELEASE : Ordering.MONOTONIC;
            rule = "asm-llsc";
        } else if (m.ldar || m.ldapr) { kind = MarkedAccess.Kind.LOAD; ord = Ordering.ACQUIRE; rule = m.ldar ? "asm-ldar" : "asm-ldapr"; }
        else if (m.stlr) { kind = MarkedAccess.Kind.STORE; ord = Ordering.RELEASE; rule = "asm-stlr"; }
        else if (m.ldx) { kind = MarkedAccess.Kind.LOAD; ord = m.ldxAcquire ? Ordering.ACQUIRE : Ordering.MONOTONIC; rule = "asm-ldxr"; }
        else if (m.stx) { kind = MarkedAccess.Kind.STORE; ord = m.stxRelease ? Ordering.RELEASE : Ordering.MONOTONIC; rule = "asm-stxr"; }
        else if (m.mfence) { kind = MarkedAccess.Kind.FENCE; ord = Ordering.SEQ_CST; rule = "asm-mfence"; }
        // lfence/sfence and dmb st order only loads or only stores: no LLVM ordering says that, so none is given
        else if (m.lfence) { kind = MarkedAccess.Kind.FENCE; rule = "asm-lfence"; }
        else if (m.sfence) { kind = MarkedAccess.Kind.FENCE; rule = "asm-sfence"; }
        else if (m.dmb || m.dsb) {
            kind = MarkedAccess.Kind.FENCE;
            ord = m.dmbFull ? Ordering.SEQ_CST : m.dmbLoad ? Ordering.ACQUIRE : null;
            rule = m.dmb ? "asm-dmb" : "asm-dsb";
        } else if (m.isb) { kind = MarkedAccess.Kind.FENCE; rule = "asm-isb"; }
        else if (hasMem) {
            kind = MarkedAccess.Kind.ASM;
            // x86-64 per-CPU operations (this_cpu_read, this_cpu_add ...) address through %gs
            rule = asmText.contains("%gs:") ? "asm-percpu" : "asm-memory-operand";
        }
        else if (memoryClobber) { kind = MarkedAccess.Kind.BARRIER; rule = "asm-memory-clobber"; }
        boolean perCpuOffset = asmText.contains("mrs $0, tpidr_el1") || asmText.contains("mrs $0, tpidr_el2");
        return new InlineAsmSemantics(List.copyOf(ops), List.copyOf(mem), valueArgs, memoryClobber, kind, ord, rule, perCpuOffset);
    }

    static List<Operand> parseConstraints(String constraints) {
        List<Operand> out = new ArrayList<>();
        if (constraints.isEmpty()) return out;
        int arg = 0;
        int start = 0, depth = 0;
        for (int i = 0; i <= constraints.length(); i++) {
            char c = i < constraints.length() ? constraints.charAt(i) : ',';
            if (c == '{') depth++;
            else if (c == '}') depth--;
            else if (c == ',' && depth <= 0) {
                String piece = constraints.substring(start, i);
                start = i + 1;
                Role role = Role.INPUT;
                boolean readWrite = false, indirect = false;
                int k = 0;
                if (piece.startsWith("~")) { role = Role.CLOBBER; k = 1; }
                else if (piece.startsWith("=")) { role = Role.OUTPUT; k = 1; }
                else if (piece.startsWith("+")) { role = Role.OUTPUT; readWrite = true; k = 1; }
                else if (piece.startsWith("!")) { role = Role.LABEL; k = 1; }
                while (k < piece.length() && (piece.charAt(k) == '&' || piece.charAt(k) == '*' || piece.charAt(k) == '%')) {
                    if (piece.charAt(k) == '*') indirect = true;
                    k++;
                }
                String code = piece.substring(k);
                int tied = -1;
                if (role == Role.INPUT && !code.isEmpty() && allDigits(code)) tied = Integer.parseInt(code);
                int argIndex = -1;
                if (role == Role.INPUT || (role == Role.OUTPUT && indirect)) argIndex = arg++;
                out.add(new Operand(role, indirect, readWrite, code, tied, argIndex));
            }
        }
        return out;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return s.length() <= 4;
    }

    /** The instructions of interest found in the asm text. */
    private static final class Mnemonics {
        boolean lock, lockedOnStack, xchg, cmpxchg, mfence, lfence, sfence;
        boolean ldar, ldapr, stlr, ldx, ldxAcquire, stx, stxRelease;
        boolean lseRmw, lseCas, lseAcquire, lseRelease;
        boolean dmb, dsb, dmbFull, dmbLoad, isb;
        private boolean pendingLock;

        void scan(String text) {
            int n = text.length();
            int i = 0;
            while (i < n) {
                int end = i;
                while (end < n && text.charAt(end) != '\n' && text.charAt(end) != ';') end++;
                statement(text.substring(i, end));
                i = end + 1;
            }
        }

        private void statement(String st) {
            int i = 0, n = st.length();
            while (true) {
                while (i < n && Character.isWhitespace(st.charAt(i))) i++;
                if (i >= n) return;
                int j = i;
                while (j < n && !Character.isWhitespace(st.charAt(j))) j++;
                String tok = st.substring(i, j);
                if (tok.startsWith("#") || tok.startsWith("//") || tok.startsWith("/*") || tok.startsWith("@")) return;
                if (tok.endsWith(":")) { i = j; continue; }
                int colon = tok.indexOf(':');
                if (colon > 0 && colon < tok.length() - 1 && tok.indexOf('(') < 0 && tok.indexOf('[') < 0) {
                    // "1:ldxr" written without a space
                    tok = tok.substring(colon + 1);
                }
                if (tok.startsWith(".")) return;
                String m = tok.toLowerCase(Locale.ROOT);
                if (m.equals("lock")) { lock = true; pendingLock = true; i = j; continue; }
                if (m.equals("rep") || m.equals("repe") || m.equals("repz") || m.equals("repne") || m.equals("repnz")) { i = j; continue; }
                instruction(m, st.substring(j).toLowerCase(Locale.ROOT));
                return;
            }
        }

        private void instruction(String m, String operands) {
            if (pendingLock) {
                pendingLock = false;
                if (operands.contains("rsp") || operands.contains("esp")) lockedOnStack = true;
            }
            if (m.startsWith("cmpxchg")) cmpxchg = true;
            else if (m.startsWith("xchg")) xchg = true;
            else if (m.equals("mfence")) mfence = true;
            else if (m.equals("lfence")) lfence = true;
            else if (m.equals("sfence")) sfence = true;
            else if (m.startsWith("ldapr") || m.startsWith("ldapur")) ldapr = true;
            else if (m.equals("ldar") || m.equals("ldarb") || m.equals("ldarh")) ldar = true;
            else if (m.equals("stlr") || m.equals("stlrb") || m.equals("stlrh") || m.startsWith("stlur")) stlr = true;
            else if (m.startsWith("ldaxr") || m.equals("ldaxp")) { ldx = true; ldxAcquire = true; }
            else if (m.startsWith("ldxr") || m.equals("ldxp")) ldx = true;
            else if (m.startsWith("stlxr") || m.equals("stlxp")) { stx = true; stxRelease = true; }
            else if (m.startsWith("stxr") || m.equals("stxp")) stx = true;
            else if (m.equals("dmb") || m.equals("dsb")) {
                if (m.equals("dmb")) dmb = true; else dsb = true;
                String opt = firstWord(operands);
                if (opt.endsWith("ld")) dmbLoad = true;
                else if (!opt.endsWith("st")) dmbFull = true;
            } else if (m.equals("isb")) isb = true;
            else lse(m);
        }

        private static String firstWord(String s) {
            int i = 0;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            int j = i;
            while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) j++;
            return s.substring(i, j);
        }

        private static final String[] LSE_OPS = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

        /** ld<op>[a|al|l][b|h], st<op>[l][b|h], swp[a|al|l][b|h], cas[a|al|l][b|h], casp[a|al|l]. */
        private void lse(String m) {
            String rest;
            boolean cas = false, store = false;
            if (m.startsWith("casp")) { cas = true; rest = m.substring(4); }
            else if (m.startsWith("cas")) { cas = true; rest = m.substring(3); }
            else if (m.startsWith("swp")) rest = m.substring(3);
            else if (m.startsWith("ld") || m.startsWith("st")) {
                store = m.startsWith("st");
                String r = m.substring(2);
                String op = null;
                for (String o : LSE_OPS) if (r.startsWith(o)) { op = o; break; }
                if (op == null) return;
                rest = r.substring(op.length());
            } else return;
            boolean acq = false, rel = false;
            if (rest.startsWith("al")) { acq = true; rel = true; rest = rest.substring(2); }
            else if (rest.startsWith("a") && !store) { acq = true; rest = rest.substring(1); }
            else if (rest.startsWith("l")) { rel = true; rest = rest.substring(1); }
            if (!(rest.isEmpty() || rest.equals("b") || rest.equals("h"))) return;
            if (cas) lseCas = true; else lseRmw = true;
            lseAcquire |= acq;
            lseRelease |= rel;
        }
    }
}
