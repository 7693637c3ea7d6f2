package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lkmmhazard.ir.BasicBlock;
import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Small functions, as IR text, whose dominators, post-dominators, control dependences and loops are worked out by hand
 * in the tests; and helpers that turn analysis answers into name maps to compare with those expectations.
 */
final class TestGraphs {
    private TestGraphs() {}

    static final String DECLS = """
            declare void @may_throw()
            declare void @abort() noreturn
            declare i32 @__gxx_personality_v0(...)
            declare i32 @__CxxFrameHandler3(...)
            declare void @llvm.dbg.value(metadata, metadata, metadata)
            declare void @use(i32)
            """;

    /** if (c) *p = 1; else *p = 2; */
    static final String DIAMOND = """
            define void @diamond(i1 %c, ptr %p) {
            entry:
              br i1 %c, label %then, label %else
            then:
              store volatile i32 1, ptr %p
              br label %join
            else:
              store volatile i32 2, ptr %p
              br label %join
            join:
              ret void
            }
            """;

    /** if (a) { if (b) inner; join1; } join2 */
    static final String NESTED_IFS = """
            define void @nested(i1 %a, i1 %b, ptr %p) {
            entry:
              br i1 %a, label %outer, label %join2
            outer:
              br i1 %b, label %inner, label %join1
            inner:
              store volatile i32 1, ptr %p
              br label %join1
            join1:
              store volatile i32 2, ptr %p
              br label %join2
            join2:
              ret void
            }
            """;

    /** cases 0 and 1 share %a; %def is both the default and case 3. */
    static final String SWITCH = """
            define void @sw(i32 %x, ptr %p) {
            entry:
              switch i32 %x, label %def [
                i32 0, label %a
                i32 1, label %a
                i32 2, label %b
                i32 3, label %def
              ]
            a:
              store volatile i32 1, ptr %p
              br label %join
            b:
              store volatile i32 2, ptr %p
              br label %join
            def:
              br label %join
            join:
              ret void
            }
            """;

    /** for (i = 0; i < n; i++) { if (READ_ONCE(*p) == 0) break; *q = i; } */
    static final String LOOP_WITH_BREAK = """
            define void @loop(i32 %n, ptr %p, ptr %q) {
            entry:
              br label %header
            header:
              %i = phi i32 [ 0, %entry ], [ %next, %latch ]
              %c = icmp slt i32 %i, %n
              br i1 %c, label %body, label %exit
            body:
              %v = load volatile i32, ptr %p
              %z = icmp eq i32 %v, 0
              br i1 %z, label %exit, label %latch
            latch:
              store i32 %i, ptr %q
              %next = add i32 %i, 1
              br label %header
            exit:
              ret void
            }
            """;

    /** A cycle a <-> b entered at both a and b (a goto into the loop). */
    static final String IRREDUCIBLE = """
            define void @irreducible(i1 %c, i1 %d, ptr %p) {
            entry:
              br i1 %c, label %a, label %b
            a:
              store volatile i32 1, ptr %p
              br i1 %d, label %b, label %exit
            b:
              store volatile i32 2, ptr %p
              br label %a
            exit:
              ret void
            }
            """;

    /** for (;;) { if (READ_ONCE(*p) == 0) WRITE_ONCE(*p, 1); } : no block leaves the function. */
    static final String NO_EXIT = """
            define void @spin(ptr %p) {
            entry:
              br label %header
            header:
              %v = load volatile i32, ptr %p
              %c = icmp eq i32 %v, 0
              br i1 %c, label %then, label %latch
            then:
              store volatile i32 1, ptr %p
              br label %latch
            latch:
              br label %header
            }
            """;

    /** if (c) *p = 1; abort(); : the only way out is unreachable. */
    static final String ONLY_UNREACHABLE = """
            define void @dies(i1 %c, ptr %p) {
            entry:
              br i1 %c, label %then, label %join
            then:
              store volatile i32 1, ptr %p
              br label %join
            join:
              call void @abort()
              unreachable
            }
            """;

    /** BUG_ON(c) followed by an endless loop: one real exit (unreachable) and a region without one. */
    static final String BUG_OR_HANG = """
            define void @bug_or_hang(i1 %c, ptr %p) {
            entry:
              br i1 %c, label %bug, label %hang
            bug:
              call void @abort()
              unreachable
            hang:
              store volatile i32 1, ptr %p
              br label %hang
            }
            """;

