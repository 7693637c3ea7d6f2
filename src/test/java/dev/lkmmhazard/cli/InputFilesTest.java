package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expansion of command-line paths. A directory that cannot be listed is made to fail through the lister, since
 * the tests may run as root, whom no mode stops; the one failure root meets too, a path longer than PATH_MAX, is made
 * by {@link DeepTree}.
 */
class InputFilesTest {
    @TempDir Path dir;

    /** a/x.ll, b/y.ll, b/sub/z.ll, c/w.ll, top.ll, a hidden directory and a file that is not IR. */
    private Path tree() throws IOException {
        Path t = dir.resolve("t");
        for (String f : List.of("a/x.ll", "b/y.ll", "b/sub/z.ll", "c/w.ll", "top.ll", ".git/h.ll", "c/notes.txt")) {
            Files.createDirectories(t.resolve(f).getParent());
            Files.writeString(t.resolve(f), "");
        }
        return t;
    }

    /** Each entry as "path" or "path !error". */
    private static List<String> shown(List<InputFiles.Found> found) {
        List<String> out = new ArrayList<>();
        for (InputFiles.Found f : found) out.add(f.ok() ? f.path().toString() : f.path() + " !" + f.error());
        return out;
    }

    /** The real lister, except that listing fails for the named directory with the given exception. */
    private static InputFiles.Lister failing(Path bad, IOException e) {
        return d -> {
            if (d.equals(bad)) throw e;
            return InputFiles.list(d);
        };
    }

    @Test
    void aDirectoryIsItsLlFilesSortedWithoutHiddenDirectories() throws Exception {
        Path t = tree();
        assertEquals(List.of(t + "/a/x.ll", t + "/b/sub/z.ll", t + "/b/y.ll", t + "/c/w.ll", t + "/top.ll"),
                shown(InputFiles.expand(List.of(t.toString()))));
    }

    @Test
    void aSubdirectoryThatCannotBeListedIsOneErrorEntryInItsPlaceAndTheRestIsFound() throws Exception {
        Path t = tree();
        Path b = t.resolve("b");
        List<InputFiles.Found> found = InputFiles.expand(List.of(t.toString()), failing(b, new AccessDeniedException(b.toString())));
        assertEquals(List.of(t + "/a/x.ll", b + " !" + b + ": error: cannot list directory: permission denied", t + "/c/w.ll",
                t + "/top.ll"), shown(found));
    }

    @Test
    void theReasonIsTheSystemsWithoutThePathTwice() throws Exception {
        Path t = tree();
        Path sub = t.resolve("b/sub");
        List<InputFiles.Found> found = InputFiles.expand(List.of(t.toString()),
                failing(sub, new FileSystemException(sub.toString(), null, "Input/output error")));
        assertEquals(List.of(t + "/a/x.ll", sub + " !" + sub + ": error: cannot list directory: Input/output error",
                t + "/b/y.ll", t + "/c/w.ll", t + "/top.ll"), shown(found));
    }

    @Test
    void aGivenDirectoryThatCannotBeListedDoesNotStopTheOtherArguments() throws Exception {
        Path t = tree();
        Path a = t.resolve("a"), c = t.resolve("c");
        List<InputFiles.Found> found = InputFiles.expand(List.of(a.toString(), c.toString(), t.resolve("top.ll").toString()),
                failing(a, new AccessDeniedException(a.toString())));
        assertEquals(List.of(a + " !" + a + ": error: cannot list directory: permission denied", c + "/w.ll", t + "/top.ll"),
                shown(found));
    }

    @Test
    void aMissingPathIsAnErrorEntryInItsPlaceAndTheRestIsFound() throws Exception {
        Path t = tree();
        List<InputFiles.Found> found = InputFiles.expand(List.of(t.resolve("nowhere").toString(), t.resolve("top.ll").toString()));
        assertEquals(List.of(t.resolve("nowhere") + " !" + t.resolve("nowhere") + ": error: no such file or directory",
                t + "/top.ll"), shown(found));
    }

    @Test
    void aDirectoryWithNoLlFileIsAnErrorEntryNotAnEmptyList() throws Exception {
        Path empty = Files.createTempDirectory("no-ll");
        Files.writeString(empty.resolve("notes.txt"), "not IR");
        List<InputFiles.Found> found = InputFiles.expand(List.of(empty.toString()));
        assertEquals(List.of(empty + " !" + empty + ": error: no .ll file in this directory or below it"), shown(found));
    }

    @Test
    void aPathLongerThanPathMaxIsAnErrorEntryEvenForRootAndTheRestIsFound() throws Exception {
        Path t = tree();
        try {
            Path deep = DeepTree.make(t, "deep");
            Path bad = DeepTree.firstTooLong(deep);
            List<InputFiles.Found> found = InputFiles.expand(List.of(t.toString()));
            assertEquals(List.of(t + "/a/x.ll", t + "/b/sub/z.ll", t + "/b/y.ll", t + "/c/w.ll",
                    bad + " !" + bad + ": error: cannot access: File name too long", t + "/top.ll"), shown(found));
        } finally {
            DeepTree.remove(t, "deep");
        }
        assertTrue(Files.notExists(t.resolve("deep")));
    }
}
