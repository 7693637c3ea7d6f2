package dev.lkmmhazard.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The excerpt's choice of the function a chain before optimization is shown in. */
class ExcerptsTest {
    // HAND-WRITTEN: three functions of two instructions each; only their identity matters here.
    private static final String IR = """
            define i32 @a(i32 %x) {
              %1 = add i32 %x, 1
              ret i32 %1
            }
            define i32 @b(i32 %x) {
              %1 = add i32 %x, 2
              ret i32 %1
            }
            define i32 @c(i32 %x) {
              %1 = add i32 %x, 3
              ret i32 %1
            }
            """;

    /** The chain "a a b b c" (or as spelt) of a fresh module: its instructions, taken in turn from each function. */
    private static List<Instruction> chain(String spelling) {
        ParseResult pr = IrReader.read("t.ll", IR.getBytes(StandardCharsets.UTF_8));
        assertTrue(pr.ok(), pr.errors()::toString);
        Module m = pr.module();
        List<Instruction> out = new ArrayList<>();
        int[] used = new int[3];
        for (String name : spelling.split(" ")) {
            int k = name.charAt(0) - 'a';
            out.add(m.function(name).blocks().get(0).instructions().get(used[k]++));
        }
        return out;
    }

    @Test
    void aTieOfTwoHelpersGoesToTheFirstInTheChainEveryTime() {
        // Each read makes new objects with new identity hash codes: the old IdentityHashMap made this a coin toss.
        for (int i = 0; i < 30; i++) {
            assertEquals("a", Excerpts.mainFunction(chain("a a b b c")).name(), "run " + i);
            assertEquals("b", Excerpts.mainFunction(chain("b b a a c")).name(), "run " + i);
        }
    }

    @Test
    void theMajorityWinsAndTheEndingWinsItsTies() {
        assertEquals("b", Excerpts.mainFunction(chain("a b b c")).name());
        assertEquals("c", Excerpts.mainFunction(chain("a b c")).name());
        assertEquals("c", Excerpts.mainFunction(chain("a a c c")).name());
    }
}
