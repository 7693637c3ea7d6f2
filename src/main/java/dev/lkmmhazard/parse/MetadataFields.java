package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Metadata;
import dev.lkmmhazard.ir.MDNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of LLVM's specialized debug-info nodes, as LLParser's {@code REQUIRED(...)} and {@code OPTIONAL(...)}
 * lists give them: a node without a required field, with a field its kind does not have, or with a field twice is
 * an error, as it is for llvm-as. The lists are those of LLVM 22; a field another version of 14 to 22 requires and 22
 * does not (or the reverse) is left optional, so that no version's output is refused. Kinds not listed here
 * ({@code DIExpression}, {@code DIArgList}, kinds of a newer LLVM) are not checked.
 */
final class MetadataFields {
    private MetadataFields() {}

    /** Required fields, then every field (required ones included) of one kind. */
    record Spec(List<String> required, Set<String> all, Set<String> notNull) {}

    private static final Map<String, Spec> SPECS = new HashMap<>();

    private static void kind(String name, String required, String optional) { kind(name, required, optional, ""); }

    private static void kind(String name, String required, String optional, String notNull) {
        List<String> req = required.isEmpty() ? List.of() : List.of(required.split(" "));
        Set<String> all = new java.util.HashSet<>(req);
        if (!optional.isEmpty()) all.addAll(List.of(optional.split(" ")));
        SPECS.put(name, new Spec(req, Set.copyOf(all), notNull.isEmpty() ? Set.of() : Set.of(notNull.split(" "))));
    }

    static {
        kind("DILocation", "scope", "line column inlinedAt isImplicitCode atomGroup atomRank", "scope");
        kind("GenericDINode", "tag", "header operands");
        kind("DISubrangeType", "", "name file line scope baseType size align flags lowerBound upperBound stride bias");
        kind("DISubrange", "", "count lowerBound upperBound stride");
        kind("DIGenericSubrange", "", "count lowerBound upperBound stride");
        kind("DIEnumerator", "name value", "isUnsigned");
        kind("DIBasicType", "", "tag name file line scope size align dataSize encoding num_extra_inhabitants flags");
        kind("DIFixedPointType", "", "tag name file line scope size align encoding flags kind factor numerator denominator");
        kind("DIStringType", "", "tag name stringLength stringLengthExpression stringLocationExpression size align encoding");
        kind("DIDerivedType", "tag baseType", "name file line scope size align offset flags extraData dwarfAddressSpace"
                + " annotations ptrAuthKey ptrAuthIsAddressDiscriminated ptrAuthExtraDiscriminator ptrAuthIsaPointer"
                + " ptrAuthAuthenticatesNullValues");
        kind("DICompositeType", "tag", "name file line scope baseType size align offset flags elements runtimeLang enumKind"
                + " vtableHolder templateParams identifier discriminator dataLocation associated allocated rank annotations"
                + " num_extra_inhabitants specification bitStride");
        kind("DISubroutineType", "types", "flags cc");
        kind("DIFile", "filename directory", "checksumkind checksum source");
        // language became optional in LLVM 22, which may name the language with sourceLanguageName instead
        kind("DICompileUnit", "file", "language sourceLanguageName sourceLanguageVersion producer isOptimized flags"
                + " runtimeVersion splitDebugFilename emissionKind enums retainedTypes globals imports macros dwoId"
                + " splitDebugInlining debugInfoForProfiling nameTableKind rangesBaseAddress sysroot sdk dialect", "file");
        // type is required from LLVM 22 only
        kind("DISubprogram", "", "scope name linkageName file line type isLocal isDefinition scopeLine containingType"
                + " virtuality virtualIndex thisAdjustment flags spFlags isOptimized unit templateParams declaration"
                + " retainedNodes thrownTypes annotations targetFuncName keyInstructions");
        kind("DILexicalBlock", "scope", "file line column", "scope");
        kind("DILexicalBlockFile", "scope discriminator", "file", "scope");
        kind("DICommonBlock", "scope", "declaration name file line");
        kind("DINamespace", "scope", "name exportSymbols");
        kind("DIMacro", "type name", "line value");
        kind("DIMacroFile", "file", "type line nodes");
        kind("DIModule", "scope name", "configMacros includePath apinotes file line isDecl");
        kind("DITemplateTypeParameter", "type", "name defaulted");
        kind("DITemplateValueParameter", "value", "tag name type defaulted");
        kind("DIGlobalVariable", "", "name scope linkageName file line type isLocal isDefinition templateParams declaration"
                + " align annotations");
        kind("DILocalVariable", "scope", "name arg file line type flags align annotations", "scope");
        kind("DILabel", "scope name file line", "column isArtificial coroSuspendIdx", "scope");
        kind("DIGlobalVariableExpression", "var expr", "");
        kind("DIObjCProperty", "", "name file line setter getter attributes type");
        kind("DIImportedEntity", "tag scope", "entity file line name elements");
        kind("DIAssignID", "", "");
    }

