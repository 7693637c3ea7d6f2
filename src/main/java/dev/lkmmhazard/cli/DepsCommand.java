package dev.lkmmhazard.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lkmmhazard.analysis.Cfg;
import dev.lkmmhazard.analysis.Dependencies;
import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.MarkedAccess;
import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.MarkedAccesses;
import dev.lkmmhazard.analysis.RustSymbols;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.DIFile;
import dev.lkmmhazard.ir.DILocation;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseError;
import dev.lkmmhazard.parse.ParseResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/** {@code lkmm-hazard deps}: the marked accesses and the address, data and control dependencies of each function. */
final class DepsCommand implements Main.Command {

    @Override public String name() { return "deps"; }

    @Override public String summary() { return "list marked accesses and their address, data and control dependencies"; }

    @Override public String help() {
        return new Help("Usage: lkmm-hazard deps FILE.ll|- [--function NAME] [--format text|json|dot] [--call-depth N] [-o OUT]")
                .paragraph("Lists, per function, the marked accesses (READ_ONCE-style volatile accesses, atomics,\n"
                        + "barriers, marked inline asm and helper calls) and the address, data and control\n"
                        + "dependencies that begin at marked reads, each with its chain of IR lines. Values are\n"
                        + "followed through local variables and calls to functions defined in the file; a\n"
                        + "dependency whose source or ending is in a called function is listed in the caller.\n"
                        + "Only functions with marked accesses or dependencies are listed.")
                .options("Options:", options())
                .paragraph("Example:\n"
                        + "  lkmm-hazard deps corpus/ir/clang-19/x86_64/O0-g/addr_dep.ll --function addr_dep_load\n"
                        + "  lkmm-hazard deps FILE.ll -F ctrl_dep_simple -f dot | dot -Tsvg -o cfg.svg")
                .paragraph("Exit status: 0 on success; 2 on a usage error or a file that could not be read.")
                .text();
    }

