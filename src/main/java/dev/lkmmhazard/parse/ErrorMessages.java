package dev.lkmmhazard.parse;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns JavaCC's ParseException into our one-line {@code FILE:LINE:COL: error: expected X, found 'Y'}. */
final class ErrorMessages {
    private ErrorMessages() {}

    /** The number just read does not fit where it stands (a 30-digit value number, an i99999999999 type). */
    static ParseException numberOutOfRange(Token last) {
        return new BuildError("number out of range near '" + last.image + "'", last);
    }

    /** The bracket at {line, column} opens more than {@link IrReader#MAX_NESTING} levels. */
    static ParseError tooDeep(String file, int[] at) {
        return new ParseError(file, at[0], at[1], "nested too deeply (limit " + IrReader.MAX_NESTING + " levels of brackets)", null);
    }

    /** The parser's recursion ran out of stack within the nesting limit (a thread with a small stack). */
    static ParseError outOfStack(String file, int line, int column) {
        return new ParseError(file, line, column, "nested too deeply to read", null);
    }

    /** A bug of the reader: one line for the user, and the rest of the files still read. */
    static ParseError internalError(String file, int line, int column, RuntimeException e) {
        return new ParseError(file, line, column, "internal error of the reader (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it", null);
    }

    static ParseError toParseError(String file, ParseException e, String function) {
        String in = function == null ? "" : " (in function '@" + function + "', which is skipped)";
        if (e instanceof BuildError be) return new ParseError(file, be.line, be.column, be.getMessage() + in, function);
        Token found = e.currentToken != null && e.currentToken.next != null ? e.currentToken.next : e.currentToken;
        if (found == null || e.expectedTokenSequences == null) {
            String msg = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("syntax error");
            return new ParseError(file, 1, 1, msg + in, function);
        }
        if (found.kind == LlvmIrParserConstants.EOF)
            return new ParseError(file, found.beginLine, found.beginColumn,
                    "unexpected end of file (the file looks truncated); expected " + expected(e) + in, function);
        return new ParseError(file, found.beginLine, found.beginColumn,
                "expected " + expected(e) + ", found " + describe(found) + in, function);
    }

