package dev.lkmmhazard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Graphviz drawings: many graphs through one dot process give what one process per graph gives. */
class CfgDotTest {
    /** A chain of {@code n} blocks, the first branching to the last: a different graph for each n. */
    private static CfgExcerpt chain(int n, String function) {
        List<CfgExcerpt.Block> blocks = new ArrayList<>();
        List<CfgExcerpt.Edge> edges = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            blocks.add(new CfgExcerpt.Block(Integer.toString(b), 10 * b, b == 0 ? List.of(CfgExcerpt.Role.SOURCE) : List.of(),
                    List.of(new IrLine(10 * b + 1, "br label %" + (b + 1), b == 0)), 0));
            if (b > 0) edges.add(new CfgExcerpt.Edge(b - 1, b, "jump", false));
        }
        edges.add(new CfgExcerpt.Edge(0, n - 1, "true", false));
        return new CfgExcerpt("x.ll", function, blocks, edges, 0);
    }

    @Test
    void oneProcessForManyGraphsDrawsWhatOneProcessPerGraphDraws() {
        assumeTrue(CfgDot.installed(), "no Graphviz dot on PATH");
        List<CfgExcerpt> excerpts = new ArrayList<>();
        for (int n = 2; n < 40; n++) excerpts.add(chain(n, "f" + n + "<&>"));
        List<String> batch = CfgDot.drawAll(excerpts);
        assertEquals(excerpts.size(), batch.size());
        for (int k = 0; k < excerpts.size(); k++) {
            String alone = CfgDot.draw(excerpts.get(k));
            assertNotNull(alone);
            assertEquals(alone, batch.get(k), "graph " + k);
            assertTrue(alone.startsWith("<svg class=\"cfg\" role=\"img\" aria-label=\"control flow of f" + (k + 2) + "&lt;&amp;&gt;\""));
        }
    }

    @Test
    void aMissingOrFailingDotGivesNoPictureAtAll() {
        List<CfgExcerpt> excerpts = List.of(chain(2, "f"), chain(3, "g"));
        assertEquals(Arrays.asList(null, null), CfgDot.drawAll(excerpts, "/nonexistent/dot"));
        assertEquals(Arrays.asList(null, null), CfgDot.drawAll(excerpts, "false"));
        // cat echoes the DOT text: no SVG document at all, so no picture rather than misplaced ones
        assertEquals(Arrays.asList(null, null), CfgDot.drawAll(excerpts, "cat"));
        assertEquals(List.of(), CfgDot.drawAll(List.of(), "/nonexistent/dot"));
    }

    @Test
    void splitCutsOneDocumentPerSvgElement() {
        String two = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"1\"><g/></svg>\n<?xml version=\"1.0\"?>\n<svg><title>b</title></svg>\n";
        assertEquals(List.of("<svg width=\"1\"><g/></svg>", "<svg><title>b</title></svg>"), CfgDot.split(two));
        assertEquals(List.of(), CfgDot.split("<svg unterminated"));
    }
}
