package dev.lkmmhazard.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: a label and its instructions, the last of which is the terminator. */
public final class BasicBlock extends Value {
    private final List<Instruction> instructions = new ArrayList<>();
    private Function parent;
    private int line;
    /** Whether its label has been read; a block only referred to so far is not. */
    private boolean defined;

    public BasicBlock(Type labelType, String name) { super(labelType, name); }

    public List<Instruction> instructions() { return instructions; }
    public Function parent() { return parent; }
    public void setParent(Function parent) { this.parent = parent; }
    public int line() { return line; }
    public void setLine(int line) { this.line = line; }
    public boolean isDefined() { return defined; }
    public void markDefined() { this.defined = true; }

    public Instruction terminator() {
        return instructions.isEmpty() ? null : instructions.get(instructions.size() - 1);
    }

    public void add(Instruction inst) {
        inst.setParent(this);
        instructions.add(inst);
    }

    @Override public String reference() { return name() == null ? "%<unnamed>" : Names.value('%', name(), isNumbered()); }
}
