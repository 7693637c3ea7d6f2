package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.*;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What LLVM's own reader (llvm/lib/AsmParser/LLParser.cpp) rejects once the text is read: operand types of
 * instructions, casts (CastInst::castIsValid), getelementptr indices and linkage with visibility. Each method
 * returns LLVM's message, or null when LLVM accepts the construct; the builder turns a message into a one-line
 * error at the construct. The checks read what the builder has already made and allocate nothing on the way of a
 * valid file: one pass, a few type tests per instruction.
 *
 * <p>The debug-info fields LLVM requires are in {@link MetadataFields}.
 */
final class Validator {
    private Validator() {}

    // ---------------------------------------------------------------- types, as LLVM's Type predicates

    static Type scalar(Type t) { return t instanceof Type.VectorType v ? v.element : t; }

    static boolean isIntOrIntVector(Type t) { return scalar(t) instanceof Type.IntType; }

    static boolean isFpOrFpVector(Type t) { return scalar(t) instanceof Type.FloatType; }

    static boolean isPtrOrPtrVector(Type t) { return scalar(t).isPointer(); }

    static boolean isI1(Type t) { return t instanceof Type.IntType it && it.bits == 1; }

    /** Type::isFirstClassType: anything but void and function types. */
    static boolean isFirstClass(Type t) { return !(t instanceof Type.VoidType) && !(t instanceof Type.FunctionType); }

    static boolean isAggregate(Type t) { return t instanceof Type.ArrayType || t instanceof Type.StructType; }

    /** Same element count, a scalar counting as none (LLVM's ElementCount with 0 for scalars). */
    static boolean sameCount(Type a, Type b) {
        if (a instanceof Type.VectorType va && b instanceof Type.VectorType vb)
            return va.scalable == vb.scalable && va.length == vb.length;
        return !(a instanceof Type.VectorType) && !(b instanceof Type.VectorType);
    }

    /** Type::getScalarSizeInBits for integers and floating point, 0 for the rest. */
    static long scalarBits(Type t) {
        Type s = scalar(t);
        if (s instanceof Type.IntType it) return it.bits;
        if (s instanceof Type.FloatType ft) return floatBits(ft.keyword);
        if (s instanceof Type.SimpleType st) return st.keyword.equals("x86_mmx") ? 64 : st.keyword.equals("x86_amx") ? 8192 : 0;
        return 0;
    }

    static long floatBits(String keyword) {
        switch (keyword) {
            case "half": case "bfloat": return 16;
            case "float": return 32;
            case "double": return 64;
            case "x86_fp80": return 80;
            default: return 128; // fp128, ppc_fp128
        }
    }

    /** Type::getPrimitiveSizeInBits, a scalable vector's size as a negative number so that it never equals a fixed one. */
    static long primitiveBits(Type t) {
        if (t instanceof Type.VectorType v) {
            long bits = scalarBits(v.element) * v.length;
            return v.scalable ? -bits : bits;
        }
        return scalarBits(t);
    }

    /**
     * Type::isSized: what getelementptr may step over. {@code sized} holds the structs already found sized (a struct
     * with a body stays sized), so that the kernel's large structs are walked once per file, not at every GEP.
     */
    static boolean isSized(Type t, Set<Type> sized) {
        Type e = t;
        while (e instanceof Type.ArrayType || e instanceof Type.VectorType)
            e = e instanceof Type.ArrayType a ? a.element : ((Type.VectorType) e).element;
        if (e instanceof Type.IntType || e instanceof Type.FloatType || e.isPointer()) return true;
        if (e instanceof Type.StructType s && sized.contains(s)) return true;
        return isSized(e, sized, new HashSet<>());
    }

