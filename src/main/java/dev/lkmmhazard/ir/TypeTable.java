package dev.lkmmhazard.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Interns the types of one module, and holds its named and numbered struct types in definition order. */
public final class TypeTable {
    public final Type.VoidType voidType = new Type.VoidType();
    public final Type.PointerType ptr = new Type.PointerType(0);
    public final Type.SimpleType label = new Type.SimpleType("label");
    public final Type.SimpleType metadata = new Type.SimpleType("metadata");
    public final Type.SimpleType token = new Type.SimpleType("token");
    private final Type.IntType[] smallInts = new Type.IntType[129];
    private final Map<Object, Type> interned = new HashMap<>();
    private final Map<String, Type.StructType> named = new LinkedHashMap<>();

    public Type.IntType intType(int bits) {
        if (bits < smallInts.length) {
            Type.IntType t = smallInts[bits];
            if (t == null) smallInts[bits] = t = new Type.IntType(bits);
            return t;
        }
        return (Type.IntType) interned.computeIfAbsent(List.of("i", bits), k -> new Type.IntType(bits));
    }

    public Type.IntType i1() { return intType(1); }

    public Type floatType(String keyword) {
        return interned.computeIfAbsent(List.of("fp", keyword), k -> new Type.FloatType(keyword));
    }

    /** label, token, metadata, x86_amx, x86_mmx, void. */
    public Type simpleType(String keyword) {
        switch (keyword) {
            case "void": return voidType;
            case "label": return label;
            case "metadata": return metadata;
            case "token": return token;
            default: return interned.computeIfAbsent(List.of("simple", keyword), k -> new Type.SimpleType(keyword));
        }
    }

    public Type.PointerType pointer(int addressSpace) {
        if (addressSpace == 0) return ptr;
        return (Type.PointerType) interned.computeIfAbsent(List.of("ptr", addressSpace), k -> new Type.PointerType(addressSpace));
    }

    public Type.TypedPointerType typedPointer(Type pointee, int addressSpace) {
        return (Type.TypedPointerType) interned.computeIfAbsent(List.of("tptr", pointee, addressSpace),
                k -> new Type.TypedPointerType(pointee, addressSpace));
    }

    public Type.ArrayType array(long length, Type element) {
        return (Type.ArrayType) interned.computeIfAbsent(List.of("array", length, element), k -> new Type.ArrayType(length, element));
    }

    public Type.VectorType vector(boolean scalable, long length, Type element) {
        return (Type.VectorType) interned.computeIfAbsent(List.of("vec", scalable, length, element),
                k -> new Type.VectorType(scalable, length, element));
    }

    public Type.StructType literalStruct(List<Type> elements, boolean packed) {
        List<Type> copy = List.copyOf(elements);
        return (Type.StructType) interned.computeIfAbsent(List.of("struct", copy, packed),
                k -> new Type.StructType(null, copy, packed));
    }

    public Type.FunctionType function(Type returnType, List<Type> params, boolean varArg) {
        List<Type> copy = List.copyOf(params);
        return (Type.FunctionType) interned.computeIfAbsent(List.of("fn", returnType, copy, varArg),
                k -> new Type.FunctionType(returnType, copy, varArg));
    }

    public Type.TargetExtType targetExt(String name, List<Type> typeParams, List<Long> intParams) {
        List<Type> tp = List.copyOf(typeParams);
        List<Long> ip = List.copyOf(intParams);
        return (Type.TargetExtType) interned.computeIfAbsent(List.of("target", name, tp, ip),
                k -> new Type.TargetExtType(name, tp, ip));
    }

    /** The named (or numbered) struct {@code %name}, created opaque on first mention. */
    public Type.StructType named(String name) {
        return named.computeIfAbsent(name, n -> new Type.StructType(n, null, false));
    }

    /** Whether {@code %name} has been mentioned as a struct. */
    public boolean isNamed(String name) { return named.containsKey(name); }

    /** Named and numbered struct types, in the order they were first mentioned. */
    public List<Type.StructType> namedStructs() { return new ArrayList<>(named.values()); }
}