    /** Whether nodes of this kind are checked (and their labels' positions wanted). */
    static boolean checked(String kind) { return SPECS.containsKey(kind); }

    /** A problem and the index of the field it is at, or -1 when it is the node's. */
    record Problem(String message, int field) {}

    /**
     * What depends on the labels alone (the same for every node of one shape): a label the kind does not have, twice,
     * missing, or none; null when they are right.
     */
    static Problem checkLabels(String kind, List<MDNode.Field> fields) {
        Spec spec = SPECS.get(kind);
        int n = fields.size();
        for (int i = 0; i < n; i++) {
            String label = fields.get(i).label();
            if (label == null) return new Problem("expected field label here", i);
            if (!spec.all.contains(label)) return new Problem("invalid field '" + label + "'", i);
            for (int j = 0; j < i; j++)
                if (label.equals(fields.get(j).label()))
                    return new Problem("field '" + label + "' cannot be specified more than once", i);
        }
        for (String r : spec.required) if (find(fields, r) == null) return new Problem("missing required field '" + r + "'", -1);
        switch (kind) {
            case "DICompileUnit":
                if (find(fields, "language") == null && find(fields, "sourceLanguageName") == null)
                    return new Problem("missing one of 'language' or 'sourceLanguageName', required for !DICompileUnit", -1);
                break;
            case "DIFile":
                if ((find(fields, "checksumkind") == null) != (find(fields, "checksum") == null))
                    return new Problem("'checksumkind' and 'checksum' must be provided together", -1);
                break;
            default:
                break;
        }
        return null;
    }

    /** What depends on the values and on {@code distinct}; null when they are right. */
    static Problem checkValues(String kind, boolean distinct, List<MDNode.Field> fields) {
        Spec spec = SPECS.get(kind);
        if (!spec.notNull.isEmpty()) {
            for (int i = 0, n = fields.size(); i < n; i++)
                if (isNull(fields.get(i).value()) && spec.notNull.contains(fields.get(i).label()))
                    return new Problem("'" + fields.get(i).label() + "' cannot be null", i);
        }
        if (distinct) return null;
        switch (kind) {
            case "DICompileUnit": return new Problem("missing 'distinct', required for !DICompileUnit", -1);
            case "DIAssignID": return new Problem("missing 'distinct', required for !DIAssignID()", -1);
            case "DISubprogram":
                return isDefinition(fields) ? new Problem("missing 'distinct', required for !DISubprogram that is a Definition", -1) : null;
            default: return null;
        }
    }

    /** LLVM's message for a node of a checked kind it refuses, or null (both checks, in LLVM's order). */
    static Problem check(String kind, boolean distinct, List<MDNode.Field> fields) {
        if (!checked(kind)) return null;
        Problem p = checkLabels(kind, fields);
        return p != null ? p : checkValues(kind, distinct, fields);
    }

    private static Metadata find(List<MDNode.Field> fields, String label) {
        for (MDNode.Field f : fields) if (label.equals(f.label())) return f.value();
        return null;
    }

    private static boolean isNull(Metadata m) { return m instanceof Metadata.Literal l && l.text.equals("null"); }

    /**
     * spFlags decides when present (DISPFlagDefinition, or bit 3 of a number); else isDefinition, which defaults to
     * true: a node of neither is a definition.
     */
    private static boolean isDefinition(List<MDNode.Field> fields) {
        Metadata sp = find(fields, "spFlags");
        if (sp instanceof Metadata.Literal l) {
            for (String part : l.text.split(" \\| ")) {
                if (part.equals("DISPFlagDefinition")) return true;
                if (!part.isEmpty() && Character.isDigit(part.charAt(0))) {
                    try {
                        if ((Long.parseLong(part) & 8) != 0) return true;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return false;
        }
        Metadata def = find(fields, "isDefinition");
        return !(def instanceof Metadata.Literal l && l.text.equals("false"));
    }
}