    /**
     * The front end's cleanup switch (hand-written in the shape clang emits without optimization): its default goes
     * to a block that is only {@code unreachable}, which is never taken; the store after the switch runs whenever the
     * branch before it does.
     */
    static final String CLEANUP_SWITCH = """
            define void @cleanup(i1 %c, i32 %dest, ptr %p) {
            entry:
              br i1 %c, label %wait, label %join
            wait:
              switch i32 %dest, label %unreachable [
                i32 0, label %join
                i32 1, label %join
              ]
            unreachable:
              unreachable
            join:
              store volatile i32 1, ptr %p
              ret void
            }
            """;

    /** Dead code after a return: %dead and %dead2 lead to the exit, %spin is a dead endless loop. */
    static final String UNREACHABLE_BLOCKS = """
            define void @dead(ptr %p) {
            entry:
              br label %ret
            dead:
              store volatile i32 1, ptr %p
              br label %dead2
            dead2:
              br label %ret
            spin:
              br label %spin
            ret:
              ret void
            }
            """;

    /** asm goto with two labels: the fallthrough and each indirect target are successors. */
    static final String CALLBR = """
            define i32 @asm_goto(i32 %x) {
            entry:
              callbr void asm sideeffect "", "r,!i,!i"(i32 %x) to label %fall [label %err, label %busy]
            fall:
              ret i32 0
            err:
              ret i32 1
            busy:
              br label %fall
            }
            """;

    /** invoke with a landing pad that resumes. */
    static final String INVOKE = """
            define void @invokes(ptr %p) personality ptr @__gxx_personality_v0 {
            entry:
              invoke void @may_throw() to label %cont unwind label %lpad
            cont:
              store volatile i32 1, ptr %p
              ret void
            lpad:
              %lp = landingpad { ptr, i32 } cleanup
              resume { ptr, i32 } %lp
            }
            """;

    /** Funclet EH: a catchswitch that may also unwind to the caller, and a catchret back to normal code. */
    static final String CATCHSWITCH = """
            define void @funclets() personality ptr @__CxxFrameHandler3 {
            entry:
              invoke void @may_throw() to label %ok unwind label %dispatch
            dispatch:
              %cs = catchswitch within none [label %handler] unwind to caller
            handler:
              %cp = catchpad within %cs [ptr null, i32 64, ptr null]
              catchret from %cp to label %ok
            ok:
              ret void
            }
            """;

    static Module parse(String... functions) {
        StringBuilder text = new StringBuilder(DECLS);
        for (String f : functions) text.append('\n').append(f);
        ParseResult r = IrReader.read("test.ll", text.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), r.errors(), "test IR must parse");
        return r.module();
    }

    /** The one function defined in the text. */
    static Function function(String text) {
        List<Function> defined = parse(text).definedFunctions();
        assertEquals(1, defined.size());
        return defined.get(0);
    }

    static BasicBlock block(Function f, String name) {
        for (BasicBlock b : f.blocks()) if (name.equals(b.name())) return b;
        throw new AssertionError("no block %" + name + " in @" + f.name());
    }

    /** Block name → name of its immediate (post-)dominator; "EXIT" for the virtual exit, "-" for none. */
    static Map<String, String> idoms(DominatorTree t) {
        Map<String, String> out = new TreeMap<>();
        Cfg cfg = t.cfg();
        for (int b = 0; b < cfg.size(); b++) {
            int d = t.idom(b);
            out.put(cfg.block(b).name(), d < 0 ? "-" : d == t.virtualExit() ? "EXIT" : cfg.block(d).name());
        }
        return out;
    }

    /** Block name → its controlling edges written "branch->successor". */
    static Map<String, Set<String>> controlDependences(ControlDependence cd) {
        Map<String, Set<String>> out = new TreeMap<>();
        Cfg cfg = cd.cfg();
        for (int b = 0; b < cfg.size(); b++) {
            Set<String> edges = new TreeSet<>();
            for (Cfg.Edge e : cd.controllingEdges(cfg.block(b))) edges.add(e.source().name() + "->" + e.target().name());
            out.put(cfg.block(b).name(), edges);
        }
        return out;
    }

    static List<String> names(List<BasicBlock> blocks) {
        return blocks.stream().map(b -> { assertNotNull(b); return b.name(); }).toList();
    }
}
