package dev.lkmmhazard.ir;

/** A value-holding entity whose operands point at their definitions (instructions, constant expressions, bundles). */
public interface User {
    int operandCount();
    Value operand(int index);
    /** For the parser, to replace forward references once their definitions are known. */
    void setOperand(int index, Value value);
}
