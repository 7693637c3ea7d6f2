package dev.lkmmhazard.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SARIF 2.1.0 report, built from the java-sarif object model and written by Jackson: one run, a rule per rule
 * the command reports (its page as help, in Markdown and as plain text, and as help address; its tags and precision
 * as properties), a result per finding with its source (or IR) position, the function as a logical
 * location, the other end of the dependency as related locations, the evidence chain as a code flow and the
 * fingerprint as a partial fingerprint. Files that could not be read are error notifications of the invocation.
 */
public final class SarifReport {
    /** The partial fingerprint's key: bump the version if the fingerprint's recipe changes. */
    public static final String FINGERPRINT_KEY = "lkmmHazardFingerprint/v1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private SarifReport() {}

    public static void write(ScanReport r, List<RuleInfo> rules, OutputStream out) throws IOException {
        out.write(JSON.writeValueAsBytes(toSarif(r, rules)));
        out.write('\n');
    }

    public static SarifSchema210 toSarif(ScanReport r, List<RuleInfo> rules) {
        Map<String, Integer> ruleIndex = new HashMap<>();
        Set<ReportingDescriptor> descriptors = new LinkedHashSet<>();
        for (RuleInfo rule : rules) {
            ruleIndex.put(rule.id(), descriptors.size());
            MultiformatMessageString help = new MultiformatMessageString().withText(rule.helpText());
            if (rule.helpMarkdown() != null) help.withMarkdown(rule.helpMarkdown());
            PropertyBag props = new PropertyBag().withTags(new LinkedHashSet<>(rule.tags()));
            props.setAdditionalProperty("precision", rule.precision());
            descriptors.add(new ReportingDescriptor()
                    .withId(rule.id())
                    .withName(rule.pascalName())
                    .withShortDescription(new MultiformatMessageString().withText(sentence(rule.summary())))
                    .withFullDescription(new MultiformatMessageString().withText(sentence(rule.description())))
                    .withHelpUri(URI.create(r.tool().checkPage(rule.id())))
                    .withHelp(help)
                    .withDefaultConfiguration(new ReportingConfiguration().withLevel(configLevel(rule.severity())))
                    .withProperties(props));
        }
        // A finding whose rule the caller did not list (a JSON report of another version, merged) still gets a
        // rule, so that every result has its ruleIndex.
        for (Finding f : r.findings()) {
            if (ruleIndex.containsKey(f.check())) continue;
            ruleIndex.put(f.check(), descriptors.size());
            descriptors.add(new ReportingDescriptor().withId(f.check()).withName(RuleInfo.pascalName(f.check()))
                    .withHelpUri(URI.create(r.tool().checkPage(f.check()))));
        }
        ToolComponent driver = new ToolComponent()
                .withName(r.tool().name())
                .withVersion(r.tool().version())
                .withInformationUri(URI.create(r.tool().informationUri()))
                .withRules(descriptors);

        List<Result> results = new ArrayList<>();
        for (Finding f : r.findings()) {
            Result res = new Result()
                    .withRuleId(f.check())
                    .withRuleIndex(ruleIndex.get(f.check()))
                    .withLevel(level(f.severity()))
                    .withMessage(new Message().withText(sentence(f.message())))
                    .withLocations(List.of(primary(f)));
            Set<Location> related = new LinkedHashSet<>();
            int id = 1;
            for (RelatedLocation rel : f.related())
                related.add(location(rel.source(), f.file(), rel.irLine(), 0).withId(id++)
                        .withMessage(new Message().withText(sentence(rel.message()))));
            if (f.source() != null && f.source().userFrame().line() > 0)
                related.add(irLocation(f.file(), f.irLine(), f.irColumn()).withId(id++)
                        .withMessage(new Message().withText("The instruction in the LLVM IR.")));
            if (!related.isEmpty()) res.withRelatedLocations(related);
            if (!f.evidence().isEmpty()) {
                List<ThreadFlowLocation> steps = new ArrayList<>();
                for (EvidenceStep e : f.evidence())
                    steps.add(new ThreadFlowLocation().withLocation(location(e.source(), f.file(), e.irLine(), 0)
                            .withMessage(new Message().withText(e.ir()))));
                res.withCodeFlows(List.of(new CodeFlow()
                        .withMessage(new Message().withText("The dependency chain, from the marked access on.")
                        ).withThreadFlows(List.of(new ThreadFlow().withLocations(steps)))));
            }
            PartialFingerprints fp = new PartialFingerprints();
            fp.setAdditionalProperty(FINGERPRINT_KEY, f.fingerprint());
            res.withPartialFingerprints(fp);
            if (f.weakEvidence() != null || f.brokenBy() != null || f.judgement() != null) {
                PropertyBag props = new PropertyBag();
                if (f.judgement() != null) props.setAdditionalProperty("judgement", f.judgement());
                if (f.weakEvidence() != null) props.setAdditionalProperty("weakEvidence", f.weakEvidence());
                if (f.brokenBy() != null) { // a LinkedHashMap: the same report gives the same bytes
                    Map<String, Object> by = new java.util.LinkedHashMap<>();
                    by.put("pass", f.brokenBy().pass());
                    by.put("number", f.brokenBy().number());
                    props.setAdditionalProperty("brokenBy", by);
                }
                res.withProperties(props);
            }
            results.add(res);
        }

        List<Notification> notifications = new ArrayList<>();
        for (FileResult file : r.files()) {
            if (!file.ok())
                notifications.add(new Notification().withLevel(Notification.Level.ERROR)
                        .withMessage(new Message().withText(sentence(file.error())))
                        .withLocations(Set.of(new Location().withPhysicalLocation(new PhysicalLocation()
                                .withArtifactLocation(artifact(file.path()))))));
        }
        Invocation invocation = new Invocation().withExecutionSuccessful(!r.anyFileFailed());
        if (!notifications.isEmpty()) invocation.withToolExecutionNotifications(notifications);

        Run run = new Run().withTool(new Tool().withDriver(driver)).withInvocations(List.of(invocation))
                .withResults(results).withColumnKind(Run.ColumnKind.UNICODE_CODE_POINTS);
        return new SarifSchema210()
                .with$schema(URI.create("https://json.schemastore.org/sarif-2.1.0.json"))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(run));
    }

    private static Location primary(Finding f) {
        Location loc = location(f.source(), f.file(), f.irLine(), f.irColumn());
        LogicalLocation fn = new LogicalLocation().withName(f.function()).withFullyQualifiedName(f.function())
                .withKind("function");
        if (!f.function().equals(f.mangledFunction())) fn.withDecoratedName(f.mangledFunction());
        return loc.withLogicalLocations(Set.of(fn));
    }

    /** The source position when it has a line, else the position in the IR file. */
    private static Location location(SourceLocation s, String llFile, int irLine, int irColumn) {
        if (s != null) s = s.userFrame();
        if (s != null && s.line() > 0) {
            Region region = new Region().withStartLine(s.line());
            if (s.column() > 0) region.withStartColumn(s.column());
            return new Location().withPhysicalLocation(new PhysicalLocation().withArtifactLocation(artifact(s.file()))
                    .withRegion(region));
        }
        return irLocation(llFile, irLine, irColumn);
    }

    private static Location irLocation(String llFile, int irLine, int irColumn) {
        Region region = new Region().withStartLine(Math.max(1, irLine));
        if (irColumn > 0) region.withStartColumn(irColumn);
        return new Location().withPhysicalLocation(new PhysicalLocation().withArtifactLocation(artifact(llFile))
                .withRegion(region));
    }

    /** A file as a URI: absolute paths as {@code file:} URIs, relative ones as relative references. */
    static ArtifactLocation artifact(String path) {
        try {
            Path p = Path.of(path);
            if (p.isAbsolute()) return new ArtifactLocation().withUri(p.toUri().toString());
            return new ArtifactLocation().withUri(new URI(null, null, path.replace('\\', '/'), null).toString());
        } catch (URISyntaxException | RuntimeException e) {
            return new ArtifactLocation().withUri(path.replace(" ", "%20"));
        }
    }

    /** SARIF messages are sentences: they end with a period. */
    static String sentence(String s) {
        if (s == null || s.isEmpty()) return ".";
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '?' || last == '!' ? s : s + ".";
    }

    private static Result.Level level(Severity s) {
        return switch (s) {
            case ERROR -> Result.Level.ERROR;
            case WARNING -> Result.Level.WARNING;
            case NOTE -> Result.Level.NOTE;
        };
    }

    private static ReportingConfiguration.Level configLevel(Severity s) {
        return switch (s) {
            case ERROR -> ReportingConfiguration.Level.ERROR;
            case WARNING -> ReportingConfiguration.Level.WARNING;
            case NOTE -> ReportingConfiguration.Level.NOTE;
        };
    }
}
