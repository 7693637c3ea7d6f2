package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The few blocks of a function's control-flow graph that a finding is about: those holding its instructions, the
 * blocks on the paths between them, and the arms of its branches. Bounded, so that a report stays small.
 *
 * @param file     the {@code .ll} file
 * @param function the function, as reports name it
 * @param blocks   the blocks shown, in function order
 * @param edges    the control-flow edges between shown blocks
 * @param omitted  how many blocks that qualified were left out to keep the excerpt small
 */
@JsonPropertyOrder({"file", "function", "omitted", "blocks", "edges"})
public record CfgExcerpt(String file, String function, List<Block> blocks, List<Edge> edges, int omitted) {
    public CfgExcerpt {
        blocks = List.copyOf(blocks);
        int shown = blocks.size();
        // an edge must name shown blocks, which the HTML report indexes; one read back from JSON may name any
        edges = edges.stream().filter(e -> e.from >= 0 && e.from < shown && e.to >= 0 && e.to < shown).toList();
    }

    /** What a block is to the finding; a block may be several. */
    public enum Role {
        /** holds the marked access where the dependency begins */
        SOURCE,
        /** ends in a branch of the evidence */
        BRANCH,
        /** holds the instruction the finding is about (the dependency's ending) */
        ENDING;

        @JsonValue public String keyword() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * A shown block.
     *
     * @param label        its name as IR prints it, e.g. {@code %4}
     * @param irLine       the line of its label in the {@code .ll} file, or of its first instruction for the entry
     * @param roles        what it is to the finding; empty for a block that is only on the way
     * @param lines        the instructions shown: the finding's, and the terminator; others become an elision line
     * @param hiddenEdges  how many of its successors are not shown
     */
    @JsonPropertyOrder({"label", "irLine", "roles", "lines", "hiddenEdges"})
    public record Block(String label, int irLine, List<Role> roles, List<IrLine> lines, int hiddenEdges) {
        public Block {
            roles = List.copyOf(roles);
            lines = List.copyOf(lines);
        }
    }

    /**
     * A control-flow edge between two shown blocks (indices into {@link #blocks}).
     *
     * @param kind what the terminator says: {@code true}, {@code false}, {@code jump}, {@code case}, {@code default},
     *             {@code unwind}, ...
     * @param back whether it goes back to a block a depth-first search from the entry had open (a loop's back edge)
     */
    @JsonPropertyOrder({"from", "to", "kind", "back"})
    public record Edge(int from, int to, String kind, boolean back) {}
}
