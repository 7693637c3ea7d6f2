package dev.lkmmhazard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the paths of a command line: files as given, directories to every {@code *.ll} below them, sorted. Hidden
 * directories below a given one ({@code .git}, {@code .build}) are not entered.
 */
final class InputFiles {
    private InputFiles() {}

    /** The files; a path that does not exist is a usage error, so the user hears of a typo before a long run. */
    static List<Path> expand(List<String> args) throws Main.UsageException {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            Path p = Paths.get(a);
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                // Symlinks to directories are not followed, so a link loop cannot make the walk endless. A link named
                // *.ll that leads nowhere (a loop, a dangling link) is kept, so that reading it says why.
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".ll") && !inHiddenDir(p, f)
                                    && (Files.isRegularFile(f) || (Files.isSymbolicLink(f) && !Files.exists(f))))
                            .forEach(found::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new Main.UsageException("cannot list directory " + a + ": " + Main.describe(e));
                }
                found.sort(null);
                out.addAll(found);
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new Main.UsageException("no such file or directory: " + a);
            }
        }
        return out;
    }

    /** Whether a directory between root and f (root itself excluded) is hidden. */
    private static boolean inHiddenDir(Path root, Path f) {
        Path rel = root.relativize(f);
        for (int i = 0; i < rel.getNameCount() - 1; i++) if (rel.getName(i).toString().startsWith(".")) return true;
        return false;
    }
}
