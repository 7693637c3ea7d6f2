package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON report: what CI keeps, what {@code --baseline} and {@code compare} read back. The shape is
 * <pre>
 * {"tool": {"name", "version", "informationUri"},
 *  "summary": {"files", "filesFailed", "findings", "bySeverity": {...}, "byCheck": {...}, "suppressed", "baselined"},
 *  "files": [{"path", "status": "ok|error", "error"?, "stage"?, "functions", "instructions", "notes"}],
 *  "findings": [{"check", "severity", "message", "file", "irLine", "irColumn", "function", "mangledFunction",
 *                "source": {"file", "line", "column", "function"?, "inlinedAt": [...]} | null,
 *                "related": [{"message", "irLine", "source"}], "evidence": [{"irLine", "ir", "source"}],
 *                "weakEvidence"?, "before"?: {"file", "evidence": [...]}, "brokenBy"?: {"pass", "number"},
 *                "fingerprint", "excerpt"?: {"ir": [{"title", "file", "lines": [{"line", "text", "onChain"}]}],
 *                                            "cfg": CFG | null, "beforeCfg"?: CFG}}]}
 * CFG = {"file", "function", "omitted", "blocks": [{"label", "irLine", "roles": ["source"|"branch"|"ending"],
 *                                                  "lines": [...], "hiddenEdges"}],
 *        "edges": [{"from", "to", "kind", "back"}]}
 * </pre>
 * The records of the report carry the shape in their annotations: key order, the keys left out when null. Maps are
 * sorted, so the same report gives the same bytes.
 *
 * <p>Reading is as lenient as the reader that walked the tree by hand was, for older and hand-made reports: a key
 * left out or null is empty text, an empty list, 0 or false, except that the optional keys (?) and the check, severity
 * and fingerprint stay null ({@code @JsonSetter(nulls = Nulls.SET)}); a null in a list is skipped; unknown keys are
 * ignored; a value of another type is read as {@link WrongTypes} says.
 */
public final class JsonReport {
    /** Writes and reads every JSON report: scan's, diff's, merge's and compare's. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a CFG role this version does not know is left out
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .withConfigOverride(String.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY, Nulls.SKIP)))
            .addHandler(new WrongTypes())
            .build();

    /**
     * A value of the wrong JSON type is read as the reader before data binding read it (JsonNode's asText, asInt,
     * asBoolean and path): text that is not a number is 0 or false, an object or array where text belongs is empty
     * text, and a value where an object or array belongs is null or an empty list.
     */
    private static final class WrongTypes extends DeserializationProblemHandler {
        @Override
        public Object handleWeirdStringValue(DeserializationContext c, Class<?> type, String value, String failure) {
            return zero(type);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext c, Class<?> type, Number value, String failure) {
            return zero(type);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext c, JavaType type, JsonToken token, JsonParser p,
                                            String failure) throws IOException {
            p.skipChildren();
            if (type.hasRawClass(String.class)) return "";
            if (type.isCollectionLikeType()) return new ArrayList<>();
            Object zero = zero(type.getRawClass());
            return zero != NOT_HANDLED ? zero : null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext c, Class<?> type, ValueInstantiator instantiator,
                                                JsonParser p, String failure) throws IOException {
            p.skipChildren();
            return null;
        }

        private static Object zero(Class<?> type) {
            if (type == int.class || type == Integer.class) return 0;
            if (type == long.class || type == Long.class) return 0L;
            if (type == boolean.class || type == Boolean.class) return false;
            return NOT_HANDLED;
        }
    }

    private JsonReport() {}

    /** The whole report as JSON has it: the summary is counted from the files and findings. */
    @JsonPropertyOrder({"tool", "summary", "files", "findings"})
    record Document(ToolInfo tool, Summary summary, List<FileResult> files,
                    // kept, to be refused below as a finding without a check
                    @JsonSetter(contentNulls = Nulls.SET) List<Finding> findings) {}

    /** Only the suppressed and baselined counts are read back; the others are counted again when written. */
    @JsonPropertyOrder({"files", "filesFailed", "findings", "bySeverity", "byCheck", "suppressed", "baselined"})
    @JsonIgnoreProperties(value = {"files", "filesFailed", "findings", "bySeverity", "byCheck"}, allowGetters = true)
    record Summary(int files, int filesFailed, int findings, Map<String, Integer> bySeverity, Map<String, Integer> byCheck,
                   int suppressed, int baselined) {
        static Summary of(ScanReport r) {
            int failed = 0;
            for (FileResult f : r.files()) if (!f.ok()) failed++;
            Map<String, Integer> bySeverity = new TreeMap<>(), byCheck = new TreeMap<>();
            for (Finding f : r.findings()) {
                bySeverity.merge(f.severity().keyword, 1, Integer::sum);
                byCheck.merge(f.check(), 1, Integer::sum);
            }
            return new Summary(r.files().size(), failed, r.findings().size(), bySeverity, byCheck, r.suppressed(),
                    r.baselined());
        }
    }

    public static void write(ScanReport r, OutputStream out) throws IOException {
        writeValue(new Document(r.tool(), Summary.of(r), r.files(), r.findings()), out);
    }

    /** Any value made of the report's records (compare's document holds findings), indented, and a newline. */
    public static void writeValue(Object value, OutputStream out) throws IOException {
        out.write(JSON.writeValueAsBytes(value));
        out.write('\n');
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** A JSON report that cannot be read back, with the reason in one line. */
    public static final class FormatException extends IOException {
        public FormatException(String message) { super(message); }
    }

    /** Reads a report this class wrote (for baselines, {@code compare} and {@code merge}). */
    public static ScanReport read(Path file) throws IOException {
        return read(file.toString(), Files.readAllBytes(file));
    }

    /** Reads a report from its bytes; {@code file} is the name messages give it ({@code <stdin>} for standard input). */
    public static ScanReport read(String file, byte[] bytes) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new FormatException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": error: not JSON: " + plainJacksonMessage(e.getOriginalMessage()));
        }
        // The whole file is parsed before it is bound, so a syntax error is reported as such wherever it is.
        if (root == null || !root.isObject() || !root.path("findings").isArray() || !root.path("files").isArray())
            throw new FormatException(file + ": error: not an lkmm-hazard JSON report (no \"files\" and \"findings\" arrays)");
        Document d;
        try {
            d = JSON.treeToValue(root, Document.class);
        } catch (JsonMappingException e) {
            throw new FormatException(file + ": error: not an lkmm-hazard JSON report (" + where(e) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        for (int k = 0; k < d.findings().size(); k++) {
            Finding f = d.findings().get(k);
            if (f == null || f.check() == null || f.severity() == null || f.fingerprint() == null)
                throw new FormatException(file + ": error: finding " + k + " lacks a check, severity or fingerprint");
        }
        ToolInfo tool = d.tool() != null ? d.tool() : ToolInfo.read(null, "", null);
        Summary s = d.summary();
        return new ScanReport(tool, d.files(), d.findings(), s == null ? 0 : s.suppressed(), s == null ? 0 : s.baselined());
    }

    /** The value that could not be bound, as {@code findings[3].irLine}. */
    private static String where(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.isEmpty() ? "the report" : sb.toString();
    }

    /**
     * Jackson's message without its source description: "(start marker at [Source: REDACTED (`...` disabled); line: 1,
     * column: 1])" becomes "(start marker at line 1, column 1)", the position being all that helps.
     */
    static String plainJacksonMessage(String message) {
        return message == null ? "" : message.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
    }
}
