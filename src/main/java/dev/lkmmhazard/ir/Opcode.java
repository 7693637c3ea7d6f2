package dev.lkmmhazard.ir;

import java.util.HashMap;
import java.util.Map;

/** Every instruction of the LLVM Language Reference (LLVM 14 to 22). */
public enum Opcode {
    // terminators
    RET("ret"), BR("br"), SWITCH("switch"), INDIRECTBR("indirectbr"), INVOKE("invoke"), CALLBR("callbr"),
    RESUME("resume"), CATCHSWITCH("catchswitch"), CATCHRET("catchret"), CLEANUPRET("cleanupret"), UNREACHABLE("unreachable"),
    // unary and binary
    FNEG("fneg"),
    ADD("add"), FADD("fadd"), SUB("sub"), FSUB("fsub"), MUL("mul"), FMUL("fmul"), UDIV("udiv"), SDIV("sdiv"),
    FDIV("fdiv"), UREM("urem"), SREM("srem"), FREM("frem"),
    SHL("shl"), LSHR("lshr"), ASHR("ashr"), AND("and"), OR("or"), XOR("xor"),
    // vector and aggregate
    EXTRACTELEMENT("extractelement"), INSERTELEMENT("insertelement"), SHUFFLEVECTOR("shufflevector"),
    EXTRACTVALUE("extractvalue"), INSERTVALUE("insertvalue"),
    // memory
    ALLOCA("alloca"), LOAD("load"), STORE("store"), FENCE("fence"), CMPXCHG("cmpxchg"), ATOMICRMW("atomicrmw"),
    GETELEMENTPTR("getelementptr"),
    // conversions
    TRUNC("trunc"), ZEXT("zext"), SEXT("sext"), FPTRUNC("fptrunc"), FPEXT("fpext"), FPTOUI("fptoui"), FPTOSI("fptosi"),
    UITOFP("uitofp"), SITOFP("sitofp"), PTRTOINT("ptrtoint"), PTRTOADDR("ptrtoaddr"), INTTOPTR("inttoptr"),
    BITCAST("bitcast"), ADDRSPACECAST("addrspacecast"),
    // other
    ICMP("icmp"), FCMP("fcmp"), PHI("phi"), SELECT("select"), FREEZE("freeze"), CALL("call"), VA_ARG("va_arg"),
    LANDINGPAD("landingpad"), CATCHPAD("catchpad"), CLEANUPPAD("cleanuppad");

    public final String keyword;
    Opcode(String keyword) { this.keyword = keyword; }

    private static final Map<String, Opcode> BY_KEYWORD = new HashMap<>();
    static { for (Opcode o : values()) BY_KEYWORD.put(o.keyword, o); }

    public static Opcode of(String keyword) { return BY_KEYWORD.get(keyword); }

    public boolean isTerminator() { return ordinal() <= UNREACHABLE.ordinal(); }
    public boolean isBinary() { return ordinal() >= ADD.ordinal() && ordinal() <= XOR.ordinal(); }
    public boolean isCast() { return ordinal() >= TRUNC.ordinal() && ordinal() <= ADDRSPACECAST.ordinal(); }
    public boolean isCallLike() { return this == CALL || this == INVOKE || this == CALLBR; }
}
