package dev.lkmmhazard.report;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * Draws a {@link CfgExcerpt} through Graphviz {@code dot -Tsvg} when it is installed. The DOT text is built with
 * jgrapht-io's exporter, as {@code deps --format dot} does. Any failure (no {@code dot}, a timeout, output that is not
 * a plain SVG) gives null, and the caller draws with {@link CfgSvg}.
 */
public final class CfgDot {
    private static final long TIMEOUT_SECONDS = 10;
    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=");
    private static final Pattern PAGE_ID = Pattern.compile("id=\"page\\d+,\\d+_graph0\"");
    private static volatile Boolean installed;

    private CfgDot() {}

    /** Whether an executable {@code dot} is on PATH (looked up once). */
    public static boolean installed() {
        Boolean b = installed;
        if (b == null) {
            b = false;
            String path = System.getenv("PATH");
            if (path != null)
                for (String dir : path.split(File.pathSeparator))
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "dot"))) b = true;
            installed = b;
        }
        return b;
    }

    /** The DOT text of the excerpt. */
    static String dot(CfgExcerpt c) {
        record Node(String id, CfgExcerpt.Block block) {}
        record Arc(int id, CfgExcerpt.Edge edge) {}
        DirectedPseudograph<Node, Arc> g = new DirectedPseudograph<>(null, null, false);
        List<Node> nodes = new ArrayList<>();
        for (int b = 0; b < c.blocks().size(); b++) {
            Node n = new Node("b" + b, c.blocks().get(b));
            nodes.add(n);
            g.addVertex(n);
        }
        int k = 0;
        for (CfgExcerpt.Edge e : c.edges()) g.addEdge(nodes.get(e.from()), nodes.get(e.to()), new Arc(k++, e));
        DOTExporter<Node, Arc> exporter = new DOTExporter<>(Node::id);
        exporter.setGraphIdProvider(() -> "cfg");
        exporter.setGraphAttributeProvider(() -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            m.put("bgcolor", DefaultAttribute.createAttribute("transparent"));
            m.put("nodesep", DefaultAttribute.createAttribute("0.4"));
            return m;
        });
        exporter.setVertexAttributeProvider(n -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            StringBuilder label = new StringBuilder(label(CfgSvg.header(n.block()))).append("\\l");
            for (IrLine line : n.block().lines())
                label.append(line.onChain() ? "> " : "  ").append(label(cut(CfgSvg.shown(line)))).append("\\l");
            m.put("shape", DefaultAttribute.createAttribute("box"));
            m.put("style", DefaultAttribute.createAttribute("rounded"));
            m.put("fontname", DefaultAttribute.createAttribute("monospace"));
            m.put("fontsize", DefaultAttribute.createAttribute("10"));
            m.put("label", DefaultAttribute.createAttribute(label.toString()));
            List<CfgExcerpt.Role> roles = n.block().roles();
            m.put("color", DefaultAttribute.createAttribute(roles.isEmpty() ? "#888888" : CfgSvg.roleColor(roles.get(roles.size() - 1))));
            m.put("penwidth", DefaultAttribute.createAttribute(roles.isEmpty() ? "1" : "2.5"));
            return m;
        });
        exporter.setEdgeAttributeProvider(a -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            String label = CfgSvg.edgeLabel(a.edge().kind());
            if (!label.isEmpty()) m.put("label", DefaultAttribute.createAttribute(label(label)));
            m.put("fontname", DefaultAttribute.createAttribute("monospace"));
            m.put("fontsize", DefaultAttribute.createAttribute("10"));
            if (a.edge().back()) m.put("style", DefaultAttribute.createAttribute("dashed"));
            return m;
        });
        StringWriter w = new StringWriter();
        exporter.exportGraph(g, w);
        return w.toString();
    }

    /**
     * The excerpt drawn by {@code dot}, as an {@code <svg>} element to put inline, or null when that fails. The
     * element carries the same class and accessible name as {@link CfgSvg}'s.
     */
    public static String draw(CfgExcerpt c) {
        return drawAll(List.of(c)).get(0);
    }

    /**
     * The excerpts drawn by one {@code dot} process, in order; all null when that fails (no {@code dot}, a timeout,
     * not one SVG document per graph), and one null for an SVG {@link #inline} refuses. Starting dot costs far more
     * than laying out one small graph (113 s against 13 s for a corpus report drawn one process per picture), and dot
     * reads any number of graphs from one input and writes one SVG document per graph, in order.
     */
    public static List<String> drawAll(List<CfgExcerpt> excerpts) {
        return drawAll(excerpts, "dot");
    }

    /** {@link #drawAll(List)} through another command, which tests name to have dot missing or failing. */
    static List<String> drawAll(List<CfgExcerpt> excerpts, String command) {
        List<String> none = new ArrayList<>(Collections.nCopies(excerpts.size(), (String) null));
        if (excerpts.isEmpty() || command.equals("dot") && !installed()) return none;
        StringBuilder input = new StringBuilder(excerpts.size() * 2048);
        for (CfgExcerpt c : excerpts) input.append(dot(c)).append('\n');
        byte[] bytes = input.toString().getBytes(StandardCharsets.UTF_8);
        Process p;
        try {
            p = new ProcessBuilder(command, "-Tsvg").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return none;
        }
        // dot writes each graph's SVG once it has read it, so its input and output go through threads of their own
        // (one thread doing both would deadlock once both pipes are full), and this one can time it out
        ByteArrayOutputStream out = new ByteArrayOutputStream(excerpts.size() * 8192);
        Thread feeder = pipe("dot-input", () -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(bytes);
            }
        });
        Thread reader = pipe("dot-output", () -> {
            try (InputStream is = p.getInputStream()) {
                is.transferTo(out);
            }
        });
        try {
            if (!p.waitFor(TIMEOUT_SECONDS + excerpts.size() / 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return none;
            }
            feeder.join();
            reader.join();
            if (p.exitValue() != 0) return none;
            List<String> docs = split(out.toString(StandardCharsets.UTF_8));
            if (docs.size() != excerpts.size()) return none;
            List<String> svgs = new ArrayList<>(docs.size());
            // dot names the group of the k-th graph of its input "page0,k_graph0": as drawn alone, it is "graph0"
            for (int k = 0; k < docs.size(); k++)
                svgs.add(inline(PAGE_ID.matcher(docs.get(k)).replaceFirst("id=\"graph0\""), excerpts.get(k).function()));
            return svgs;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return none;
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static Thread pipe(String name, Io io) {
        Thread t = new Thread(() -> {
            try {
                io.run();
            } catch (IOException ignored) {
                // dot died or was stopped; its exit status or the count of documents says so
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** dot's output for several graphs: one document per {@code <svg>...</svg>} element, in order. */
    static List<String> split(String output) {
        List<String> docs = new ArrayList<>();
        int from = 0;
        while (true) {
            int start = output.indexOf("<svg", from);
            if (start < 0) return docs;
            int end = output.indexOf("</svg>", start);
            if (end < 0) return docs;
            end += "</svg>".length();
            docs.add(output.substring(start, end));
            from = end;
        }
    }

    /**
     * The {@code <svg>} element of dot's document, without the XML declaration and doctype, which are not allowed
     * inside HTML. Dot escapes label text itself; output with anything active in it is refused all the same.
     */
    static String inline(String svg, String function) {
        int start = svg.indexOf("<svg");
        int end = svg.lastIndexOf("</svg>");
        if (start < 0 || end < start) return null;
        String body = svg.substring(start, end + "</svg>".length());
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.contains("<script") || lower.contains("<foreignobject") || lower.contains("javascript:")
                || EVENT_HANDLER.matcher(lower).find()) return null;
        return "<svg class=\"cfg\" role=\"img\" aria-label=\"control flow of " + Html.escape(function) + "\""
                + body.substring("<svg".length());
    }

    /** Text for a DOT label: backslashes doubled (dot reads escapes), characters HTML cannot hold replaced. */
    private static String label(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') sb.append("\\\\");
            else if (c < 0x20 || c >= 0x7f && c <= 0x9f) sb.append('\uFFFD');
            else sb.append(c);
        }
        return sb.toString();
    }

    private static String cut(String s) {
        return s.length() <= CfgSvg.MAX_CHARS ? s : s.substring(0, CfgSvg.MAX_CHARS - 1) + "\u2026";
    }
}
