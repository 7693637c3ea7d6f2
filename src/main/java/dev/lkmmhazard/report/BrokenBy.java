package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code passes} only: the optimization pass after which a dependency was gone.
 *
 * @param pass   the pass as the dump names it, e.g. {@code SimplifyCFGPass}
 * @param number its number from {@code -print-pass-numbers} when the dump has them, else its position among the
 *               dump's banners (1 for the first)
 */
@JsonPropertyOrder({"pass", "number"})
public record BrokenBy(String pass, int number) {}
