package dev.lkmmhazard.diff;

import dev.lkmmhazard.analysis.MarkedAccessConfig;
import dev.lkmmhazard.analysis.PipelineStage;
import dev.lkmmhazard.analysis.ModuleContext;
import dev.lkmmhazard.findings.Findings;
import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import dev.lkmmhazard.report.BrokenBy;
import dev.lkmmhazard.report.EvidenceStep;
import dev.lkmmhazard.report.Finding;
import dev.lkmmhazard.rules.Rules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows each function through a {@link PassDump} and names the pass after which each of its dependencies was gone.
 *
 * <p>A function's first snapshot is its IR before (after the first pass for {@code -print-after-all}, the start for
 * {@code -print-changed}). Every later snapshot whose text differs from the previous one is compared with it by
 * {@link BeforeAfterDiff}, which gives the dependencies lost by then and their causes. A dependency is broken when it
 * is lost in the function's last snapshot; the pass that broke it is the one of the first snapshot from which on it
 * stayed lost (a dependency lost and found again is not reported). Each function is read alone, as the dump prints
 * it: dumps carry no metadata, so accesses are matched by kind, object and order, not by source position, and calls
 * to other functions are opaque.
 */
public final class PassBisection {
    /** The findings, each with its {@code brokenBy}, and remarks for the user. */
    public record Result(List<Finding> findings, List<String> notes, int functions, int snapshots) {}

    private final String file;
    private final PassDump dump;
    private final MarkedAccessConfig config;

    public PassBisection(String file, PassDump dump, MarkedAccessConfig config) {
        this.file = file;
        this.dump = dump;
        this.config = config;
    }

    /** One function's way through the pipeline. */
    private static final class Track {
        ModuleContext before;
        /** the previous changed snapshot: compared with the next one, it shows what one pass did */
        ModuleContext previous;
        String lastText;
        /** findings of the comparisons with the previous snapshot, one per pass and instruction */
        Map<String, Finding> stepLosses = new LinkedHashMap<>();
        /** the dependencies lost in the last snapshot compared: key to the finding at the snapshot where it was lost */
        Map<String, Finding> lost = new LinkedHashMap<>();
        /** loop passes printed only as a loop since the function was last printed whole */
        List<PassDump.Snapshot> loopsSince = new ArrayList<>();
    }

