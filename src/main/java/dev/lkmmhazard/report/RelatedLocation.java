package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The other end of a finding's dependency, or another place that explains it (clang's {@code note:}).
 *
 * @param message what is there ("the marked load R is here")
 * @param irLine  its line in the {@code .ll} file
 * @param source  its source position, or null without debug info
 */
@JsonPropertyOrder({"message", "irLine", "source"})
public record RelatedLocation(String message, int irLine, SourceLocation source) {}
