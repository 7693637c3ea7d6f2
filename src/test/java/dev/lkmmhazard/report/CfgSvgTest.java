package dev.lkmmhazard.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java drawing of a CFG excerpt: blocks in layers by the longest path, arrows for every edge. */
class CfgSvgTest {
    private static CfgExcerpt.Block block(String label, CfgExcerpt.Role... roles) {
        return new CfgExcerpt.Block(label, 1, List.of(roles), List.of(new IrLine(2, "br label %x", false)), 0);
    }

    /** 0 branches to 1 and 2, 1 also jumps to 2 (so 2 is a layer below 1), both reach 3, and 3 loops back to 0. */
    private static CfgExcerpt diamondWithShortcutAndLoop() {
        return new CfgExcerpt("x.ll", "f", List.of(block("0", CfgExcerpt.Role.SOURCE), block("1"), block("2"),
                block("3", CfgExcerpt.Role.ENDING)), List.of(new CfgExcerpt.Edge(0, 1, "true", false),
                new CfgExcerpt.Edge(0, 2, "false", false), new CfgExcerpt.Edge(1, 2, "jump", false),
                new CfgExcerpt.Edge(1, 3, "jump", false), new CfgExcerpt.Edge(2, 3, "jump", false),
                new CfgExcerpt.Edge(3, 0, "jump", true)), 0);
    }

    @Test
    void blocksGoInLayersByTheLongestPathAndBackEdgesDoNotCount() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, CfgSvg.layers(diamondWithShortcutAndLoop()));
    }

    @Test
    void blocksOfOneLayerStandSideBySideAndLayersGoDown() {
        CfgExcerpt c = new CfgExcerpt("x.ll", "f", List.of(block("0"), block("1"), block("2"), block("3")),
                List.of(new CfgExcerpt.Edge(0, 1, "true", false), new CfgExcerpt.Edge(0, 2, "false", false),
                        new CfgExcerpt.Edge(1, 3, "jump", false), new CfgExcerpt.Edge(2, 3, "jump", false)), 0);
        CfgSvg.Layout l = CfgSvg.layout(c);
        assertArrayEquals(new int[] {0, 1, 1, 2}, CfgSvg.layers(c));
        List<CfgSvg.Box> b = l.boxes();
        assertEquals(b.get(1).y(), b.get(2).y());
        assertTrue(b.get(1).x() + b.get(1).w() < b.get(2).x(), "the arms overlap");
        assertTrue(b.get(0).y() + b.get(0).h() < b.get(1).y() && b.get(2).y() + b.get(2).h() < b.get(3).y());
        for (CfgSvg.Box x : b) assertTrue(x.x() >= 0 && x.x() + x.w() <= l.width() && x.y() + x.h() <= l.height());
    }

    @Test
    void everyEdgeIsAnArrowAndBackEdgesAreDashed() {
        String svg = CfgSvg.draw(diamondWithShortcutAndLoop(), "p1");
        assertEquals(6, count(svg, "marker-end=\"url(#p1-arrow)\""));
        assertEquals(1, count(svg, "class=\"edge back\""));
        assertEquals(1, count(svg, "stroke-dasharray=\"5,3\""));
        assertEquals(4, count(svg, "<g class=\"block"));
        assertTrue(svg.contains("<g class=\"block role-source\">") && svg.contains("<g class=\"block role-ending\">"));
        assertTrue(svg.contains(">T</text>") && svg.contains(">F</text>"));
    }

    @Test
    void aCycleNotMarkedBackIsStillDrawn() {
        List<CfgExcerpt.Edge> edges = new ArrayList<>(List.of(new CfgExcerpt.Edge(0, 1, "jump", false),
                new CfgExcerpt.Edge(1, 0, "jump", false), new CfgExcerpt.Edge(1, 1, "jump", false)));
        CfgExcerpt c = new CfgExcerpt("x.ll", "f", List.of(block("0"), block("1")), edges, 0);
        assertArrayEquals(new int[] {0, 1}, CfgSvg.layers(c));
        assertEquals(3, count(CfgSvg.draw(c, "p"), "marker-end="));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }
}
