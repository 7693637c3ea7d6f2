package dev.lkmmhazard.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code -print-after-all} or {@code -print-changed} (clang {@code -mllvm}, or opt), split into
 * snapshots: one per banner, with the pass, its number, its scope and the IR printed under it.
 *
 * <p>Banners read:
 * <ul>
 *   <li>{@code ; *** IR Dump After <Pass> on <what> ***} ({@code -print-after-all}), and the same without
 *       {@code "; "} ({@code -print-changed});</li>
 *   <li>{@code *** IR Dump At Start ***}: the module before the first pass ({@code -print-changed});</li>
 *   <li>{@code ... omitted because no change ***} and {@code ... filtered out ***}: a pass that printed nothing;</li>
 *   <li>{@code ... (invalidated) ***}: the pass invalidated what it ran on; what is printed under it is still read;</li>
 *   <li>{@code *** IR Pass <Pass> on <what> ignored ***} and {@code *** IR Pass <Pass> invalidated ***}: pass managers
 *       and adaptors, not counted;</li>
 *   <li>{@code Running pass <N> <Pass> on <what>} ({@code -print-pass-numbers}): the number of the next banner of that
 *       pass.</li>
 * </ul>
 * {@code <what>} gives the scope: {@code [module]}, a function name, {@code (f, g)} for a call-graph SCC, or
 * {@code loop %x in function f}. A loop pass prints only the loop's blocks (unless {@code -print-module-scope}),
 * which is not a function that can be compared; {@link #functions} finds no function in it, and
 * {@link PassBisection} names such passes as candidates instead. {@code IR Dump Before} banners are not snapshots
 * (their IR is what the previous pass left) and are skipped.
 */
public final class PassDump {
    /** What a pass ran on. */
    public enum Scope { START, MODULE, CGSCC, FUNCTION, LOOP }

    /**
     * One banner.
     *
     * @param position    1 for the first banner of the dump (omitted ones included): the pass's number when the dump has
     *                    no {@code -print-pass-numbers}
     * @param pass        the pass's class name, e.g. {@code SimplifyCFGPass}; {@code null} for the start
     * @param number      from {@code -print-pass-numbers}, else 0
     * @param target      what the banner says the pass ran on ({@code [module]}, {@code f}, {@code (f, g)}, ...)
     * @param function    for a loop: the function the loop is in; for a function pass: the function; else null
     * @param omitted     nothing printed: no change, or filtered out
     * @param invalidated the pass invalidated what it ran on
     * @param firstLine   the first line of the IR under the banner (1-based)
     * @param endLine     the line after the last one
     */
    public record Snapshot(int position, String pass, int number, Scope scope, String target, String function,
                           boolean omitted, boolean invalidated, int firstLine, int endLine) {
        /** The number to show: from {@code -print-pass-numbers}, else the position in the dump. */
        public int shownNumber() { return number > 0 ? number : position; }

        @Override public String toString() {
            return pass == null ? "the start" : pass + " (pass " + shownNumber() + ")";
        }
    }

    /** One function definition printed in a snapshot: {@code define ... {} to its closing {@code }}. */
    public record FunctionText(String name, int firstLine, String text) {
        public byte[] bytes() { return text.getBytes(StandardCharsets.ISO_8859_1); }
    }

    private static final Pattern BANNER = Pattern.compile("^(?:; )?\\*\\*\\* IR Dump (After|Before|At) (.*) \\*\\*\\*\\s*$");
    private static final Pattern PASS_LINE = Pattern.compile("^(?:; )?\\*\\*\\* IR Pass .* \\*\\*\\*\\s*$");
    private static final Pattern RUNNING = Pattern.compile("^\\s*Running pass (\\d+) (.*)$");
    private static final Pattern DEFINE_NAME = Pattern.compile("@(\"(?:[^\"\\\\]|\\\\.)*\"|[-a-zA-Z$._0-9]+)\\(");
    private static final Pattern LOOP_FUNCTION = Pattern.compile(" in function (.+)$");

    private final String[] lines;
    private final List<Snapshot> snapshots;
    private final boolean numbered;

    private PassDump(String[] lines, List<Snapshot> snapshots, boolean numbered) {
        this.lines = lines;
        this.snapshots = snapshots;
        this.numbered = numbered;
    }

    public List<Snapshot> snapshots() { return snapshots; }

    /** Whether the dump has {@code -print-pass-numbers} lines, so that pass numbers are LLVM's. */
    public boolean hasPassNumbers() { return numbered; }

    /** The dump's lines, for a reader (index 0 is line 1). */
    public String line(int oneBased) { return lines[oneBased - 1]; }

    public static PassDump parse(byte[] content) {
        // ISO-8859-1: one char per byte, so quoted names with any bytes survive, as in the IR reader
        String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        List<Snapshot> out = new ArrayList<>();
        int position = 0;
        boolean anyNumber = false;
        int pendingNumber = 0;
        String pendingWhat = null;
        // the banner being read, finished when the next banner (or a Running line) ends its text
        Snapshot open = null;
        for (int k = 0; k < lines.length; k++) {
            String l = lines[k];
            Matcher run = RUNNING.matcher(l);
            if (run.matches()) {
                anyNumber = true;
                pendingNumber = Integer.parseInt(run.group(1));
                pendingWhat = run.group(2).trim();
                open = close(out, open, k + 1);
                continue;
            }
            if (PASS_LINE.matcher(l).matches()) {
                open = close(out, open, k + 1);
                continue;
            }
            Matcher b = BANNER.matcher(l);
            if (!b.matches()) continue;
            open = close(out, open, k + 1);
            String kind = b.group(1), rest = b.group(2).trim();
            if (kind.equals("Before")) continue;
            if (kind.equals("At")) {
                // "At Start"; "At N-Pass on f" (-print-at-pass-number) is not a sequence and is left out
                if (rest.equals("Start")) open = new Snapshot(0, null, 0, Scope.START, "[module]", null, false, false, k + 2, k + 2);
                continue;
            }
            position++;
            boolean omitted = false, invalidated = false;
            for (String suffix : new String[] {" omitted because no change", " filtered out"}) {
                if (rest.endsWith(suffix)) {
                    rest = rest.substring(0, rest.length() - suffix.length());
                    omitted = true;
                }
            }
            if (rest.endsWith(" (invalidated)")) {
                rest = rest.substring(0, rest.length() - " (invalidated)".length());
                invalidated = true;
            }
            int on = onIndex(rest);
            String pass = on < 0 ? rest : rest.substring(0, on);
            String target = on < 0 ? "" : rest.substring(on + 4).trim();
            int number = 0;
            if (pendingWhat != null && pendingWhat.equals(pass + " on " + target)) {
                number = pendingNumber;
                pendingWhat = null;
            }
            Scope scope;
            String function = null;
            if (target.equals("[module]")) scope = Scope.MODULE;
            else if (target.startsWith("(") && target.endsWith(")")) scope = Scope.CGSCC;
            else if (target.startsWith("loop ") || target.startsWith("Loop at depth") || target.contains(" in function ")) {
                scope = Scope.LOOP;
                Matcher m = LOOP_FUNCTION.matcher(target);
                if (m.find()) function = m.group(1);
            } else {
                scope = Scope.FUNCTION;
                function = target;
            }
            open = new Snapshot(position, pass, number, scope, target, function, omitted, invalidated, k + 2, k + 2);
        }
        close(out, open, lines.length + 1);
        return new PassDump(lines, Collections.unmodifiableList(out), anyNumber);
    }

    /** " on " outside angle brackets: pass names such as {@code RequireAnalysisPass<...>} hold spaces. */
    private static int onIndex(String s) {
        int depth = 0;
        for (int i = 0; i + 4 <= s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (depth == 0 && s.startsWith(" on ", i)) return i;
        }
        return -1;
    }

    private static Snapshot close(List<Snapshot> out, Snapshot open, int endLine) {
        if (open != null)
            out.add(new Snapshot(open.position(), open.pass(), open.number(), open.scope(), open.target(), open.function(),
                    open.omitted(), open.invalidated(), open.firstLine(), Math.max(open.firstLine(), endLine)));
        return null;
    }

    /**
     * The function definitions printed under a snapshot: one for a function pass, all of the module's for a module
     * pass or {@code -print-module-scope}, those of the SCC for a CGSCC pass, none for a loop printed alone.
     */
    public List<FunctionText> functions(Snapshot s) {
        List<FunctionText> out = new ArrayList<>();
        if (s.omitted()) return out;
        for (int k = s.firstLine(); k < s.endLine(); k++) {
            String l = lines[k - 1];
            if (!l.startsWith("define ")) continue;
            Matcher m = DEFINE_NAME.matcher(l);
            if (!m.find()) continue;
            int start = k;
            // the comment line LLVM prints above a function ("; Function Attrs: ...") is not needed
            StringBuilder sb = new StringBuilder();
            for (; k < s.endLine(); k++) {
                sb.append(lines[k - 1]).append('\n');
                if (lines[k - 1].startsWith("}")) break;
            }
            String name = m.group(1);
            if (name.startsWith("\"")) name = name.substring(1, name.length() - 1);
            out.add(new FunctionText(name, start, sb.toString()));
        }
        return out;
    }
}
