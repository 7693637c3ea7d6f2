package dev.lkmmhazard.analysis;

import dev.lkmmhazard.ir.Attribute;
import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.ir.Value;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Whether a module went through the optimization pipeline, told from the IR itself.
 *
 * <p>The sign used is the one every optimization pipeline leaves: SROA and mem2reg run early at every level above
 * {@code -O0} and turn each stack slot that is only loaded and stored whole into SSA values. A function that still
 * has such a <em>promotable</em> {@code alloca} (only plain loads and stores through it, lifetime markers, debug
 * uses) was not optimized; so is one marked {@code optnone}. A function without stack slots says nothing, so the
 * module's answer is that of the functions that do say something, the majority winning; a module where none does is
 * taken as optimized.
 *
 * @param optimized whether the module is taken as optimized
 * @param reason    why, in words for a report
 */
public record PipelineStage(boolean optimized, String reason) {

    public static final PipelineStage OPTIMIZED_BY_USER = new PipelineStage(true, "given on the command line");
    public static final PipelineStage PRE_OPT_BY_USER = new PipelineStage(false, "given on the command line");

    /** Reads the stage from the IR of a module (see the class comment). */
    public static PipelineStage of(Module module) {
        int pre = 0, post = 0, optnone = 0;
        List<Function> functions = module.functions();
        int left = functions.size();
        for (Function f : functions) {
            // decided once the functions not yet looked at cannot outnumber the majority: a file before optimization
            // is all stack slots, and reading every operand of the rest was a twentieth of a diff's time
            if (pre > post + left) break;
            left--;
            if (!f.isDefinition() || f.blocks().isEmpty()) continue;
            if (hasOptnone(module, f)) {
                optnone++;
                pre++;
                continue;
            }
            int slots = stackSlots(f);
            if (slots > 0) pre++;
            else if (slots == 0) post++;
        }
        if (pre > post && pre > 0)
            return new PipelineStage(false, optnone > 0 ? "functions are marked optnone (-O0)"
                    : "stack slots that every optimization level promotes to registers are still there");
        if (post > 0) return new PipelineStage(true, "stack slots were promoted to registers");
        return new PipelineStage(true, "no stack slots to tell by; taken as optimized");
    }

    /**
     * 1 when f has a promotable stack slot, 0 when it has stack slots and none is promotable, -1 when it has none.
     */
    private static int stackSlots(Function f) {
        // Slots are counted, and only those with a use mem2reg cannot remove are hashed: most uses of a slot before
        // optimization are whole loads and stores, and a map entry per slot and look-up per use showed in profiles.
        int slots = 0;
        List<BasicBlock> blocks = f.blocks();
        for (int b = 0, nb = blocks.size(); b < nb; b++) {
            List<Instruction> insts = blocks.get(b).instructions();
            for (int n = 0, ni = insts.size(); n < ni; n++) if (insts.get(n).opcode() == Opcode.ALLOCA) slots++;
        }
        if (slots == 0) return -1; // optimized code, mostly: its operands are not looked at
        Set<Instruction> kept = null;
        for (int b = 0, nb = blocks.size(); b < nb; b++) {
            List<Instruction> insts = blocks.get(b).instructions();
            for (int n = 0, ni = insts.size(); n < ni; n++) {
                Instruction i = insts.get(n);
                Opcode op = i.opcode();
                boolean plain = !i.isVolatile() && !i.isAtomic();
                if (op == Opcode.LOAD && plain) continue; // its one operand is a whole access: not even looked at
                Value[] ops = i.operands();
                int to = op == Opcode.STORE && plain ? 1 : ops.length; // a plain store's address is a whole access
                for (int k = 0; k < to; k++) {
                    if (ops[k] instanceof Instruction slot && slot.opcode() == Opcode.ALLOCA && !wholeAccess(i, k)
                            && slot.parent() != null && slot.parent().parent() == f) {
                        if (kept == null) kept = Collections.newSetFromMap(new IdentityHashMap<>());
                        kept.add(slot);
                    }
                }
            }
        }
        return kept == null || kept.size() < slots ? 1 : 0;
    }

    /** Whether operand k of i is a use that mem2reg can remove: a plain load or store through it, a lifetime marker. */
    private static boolean wholeAccess(Instruction i, int k) {
        switch (i.opcode()) {
            case LOAD:
                return !i.isVolatile() && !i.isAtomic();
            case STORE:
                return k == 1 && !i.isVolatile() && !i.isAtomic();
            case CALL: {
                return i.intrinsic().isDebugOrLifetime();
            }
            default:
                return false;
        }
    }

    private static boolean hasOptnone(Module module, Function f) {
        return hasAttribute(module, f.attributes(), "optnone");
    }

    private static boolean hasAttribute(Module module, List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.text().equals(name)) return true;
            if (a.kind().startsWith("#")) {
                try {
                    List<Attribute> group = module.attributeGroups().get(Integer.parseInt(a.kind().substring(1)));
                    if (group != null) for (Attribute g : group) if (g.text().equals(name)) return true;
                } catch (NumberFormatException ignored) {
                    // not a group reference
                }
            }
        }
        return false;
    }
}
