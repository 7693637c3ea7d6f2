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
    static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception ignored) {
            // not Linux, or /proc is not mounted
        }
        return System.console() != null;
    }
}