    private static boolean isSized(Type t, Set<Type> sized, Set<Type> visiting) {
        if (t instanceof Type.IntType || t instanceof Type.FloatType || t.isPointer()) return true;
        if (t instanceof Type.SimpleType st) return st.keyword.equals("x86_mmx") || st.keyword.equals("x86_amx");
        if (t instanceof Type.ArrayType a) return isSized(a.element, sized, visiting);
        if (t instanceof Type.VectorType v) return isSized(v.element, sized, visiting);
        if (t instanceof Type.StructType s) {
            if (sized.contains(s)) return true;
            if (s.isOpaque()) return false;
            if (!visiting.add(s)) return false; // a struct that contains itself has no size
            for (Type e : s.elements()) if (!isSized(e, sized, visiting)) return false;
            visiting.remove(s);
            sized.add(s);
            return true;
        }
        return t instanceof Type.TargetExtType;
    }

    // ---------------------------------------------------------------- casts

    /** CastInst::castIsValid. */
    static boolean castIsValid(Opcode op, Type src, Type dst) {
        if (!isFirstClass(src) || !isFirstClass(dst) || isAggregate(src) || isAggregate(dst)) return false;
        boolean sameCount = sameCount(src, dst);
        long srcBits = scalarBits(src), dstBits = scalarBits(dst);
        switch (op) {
            case TRUNC: return isIntOrIntVector(src) && isIntOrIntVector(dst) && sameCount && srcBits > dstBits;
            case ZEXT: case SEXT: return isIntOrIntVector(src) && isIntOrIntVector(dst) && sameCount && srcBits < dstBits;
            case FPTRUNC: return isFpOrFpVector(src) && isFpOrFpVector(dst) && sameCount && srcBits > dstBits;
            case FPEXT: return isFpOrFpVector(src) && isFpOrFpVector(dst) && sameCount && srcBits < dstBits;
            case UITOFP: case SITOFP: return isIntOrIntVector(src) && isFpOrFpVector(dst) && sameCount;
            case FPTOUI: case FPTOSI: return isFpOrFpVector(src) && isIntOrIntVector(dst) && sameCount;
            case PTRTOINT: case PTRTOADDR: return sameCount && isPtrOrPtrVector(src) && isIntOrIntVector(dst);
            case INTTOPTR: return sameCount && isIntOrIntVector(src) && isPtrOrPtrVector(dst);
            case BITCAST: {
                Type sp = scalar(src), dp = scalar(dst);
                // no bits change, but a pointer becomes only a pointer
                if (sp.isPointer() != dp.isPointer()) return false;
                if (!sp.isPointer()) return primitiveBits(src) == primitiveBits(dst);
                if (addressSpace(sp) != addressSpace(dp)) return false;
                if (src instanceof Type.VectorType && dst instanceof Type.VectorType) return sameCount;
                if (src instanceof Type.VectorType v) return !v.scalable && v.length == 1;
                if (dst instanceof Type.VectorType v) return !v.scalable && v.length == 1;
                return true;
            }
            case ADDRSPACECAST: {
                Type sp = scalar(src), dp = scalar(dst);
                if (!sp.isPointer() || !dp.isPointer()) return false;
                if (addressSpace(sp) == addressSpace(dp)) return false;
                return sameCount;
            }
            default: return false;
        }
    }

    static int addressSpace(Type pointer) {
        if (pointer instanceof Type.PointerType p) return p.addressSpace;
        if (pointer instanceof Type.TypedPointerType p) return p.addressSpace;
        return -1;
    }

    static String cast(Opcode op, Type src, Type dst) {
        return castIsValid(op, src, dst) ? null : "invalid cast opcode for cast from '" + src + "' to '" + dst + "'";
    }

    // ---------------------------------------------------------------- instructions

    private static final Set<String> ICMP_PREDICATES = Set.of("eq", "ne", "slt", "sgt", "sle", "sge", "ult", "ugt", "ule", "uge");
    private static final Set<String> FCMP_PREDICATES = Set.of("false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord",
            "uno", "ueq", "ugt", "uge", "ult", "ule", "une", "true");
    private static final Set<String> ATOMICRMW_FP = Set.of("fadd", "fsub", "fmax", "fmin", "fmaximum", "fminimum",
            "fmaximumnum", "fminimumnum");
    private static final Set<String> ATOMICRMW_INT = Set.of("add", "sub", "and", "nand", "or", "xor", "max", "min",
            "umax", "umin", "uinc_wrap", "udec_wrap", "usub_cond", "usub_sat");

