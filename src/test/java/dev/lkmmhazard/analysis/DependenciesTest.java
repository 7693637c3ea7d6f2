package dev.lkmmhazard.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lkmmhazard.ir.Function;
import dev.lkmmhazard.ir.Instruction;
import dev.lkmmhazard.ir.Module;
import dev.lkmmhazard.ir.Opcode;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Dependencies on small hand-written IR and on corpus functions read by hand. A dependency is written
 * {@code type opcode operands [in @f] [opaque]}: the ending instruction with its operands' references.
 */
class DependenciesTest {
    private static final String GLOBALS = """
            @g = global ptr null
            @h = global i32 0
            @out = global i32 0
            declare void @ext(i32)
            declare i32 @ext2(i32)
            """;

    private static Module parse(String ir) {
        ParseResult r = IrReader.read("test.ll", (GLOBALS + ir).getBytes(StandardCharsets.UTF_8));
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.module();
    }

    private static String describe(Dependency d, Function reportedIn) {
        Instruction e = d.ending();
        StringBuilder sb = new StringBuilder(d.type().keyword).append(' ').append(e.opcode().keyword);
        int n = e.call() != null ? e.call().argCount() + 1 : e.operandCount();
        for (int i = 0; i < n; i++) sb.append(' ').append(e.operand(i).reference());
        if (d.endingFunction() != reportedIn) sb.append(" in @").append(d.endingFunction().name());
        if (d.throughOpaqueCall()) sb.append(" opaque");
        return sb.toString();
    }

    private static Set<String> deps(Module m, String function) {
        Dependencies deps = new Dependencies(m);
        Function f = m.function(function);
        Set<String> out = new TreeSet<>();
        for (Dependency d : deps.of(f)) {
            assertTrue(out.add(describe(d, f)), "reported twice: " + describe(d, f));
            assertEquals(d.source().instruction(), d.chain().get(0), "a chain begins at its source");
            assertEquals(d.ending(), d.chain().get(d.chain().size() - 1), "a chain ends at its ending");
        }
        return out;
    }

    @Test
    void valueFlowsThroughALocalSlotUntilTheSlotIsOverwritten() {
        Module m = parse("""
                define void @slot() {
                  %s = alloca ptr
                  %p = load volatile ptr, ptr @g
                  store ptr %p, ptr %s
                  %q = load ptr, ptr %s
                  %v = load i32, ptr %q
                  store ptr null, ptr %s
                  %r = load ptr, ptr %s
                  %w = load i32, ptr %r
                  ret void
                }
                """);
        // %q reads the slot after the dependent store; %r after it was overwritten with null
        assertEquals(Set.of("addr load %q"), deps(m, "slot"));
    }

    @Test
    void escapingSlotIsMemoryNotAVariable() {
        Module m = parse("""
                define void @escapes() {
                  %s = alloca i32
                  %a = load volatile i32, ptr @h
                  store i32 %a, ptr %s
                  call void @use(ptr %s)
                  %b = load i32, ptr %s
                  store i32 %b, ptr @out
                  ret void
                }
                declare void @use(ptr)
                """);
        // the slot's address goes to a call, so the store into it is a data dependency of its own and the value
        // read back is what memory holds
        assertEquals(Set.of("data store %a %s"), deps(m, "escapes"));
    }

    @Test
    void valuePassedByReferenceToADefinedFunctionIsFollowedThroughItsLoads() {
        Module m = parse("""
                define internal i1 @ne(ptr %self, ptr %other) {
                  %a = load i64, ptr %self
                  %f = getelementptr i8, ptr %other, i64 0
                  %b = load i64, ptr %f
                  %c = icmp ne i64 %a, %b
                  ret i1 %c
                }
                define void @byref() {
                entry:
                  %q = alloca i64
                  %z = alloca i64
                  %v = load volatile i64, ptr @g
                  store i64 %v, ptr %q
                  store i64 0, ptr %z
                  %c = call i1 @ne(ptr %q, ptr %z)
                  br i1 %c, label %t, label %e
                t:
                  store i32 1, ptr @out
                  br label %e
                e:
                  ret void
                }
                """);
        // %q is passed by reference (rustc's &self): @ne's load through %self brings the value to its result, which
        // decides the branch; the store into %q itself is no data dependency, the slot being a variable
        assertEquals(Set.of("ctrl store 1 @out"), deps(m, "byref"));
    }

    @Test
    void phiAndSelectPassValuesAndSelectConditions() {
        Module m = parse("""
                define void @phisel(i1 %c) {
                entry:
                  %a = load volatile i32, ptr @h
                  br i1 %c, label %l, label %r
                l:
                  br label %j
                r:
                  br label %j
                j:
                  %x = phi i32 [ %a, %l ], [ 0, %r ]
                  %y = select i1 %c, i32 %x, i32 1
                  store i32 %y, ptr @out
                  %cond = icmp eq i32 %a, 0
                  %z = select i1 %cond, ptr @out, ptr @h
                  store i32 5, ptr %z
                  ret void
                }
                """);
        // the branch is on the parameter, so nothing is control dependent on the load
        assertEquals(Set.of("data store %y @out", "addr store 5 %z"), deps(m, "phisel"));
    }

