package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.*;
import dev.lkmmhazard.ir.Module;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what the grammar recognises into {@code ir} objects: resolves names (forward references included), computes
 * result types, and collects errors so that one bad function does not lose the module.
 */
final class ModuleBuilder {
    static final Value[] NO_VALUES = new Value[0];
    static final BasicBlock[] NO_BLOCKS = new BasicBlock[0];
    private static final int MAX_ERRORS = 50;

    final Module module = new Module();
    private final String fileName;
    /** LLVM 14 and older: pointers are typed, so globals, allocas and GEPs have typed-pointer types. */
    private final boolean typedPointers;
    final List<ParseError> errors = new ArrayList<>();
    /** Pass dumps: an undefined global is declared at its first use instead of being an error. */
    boolean declareUndefined;

    // forward references: the User and operand index of every use of a ForwardRef
    private final List<User> globalFixUsers = new ArrayList<>();
    private final List<Integer> globalFixIndex = new ArrayList<>();
    private final Map<String, ForwardRef> pendingGlobals = new HashMap<>();
    private Metadata.Ref[] refCache = new Metadata.Ref[256];
    private int nextGlobalNumber;
    private final Map<String, String> strings = new HashMap<>();
    /** Literals are immutable, so equal ones ({@code 0}, {@code DW_TAG_member}) are one object. */
    private final ByText<Metadata.Literal> literals = new ByText<>(Metadata.Literal::new);
    /** {@code line:} to {@code line}; the image is the lexer's canonical String, so its hash is computed once. */
    private final ByText<String> labels = new ByText<>(image -> intern(image.substring(0, image.length() - 1)));
    private final Map<List<String>, String[]> labelArrays = new HashMap<>();
    private final List<String> labelKey = new ArrayList<>();

    // the function being read
    private Function function;
    private final Map<String, Value> locals = new HashMap<>();
    private final Map<String, ForwardRef> pendingLocals = new HashMap<>();
    private final Map<String, BasicBlock> blocks = new HashMap<>();
    private final List<User> localFixUsers = new ArrayList<>();
    private final List<Integer> localFixIndex = new ArrayList<>();
    private int globalFixMark;
    private BasicBlock current;
    /** LLVM numbers unnamed values in order; an unlabeled block takes the next number. */
    private int nextNumber;
    /** The debug records read since the last instruction, or null; the list is reused. */
    private List<DebugRecord> pendingRecords;
    private final List<DebugRecord> recordList = new ArrayList<>();

    /** Thrown to stop reading a file that has more errors than anyone will read. */
    static final class TooManyErrors extends RuntimeException {
        TooManyErrors() { super(null, null, false, false); }
    }

    ModuleBuilder(String fileName, boolean typedPointers) {
        this.fileName = fileName;
        this.typedPointers = typedPointers;
    }

    // ---------------------------------------------------------------- names and strings

    /** {@code "abc"} to {@code abc}, kept escaped. */
    static String strip(String quoted) {
        return quoted.length() >= 2 && quoted.charAt(0) == '"' ? quoted.substring(1, quoted.length() - 1) : quoted;
    }

    static String unescape(String s) { return Names.unescapeString(s); }

    /** {@code %x}, {@code @"a b"}, {@code $c}, {@code %5} to the unescaped name. */
    static String name(String image) {
        if (image.length() > 1 && image.charAt(1) == '"') return Names.unescapeString(image.substring(2, image.length() - 1));
        return image.substring(1);
    }

    static String unescapeMetadataName(String s) { return Names.unescapeString(s); }

    /** {@code %3}, {@code @7}, {@code 3:} are numbered; {@code %"3"} is named. */
    static boolean numbered(String image) {
        int start = image.charAt(0) == '%' || image.charAt(0) == '@' ? 1 : 0;
        int end = image.charAt(image.length() - 1) == ':' ? image.length() - 1 : image.length();
        if (end <= start) return false;
        for (int i = start; i < end; i++) if (image.charAt(i) < '0' || image.charAt(i) > '9') return false;
        return true;
    }

    /** Symbol-table key: numbered and named values live apart, so %3 and %"3" do not collide. */
    private static String key(String name, boolean numbered) {
        if (numbered || name.isEmpty()) return name;
        char c = name.charAt(0);
        return c >= '0' && c <= '9' ? '"' + name : name;
    }

    static boolean isExternal(List<Attribute> specifiers) {
        for (Attribute a : specifiers) if (a.kind().equals("external") || a.kind().equals("extern_weak")) return true;
        return false;
    }

    static boolean isFlag(Token t) { return t.kind == LlvmIrParserConstants.WORD && Flag.of(t.image) != null; }

    long flag(Token w) throws ParseException {
        Flag f = Flag.of(w.image);
        if (f == null) throw new BuildError("unknown instruction flag '" + w.image + "'", w);
        return f.bit();
    }

    Ordering ordering(Token w) throws ParseException {
        Ordering o = Ordering.of(w.image);
        if (o == null) throw new BuildError("expected an atomic ordering, found '" + w.image + "'", w);
        return o;
    }

    // ---------------------------------------------------------------- errors

    private void addError(ParseException e, String functionName) {
        nodeDepth = 0; // an error inside a node leaves it unclosed
        errors.add(ErrorMessages.toParseError(fileName, e, functionName));
        if (errors.size() >= MAX_ERRORS) throw new TooManyErrors();
    }

    void topLevelError(ParseException e) { addError(e, null); }

    void functionError(ParseException e) {
        Function f = function;
        if (f != null) {
            // the function stays as a declaration so that calls to it still resolve
            f.blocks().clear();
            f.setDefinition(false);
        }
        // after the clearing: at the 50th error this throws, and a half-read body must not stay a definition
        // (found by ScanFuzzTest)
        addError(e, f == null ? null : f.name());
        // fix-ups recorded inside the broken body refer to objects nobody reaches any more
        while (globalFixUsers.size() > globalFixMark) {
            globalFixUsers.remove(globalFixUsers.size() - 1);
            globalFixIndex.remove(globalFixIndex.size() - 1);
        }
        resetFunction();
    }

    // ---------------------------------------------------------------- types

    Type typedPointer(Type pointee, int addressSpace) { return module.types.typedPointer(pointee, addressSpace); }

    /**
     * {@code T*} or {@code T addrspace(N)*}, at the {@code *} or the {@code addrspace}: LLParser refuses a pointer to
     * {@code ptr}, {@code void}, {@code label} and what PointerType::isValidElementType refuses.
     */
    Type pointerTo(Type pointee, int addressSpace, Token at) throws ParseException {
        if (pointee instanceof Type.PointerType) throw new BuildError("ptr* is invalid - use ptr instead", at);
        if (pointee instanceof Type.VoidType)
            throw new BuildError(at.kind == LlvmIrParserConstants.STAR ? "pointers to void are invalid - use i8* instead"
                    : "pointers to void are invalid; use i8* instead", at);
        if (pointee == module.types.label) throw new BuildError("basic block pointers are invalid", at);
        if (pointee == module.types.metadata || pointee == module.types.token || isSimple(pointee, "x86_amx"))
            throw new BuildError("pointer to this type is invalid", at);
        return module.types.typedPointer(pointee, addressSpace);
    }

    private static boolean isSimple(Type t, String keyword) {
        return t instanceof Type.SimpleType st && st.keyword.equals(keyword);
    }

    /** LLParser's parseType without AllowVoid: only a function's result (and a target type's parameter) may be void. */
    void notVoid(Type t, Token at) throws ParseException {
        if (t instanceof Type.VoidType) throw new BuildError("void type only allowed for function results", at);
    }

