package dev.lkmmhazard.ir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Module} back as LLVM IR text that {@code llvm-as} of the LLVM version that wrote the input accepts.
 * Everything the model holds is printed: nothing is reordered within a kind, nothing is renamed.
 *
 * <p>Names in the model hold one char per byte (ISO-8859-1), so the text must be encoded as ISO-8859-1 to give back
 * the original bytes; {@link #print(Module, OutputStream)} does that.
 *
 * <p>Text goes into a buffer of the printer's own (bytes for a stream, chars for a {@link Writer}) in large chunks;
 * per-instruction work builds no intermediate strings except what the model's own {@code reference()} of a constant
 * gives, and type texts are computed once per type. An 8 MB kernel module prints in about 0.2 s once warm.
 */
public final class ModulePrinter {
    private static final String INDENT = "  ";
    private static final String RECORD_INDENT = "    ";
    /** Flags of integer arithmetic, casts and compares, in the order LLVM prints them. */
    private static final Flag[] ARITH_FLAGS = { Flag.NUW, Flag.NSW, Flag.EXACT, Flag.DISJOINT, Flag.NNEG, Flag.SAMESIGN };
    /** Fast-math flags, in the order LLVM prints them when not all are set. */
    private static final Flag[] FMF_ORDER = { Flag.REASSOC, Flag.NNAN, Flag.NINF, Flag.NSZ, Flag.ARCP, Flag.CONTRACT, Flag.AFN };

    private final Sink out;
    private final Map<Type, String> typeText = new IdentityHashMap<>();

    /**
     * A printer that appends to {@code out}. A {@link Writer} is fed through a buffer of its own, in large chunks;
     * call {@link #flush()} when done with it.
     */
    public ModulePrinter(Appendable out) {
        this.out = out instanceof Writer w ? new WriterSink(w) : new AppendableSink(out);
    }

    private ModulePrinter(Sink out) { this.out = out; }

    /** Prints the module to {@code out} (and flushes what this printer buffered). */
    public static void print(Module module, Appendable out) throws IOException {
        ModulePrinter p = new ModulePrinter(out);
        p.printModule(module);
        p.flush();
    }

    /**
     * Prints the module as ISO-8859-1 bytes (one byte per char of the model, so the input's bytes come back) to
     * {@code stream}, through a buffer, and flushes the stream.
     */
    public static void print(Module module, OutputStream stream) throws IOException {
        ModulePrinter p = new ModulePrinter(new ByteSink(stream));
        p.printModule(module);
        p.flush();
        stream.flush();
    }

    /** The module as one string (for tests and small modules). */
    public static String toString(Module module) {
        StringBuilder sb = new StringBuilder(4096);
        try {
            print(module, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return sb.toString();
    }

    /** Writes out what this printer buffered (nothing is buffered for a plain Appendable). */
    public void flush() throws IOException { out.flush(); }

    // ------------------------------------------------------------------------------------------------- module

    public void printModule(Module m) throws IOException {
        boolean header = false;
        if (m.sourceFilename() != null) {
            out.append("source_filename = \"").append(m.sourceFilename()).append("\"\n");
            header = true;
        }
        if (m.dataLayoutString() != null) {
            out.append("target datalayout = \"").append(m.dataLayoutString()).append("\"\n");
            header = true;
        }
        if (m.triple() != null) {
            out.append("target triple = \"").append(m.triple()).append("\"\n");
            header = true;
        }
        for (String asm : m.moduleAsm()) {
            out.append("module asm \"").append(asm).append("\"\n");
            header = true;
        }
        if (header) out.append('\n');

        printStructTypes(m);

        if (!m.comdats().isEmpty()) {
            for (Map.Entry<String, String> c : m.comdats().entrySet()) {
                name('$', c.getKey());
                out.append(" = comdat ").append(c.getValue()).append('\n');
            }
            out.append('\n');
        }

        if (!m.globals().isEmpty()) {
            for (GlobalVariable g : m.globals()) printGlobal(g);
            out.append('\n');
        }

        if (!m.aliases().isEmpty()) {
            for (GlobalAlias a : m.aliases()) printAlias(a);
            out.append('\n');
        }

        for (Function f : m.functions()) {
            printFunction(f);
            out.append('\n');
        }

        for (Map.Entry<Integer, List<Attribute>> g : m.attributeGroups().entrySet()) {
            out.append("attributes #").append(Integer.toString(g.getKey())).append(" = { ");
            attributes(g.getValue());
            out.append(" }\n");
        }
        if (!m.attributeGroups().isEmpty()) out.append('\n');

        for (Map.Entry<String, List<Metadata>> nm : m.namedMetadata().entrySet()) {
            out.append('!');
            metadataName(nm.getKey());
            out.append(" = !{");
            List<Metadata> ops = nm.getValue();
            for (int i = 0; i < ops.size(); i++) {
                if (i > 0) out.append(", ");
                metadata(ops.get(i));
            }
            out.append("}\n");
        }

        MetadataTable table = m.metadata;
        int limit = table.limit();
        for (int id = 0; id < limit; id++) {
            MDNode node = table.get(id);
            if (node == null) continue;
            out.append('!').append(Integer.toString(id)).append(" = ");
            nodeBody(node);
            out.append('\n');
        }
        for (int id : table.sparseIds()) {
            out.append('!').append(Integer.toString(id)).append(" = ");
            nodeBody(table.get(id));
            out.append('\n');
        }

        if (!m.useListOrders().isEmpty()) {
            out.append('\n');
            for (String u : m.useListOrders()) out.append(u).append('\n');
        }

        if (!m.summaryEntries().isEmpty()) {
            out.append('\n');
            for (String e : m.summaryEntries()) out.append(e).append('\n');
        }
    }

    private void printStructTypes(Module m) throws IOException {
        List<Type.StructType> structs = m.types.namedStructs();
        if (structs.isEmpty()) return;
        // Numbered types first, by number (the parser wants them in sequence), then named ones in table order.
        List<Type.StructType> numbered = new ArrayList<>();
        for (Type.StructType s : structs) if (isNumber(s.name)) numbered.add(s);
        numbered.sort((a, b) -> compareNumbers(a.name, b.name));
        for (Type.StructType s : numbered) structDefinition(s);
        for (Type.StructType s : structs) if (!isNumber(s.name)) structDefinition(s);
        out.append('\n');
    }

    private void structDefinition(Type.StructType s) throws IOException {
        name('%', s.name);
        out.append(" = type ").append(s.bodyString()).append('\n');
    }

    // ------------------------------------------------------------------------------------------------- globals

    public void printGlobal(GlobalVariable g) throws IOException {
        valueName('@', g);
        out.append(" = ");
        for (Attribute a : g.specifiers()) out.append(a.text()).append(' ');
        out.append(g.isConstant() ? "constant " : "global ").append(type(g.valueType()));
        if (g.initializer() != null) {
            out.append(' ');
            ref(g.initializer());
        }
        for (Attribute a : g.trailing()) out.append(", ").append(a.text());
        for (MetadataAttachment md : g.metadata()) {
            out.append(", ");
            attachment(md);
        }
        // Attributes (#N) come after the comma-separated items and the attachments.
        for (Attribute a : g.attributes()) out.append(' ').append(a.text());
        out.append('\n');
    }

    public void printAlias(GlobalAlias a) throws IOException {
        valueName('@', a);
        out.append(" = ");
        for (Attribute s : a.specifiers()) out.append(s.text()).append(' ');
        out.append(a.ifunc ? "ifunc " : "alias ").append(type(a.valueType())).append(", ");
        typed(a.aliasee());
        for (Attribute t : a.trailing()) out.append(", ").append(t.text());
        for (MetadataAttachment md : a.metadata()) {
            out.append(", ");
            attachment(md);
        }
        out.append('\n');
    }

    // ------------------------------------------------------------------------------------------------- functions

    public void printFunction(Function f) throws IOException {
        boolean define = f.isDefinition();
        out.append(define ? "define " : "declare ");
        if (!define) {
            // Declarations carry their attachments right after the keyword.
            for (MetadataAttachment md : f.metadata()) {
                attachment(md);
                out.append(' ');
            }
        }
        for (Attribute a : f.specifiers()) out.append(a.text()).append(' ');
        out.append(type(f.returnType())).append(' ');
        valueName('@', f);
        out.append('(');
        List<Argument> args = f.arguments();
        for (int i = 0; i < args.size(); i++) {
            Argument arg = args.get(i);
            if (i > 0) out.append(", ");
            out.append(type(arg.type()));
            for (Attribute a : arg.attributes()) out.append(' ').append(a.text());
            if (arg.hasName()) {
                out.append(' ');
                valueName('%', arg);
            }
        }
        if (f.isVarArg()) out.append(args.isEmpty() ? "..." : ", ...");
        out.append(')');
        for (Attribute a : f.attributes()) out.append(' ').append(a.text());
        if (f.prefix() != null) {
            out.append(" prefix ");
            typed(f.prefix());
        }
        if (f.prologue() != null) {
            out.append(" prologue ");
            typed(f.prologue());
        }
        if (f.personality() != null) {
            out.append(" personality ");
            typed(f.personality());
        }
        if (!define) {
            out.append('\n');
            return;
        }
        for (MetadataAttachment md : f.metadata()) {
            out.append(' ');
            attachment(md);
        }
        out.append(" {\n");
        List<BasicBlock> blocks = f.blocks();
        for (int b = 0; b < blocks.size(); b++) {
            BasicBlock bb = blocks.get(b);
            if (bb.hasName() && !(b == 0 && bb.isNumbered())) {
                if (b > 0) out.append('\n');
                if (bb.isNumbered()) out.append(bb.name());
                else label(bb.name(), true);
                out.append(":\n");
            } else if (b > 0) {
                out.append('\n'); // an unnamed block takes the next number implicitly
            }
            for (Instruction inst : bb.instructions()) {
                for (DebugRecord r : inst.debugRecords()) {
                    out.append(RECORD_INDENT);
                    debugRecord(r);
                    out.append('\n');
                }
                out.append(INDENT);
                printInstruction(inst);
                out.append('\n');
            }
        }
        for (String u : f.useListOrders()) out.append(INDENT).append(u).append('\n');
        out.append("}\n");
    }

    public void debugRecord(DebugRecord r) throws IOException {
        out.append("#dbg_").append(r.kind()).append('(');
        List<Metadata> ops = r.operands();
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) out.append(", ");
            metadata(ops.get(i));
        }
        out.append(')');
    }

    // ------------------------------------------------------------------------------------------------- instructions

    /** One instruction without indentation or newline, with its metadata attachments. */
    public void printInstruction(Instruction inst) throws IOException {
        Opcode op = inst.opcode();
        if (inst.hasName() && !inst.type().isVoid()) {
            valueName('%', inst);
            out.append(" = ");
        }
        if (op == Opcode.CALL) {
            if (inst.has(Flag.MUSTTAIL)) out.append("musttail ");
            else if (inst.has(Flag.TAIL)) out.append("tail ");
            else if (inst.has(Flag.NOTAIL)) out.append("notail ");
        }
        out.append(op.keyword);
        Value[] ops = inst.operands();
        BasicBlock[] blocks = inst.blocks();
        switch (op) {
            case RET:
                if (ops.length == 0) out.append(" void");
                else { out.append(' '); typed(ops[0]); }
                break;
            case BR:
                if (ops.length == 0) {
                    out.append(' ');
                    block(blocks[0]);
                } else {
                    out.append(' ');
                    typed(ops[0]);
                    out.append(", ");
                    block(blocks[0]);
                    out.append(", ");
                    block(blocks[1]);
                }
                break;
            case SWITCH:
                out.append(' ');
                typed(ops[0]);
                out.append(", ");
                block(blocks[0]);
                out.append(" [");
                for (int i = 1; i < ops.length; i++) {
                    out.append("\n    ");
                    typed(ops[i]);
                    out.append(", ");
                    block(blocks[i]);
                }
                out.append("\n  ]");
                break;
            case INDIRECTBR:
                out.append(' ');
                typed(ops[0]);
                out.append(", [");
                for (int i = 0; i < blocks.length; i++) {
                    if (i > 0) out.append(", ");
                    block(blocks[i]);
                }
                out.append(']');
                break;
            case CALL:
            case INVOKE:
            case CALLBR:
                printCall(inst);
                break;
            case RESUME:
            case FREEZE:
                out.append(' ');
                typed(ops[0]);
                break;
            case CATCHSWITCH:
                out.append(" within ");
                if (ops.length == 0) out.append("none"); else ref(ops[0]);
                out.append(" [");
                for (int i = 0; i < blocks.length; i++) {
                    if (i > 0) out.append(", ");
                    block(blocks[i]);
                }
                out.append("] unwind ");
                unwindDest(inst.unwindBlock());
                break;
            case CATCHRET:
                out.append(" from ");
                ref(ops[0]);
                out.append(" to ");
                block(blocks[0]);
                break;
            case CLEANUPRET:
                out.append(" from ");
                ref(ops[0]);
                out.append(" unwind ");
                unwindDest(inst.unwindBlock());
                break;
            case CATCHPAD:
            case CLEANUPPAD:
                out.append(" within ");
                if (ops.length == 0) out.append("none"); else ref(ops[0]);
                out.append(" [");
                for (int i = 1; i < ops.length; i++) {
                    if (i > 1) out.append(", ");
                    typed(ops[i]);
                }
                out.append(']');
                break;
            case UNREACHABLE:
                break;
            case FNEG:
                fastMath(inst);
                out.append(' ');
                typed(ops[0]);
                break;
            case ICMP:
            case FCMP:
                fastMath(inst);
                arithFlags(inst);
                out.append(' ').append(inst.keyword()).append(' ');
                typed(ops[0]);
                out.append(", ");
                ref(ops[1]);
                break;
            case EXTRACTELEMENT:
            case INSERTELEMENT:
            case SHUFFLEVECTOR:
                out.append(' ');
                typedList(ops, 0, ops.length);
                break;
            case EXTRACTVALUE:
            case INSERTVALUE:
                out.append(' ');
                typedList(ops, 0, ops.length);
                for (int idx : inst.indices()) out.append(", ").append(Integer.toString(idx));
                break;
            case ALLOCA:
                out.append(' ');
                if (inst.has(Flag.INALLOCA)) out.append("inalloca ");
                if (inst.has(Flag.SWIFTERROR)) out.append("swifterror ");
                out.append(type(inst.auxType()));
                if (ops.length > 0) {
                    out.append(", ");
                    typed(ops[0]);
                }
                align(inst);
                if (inst.addressSpace() != 0)
                    out.append(", addrspace(").append(Integer.toString(inst.addressSpace())).append(')');
                break;
            case LOAD:
                memoryPrefix(inst);
                out.append(' ').append(type(inst.type())).append(", ");
                typed(ops[0]);
                atomic(inst);
                align(inst);
                break;
            case STORE:
                memoryPrefix(inst);
                out.append(' ');
                typed(ops[0]);
                out.append(", ");
                typed(ops[1]);
                atomic(inst);
                align(inst);
                break;
            case FENCE:
                atomic(inst);
                break;
            case CMPXCHG:
                if (inst.has(Flag.WEAK)) out.append(" weak");
                if (inst.has(Flag.VOLATILE)) out.append(" volatile");
                out.append(' ');
                typedList(ops, 0, ops.length);
                atomic(inst);
                if (inst.failureOrdering() != null) out.append(' ').append(inst.failureOrdering().keyword);
                align(inst);
                break;
            case ATOMICRMW:
                if (inst.has(Flag.VOLATILE)) out.append(" volatile");
                fastMath(inst);
                out.append(' ').append(inst.keyword()).append(' ');
                typedList(ops, 0, ops.length);
                atomic(inst);
                align(inst);
                break;
            case GETELEMENTPTR:
                if (inst.has(Flag.INBOUNDS)) out.append(" inbounds");
                else if (inst.has(Flag.NUSW)) out.append(" nusw");
                if (inst.has(Flag.NUW)) out.append(" nuw");
                out.append(' ').append(type(inst.auxType())).append(", ");
                typedList(ops, 0, ops.length);
                break;
            case PHI:
                fastMath(inst);
                out.append(' ').append(type(inst.type())).append(' ');
                for (int i = 0; i < ops.length; i++) {
                    out.append(i == 0 ? "[ " : ", [ ");
                    ref(ops[i]);
                    out.append(", ");
                    blockRef(blocks[i]);
                    out.append(" ]");
                }
                break;
            case SELECT:
                fastMath(inst);
                out.append(' ');
                typedList(ops, 0, ops.length);
                break;
            case VA_ARG:
                out.append(' ');
                typed(ops[0]);
                out.append(", ").append(type(inst.type()));
                break;
            case LANDINGPAD:
                out.append(' ').append(type(inst.type()));
                if (inst.has(Flag.CLEANUP)) out.append(" cleanup");
                String[] kinds = inst.clauseKinds();
                for (int i = 0; i < ops.length; i++) {
                    out.append(' ').append(kinds != null && i < kinds.length ? kinds[i] : "catch").append(' ');
                    typed(ops[i]);
                }
                break;
            default:
                if (op.isCast()) {
                    fastMath(inst);
                    arithFlags(inst);
                    out.append(' ');
                    typed(ops[0]);
                    out.append(" to ").append(type(inst.type()));
                } else if (op.isBinary()) {
                    fastMath(inst);
                    arithFlags(inst);
                    out.append(' ');
                    typed(ops[0]);
                    out.append(", ");
                    ref(ops[1]);
                } else {
                    throw new IllegalStateException("no printing rule for opcode " + op.keyword);
                }
        }
        for (MetadataAttachment md : inst.metadata()) {
            out.append(", ");
            attachment(md);
        }
    }

    private void printCall(Instruction inst) throws IOException {
        CallInfo call = inst.call();
        Value[] ops = inst.operands();
        fastMath(inst);
        for (Attribute a : call.preTypeAttributes()) out.append(' ').append(a.text());
        out.append(' ').append(type(call.functionType() != null ? call.functionType() : inst.type())).append(' ');
        ref(ops[ops.length - 1]);
        out.append('(');
        List<List<Attribute>> argAttrs = call.argAttributes();
        int n = call.argCount();
        for (int i = 0; i < n; i++) {
            if (i > 0) out.append(", ");
            Value arg = ops[i];
            out.append(type(arg.type()));
            for (Attribute a : argAttrs.get(i)) out.append(' ').append(a.text());
            out.append(' ');
            ref(arg);
        }
        if (call.forwardsVarArgs()) out.append(n > 0 ? ", ..." : "...");
        out.append(')');
        for (Attribute a : call.fnAttributes()) out.append(' ').append(a.text());
        List<OperandBundle> bundles = call.bundles();
        if (!bundles.isEmpty()) {
            out.append(" [ ");
            for (int b = 0; b < bundles.size(); b++) {
                OperandBundle bundle = bundles.get(b);
                if (b > 0) out.append(", ");
                out.append('"').append(bundle.tagEscaped).append("\"(");
                for (int i = 0; i < bundle.operandCount(); i++) {
                    if (i > 0) out.append(", ");
                    typed(bundle.operand(i));
                }
                out.append(')');
            }
            out.append(" ]");
        }
        BasicBlock[] blocks = inst.blocks();
        if (inst.opcode() == Opcode.INVOKE) {
            out.append("\n          to ");
            block(blocks[0]);
            out.append(" unwind ");
            block(blocks[1]);
        } else if (inst.opcode() == Opcode.CALLBR) {
            out.append("\n          to ");
            block(blocks[0]);
            out.append(" [");
            for (int i = 1; i < blocks.length; i++) {
                if (i > 1) out.append(", ");
                block(blocks[i]);
            }
            out.append(']');
        }
    }

    /** {@code atomic} and {@code volatile} of load and store. */
    private void memoryPrefix(Instruction inst) throws IOException {
        if (inst.ordering() != null || inst.has(Flag.ATOMIC)) out.append(" atomic");
        if (inst.has(Flag.VOLATILE)) out.append(" volatile");
    }

    /** {@code syncscope("s") ordering}, when the instruction is atomic. */
    private void atomic(Instruction inst) throws IOException {
        if (inst.syncScope() != null) out.append(" syncscope(\"").append(inst.syncScope()).append("\")");
        if (inst.ordering() != null) out.append(' ').append(inst.ordering().keyword);
    }

    private void align(Instruction inst) throws IOException {
        if (inst.align() != 0) out.append(", align ").append(Long.toString(inst.align()));
    }

    private void unwindDest(BasicBlock b) throws IOException {
        if (b == null) out.append("to caller");
        else block(b);
    }

    private void fastMath(Instruction inst) throws IOException {
        long flags = inst.flags();
        if ((flags & Flag.FAST_MATH) == 0) return;
        if ((flags & Flag.FAST.bit()) != 0) {
            out.append(" fast");
            return;
        }
        for (Flag f : FMF_ORDER) if ((flags & f.bit()) != 0) out.append(' ').append(f.keyword);
    }

    private void arithFlags(Instruction inst) throws IOException {
        long flags = inst.flags();
        for (Flag f : ARITH_FLAGS) if ((flags & f.bit()) != 0) out.append(' ').append(f.keyword);
    }

    // ------------------------------------------------------------------------------------------------- values

    /** {@code type reference}. */
    private void typed(Value v) throws IOException {
        out.append(type(v.type())).append(' ');
        ref(v);
    }

    private void typedList(Value[] ops, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            if (i > from) out.append(", ");
            typed(ops[i]);
        }
    }

    /** The reference of a value without its type, written without building strings for named values. */
    private void ref(Value v) throws IOException {
        if (v instanceof Instruction || v instanceof Argument || v instanceof BasicBlock) {
            if (v.hasName()) { valueName('%', v); return; }
        } else if (v instanceof GlobalValue) {
            if (v.hasName()) { valueName('@', v); return; }
        } else if (v instanceof MetadataValue mv) {
            metadata(mv.metadata);
            return;
        }
        out.append(v.reference());
    }

    private void block(BasicBlock b) throws IOException {
        out.append("label ");
        blockRef(b);
    }

    private void blockRef(BasicBlock b) throws IOException {
        if (b.hasName()) valueName('%', b);
        else out.append(b.reference());
    }

    /** The text of a type, computed once per (interned) type. */
    private String type(Type t) {
        String s = typeText.get(t);
        if (s == null) {
            s = t.toString();
            typeText.put(t, s);
        }
        return s;
    }

    private void attributes(List<Attribute> attrs) throws IOException {
        for (int i = 0; i < attrs.size(); i++) {
            if (i > 0) out.append(' ');
            out.append(attrs.get(i).text());
        }
    }

    // ------------------------------------------------------------------------------------------------- metadata

    /** Attachment kinds as written, by kind: few per file, and !dbg is on nearly every instruction. */
    private final Map<String, String> kindText = new java.util.HashMap<>();

    private void attachment(MetadataAttachment md) throws IOException {
        String kind = md.kind();
        String text = kindText.get(kind);
        if (text == null) kindText.put(kind, text = '!' + escapedMetadataName(kind));
        out.append(text).append(' ');
        metadata(md.node());
    }

    /** Metadata as an operand: {@code !N} for numbered nodes, the body for inline ones. */
    private void metadata(Metadata m) throws IOException {
        if (m instanceof MDNode n) {
            if (n.id() >= 0) out.append('!').append(Integer.toString(n.id()));
            else nodeBody(n);
        } else if (m instanceof Metadata.Ref r) {
            out.append('!').append(Integer.toString(r.id));
        } else if (m instanceof Metadata.Str s) {
            out.append("!\"").append(s.escaped).append('"');
        } else if (m instanceof Metadata.ValueRef vr) {
            typed(vr.value());
        } else if (m instanceof Metadata.Literal lit) {
            out.append(lit.text);
        } else {
            out.append(String.valueOf(m));
        }
    }

    /** {@code [distinct] !{...}} or {@code [distinct] !DIKind(label: value, ...)}. */
    private void nodeBody(MDNode n) throws IOException {
        if (n.distinct) out.append("distinct ");
        boolean braces = n.kind == null || n.isFieldList();
        if (n.isFieldList()) out.append('{');
        else if (n.kind == null) out.append("!{");
        else out.append('!').append(n.kind).append('(');
        int count = n.fieldCount();
        for (int i = 0; i < count; i++) {
            if (i > 0) out.append(", ");
            String label = n.label(i);
            if (label != null) out.append(label).append(": ");
            metadata(n.value(i));
        }
        out.append(braces ? '}' : ')');
    }

    private void metadataName(String s) throws IOException { out.append(escapedMetadataName(s)); }

    /**
     * A named-metadata or attachment kind name, escaped as LLVM writes it: {@code [-a-zA-Z$._][-a-zA-Z$._0-9]*},
     * others as \XX ({@code !\34\32abc} stays so, it is not {@code !42abc}).
     */
    static String escapedMetadataName(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '$' || c == '.' || c == '_'
                    || (i > 0 && c >= '0' && c <= '9');
            if (ok) sb.append(c);
            else sb.append('\\').append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------- names

    /**
     * A value's name with its sigil: numbered values as {@code %3}; names as {@code %x}, or quoted and escaped when
     * they need it, all-digit names included ({@code %"3"} is a name, not a number).
     */
    private void valueName(char sigil, Value v) throws IOException {
        out.append(sigil);
        if (v.isNumbered()) out.append(v.name());
        else label(v.name(), true);
    }

    /** {@code %name} or {@code $name} of a type or comdat, where an all-digit name is a number. */
    private void name(char prefix, String name) throws IOException {
        out.append(prefix);
        label(name, false);
    }

    /** A name without prefix, quoted when needed; {@code quoteDigits}: an all-digit name is quoted too. */
    private void label(String name, boolean quoteDigits) throws IOException {
        if (Names.isPlain(name) && !(quoteDigits && startsWithDigit(name))) {
            out.append(name);
            return;
        }
        out.append('"').append(Names.escapeString(name)).append('"');
    }

    private static boolean startsWithDigit(String s) {
        return !s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9';
    }

    private static boolean isNumber(String s) {
        if (s == null || s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static int compareNumbers(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

    // ------------------------------------------------------------------------------------------------- sinks

    /** Where text goes: two calls only, so that the per-instruction path costs a bounds check and a copy. */
    private abstract static class Sink {
        abstract Sink append(String s) throws IOException;
        abstract Sink append(char c) throws IOException;
        abstract void flush() throws IOException;
    }

    private static final int BUFFER = 1 << 16;

    /** ISO-8859-1 bytes into a buffer, written to the stream when full. */
    private static final class ByteSink extends Sink {
        private final OutputStream stream;
        private final byte[] buf = new byte[BUFFER];
        private int pos;

        ByteSink(OutputStream stream) { this.stream = stream; }

        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) keeps the low byte of each char: ISO-8859-1
        @Override Sink append(String s) throws IOException {
            int n = s.length(), from = 0;
            while (from < n) {
                if (pos == buf.length) flush();
                int k = Math.min(n - from, buf.length - pos);
                s.getBytes(from, from + k, buf, pos);
                pos += k;
                from += k;
            }
            return this;
        }

        @Override Sink append(char c) throws IOException {
            if (pos == buf.length) flush();
            buf[pos++] = (byte) c;
            return this;
        }

        @Override void flush() throws IOException {
            if (pos > 0) stream.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Chars into a buffer, written to the Writer when full. */
    private static final class WriterSink extends Sink {
        private final Writer writer;
        private final char[] buf = new char[BUFFER];
        private int pos;

        WriterSink(Writer writer) { this.writer = writer; }

        @Override Sink append(String s) throws IOException {
            int n = s.length(), from = 0;
            while (from < n) {
                if (pos == buf.length) flush();
                int k = Math.min(n - from, buf.length - pos);
                s.getChars(from, from + k, buf, pos);
                pos += k;
                from += k;
            }
            return this;
        }

        @Override Sink append(char c) throws IOException {
            if (pos == buf.length) flush();
            buf[pos++] = c;
            return this;
        }

        @Override void flush() throws IOException {
            if (pos > 0) writer.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Straight to an Appendable such as a StringBuilder. */
    private static final class AppendableSink extends Sink {
        private final Appendable target;
        AppendableSink(Appendable target) { this.target = target; }
        @Override Sink append(String s) throws IOException { target.append(s); return this; }
        @Override Sink append(char c) throws IOException { target.append(c); return this; }
        @Override void flush() {}
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
