package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Attribute;
import dev.lkmmhazard.ir.OperandBundle;
import dev.lkmmhazard.ir.Type;
import dev.lkmmhazard.ir.Value;
import java.util.ArrayList;
import java.util.List;

/** What the grammar collects for call, invoke and callbr before the builder makes the instruction. */
final class CallParts {
    List<Attribute> preType;
    Type type;
    Value callee;
    final List<Value> args = new ArrayList<>();
    final List<List<Attribute>> argAttrs = new ArrayList<>();
    List<Attribute> fnAttrs;
    final List<OperandBundle> bundles = new ArrayList<>();
    /** {@code musttail call void (ptr, ...) @f(ptr %p, ...)}: the caller's variable arguments are passed on. */
    boolean forwardsVarArgs;
    /** The {@code ...} and the {@code )} of the arguments, where LLVM reports a misplaced or missing {@code ...}. */
    Token dots, close;
}