    /**
     * LLVM's message for an instruction it refuses, or null. {@code returnType} is the enclosing function's;
     * {@code typedPointers} says whether pointers carry their pointee (LLVM 14), which LLVM then checks against
     * the explicit types of load, store, getelementptr and the atomics; {@code sizedStructs} is the caller's cache for
     * {@link #isSized(Type, Set)}; {@code typesUnknown} says that named types may be used without their definition
     * (a pass dump).
     */
    static String instruction(Instruction i, Type returnType, boolean typedPointers, Set<Type> sizedStructs,
                              boolean typesUnknown) {
        Value[] ops = i.operands();
        switch (i.opcode()) {
            case RET: {
                Type got = ops.length == 0 ? null : ops[0].type();
                boolean ok = got == null ? returnType.isVoid() : got == returnType;
                return ok ? null : "value doesn't match function result type '" + returnType + "'";
            }
            case BR:
                return ops.length == 1 && !isI1(ops[0].type()) ? "branch condition must have 'i1' type" : null;
            case SWITCH: return switchCases(ops);
            case INDIRECTBR:
                return ops[0].type().isPointer() ? null : "indirectbr address must have pointer type";
            case FNEG:
                return isFpOrFpVector(i.type()) ? null : "invalid operand type for instruction";
            case ADD: case SUB: case MUL: case UDIV: case SDIV: case UREM: case SREM: case SHL: case LSHR: case ASHR:
                return isIntOrIntVector(i.type()) ? null : "invalid operand type for instruction";
            case FADD: case FSUB: case FMUL: case FDIV: case FREM:
                return isFpOrFpVector(i.type()) ? null : "invalid operand type for instruction";
            case AND: case OR: case XOR:
                return isIntOrIntVector(i.type()) ? null : "instruction requires integer or integer vector operands";
            case ICMP:
                if (!ICMP_PREDICATES.contains(i.keyword())) return "expected icmp predicate (e.g. 'eq')";
                return isIntOrIntVector(ops[0].type()) || isPtrOrPtrVector(ops[0].type()) ? null : "icmp requires integer operands";
            case FCMP:
                if (!FCMP_PREDICATES.contains(i.keyword())) return "expected fcmp predicate (e.g. 'oeq')";
                return isFpOrFpVector(ops[0].type()) ? null : "fcmp requires floating point operands";
            case TRUNC: case ZEXT: case SEXT: case FPTRUNC: case FPEXT: case FPTOUI: case FPTOSI: case UITOFP: case SITOFP:
            case PTRTOINT: case PTRTOADDR: case INTTOPTR: case BITCAST: case ADDRSPACECAST:
                return cast(i.opcode(), ops[0].type(), i.type());
            case SELECT: return select(ops[0].type(), ops[1].type(), ops[2].type());
            case PHI:
                return isFirstClass(i.type()) ? null : "phi node must have first class type";
            case VA_ARG:
                return isFirstClass(i.type()) ? null : "va_arg requires operand with first class type";
            case ALLOCA: return alloca(i, ops);
            case LOAD: return load(i, ops[0].type(), typedPointers);
            case STORE: return store(i, ops[0].type(), ops[1].type(), typedPointers);
            case CMPXCHG: return cmpxchg(i, ops, typedPointers);
            case ATOMICRMW: return atomicrmw(i, ops, typedPointers);
            case GETELEMENTPTR: return getelementptr(i.auxType(), ops, typedPointers, sizedStructs, typesUnknown);
            case EXTRACTVALUE: {
                if (!isAggregate(ops[0].type())) return "extractvalue operand must be aggregate type";
                return indexedType(ops[0].type(), i.indices()) == null ? "invalid indices for extractvalue" : null;
            }
            case INSERTVALUE: {
                if (!isAggregate(ops[0].type())) return "insertvalue operand must be aggregate type";
                Type field = indexedType(ops[0].type(), i.indices());
                if (field == null) return "invalid indices for insertvalue";
                return field == ops[1].type() ? null
                        : "insertvalue operand and field disagree in type: '" + ops[1].type() + "' instead of '" + field + "'";
            }
            case EXTRACTELEMENT:
                return ops[0].type() instanceof Type.VectorType && ops[1].type() instanceof Type.IntType ? null
                        : "invalid extractelement operands";
            case INSERTELEMENT:
                return ops[0].type() instanceof Type.VectorType v && v.element == ops[1].type()
                        && ops[2].type() instanceof Type.IntType ? null : "invalid insertelement operands";
            case SHUFFLEVECTOR: {
                boolean ok = ops[0].type() instanceof Type.VectorType v && ops[0].type() == ops[1].type()
                        && ops[2].type() instanceof Type.VectorType m && m.element instanceof Type.IntType e && e.bits == 32
                        && m.scalable == v.scalable;
                return ok ? null : "invalid shufflevector operands";
            }
            case CALL: case INVOKE: case CALLBR: return call(i, ops, typedPointers);
            default: return null;
        }
    }

