package dev.lkmmhazard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.ISO_8859_1);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Main.run(args, out, err);
        }
    }

    private String out() { return outBytes.toString(StandardCharsets.ISO_8859_1); }
    private String err() { return errBytes.toString(StandardCharsets.UTF_8); }

    private void assertOneLineError(String fragment) {
        String e = err();
        assertTrue(e.startsWith("lkmm-hazard: error: "), e);
        assertTrue(e.contains(fragment), e);
        assertEquals(1, e.lines().count(), e);
        assertFalse(e.contains("Exception"), e);
    }

    @Test
    void helpListsCommandsWithSummaries() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage: lkmm-hazard <command> [options]\n"), out());
        assertTrue(out().matches("(?s).*\n  print +parse a \\.ll file and print it back.*"), out());
        assertEquals("", err());
    }

    @Test
    void commandHelpHasAnExample() {
        assertEquals(0, run("print", "--help"));
        assertTrue(out().startsWith("Usage: lkmm-hazard print FILE.ll|- [-o OUT] [--partial]\n"), out());
        assertTrue(out().contains("Example:\n  lkmm-hazard print "), out());
        outBytes.reset();
        assertEquals(0, run("help", "print"));
        assertTrue(out().startsWith("Usage: lkmm-hazard print"), out());
    }

    /**
     * What each command's --help must teach: usage, what it does, every option with its argument and its whole
     * description (the options table is made from the command's Options), an example and the exit status.
     */
    @Test
    void everyCommandsHelpListsEveryOptionWithItsDescription() {
        for (Main.Command c : Main.commands()) {
            String help = c.help();
            assertTrue(help.startsWith("Usage: lkmm-hazard " + c.name()), help);
            assertTrue(help.matches("(?s).*\nExamples?:\n  .*lkmm-hazard " + c.name() + ".*"), help);
            assertTrue(help.contains("\nExit status: "), help);
            assertTrue(help.endsWith(".\n") && !help.endsWith("\n\n"), help);
            assertTrue(help.lines().noneMatch(l -> l.endsWith(" ")), "no line ends in a space:\n" + help);
            assertFalse(help.contains("Description"), "the formatter's header row is left out:\n" + help);
            String flat = help.replaceAll("\\s+", " ");
            for (Option o : c.options().getOptions()) {
                String names = (o.getOpt() != null ? "-" + o.getOpt() + ", " : "") + "--" + o.getLongOpt()
                        + (o.hasArg() ? " " + o.getArgName() : "");
                assertTrue(help.contains("\n  " + names + "   "), c.name() + " --help lists " + names + ":\n" + help);
                assertTrue(flat.contains(names + " " + o.getDescription().replaceAll("\\s+", " ")),
                        c.name() + " --help describes " + names + ":\n" + help);
            }
        }
    }

    @Test
    void theOptionsOfACommandShareOneColumnForTheirDescriptions() {
        String help = new ScanCommand().help();
        assertTrue(help.contains("\n  -f, --format FORMAT   text (default)"), help);
        assertTrue(help.contains("\n  --checks ID,...       run only these checks\n"), help);
        assertTrue(help.contains("\n  --max-size MB         a larger file is an error"), help);
    }

    @Test
    void version() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("lkmm-hazard "), out());
    }

    @Test
    void usageErrorsAreOneLineWithAHint() {
        assertEquals(2, run());
        assertOneLineError("no command given (run 'lkmm-hazard --help'");
        errBytes.reset();
        assertEquals(2, run("frobnicate"));
        assertOneLineError("unknown command 'frobnicate' (commands: ");
        assertTrue(err().contains("print"), err());
        errBytes.reset();
        assertEquals(2, run("--frob"));
        assertOneLineError("unknown option '--frob'");
        errBytes.reset();
        assertEquals(2, run("print"));
        assertOneLineError("print needs a FILE.ll");
        errBytes.reset();
        assertEquals(2, run("print", "a.ll", "--bogus"));
        assertOneLineError("unknown option '--bogus' for 'print'");
        errBytes.reset();
        assertEquals(2, run("print", "a.ll", "-o"));
        assertOneLineError("option '--output' needs a value");
        errBytes.reset();
        assertEquals(2, run("print", "a.ll", "b.ll"));
        assertOneLineError("print takes one FILE.ll, got 2");
    }

    @Test
    void missingFileIsAnErrorNotAStackTrace(@TempDir Path dir) {
        assertEquals(2, run("print", dir.resolve("nope.ll").toString()));
        assertOneLineError("no such file: ");
    }

    @Test
    void parseErrorsAreDiagnostics(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.ll");
        Files.writeString(bad, "define void @f() {\n  ret i32 %\n}\n");
        assertEquals(2, run("print", bad.toString()));
        assertTrue(err().startsWith(bad + ":"), err());
        assertTrue(err().contains(": error: "), err());
        assertEquals("", out());
    }

    @Test
    void printsAModule(@TempDir Path dir) throws Exception {
        Path ll = dir.resolve("ok.ll");
        String text = "@g = global i32 7, align 4\n\ndefine i32 @f(ptr %p) {\n  %v = load volatile i32, ptr %p, align 4\n  ret i32 %v\n}\n";
        Files.writeString(ll, text);
        assertEquals(0, run("print", ll.toString()), err());
        assertTrue(out().contains("@g = global i32 7, align 4\n"), out());
        assertTrue(out().contains("  %v = load volatile i32, ptr %p, align 4\n"), out());

        Path o = dir.resolve("out.ll");
        outBytes.reset();
        assertEquals(0, run("print", ll.toString(), "-o", o.toString()), err());
        assertEquals("", out());
        assertTrue(Files.readString(o).contains("define i32 @f(ptr %p) {\n"));
    }
}
