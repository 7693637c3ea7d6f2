package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How serious a finding is: a broken dependency is an {@link #ERROR}, a likely break a
 * {@link #WARNING}, a fragile pattern or mixed access a {@link #NOTE}. Declared from most to least serious.
 */
public enum Severity {
    ERROR("error"), WARNING("warning"), NOTE("note");

    @JsonValue public final String keyword;

    Severity(String keyword) { this.keyword = keyword; }

    /** True when this severity is the same as {@code other} or more serious. */
    public boolean atLeast(Severity other) { return ordinal() <= other.ordinal(); }

    /** The severity named {@code error}, {@code warning} or {@code note}, any case; null for anything else. */
    @JsonCreator public static Severity parse(String name) {
        for (Severity s : values()) if (s.keyword.equals(name.toLowerCase(Locale.ROOT))) return s;
        return null;
    }

    @Override public String toString() { return keyword; }
}
