package dev.lkmmhazard.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether output goes to a person at a terminal. */
final class Terminal {
    private Terminal() {}

    /**
     * Java 17 cannot ask about stderr alone; on Linux its file descriptor names the device. Elsewhere, a console
     * (stdin and stdout both terminals) is the best guess.
     */
    static boolean stderrIsTerminal() { return isTerminal(2); }

    /** Whether standard output is a terminal: never a file or a pipe. */
    static boolean stdoutIsTerminal() { return isTerminal(1); }

    private static boolean isTerminal(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            if (Files.isSymbolicLink(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception ignored) {
            // not Linux, or /proc is not mounted
        }
        return System.console() != null;
    }
}
