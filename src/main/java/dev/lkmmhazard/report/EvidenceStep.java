package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One instruction of a finding's evidence chain.
 *
 * @param irLine its line in the {@code .ll} file
 * @param ir     the instruction as LLVM prints it (without metadata attachments)
 * @param source its source position, or null without debug info
 */
@JsonPropertyOrder({"irLine", "ir", "source"})
public record EvidenceStep(int irLine, String ir, SourceLocation source) {}
