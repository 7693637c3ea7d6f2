package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.List;

/**
 * What happened to one input file of a scan.
 *
 * @param path         the file as the user named it (or as found below a directory they named)
 * @param ok           whether it was read and scanned; JSON says {@code "status": "ok"} or {@code "error"}
 * @param error        null when ok, else the one-line error ({@code FILE:LINE:COL: error: ...})
 * @param stage        {@code optimized} or {@code pre-optimization}: which checks ran; null when not read
 * @param functions    defined functions scanned
 * @param instructions instructions in them
 * @param notes        remarks for the user: a check skipped for want of debug info, how the stage was told
 */
@JsonPropertyOrder({"path", "status", "error", "stage", "functions", "instructions", "notes"})
public record FileResult(String path,
                         @JsonProperty("status") @JsonSerialize(converter = StatusOfOk.class)
                         @JsonDeserialize(converter = OkOfStatus.class) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean ok,
                         @JsonInclude(Include.NON_NULL) @JsonSetter(nulls = Nulls.SET) String error,
                         @JsonInclude(Include.NON_NULL) @JsonSetter(nulls = Nulls.SET) String stage,
                         int functions, long instructions, List<String> notes) {
    public FileResult {
        notes = List.copyOf(notes);
    }

    public static FileResult failed(String path, String error) {
        return new FileResult(path, false, error, null, 0, 0, List.of());
    }

    static final class StatusOfOk extends StdConverter<Boolean, String> {
        @Override public String convert(Boolean ok) { return ok ? "ok" : "error"; }
    }

    /** Anything but {@code "ok"} counts as failed: a file of unknown status was not shown to be scanned. */
    static final class OkOfStatus extends StdConverter<String, Boolean> {
        @Override public Boolean convert(String status) { return "ok".equals(status); }
    }
}
