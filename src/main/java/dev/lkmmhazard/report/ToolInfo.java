package dev.lkmmhazard.report;

/**
 * The tool as reports name it.
 *
 * @param name           {@code lkmm-hazard}
 * @param version        the version of the running jar
 * @param informationUri the project's home page; check pages are {@code informationUri + "/blob/main/docs/checks/ID.md"}
 */
public record ToolInfo(String name, String version, String informationUri) {
    /** Where the project lives; also the base of the check pages' addresses in SARIF. */
    public static final String HOME = "https://github.com/lkmm-hazard/lkmm-hazard";

    public static ToolInfo of(String version) { return new ToolInfo("lkmm-hazard", version, HOME); }

    /** The address of a check's documentation page. */
    public String checkPage(String checkId) { return informationUri + "/blob/main/docs/checks/" + checkId + ".md"; }
}
