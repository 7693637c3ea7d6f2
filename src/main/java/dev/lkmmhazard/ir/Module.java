package dev.lkmmhazard.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One .ll file: everything it declares, in the order it was written. */
public final class Module {
    public final TypeTable types = new TypeTable();
    public final MetadataTable metadata = new MetadataTable();

    private String sourceFilename;
    private String dataLayout;
    /** Parsed from {@link #dataLayout} on first use: most scans never ask for a size. */
    private DataLayout layout;
    private String triple;
    private final List<String> moduleAsm = new ArrayList<>();
    private final Map<String, String> comdats = new LinkedHashMap<>();
    private final List<GlobalVariable> globals = new ArrayList<>();
    private final List<Function> functions = new ArrayList<>();
    private final List<GlobalAlias> aliases = new ArrayList<>();
    private final Map<String, GlobalValue> byName = new HashMap<>();
    private final Map<Integer, List<Attribute>> attributeGroups = new TreeMap<>();
    private final Map<String, List<Metadata>> namedMetadata = new LinkedHashMap<>();
    private final List<String> useListOrders = new ArrayList<>();
    private final List<String> summaryEntries = new ArrayList<>();

    /** Escaped string of {@code source_filename = "..."}, or null. */
    public String sourceFilename() { return sourceFilename; }
    public void setSourceFilename(String s) { this.sourceFilename = s; }
    /** Escaped string of {@code target datalayout = "..."}, or null. */
    public String dataLayoutString() { return dataLayout; }
    public void setDataLayout(String s) {
        this.dataLayout = s;
        this.layout = null;
    }
    /** The target's type sizes and alignments: the {@code target datalayout}, or LLVM's defaults without one. */
    public DataLayout dataLayout() {
        DataLayout l = layout;
        if (l == null) layout = l = DataLayout.parse(dataLayout);
        return l;
    }
    public String triple() { return triple; }
    public void setTriple(String s) { this.triple = s; }
    /** Escaped strings of {@code module asm "..."} lines. */
    public List<String> moduleAsm() { return moduleAsm; }
    /** Comdat name to selection kind (any, exactmatch, largest, nodeduplicate, samesize). */
    public Map<String, String> comdats() { return comdats; }
    public List<GlobalVariable> globals() { return globals; }
    public List<Function> functions() { return functions; }
    public List<GlobalAlias> aliases() { return aliases; }
    /** {@code attributes #N = { ... }}, by N. */
    public Map<Integer, List<Attribute>> attributeGroups() { return attributeGroups; }
    /** {@code !name = !{...}}: each operand is a reference or inline node. */
    public Map<String, List<Metadata>> namedMetadata() { return namedMetadata; }
    /** {@code uselistorder} directives, kept as text. */
    public List<String> useListOrders() { return useListOrders; }
    /** ThinLTO summary entries ({@code ^0 = module: (...)}), each kept as its text. */
    public List<String> summaryEntries() { return summaryEntries; }

    public GlobalValue global(String name) { return byName.get(name); }
    public Function function(String name) { return byName.get(name) instanceof Function f ? f : null; }

    public void add(GlobalValue gv) {
        byName.put(gv.name(), gv);
        if (gv instanceof Function f) functions.add(f);
        else if (gv instanceof GlobalVariable g) globals.add(g);
        else aliases.add((GlobalAlias) gv);
    }

    /** Defined functions (with a body). */
    public List<Function> definedFunctions() {
        List<Function> out = new ArrayList<>();
        for (Function f : functions) if (f.isDefinition()) out.add(f);
        return out;
    }
}