    /** {@code [N x T]}, with ArrayType::isValidElementType; an error is at the element type. */
    Type arrayType(long count, Type element, Token at) throws ParseException {
        notVoid(element, at);
        if (element == module.types.label || element == module.types.metadata || element == module.types.token
                || element instanceof Type.FunctionType || isSimple(element, "x86_amx"))
            throw new BuildError("invalid array element type", at);
        return module.types.array(count, element);
    }

    /** {@code <N x T>}, with VectorType::isValidElementType (integers, floating point, pointers). */
    Type vectorType(boolean scalable, long count, Type element, Token at) throws ParseException {
        notVoid(element, at);
        if (!(element instanceof Type.IntType || element instanceof Type.FloatType || element.isPointer()
              || element instanceof Type.TargetExtType))
            throw new BuildError("invalid vector element type", at);
        return module.types.vector(scalable, count, element);
    }

    /** An element of a struct type, with StructType::isValidElementType. */
    Type structElement(Type element, Token at) throws ParseException {
        notVoid(element, at);
        if (element == module.types.label || element == module.types.metadata || element == module.types.token
                || element instanceof Type.FunctionType)
            throw new BuildError("invalid element type for struct", at);
        return element;
    }

    /**
     * Names that {@code %T = type [8 x i8]} made another name for a type that is not a struct. LLVM keeps such a
     * name for old files only: it stands for its body wherever it is used, and it cannot be used before it is
     * defined.
     */
    private final Map<String, Type> typeAliases = new HashMap<>();

    /** {@code %T} used as a type. */
    Type namedType(Token n) {
        String nm = name(n.image);
        Type alias = typeAliases.isEmpty() ? null : typeAliases.get(nm);
        if (alias != null) return alias;
        Type.StructType st = module.types.named(nm);
        // a struct with a body is defined; an opaque one may be used before (or without) its definition
        if (st.isOpaque() && !definedTypes.contains(st) && !typeUses.containsKey(st))
            typeUses.put(st, new int[] {n.beginLine, n.beginColumn, numbered(n.image) ? 1 : 0});
        return st;
    }

    /** Named structs defined ({@code %T = type opaque} included). */
    private final java.util.Set<Type.StructType> definedTypes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The first use of each named struct used while it had no definition: line, column, 1 when numbered. */
    private final Map<Type.StructType, int[]> typeUses = new java.util.LinkedHashMap<>();

    /**
     * LLParser's validateEndOfModule: a named type used and never defined is {@code use of undefined type named 'T'}
     * ({@code use of undefined type '%3'} when numbered), at its first use. A pass dump prints no types, so it is not
     * checked.
     */
    void checkTypeUses() {
        if (declareUndefined) return;
        for (Map.Entry<Type.StructType, int[]> e : typeUses.entrySet()) {
            if (definedTypes.contains(e.getKey())) continue;
            int[] at = e.getValue();
            String nm = e.getKey().name;
            addError(new BuildError(at[2] == 1 ? "use of undefined type '%" + nm + "'"
                    : "use of undefined type named '" + nm + "'", at[0], at[1]), null);
        }
        typeUses.clear();
    }

    void defineType(Token n, Type body) throws ParseException {
        String nm = name(n.image);
        Type.StructType literal = body instanceof Type.StructType st && st.isLiteral() ? st : null;
        if (body == null || literal != null) {
            if (typeAliases.containsKey(nm)) throw new BuildError("redefinition of type '%" + nm + "'", n);
            Type.StructType named = module.types.named(nm);
            if (literal != null) named.setBody(literal.elements(), literal.isPacked()); // else opaque
            definedTypes.add(named);
            return;
        }
        if (module.types.isNamed(nm) || typeAliases.containsKey(nm)) {
            if (module.types.isNamed(nm)) definedTypes.add(module.types.named(nm)); // one error, not a second at the use
            throw new BuildError("type '%" + nm + "' is used or defined before this definition of a type that is not "
                                 + "a struct, which LLVM does not allow", n);
        }
        typeAliases.put(nm, body);
    }

    Type compareResult(Type operand) {
        if (operand instanceof Type.VectorType v) return module.types.vector(v.scalable, v.length, module.types.i1());
        return module.types.i1();
    }

    Type elementType(Type vector) { return vector instanceof Type.VectorType v ? v.element : vector; }

    Type shuffleResult(Type v1, Type mask) {
        Type elem = elementType(v1);
        if (mask instanceof Type.VectorType m) return module.types.vector(m.scalable, m.length, elem);
        return v1;
    }

    Type indexedType(Type aggregate, int[] indices) {
        Type t = aggregate;
        for (int idx : indices) {
            if (t instanceof Type.StructType st && idx < st.elements().size()) t = st.elements().get(idx);
            else if (t instanceof Type.ArrayType at) t = at.element;
            else if (t instanceof Type.VectorType vt) t = vt.element;
        }
        return t;
    }

    Type cmpxchgResult(Type t) { return module.types.literalStruct(List.of(t, module.types.i1()), false); }

    Type allocaResult(Type allocated, int addressSpace) {
        return typedPointers ? module.types.typedPointer(allocated, addressSpace) : module.types.pointer(addressSpace);
    }

    Type gepResult(Type source, List<Value> ops) {
        Type base = ops.get(0).type();
        Type.VectorType vec = null;
        for (Value v : ops) if (v.type() instanceof Type.VectorType vt) { vec = vt; break; }
        Type basePtr = base instanceof Type.VectorType bv ? bv.element : base;
        Type result;
        if (basePtr instanceof Type.TypedPointerType tp) {
            Type t = source;
            // ops[1] steps over the pointer itself; the indices after it select inside the source type
            for (int i = 2; i < ops.size(); i++) {
                if (t instanceof Type.StructType st) {
                    Value idx = ops.get(i);
                    int k = idx instanceof ConstantInt ci ? (int) ci.longValue()
                            : idx instanceof ConstantSplat sp && sp.element() instanceof ConstantInt ci2 ? (int) ci2.longValue() : 0;
                    t = k < st.elements().size() ? st.elements().get(k) : t;
                } else if (t instanceof Type.ArrayType at) t = at.element;
                else if (t instanceof Type.VectorType vt) t = vt.element;
            }
            result = module.types.typedPointer(t, tp.addressSpace);
        } else {
            result = basePtr instanceof Type.PointerType p ? p : module.types.ptr;
        }
        return vec == null ? result : module.types.vector(vec.scalable, vec.length, result);
    }

    /** {@code i32}: by image, so that the width is parsed once per file, not at each of a million uses. */
    private final ByText<Type.IntType> intTypes =
            new ByText<>(image -> module.types.intType(Integer.parseInt(image.substring(1))));

    /** IntegerType::MAX_INT_BITS: LLVM's lexer refuses a wider (or a zero-width) integer type. */
    static final int MAX_INT_BITS = 1 << 23;

    Type.IntType intType(Token t) throws ParseException {
        Type.IntType it = intTypes.get(t.image);
        if (it.bits < 1 || it.bits > MAX_INT_BITS) throw new BuildError("bitwidth for integer type out of range", t);
        return it;
    }

    private final List<MetadataAttachment> scratchAttachments = new ArrayList<>();
    private final List<Metadata> scratchOperands = new ArrayList<>();

    /** An empty list for what follows one instruction; whoever keeps it copies it (setMetadata copies). */
    List<MetadataAttachment> scratchAttachments() {
        scratchAttachments.clear();
        return scratchAttachments;
    }

    /** An empty list for the operands of one debug record; {@link #debugRecord} copies them. */
    List<Metadata> scratchOperands() {
        scratchOperands.clear();
        return scratchOperands;
    }

    // ---------------------------------------------------------------- values

    /** A local's name, whether it is a number, and its symbol-table key, as read from one token image. */
    private record LocalName(String name, boolean numbered, String key) {}

