package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The IR around one end of a finding (or both, when they are close), as the report shows it.
 *
 * @param title what the excerpt is around, e.g. "the marked load and the store"
 * @param file  the {@code .ll} file the lines are from
 * @param lines consecutive instructions of one function, with the label lines of the blocks they start
 */
@JsonPropertyOrder({"title", "file", "lines"})
public record IrExcerpt(String title, String file, List<IrLine> lines) {
    public IrExcerpt {
        lines = List.copyOf(lines);
    }
}
