package dev.lkmmhazard.ir;

import java.util.List;

/**
 * An LLVM type. Instances are interned by {@link TypeTable} so identity comparison works within one module.
 * {@link #toString()} prints the type as it is written in IR (named structs by reference).
 */
public abstract sealed class Type
        permits Type.VoidType, Type.IntType, Type.FloatType, Type.PointerType, Type.TypedPointerType,
                Type.ArrayType, Type.VectorType, Type.StructType, Type.FunctionType, Type.SimpleType,
                Type.TargetExtType {

    public boolean isVoid() { return this instanceof VoidType; }
    public boolean isPointer() { return this instanceof PointerType || this instanceof TypedPointerType; }
    public boolean isInteger() { return this instanceof IntType; }

    public static final class VoidType extends Type {
        VoidType() {}
        @Override public String toString() { return "void"; }
    }

    public static final class IntType extends Type {
        public final int bits;
        IntType(int bits) { this.bits = bits; }
        @Override public String toString() { return "i" + bits; }
    }

    /** half, bfloat, float, double, x86_fp80, fp128, ppc_fp128. */
    public static final class FloatType extends Type {
        public final String keyword;
        FloatType(String keyword) { this.keyword = keyword; }
        @Override public String toString() { return keyword; }
    }

    /** Opaque pointer {@code ptr} or {@code ptr addrspace(N)}. */
    public static final class PointerType extends Type {
        public final int addressSpace;
        PointerType(int addressSpace) { this.addressSpace = addressSpace; }
        @Override public String toString() { return addressSpace == 0 ? "ptr" : "ptr addrspace(" + addressSpace + ")"; }
    }

    /** Typed pointer of LLVM 14 and older: {@code i32*}, {@code i8 addrspace(1)*}. */
    public static final class TypedPointerType extends Type {
        public final Type pointee;
        public final int addressSpace;
        TypedPointerType(Type pointee, int addressSpace) { this.pointee = pointee; this.addressSpace = addressSpace; }
        @Override public String toString() {
            return addressSpace == 0 ? pointee + "*" : pointee + " addrspace(" + addressSpace + ")*";
        }
    }

    public static final class ArrayType extends Type {
        /** Unsigned, as in LLVM: {@code [18446744073709551615 x i8]} has length -1 here. */
        public final long length;
        public final Type element;
        ArrayType(long length, Type element) { this.length = length; this.element = element; }
        @Override public String toString() { return "[" + Long.toUnsignedString(length) + " x " + element + "]"; }
    }

    public static final class VectorType extends Type {
        public final boolean scalable;
        public final long length;
        public final Type element;
        VectorType(boolean scalable, long length, Type element) {
            this.scalable = scalable; this.length = length; this.element = element;
        }
        @Override public String toString() {
            return "<" + (scalable ? "vscale x " : "") + length + " x " + element + ">";
        }
    }

    /**
     * A literal struct ({@code { i32, ptr }}, {@code <{ i8 }>}) or a named/numbered one ({@code %struct.s}, {@code %0}).
     * A named struct's body is set when its definition is read; until then, or for {@code opaque}, it is opaque.
     */
    public static final class StructType extends Type {
        /** null for literal structs; the unquoted name (or number) otherwise. */
        public final String name;
        private List<Type> elements;
        private boolean packed;
        private boolean opaque;

        StructType(String name, List<Type> elements, boolean packed) {
            this.name = name; this.elements = elements; this.packed = packed; this.opaque = elements == null;
        }
        public boolean isLiteral() { return name == null; }
        public boolean isOpaque() { return opaque; }
        public boolean isPacked() { return packed; }
        public List<Type> elements() { return elements == null ? List.of() : elements; }

        /** Gives a named struct its body (from {@code %name = type {...}}). */
        public void setBody(List<Type> elements, boolean packed) {
            this.elements = List.copyOf(elements); this.packed = packed; this.opaque = false;
        }

        /** The body as written after {@code = type}. */
        public String bodyString() {
            if (opaque) return "opaque";
            StringBuilder sb = new StringBuilder(packed ? "<{" : "{");
            for (int i = 0; i < elements.size(); i++) sb.append(i == 0 ? " " : ", ").append(elements.get(i));
            sb.append(elements.isEmpty() ? "" : " ").append(packed ? "}>" : "}");
            return sb.toString();
        }

        @Override public String toString() { return name != null ? Names.local(name) : bodyString(); }
    }

    public static final class FunctionType extends Type {
        public final Type returnType;
        public final List<Type> params;
        public final boolean varArg;
        FunctionType(Type returnType, List<Type> params, boolean varArg) {
            this.returnType = returnType; this.params = params; this.varArg = varArg;
        }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder().append(returnType).append(" (");
            for (int i = 0; i < params.size(); i++) sb.append(i == 0 ? "" : ", ").append(params.get(i));
            if (varArg) sb.append(params.isEmpty() ? "..." : ", ...");
            return sb.append(')').toString();
        }
    }

    /** label, token, metadata, x86_amx, x86_mmx. */
    public static final class SimpleType extends Type {
        public final String keyword;
        SimpleType(String keyword) { this.keyword = keyword; }
        @Override public String toString() { return keyword; }
    }

    /** {@code target("name", T..., N...)}. */
    public static final class TargetExtType extends Type {
        public final String name;
        public final List<Type> typeParams;
        public final List<Long> intParams;
        TargetExtType(String name, List<Type> typeParams, List<Long> intParams) {
            this.name = name; this.typeParams = typeParams; this.intParams = intParams;
        }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder("target(\"").append(Names.escapeString(name)).append('"');
            for (Type t : typeParams) sb.append(", ").append(t);
            for (Long n : intParams) sb.append(", ").append(n);
            return sb.append(')').toString();
        }
    }
}