    private static String switchCases(Value[] ops) {
        if (!(ops[0].type() instanceof Type.IntType)) return "switch condition must have integer type";
        if (ops.length < 2) return null;
        Set<Object> seen = new HashSet<>();
        for (int k = 1; k < ops.length; k++) {
            Value v = ops[k];
            // LLVM's constants are unique, so it finds a repeated case before it asks what the case is
            if (v instanceof ConstantInt ci && !seen.add(List.of(ci.type(), ci.bigValue()))) return "duplicate case value in switch";
            if (!(v instanceof ConstantInt)) return "case value is not a constant integer";
        }
        return null;
    }

    /** SelectInst::areInvalidOperands. */
    static String select(Type cond, Type a, Type b) {
        if (a != b) return "both values to select must have same type";
        if (a instanceof Type.SimpleType st && st.keyword.equals("token")) return "select values cannot have token type";
        if (cond instanceof Type.VectorType vc) {
            if (!isI1(vc.element)) return "vector select condition element type must be i1";
            if (!(a instanceof Type.VectorType)) return "selected values for vector select must be vectors";
            if (!sameCount(cond, a)) return "vector select requires selected vectors to have the same vector length as select condition";
            return null;
        }
        return isI1(cond) ? null : "select condition must be i1 or <n x i1>";
    }

    private static String alloca(Instruction i, Value[] ops) {
        Type t = i.auxType();
        if (t instanceof Type.FunctionType || t.isVoid()
                || (t instanceof Type.SimpleType st && !st.keyword.equals("x86_mmx")))
            return "invalid type for alloca";
        if (ops.length == 1 && !(ops[0].type() instanceof Type.IntType)) return "element count must have integer type";
        return null;
    }

    private static String load(Instruction i, Type ptr, boolean typedPointers) {
        if (!ptr.isPointer() || !isFirstClass(i.type())) return "load operand must be a pointer to a first class type";
        if (typedPointers && ptr instanceof Type.TypedPointerType tp && tp.pointee != i.type())
            return "explicit pointee type doesn't match operand's pointee type" + versus(i.type(), tp.pointee);
        if (i.has(Flag.ATOMIC)) {
            if (i.align() == 0) return "atomic load must have explicit non-zero alignment";
            if (i.ordering() == Ordering.RELEASE || i.ordering() == Ordering.ACQ_REL) return "atomic load cannot use Release ordering";
        }
        return null;
    }

    /** LLVM 14's typeComparisonErrorMessage: both types, a named struct with its body. */
    private static String versus(Type a, Type b) { return " (" + described(a) + " vs " + described(b) + ")"; }

    private static String described(Type t) {
        return t instanceof Type.StructType st && !st.isLiteral() ? st + " = type " + st.bodyString() : t.toString();
    }

