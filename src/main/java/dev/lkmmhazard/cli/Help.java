package dev.lkmmhazard.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.help.HelpFormatter;
import org.apache.commons.cli.help.OptionFormatter;
import org.apache.commons.cli.help.TableDefinition;
import org.apache.commons.cli.help.TextHelpAppendable;
import org.apache.commons.cli.help.TextStyle;

/**
 * A command's {@code --help} text. The options are listed by Commons CLI's {@link HelpFormatter} from the command's
 * {@link Options}, so each option is described once, where it is declared; what the options cannot say (the usage
 * line, what the command does, examples, the exit status) is written by hand around them.
 */
final class Help {
    /** About the width the hand-written paragraphs keep to. */
    static final int WIDTH = 96;

    private final StringBuilder text = new StringBuilder();

    /** Starts with the usage line (or lines). */
    Help(String usage) {
        paragraph(usage);
    }

    /** A paragraph as written, line breaks kept; a blank line follows it. */
    Help paragraph(String lines) {
        text.append(lines.stripTrailing()).append("\n\n");
        return this;
    }

    /** A heading and all the options, in the order they were added. */
    Help options(String heading, Options options) {
        return table(heading, options, options.getOptions());
    }

    /** A heading and the options of these long names, in this order: one group of a command that has many. */
    Help options(String heading, Options options, String... longNames) {
        List<Option> group = new ArrayList<>();
        for (String name : longNames) {
            Option o = options.getOption(name);
            if (o == null) throw new IllegalArgumentException("no option --" + name);
            group.add(o);
        }
        return table(heading, options, group);
    }

    String text() {
        return text.toString().stripTrailing() + "\n";
    }

    /** The options {@code shown}, their descriptions in one column for all the command's options. */
    private Help table(String heading, Options all, Iterable<Option> shown) {
        int width = 0;
        for (List<String> row : formatter(new StringBuilder(), 0).getTableDefinition(all.getOptions()).rows())
            width = Math.max(width, row.get(0).length());
        StringBuilder table = new StringBuilder();
        try {
            formatter(table, width).printOptions(shown);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        // the table pads every column to its width, and ends its lines with the platform's separator
        String rows = table.toString().lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n"));
        return paragraph(heading + "\n" + rows);
    }

    /** Options as {@code -f, --format FORMAT}, in a first column this wide. */
    private static HelpFormatter formatter(StringBuilder out, int optionWidth) {
        return HelpFormatter.builder().setShowSince(false).setHelpAppendable(new OptionTable(out, optionWidth))
                .setOptionFormatBuilder(OptionFormatter.builder().setOptSeparator(", ").setArgumentNameDelimiters("", ""))
                .get();
    }

    /**
     * The formatter's table with the options indented by two and their descriptions wrapped flush under the first
     * line, and without its centred "Options  Description" header row.
     */
    private static final class OptionTable extends TextHelpAppendable {
        private final int optionWidth;

        OptionTable(Appendable out, int optionWidth) {
            super(out);
            this.optionWidth = optionWidth;
            setMaxWidth(WIDTH);
            setLeftPad(0);
        }

        @Override public void appendTable(TableDefinition table) throws IOException {
            List<TextStyle> styles = List.of(
                    TextStyle.builder().setLeftPad(2).setIndent(0).setMinWidth(optionWidth).setMaxWidth(optionWidth)
                            .setScalable(false).get(),
                    TextStyle.builder().setLeftPad(3).setIndent(0).setScalable(true).get());
            TableDefinition t = adjustTableFormat(TableDefinition.from(table.caption(), styles, table.headers(), table.rows()));
            for (List<String> row : t.rows()) writeColumnQueues(makeColumnQueues(row, t.columnTextStyles()), t.columnTextStyles());
        }
    }
}
