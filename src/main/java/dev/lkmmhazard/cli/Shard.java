package dev.lkmmhazard.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scan --shard K/N}: part K (from 1) of N of the expanded input list, for a CI matrix that spreads one scan over
 * N machines.
 *
 * <p>Part K is the K-th of N contiguous runs of the list (indices {@code floor((K-1)n/N)} up to, not including,
 * {@code floor(Kn/N)}). Why runs rather than every N-th file or a hash of the name:
 * <ul>
 *   <li>the list is already deterministic (arguments in order, each directory sorted), so every machine computes
 *       the same parts, and the parts are disjoint and cover the list;</li>
 *   <li>the parts differ by at most one file;</li>
 *   <li>the parts in order K = 1..N are the list in order, so {@code merge} only concatenates them and gives the
 *       same bytes as the unsharded scan (it takes them by their first file, which for a sorted list is that order,
 *       whatever order they are given in);</li>
 *   <li>adding or removing a file moves at most one file across each boundary, where every-N-th-file would move
 *       every file after it (a hash moves none, but its parts are only balanced on average and their
 *       concatenation is not the scan's order).</li>
 * </ul>
 * The price: neighbouring files (one subsystem) land in one part, so the parts are balanced by count, not by size.
 */
record Shard(int index, int count) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    static Shard parse(String text) throws Main.UsageException {
        Matcher m = FORM.matcher(text.strip());
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1)), n = Integer.parseInt(m.group(2));
            if (n >= 1 && k >= 1 && k <= n) return new Shard(k, n);
        }
        throw new Main.UsageException("--shard takes K/N with 1 <= K <= N, e.g. 2/4, not '" + text + "'");
    }

    /** This part of the inputs; standard input cannot be split across machines. */
    List<ScanCommand.Input> of(List<ScanCommand.Input> inputs) throws Main.UsageException {
        for (ScanCommand.Input in : inputs)
            if (in.isStdin()) throw new Main.UsageException("--shard splits files; standard input (-) cannot be sharded");
        return part(inputs);
    }

    /** This part of any deterministic list (diff's pairs of files). */
    <T> List<T> part(List<T> items) {
        int n = items.size();
        return items.subList(start(index - 1, n), start(index, n));
    }

    /** The first index of part k (from 0) of n items; long arithmetic so that k * n cannot overflow. */
    private int start(int k, int n) { return (int) ((long) k * n / count); }
}