    private static String store(Instruction i, Type value, Type ptr, boolean typedPointers) {
        if (!ptr.isPointer()) return "store operand must be a pointer";
        if (!isFirstClass(value)) return "store operand must be a first class value";
        if (typedPointers && ptr instanceof Type.TypedPointerType tp && tp.pointee != value)
            return "stored value and pointer type do not match";
        if (i.has(Flag.ATOMIC)) {
            if (i.align() == 0) return "atomic store must have explicit non-zero alignment";
            if (i.ordering() == Ordering.ACQUIRE || i.ordering() == Ordering.ACQ_REL) return "atomic store cannot use Acquire ordering";
        }
        return null;
    }

    private static String cmpxchg(Instruction i, Value[] ops, boolean typedPointers) {
        Ordering success = i.ordering(), failure = i.failureOrdering();
        if (success == null || success == Ordering.UNORDERED) return "invalid cmpxchg success ordering";
        if (failure == null || failure == Ordering.UNORDERED || failure == Ordering.RELEASE || failure == Ordering.ACQ_REL)
            return "invalid cmpxchg failure ordering";
        Type ptr = ops[0].type();
        if (!ptr.isPointer()) return "cmpxchg operand must be a pointer";
        if (typedPointers && ptr instanceof Type.TypedPointerType tp && tp.pointee != ops[1].type())
            return "compare value and pointer type do not match";
        if (ops[1].type() != ops[2].type()) return "compare value and new value type do not match";
        if (!isFirstClass(ops[2].type())) return "cmpxchg operand must be a first class value";
        return null;
    }

    private static String atomicrmw(Instruction i, Value[] ops, boolean typedPointers) {
        if (i.ordering() == Ordering.UNORDERED) return "atomicrmw cannot be unordered";
        Type ptr = ops[0].type(), value = ops[1].type();
        if (!ptr.isPointer()) return "atomicrmw operand must be a pointer";
        if (typedPointers && ptr instanceof Type.TypedPointerType tp && tp.pointee != value)
            return "atomicrmw value and pointer type do not match";
        String op = i.keyword();
        if (op.equals("xchg")) {
            if (!(value instanceof Type.IntType) && !(value instanceof Type.FloatType) && !value.isPointer())
                return "atomicrmw xchg operand must be an integer, floating point, or pointer type";
        } else if (ATOMICRMW_FP.contains(op)) {
            if (!isFpOrFpVector(value)) return "atomicrmw " + op + " operand must be a floating point type";
        } else if (ATOMICRMW_INT.contains(op)) {
            if (!(value instanceof Type.IntType)) return "atomicrmw " + op + " operand must be an integer";
        } else {
            return "expected binary operation in atomicrmw";
        }
        return null;
    }

    /**
     * A getelementptr constant expression, as LLParser's parseValID checks it: what an instruction is checked for, but
     * the typed pointee of the base, whose type is worked out here for a global, and not stated by the text.
     */
    static String constantGetelementptr(Type source, Value[] ops, Set<Type> sizedStructs, boolean typesUnknown) {
        if (ops.length == 0) return "base of getelementptr must be a pointer";
        return getelementptr(source, ops, false, sizedStructs, typesUnknown);
    }

    private static String getelementptr(Type source, Value[] ops, boolean typedPointers, Set<Type> sizedStructs,
                                        boolean typesUnknown) {
        Type base = ops[0].type();
        Type basePtr = scalar(base);
        if (!basePtr.isPointer()) return "base of getelementptr must be a pointer";
        if (typedPointers && basePtr instanceof Type.TypedPointerType tp && tp.pointee != source)
            return "explicit pointee type doesn't match operand's pointee type" + versus(source, tp.pointee);
        Type width = base instanceof Type.VectorType ? base : null;
        for (int k = 1; k < ops.length; k++) {
            Type t = ops[k].type();
            if (!isIntOrIntVector(t)) return "getelementptr index must be an integer";
            if (t instanceof Type.VectorType) {
                if (width != null && !sameCount(width, t)) return "getelementptr vector index has a wrong number of elements";
                width = t;
            }
        }
        // a pass dump prints a function without the types it uses, which are then opaque: nothing to check
        if (typesUnknown && mentionsOpaque(source, 0)) return null;
        if (ops.length > 1 && !isSized(source, sizedStructs)) return "base element of getelementptr must be sized";
        // GetElementPtrInst::getIndexedType: the first index steps over the pointer, the others select inside
        Type t = source;
        for (int k = 2; k < ops.length; k++) {
            if (t instanceof Type.StructType st) {
                long idx = structIndex(ops[k]);
                if (idx < 0 || idx >= st.elements().size()) return "invalid getelementptr indices";
                t = st.elements().get((int) idx);
            } else if (t instanceof Type.ArrayType at) {
                t = at.element;
            } else if (t instanceof Type.VectorType vt) {
                t = vt.element;
            } else {
                return "invalid getelementptr indices";
            }
        }
        return null;
    }