    /**
     * By token image ({@code %5}, {@code %call}, {@code %"a b"}): the same few hundred names recur in every function,
     * and working each out again (a substring, a scan for digits, a key) at every use showed in the profiles.
     */
    private final ByText<LocalName> localNames = new ByText<>(image -> {
        String n = intern(name(image));
        boolean num = numbered(image);
        return new LocalName(n, num, intern(key(n, num)));
    });

    /**
     * How many metadata nodes (tuples, and specialized nodes but DIArgList) the operand being read is inside. Only a
     * function's own operands and DIArgList may hold its values ({@code metadata i32 %x}); in a node, as outside a
     * body, a local name is LLVM's {@code invalid use of function-local name}.
     */
    private int nodeDepth;

    void enterNode(Token kind) {
        if (kind == null || !kind.image.equals("!DIArgList")) nodeDepth++;
    }

    void leaveNode(Token kind) {
        if (kind == null || !kind.image.equals("!DIArgList")) nodeDepth--;
    }

    Value local(Token k, Type t) throws ParseException {
        if (function == null || nodeDepth > 0) throw new BuildError("invalid use of function-local name", k);
        LocalName ln = localNames.get(k.image);
        Value v = locals.get(ln.key);
        if (v != null) {
            if (v.type() != t && checksLocalType(t)) throw typeMismatch(v, t, k.beginLine, k.beginColumn);
            return v;
        }
        ForwardRef f = pendingLocals.get(ln.key);
        if (f == null) {
            f = new ForwardRef(t, ln.name, false, k.beginLine, k.beginColumn);
            f.setNumbered(ln.numbered);
            pendingLocals.put(ln.key, f);
        } else if (f.type() != t && checksLocalType(t) && checksLocalType(f.type())) {
            // LLVM's placeholder has the type of the first use; a second use of another type is refused at once
            throw typeMismatch(f, t, k.beginLine, k.beginColumn);
        }
        return f;
    }

    /**
     * Whether a use with this expected type is checked against the value's type. The grammar expects {@code ptr}
     * of a callee and of blockaddress's function, which in a typed-pointer file stands for "some pointer".
     */
    private boolean checksLocalType(Type expected) { return !(typedPointers && expected instanceof Type.PointerType); }

    /** Globals are all {@code ptr} in opaque-pointer files, so only a use as something else says anything. */
    private static boolean checksGlobalType(Type expected) { return !(expected instanceof Type.PointerType); }

    /** LLVM's getGlobalVal: a global is a pointer, and in a typed-pointer file a pointer to its own type. */
    private static BuildError globalMismatch(Value v, Type expected, int line, int column) {
        if (!expected.isPointer()) return new BuildError("global variable reference must have pointer type", line, column);
        return typeMismatch(v, expected, line, column);
    }

    private static BuildError typeMismatch(Value v, Type expected, int line, int column) {
        return new BuildError("'" + v.reference() + "' defined with type '" + v.type() + "' but expected '" + expected + "'",
                line, column);
    }

    /** Globals already defined, by the image that named them ({@code @foo}): no substring per call or use. */
    private final Map<String, GlobalValue> globalsByImage = new HashMap<>();

    Value global(Token k, Type t) throws ParseException {
        GlobalValue known = globalsByImage.get(k.image);
        if (known != null) {
            if (known.type() != t && checksGlobalType(t)) throw globalMismatch(known, t, k.beginLine, k.beginColumn);
            return known;
        }
        String n = name(k.image);
        GlobalValue v = module.global(n);
        if (v != null) {
            globalsByImage.put(k.image, v);
            if (v.type() != t && checksGlobalType(t)) throw globalMismatch(v, t, k.beginLine, k.beginColumn);
            return v;
        }
        ForwardRef f = pendingGlobals.get(n);
        if (f == null) {
            f = new ForwardRef(t, n, true, k.beginLine, k.beginColumn);
            pendingGlobals.put(n, f);
        }
        return f;
    }

    /**
     * The element count of an array or vector type: a decimal integer, or an unsigned hex one ({@code u0x200000000}),
     * at most 64 bits wide, as LLVM's parseArrayVectorType takes it; a signed one ({@code s0x...}) it refuses.
     */
    long elementCount(Token n) throws ParseException {
        if (n.kind != LlvmIrParserConstants.HEXINT) return Long.parseUnsignedLong(n.image);
        String digits = n.image.substring(3).replaceFirst("^0+(?=.)", "");
        if (n.image.charAt(0) == 's' || digits.length() > 16) throw new BuildError("expected number in array or vector type", n);
        return Long.parseUnsignedLong(digits, 16);
    }

    /**
     * A number written for type t: as in LLParser's convertValIDToValue, an integer ({@code 7}, {@code s0x...}) is of
     * an integer type only, and a floating-point literal ({@code 1.0}, {@code 0x3FF0000000000000}) of a floating-point
     * type only (a vector takes {@code splat (...)}).
     */
    Value number(Type t, Token k) throws ParseException {
        String s = k.image;
        boolean integer = k.kind == LlvmIrParserConstants.INT || k.kind == LlvmIrParserConstants.HEXINT;
        if (t instanceof Type.FloatType) {
            if (integer) throw new BuildError("integer constant must have integer type", k);
            return new ConstantFP(t, s);
        }
        if (!(t instanceof Type.IntType it))
            throw new BuildError(integer ? "integer constant must have integer type" : "floating point constant invalid for type", k);
        if (k.kind == LlvmIrParserConstants.HEXINT) return new ConstantInt(t, hexInteger(s, it.bits));
        if (k.kind != LlvmIrParserConstants.INT) throw new BuildError("floating point constant invalid for type", k);
        if (s.length() < 18) {
            long v = Long.parseLong(s);
            if (v < SMALL_MIN || v > SMALL_MAX) return new ConstantInt(t, v);
            // constants are immutable and small ones are everywhere (indices, 0, 1): one object per type and value
            ConstantInt[] small = smallInts.computeIfAbsent(t, x -> new ConstantInt[SMALL_MAX - SMALL_MIN + 1]);
            int at = (int) (v - SMALL_MIN);
            ConstantInt c = small[at];
            if (c == null) small[at] = c = new ConstantInt(t, v);
            return c;
        }
        return new ConstantInt(t, new BigInteger(s));
    }

    /**
     * The value of {@code s0x...}/{@code u0x...} in an {@code iN}, as LLVM's lexer and parser give it: the digits are
     * an integer as wide as its significant bits, so a signed one always has its top bit set ({@code s0x0012312} is
     * -56558, {@code s0x1} is -1), and it is then sign- or zero-extended or truncated to N bits. The result is the
     * signed value in N bits, which is how LLVM prints it.
     */
    static BigInteger hexInteger(String image, int bits) {
        BigInteger val = new BigInteger(image.substring(3), 16);
        int active = val.bitLength();
        if (image.charAt(0) == 's' && active > 0) val = val.subtract(BigInteger.ONE.shiftLeft(active));
        BigInteger modulus = BigInteger.ONE.shiftLeft(bits);
        val = val.mod(modulus);
        return val.testBit(bits - 1) ? val.subtract(modulus) : val;
    }

    private static final int SMALL_MIN = -16, SMALL_MAX = 255;
    private final Map<Type, ConstantInt[]> smallInts = new java.util.IdentityHashMap<>();
    private final Map<String, Attribute> plainAttributes = new HashMap<>();

    /**
     * An attribute read from its text; those without a type argument are immutable and repeat thousands of times
     * ({@code noundef}, {@code align 8}), so each text is one object.
     */
    Attribute attribute(String kind, Type type, String text) {
        if (type != null) return new Attribute(kind, type, text);
        Attribute a = plainAttributes.get(text);
        if (a == null) plainAttributes.put(text, a = new Attribute(intern(kind), null, intern(text)));
        return a;
    }

