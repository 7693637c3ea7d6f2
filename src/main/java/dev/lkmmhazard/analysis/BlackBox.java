package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.InlineAsm;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Intrinsic;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;

/**
 * {@code core::hint::black_box(v)} as rustc writes it: {@code v} stored into a stack slot whose address goes to an
 * empty {@code asm sideeffect "", "r,~{memory}"(ptr %slot)}, then loaded back. The asm only hides the value from the
 * optimizer; it neither reads another CPU's memory nor orders anything, and the value loaded back is the value stored.
 * The dependency analysis follows the value through it: {@code black_box} does not protect a dependency (the
 * optimizer still merges what both arms of an {@code if} on the value do).
 */
public final class BlackBox {
    private BlackBox() {}

    /** Whether the call is black_box's empty asm taking the slot's address as its only, register, input. */
    public static boolean isAsm(Instruction call) {
        if (call.opcode() != Opcode.CALL || !(call.callee() instanceof InlineAsm asm)) return false;
        if (!asm.asmText().isBlank() || (call.type() != null && !call.type().isVoid())) return false;
        int inputs = 0;
        for (String c : asm.constraintText().split(",")) {
            if (c.startsWith("~")) continue;
            if (!c.equals("r")) return false;
            inputs++;
        }
        return inputs == 1 && call.call().argCount() == 1;
    }

    /**
     * Whether every use of v (debug records aside) stores it into a stack slot that only black_box's asm, lifetime
     * markers and stores touch: the value was given to {@code black_box}, and nothing reads it back.
     */
    public static boolean onlyHidden(DefUse du, Value v) {
        boolean any = false;
        for (DefUse.Use u : du.uses(v)) {
            if (u.kind().isDebug()) continue;
            Instruction s = u.user();
            if (s.opcode() != Opcode.STORE || u.slot() != 0 || s.isVolatile() || !hiddenSlot(du, s.operand(1))) return false;
            any = true;
        }
        return any;
    }

    private static boolean hiddenSlot(DefUse du, Value p) {
        if (!(p instanceof Instruction a) || a.opcode() != Opcode.ALLOCA) return false;
        boolean asm = false;
        for (DefUse.Use u : du.uses(a)) {
            if (u.kind().isDebug()) continue;
            Instruction user = u.user();
            if (user.opcode() == Opcode.STORE && u.slot() == 1) continue;
            if (user.opcode() == Opcode.CALL && user.intrinsic() == Intrinsic.LIFETIME) continue;
            if (isAsm(user)) { asm = true; continue; }
            return false;
        }
        return asm;
    }
}
