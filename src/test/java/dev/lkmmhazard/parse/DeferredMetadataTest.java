package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.DISubprogram;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.ModulePrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trailing metadata read one node at a time gives the same module as reading the file whole. */
class DeferredMetadataTest {
    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static FileLayout layout(String s) {
        byte[] b = bytes(s);
        return FileLayout.of(b, b.length);
    }

    private static int tailStart(String s) { return layout(s).tailStart; }

    // HAND-WRITTEN inputs below, not compiler output.
    private static final String SMALL = """
            define i32 @f() !dbg !3 {
              ret i32 0, !dbg !5
            }

            !llvm.module.flags = !{!0}

            !0 = !{i32 2, !"Debug Info Version", i32 3}
            !1 = !DIFile(filename: "f.c", directory: "/src")
            !2 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: FullDebug)
            !3 = distinct !DISubprogram(name: "f", scope: !1, file: !1, line: 7, unit: !2)
            !4 = !{ptr @f}
            !5 = !DILocation(line: 8, column: 3, scope: !3)
            """;

    @Test
    void theTailIsTheTrailingBlockOfNumberedDefinitions() {
        int t = tailStart(SMALL);
        assertTrue(SMALL.substring(t).startsWith("!0 = !{i32 2"), SMALL.substring(t));
        FileLayout l = layout(SMALL);
        assertEquals(6, l.count);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 0, 5), List.of(l.ids[0], l.ids[1], l.ids[2], l.ids[3], l.ids[4], l.ids[5],
                l.lines[0], l.lines[5]), "ids, and lines counted from the block's first");
        String none = "define void @g() {\n  ret void\n}\n";
        assertEquals(none.length(), tailStart(none), "no metadata: an empty tail");
        assertEquals(0, tailStart(""));
        // blank lines between and after the definitions belong to the block; named metadata does not
        String gaps = "!named = !{!0}\n!0 = !{}\n\n!1 = !{}\n\n";
        assertEquals(gaps.indexOf("!0 = "), tailStart(gaps));
        FileLayout g = layout(gaps);
        assertEquals(List.of(0, 1, 0, 2), List.of(g.ids[0], g.ids[1], g.lines[0], g.lines[1]), "the blank line counts");
        assertEquals(List.of(gaps.indexOf("!1 = "), gaps.indexOf("\n", gaps.indexOf("!1 = "))), List.of(g.offsets[1], g.ends[1]));
        // a definition written over several lines ends the block where its continuation stands
        String split = "!0 = !{}\n!1 = !{i32 1,\n  i32 2}\n!2 = !{}\n";
        assertEquals(split.indexOf("!2 = "), tailStart(split));
    }

    /** The id of the one definition the layout finds in s, -1 when it finds none. */
    private static int definitionId(String s) {
        FileLayout l = layout(s);
        return l.count == 0 ? -1 : l.ids[0];
    }

    @Test
    void onlyWellShapedLinesAreDeferred() {
        String[] good = {"!0 = !{}", "!12 = distinct !DISubprogram(name: \"a(b\", line: 3)", "!7 = !{!\"}\", i32 1}\r",
                "!3 = !DIExpression()"};
        int[] ids = {0, 12, 7, 3};
        for (int i = 0; i < good.length; i++) assertEquals(ids[i], definitionId(good[i]), good[i]);
        String[] bad = {"!0 = !{", "!0 = !DILocation(line: 1", "!0 =!{}", "!x = !{}", "!0 = !{} ; comment",
                "!0 = i32 1", "!99999999999 = !{}", "!0 = !{\"a\"} junk", " !0 = !{}"};
        for (String b : bad) {
            assertEquals(-1, definitionId(b), b);
            FileLayout after = layout("!9 = !{}\n" + b + "\n");
            assertEquals(0, after.count, "a bad last line leaves no block: " + b);
        }
        FileLayout split = layout("!0 = !{!\"a\nb\"}\n!1 = !{}\n");
        assertEquals(1, split.count, "a quote left open at the end of its line");
        assertEquals(1, split.ids[0]);
    }

    /** Lines of the right shape with an error inside are deferred, and the error is reported when they are read. */
    @Test
    void aWellShapedLineWithAnErrorIsReportedWhenRead() {
        String[] lines = {"!1 = !{}}", "!1 = !{!\"open}", "!1 = !{" + "!{".repeat(300) + "}".repeat(301)};
        String[] errors = {"expected the end of the line after metadata '!1', found '}'",
                "expected a type", "nested too deeply (limit 256 levels of brackets)"};
        for (int k = 0; k < lines.length; k++) {
            String text = "!0 = !{}\n" + lines[k] + "\n";
            ParseResult r = IrReader.read("w.ll", bytes(text), true);
            assertEquals(List.of(), r.errors(), lines[k]);
            r.module().metadata.get(1); // reads it
            assertEquals(1, r.deferredErrors().size(), lines[k]);
            ParseError e = r.deferredErrors().get(0);
            assertEquals(2, e.line());
            assertTrue(e.detail().startsWith(errors[k]), e.detail());
            assertTrue(IrReader.read("w.ll", bytes(text)).errors().size() > 0, "read whole, an error too");
        }
    }

    /**
     * The lexer checks the nesting limit as it reads, deferring or not: the error is at the bracket the byte pass (kept
     * for JavaCC's reference lexer) finds.
     */
    @Test
    void nestingIsCheckedAsByTheBytePass() {
        String gep = "@g = global i8 0\n; (((\n@p = global ptr " + "getelementptr (i8, ptr ".repeat(300) + "@g"
                + ", i64 1)".repeat(300) + "\n";
        String tuples = "!named = !{" + "!{".repeat(300) + "}".repeat(300) + "}\n!0 = !{}\n";
        String vectors = "@v = global " + "<{ ".repeat(200) + "i8 " + "}>".repeat(200) + " zeroinitializer\n";
        for (String text : List.of(gep, tuples, vectors)) {
            ParseResult whole = IrReader.read("deep.ll", bytes(text));
            ParseResult deferred = IrReader.read("deep.ll", bytes(text), true);
            assertEquals(1, whole.errors().size(), text.substring(0, 20));
            assertTrue(whole.errors().get(0).detail().startsWith("nested too deeply"), whole.errors().get(0).detail());
            int[] pass = IrReader.tooDeep(bytes(text), 1);
            assertEquals(pass[0] + ":" + pass[1], whole.errors().get(0).line() + ":" + whole.errors().get(0).column());
            assertEquals(whole.errors().stream().map(ParseError::diagnostic).toList(),
                    deferred.errors().stream().map(ParseError::diagnostic).toList());
            assertNull(deferred.module());
        }
    }

    @Test
    void nodesAreReadWhenFirstAskedFor() {
        ParseResult r = IrReader.read("small.ll", bytes(SMALL), true);
        assertEquals(List.of(), r.errors());
        var table = r.module().metadata;
        assertEquals(6, table.size(), "deferred nodes count as defined");
        assertNull(table.peek(5), "not read before it is asked for");
        Function f = r.module().function("f");
        Instruction ret = f.blocks().get(0).instructions().get(0);
        DILocation loc = ret.debugLoc();
        assertNotNull(loc);
        assertEquals(8, loc.line());
        assertNotNull(table.peek(5));
        assertNull(table.peek(1), "the file is read only when the scope chain asks for it");
        DISubprogram sp = f.subprogram();
        assertEquals("f", sp.name());
        assertEquals("f.c", sp.file().filename());
        assertSame(sp, loc.scope());
        // a value in a deferred node resolves to the global
        assertSame(f, ((dev.lkmmhazard.ir.Metadata.ValueRef) table.get(4).value(0)).value());
        assertEquals(6, table.size());
    }

    @Test
    void aMalformedNodeIsAnErrorWhenRead() {
        String text = SMALL.replace("!5 = !DILocation(line: 8, column: 3, scope: !3)", "!5 = !DILocation(line: 8, column: , scope: !3)");
        ParseResult r = IrReader.read("bad.ll", bytes(text), true);
        assertEquals(List.of(), r.errors(), "the line is well shaped, so it is deferred");
        assertEquals(List.of(), r.deferredErrors());
        Instruction ret = r.module().function("f").blocks().get(0).instructions().get(0);
        assertNull(ret.debugLoc(), "the node could not be read");
        assertEquals(1, r.deferredErrors().size());
        ParseError e = r.deferredErrors().get(0);
        assertEquals(12, e.line());
        assertEquals(text.lines().toList().get(11).indexOf(", scope") + 1, e.column());
        assertTrue(e.diagnostic().startsWith("bad.ll:12:"), e.diagnostic());
        // read whole, the same error
        ParseResult whole = IrReader.read("bad.ll", bytes(text));
        assertEquals(List.of(e.diagnostic()), whole.errors().stream().map(ParseError::diagnostic).toList());
        r.readAllMetadata();
        assertEquals(1, r.allErrors().size(), "read once");
    }

    @Test
    void anUndefinedGlobalInADeferredNodeIsAnError() {
        ParseResult r = IrReader.read("g.ll", bytes(SMALL.replace("!4 = !{ptr @f}", "!4 = !{ptr @nowhere}")), true);
        assertEquals(List.of(), r.errors());
        r.readAllMetadata();
        assertEquals(1, r.deferredErrors().size());
        assertTrue(r.deferredErrors().get(0).diagnostic().contains("use of undefined global '@nowhere'"),
                r.deferredErrors().get(0).diagnostic());
    }

    @Test
    void aTruncatedOrRedefiningTailIsReadWholeAsBefore() {
        String truncated = SMALL.substring(0, SMALL.indexOf("column: 3"));
        ParseResult r = IrReader.read("t.ll", bytes(truncated), true);
        ParseResult whole = IrReader.read("t.ll", bytes(truncated));
        assertEquals(whole.errors().stream().map(ParseError::diagnostic).toList(),
                r.errors().stream().map(ParseError::diagnostic).toList());
        assertTrue(r.errors().get(0).detail().contains("truncated"), r.errors().get(0).detail());

        String twice = SMALL + "!3 = !{}\n";
        ParseResult t = IrReader.read("twice.ll", bytes(twice), true);
        assertEquals(1, t.errors().size());
        assertTrue(t.errors().get(0).detail().contains("redefinition of metadata '!3'"), t.errors().get(0).detail());
    }

    /** Every corpus file: read deferred and printed (which reads every node) equals read whole and printed. */
    @Test
    void everyCorpusFilePrintsTheSameDeferredOrWhole() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("corpus"))) {
            files = s.filter(p -> p.toString().endsWith(".ll") && !p.startsWith("corpus/passes")).sorted().toList();
        }
        assertTrue(files.size() > 100, "corpus files: " + files.size());
        int deferredSome = 0;
        for (Path p : files) {
            ParseResult whole = IrReader.read(p);
            ParseResult deferred = IrReader.read(p, IrReader.DEFAULT_MAX_SIZE, true);
            if (deferred.module() != null && deferred.module().metadata.size() > 0
                    && deferred.module().metadata.peek(deferred.module().metadata.limit() - 1) == null) deferredSome++;
            assertEquals(whole.errors().stream().map(ParseError::diagnostic).toList(),
                    deferred.errors().stream().map(ParseError::diagnostic).toList(), p.toString());
            if (whole.module() == null) continue;
            assertEquals(ModulePrinter.toString(whole.module()), ModulePrinter.toString(deferred.module()), p.toString());
            assertEquals(List.of(), deferred.deferredErrors(), p.toString());
        }
        assertTrue(deferredSome > 100, "files whose metadata was deferred: " + deferredSome);
    }

    @Test
    void aMappedFileReadsLikeItsBytes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("small.ll");
        Files.writeString(f, SMALL, StandardCharsets.ISO_8859_1);
        ParseResult mapped = IrReader.read(f, IrReader.DEFAULT_MAX_SIZE, true);
        assertEquals(List.of(), mapped.errors());
        assertEquals(ModulePrinter.toString(IrReader.read(f).module()), ModulePrinter.toString(mapped.module()));
    }
}