    /** {@code true} and {@code false} are {@code i1} constants, so their place must be an {@code i1}. */
    Value bool(Type t, boolean v, Token k) throws ParseException {
        if (!(t instanceof Type.IntType it && it.bits == 1)) throw mismatch(module.types.i1(), t, k);
        return new ConstantInt(t, v ? 1 : 0);
    }

    private static BuildError mismatch(Type got, Type expected, Token at) {
        return new BuildError("constant expression type mismatch: got type '" + got + "' but expected '" + expected + "'", at);
    }

    Value special(Type t, ConstantSpecial.Kind kind) { return new ConstantSpecial(t, kind); }

    /** null, none, undef, poison, zeroinitializer, with the types convertValIDToValue takes for each. */
    Value special(Type t, ConstantSpecial.Kind kind, Token k) throws ParseException {
        boolean firstClass = !(t instanceof Type.VoidType) && !(t instanceof Type.FunctionType) && t != module.types.label;
        String problem = switch (kind) {
            case NULL -> t.isPointer() ? null : "null must be a pointer type";
            case NONE -> t == module.types.token ? null : "invalid type for none constant";
            case UNDEF -> firstClass ? null : "invalid type for undef constant";
            case POISON -> firstClass ? null : "invalid type for poison constant";
            case ZEROINITIALIZER -> firstClass ? null : "invalid type for null constant";
        };
        if (problem != null) throw new BuildError(problem, k);
        return new ConstantSpecial(t, kind);
    }

    /** {@code c"..."} is an {@code [N x i8]} of its N bytes. */
    Value string(Type t, Token s, Token c) throws ParseException {
        String escaped = strip(s.image);
        if (!(t instanceof Type.ArrayType at && at.element instanceof Type.IntType it && it.bits == 8
              && at.length == Names.unescapeString(escaped).length()))
            throw mismatch(module.types.array(Names.unescapeString(escaped).length(), module.types.intType(8)), t, c);
        return new ConstantString(t, escaped);
    }

    /**
     * Whether a value of type a stands where b is expected, for the element checks of aggregate constants. Pointers
     * are not compared: a global's type is worked out here (a typed pointer in an LLVM 14 file), and its uses are
     * checked where they are read.
     */
    private static boolean fits(Type a, Type b) { return a == b || (a.isPointer() && b.isPointer()); }

    /**
     * {@code [...]}, {@code {...}}, {@code <{...}>}, {@code <...>}: the elements against the type, as LLParser's
     * parseValID and convertValIDToValue check them; an error is at the opening bracket.
     */
    Value aggregate(Type t, ConstantAggregate.Kind kind, List<Value> elems, Token k) throws ParseException {
        int n = elems.size();
        switch (kind) {
            case ARRAY -> {
                if (n == 0) {
                    if (!(t instanceof Type.ArrayType at && at.length == 0)) throw new BuildError("invalid empty array initializer", k);
                    break;
                }
                Type first = elems.get(0).type();
                for (int i = 1; i < n; i++)
                    if (!fits(elems.get(i).type(), first))
                        throw new BuildError("array element #" + i + " is not of type '" + first + "'", k.next != null ? k.next : k);
                if (!(t instanceof Type.ArrayType at && at.length == n && fits(first, at.element)))
                    throw mismatch(module.types.array(n, first), t, k);
            }
            case VECTOR -> {
                Type first = n == 0 ? null : elems.get(0).type();
                for (int i = 1; i < n; i++)
                    if (!fits(elems.get(i).type(), first)) throw new BuildError("vector element #" + i + " is not of type '" + first + "'", k);
                if (first != null && !(first instanceof Type.IntType || first instanceof Type.FloatType || first.isPointer()))
                    throw new BuildError("vector elements must have integer, pointer or floating point type", k);
                if (first != null && !(t instanceof Type.VectorType vt && !vt.scalable && vt.length == n && fits(first, vt.element)))
                    throw mismatch(module.types.vector(false, n, first), t, k);
            }
            default -> {
                if (!(t instanceof Type.StructType st)) throw new BuildError("constant expression type mismatch", k);
                // a named struct not defined yet: its body is not known here (LLVM has it, as types come first)
                if (st.isOpaque() && !st.isLiteral() && !definedTypes.contains(st)) break;
                if (st.elements().size() != n) throw new BuildError("initializer with struct type has wrong # elements", k);
                if (st.isPacked() != (kind == ConstantAggregate.Kind.PACKED_STRUCT))
                    throw new BuildError("packed'ness of initializer and type don't match", k);
                for (int i = 0; i < n; i++)
                    if (!fits(elems.get(i).type(), st.elements().get(i)))
                        throw new BuildError("element " + i + " of struct initializer doesn't match struct element type", k);
            }
        }
        return track(new ConstantAggregate(t, kind, elems.toArray(NO_VALUES)));
    }

    /**
     * {@code t} is the type the context states, or null where it states none (an alias's getelementptr aliasee):
     * then the expression's type is worked out as LLVM does, a typed pointer in an LLVM 14 file included.
     */
    Value constantExpr(Type t, Token op, List<String> flags, Type src, List<Value> ops, int inRange, Type to,
                       List<Integer> indices) throws ParseException {
        if (to != null && ops.size() == 1 && isCastToken(op.kind)) {
            Opcode code = Opcode.of(op.image);
            String problem = Validator.cast(code, ops.get(0).type(), to);
            if (problem != null) throw new BuildError(problem, op);
            if (t != null && to != t && checksGlobalType(t))
                throw new BuildError("constant expression type mismatch: got type '" + to + "' but expected '" + t + "'", op);
        }
        if (op.kind == LlvmIrParserConstants.GETELEMENTPTR && src != null) {
            String problem = Validator.constantGetelementptr(src, ops.toArray(NO_VALUES), sizedStructs, declareUndefined);
            if (problem != null) throw new BuildError(problem, op);
        }
        Type type = to != null ? to : t != null ? t : src != null ? gepResult(src, ops) : ops.get(0).type();
        return track(new ConstantExpr(type, op.image, flags, src, ops.toArray(NO_VALUES), inRange,
                                      indices.isEmpty() ? List.of() : indices));
    }

    private static boolean isCastToken(int kind) {
        switch (kind) {
            case LlvmIrParserConstants.TRUNC: case LlvmIrParserConstants.ZEXT: case LlvmIrParserConstants.SEXT:
            case LlvmIrParserConstants.FPTRUNC: case LlvmIrParserConstants.FPEXT: case LlvmIrParserConstants.FPTOUI:
            case LlvmIrParserConstants.FPTOSI: case LlvmIrParserConstants.UITOFP: case LlvmIrParserConstants.SITOFP:
            case LlvmIrParserConstants.PTRTOINT: case LlvmIrParserConstants.PTRTOADDR: case LlvmIrParserConstants.INTTOPTR:
            case LlvmIrParserConstants.BITCAST: case LlvmIrParserConstants.ADDRSPACECAST:
                return true;
            default:
                return false;
        }
    }

    /** Records every operand of u that is a forward reference, so it can be replaced later. */
    <T extends User> T track(T u) {
        int n = u.operandCount();
        for (int i = 0; i < n; i++) {
            if (u.operand(i) instanceof ForwardRef f) {
                if (f.global) { globalFixUsers.add(u); globalFixIndex.add(i); }
                else { localFixUsers.add(u); localFixIndex.add(i); }
            }
        }
        return u;
    }

    // ---------------------------------------------------------------- metadata

    /** Metadata numbers above this are cached in a map, so that {@code !2000000000} does not allocate 16 GB. */
    private static final int REF_CACHE_LIMIT = 1 << 22;
    private final Map<Integer, Metadata.Ref> farRefs = new HashMap<>();

