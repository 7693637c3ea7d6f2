package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Argument;
import dev.lkmmhazard.ir.ConstantExpr;
import dev.lkmmhazard.ir.GlobalVariable;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;

/**
 * What memory a plain access touches, as far as the load checks need it: the object an address is computed from
 * (through GEPs and casts) and whether another thread can see that object (a writable global, or memory a pointer
 * argument leads to; never a local {@code alloca}).
 */
public final class SharedMemory {
    private SharedMemory() {}

    /** Plain: neither volatile nor atomic (the LKMM's unmarked access). */
    public static boolean isPlainLoad(Instruction i) {
        return i.opcode() == Opcode.LOAD && !i.isVolatile() && !i.isAtomic();
    }

    /** The object an address starts from, through GEPs (instructions and constant expressions) and pointer casts. */
    public static Value root(Value p) {
        for (int depth = 0; depth < 32 && p != null; depth++) {
            if (p instanceof Instruction i) {
                Opcode op = i.opcode();
                if (op == Opcode.GETELEMENTPTR || op == Opcode.BITCAST || op == Opcode.ADDRSPACECAST) p = i.operand(0);
                else return p;
            } else if (p instanceof ConstantExpr ce) {
                if ((ce.opcode.equals("getelementptr") || ce.opcode.equals("bitcast") || ce.opcode.equals("addrspacecast"))
                        && ce.operandCount() > 0) p = ce.operand(0);
                else return p;
            } else {
                return p;
            }
        }
        return p;
    }

    /**
     * Memory another CPU can write: a global that is not {@code constant}, or what a pointer argument points to,
     * unless the argument is {@code noalias}. Locals ({@code alloca}), constants and pointers loaded from memory are
     * left out: the first two are private or read-only, the last is too uncertain to call shared without an alias
     * analysis.
     *
     * <p>A {@code noalias} argument promises that while the function runs, nothing reaches the memory it points to
     * (and that the function or anything else writes) through a pointer not based on it: no other CPU can access it
     * then. rustc writes it for {@code &mut T} (exclusive) and for {@code &T} of a type without interior mutability
     * ({@code noalias readonly}: no one writes it), clang for a {@code restrict} parameter.
     */
    public static boolean isShared(Value root) {
        if (root instanceof GlobalVariable g) return !g.isConstant();
        if (root instanceof Argument a) return a.type() != null && a.type().isPointer() && !isExclusive(a);
        return false;
    }

    /** A {@code noalias} pointer argument: memory no other CPU accesses while the function runs. */
    public static boolean isExclusive(Argument a) {
        return dev.lkmmhazard.ir.Attribute.has(a.attributes(), "noalias");
    }

    /**
     * A kernel one-shot flag ({@code WARN_ONCE}'s {@code __already_done}, {@code printk_once}): a global in section
     * {@code .data.once}, racy by design and read with plain loads on purpose.
     */
    public static boolean isOnceFlag(Value root) {
        if (!(root instanceof GlobalVariable g)) return false;
        for (dev.lkmmhazard.ir.Attribute a : g.trailing())
            if (a.kind().equals("section") && a.text().contains("\".data.once\"")) return true;
        return false;
    }

    /** A local stack slot: nothing outside this function can write it unless its address escapes. */
    public static boolean isLocal(Value root) {
        return root instanceof Instruction i && i.opcode() == Opcode.ALLOCA;
    }

    /**
     * A value computed from its operands alone, with no memory access, no control flow and no choice: the ops a
     * loaded value passes through on its way to where it is used.
     */
    public static boolean isPureComputation(Instruction i) {
        Opcode op = i.opcode();
        return op.isBinary() || op.isCast() || op == Opcode.GETELEMENTPTR || op == Opcode.ICMP || op == Opcode.FCMP
                || op == Opcode.FNEG || op == Opcode.FREEZE || op == Opcode.EXTRACTELEMENT || op == Opcode.INSERTELEMENT
                || op == Opcode.SHUFFLEVECTOR || op == Opcode.EXTRACTVALUE || op == Opcode.INSERTVALUE;
    }
}