    public Result run() {
        List<String> notes = new ArrayList<>();
        Map<String, Track> tracks = new LinkedHashMap<>();
        int compared = 0;
        List<String> unreadable = new ArrayList<>();
        boolean loopOnly = false;
        for (PassDump.Snapshot s : dump.snapshots()) {
            if (s.omitted()) continue;
            List<PassDump.FunctionText> fns = dump.functions(s);
            if (fns.isEmpty()) {
                if (s.scope() == PassDump.Scope.LOOP && s.function() != null) {
                    Track t = tracks.get(s.function());
                    if (t != null) t.loopsSince.add(s);
                    loopOnly = true;
                }
                continue;
            }
            for (PassDump.FunctionText ft : fns) {
                Track t = tracks.get(ft.name());
                if (t != null && ft.text().equals(t.lastText)) {
                    t.loopsSince.clear(); // the loop passes changed nothing this function shows
                    continue;
                }
                ParseResult pr = IrReader.readDump(file, ft.bytes(), ft.firstLine());
                if (!pr.ok() || pr.module() == null) {
                    if (unreadable.size() < 3)
                        unreadable.add(pr.errors().isEmpty() ? file + ":" + ft.firstLine() : pr.errors().get(0).diagnostic());
                    continue;
                }
                ModuleContext ctx = new ModuleContext(file, pr.module(), config, PipelineStage.of(pr.module()));
                if (t == null) {
                    t = new Track();
                    t.before = ctx;
                    t.previous = ctx;
                    t.lastText = ft.text();
                    tracks.put(ft.name(), t);
                    continue;
                }
                t.lastText = ft.text();
                compared++;
                // With the first snapshot: what is lost by now (a chain through stack slots is followed across SROA).
                Map<String, Finding> now = new LinkedHashMap<>();
                for (Finding f : new BeforeAfterDiff(t.before, ctx, false).run().findings()) {
                    if (f.beforeFile() == null) continue; // only lost dependencies name a pass
                    String key = key(f);
                    Finding earlier = t.lost.get(key);
                    now.put(key, earlier != null ? earlier : attribute(f, s, t.loopsSince));
                }
                t.lost = now;
                // With the previous snapshot: what this pass lost. Without debug info accesses are matched by order,
                // which two neighbouring snapshots keep better than the first and the last (a substituted pointer).
                if (t.previous != t.before) {
                    for (Finding f : new BeforeAfterDiff(t.previous, ctx, false).run().findings())
                        if (f.beforeFile() != null) t.stepLosses.putIfAbsent(here(f), attribute(f, s, t.loopsSince));
                }
                t.previous = ctx;
                t.loopsSince.clear();
            }
        }
        List<Finding> all = new ArrayList<>();
        for (Track t : tracks.values()) {
            Map<String, Finding> merged = new LinkedHashMap<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Finding f : t.lost.values()) {
                merged.put(here(f), f);
                seen.add(said(f));
            }
            // a loss seen only between neighbours counts when the comparison with the first did not see it at that pass
            // (a plain access gone is reported in the snapshot before, whose lines differ between the two comparisons)
            for (Map.Entry<String, Finding> e : t.stepLosses.entrySet())
                if (!PLAIN_FATES.contains(e.getValue().check()) || seen.add(said(e.getValue())))
                    merged.putIfAbsent(e.getKey(), e.getValue());
            all.addAll(merged.values());
        }
        if (tracks.isEmpty()) notes.add("no function definition found under the dump's banners; is this the output of -print-after-all or -print-changed?");
        if (!unreadable.isEmpty()) notes.add("snapshots that could not be read were skipped, e.g. " + String.join("; ", unreadable));
        if (!dump.hasPassNumbers())
            notes.add("pass numbers are positions in the dump (no -print-pass-numbers lines); with -filter-print-funcs they skip the passes on other functions");
        if (loopOnly)
            notes.add("loop passes printed only their loop (no -print-module-scope): a change they made is seen at the function's next whole dump, and the finding names the loop passes in between");
        return new Result(Findings.uniqueSorted(all), notes, tracks.size(), compared);
    }

    /** A dependency of the IR before: its chain there (lines of the dump), which no later snapshot changes. */
    private static String key(Finding f) {
        StringBuilder sb = new StringBuilder(f.mangledFunction());
        for (EvidenceStep e : f.beforeEvidence()) sb.append('|').append(e.irLine());
        return sb.toString();
    }

    /** the causes of PlainFates, whose removed accesses are reported in the snapshot before */
    private static final java.util.Set<String> PLAIN_FATES = java.util.Set.of(Rules.LOAD_FUSED.id(), Rules.STORE_FUSED.id(),
            Rules.STORE_REMOVED.id(), Rules.STORE_TORN.id());
    private static final java.util.regex.Pattern LEFT_LOOP = java.util.regex.Pattern.compile("(?:of|to) (@[-A-Za-z0-9_.$]+) was in a loop");
    private static final java.util.regex.Pattern MERGED_INTO = java.util.regex.Pattern.compile("merged into a call of (mem[a-z]+)");
    private static final java.util.regex.Pattern GLOBAL = java.util.regex.Pattern.compile("(@[-A-Za-z0-9_.$]+)");

    /**
     * For a plain access that left its loop (a load-fused or store-fused "was in a loop"), the first of the loop
     * passes since the last whole dump whose printout of the loop (the {@code ; Loop:} section of a loop printed
     * alone) no longer holds a load (for load-fused) or a store (store-fused) of the access's global: LICM hoisting the
     * load, or sinking the store after the loop.
     */
    private PassDump.Snapshot movedOutOfLoop(Finding f, List<PassDump.Snapshot> loops) {
        if (loops.isEmpty() || !PLAIN_FATES.contains(f.check())) return null;
        if (f.check().equals("store-torn")) return intrinsicMade(f, loops);
        java.util.regex.Matcher m = LEFT_LOOP.matcher(f.message());
        if (!m.find()) return null;
        String global = m.group(1);
        boolean load = f.check().equals("load-fused");
        for (PassDump.Snapshot l : loops) {
            boolean inLoop = false, section = false;
            for (int k = l.firstLine(); k < l.endLine(); k++) {
                String line = dump.line(k);
                if (line.startsWith("; Loop:")) { section = true; continue; }
                if (line.startsWith("; Exit blocks")) section = false;
                boolean access = load ? line.contains(" = load ") : line.trim().startsWith("store ");
                if (section && access && mentions(line, global)) { inLoop = true; break; }
            }
            if (!inLoop) return l;
        }
        return null;
    }

    /**
     * For stores merged into a memset or memcpy (LoopIdiomRecognize, a loop pass): the first loop printout since the
     * last whole dump with a call of that intrinsic on the stores' global (it stands in the {@code ; Preheader:}).
     */
    private PassDump.Snapshot intrinsicMade(Finding f, List<PassDump.Snapshot> loops) {
        java.util.regex.Matcher call = MERGED_INTO.matcher(f.message());
        java.util.regex.Matcher object = GLOBAL.matcher(f.message());
        if (!call.find() || !object.find()) return null;
        String global = object.group(1);
        String intrinsic = "@llvm." + call.group(1);
        for (PassDump.Snapshot l : loops)
            for (int k = l.firstLine(); k < l.endLine(); k++) {
                String line = dump.line(k);
                if (line.contains(intrinsic) && mentions(line, global)) return l;
            }
        return null;
    }

    private static boolean mentions(String line, String global) {
        int at = line.indexOf(global);
        while (at >= 0) {
            int end = at + global.length();
            if (end >= line.length() || !(Character.isLetterOrDigit(line.charAt(end)) || "_.$-".indexOf(line.charAt(end)) >= 0))
                return true;
            at = line.indexOf(global, end);
        }
        return false;
    }

    /** What a finding says at its pass, without the IR lines that differ between snapshots. */
    private static String said(Finding f) {
        String pass = f.brokenBy() == null ? "" : f.brokenBy().pass() + "#" + f.brokenBy().number();
        return pass + "|" + f.check() + "|" + f.mangledFunction() + "|" + f.message().replaceAll("IR line \\d+", "IR line ?");
    }

    /** A loss as seen at the pass that caused it: the pass, the check and the instructions of that snapshot. */
    private static String here(Finding f) {
        StringBuilder sb = new StringBuilder(f.brokenBy() == null ? "" : f.brokenBy().pass() + "#" + f.brokenBy().number());
        sb.append('|').append(f.check()).append('|').append(f.irLine());
        for (EvidenceStep e : f.evidence()) sb.append('|').append(e.irLine());
        return sb.toString();
    }

    private Finding attribute(Finding f, PassDump.Snapshot s, List<PassDump.Snapshot> loops) {
        String pass = s.pass() == null ? "(start)" : s.pass();
        String weak = f.weakEvidence();
        if (PLAIN_FATES.contains(f.check()) || f.check().equals(Rules.STORE_INVENTED.id()) || f.check().equals(Rules.LOAD_INVENTED.id())) {
            String one = "a snapshot holds one function, so whether the object is shared was asked of this function's"
                    + " accesses alone, not of the whole module";
            weak = weak == null ? one : weak + "; " + one;
        }
        PassDump.Snapshot moved = movedOutOfLoop(f, loops);
        if (moved != null) {
            // the loop pass's own printout shows the access leave the loop: that pass did it
            String why = (f.check().equals("store-torn") ? "the loop's preheader as " + moved + " printed it holds the call"
                    + " that replaced the stores" : "the loop as " + moved + " printed it no longer holds the access")
                    + "; the function was next printed whole after " + s;
            return f.toBuilder().weakEvidence(weak == null ? why : weak + "; " + why)
                    .brokenBy(new BrokenBy(moved.pass(), moved.shownNumber())).build();
        }
        if (!loops.isEmpty()) {
            StringBuilder sb = new StringBuilder("loop passes ran since the function was last printed whole and printed only the loop, so one of them may have done it: ");
            for (int k = 0; k < loops.size() && k < 6; k++) sb.append(k == 0 ? "" : ", ").append(loops.get(k));
            if (loops.size() > 6) sb.append(", ...");
            sb.append(" (rerun with -print-module-scope to tell)");
            weak = weak == null ? sb.toString() : weak + "; " + sb;
        }
        return f.toBuilder().weakEvidence(weak).brokenBy(new BrokenBy(pass, s.shownNumber())).build();
    }
}