    /** The N of {@code !N}; found by ScanFuzzTest: a number of 30 digits made a NumberFormatException. */
    private static int metadataNumber(Token k) throws ParseException {
        long n = 0;
        for (int i = 1; i < k.image.length(); i++) {
            n = n * 10 + (k.image.charAt(i) - '0');
            if (n > Integer.MAX_VALUE) throw new BuildError("metadata number " + k.image + " is too large", k);
        }
        return (int) n;
    }

    Metadata.Ref mdRef(Token k) throws ParseException {
        int id = metadataNumber(k);
        if (id >= REF_CACHE_LIMIT) {
            Metadata.Ref r = farRefs.get(id);
            if (r == null) {
                farRefs.put(id, r = new Metadata.Ref(id, module.metadata));
                firstMetadataUse(id, k);
            }
            return r;
        }
        if (id >= refCache.length) refCache = java.util.Arrays.copyOf(refCache, Math.max(id + 1, refCache.length * 2));
        Metadata.Ref r = refCache[id];
        if (r == null) {
            refCache[id] = r = new Metadata.Ref(id, module.metadata);
            firstMetadataUse(id, k);
        }
        return r;
    }

    /**
     * The first use of each metadata id not yet checked against the definitions ({@link #checkMetadataUses}): its id,
     * line and column, three ints a use. A Ref is made once per id, so this is one entry per id used, not per use.
     */
    private int[] metadataUses = new int[3 * 64];
    private int metadataUseCount;
    /** Ids of the numbered nodes the input defines (or tries to: a node with an error is not undefined as well). */
    private final java.util.BitSet metadataDefined = new java.util.BitSet();
    /** Defined ids far beyond the others, kept apart so that {@code !2000000000 = !{}} does not make a large set. */
    private final java.util.Set<Integer> farMetadataDefined = new java.util.HashSet<>();

    private void firstMetadataUse(int id, Token k) {
        if (metadataUseCount * 3 == metadataUses.length) metadataUses = java.util.Arrays.copyOf(metadataUses, metadataUses.length * 2);
        int at = 3 * metadataUseCount++;
        metadataUses[at] = id;
        metadataUses[at + 1] = k.beginLine;
        metadataUses[at + 2] = k.beginColumn + 1; // as LLVM, at the number after the '!'
    }

    /** {@code !N =} has been read: N is defined, whether or not its node can be read. */
    void metadataDefinitionStarts(Token id) throws ParseException { metadataDefined(metadataNumber(id)); }

    /** N is defined (read, about to be read, or deferred). */
    void metadataDefined(int id) {
        if (id < REF_CACHE_LIMIT) metadataDefined.set(id);
        else farMetadataDefined.add(id);
    }

    private boolean isMetadataDefined(int id) {
        return id < REF_CACHE_LIMIT ? metadataDefined.get(id) : farMetadataDefined.contains(id);
    }

    /**
     * LLParser's validateEndOfModule: a metadata id used but never defined is {@code use of undefined metadata '!N'}
     * at its first use. Checks the ids first used since the last call; a pass dump, which prints no metadata, is not
     * checked.
     */
    void checkMetadataUses() {
        int n = metadataUseCount;
        metadataUseCount = 0;
        if (declareUndefined) return;
        for (int k = 0; k < n; k++) {
            int id = metadataUses[3 * k];
            if (!isMetadataDefined(id))
                addError(new BuildError("use of undefined metadata '!" + id + "'", metadataUses[3 * k + 1], metadataUses[3 * k + 2]), null);
        }
    }

    /**
     * A specialized node {@code !Kind(...)}, its fields checked against LLVM's lists ({@link MetadataFields}): an error
     * is at the field's label, or at the kind when the node lacks something.
     */
    MDNode specializedNode(Token kindToken, boolean distinct, List<MDNode.Field> fields) throws ParseException {
        String kind = kindNames.get(kindToken.image);
        MDNode node = mdNode(kind, distinct, fields);
        if (!MetadataFields.checked(kind)) return node;
        MetadataFields.Problem problem = null;
        // the labels decide most of it, and nodes of one shape share one label array: each shape is checked once
        if (checkedShapes.get(lastLabels) != kind) {
            problem = MetadataFields.checkLabels(kind, fields);
            if (problem == null) checkedShapes.put(lastLabels, kind);
        }
        if (problem == null) problem = MetadataFields.checkValues(kind, distinct, fields);
        if (problem == null) return node;
        Token at = kindToken;
        if (problem.field() >= 0 && fields.get(problem.field()).label() != null) {
            int j = 0;
            for (int i = 0; i < problem.field(); i++) if (fields.get(i).label() != null) j++;
            Token label = label(kindToken, j);
            if (label != null) at = label;
        }
        throw new BuildError(problem.message(), at);
    }

    /**
     * The j-th label of the node whose kind is kindToken: the parser links the tokens it read, so the node's are
     * still there to walk when an error wants a position (no bookkeeping on the way of a valid file).
     */
    private static Token label(Token kindToken, int j) {
        int depth = 0;
        for (Token t = kindToken.next; t != null; t = t.next) {
            switch (t.kind) {
                case LlvmIrParserConstants.LPAREN: case LlvmIrParserConstants.LBRACE: case LlvmIrParserConstants.LBRACKET:
                case LlvmIrParserConstants.MDTUPLE:
                    depth++;
                    break;
                case LlvmIrParserConstants.RPAREN: case LlvmIrParserConstants.RBRACE: case LlvmIrParserConstants.RBRACKET:
                    if (--depth == 0) return null;
                    break;
                case LlvmIrParserConstants.LABELSTR:
                    if (depth == 1 && j-- == 0) return t;
                    break;
                default:
                    break;
            }
        }
        return null;
    }

    private final ByText<String> kindNames = new ByText<>(image -> intern(image.substring(1)));

    /** Label arrays whose fields were found right for a kind (the array's kind; one kind per shape is enough). */
    private final Map<String[], String> checkedShapes = new java.util.IdentityHashMap<>();
    /** The label array of the node {@link #mdNode} made last. */
    private String[] lastLabels;

    MDNode mdNode(String kind, boolean distinct, List<MDNode.Field> fields) {
        MetadataTable table = module.metadata;
        int n = fields.size();
        Metadata[] values = new Metadata[n];
        labelKey.clear();
        for (int i = 0; i < n; i++) {
            MDNode.Field f = fields.get(i);
            values[i] = f.value();
            labelKey.add(f.label());
        }
        String[] labels = labelArrays.get(labelKey);
        if (labels == null) {
            labels = labelKey.toArray(new String[0]);
            labelArrays.put(new ArrayList<>(labelKey), labels);
        }
        lastLabels = labels;
        if (kind == null) return new MDNode(null, distinct, labels, values, table);
        switch (kind) {
            case "DILocation": return new DILocation(distinct, labels, values, table);
            case "DISubprogram": return new DISubprogram(distinct, labels, values, table);
            case "DILexicalBlock": case "DILexicalBlockFile": return new DILexicalBlock(kind, distinct, labels, values, table);
            case "DIFile": return new DIFile(distinct, labels, values, table);
            default: return new MDNode(intern(kind), distinct, labels, values, table);
        }
    }

    /** One String per distinct label, kind or literal text: debug info repeats a few hundred of them a million times. */
    String intern(String s) {
        String c = strings.putIfAbsent(s, s);
        return c == null ? s : c;
    }

    String fieldLabel(String image) { return labels.get(image); }

    Metadata.Literal literal(String text) { return literals.get(text); }

    // ", !dbg !N" ends nearly every instruction of a -g file: the kind is one String per file, not one per use
    private final ByText<String> attachmentKinds = new ByText<>(image -> intern(unescapeMetadataName(image.substring(1))));
    // #dbg_value( and its kin: the record's kind is the image without "#dbg_"
    private final ByText<String> recordKinds = new ByText<>(image -> intern(image.substring(5)));

