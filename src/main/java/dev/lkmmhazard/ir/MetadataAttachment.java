package dev.lkmmhazard.ir;

/** {@code !dbg !12}, {@code !tbaa !5}, {@code !srcloc !{i64 1}} on an instruction, function or global. */
public record MetadataAttachment(String kind, Metadata node) {
    @Override public String toString() { return "!" + kind + " " + node; }
}
