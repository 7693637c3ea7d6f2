package dev.lkmmhazard.rules;

import dev.lkmmhazard.report.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One id that a command can print: a scan check, a cause that diff names, or both. What reports, {@code checks},
 * {@code explain} and SARIF say about it comes from here.
 *
 * @param id          stable kebab-case id, also the name of the page {@code docs/checks/ID.md}
 * @param severity    the severity its findings get unless a finding says otherwise
 * @param summary     one line, a phrase without a final period: what it finds
 * @param description whole sentences of plain text: what it finds and why that matters (SARIF's fullDescription)
 * @param reads       the modes that report it, each with the IR it reads there, in {@link Mode} order
 * @param precision   how often its findings are what they claim
 * @param tags        SARIF tags: {@code lkmm}, the dependencies it is about, {@code plain-access}, {@code fragile}
 */
public record Rule(String id, Severity severity, String summary, String description, Map<Mode, Reads> reads,
                   Precision precision, List<String> tags) {
    public Rule {
        Objects.requireNonNull(id);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(summary);
        Objects.requireNonNull(description);
        Objects.requireNonNull(precision);
        if (reads.isEmpty()) throw new IllegalArgumentException(id + ": a rule no mode reports");
        reads = Collections.unmodifiableMap(new EnumMap<>(reads));
        tags = List.copyOf(tags);
    }

    /** The modes that report this rule, in {@link Mode} order. */
    public Set<Mode> modes() { return reads.keySet(); }

    public boolean reportedBy(Mode mode) { return reads.containsKey(mode); }

    /** The page's path in the repository, {@code docs/checks/ID.md}. */
    public String pagePath() { return "docs/checks/" + id + ".md"; }

    /** The page, which the build copies into the jar next to this class; null when this build has none. */
    public String page() {
        try (InputStream in = Rule.class.getResourceAsStream("pages/" + id + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the page of " + id, e);
        }
    }
}