    /** Whether t is or holds (not through a pointer) a struct without a body; a few levels are enough. */
    private static boolean mentionsOpaque(Type t, int depth) {
        if (depth > 8) return false;
        if (t instanceof Type.ArrayType a) return mentionsOpaque(a.element, depth + 1);
        if (t instanceof Type.VectorType v) return mentionsOpaque(v.element, depth + 1);
        if (t instanceof Type.StructType s) {
            if (s.isOpaque()) return true;
            for (Type e : s.elements()) if (mentionsOpaque(e, depth + 1)) return true;
        }
        return false;
    }

    /**
     * StructType::indexValid: a constant i32 (a vector of equal ones for a vector GEP), as an unsigned number; -1
     * when it is not one.
     */
    static long structIndex(Value v) {
        // StructType::indexValid: a scalable vector has no splat value to select a field with
        if (v.type() instanceof Type.VectorType vt && vt.scalable) return -1;
        Type t = scalar(v.type());
        if (!(t instanceof Type.IntType it) || it.bits != 32) return -1;
        Value c = v;
        if (v instanceof ConstantSplat sp) c = sp.element();
        else if (v instanceof ConstantSpecial z && z.kind == ConstantSpecial.Kind.ZEROINITIALIZER) return 0;
        else if (v instanceof ConstantAggregate agg && agg.kind == ConstantAggregate.Kind.VECTOR) c = splatValue(agg);
        if (!(c instanceof ConstantInt ci)) return -1;
        return ci.bigValue().and(BigInteger.valueOf(0xffffffffL)).longValue();
    }

    private static Value splatValue(ConstantAggregate agg) {
        if (agg.operandCount() == 0) return null;
        Value first = agg.operand(0);
        if (!(first instanceof ConstantInt f)) return null;
        for (int k = 1; k < agg.operandCount(); k++)
            if (!(agg.operand(k) instanceof ConstantInt c) || !c.bigValue().equals(f.bigValue())) return null;
        return first;
    }

    /** ExtractValueInst::getIndexedType: arrays and structs only, each index within bounds; null when invalid. */
    static Type indexedType(Type aggregate, int[] indices) {
        Type t = aggregate;
        if (indices == null) return t;
        for (int idx : indices) {
            if (t instanceof Type.ArrayType at) {
                if (idx < 0 || idx >= at.length) return null;
                t = at.element;
            } else if (t instanceof Type.StructType st) {
                if (idx < 0 || idx >= st.elements().size()) return null;
                t = st.elements().get(idx);
            } else {
                return null;
            }
        }
        return t;
    }

    private static String call(Instruction i, Value[] ops, boolean typedPointers) {
        CallInfo info = i.call();
        int args = ops.length - 1;
        Value callee = ops[args];
        if (info.functionType() instanceof Type.FunctionType ft) {
            // the explicit type of the call; without one, LLVM infers it from the arguments, which then match it
            for (int k = 0; k < args; k++) {
                if (k >= ft.params.size()) {
                    if (!ft.varArg) return "too many arguments specified";
                    break;
                }
                if (ft.params.get(k) != ops[k].type()) return "argument is not of expected type '" + ft.params.get(k) + "'";
            }
            if (args < ft.params.size()) return "not enough parameters specified for call";
        } else if (!validReturnType(i.type())) {
            return "Invalid result type for LLVM function";
        }
        // LLVM 14 looks the callee up with the pointer-to-function type of the call
        if (typedPointers && !(callee instanceof dev.lkmmhazard.ir.InlineAsm) && callee.type() instanceof Type.TypedPointerType tp
                && !callMatches(tp.pointee, info.functionType(), i.type(), ops)) {
            String expected = info.functionType() != null ? info.functionType() + "*" : inferred(i.type(), ops) + "*";
            return "'" + callee.reference() + "' defined with type '" + callee.type() + "' but expected '" + expected + "'";
        }
        return null;
    }

