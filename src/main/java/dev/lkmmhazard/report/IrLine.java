package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of IR shown in a report excerpt.
 *
 * @param line    its line in the {@code .ll} file; 0 for a line the excerpt stands for but does not show
 *                (an elision such as "3 more instructions")
 * @param text    the line as LLVM prints it (a block's label line ends in {@code :}), without metadata attachments
 * @param onChain whether the line is one of the finding's evidence (or, before optimization, the dependency's chain)
 */
@JsonPropertyOrder({"line", "text", "onChain"})
public record IrLine(int line, String text, boolean onChain) {}