    /** {@code !kind node} after an instruction, function or global; the kind's text is the token's image. */
    MetadataAttachment attachment(Token k, Metadata node) {
        return new MetadataAttachment(attachmentKinds.get(k.image), node);
    }

    void defineMetadata(Token id, MDNode node) throws ParseException {
        int n = metadataNumber(id);
        if (module.metadata.peek(n) != null) throw new BuildError("redefinition of metadata '!" + n + "'", id);
        module.metadata.put(n, node);
    }

    void useListOrder(String text) {
        if (function == null) module.useListOrders().add(text);
        else function.useListOrders().add(text);
    }

    // ---------------------------------------------------------------- globals

    private int addressSpaceOf(List<Attribute> specifiers, Token at) throws ParseException {
        for (Attribute a : specifiers) {
            if (a.kind().equals("addrspace")) {
                String t = a.text();
                int open = t.indexOf('('), close = t.indexOf(')');
                if (open >= 0 && close > open) {
                    String n = t.substring(open + 1, close).trim();
                    // found by ScanFuzzTest: addrspace(1 <junk>) made a NumberFormatException
                    if (!n.matches("[0-9]{1,7}")) throw new BuildError("expected an address space number, found '" + n + "'", at);
                    return Integer.parseInt(n);
                }
            }
        }
        return 0;
    }

    private static int addressSpaceOf(Type pointer) {
        if (pointer instanceof Type.PointerType p) return p.addressSpace;
        if (pointer instanceof Type.TypedPointerType p) return p.addressSpace;
        return 0;
    }

    private Type globalPointerType(Type valueType, int addressSpace) {
        return typedPointers ? module.types.typedPointer(valueType, addressSpace) : module.types.pointer(addressSpace);
    }

    /** The name a global definition gets; {@code @""} is unnamed and takes the next global number, as in LLVM. */
    private String globalName(Token n) {
        if (n.image.equals("@\"\"")) return Integer.toString(nextGlobalNumber++);
        String nm = name(n.image);
        if (numbered(n.image)) nextGlobalNumber = Math.max(nextGlobalNumber, Integer.parseInt(nm) + 1);
        return nm;
    }

    private static void checkLinkage(Token n, List<Attribute> spec, Validator.GlobalKind kind) throws ParseException {
        if (spec.isEmpty()) return;
        String problem = Validator.linkage(spec, kind);
        if (problem != null) throw new BuildError(problem, n);
    }

    private void checkNew(Token n, String name) throws ParseException {
        if (module.global(name) != null) throw new BuildError("redefinition of global '@" + name + "'", n);
    }

    /** LLParser's parseGlobal: what PointerType::isValidElementType refuses, and functions, hold no global. */
    void globalVariableType(Type t, Token at) throws ParseException {
        notVoid(t, at);
        if (t instanceof Type.FunctionType || t == module.types.label || t == module.types.metadata || t == module.types.token
                || isSimple(t, "x86_amx"))
            throw new BuildError("invalid type for global variable", at);
    }

    void defineGlobalVariable(Token n, List<Attribute> spec, boolean constant, Type t, Value init,
                              List<Attribute> trailing, List<MetadataAttachment> md, List<Attribute> attrs) throws ParseException {
        checkLinkage(n, spec, Validator.GlobalKind.VARIABLE);
        String nm = globalName(n);
        checkNew(n, nm);
        GlobalVariable g = new GlobalVariable(globalPointerType(t, addressSpaceOf(spec, n)), nm);
        g.setAttributes(attrs);
        g.setConstant(constant);
        g.setValueType(t);
        g.setInitializer(init);
        g.setTrailing(trailing);
        register(g, n, spec, md);
    }

    void defineAlias(Token n, List<Attribute> spec, boolean ifunc, Type t, Value aliasee,
                     List<Attribute> trailing, List<MetadataAttachment> md) throws ParseException {
        checkLinkage(n, spec, ifunc ? Validator.GlobalKind.IFUNC : Validator.GlobalKind.ALIAS);
        String nm = globalName(n);
        checkNew(n, nm);
        // as in LLVM, the alias (or ifunc) is in the address space of its aliasee (or resolver)
        GlobalAlias a = new GlobalAlias(globalPointerType(t, addressSpaceOf(aliasee.type())), nm, ifunc);
        a.setValueType(t);
        a.setAliasee(aliasee);
        a.setTrailing(trailing);
        register(a, n, spec, md);
    }

    /** What every global definition shares: numbering, specifiers, attachments, position, and forward references. */
    private <G extends GlobalValue & User> void register(G gv, Token n, List<Attribute> spec, List<MetadataAttachment> md) {
        gv.setNumbered(numbered(n.image) || n.image.equals("@\"\""));
        gv.setSpecifiers(spec);
        gv.setMetadata(md.isEmpty() ? List.of() : md);
        gv.setLine(n.beginLine);
        module.add(gv);
        track(gv);
    }

    // ---------------------------------------------------------------- functions

    Function function(Token n, boolean define, List<Attribute> spec, Type ret, List<Type> ptypes,
                      List<List<Attribute>> pattrs, List<Token> pnames, boolean varArg, List<Attribute> attrs,
                      Value prefix, Value prologue, Value personality, List<MetadataAttachment> md) throws ParseException {
        checkLinkage(n, spec, define ? Validator.GlobalKind.FUNCTION_DEFINITION : Validator.GlobalKind.FUNCTION_DECLARATION);
        if (!Validator.validReturnType(ret)) throw new BuildError("invalid function return type", n);
        String nm = globalName(n);
        checkNew(n, nm);
        Type fnType = module.types.function(ret, ptypes, varArg);
        Function f = new Function(globalPointerType(fnType, addressSpaceOf(attrs, n)), nm);
        f.setReturnType(ret);
        f.setVarArg(varArg);
        f.setAttributes(attrs);
        f.setPrefix(prefix);
        f.setPrologue(prologue);
        f.setPersonality(personality);
        f.setDefinition(define);
        resetFunction();
        for (int i = 0; i < ptypes.size(); i++) {
            Token pn = pnames.get(i);
            // in a body, an unnamed parameter takes the next number, as in LLVM: (i32, i32) are %0 and %1
            String pname = pn != null ? name(pn.image) : define ? Integer.toString(nextNumber) : null;
            Argument a = new Argument(ptypes.get(i), pname, i, pattrs.get(i));
            f.arguments().add(a);
            if (pn == null ? define : numbered(pn.image)) {
                a.setNumbered(true);
                nextNumber = Math.max(nextNumber, Integer.parseInt(a.name()) + 1);
            }
            if (define) locals.put(key(a.name(), a.isNumbered()), a);
        }
        register(f, n, spec, md);
        if (define) {
            function = f;
            globalFixMark = globalFixUsers.size();
        }
        return f;
    }

    /**
     * Most instructions read in one function. Each costs a few hundred bytes of model and the analyses are
     * superlinear in places, so a generated 10-million-instruction function would take minutes and the heap; the
     * largest kernel functions have some tens of thousands. A larger function is skipped with a one-line error.
     */
    static final int MAX_INSTRUCTIONS_PER_FUNCTION = 1_000_000;
    private int instructionsInFunction;

    private void resetFunction() {
        function = null;
        instructionsInFunction = 0;
        locals.clear();
        pendingLocals.clear();
        blocks.clear();
        localFixUsers.clear();
        localFixIndex.clear();
        current = null;
        pendingRecords = null;
        nextNumber = 0;
        nodeDepth = 0;
    }

    BasicBlock block(Token k) {
        LocalName ln = localNames.get(k.image);
        BasicBlock bb = blocks.get(ln.key);
        if (bb == null) {
            bb = new BasicBlock(module.types.label, ln.name);
            bb.setNumbered(ln.numbered);
            bb.setLine(k.beginLine);
            blocks.put(ln.key, bb);
        }
        return bb;
    }