    @Test
    void definedCalleesAreFollowedThroughParametersAndReturnValues() {
        Module m = parse("""
                define internal i32 @id(i32 %v) {
                  %w = add i32 %v, 1
                  ret i32 %w
                }
                define internal void @put(ptr %p, i32 %v) {
                  store i32 %v, ptr %p
                  ret void
                }
                define void @inter() {
                  %a = load volatile i32, ptr @h
                  %b = call i32 @id(i32 %a)
                  call void @put(ptr @out, i32 %b)
                  %c = sext i32 %b to i64
                  %q = getelementptr i32, ptr @out, i64 %c
                  store i32 0, ptr %q
                  ret void
                }
                """);
        assertEquals(Set.of("data store %v %p in @put", "addr store 0 %q"), deps(m, "inter"));
        // the callees have no marked access: nothing is reported in them
        assertEquals(Set.of(), deps(m, "put"));
        assertEquals(Set.of(), deps(m, "id"));
        Dependencies d = new Dependencies(m);
        Dependency into = d.of(m.function("inter")).stream().filter(x -> x.type() == Dependency.Type.DATA).findFirst().orElseThrow();
        assertEquals(List.of("call"), opcodes(into.endingCalls()));
        // load, call @id, add, ret, call @id's result, call @put, store
        assertEquals(List.of("load", "add", "ret", "call", "call", "store"), opcodes(into.chain()));
    }

    /** A callee returning the value of a marked read. */
    private static final String GET = """
            define internal ptr @get() {
              %p = load volatile ptr, ptr @g
              ret ptr %p
            }
            """;

    /** @user, which loads through the pointer callee returns. */
    private static String user(String callee) {
        return "define i32 @user() {\n  %p = call ptr @" + callee + "()\n  %v = load i32, ptr %p\n  ret i32 %v\n}\n";
    }

    /** The one dependency of caller: an address dependency from the marked read in @get. */
    private static Dependency onlyAddressDependencyFromGet(Module m, Dependencies d, String caller) {
        List<Dependency> list = d.of(m.function(caller));
        assertEquals(1, list.size());
        Dependency only = list.get(0);
        assertEquals(Dependency.Type.ADDR, only.type());
        assertEquals(m.function("get"), only.source().instruction().parent().parent());
        return only;
    }

    @Test
    void markedValueReturnedByACalleeStartsDependenciesInTheCaller() {
        Module m = parse(GET + user("get"));
        Dependencies d = new Dependencies(m);
        Dependency only = onlyAddressDependencyFromGet(m, d, "user");
        assertEquals(List.of("call"), opcodes(only.sourceCalls()));
        assertEquals(List.of("load", "ret", "call", "load"), opcodes(only.chain()));
        assertEquals(List.of(), d.of(m.function("get")), "@get returns the value and reports nothing itself");
    }

    /** The callee in the middle starts nothing itself; what it returns still comes from the marked read below it. */
    @Test
    void markedValueReturnedThroughTwoCallsStartsDependenciesInTheCaller() {
        Module m = parse(GET + """
                define internal void @log() {
                  %x = load volatile i32, ptr @h
                  ret void
                }
                define internal ptr @middle() {
                  call void @log()
                  %p = call ptr @get()
                  ret ptr %p
                }
                """ + user("middle"));
        Dependencies d = new Dependencies(m);
        Dependency only = onlyAddressDependencyFromGet(m, d, "user");
        assertEquals(List.of("call", "call"), opcodes(only.sourceCalls()));
        assertEquals(List.of(), d.of(m.function("middle")));
        assertEquals(List.of(), d.of(m.function("log")), "a marked read whose value goes nowhere");
    }

    @Test
    void opaqueCallEndsTheChain() {
        Module m = parse("""
                define void @opaque() {
                  %a = load volatile i32, ptr @h
                  call void @ext(i32 %a)
                  %r = call i32 @ext2(i32 %a)
                  store i32 %r, ptr @out
                  ret void
                }
                """);
        // what @ext2 returns is not known to depend on its argument
        assertEquals(Set.of("data call %a @ext opaque", "data call %a @ext2 opaque"), deps(m, "opaque"));
    }

    @Test
    void recursiveCalleesAreOpaque() {
        Module m = parse("""
                define i32 @rec(i32 %n) {
                  %c = icmp eq i32 %n, 0
                  br i1 %c, label %done, label %more
                more:
                  %m = sub i32 %n, 1
                  %r = call i32 @rec(i32 %m)
                  ret i32 %r
                done:
                  ret i32 0
                }
                define void @caller() {
                  %a = load volatile i32, ptr @h
                  %r = call i32 @rec(i32 %a)
                  store i32 %r, ptr @out
                  ret void
                }
                """);
        // @caller is outside @rec's cycle, so @rec is summarized: its parameter decides the branch to the recursive
        // call (a call with side effects: control dependent) and flows into it (inside the cycle the call is opaque,
        // so its result, and @rec's, does not depend on the argument: the store of %r is no dependency)
        assertEquals(Set.of("ctrl call %m @rec in @rec", "data call %m @rec in @rec opaque"), deps(m, "caller"));
    }

