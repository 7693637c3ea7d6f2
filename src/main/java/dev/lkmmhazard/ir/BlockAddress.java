package dev.lkmmhazard.ir;

/** {@code blockaddress(@f, %bb)}. The block is named, since it may belong to a function not read yet. */
public final class BlockAddress extends Constant implements User {
    private Value function;
    public final String blockName;

    public BlockAddress(Type type, Value function, String blockName) {
        super(type, null);
        this.function = function;
        this.blockName = blockName;
    }

    public Value function() { return function; }

    /** The block, once the function has been read; null if it has no such block. */
    public BasicBlock block() {
        if (!(function instanceof Function f)) return null;
        for (BasicBlock b : f.blocks()) if (blockName.equals(b.name())) return b;
        return null;
    }

    @Override public int operandCount() { return 1; }
    @Override public Value operand(int i) { return function; }
    @Override public void setOperand(int i, Value v) { function = v; }
    @Override public String reference() { return "blockaddress(" + function.reference() + ", " + Names.value('%', blockName, blockName.chars().allMatch(Character::isDigit)) + ")"; }
}
