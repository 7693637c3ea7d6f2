package dev.lkmmhazard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON report through data binding: the bytes the hand-mapped writer wrote, and what its reader accepted from
 * reports that leave keys out or give values of another type.
 */
class JsonReportTest {
    /** Every optional part present in one finding and absent in another, inlined-at frames, a failed file. */
    static ScanReport sample() {
        Finding full = HtmlReportTest.finding("ctrl-hoisted-store", Severity.ERROR, "f<script>");
        Finding bare = Finding.builder().check("mixed-access").severity(Severity.NOTE).message("plain").file("y.ll")
                .irLine(2).function("g").mangledFunction("_RNvC1a1g")
                .related(List.of(new RelatedLocation("the other end", 1,
                        new SourceLocation("s.c", 1, 2, null, List.of(new SourceLocation("t.c", 5, 0, null, List.of()))))))
                .evidence(List.of(new EvidenceStep(2, "store i32 0, ptr %p", null))).fingerprint("0123456789abcdef").build();
        CfgExcerpt before = new CfgExcerpt("b.ll", "g", List.of(new CfgExcerpt.Block("0", 1, List.of(), List.of(), 2)),
                List.of(), 4);
        Finding beforeOnly = bare.toBuilder().check("ctrl-to-select").severity(Severity.WARNING).beforeFile("b.ll")
                .excerpt(new Excerpt(List.of(), null, before)).build();
        return HtmlReportTest.report(List.of(full, bare, beforeOnly));
    }

    private static String json(ScanReport r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonReport.write(r, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Path file(Path dir, String text) throws IOException {
        Path p = dir.resolve("r.json");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void writesWhatTheHandMappedWriterWrote() throws IOException {
        // report.json: the output of the writer that built the JSON tree by hand (e1579b4) for sample()
        String expected = Files.readString(Path.of("src/test/resources/json/report.json"));
        assertEquals(expected, json(sample()));
    }

    @Test
    void readsBackWhatItWrote(@TempDir Path dir) throws IOException {
        ScanReport r = sample();
        ScanReport back = JsonReport.read(file(dir, json(r)));
        assertEquals(r, back);
        assertEquals(json(r), json(back));
    }

    @Test
    void keysLeftOutAreEmptyOrNull(@TempDir Path dir) throws IOException {
        ScanReport r = JsonReport.read(file(dir, """
                {"files": [{"path": "a.ll"}],
                 "findings": [{"check": "c", "severity": "WARNING", "fingerprint": "f", "before": {"file": null}}]}"""));
        assertEquals(ToolInfo.of(""), r.tool());
        assertEquals(0, r.suppressed());
        assertEquals(new FileResult("a.ll", false, null, null, 0, 0, List.of()), r.files().get(0));
        Finding f = r.findings().get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of("", "", "", ""), List.of(f.message(), f.file(), f.function(), f.mangledFunction()));
        assertNull(f.source());
        assertNull(f.weakEvidence());
        assertNull(f.beforeFile());
        assertNull(f.excerpt());
        assertTrue(f.related().isEmpty() && f.evidence().isEmpty());
    }

    @Test
    void valuesOfAnotherTypeAreReadAsBefore(@TempDir Path dir) throws IOException {
        ScanReport r = JsonReport.read(file(dir, """
                {"tool": "x", "summary": {"suppressed": "2", "byCheck": []},
                 "files": [{"path": "a.ll", "status": "ok", "functions": "3", "notes": "n", "extra": 1}],
                 "findings": [{"check": "c", "severity": "note", "fingerprint": "f", "irLine": "abc", "irColumn": "4",
                               "message": {"a": 1}, "source": "x", "related": [{"message": "m"}],
                               "excerpt": {"ir": [{"lines": 5}],
                                           "cfg": {"blocks": [{"roles": ["source", "bogus"]}],
                                                   "edges": [{"from": 0, "to": 0}, {"from": 0, "to": 1}]}}}]}"""));
        assertEquals(ToolInfo.of(""), r.tool());
        assertEquals(2, r.suppressed());
        assertEquals(new FileResult("a.ll", true, null, null, 3, 0, List.of()), r.files().get(0));
        Finding f = r.findings().get(0);
        assertEquals(List.of(0, 4), List.of(f.irLine(), f.irColumn()));
        assertEquals("", f.message());
        assertNull(f.source());
        assertEquals(List.of(new RelatedLocation("m", 0, null)), f.related());
        assertTrue(f.excerpt().ir().get(0).lines().isEmpty());
        assertEquals(List.of(CfgExcerpt.Role.SOURCE), f.excerpt().cfg().blocks().get(0).roles());
        assertEquals(List.of(new CfgExcerpt.Edge(0, 0, "", false)), f.excerpt().cfg().edges(), "the edge to no block is dropped");
    }

    @Test
    void badInputIsOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path p = file(dir, "{\n  \"findings\": [,]\n}\n");
        String notJson = assertThrows(JsonReport.FormatException.class, () -> JsonReport.read(p)).getMessage();
        assertTrue(notJson.startsWith(p + ":2:16: error: not JSON: "), notJson);
        // Jackson's description of its source says nothing the position does not
        file(dir, "{\n");
        String unclosed = assertThrows(JsonReport.FormatException.class, () -> JsonReport.read(p)).getMessage();
        assertTrue(unclosed.endsWith("(start marker at line 1, column 1)"), unclosed);
        assertFalse(unclosed.contains("Source:"), unclosed);
        file(dir, "[]");
        assertEquals(p + ": error: not an lkmm-hazard JSON report (no \"files\" and \"findings\" arrays)",
                assertThrows(JsonReport.FormatException.class, () -> JsonReport.read(p)).getMessage());
        file(dir, "{\"files\": [], \"findings\": [{\"check\": \"c\", \"severity\": \"error\", \"fingerprint\": \"f\"},"
                + " {\"check\": \"c\", \"severity\": \"fatal\", \"fingerprint\": \"f\"}]}");
        assertEquals(p + ": error: finding 1 lacks a check, severity or fingerprint",
                assertThrows(JsonReport.FormatException.class, () -> JsonReport.read(p)).getMessage());
    }
}
