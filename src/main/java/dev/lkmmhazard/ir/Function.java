package dev.lkmmhazard.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A function declaration or definition. {@link #specifiers()} holds what stands between {@code define} and the
 * return type (linkage, visibility, calling convention, return attributes); {@link #attributes()} what stands between
 * the parameter list and the body (unnamed_addr, {@code #0}, section, comdat, align, gc).
 */
public final class Function extends GlobalValue implements User {
    private Type returnType;
    private final List<Argument> arguments = new ArrayList<>();
    private boolean varArg;
    private List<Attribute> attributes = List.of();
    /** prefix, prologue and personality constants, or null; kept as operands so their globals resolve. */
    private final Value[] extras = new Value[3];
    private final List<BasicBlock> blocks = new ArrayList<>();
    /** {@code uselistorder} directives at the end of the body, kept as text. */
    private final List<String> useListOrders = new ArrayList<>();
    private boolean definition;
    /** {@link #intrinsic()}, worked out from the name on first use: calls ask it in hot loops. */
    private Intrinsic intrinsic;

    public Function(Type pointerType, String name) { super(pointerType, name); }

    @Override public void setName(String name) {
        super.setName(name);
        intrinsic = null;
    }

    /** The intrinsic family of this function's name; {@link Intrinsic#NOT_INTRINSIC} for ordinary functions. */
    public Intrinsic intrinsic() {
        Intrinsic i = intrinsic;
        if (i == null) intrinsic = i = Intrinsic.of(name());
        return i;
    }

    /** Whether the name starts with {@code llvm.}, as LLVM's Function::isIntrinsic. */
    public boolean isIntrinsic() { return intrinsic().isIntrinsic(); }

    public Type returnType() { return returnType; }
    public void setReturnType(Type t) { this.returnType = t; }
    public List<Argument> arguments() { return arguments; }
    public boolean isVarArg() { return varArg; }
    public void setVarArg(boolean v) { this.varArg = v; }
    public List<Attribute> attributes() { return attributes; }
    /** The section its code is placed in ({@code .init.text}), or null for the default. */
    public String section() { return Attribute.section(attributes); }
    public void setAttributes(List<Attribute> a) { this.attributes = List.copyOf(a); }
    public Value prefix() { return extras[0]; }
    public void setPrefix(Value v) { extras[0] = v; }
    public Value prologue() { return extras[1]; }
    public void setPrologue(Value v) { extras[1] = v; }
    public Value personality() { return extras[2]; }
    public void setPersonality(Value v) { extras[2] = v; }
    public List<BasicBlock> blocks() { return blocks; }
    public List<String> useListOrders() { return useListOrders; }
    public boolean isDefinition() { return definition; }
    public void setDefinition(boolean d) { this.definition = d; }
    public BasicBlock entry() { return blocks.isEmpty() ? null : blocks.get(0); }

    /**
     * The function a callee value names, looking through pointer casts and (non-ifunc) aliases as LLVM's
     * stripPointerCasts does; null for inline asm, indirect calls and anything else.
     */
    public static Function called(Value callee) {
        Value c = callee;
        for (int i = 0; i < 8 && c != null; i++) {
            if (c instanceof ConstantExpr ce && ce.isCast() && ce.operandCount() == 1) c = ce.operand(0);
            else if (c instanceof GlobalAlias ga && !ga.ifunc && ga.aliasee() != null) c = ga.aliasee();
            else break;
        }
        return c instanceof Function f ? f : null;
    }

    /** The {@code !dbg} subprogram, or null. */
    public DISubprogram subprogram() { return attachment("dbg") instanceof DISubprogram sp ? sp : null; }

    @Override public int operandCount() { return 3; }
    @Override public Value operand(int i) { return extras[i]; }
    @Override public void setOperand(int i, Value v) { extras[i] = v; }
}
