package dev.lkmmhazard.report;

import java.util.List;

/**
 * What a report says about a rule (SARIF's reportingDescriptor). The commands fill it in from their registry of
 * rules, so this package depends on nothing above it.
 *
 * @param id           the id findings carry
 * @param summary      one line, a phrase
 * @param description  whole sentences of plain text
 * @param severity     the default severity
 * @param helpText     the page as plain text
 * @param helpMarkdown the page as written (Markdown); null when the build has no page
 * @param precision    SARIF's precision: very-high, high, medium or low
 * @param tags         SARIF's tags
 */
public record RuleInfo(String id, String summary, String description, Severity severity, String helpText,
                       String helpMarkdown, String precision, List<String> tags) {
    public RuleInfo {
        tags = List.copyOf(tags);
    }

    /** The id in PascalCase ({@code ctrl-hoisted-store} becomes {@code CtrlHoistedStore}), SARIF's rule name. */
    public String pascalName() { return pascalName(id); }

    /** An id in PascalCase. */
    public static String pascalName(String id) {
        StringBuilder sb = new StringBuilder(id.length());
        boolean upper = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }
}
