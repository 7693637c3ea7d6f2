package dev.lkmmhazard.report;

/**
 * What a report says about a check (SARIF's rule): its id, a one-line summary, a longer description and its
 * default severity.
 */
public record RuleInfo(String id, String summary, String description, Severity severity) {
    /** The id in PascalCase ({@code ctrl-hoisted-store} becomes {@code CtrlHoistedStore}), SARIF's rule name. */
    public String pascalName() {
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