    @Override public Options options() {
        Options o = new Options();
        // -f is --format in every command; the function has -F
        o.addOption(Option.builder("F").longOpt("function").hasArg().argName("NAME")
                .desc("only this function (symbol, or demangled Rust name)").get());
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("text (default), json, or dot (the function's control-flow graph with marked accesses and "
                        + "dependency chains; needs --function)").get());
        o.addOption(Option.builder().longOpt("call-depth").hasArg().argName("N")
                .desc("follow values through at most N nested calls to functions defined in the file (default "
                        + Dependencies.DEFAULT_MAX_CALL_DEPTH + "; 0: none)").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("OUT")
                .desc("write to OUT instead of standard output").get());
        o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
        return o;
    }

    @Override public int run(CommandLine line, PrintStream out, PrintStream err) throws Exception {
        List<String> files = line.getArgList();
        if (files.size() != 1)
            throw new Main.UsageException("deps takes one FILE.ll (run 'lkmm-hazard deps --help')");
        String format = line.getOptionValue("format", "text");
        if (!format.equals("text") && !format.equals("json") && !format.equals("dot"))
            throw new Main.UsageException("--format is text, json or dot, not '" + format + "'"
                    + " (-f is --format, as in every command; the function is -F or --function)");
        String only = line.getOptionValue("function");
        if (format.equals("dot") && only == null)
            throw new Main.UsageException("--format dot draws one function: give it with --function NAME");
        int depth = Dependencies.DEFAULT_MAX_CALL_DEPTH;
        if (line.hasOption("call-depth")) {
            try {
                depth = Integer.parseInt(line.getOptionValue("call-depth"));
            } catch (NumberFormatException e) {
                depth = -1;
            }
            if (depth < 0) throw new Main.UsageException("--call-depth takes a whole number of at least 0");
        }
        IrInput.requireFile(files.get(0), "a .ll file");
        String file = IrInput.nameOf(files.get(0));
        ParseResult result = IrInput.read(files.get(0));
        for (ParseError e : result.errors()) err.println(e.diagnostic());
        if (!result.ok() || result.module() == null) return Main.ERROR;
        Module module = result.module();

        List<Function> functions = new ArrayList<>();
        for (Function f : module.functions()) {
            if (!f.isDefinition() || f.blocks().isEmpty()) continue;
            if (only == null || only.equals(f.name()) || only.equals(RustSymbols.displayName(f.name()))
                    || only.equals(RustSymbols.demangle(f.name()))) functions.add(f);
        }
        if (only != null && functions.isEmpty())
            throw new Main.UsageException("no defined function '" + only + "' in " + file);

        Dependencies deps = new Dependencies(module, MarkedAccessConfig.defaults(), depth);
        String output = line.getOptionValue("output");
        OutputStream os = output == null || output.equals("-") ? out : Files.newOutputStream(Path.of(output));
        try {
            switch (format) {
                case "json" -> writeJson(file, deps, functions, only != null, os);
                case "dot" -> writeDot(deps, functions.get(0), os);
                default -> writeText(deps, functions, only != null, os);
            }
        } finally {
            if (os != out) os.close();
            else out.flush();
        }
        return Main.OK;
    }

    // ---------------------------------------------------------------------------------------------- naming

    /** Ids of accesses, unique in a file: m + IR line (+ .k for the k-th access of one asm) or i + IR line. */
    static String id(MarkedAccess a, List<MarkedAccess> ofInstruction) {
        int k = ofInstruction.indexOf(a);
        return "m" + a.irLine() + (ofInstruction.size() > 1 && k > 0 ? "." + k : "");
    }

    private static String endingId(Dependencies deps, Dependency d) {
        Instruction e = d.ending();
        List<MarkedAccess> marked = deps.markedAccesses(d.endingFunction()).of(e);
        if (marked.isEmpty()) return "i" + e.line();
        for (MarkedAccess a : marked) if (a.addressArgument() >= 0 && a.addressArgument() == d.endingOperand()) return id(a, marked);
        return id(marked.get(0), marked);
    }

    private static String sourceId(Dependencies deps, MarkedAccess a) {
        Function f = a.instruction().parent().parent();
        return id(a, deps.markedAccesses(f).of(a.instruction()));
    }

    private static boolean listed(Dependencies deps, Function f, boolean chosen) {
        return chosen || !deps.markedAccesses(f).all().isEmpty() || !deps.of(f).isEmpty();
    }

    private static String fileName(DILocation l) {
        DIFile f = l.file();
        return f == null || f.filename() == null ? "?" : f.filename();
    }

    /** Frames of an inlined-at chain followed at most, as in the checks' source positions. */
    private static final int MAX_INLINE_DEPTH = 256;

    /** file:line:column, then " inlined at file:line:column" per level. */
    static String where(Instruction i) {
        DILocation l = i.debugLoc();
        if (l == null) return "no debug location";
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        // bounded: a damaged file can make the inlined-at chain a cycle
        for (DILocation x = l; x != null && depth < MAX_INLINE_DEPTH; x = x.inlinedAt(), depth++) {
            if (x != l) sb.append(" inlined at ");
            sb.append(fileName(x)).append(':').append(x.line()).append(':').append(x.column());
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- text

    private static void writeText(Dependencies deps, List<Function> functions, boolean chosen, OutputStream os) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
        for (Function f : functions) {
            if (!listed(deps, f, chosen)) continue;
            String name = RustSymbols.displayName(f.name());
            w.write("@" + name + (name.equals(f.name()) ? "" : "  (" + f.name() + ")") + "\n");
            MarkedAccesses marked = deps.markedAccesses(f);
            for (MarkedAccess a : marked.all()) {
                w.write("  marked " + id(a, marked.of(a.instruction())) + "  " + a.kind()
                        + (a.ordering() == null ? "" : " " + a.ordering().keyword) + " [" + a.rule() + "]  .ll line "
                        + a.irLine() + "  " + where(a.instruction()) + "\n");
            }
            for (Dependency d : deps.of(f)) {
                w.write("  " + d.type() + "  " + sourceId(deps, d.source()) + " (" + where(d.source().instruction()) + ") -> "
                        + d.endingKind() + " " + endingId(deps, d) + " (" + where(d.ending()) + ")"
                        + (d.throughOpaqueCall() ? "  [into an opaque call]" : "") + "  chain: " + chainLines(d) + "\n");
            }
        }
        w.flush();
    }

    private static String chainLines(Dependency d) {
        StringBuilder sb = new StringBuilder();
        for (Instruction i : d.chain()) sb.append(sb.length() == 0 ? "" : " ").append(i.line());
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- json

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Streams function by function, so a kernel file's output is never held whole. */
    private static void writeJson(String file, Dependencies deps, List<Function> functions, boolean chosen, OutputStream os)
            throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(os, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("file", file);
            g.writeArrayFieldStart("functions");
            for (Function f : functions) {
                if (listed(deps, f, chosen)) JSON.writeTree(g, functionJson(deps, f));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        os.write('\n');
    }

    static ObjectNode functionJson(Dependencies deps, Function f) {
        ObjectNode fn = JSON.createObjectNode();
        fn.put("name", RustSymbols.displayName(f.name()));
        fn.put("symbol", f.name());
        ArrayNode marked = fn.putArray("marked");
        MarkedAccesses ma = deps.markedAccesses(f);
        for (MarkedAccess a : ma.all()) {
            ObjectNode m = marked.addObject();
            m.put("id", id(a, ma.of(a.instruction())));
            m.put("kind", a.kind().keyword);
            m.put("rule", a.rule());
            if (a.ordering() != null) m.put("ordering", a.ordering().keyword);
            m.put("startsDependencies", a.startsDependencies());
            m.put("irLine", a.irLine());
            m.set("source", sourceJson(a.instruction()));
        }
        ArrayNode list = fn.putArray("dependencies");
        for (Dependency d : deps.of(f)) {
            ObjectNode o = list.addObject();
            o.put("type", d.type().keyword);
            o.put("from", sourceId(deps, d.source()));
            o.put("fromIrLine", d.source().irLine());
            o.set("fromSource", sourceJson(d.source().instruction()));
            Function sf = d.source().instruction().parent().parent();
            if (sf != f) o.put("fromFunction", RustSymbols.displayName(sf.name()));
            o.put("to", endingId(deps, d));
            o.put("toKind", d.endingKind().keyword);
            o.put("toIrLine", d.ending().line());
            o.set("toSource", sourceJson(d.ending()));
            if (d.endingFunction() != f) o.put("toFunction", RustSymbols.displayName(d.endingFunction().name()));
            o.put("throughOpaqueCall", d.throughOpaqueCall());
            ArrayNode chain = o.putArray("chain");
            for (Instruction i : d.chain()) chain.add(i.line());
            ArrayNode sc = o.putArray("sourceCalls");
            for (Instruction i : d.sourceCalls()) sc.add(i.line());
            ArrayNode ec = o.putArray("endingCalls");
            for (Instruction i : d.endingCalls()) ec.add(i.line());
        }
        return fn;
    }

    /** The debug location as {file, line, column, inlinedAt: [...]}, or null without one. */
    private static ObjectNode sourceJson(Instruction i) {
        DILocation l = i.debugLoc();
        if (l == null) return null;
        ObjectNode o = locationJson(l);
        ArrayNode inl = o.putArray("inlinedAt");
        int depth = 0;
        for (DILocation x = l.inlinedAt(); x != null && depth < MAX_INLINE_DEPTH; x = x.inlinedAt(), depth++) inl.add(locationJson(x));
        return o;
    }

    private static ObjectNode locationJson(DILocation l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", fileName(l));
        o.put("line", l.line());
        o.put("column", l.column());
        return o;
    }

    // ---------------------------------------------------------------------------------------------- dot

    /** A drawn node: a basic block, or an instruction of a called function that a chain reaches. */
    record Node(String id, String label, String color) {}

    /**
     * A drawn edge: a control-flow edge, or a dependency from the block of its source to that of its ending. A class,
     * not a record: the graph keeps edges by equality, and two edges may look alike.
     */
    static final class Arc {
        private final String label, color, style;
        Arc(String label, String color, String style) { this.label = label; this.color = color; this.style = style; }
        String label() { return label; }
        String color() { return color; }
        String style() { return style; }
    }

    private static void writeDot(Dependencies deps, Function f, OutputStream os) {
        Cfg cfg = new Cfg(f);
        MarkedAccesses marked = deps.markedAccesses(f);
        List<Dependency> list = deps.of(f);
        Map<BasicBlock, Node> nodes = new IdentityHashMap<>();
        Map<Instruction, Boolean> onChain = new IdentityHashMap<>();
        for (Dependency d : list) for (Instruction i : d.chain()) onChain.put(i, true);
        DirectedPseudograph<Node, Arc> g = new DirectedPseudograph<>(null, null, false);
        for (int b = 0; b < cfg.size(); b++) {
            BasicBlock block = cfg.block(b);
            StringBuilder label = new StringBuilder(block.reference()).append("\\l");
            boolean hasMarked = false, hasChain = false;
            for (Instruction i : block.instructions()) {
                boolean m = marked.isMarked(i), c = onChain.containsKey(i);
                hasMarked |= m;
                hasChain |= c;
                if (!m && !c && !i.opcode().isTerminator()) continue;
                label.append(m ? "* " : c ? "> " : "  ").append(i.line()).append(": ").append(i.opcode().keyword);
                if (i.hasName()) label.append(' ').append(i.reference());
                DILocation l = i.debugLoc();
                if (l != null) label.append("  (line ").append(l.line()).append(')');
                label.append("\\l");
            }
            Node n = new Node("b" + b, label.toString(), hasMarked ? "red" : hasChain ? "orange" : "black");
            nodes.put(block, n);
            g.addVertex(n);
        }
        for (int e = 0; e < cfg.edgeCount(); e++)
            g.addEdge(nodes.get(cfg.block(cfg.edgeSource(e))), nodes.get(cfg.block(cfg.edgeTarget(e))), new Arc("", "black", "solid"));
        Map<Instruction, Node> outside = new IdentityHashMap<>();
        for (Dependency d : list) {
            Node from = nodeOf(g, nodes, outside, d.sourceCalls().isEmpty() ? d.source().instruction() : d.sourceCalls().get(0));
            Node to = nodeOf(g, nodes, outside, d.ending());
            String color = switch (d.type()) { case ADDR -> "blue"; case DATA -> "darkgreen"; case CTRL -> "purple"; };
            g.addEdge(from, to, new Arc(d.type().keyword + " " + d.source().irLine() + "->" + d.ending().line(), color, "dashed"));
        }
        DOTExporter<Node, Arc> exporter = new DOTExporter<>(Node::id);
        exporter.setGraphIdProvider(() -> "\"" + f.name().replace("\"", "") + "\"");
        exporter.setVertexAttributeProvider(n -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            m.put("shape", DefaultAttribute.createAttribute("box"));
            m.put("fontname", DefaultAttribute.createAttribute("monospace"));
            m.put("label", DefaultAttribute.createAttribute(n.label()));
            m.put("color", DefaultAttribute.createAttribute(n.color()));
            return m;
        });
        exporter.setEdgeAttributeProvider(a -> {
            Map<String, Attribute> m = new LinkedHashMap<>();
            if (!a.label().isEmpty()) m.put("label", DefaultAttribute.createAttribute(a.label()));
            m.put("color", DefaultAttribute.createAttribute(a.color()));
            m.put("style", DefaultAttribute.createAttribute(a.style()));
            return m;
        });
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        exporter.exportGraph(g, w);
        try {
            w.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The block node of an instruction of the function, or a node of its own for one in a called function. */
    private static Node nodeOf(DirectedPseudograph<Node, Arc> g, Map<BasicBlock, Node> blocks, Map<Instruction, Node> outside,
                               Instruction i) {
        Node n = blocks.get(i.parent());
        if (n != null) return n;
        return outside.computeIfAbsent(i, x -> {
            Node o = new Node("x" + x.line(), "@" + RustSymbols.displayName(x.parent().parent().name()) + "\\l" + x.line()
                    + ": " + x.opcode().keyword + "\\l", "gray");
            g.addVertex(o);
            return o;
        });
    }
}