    void label(Token l) throws ParseException {
        // LLVM reads a block up to its terminator, so a label before it is where it expects one more instruction
        if (current != null && !endsWithTerminator(current)) throw new BuildError("expected instruction opcode", l);
        String img = l.image.substring(0, l.image.length() - 1);
        boolean quoted = img.charAt(0) == '"';
        String n = quoted ? Names.unescapeString(img.substring(1, img.length() - 1)) : img;
        boolean num = !quoted && numbered(img);
        String key = key(n, num);
        BasicBlock bb = blocks.get(key);
        if (bb == null) {
            bb = new BasicBlock(module.types.label, n);
            bb.setNumbered(num);
            blocks.put(key, bb);
        } else if (bb.isDefined()) {
            throw new BuildError("redefinition of label '%" + n + "'", l);
        }
        bb.setLine(l.beginLine);
        if (num) nextNumber = Math.max(nextNumber, Integer.parseInt(n) + 1);
        startBlock(bb);
    }

    private void startBlock(BasicBlock bb) {
        bb.markDefined();
        bb.setParent(function);
        function.blocks().add(bb);
        current = bb;
    }

    /**
     * LLParser's parseDebugRecord: {@code #dbg_value} and {@code #dbg_declare} take a location, then a variable, an
     * expression and a DILocation, which are nodes; {@code #dbg_assign} also an assign id, an address and its
     * expression; {@code #dbg_label} a label and a DILocation. A kind of a newer LLVM is not checked.
     */
    private static int[] recordNodes(String kind) {
        switch (kind) {
            case "value": case "declare": return new int[] {1, 2, 3};
            case "assign": return new int[] {1, 2, 3, 5, 6};
            case "label": return new int[] {0, 1};
            default: return null;
        }
    }

    private static int recordArity(String kind) {
        return kind.equals("assign") ? 7 : kind.equals("label") ? 2 : 4;
    }

    private static boolean isNode(Metadata m) { return m instanceof Metadata.Ref || m instanceof MDNode; }

    private static void checkRecord(Token k, String kind, List<Metadata> ops) throws ParseException {
        int arity;
        switch (kind) {
            case "value": case "declare": // nearly every record of a -g file: its shape first
                if (ops.size() == 4 && isNode(ops.get(1)) && isNode(ops.get(2)) && isNode(ops.get(3))) return;
                arity = 4;
                break;
            case "assign": case "label":
                arity = recordArity(kind);
                break;
            default:
                return;
        }
        int[] nodes = recordNodes(kind);
        for (int j : nodes) {
            if (j >= ops.size()) break;
            if (!isNode(ops.get(j))) throw new BuildError("expected '!' here", recordToken(k, j, false));
        }
        if (ops.size() < arity) throw new BuildError("Expected ',' here", recordToken(k, ops.size(), true));
        if (ops.size() > arity) throw new BuildError("Expected ')' here", recordToken(k, arity, true));
    }

    /**
     * The first token of operand j of the record k ({@code separator}: the comma or parenthesis before it instead),
     * found by walking the tokens the parser linked; only an error asks.
     */
    private static Token recordToken(Token k, int j, boolean separator) {
        int depth = 0, operand = 0;
        for (Token t = k.next; t != null; t = t.next) {
            switch (t.kind) {
                case LlvmIrParserConstants.LPAREN: case LlvmIrParserConstants.LBRACE: case LlvmIrParserConstants.LBRACKET:
                case LlvmIrParserConstants.MDTUPLE:
                    if (depth++ == 0) {
                        if (j == 0) return separator ? t : t.next != null ? t.next : t;
                        continue;
                    }
                    break;
                case LlvmIrParserConstants.RPAREN: case LlvmIrParserConstants.RBRACE: case LlvmIrParserConstants.RBRACKET:
                    if (--depth == 0) return t;
                    break;
                case LlvmIrParserConstants.COMMA:
                    if (depth == 1 && ++operand == j) return separator ? t : t.next != null ? t.next : t;
                    break;
                default:
                    break;
            }
        }
        return k;
    }

    void debugRecord(Token k, List<Metadata> ops) throws ParseException {
        String kind = recordKinds.get(k.image);
        checkRecord(k, kind, ops);
        if (pendingRecords == null) {
            recordList.clear();
            pendingRecords = recordList;
        }
        pendingRecords.add(new DebugRecord(kind, List.copyOf(ops), k.beginLine));
    }

    /** Structs found sized by a getelementptr's check; see {@link Validator#isSized(Type, Set)}. */
    private final java.util.Set<Type> sizedStructs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** The first token of the instruction being read (its opcode, or the tail before a call): where its errors are. */
    private Token instructionStart;

    Instruction inst(Opcode op, Type type, Token name, Token first, Value[] operands, BasicBlock[] bbs) {
        instructionStart = first;
        Token at = name != null ? name : first;
        LocalName ln = name == null ? null : localNames.get(name.image);
        Instruction i = new Instruction(op, type, ln == null ? null : ln.name, operands, bbs, at.beginLine, at.beginColumn);
        if (ln != null && ln.numbered) i.setNumbered(true);
        track(i);
        return i;
    }

    Instruction call(Opcode op, Token name, Token first, long flags, CallParts cp, BasicBlock[] bbs) throws ParseException {
        // LLParser's parseParameterList: '...' passes the caller's variable arguments on, in a musttail call only
        boolean mustTail = op == Opcode.CALL && (flags & Flag.MUSTTAIL.bit()) != 0;
        boolean varArgCaller = function != null && function.isVarArg();
        if (cp.dots != null && !mustTail)
            throw new BuildError("unexpected ellipsis in argument list for non-musttail call", cp.dots);
        if (cp.dots != null && !varArgCaller)
            throw new BuildError("unexpected ellipsis in argument list for musttail call in non-varargs function", cp.dots);
        if (cp.dots == null && mustTail && varArgCaller && cp.close != null)
            throw new BuildError("expected '...' at end of argument list for musttail call in varargs function", cp.close);
        Value[] ops = new Value[cp.args.size() + 1];
        for (int i = 0; i < cp.args.size(); i++) ops[i] = cp.args.get(i);
        ops[ops.length - 1] = cp.callee;
        Type fnType = cp.type instanceof Type.FunctionType ft ? ft : null;
        Type result = fnType != null ? ((Type.FunctionType) fnType).returnType : cp.type;
        // an explicit function type is printed back as written; a bare return type is the common case
        if (cp.callee instanceof dev.lkmmhazard.ir.InlineAsm asm && fnType == null) {
            asm.setType(module.types.function(cp.type, argTypes(cp.args), false));
        } else if (cp.callee instanceof dev.lkmmhazard.ir.InlineAsm asm) {
            asm.setType(fnType);
        }
        Instruction i = inst(op, result, name, first, ops, bbs);
        i.setFlags(flags);
        i.setCall(new CallInfo(cp.preType, fnType, List.copyOf(cp.argAttrs), cp.fnAttrs, List.copyOf(cp.bundles),
                cp.forwardsVarArgs));
        return i;
    }

    private static List<Type> argTypes(List<Value> args) {
        List<Type> out = new ArrayList<>(args.size());
        for (Value v : args) out.add(v.type());
        return out;
    }

