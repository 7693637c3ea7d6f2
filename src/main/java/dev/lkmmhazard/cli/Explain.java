package dev.lkmmhazard.cli;

import dev.lkmmhazard.checks.Check;
import dev.lkmmhazard.checks.CheckRegistry;
import java.io.PrintStream;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code lkmm-hazard checks} and {@code lkmm-hazard explain ID}: what the checks are and what each one means. */
final class Explain {
    private Explain() {}

    /** The first paragraph of a check's "What it finds" section; its summary when the page has none. */
    static String description(Check c) {
        String page = CheckRegistry.page(c.id());
        if (page == null) return c.summary();
        int at = page.indexOf("## What it finds");
        if (at < 0) return c.summary();
        String rest = page.substring(page.indexOf('\n', at) + 1).strip();
        int end = rest.indexOf("\n\n");
        String para = (end < 0 ? rest : rest.substring(0, end)).replace('\n', ' ').strip();
        return para.isEmpty() || para.startsWith("#") ? c.summary() : para;
    }

    static final class ChecksCommand implements Main.Command {
        @Override public String name() { return "checks"; }
        @Override public String summary() { return "list the checks with their ids, severities and summaries"; }
        @Override public String help() {
            return "Usage: lkmm-hazard checks\n\n"
                    + "Lists every check: its id (for --checks, --disable and explain), its severity, which\n"
                    + "IR it reads (optimized, pre-optimization, or any), whether it needs debug info (-g),\n"
                    + "and what it finds.\n\n"
                    + "Example:\n  lkmm-hazard checks\n  lkmm-hazard explain ctrl-hoisted-store\n\n"
                    + "Exit status: 0; 2 on a usage error (checks takes no arguments).\n";
        }
        @Override public Options options() { return new Options(); }

        @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Main.UsageException {
            if (!line.getArgList().isEmpty()) throw new Main.UsageException("checks takes no arguments (to read about one check: lkmm-hazard explain ID)");
            List<Check> all = CheckRegistry.all();
            int width = 0;
            for (Check c : all) width = Math.max(width, c.id().length());
            for (Check c : all) {
                StringBuilder sb = new StringBuilder(c.id());
                while (sb.length() < width + 2) sb.append(' ');
                sb.append(String.format("%-8s %-17s %s%n", c.severity().keyword, c.stage().keyword + (c.needsDebugInfo() ? ", -g" : ""),
                        c.summary()));
                out.print(sb);
            }
            out.println();
            out.println("Run 'lkmm-hazard explain ID' for a check's page: an example, the IR, why it breaks the LKMM,");
            out.println("and how to fix the source.");
            return Main.OK;
        }
    }

    static final class ExplainCommand implements Main.Command {
        @Override public String name() { return "explain"; }
        @Override public String summary() { return "print a check's page: what it finds, an example, the fix"; }
        @Override public String help() {
            return "Usage: lkmm-hazard explain ID\n\n"
                    + "Prints the documentation page of a check (Markdown, as in docs/checks/ID.md): what it\n"
                    + "finds, a minimal C or Rust example, the IR the compiler makes of it, why that breaks\n"
                    + "the Linux-kernel memory model, and how to fix the source.\n\n"
                    + "Example:\n  lkmm-hazard explain ctrl-hoisted-store\n\n"
                    + "Exit status: 0 when the page was printed; 2 for an unknown check id or a usage error.\n";
        }
        @Override public Options options() { return new Options(); }

        @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Main.UsageException {
            if (line.getArgList().size() != 1) throw new Main.UsageException("explain takes one check id (run 'lkmm-hazard checks' for the list)");
            String id = line.getArgList().get(0);
            if (CheckRegistry.byId(id) == null)
                throw new Main.UsageException("unknown check '" + id + "' (checks: " + String.join(", ", CheckRegistry.ids()) + ")");
            String page = CheckRegistry.page(id);
            if (page == null) throw new Main.UsageException("no documentation page for " + id + " in this build");
            out.print(page);
            if (!page.endsWith("\n")) out.println();
            return Main.OK;
        }
    }
}
