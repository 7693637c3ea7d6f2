package dev.lkmmhazard.checks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The expectations a scan cannot meet, from {@code src/test/resources/scan-gaps/ID.txt}: lines
 * {@code VARIANT/FILE.ll: EXPECT...} as the test names them, each after {@code #} lines giving the reason read in the
 * IR. An entry without a reason is an error.
 */
public final class KnownGaps {
    private KnownGaps() {}

    static Map<String, String> load() throws IOException { return load("scan-gaps"); }

    /** The gaps listed in {@code src/test/resources/DIR/*.txt}. */
    public static Map<String, String> load(String dirName) throws IOException {
        Map<String, String> gaps = new TreeMap<>();
        Path dir = Path.of("src", "test", "resources", dirName);
        if (!Files.isDirectory(dir)) return gaps;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        for (Path f : files) {
            StringBuilder reason = new StringBuilder();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty()) {
                    reason.setLength(0);
                } else if (t.startsWith("#")) {
                    reason.append(t.substring(1).strip()).append(' ');
                } else {
                    if (reason.length() == 0) throw new IllegalStateException(f + ": no reason given for " + t);
                    gaps.put(t, reason.toString().strip());
                }
            }
        }
        return gaps;
    }
}
