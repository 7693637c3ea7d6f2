package dev.lkmmhazard.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Expands the paths of a command line: files as given, directories to every {@code *.ll} below them, sorted. Hidden
 * directories below a given one ({@code .git}, {@code .build}) are not entered.
 *
 * <p>A path that does not exist, a directory given that holds no {@code *.ll}, a directory below (or given) that
 * cannot be listed, or an entry whose type cannot be read, is not a reason to stop: it becomes an entry with its
 * one-line error, in its sorted place, and the command reports it as it reports a file it could not read (exit
 * status 2) while the other files are read. In a CI job that scans many paths, one typo must not cost the report
 * of all the others; and a directory that gave nothing to check must not pass as a clean one.
 */
final class InputFiles {
    private InputFiles() {}

    /** A file to read, or a path that could not be listed or examined, with the one line to report ({@code P: error: ...}). */
    record Found(Path path, String error) {
        static Found file(Path p) { return new Found(p, null); }

        boolean ok() { return error == null; }
    }

    /** Lists a directory's entries. Package-private so that a test can make one directory fail, which root cannot. */
    interface Lister {
        List<Path> list(Path dir) throws IOException;
    }

    /** The files, and an error entry for each path that gave none. */
    static List<Found> expand(List<String> args) { return expand(args, InputFiles::list); }

    static List<Found> expand(List<String> args, Lister lister) {
        List<Found> out = new ArrayList<>();
        for (String a : args) {
            Path p = Paths.get(a);
            if (Files.isDirectory(p)) {
                List<Found> found = walk(p, lister);
                found.sort(Comparator.comparing(Found::path));
                if (found.isEmpty()) out.add(new Found(p, a + ": error: no .ll file in this directory or below it"));
                out.addAll(found);
            } else if (Files.exists(p)) {
                out.add(Found.file(p));
            } else {
                out.add(new Found(p, a + ": error: no such file or directory"));
            }
        }
        return out;
    }

    /**
     * Every {@code *.ll} below root, and an error entry for each directory that cannot be listed and each entry whose
     * type cannot be read (a path longer than PATH_MAX, a directory without search permission): what is below those
     * is unknown, so the user must hear of them, but the rest of the tree is still found.
     */
    private static List<Found> walk(Path root, Lister lister) {
        List<Found> out = new ArrayList<>();
        Deque<Path> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            List<Path> entries;
            try {
                entries = lister.list(dir);
            } catch (IOException e) {
                out.add(new Found(dir, dir + ": error: cannot list directory: " + reason(e)));
                continue;
            }
            for (Path e : entries) {
                BasicFileAttributes attrs;
                try {
                    // Symlinks to directories are not followed, so a link loop cannot make the walk endless.
                    attrs = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException x) {
                    out.add(new Found(e, e + ": error: cannot access: " + reason(x)));
                    continue;
                }
                String name = e.getFileName().toString();
                if (attrs.isDirectory()) {
                    if (!name.startsWith(".")) dirs.push(e);
                } else if (name.endsWith(".ll") && (attrs.isRegularFile()
                        // a link to a file counts; one that leads nowhere (a loop, a dangling link) is kept, so that
                        // reading it says why
                        || attrs.isSymbolicLink() && (Files.isRegularFile(e) || !Files.exists(e)))) {
                    out.add(Found.file(e));
                }
            }
        }
        return out;
    }

    /** The entries of a directory, as the file system lists them: the lister of a real run. */
    static List<Path> list(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) out.add(p);
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return out;
    }

    /** Why, without the path, which the line already starts with. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return Main.describe(e);
    }
}
