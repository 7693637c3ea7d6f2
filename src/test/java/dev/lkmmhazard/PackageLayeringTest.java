package dev.lkmmhazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the pipeline (docs/architecture.md): each may use only the packages before it, so that the IR
 * model knows no analysis, analyses know no findings, and checks and diff stay two independent users of one layer.
 */
class PackageLayeringTest {
    private static final Path MAIN = Path.of("src", "main", "java", "dev", "lkmmhazard");
    // a reference to another package of ours: an import, or a qualified name in code
    private static final Pattern USE = Pattern.compile("\\bdev\\.lkmmhazard\\.([a-z]+)\\.");

    /** What each package may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "report", Set.of(),
            "ir", Set.of(),
            "parse", Set.of("ir"),
            "analysis", Set.of("ir"),
            "rules", Set.of("report"),
            "judgement", Set.of("ir", "analysis", "report", "rules"),
            "findings", Set.of("ir", "analysis", "judgement", "report", "rules"),
            "checks", Set.of("ir", "analysis", "judgement", "findings", "report", "rules"),
            "diff", Set.of("ir", "parse", "analysis", "judgement", "findings", "report", "rules"),
            "cli", Set.of("ir", "parse", "analysis", "judgement", "findings", "checks", "diff", "report", "rules"));

    @Test
    void everyPackageUsesOnlyThePackagesBeforeIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = MAIN.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    wrong.add(f + ": package " + pkg + " has no place in the layering (add it here and to docs/architecture.md)");
                    continue;
                }
                String text = withoutComments(Files.readString(f));
                Matcher m = USE.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) wrong.add(f + " uses " + used);
                }
            }
        }
        assertEquals(List.of(), wrong.stream().distinct().toList());
    }

    @Test
    void checksHoldsOnlyChecksTheirRegistryAndTheScanner() throws IOException {
        List<String> others = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN.resolve("checks"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = Files.readString(f);
                String name = f.getFileName().toString().replace(".java", "");
                boolean isCheck = Pattern.compile("class " + name + " implements Check\\b").matcher(text).find();
                if (!isCheck && !Set.of("Check", "CheckRegistry", "ModuleScanner").contains(name)) others.add(name);
            }
        }
        assertEquals(List.of(), others, "helpers that are analyses belong in analysis/, finding-making in findings/");
    }

    @Test
    void theLayeringRuleSeesAReferenceInCode() {
        // the rule above must be able to fail: a qualified use in code counts, one in a comment does not
        assertFalse(withoutComments("// dev.lkmmhazard.checks.Check\nint x;").contains("dev.lkmmhazard.checks."));
        Matcher m = USE.matcher(withoutComments("Object o = dev.lkmmhazard.checks.CheckRegistry.all();"));
        assertEquals(true, m.find());
        assertEquals("checks", m.group(1));
    }

    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }
}
