package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A chain of directories whose paths grow past PATH_MAX (4096 bytes on Linux, the NUL included), with a {@code .ll}
 * file at the bottom. A path that long cannot be examined or opened, by root either (ENAMETOOLONG), so it is a
 * failure that tests running as root in CI still meet, where a mode of 000 would not stop them. Java cannot make or
 * remove such a tree, since it only uses whole paths; bash does it with relative {@code mkdir} and {@code cd}, and
 * GNU {@code rm -rf}, which walks relative to each directory.
 */
final class DeepTree {
    /** 25 levels of 200-character names: about 5,000 bytes, past the limit wherever the temporary directory is. */
    static final int LEVELS = 25;
    static final String NAME = "d".repeat(200);
    static final int PATH_MAX = 4096;

    private DeepTree() {}

    /** Makes parent/name/NAME/NAME/.../bottom.ll; returns parent/name. */
    static Path make(Path parent, String name) throws IOException, InterruptedException {
        bash(parent, "mkdir " + name + " && cd " + name + " && for i in $(seq " + LEVELS + "); do mkdir " + NAME + " && cd "
                + NAME + " || exit 1; done && echo 'define void @f() {\n  ret void\n}' > bottom.ll");
        return parent.resolve(name);
    }

    /** Removes parent/name, which JUnit's removal of a temporary directory could not. */
    static void remove(Path parent, String name) throws IOException, InterruptedException {
        bash(parent, "rm -rf " + name);
    }

    /** The first directory of the chain below root whose path is too long to be examined: the one a walk reports. */
    static Path firstTooLong(Path root) {
        Path p = root;
        for (int i = 0; i < LEVELS; i++) {
            p = p.resolve(NAME);
            if (p.toString().getBytes(StandardCharsets.UTF_8).length + 1 > PATH_MAX) return p;
        }
        throw new AssertionError("the chain below " + root + " is not longer than PATH_MAX");
    }

    private static void bash(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bash did not finish: " + script);
        }
        assertEquals(0, p.exitValue(), script);
    }
}
