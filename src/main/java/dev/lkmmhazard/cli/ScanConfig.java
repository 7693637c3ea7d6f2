package dev.lkmmhazard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.checks.CheckRegistry;
import dev.lkmmhazard.report.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code --config FILE} of {@code scan}, a JSON object:
 * <pre>
 * {
 *   "markedHelpers": ["my_read_once"],          extra function names whose calls are marked accesses
 *   "markedHelperPrefixes": ["__my_atomic_"],   extra name prefixes
 *   "suppress": [
 *     {"fingerprint": "3f2a9c...", "reason": "checked by hand, see commit abc"},
 *     {"check": "mixed-access", "function": "*_stats_*", "reason": "statistics counters, torn reads are fine"}
 *   ]
 * }
 * </pre>
 * A suppression matches by fingerprint, or by function glob ({@code *} and {@code ?}), optionally narrowed to one
 * check. Every key is checked, so a typo is an error rather than a silently ignored setting.
 */
record ScanConfig(List<String> markedHelpers, List<String> markedHelperPrefixes, List<Suppression> suppressions) {

    record Suppression(String fingerprint, String check, String functionGlob, String reason) {
        boolean matches(Finding f) {
            if (fingerprint != null) return fingerprint.equals(f.fingerprint());
            if (check != null && !check.equals(f.check())) return false;
            return functionGlob == null || Glob.matches(functionGlob, f.function()) || Glob.matches(functionGlob, f.mangledFunction());
        }
    }

    static final ScanConfig EMPTY = new ScanConfig(List.of(), List.of(), List.of());

    MarkedAccessConfig markedAccessConfig() {
        MarkedAccessConfig c = MarkedAccessConfig.defaults();
        if (!markedHelpers.isEmpty()) c = c.withHelperNames(markedHelpers);
        if (!markedHelperPrefixes.isEmpty()) c = c.withHelperPrefixes(markedHelperPrefixes);
        return c;
    }

    boolean suppressed(Finding f) {
        for (Suppression s : suppressions) if (s.matches(f)) return true;
        return false;
    }

    private static final Set<String> TOP_KEYS = Set.of("markedHelpers", "markedHelperPrefixes", "suppress");
    private static final Set<String> SUPPRESS_KEYS = Set.of("fingerprint", "check", "function", "reason");

    static ScanConfig read(Path file) throws Main.UsageException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new Main.UsageException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": error: the configuration is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Main.UsageException("cannot read the configuration " + file + ": " + Main.describe(e));
        }
        if (root == null || !root.isObject()) throw new Main.UsageException(file + ": error: the configuration must be a JSON object");
        unknownKeys(file, root, TOP_KEYS, "");
        List<String> helpers = strings(file, root, "markedHelpers");
        List<String> prefixes = strings(file, root, "markedHelperPrefixes");
        List<Suppression> sup = new ArrayList<>();
        JsonNode s = root.path("suppress");
        if (!s.isMissingNode() && !s.isArray()) throw new Main.UsageException(file + ": error: \"suppress\" must be an array");
        int i = 0;
        for (JsonNode e : s) {
            String where = "suppress[" + i++ + "]";
            if (!e.isObject()) throw new Main.UsageException(file + ": error: " + where + " must be an object");
            unknownKeys(file, e, SUPPRESS_KEYS, where + ".");
            String fp = text(e, "fingerprint"), check = text(e, "check"), fn = text(e, "function"), reason = text(e, "reason");
            if (fp == null && check == null && fn == null)
                throw new Main.UsageException(file + ": error: " + where + " needs a \"fingerprint\", a \"check\" or a \"function\"");
            if (fp != null && (check != null || fn != null))
                throw new Main.UsageException(file + ": error: " + where + ": a fingerprint names one finding; drop \"check\" and \"function\"");
            if (check != null && CheckRegistry.byId(check) == null)
                throw new Main.UsageException(file + ": error: " + where + ": unknown check '" + check + "' (run 'lkmm-hazard checks')");
            sup.add(new Suppression(fp, check, fn, reason));
        }
        return new ScanConfig(helpers, prefixes, sup);
    }

    private static void unknownKeys(Path file, JsonNode o, Set<String> known, String prefix) throws Main.UsageException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k))
                throw new Main.UsageException(file + ": error: unknown key \"" + prefix + k + "\" in the configuration (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
        }
    }

    private static List<String> strings(Path file, JsonNode root, String key) throws Main.UsageException {
        JsonNode a = root.path(key);
        if (a.isMissingNode()) return List.of();
        if (!a.isArray()) throw new Main.UsageException(file + ": error: \"" + key + "\" must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode n : a) {
            if (!n.isTextual()) throw new Main.UsageException(file + ": error: \"" + key + "\" must be an array of strings");
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode o, String key) throws Main.UsageException {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new Main.UsageException("\"" + key + "\" must be a string");
        return v.asText();
    }

    /** Shell-style globs: {@code *} any run of characters, {@code ?} one character, everything else literal. */
    static final class Glob {
        private Glob() {}

        static boolean matches(String glob, String s) {
            if (s == null) return false;
            int g = 0, i = 0, star = -1, mark = 0;
            while (i < s.length()) {
                if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == s.charAt(i))) {
                    g++;
                    i++;
                } else if (g < glob.length() && glob.charAt(g) == '*') {
                    star = g++;
                    mark = i;
                } else if (star >= 0) {
                    g = star + 1;
                    i = ++mark;
                } else {
                    return false;
                }
            }
            while (g < glob.length() && glob.charAt(g) == '*') g++;
            return g == glob.length();
        }
    }
}