    /** FunctionType::isValidReturnType. */
    static boolean validReturnType(Type t) {
        return !(t instanceof Type.FunctionType) && !(t instanceof Type.SimpleType st
                && (st.keyword.equals("label") || st.keyword.equals("metadata")));
    }

    private static boolean callMatches(Type pointee, Type explicit, Type result, Value[] ops) {
        if (explicit != null) return pointee == explicit;
        if (!(pointee instanceof Type.FunctionType ft) || ft.varArg || ft.returnType != result || ft.params.size() != ops.length - 1)
            return false;
        for (int k = 0; k < ops.length - 1; k++) if (ft.params.get(k) != ops[k].type()) return false;
        return true;
    }

    private static String inferred(Type result, Value[] ops) {
        StringBuilder sb = new StringBuilder().append(result).append(" (");
        for (int k = 0; k < ops.length - 1; k++) sb.append(k == 0 ? "" : ", ").append(ops[k].type());
        return sb.append(')').toString();
    }

    // ---------------------------------------------------------------- linkage

    private static final Set<String> LINKAGES = Set.of("private", "internal", "available_externally", "linkonce", "weak",
            "common", "appending", "extern_weak", "linkonce_odr", "weak_odr", "external");

    /** What kind of global a list of specifiers belongs to; LLVM's rules differ between them. */
    enum GlobalKind { VARIABLE, ALIAS, IFUNC, FUNCTION_DEFINITION, FUNCTION_DECLARATION }

    /**
     * LLVM's message for a linkage that does not go with the visibility, the DLL storage class or the kind of global
     * (LLParser's parseGlobal, parseAliasOrIFunc and parseFunctionHeader), or null.
     */
    static String linkage(List<Attribute> specifiers, GlobalKind kind) {
        String linkage = "external", visibility = "default", dll = null;
        boolean dsoLocal = false;
        for (Attribute a : specifiers) {
            String k = a.kind();
            if (LINKAGES.contains(k)) linkage = k;
            else if (k.equals("hidden") || k.equals("protected") || k.equals("default")) visibility = k;
            else if (k.equals("dllimport") || k.equals("dllexport")) dll = k;
            else if (k.equals("dso_local")) dsoLocal = true;
        }
        boolean local = linkage.equals("private") || linkage.equals("internal");
        switch (kind) {
            case FUNCTION_DEFINITION: case FUNCTION_DECLARATION: {
                boolean define = kind == GlobalKind.FUNCTION_DEFINITION;
                switch (linkage) {
                    case "external": break;
                    case "extern_weak":
                        if (define) return "invalid linkage for function definition";
                        break;
                    case "appending": case "common": return "invalid function linkage type";
                    default:
                        if (!define) return "invalid linkage for function declaration";
                }
                break;
            }
            case ALIAS:
                // LLVM 14 refuses available_externally too; later versions leave it to the verifier
                if (!(linkage.equals("external") || local || linkage.startsWith("weak") || linkage.startsWith("linkonce")
                        || linkage.equals("available_externally")))
                    return "invalid linkage type for alias";
                break;
            case IFUNC:
                if (!(linkage.equals("external") || local || linkage.startsWith("weak") || linkage.startsWith("linkonce")
                        || linkage.equals("available_externally")))
                    return "invalid linkage type for ifunc";
                break;
            default:
                break;
        }
        if (local && !visibility.equals("default")) return "symbol with local linkage must have default visibility";
        if (local && dll != null) return "symbol with local linkage cannot have a DLL storage class";
        if (dsoLocal && "dllimport".equals(dll)) return "dso_location and DLL-StorageClass mismatch";
        return null;
    }
}
