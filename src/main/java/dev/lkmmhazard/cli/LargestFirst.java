package dev.lkmmhazard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Runs one piece of work per input on a few threads, the largest inputs first, and gives the results in the inputs'
 * order: what scan does with files and diff with pairs of files. Largest first, so that the last to finish is a small
 * one and no core waits idle at the end (on 2 cores, the sorted order left one big file running alone for a second).
 */
final class LargestFirst {
    private LargestFirst() {}

    /**
     * {@code work} of every input; an input whose work throws gets {@code failed} of it and the cause instead, so one
     * bug costs one input, not the run. {@code progress} (may be null) hears of each input done, with its size.
     */
    static <T, R> List<R> run(List<T> inputs, ToLongFunction<T> size, int jobs, String threadName, Function<T, R> work,
                              BiFunction<T, Throwable, R> failed, ScanCommand.Progress progress) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, inputs.size())), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            long[] sizes = new long[inputs.size()];
            Integer[] order = new Integer[inputs.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                sizes[i] = size.applyAsLong(inputs.get(i));
            }
            Arrays.sort(order, (a, b) -> Long.compare(sizes[b], sizes[a]));
            List<Future<R>> futures = new ArrayList<>(Collections.nCopies(inputs.size(), null));
            for (int i : order) {
                T in = inputs.get(i);
                futures.set(i, pool.submit(() -> {
                    R r = work.apply(in);
                    if (progress != null) progress.fileDone(sizes[i]);
                    return r;
                }));
            }
            List<R> out = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(failed.apply(inputs.get(i), e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    /** A file's size for the order, 0 when it cannot be read (its work then says why). */
    static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
