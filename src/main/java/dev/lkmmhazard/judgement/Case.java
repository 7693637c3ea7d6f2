package dev.lkmmhazard.judgement;

import dev.lkmmhazard.analysis.Dependency;
import dev.lkmmhazard.analysis.FunctionContext;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.report.Judgement;
import dev.lkmmhazard.rules.Rule;
import java.util.List;

/**
 * What one finding is about, as the judgement needs it: the two ends of the ordering in the function the finding is
 * in and, for {@code diff}, the dependency as it was before optimization.
 *
 * @param rule           the finding's rule
 * @param function       the function the finding is reported in
 * @param beginning      the marked read the ordering starts from; null when the finding has none (a removed access,
 *                       a plain access racing with marked ones)
 * @param ending         the access that should stay ordered after it (or the access the finding is about)
 * @param dependency     the kind of dependency that ordered them; null when the finding is not about one
 * @param beforeFunction {@code diff}: the function before optimization that held the dependency; else null
 * @param before         {@code diff}: the dependency before optimization; else null
 * @param undecided      grounds the reporting check could not decide itself (answered {@code unknown})
 * @param plainFirst     {@code diff}'s plain fates: the earlier of the plain accesses before optimization that the
 *                       finding is about (the access itself, or the first of two fused ones); else null
 * @param plainSecond    the later of two fused plain accesses before optimization, or null
 */
public record Case(Rule rule, FunctionContext function, Instruction beginning, Instruction ending,
                   Dependency.Type dependency, FunctionContext beforeFunction, Dependency before,
                   List<Judgement.Ground> undecided, Instruction plainFirst, Instruction plainSecond) {
    public Case {
        undecided = List.copyOf(undecided);
    }

    /** A finding of one module: {@code scan}'s checks. */
    public static Case of(Rule rule, FunctionContext function, Instruction beginning, Instruction ending,
                          Dependency.Type dependency) {
        return new Case(rule, function, beginning, ending, dependency, null, null, List.of(), null, null);
    }

    /** Whether the ending reads memory without writing it (a load, or an asm or helper that only reads). */
    boolean endingOnlyReads() {
        var marked = function.marked().of(ending);
        if (!marked.isEmpty()) {
            boolean reads = false, writes = false;
            for (var m : marked) { reads |= m.reads(); writes |= m.writes(); }
            return reads && !writes;
        }
        return ending.opcode() == dev.lkmmhazard.ir.Opcode.LOAD;
    }
}