    @Test
    void controlDependencyEndsAtStoresAndCallsUnderTheBranchNeverAtLoadsOrAfterTheJoin() {
        Module m = parse("""
                define void @ctrl() {
                entry:
                  %a = load volatile i32, ptr @h
                  %c = icmp ne i32 %a, 0
                  br i1 %c, label %t, label %e
                t:
                  %x = load i32, ptr @out
                  store i32 1, ptr @out
                  call void @ext(i32 1)
                  br label %e
                e:
                  store i32 2, ptr @out
                  ret void
                }
                """);
        assertEquals(Set.of("ctrl store 1 @out", "ctrl call 1 @ext"), deps(m, "ctrl"));
    }

    // ------------------------------------------------------------------------------------- corpus, read by hand

    private static Set<String> corpusDeps(String file, String function) {
        Function f = CorpusIr.function(file, function);
        Dependencies d = new Dependencies(CorpusIr.module(file));
        Set<String> out = new TreeSet<>();
        for (Dependency x : d.of(f))
            out.add(x.type() + " " + x.source().sourceLine() + " -> " + x.endingKind() + " "
                    + (x.ending().debugLoc() == null ? 0 : x.ending().debugLoc().line()));
        return out;
    }

    @Test
    void storeAfterTheJoinIsNotControlDependent() {
        // O2-nopasses-g ctrl_dep.ll @ctrl_dep_after_join: the volatile load of @x (line 56) goes through the slot %1
        // into the branch; block %6 holds the volatile store to @y (line 59); block %10, after the join at %9, the
        // volatile store to @z (line 60). The lifetime markers are not calls with side effects.
        assertEquals(Set.of("ctrl 56 -> store 59"), corpusDeps("clang-19/x86_64/O2-nopasses-g/ctrl_dep.ll", "ctrl_dep_after_join"));
        assertEquals(Set.of("ctrl 56 -> store 59"), corpusDeps("clang-19/x86_64/O0-g/ctrl_dep.ll", "ctrl_dep_after_join"));
    }

    @Test
    void storeUnderNestedBranchesDependsOnBothConditions() {
        // O2-nopasses-g ctrl_dep.ll @ctrl_dep_nested: READ_ONCE(x) (line 79) decides the outer if, READ_ONCE(y)
        // (line 82) the inner one; the volatile store of a to @w (line 85) is under both and stores x's value. The
        // join blocks and the lifetime markers after them hold no ending.
        assertEquals(Set.of("ctrl 79 -> store 85", "data 79 -> store 85", "ctrl 82 -> store 85"),
                corpusDeps("clang-19/x86_64/O2-nopasses-g/ctrl_dep.ll", "ctrl_dep_nested"));
    }

    @Test
    void loadUnderTheBranchIsNotControlDependent() {
        // O2-nopasses-g ctrl_dep.ll @ctrl_dep_load_not_ordered: under the branch on READ_ONCE(x) (line 68) only the
        // volatile load of @y (line 71) and stores into the function's own slots (return value, cleanup) happen
        assertEquals(Set.of(), corpusDeps("clang-19/x86_64/O2-nopasses-g/ctrl_dep.ll", "ctrl_dep_load_not_ordered"));
        assertEquals(Set.of(), corpusDeps("clang-19/x86_64/O0-g/ctrl_dep.ll", "ctrl_dep_load_not_ordered"));
    }

    @Test
    void noControlDependencyEndsAtALoadAnywhereInTheCorpus() {
        int ctrl = 0;
        for (String variant : List.of("clang-19/x86_64/O0-g/", "clang-19/x86_64/O2-nopasses-g/", "clang-19/x86_64/O2-g/")) {
            for (String file : List.of("ctrl_dep.ll", "ctrl_identical.ll", "switch_deps.ll", "loop_dep.ll", "volatile_if.ll",
                    "atomics.ll", "inline_helpers.ll")) {
                Module m = CorpusIr.module(variant + file);
                Dependencies d = new Dependencies(m);
                for (Function f : m.definedFunctions()) {
                    for (Dependency x : d.of(f)) {
                        if (x.type() != Dependency.Type.CTRL) continue;
                        ctrl++;
                        assertNotEquals(Opcode.LOAD, x.ending().opcode(), () -> variant + file + " " + x);
                        assertNotEquals(Dependency.EndingKind.LOAD, x.endingKind(), () -> variant + file + " " + x);
                    }
                }
            }
        }
        assertTrue(ctrl > 50, "too few control dependencies seen: " + ctrl);
    }

    private static List<String> opcodes(List<Instruction> l) {
        List<String> out = new ArrayList<>();
        for (Instruction i : l) out.add(i.opcode().keyword);
        return out;
    }
}
