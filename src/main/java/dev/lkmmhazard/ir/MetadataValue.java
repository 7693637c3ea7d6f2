package dev.lkmmhazard.ir;

/** A metadata operand of a call: {@code metadata !12}, {@code metadata !DIExpression()}, {@code metadata i32 %x}. */
public final class MetadataValue extends Value {
    public final Metadata metadata;
    public MetadataValue(Type metadataType, Metadata metadata) { super(metadataType, null); this.metadata = metadata; }
    @Override public String reference() { return metadata.toString(); }
}
