package dev.lkmmhazard.cli;

import dev.lkmmhazard.rules.Mode;
import dev.lkmmhazard.rules.Reads;
import dev.lkmmhazard.rules.Rule;
import dev.lkmmhazard.rules.Rules;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard checks} and {@code lkmm-hazard explain ID}: what the rules are and what each one means. */
final class Explain {
    private Explain() {}

    /** The modes that report a rule, as the listing shows them: {@code scan, diff}. */
    static String modes(Rule r) {
        List<String> out = new ArrayList<>();
        for (Mode m : r.modes()) out.add(m.keyword);
        return String.join(", ", out);
    }

    /** What a rule reads in each of its modes, in the order of {@link #modes}: {@code optimized, -g; before+after}. */
    static String reads(Rule r) {
        List<String> out = new ArrayList<>();
        for (Reads x : r.reads().values()) out.add(x.toString());
        return String.join("; ", out);
    }

    private static final Pattern HEADING = Pattern.compile("^#+\\s+"), LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)]+)\\)");

    /**
     * A page as plain text (SARIF's help.text, for viewers that do not render Markdown): code blocks indented, heading
     * marks, backticks and bold marks dropped, links written as "text (address)".
     */
    static String plainText(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                code = !code;
                continue;
            }
            if (code) {
                out.append("    ").append(line).append('\n');
                continue;
            }
            String l = HEADING.matcher(line).replaceFirst("").replace("`", "").replace("**", "").replace("\\|", "|");
            l = LINK.matcher(l).replaceAll("$1 ($2)");
            out.append(l).append('\n');
        }
        return out.toString().strip() + "\n";
    }

    static final class ChecksCommand implements Main.Command {
        @Override public String name() { return "checks"; }
        @Override public String summary() { return "list the checks and diff's causes with their ids, severities and summaries"; }
        @Override public String help() {
            return "Usage: lkmm-hazard checks\n\n"
                    + "Lists every id a report can carry: its id (for explain, and for --checks and --disable\n"
                    + "when scan reports it), its severity, which commands report it (scan; diff, which compile\n"
                    + "and passes share), which IR it reads in each (optimized, pre-optimization or any for\n"
                    + "scan; before+after for diff), whether it needs debug info (-g) there, and what it finds.\n\n"
                    + "Example:\n  lkmm-hazard checks\n  lkmm-hazard explain ctrl-hoisted-store\n\n"
                    + "Exit status: 0; 2 on a usage error (checks takes no arguments).\n";
        }
        @Override public Options options() { return new Options(); }

        @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Main.UsageException {
            if (!line.getArgList().isEmpty()) throw new Main.UsageException("checks takes no arguments (to read about one check: lkmm-hazard explain ID)");
            List<Rule> all = Rules.all();
            int idWidth = 0, modesWidth = 0, readsWidth = 0;
            for (Rule r : all) {
                idWidth = Math.max(idWidth, r.id().length());
                modesWidth = Math.max(modesWidth, modes(r).length());
                readsWidth = Math.max(readsWidth, reads(r).length());
            }
            for (Rule r : all) {
                StringBuilder sb = new StringBuilder(r.id());
                while (sb.length() < idWidth + 2) sb.append(' ');
                sb.append(String.format("%-8s %-" + modesWidth + "s  %-" + readsWidth + "s  %s%n", r.severity().keyword,
                        modes(r), reads(r), r.summary()));
                out.print(sb);
            }
            out.println();
            out.println("scan reports the ids listed with scan, and diff, compile and passes those listed with diff;");
            out.println("the IR read is given for each of them in that order. Run 'lkmm-hazard explain ID' for a page:");
            out.println("an example, the IR, why it breaks the LKMM, and how to fix the source.");
            return Main.OK;
        }
    }

    static final class ExplainCommand implements Main.Command {
        @Override public String name() { return "explain"; }
        @Override public String summary() { return "print the page of a check or of a cause diff names: what it finds, an example, the fix"; }
        @Override public String help() {
            return "Usage: lkmm-hazard explain ID\n\n"
                    + "Prints the documentation page of an id that scan, diff, compile or passes reports\n"
                    + "(Markdown, as in docs/checks/ID.md): what it finds, a minimal C or Rust example, the IR\n"
                    + "the compiler makes of it, why that breaks the Linux-kernel memory model, and how to fix\n"
                    + "the source.\n\n"
                    + "Example:\n  lkmm-hazard explain ctrl-hoisted-store\n  lkmm-hazard explain ctrl-folded-condition\n\n"
                    + "Exit status: 0 when the page was printed; 2 for an unknown id or a usage error.\n";
        }
        @Override public Options options() { return new Options(); }

        @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Main.UsageException {
            if (line.getArgList().size() != 1) throw new Main.UsageException("explain takes one check id (run 'lkmm-hazard checks' for the list)");
            String id = line.getArgList().get(0);
            Rule rule = Rules.byId(id);
            if (rule == null)
                throw new Main.UsageException("unknown check '" + id + "' (ids: " + String.join(", ", Rules.ids()) + ")");
            String page = rule.page();
            if (page == null) throw new Main.UsageException("no documentation page for " + id + " in this build");
            out.print(page);
            if (!page.endsWith("\n")) out.println();
            return Main.OK;
        }
    }
}
