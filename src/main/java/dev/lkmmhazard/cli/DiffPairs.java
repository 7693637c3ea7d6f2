package dev.lkmmhazard.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pairs of files {@code diff} compares when given directories:
 * <ul>
 *   <li>{@code diff DIR}: every {@code X.before.ll} with the {@code X.ll} beside it, as the kernel's
 *       {@code scripts/kernel-ll.sh --before} writes them;</li>
 *   <li>{@code diff BEFORE_DIR AFTER_DIR}: every {@code *.ll} below AFTER_DIR with the file of the same relative path
 *       below BEFORE_DIR, or its {@code .before.ll} twin there (two build trees, or a twin tree beside a plain one).
 *       The same directory twice is the first form.</li>
 * </ul>
 * A file left without its other half is an input that could not be compared, with its one-line error, as a file that
 * cannot be read is in {@code scan}: the run goes on and exits 2, so a unit whose twin failed to build is not taken
 * for a clean one. Pairs come in the order of their AFTER file's path (every machine of a {@code --shard} matrix
 * computes the same list).
 */
final class DiffPairs {
    static final String TWIN_SUFFIX = ".before.ll";

    private DiffPairs() {}

    /** Two files to compare, or (error non-null) one that has no other half or could not be listed. */
    record Pair(String beforeName, Path before, String afterName, Path after, String error) {
        // "diff ." names kernel__rcu__tree.ll, not ./kernel__rcu__tree.ll, as scan of the bare names does
        static Pair of(Path before, Path after) {
            return new Pair(before.normalize().toString(), before, after.normalize().toString(), after, null);
        }

        static Pair failed(Path p, String error) { return new Pair(null, null, p.normalize().toString(), p, error); }

        boolean ok() { return error == null; }

        /** The name the report lists the pair under: the AFTER file, where the findings are. */
        String name() { return afterName; }
    }

    static boolean isTwin(Path p) { return p.getFileName().toString().endsWith(TWIN_SUFFIX); }

    /** {@code X.before.ll} for {@code X.ll}. */
    static Path twinOf(Path after) {
        String n = after.getFileName().toString();
        return after.resolveSibling(n.substring(0, n.length() - ".ll".length()) + TWIN_SUFFIX);
    }

    /** {@code X.ll} for {@code X.before.ll}. */
    static Path afterOf(Path twin) {
        String n = twin.getFileName().toString();
        return twin.resolveSibling(n.substring(0, n.length() - TWIN_SUFFIX.length()) + ".ll");
    }

    /** Pairs of {@code X.before.ll} and {@code X.ll} below one directory. */
    static List<Pair> twins(Path dir) {
        Map<Path, Path> afterToTwin = new TreeMap<>();
        List<Pair> failed = new ArrayList<>();
        List<Path> lonelyTwins = new ArrayList<>();
        for (InputFiles.Found f : InputFiles.expand(List.of(dir.toString()))) {
            Path p = f.path().normalize();
            if (!f.ok()) failed.add(Pair.failed(p, f.error()));
            else if (isTwin(p)) {
                if (!Files.exists(afterOf(p))) lonelyTwins.add(p);
            } else afterToTwin.put(p, twinOf(p));
        }
        List<Pair> out = new ArrayList<>(failed);
        for (Map.Entry<Path, Path> e : afterToTwin.entrySet()) {
            if (Files.exists(e.getValue())) out.add(Pair.of(e.getValue(), e.getKey()));
            else out.add(Pair.failed(e.getKey(), e.getKey() + ": error: no " + e.getValue().getFileName()
                    + " beside it to compare with (diff DIR pairs X.before.ll with X.ll)"));
        }
        for (Path t : lonelyTwins)
            out.add(Pair.failed(t, t + ": error: no " + afterOf(t).getFileName() + " beside it to compare with"));
        return sorted(out);
    }

    /** Pairs by relative path below two directories; the same directory twice pairs twins. */
    static List<Pair> byRelativePath(Path beforeDir, Path afterDir) {
        if (sameDirectory(beforeDir, afterDir)) return twins(afterDir);
        List<Pair> out = new ArrayList<>();
        Map<Path, Path> afters = new LinkedHashMap<>(); // relative path -> file
        for (InputFiles.Found f : InputFiles.expand(List.of(afterDir.toString()))) {
            if (!f.ok()) out.add(Pair.failed(f.path(), f.error()));
            else if (!isTwin(f.path())) afters.put(afterDir.relativize(f.path()), f.path());
        }
        Map<Path, Path> befores = new LinkedHashMap<>();
        for (InputFiles.Found f : InputFiles.expand(List.of(beforeDir.toString()))) {
            if (!f.ok()) out.add(Pair.failed(f.path(), f.error()));
            else befores.put(beforeDir.relativize(f.path()), f.path());
        }
        for (Map.Entry<Path, Path> a : afters.entrySet()) {
            Path rel = a.getKey();
            Path before = befores.remove(rel);
            if (before == null) before = befores.remove(twinOf(rel));
            if (before != null) out.add(Pair.of(before, a.getValue()));
            else out.add(Pair.failed(a.getValue(), a.getValue() + ": error: no " + beforeDir.resolve(rel) + " (nor "
                    + twinOf(beforeDir.resolve(rel)).getFileName() + ") to compare with"));
        }
        for (Path lonely : befores.values()) {
            Path rel = beforeDir.relativize(lonely);
            Path want = isTwin(lonely) ? afterOf(afterDir.resolve(rel)) : afterDir.resolve(rel);
            out.add(Pair.failed(lonely, lonely + ": error: no " + want + " to compare with"));
        }
        return sorted(out);
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static List<Pair> sorted(List<Pair> pairs) {
        pairs.sort(java.util.Comparator.comparing(Pair::name));
        return pairs;
    }
}