    void add(Instruction i, List<MetadataAttachment> md) throws ParseException {
        if (function == null) throw new BuildError("instruction outside a function body", i.line(), i.column());
        if (++instructionsInFunction > MAX_INSTRUCTIONS_PER_FUNCTION)
            throw new BuildError("function has more than " + MAX_INSTRUCTIONS_PER_FUNCTION + " instructions (the limit)", i.line(), i.column());
        String problem = Validator.instruction(i, function.returnType(), typedPointers, sizedStructs, declareUndefined);
        if (problem != null) {
            Token at = instructionStart;
            throw at != null ? new BuildError(problem, at) : new BuildError(problem, i.line(), i.column());
        }
        if (current == null || (current.terminator() != null && current.terminator().opcode().isTerminator())) {
            // an unlabeled block (the entry block, as LLVM prints it) takes the next number
            String n = Integer.toString(nextNumber++);
            BasicBlock bb = blocks.get(n);
            if (bb == null) {
                bb = new BasicBlock(module.types.label, n);
                blocks.put(n, bb);
            }
            bb.setNumbered(true);
            bb.setLine(i.line());
            startBlock(bb);
        }
        if (md != null) i.setMetadata(md);
        if (pendingRecords != null) {
            i.setDebugRecords(List.copyOf(pendingRecords));
            pendingRecords = null;
        }
        current.add(i);
        i.setPosition(function.arguments().size() + instructionsInFunction - 1);
        if (!i.hasName() && !i.type().isVoid()) {
            // an unnamed result takes the next number after the block's, as in LLVM
            i.setName(Integer.toString(nextNumber));
            i.setNumbered(true);
        }
        if (i.hasName()) {
            if (i.type().isVoid()) throw new BuildError("instructions returning void cannot have a name", i.line(), i.column());
            String key = key(i.name(), i.isNumbered());
            if (locals.containsKey(key)) throw new BuildError("redefinition of value " + i.reference(), i.line(), i.column());
            locals.put(key, i);
            if (i.isNumbered()) nextNumber = Math.max(nextNumber, Integer.parseInt(i.name()) + 1);
        }
    }

    /** Ends the body just read; a problem found only now (an undefined value) loses this function alone. */
    void endFunction() {
        try {
            resolveLocals();
        } catch (ParseException e) {
            functionError(e);
        }
    }

    private static boolean endsWithTerminator(BasicBlock bb) {
        Instruction last = bb.terminator();
        return last != null && last.opcode().isTerminator();
    }

    private void resolveLocals() throws ParseException {
        Function f = function;
        if (current != null && !endsWithTerminator(current)) {
            Instruction last = current.terminator();
            throw last == null ? new BuildError("expected instruction opcode", current.line(), 1)
                    : new BuildError("expected instruction opcode before '}': the last block does not end with a terminator",
                            last.line(), last.column());
        }
        for (int k = 0; k < localFixUsers.size(); k++) {
            User u = localFixUsers.get(k);
            int idx = localFixIndex.get(k);
            if (!(u.operand(idx) instanceof ForwardRef ref)) continue;
            Value def = locals.get(key(ref.name(), ref.isNumbered()));
            if (def == null) throw new BuildError("use of undefined value '%" + ref.name() + "'", ref.line, ref.column);
            // as LLVM, at the definition: its placeholder took the type of the first use
            if (def.type() != ref.type() && checksLocalType(ref.type()))
                throw def instanceof Instruction di
                        ? new BuildError("instruction forward referenced with type '" + ref.type() + "'", di.line(), di.column())
                        : typeMismatch(def, ref.type(), ref.line, ref.column);
            u.setOperand(idx, def);
        }
        for (BasicBlock bb : blocks.values()) {
            if (!bb.isDefined()) throw new BuildError("use of undefined label " + bb.reference(), bb.line(), 1);
        }
        if (pendingRecords != null) throw new BuildError("debug record after the last instruction", pendingRecords.get(0).line(), 1);
        resetFunction();
        if (f.blocks().isEmpty()) throw new BuildError("function body '@" + f.name() + "' has no blocks", f.line(), 1);
    }

    /** Resolves global forward references once the whole module is read. */
    void finish() {
        for (int k = 0; k < globalFixUsers.size(); k++) {
            User u = globalFixUsers.get(k);
            int idx = globalFixIndex.get(k);
            if (!(u.operand(idx) instanceof ForwardRef ref)) continue;
            GlobalValue def = module.global(ref.name());
            if (def == null && (declareUndefined || calledIntrinsic(ref, u, idx))) def = declareAtUse(ref, u, idx);
            if (def == null) {
                addError(new BuildError("use of undefined global '@" + ref.name() + "'", ref.line, ref.column), null);
                continue;
            }
            // reported, and resolved all the same: the reference is to that global whatever its type
            if (def.type() != ref.type() && checksGlobalType(ref.type())) addError(globalMismatch(def, ref.type(), ref.line, ref.column), null);
            else if (!typedPointers && otherAddressSpace(ref, def) && !takesAnyPointer(u, idx))
                addError(new BuildError(def instanceof Function
                        ? "invalid forward reference to function '" + def.name() + "' with wrong type: expected '" + def.type()
                          + "' but was '" + ref.type() + "'"
                        : "forward reference and definition of global have different types", ref.line, ref.column), null);
            u.setOperand(idx, def);
        }
        // deferred metadata read later calls finish again for the references it adds
        globalFixUsers.clear();
        globalFixIndex.clear();
    }

    /** A use as {@code ptr addrspace(N)} of a global defined in another address space (opaque pointers). */
    private static boolean otherAddressSpace(ForwardRef ref, GlobalValue def) {
        return ref.type() instanceof Type.PointerType r && def.type() instanceof Type.PointerType d && r.addressSpace != d.addressSpace;
    }

    /**
     * The grammar reads a callee and blockaddress's function as {@code ptr}, where LLVM takes the program address
     * space of the data layout: their address space says nothing.
     */
    private static boolean takesAnyPointer(User u, int idx) {
        return u instanceof BlockAddress || (u instanceof Instruction i && i.call() != null && idx == i.operandCount() - 1);
    }

    /**
     * An intrinsic called without a declaration: LLVM 18 and later declare it from the call (LLParser's implicit
     * intrinsic declarations), and their own tests rely on that.
     */
    private static boolean calledIntrinsic(ForwardRef ref, User u, int idx) {
        return ref.name().startsWith("llvm.") && u instanceof Instruction i && i.call() != null && idx == i.operandCount() - 1;
    }

    /**
     * The declaration a pass dump leaves out, made from its first use: the callee of a call becomes a declared
     * function of the call's type, anything else an external global of the type the use expects.
     */
    private GlobalValue declareAtUse(ForwardRef ref, User u, int idx) {
        GlobalValue gv;
        if (u instanceof Instruction i && i.call() != null && idx == i.operandCount() - 1) {
            Type.FunctionType ft = i.call().functionType() instanceof Type.FunctionType t ? t : null;
            if (ft == null) {
                List<Type> params = new ArrayList<>();
                for (int k = 0; k < i.operandCount() - 1; k++) params.add(i.operand(k).type());
                ft = module.types.function(i.type(), params, false);
            }
            Function f = new Function(ref.type(), ref.name());
            f.setReturnType(ft.returnType);
            f.setVarArg(ft.varArg);
            for (int k = 0; k < ft.params.size(); k++) f.arguments().add(new Argument(ft.params.get(k), null, k, List.of()));
            f.setDefinition(false);
            gv = f;
        } else {
            GlobalVariable g = new GlobalVariable(ref.type(), ref.name());
            // the dump never says what the global holds: the pointee of a typed pointer, else bytes
            g.setValueType(ref.type() instanceof Type.TypedPointerType tp ? tp.pointee : module.types.intType(8));
            gv = g;
        }
        gv.setLine(ref.line);
        module.add(gv);
        return gv;
    }

    /**
     * What a token's text stands for, worked out once per file and then looked up: the same few hundred texts
     * (names, kinds, widths, labels) recur millions of times in a kernel file.
     */
    private static final class ByText<T> {
        private final Map<String, T> known = new HashMap<>();
        private final java.util.function.Function<String, T> workOut;

        ByText(java.util.function.Function<String, T> workOut) { this.workOut = workOut; }

        T get(String text) {
            T v = known.get(text);
            if (v == null) known.put(text, v = workOut.apply(text));
            return v;
        }
    }
}
