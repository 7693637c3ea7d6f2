package dev.lkmmhazard.ir;

import java.util.List;

/**
 * What call, invoke and callbr carry beyond operands. The callee is the last operand of the instruction;
 * the arguments are operands 0 .. argCount-1.
 *
 * @param preTypeAttributes calling convention, return attributes and {@code addrspace(N)} between the opcode and the type, as written
 * @param functionType      the explicit function type when one is written ({@code call i32 (ptr, ...) @printf}), else null
 * @param argAttributes     the attributes of each argument
 * @param fnAttributes      function attributes after the argument list ({@code #3}, {@code nounwind})
 * @param bundles           operand bundles
 * @param forwardsVarArgs   the arguments end with {@code ...}: a musttail call passes on its caller's variable arguments
 */
public record CallInfo(List<Attribute> preTypeAttributes, Type functionType, List<List<Attribute>> argAttributes,
                       List<Attribute> fnAttributes, List<OperandBundle> bundles, boolean forwardsVarArgs) {
    public CallInfo(List<Attribute> preTypeAttributes, Type functionType, List<List<Attribute>> argAttributes,
                    List<Attribute> fnAttributes, List<OperandBundle> bundles) {
        this(preTypeAttributes, functionType, argAttributes, fnAttributes, bundles, false);
    }

    public int argCount() { return argAttributes.size(); }
}
