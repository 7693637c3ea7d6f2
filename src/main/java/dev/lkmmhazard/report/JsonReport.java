package dev.lkmmhazard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 *                "source": {"file", "line", "column", "function", "inlinedAt": [...]} | null,
 *                "related": [{"message", "irLine", "source"}], "evidence": [{"irLine", "ir", "source"}],
 *                "weakEvidence"?, "before"?: {"file", "evidence": [...]}, "brokenBy"?: {"pass", "number"},
 *                "fingerprint", "excerpt"?: {"ir": [{"title", "file", "lines": [{"line", "text", "onChain"}]}],
 *                                            "cfg": CFG | null, "beforeCfg"?: CFG}}]}
 * CFG = {"file", "function", "omitted", "blocks": [{"label", "irLine", "roles": ["source"|"branch"|"ending"],
 *                                                  "lines": [...], "hiddenEdges"}],
 *        "edges": [{"from", "to", "kind", "back"}]}
 * </pre>
 * Keys come in this fixed order and maps are sorted, so the same report gives the same bytes.
 */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static void write(ScanReport r, OutputStream out) throws IOException {
        out.write(JSON.writeValueAsBytes(toJson(r)));
        out.write('\n');
    }

    public static ObjectNode toJson(ScanReport r) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode tool = root.putObject("tool");
        tool.put("name", r.tool().name());
        tool.put("version", r.tool().version());
        tool.put("informationUri", r.tool().informationUri());

        ObjectNode summary = root.putObject("summary");
        int failed = 0;
        for (FileResult f : r.files()) if (!f.ok()) failed++;
        summary.put("files", r.files().size());
        summary.put("filesFailed", failed);
        summary.put("findings", r.findings().size());
        Map<String, Integer> bySeverity = new TreeMap<>(), byCheck = new TreeMap<>();
        for (Finding f : r.findings()) {
            bySeverity.merge(f.severity().keyword, 1, Integer::sum);
            byCheck.merge(f.check(), 1, Integer::sum);
        }
        ObjectNode sev = summary.putObject("bySeverity");
        bySeverity.forEach(sev::put);
        ObjectNode chk = summary.putObject("byCheck");
        byCheck.forEach(chk::put);
        summary.put("suppressed", r.suppressed());
        summary.put("baselined", r.baselined());

        ArrayNode files = root.putArray("files");
        for (FileResult f : r.files()) {
            ObjectNode o = files.addObject();
            o.put("path", f.path());
            o.put("status", f.ok() ? "ok" : "error");
            if (f.error() != null) o.put("error", f.error());
            if (f.stage() != null) o.put("stage", f.stage());
            o.put("functions", f.functions());
            o.put("instructions", f.instructions());
            ArrayNode notes = o.putArray("notes");
            for (String n : f.notes()) notes.add(n);
        }

        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) findings.add(finding(f));
        return root;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("check", f.check());
        o.put("severity", f.severity().keyword);
        o.put("message", f.message());
        o.put("file", f.file());
        o.put("irLine", f.irLine());
        o.put("irColumn", f.irColumn());
        o.put("function", f.function());
        o.put("mangledFunction", f.mangledFunction());
        o.set("source", source(f.source()));
        ArrayNode related = o.putArray("related");
        for (RelatedLocation r : f.related()) {
            ObjectNode x = related.addObject();
            x.put("message", r.message());
            x.put("irLine", r.irLine());
            x.set("source", source(r.source()));
        }
        evidence(o.putArray("evidence"), f.evidence());
        if (f.weakEvidence() != null) o.put("weakEvidence", f.weakEvidence());
        if (f.beforeFile() != null) {
            ObjectNode before = o.putObject("before");
            before.put("file", f.beforeFile());
            evidence(before.putArray("evidence"), f.beforeEvidence());
        }
        if (f.brokenBy() != null) {
            ObjectNode by = o.putObject("brokenBy");
            by.put("pass", f.brokenBy().pass());
            by.put("number", f.brokenBy().number());
        }
        o.put("fingerprint", f.fingerprint());
        if (f.excerpt() != null) o.set("excerpt", excerpt(f.excerpt()));
        return o;
    }

    private static ObjectNode excerpt(Excerpt x) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode ir = o.putArray("ir");
        for (IrExcerpt e : x.ir()) {
            ObjectNode y = ir.addObject();
            y.put("title", e.title());
            y.put("file", e.file());
            lines(y.putArray("lines"), e.lines());
        }
        o.set("cfg", cfg(x.cfg()));
        if (x.beforeCfg() != null) o.set("beforeCfg", cfg(x.beforeCfg()));
        return o;
    }

    private static void lines(ArrayNode out, List<IrLine> lines) {
        for (IrLine l : lines) {
            ObjectNode y = out.addObject();
            y.put("line", l.line());
            y.put("text", l.text());
            y.put("onChain", l.onChain());
        }
    }

    private static JsonNode cfg(CfgExcerpt c) {
        if (c == null) return JSON.nullNode();
        ObjectNode o = JSON.createObjectNode();
        o.put("file", c.file());
        o.put("function", c.function());
        o.put("omitted", c.omitted());
        ArrayNode blocks = o.putArray("blocks");
        for (CfgExcerpt.Block b : c.blocks()) {
            ObjectNode y = blocks.addObject();
            y.put("label", b.label());
            y.put("irLine", b.irLine());
            ArrayNode roles = y.putArray("roles");
            for (CfgExcerpt.Role r : b.roles()) roles.add(r.keyword());
            lines(y.putArray("lines"), b.lines());
            y.put("hiddenEdges", b.hiddenEdges());
        }
        ArrayNode edges = o.putArray("edges");
        for (CfgExcerpt.Edge e : c.edges()) {
            ObjectNode y = edges.addObject();
            y.put("from", e.from());
            y.put("to", e.to());
            y.put("kind", e.kind());
            y.put("back", e.back());
        }
        return o;
    }

    private static void evidence(ArrayNode out, List<EvidenceStep> steps) {
        for (EvidenceStep e : steps) {
            ObjectNode x = out.addObject();
            x.put("irLine", e.irLine());
            x.put("ir", e.ir());
            x.set("source", source(e.source()));
        }
    }

    private static JsonNode source(SourceLocation s) {
        if (s == null) return JSON.nullNode();
        ObjectNode o = location(s);
        ArrayNode inl = o.putArray("inlinedAt");
        for (SourceLocation x : s.inlinedAt()) inl.add(location(x));
        return o;
    }

    private static ObjectNode location(SourceLocation s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", s.file());
        o.put("line", s.line());
        o.put("column", s.column());
        if (s.function() != null) o.put("function", s.function());
        return o;
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** A JSON report that cannot be read back, with the reason in one line. */
    public static final class FormatException extends IOException {
        public FormatException(String message) { super(message); }
    }

    /** Reads a report this class wrote (for baselines, {@code compare} and {@code merge}). */
    public static ScanReport read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new FormatException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": error: not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("findings").isArray() || !root.path("files").isArray())
            throw new FormatException(file + ": error: not an lkmm-hazard JSON report (no \"files\" and \"findings\" arrays)");
        JsonNode tool = root.path("tool");
        ToolInfo info = new ToolInfo(tool.path("name").asText("lkmm-hazard"), tool.path("version").asText(""),
                tool.path("informationUri").asText(ToolInfo.HOME));
        List<FileResult> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            List<String> notes = new ArrayList<>();
            for (JsonNode n : f.path("notes")) notes.add(n.asText());
            files.add(new FileResult(f.path("path").asText(), "ok".equals(f.path("status").asText()),
                    text(f, "error"), text(f, "stage"), f.path("functions").asInt(), f.path("instructions").asLong(), notes));
        }
        List<Finding> findings = new ArrayList<>();
        int k = 0;
        for (JsonNode f : root.path("findings")) {
            Severity sev = Severity.parse(f.path("severity").asText(""));
            String fp = text(f, "fingerprint"), check = text(f, "check");
            if (sev == null || fp == null || check == null)
                throw new FormatException(file + ": error: finding " + k + " lacks a check, severity or fingerprint");
            List<RelatedLocation> related = new ArrayList<>();
            for (JsonNode x : f.path("related"))
                related.add(new RelatedLocation(x.path("message").asText(), x.path("irLine").asInt(), readSource(x.path("source"))));
            List<EvidenceStep> evidence = readEvidence(f.path("evidence"));
            List<EvidenceStep> before = readEvidence(f.path("before").path("evidence"));
            findings.add(Finding.builder().check(check).severity(sev).message(f.path("message").asText())
                    .file(f.path("file").asText()).irLine(f.path("irLine").asInt()).irColumn(f.path("irColumn").asInt())
                    .function(f.path("function").asText()).mangledFunction(f.path("mangledFunction").asText())
                    .source(readSource(f.path("source"))).related(related).evidence(evidence)
                    .weakEvidence(text(f, "weakEvidence")).fingerprint(fp).beforeFile(text(f.path("before"), "file"))
                    .beforeEvidence(before).brokenBy(readBrokenBy(f.path("brokenBy"))).excerpt(readExcerpt(f.path("excerpt")))
                    .build());
            k++;
        }
        JsonNode summary = root.path("summary");
        return new ScanReport(info, files, findings, summary.path("suppressed").asInt(), summary.path("baselined").asInt());
    }

    private static Excerpt readExcerpt(JsonNode x) {
        if (!x.isObject()) return null;
        List<IrExcerpt> ir = new ArrayList<>();
        for (JsonNode e : x.path("ir")) ir.add(new IrExcerpt(e.path("title").asText(), e.path("file").asText(), readLines(e.path("lines"))));
        return new Excerpt(ir, readCfg(x.path("cfg")), readCfg(x.path("beforeCfg")));
    }

    private static List<IrLine> readLines(JsonNode lines) {
        List<IrLine> out = new ArrayList<>();
        for (JsonNode l : lines) out.add(new IrLine(l.path("line").asInt(), l.path("text").asText(), l.path("onChain").asBoolean()));
        return out;
    }

    private static CfgExcerpt readCfg(JsonNode c) {
        if (!c.isObject()) return null;
        List<CfgExcerpt.Block> blocks = new ArrayList<>();
        for (JsonNode b : c.path("blocks")) {
            List<CfgExcerpt.Role> roles = new ArrayList<>();
            for (JsonNode r : b.path("roles"))
                for (CfgExcerpt.Role role : CfgExcerpt.Role.values()) if (role.keyword().equals(r.asText())) roles.add(role);
            blocks.add(new CfgExcerpt.Block(b.path("label").asText(), b.path("irLine").asInt(), roles, readLines(b.path("lines")),
                    b.path("hiddenEdges").asInt()));
        }
        List<CfgExcerpt.Edge> edges = new ArrayList<>();
        for (JsonNode e : c.path("edges")) {
            int from = e.path("from").asInt(), to = e.path("to").asInt();
            // an edge must name shown blocks: the HTML report indexes them
            if (from >= 0 && from < blocks.size() && to >= 0 && to < blocks.size())
                edges.add(new CfgExcerpt.Edge(from, to, e.path("kind").asText(), e.path("back").asBoolean()));
        }
        return new CfgExcerpt(c.path("file").asText(), c.path("function").asText(), blocks, edges, c.path("omitted").asInt());
    }

    private static BrokenBy readBrokenBy(JsonNode b) {
        return b.isObject() ? new BrokenBy(b.path("pass").asText(), b.path("number").asInt()) : null;
    }

    private static List<EvidenceStep> readEvidence(JsonNode steps) {
        List<EvidenceStep> out = new ArrayList<>();
        for (JsonNode x : steps)
            out.add(new EvidenceStep(x.path("irLine").asInt(), x.path("ir").asText(), readSource(x.path("source"))));
        return out;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static SourceLocation readSource(JsonNode s) {
        if (s == null || !s.isObject()) return null;
        List<SourceLocation> inlined = new ArrayList<>();
        for (JsonNode x : s.path("inlinedAt"))
            inlined.add(new SourceLocation(x.path("file").asText(), x.path("line").asInt(), x.path("column").asInt(),
                    text(x, "function"), List.of()));
        return new SourceLocation(s.path("file").asText(), s.path("line").asInt(), s.path("column").asInt(),
                text(s, "function"), inlined);
    }
}
