package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The tool as reports name it.
 *
 * @param name           {@code lkmm-hazard}
 * @param version        the version of the running jar
 * @param informationUri the project's home page; check pages are {@code informationUri + "/blob/main/docs/checks/ID.md"}
 */
@JsonPropertyOrder({"name", "version", "informationUri"})
public record ToolInfo(String name, String version, String informationUri) {
    /** Where the project lives; also the base of the check pages' addresses in SARIF. */
    public static final String HOME = "https://github.com/lkmm-hazard/lkmm-hazard";

    public static ToolInfo of(String version) { return new ToolInfo("lkmm-hazard", version, HOME); }

    /** As a JSON report names the tool; a name or address it leaves out is this tool's. */
    @JsonCreator
    static ToolInfo read(@JsonProperty("name") @JsonSetter(nulls = Nulls.SET) String name,
                         @JsonProperty("version") String version,
                         @JsonProperty("informationUri") @JsonSetter(nulls = Nulls.SET) String informationUri) {
        return new ToolInfo(name == null ? "lkmm-hazard" : name, version, informationUri == null ? HOME : informationUri);
    }

    /** The address of a check's documentation page. */
    public String checkPage(String checkId) { return informationUri + "/blob/main/docs/checks/" + checkId + ".md"; }
}
