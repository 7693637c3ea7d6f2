package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline stage told from the IR: promotable stack slots mean unoptimized, and the majority of functions wins. */
class PipelineStageTest {
    // HAND-WRITTEN IR below, not compiler output.

    /** A slot only loaded and stored whole: what mem2reg removes at every level above -O0. */
    private static final String PROMOTABLE = """
            define i32 @promotable(i32 %a) {
              %x = alloca i32
              store i32 %a, ptr %x
              %v = load i32, ptr %x
              ret i32 %v
            }
            """;

    /** A slot whose address escapes into a call, which mem2reg keeps. */
    private static final String ESCAPING = """
            define void @escaping() {
              %x = alloca i32
              call void @take(ptr %x)
              ret void
            }
            """;

    /** Two slots: one whose address escapes, one still promotable. */
    private static final String ONE_OF_TWO = """
            define i32 @one_of_two(i32 %a) {
              %kept = alloca i32
              %x = alloca i32
              call void @take(ptr %kept)
              store i32 %a, ptr %x
              %v = load i32, ptr %x
              ret i32 %v
            }
            """;

    /** A slot accessed through a volatile store: not a whole plain access. */
    private static final String VOLATILE = """
            define void @volatile_slot(i32 %a) {
              %x = alloca i32
              store volatile i32 %a, ptr %x
              ret void
            }
            """;

    private static final String NO_SLOTS = """
            define i32 @no_slots(i32 %a) {
              ret i32 %a
            }
            """;

    private static PipelineStage stage(String... functions) {
        String[] all = new String[functions.length + 1];
        all[0] = "declare void @take(ptr)\n";
        System.arraycopy(functions, 0, all, 1, functions.length);
        return PipelineStage.of(TestGraphs.parse(all));
    }

    @Test
    void aPromotableSlotMeansUnoptimized() {
        assertFalse(stage(PROMOTABLE).optimized());
        assertFalse(stage(ONE_OF_TWO).optimized(), "one promotable slot of two is enough");
    }

    @Test
    void slotsThatMem2regKeepsMeanOptimized() {
        assertTrue(stage(ESCAPING).optimized());
        assertTrue(stage(VOLATILE).optimized());
        assertEquals("stack slots were promoted to registers", stage(ESCAPING).reason());
    }

    @Test
    void functionsWithoutSlotsSayNothing() {
        PipelineStage none = stage(NO_SLOTS);
        assertTrue(none.optimized());
        assertEquals("no stack slots to tell by; taken as optimized", none.reason());
        assertFalse(stage(NO_SLOTS, NO_SLOTS.replace("no_slots", "no_slots2"), PROMOTABLE).optimized(),
                "the one function that says something decides");
    }

    @Test
    void theMajorityOfFunctionsWins() {
        assertTrue(stage(ESCAPING, VOLATILE, PROMOTABLE).optimized());
        assertFalse(stage(PROMOTABLE, ONE_OF_TWO, ESCAPING).optimized());
    }

    @Test
    void optnoneMeansUnoptimized() {
        PipelineStage s = stage(ESCAPING.replace("@escaping()", "@escaping() optnone noinline"));
        assertFalse(s.optimized());
        assertEquals("functions are marked optnone (-O0)", s.reason());
    }

    /** Compiler output: clang-19 at -O0 and -O2 of the same source. */
    @Test
    void clangOutputAtO0AndO2() throws IOException {
        for (String level : List.of("O0", "O2")) {
            Path file = Path.of("corpus/ir/clang-19/x86_64", level, "data_dep.ll");
            ParseResult r = IrReader.read(file.toString(), Files.readAllBytes(file));
            assertEquals(List.of(), r.errors(), file.toString());
            assertEquals(level.equals("O2"), PipelineStage.of(r.module()).optimized(), file.toString());
        }
    }
}
