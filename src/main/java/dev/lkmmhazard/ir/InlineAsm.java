package dev.lkmmhazard.ir;

/**
 * {@code asm sideeffect alignstack inteldialect unwind "text", "constraints"} as a callee. Both strings are kept
 * escaped as written; {@link #asmText()} and {@link #constraintText()} give them decoded.
 */
public final class InlineAsm extends Value {
    public final boolean sideEffect, alignStack, intelDialect, unwind;
    public final String asmEscaped;
    public final String constraintsEscaped;

    public InlineAsm(Type functionType, boolean sideEffect, boolean alignStack, boolean intelDialect, boolean unwind,
                     String asmEscaped, String constraintsEscaped) {
        super(functionType, null);
        this.sideEffect = sideEffect;
        this.alignStack = alignStack;
        this.intelDialect = intelDialect;
        this.unwind = unwind;
        this.asmEscaped = asmEscaped;
        this.constraintsEscaped = constraintsEscaped;
    }

    public String asmText() { return Names.unescapeString(asmEscaped); }
    public String constraintText() { return Names.unescapeString(constraintsEscaped); }

    @Override public String reference() {
        StringBuilder sb = new StringBuilder("asm");
        if (sideEffect) sb.append(" sideeffect");
        if (alignStack) sb.append(" alignstack");
        if (intelDialect) sb.append(" inteldialect");
        if (unwind) sb.append(" unwind");
        return sb.append(" \"").append(asmEscaped).append("\", \"").append(constraintsEscaped).append('"').toString();
    }
}
