package dev.lkmmhazard.ir;

import java.util.List;

/** A module-level named value: global variable, function, alias or ifunc. */
public abstract class GlobalValue extends Constant {
    private static final java.util.Set<String> LINKAGES = java.util.Set.of("private", "internal", "available_externally",
            "linkonce", "weak", "common", "appending", "extern_weak", "linkonce_odr", "weak_odr", "external");

    /** Linkage, preemption, visibility, DLL storage, thread_local, unnamed_addr, addrspace... as written before the kind. */
    private List<Attribute> specifiers = List.of();
    private List<MetadataAttachment> metadata = List.of();
    private int line;

    protected GlobalValue(Type type, String name) { super(type, name); }

    public List<Attribute> specifiers() { return specifiers; }
    public void setSpecifiers(List<Attribute> s) { this.specifiers = List.copyOf(s); }
    public List<MetadataAttachment> metadata() { return metadata; }
    public void setMetadata(List<MetadataAttachment> md) { this.metadata = md; }
    public int line() { return line; }
    public void setLine(int line) { this.line = line; }

    /** The linkage keyword, "external" when none is written. */
    public String linkage() {
        for (Attribute a : specifiers) if (LINKAGES.contains(a.kind())) return a.kind();
        return "external";
    }

    public boolean isLocalLinkage() { String l = linkage(); return l.equals("internal") || l.equals("private"); }

    public MDNode attachment(String kind) {
        for (MetadataAttachment a : metadata) if (a.kind().equals(kind)) return MDNode.resolve(a.node());
        return null;
    }

    @Override public String reference() { return Names.value('@', name(), isNumbered()); }
}
