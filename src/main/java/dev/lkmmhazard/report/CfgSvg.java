package dev.lkmmhazard.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link CfgExcerpt} as SVG without Graphviz: blocks in layers by the longest path from the excerpt's roots
 * (the block of the marked load, in practice), ordered in each layer by the mean position of their predecessors, and
 * edges as curves from the bottom of a block to the top of its successor; back edges go round on the right. A dozen
 * blocks at most, so nothing cleverer is needed. All text is escaped with {@link Html#escape}.
 */
public final class CfgSvg {
    static final double CHAR_W = 7.2, LINE_H = 15, PAD = 6, LAYER_GAP = 46, NODE_GAP = 28, MARGIN = 14, BACK_ROOM = 60;
    /** A longer line is cut in the drawing; the IR excerpt beside it has the whole line. */
    static final int MAX_CHARS = 64;

    private CfgSvg() {}

    /** Where a block goes: its layer, and its box. */
    public record Box(int block, int layer, double x, double y, double w, double h) {
        double cx() { return x + w / 2; }
    }

    public record Layout(List<Box> boxes, double width, double height) {}

    /** The colour of each role's frame, also used for the legend. */
    static String roleColor(CfgExcerpt.Role r) {
        return switch (r) {
            case SOURCE -> "#1f5fbf";
            case BRANCH -> "#c07000";
            case ENDING -> "#c0282d";
        };
    }

    public static Layout layout(CfgExcerpt c) {
        int n = c.blocks().size();
        int[] layer = new int[n];
        int[] topo = topologicalOrder(c);
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) rank[topo[k]] = k;
        for (int v : topo)
            for (CfgExcerpt.Edge e : c.edges())
                if (e.to() == v && forward(e, rank)) layer[v] = Math.max(layer[v], layer[e.from()] + 1);
        int layers = 0;
        for (int l : layer) layers = Math.max(layers, l + 1);

        // order in each layer: by the mean position of the predecessors placed above, then by function order
        List<List<Integer>> rows = new ArrayList<>();
        for (int l = 0; l < layers; l++) rows.add(new ArrayList<>());
        for (int b = 0; b < n; b++) rows.get(layer[b]).add(b);
        double[] position = new double[n];
        for (int l = 0; l < layers; l++) {
            List<Integer> row = rows.get(l);
            double[] key = new double[n];
            for (int b : row) {
                double sum = 0;
                int count = 0;
                for (CfgExcerpt.Edge e : c.edges())
                    if (e.to() == b && forward(e, rank)) { sum += position[e.from()]; count++; }
                key[b] = count == 0 ? b : sum / count;
            }
            row.sort(Comparator.<Integer>comparingDouble(b -> key[b]).thenComparingInt(b -> b));
            for (int k = 0; k < row.size(); k++) position[row.get(k)] = k;
        }

        double[] w = new double[n], h = new double[n];
        for (int b = 0; b < n; b++) {
            int chars = header(c.blocks().get(b)).length();
            for (IrLine line : c.blocks().get(b).lines()) chars = Math.max(chars, shown(line).length());
            w[b] = Math.min(Math.max(chars, 10), MAX_CHARS) * CHAR_W + 2 * PAD;
            h[b] = (1 + c.blocks().get(b).lines().size()) * LINE_H + 2 * PAD;
        }
        double[] rowWidth = new double[layers];
        double widest = 0;
        for (int l = 0; l < layers; l++) {
            for (int b : rows.get(l)) rowWidth[l] += w[b];
            rowWidth[l] += NODE_GAP * Math.max(0, rows.get(l).size() - 1);
            widest = Math.max(widest, rowWidth[l]);
        }
        Box[] boxes = new Box[n];
        double y = MARGIN;
        for (int l = 0; l < layers; l++) {
            double x = MARGIN + (widest - rowWidth[l]) / 2, tallest = 0;
            for (int b : rows.get(l)) {
                boxes[b] = new Box(b, l, x, y, w[b], h[b]);
                x += w[b] + NODE_GAP;
                tallest = Math.max(tallest, h[b]);
            }
            y += tallest + LAYER_GAP;
        }
        boolean anyBack = false;
        for (CfgExcerpt.Edge e : c.edges()) anyBack |= !forward(e, rank);
        double height = layers == 0 ? 2 * MARGIN : y - LAYER_GAP + MARGIN + 16; // room for the stubs of hidden edges
        double width = widest + 2 * MARGIN + (anyBack ? BACK_ROOM : 0);
        // the "+N edges not shown" note under a block's right corner may reach past the drawing
        for (Box b : boxes) if (c.blocks().get(b.block()).hiddenEdges() > 0) width = Math.max(width, b.x() + b.w() + 110);
        return new Layout(List.of(boxes), width, height);
    }

    /**
     * The blocks in an order where every edge not marked back goes forward; an edge that still goes backward (a JSON
     * report can say anything) is then drawn as a back edge.
     */
    private static int[] topologicalOrder(CfgExcerpt c) {
        int n = c.blocks().size();
        int[] in = new int[n];
        for (CfgExcerpt.Edge e : c.edges()) if (!e.back() && e.from() != e.to()) in[e.to()]++;
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int k = 0;
        while (k < n) {
            int next = -1;
            for (int b = 0; b < n && next < 0; b++) if (!placed[b] && in[b] == 0) next = b;
            if (next < 0) for (int b = 0; b < n && next < 0; b++) if (!placed[b]) next = b; // a cycle: break it
            placed[next] = true;
            order[k++] = next;
            for (CfgExcerpt.Edge e : c.edges()) if (e.from() == next && !e.back() && e.from() != e.to()) in[e.to()]--;
        }
        return order;
    }

    private static boolean forward(CfgExcerpt.Edge e, int[] rank) {
        return !e.back() && rank[e.from()] < rank[e.to()];
    }

    /** The SVG element; {@code idPrefix} keeps its marker id apart from the other drawings of the page. */
    public static String draw(CfgExcerpt c, String idPrefix) {
        Layout layout = layout(c);
        List<Box> boxes = layout.boxes();
        int n = boxes.size();
        int[] rank = new int[n];
        int[] topo = topologicalOrder(c);
        for (int k = 0; k < n; k++) rank[topo[k]] = k;
        String arrow = idPrefix + "-arrow";
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cfg\" width=\"").append(num(layout.width()))
                .append("\" height=\"").append(num(layout.height())).append("\" viewBox=\"0 0 ").append(num(layout.width()))
                .append(' ').append(num(layout.height())).append("\" role=\"img\" aria-label=\"control flow of ")
                .append(Html.escape(c.function())).append("\" font-family=\"monospace\" font-size=\"12\">\n");
        sb.append("<title>").append(Html.escape("control flow of " + c.function())).append("</title>\n");
        sb.append("<defs><marker id=\"").append(Html.escape(arrow)).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/>")
                .append("</marker></defs>\n");

        // edges under the boxes; a block's outgoing edges leave from points spread along its bottom
        double right = 0;
        for (Box b : boxes) right = Math.max(right, b.x() + b.w());
        int backs = 0;
        for (int from = 0; from < n; from++) {
            List<CfgExcerpt.Edge> out = new ArrayList<>();
            for (CfgExcerpt.Edge e : c.edges()) if (e.from() == from) out.add(e);
            out.sort(Comparator.comparingDouble(e -> boxes.get(e.to()).cx()));
            Box s = boxes.get(from);
            for (int k = 0; k < out.size(); k++) {
                CfgExcerpt.Edge e = out.get(k);
                Box t = boxes.get(e.to());
                String d;
                double lx, ly;
                if (forward(e, rank)) {
                    double spread = Math.min(30, s.w() / (out.size() + 1));
                    double sx = s.cx() + (k - (out.size() - 1) / 2.0) * spread, sy = s.y() + s.h();
                    double tx = t.cx(), ty = t.y();
                    double mid = (sy + ty) / 2;
                    d = "M" + num(sx) + "," + num(sy) + " C" + num(sx) + "," + num(mid) + " " + num(tx) + "," + num(mid)
                            + " " + num(tx) + "," + num(ty);
                    lx = sx + 4;
                    ly = sy + 13;
                } else {
                    // back (or self) edge: out of the source's right side, round the right of the drawing, into the target's
                    double x = right + 20 + 12 * backs++;
                    double sx = s.x() + s.w(), sy = s.y() + s.h() * 0.7, tx = t.x() + t.w(), ty = t.y() + Math.min(t.h() * 0.3, 20);
                    d = "M" + num(sx) + "," + num(sy) + " C" + num(x) + "," + num(sy) + " " + num(x) + "," + num(ty) + " "
                            + num(tx) + "," + num(ty);
                    lx = sx + 4;
                    ly = sy - 4;
                }
                sb.append("<path class=\"edge").append(e.back() ? " back" : "").append("\" d=\"").append(d)
                        .append("\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.3\"")
                        .append(e.back() ? " stroke-dasharray=\"5,3\"" : "").append(" marker-end=\"url(#")
                        .append(Html.escape(arrow)).append(")\"/>\n");
                String label = edgeLabel(e.kind());
                if (!label.isEmpty())
                    sb.append("<text x=\"").append(num(lx)).append("\" y=\"").append(num(ly)).append("\" fill=\"#444\" font-size=\"11\">")
                            .append(Html.escape(label)).append("</text>\n");
            }
        }

        for (int b = 0; b < n; b++) {
            Box box = boxes.get(b);
            CfgExcerpt.Block block = c.blocks().get(b);
            String stroke = block.roles().isEmpty() ? "#888" : roleColor(block.roles().get(block.roles().size() - 1));
            sb.append("<g class=\"block");
            for (CfgExcerpt.Role r : block.roles()) sb.append(" role-").append(r.keyword());
            sb.append("\">\n<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
                    .append(num(box.w())).append("\" height=\"").append(num(box.h())).append("\" rx=\"4\" fill=\"#fff\" stroke=\"")
                    .append(stroke).append("\" stroke-width=\"").append(block.roles().isEmpty() ? "1" : "2.5").append("\"/>\n");
            // a block that is several things gets an inner frame per further role
            for (int r = 0; r + 1 < block.roles().size(); r++) {
                double inset = 3 * (r + 1);
                sb.append("<rect x=\"").append(num(box.x() + inset)).append("\" y=\"").append(num(box.y() + inset))
                        .append("\" width=\"").append(num(box.w() - 2 * inset)).append("\" height=\"").append(num(box.h() - 2 * inset))
                        .append("\" rx=\"3\" fill=\"none\" stroke=\"").append(roleColor(block.roles().get(r))).append("\" stroke-width=\"1.5\"/>\n");
            }
            double ty = box.y() + PAD + LINE_H - 3;
            sb.append("<text x=\"").append(num(box.x() + PAD)).append("\" y=\"").append(num(ty)).append("\" font-weight=\"bold\">")
                    .append(Html.escape(cut(header(block)))).append("</text>\n");
            for (IrLine line : block.lines()) {
                ty += LINE_H;
                if (line.onChain())
                    sb.append("<rect x=\"").append(num(box.x() + 2)).append("\" y=\"").append(num(ty - LINE_H + 3.5))
                            .append("\" width=\"").append(num(box.w() - 4)).append("\" height=\"").append(num(LINE_H))
                            .append("\" fill=\"#ffe58a\"/>\n");
                sb.append("<text x=\"").append(num(box.x() + PAD)).append("\" y=\"").append(num(ty)).append('"')
                        .append(line.line() == 0 ? " fill=\"#777\" font-style=\"italic\"" : "").append(" xml:space=\"preserve\">")
                        .append(Html.escape(cut(shown(line)))).append("</text>\n");
            }
            if (block.hiddenEdges() > 0) {
                double sx = box.x() + box.w() - 10, sy = box.y() + box.h();
                sb.append("<path d=\"M").append(num(sx)).append(',').append(num(sy)).append(" l0,12\" stroke=\"#999\" stroke-dasharray=\"2,2\"/>")
                        .append("<text x=\"").append(num(sx + 4)).append("\" y=\"").append(num(sy + 13))
                        .append("\" fill=\"#777\" font-size=\"10\">+").append(block.hiddenEdges())
                        .append(block.hiddenEdges() == 1 ? " edge" : " edges").append(" not shown</text>\n");
            }
            sb.append("</g>\n");
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** A block's first line: its label and what it is to the finding. */
    static String header(CfgExcerpt.Block b) {
        StringBuilder sb = new StringBuilder(b.label()).append(':');
        if (b.irLine() > 0) sb.append("  line ").append(b.irLine());
        if (!b.roles().isEmpty()) {
            sb.append("  [");
            for (int k = 0; k < b.roles().size(); k++) sb.append(k == 0 ? "" : ", ").append(b.roles().get(k).keyword());
            sb.append(']');
        }
        return sb.toString();
    }

    /** A line as the drawing shows it: its {@code .ll} line number, then the instruction. */
    static String shown(IrLine line) {
        return line.line() == 0 ? "      " + line.text() : String.format(Locale.ROOT, "%-5d %s", line.line(), line.text());
    }

    static String edgeLabel(String kind) {
        return switch (kind) {
            case "true" -> "T";
            case "false" -> "F";
            case "jump", "" -> "";
            default -> kind;
        };
    }

    private static String cut(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    private static String num(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : Long.toString(r / 10) + "." + Math.abs(r % 10);
    }

    static int[] layers(CfgExcerpt c) {
        Layout l = layout(c);
        int[] out = new int[l.boxes().size()];
        for (Box b : l.boxes()) out[b.block()] = b.layer();
        return Arrays.copyOf(out, out.length);
    }
}