    static String describe(Token t) {
        if (t.kind == LlvmIrParserConstants.EOF) return "end of file";
        String img = t.image;
        if (t.kind == LlvmIrParserConstants.INVALID && !img.isEmpty()) {
            char c = img.charAt(0);
            if (c < 0x20 || c >= 0x7f) return String.format("byte 0x%02X", (int) c);
            return "unexpected character \"" + c + "\"";
        }
        if (img.length() > 40) img = img.substring(0, 37) + "...";
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < img.length(); i++) {
            char c = img.charAt(i);
            if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\x%02X", (int) c)); else sb.append(c);
        }
        return sb.append('\'').toString();
    }

    private static String expected(ParseException e) {
        Set<Integer> kinds = new LinkedHashSet<>();
        for (int[] seq : e.expectedTokenSequences) if (seq.length > 0) kinds.add(seq[0]);
        Set<String> out = new LinkedHashSet<>();
        if (kinds.contains(LlvmIrParserConstants.INTTYPE) && kinds.contains(LlvmIrParserConstants.PTR)) {
            out.add("a type");
            kinds.removeIf(ErrorMessages::startsType);
        }
        if (kinds.contains(LlvmIrParserConstants.ZEROINITIALIZER)) {
            out.add("a value");
            kinds.removeIf(ErrorMessages::startsValue);
        }
        if (kinds.contains(LlvmIrParserConstants.RET) && kinds.contains(LlvmIrParserConstants.STORE)) {
            out.add("an instruction");
            kinds.removeIf(k -> k >= LlvmIrParserConstants.RET && k <= LlvmIrParserConstants.CLEANUPPAD);
        }
        if (kinds.contains(LlvmIrParserConstants.DEFINE) && kinds.contains(LlvmIrParserConstants.DECLARE)) {
            out.add("a top-level entity (define, declare, @global = ..., !N = ...)");
            kinds.clear();
        }
        for (int k : kinds) out.add(name(k));
        if (out.size() > 5) {
            Set<String> shortList = new LinkedHashSet<>();
            for (String s : out) { if (shortList.size() == 4) break; shortList.add(s); }
            return String.join(", ", shortList) + " or another token";
        }
        return String.join(" or ", out);
    }

    private static boolean startsType(int k) {
        switch (k) {
            case LlvmIrParserConstants.INTTYPE: case LlvmIrParserConstants.HALF: case LlvmIrParserConstants.BFLOAT:
            case LlvmIrParserConstants.FLOAT: case LlvmIrParserConstants.DOUBLE: case LlvmIrParserConstants.X86_FP80:
            case LlvmIrParserConstants.FP128: case LlvmIrParserConstants.PPC_FP128: case LlvmIrParserConstants.VOID:
            case LlvmIrParserConstants.LABEL: case LlvmIrParserConstants.TOKEN_TYPE: case LlvmIrParserConstants.METADATA:
            case LlvmIrParserConstants.X86_AMX: case LlvmIrParserConstants.X86_MMX: case LlvmIrParserConstants.PTR:
            case LlvmIrParserConstants.LOCALVAR: case LlvmIrParserConstants.LBRACKET: case LlvmIrParserConstants.LBRACE:
            case LlvmIrParserConstants.LT: case LlvmIrParserConstants.TARGET:
                return true;
            default:
                return false;
        }
    }

    private static boolean startsValue(int k) {
        // constants, names, aggregates, inline asm, and the opcodes of constant expressions
        return (k >= LlvmIrParserConstants.TRUE && k <= LlvmIrParserConstants.PTRAUTH)
                || (k >= LlvmIrParserConstants.FNEG && k <= LlvmIrParserConstants.CLEANUPPAD)
                || k == LlvmIrParserConstants.LOCALVAR || k == LlvmIrParserConstants.GLOBALVAR
                || k == LlvmIrParserConstants.INT || k == LlvmIrParserConstants.HEXINT || k == LlvmIrParserConstants.HEXFP
                || k == LlvmIrParserConstants.FPVAL || k == LlvmIrParserConstants.LBRACKET || k == LlvmIrParserConstants.LBRACE
                || k == LlvmIrParserConstants.LT || k == LlvmIrParserConstants.ASM
                || (k >= LlvmIrParserConstants.ADD && k <= LlvmIrParserConstants.XOR)
                || k == LlvmIrParserConstants.GETELEMENTPTR || k == LlvmIrParserConstants.ICMP || k == LlvmIrParserConstants.FCMP
                || (k >= LlvmIrParserConstants.TRUNC && k <= LlvmIrParserConstants.ADDRSPACECAST);
    }

    private static String name(int kind) {
        switch (kind) {
            case LlvmIrParserConstants.LOCALVAR: return "a local name (%x)";
            case LlvmIrParserConstants.GLOBALVAR: return "a global name (@x)";
            case LlvmIrParserConstants.INT: return "an integer";
            case LlvmIrParserConstants.STRING: return "a string";
            case LlvmIrParserConstants.WORD: return "a keyword";
            case LlvmIrParserConstants.MDREF: return "a metadata reference (!N)";
            case LlvmIrParserConstants.MDNAME: return "a metadata name (!name)";
            case LlvmIrParserConstants.LABELSTR: return "a label";
            case LlvmIrParserConstants.ATTRGROUP: return "an attribute group (#N)";
            case LlvmIrParserConstants.EOF: return "end of file";
            default:
                String img = LlvmIrParserConstants.tokenImage[kind];
                if (img.startsWith("\"")) return "'" + img.substring(1, img.length() - 1) + "'";
                return img;
        }
    }
}
