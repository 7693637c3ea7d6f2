package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * A position in the C or Rust source, from debug info.
 *
 * @param file      the file as the compiler recorded it (relative to the build directory for kernel builds)
 * @param line      1-based; 0 for a location the optimizer merged from several lines
 * @param column    1-based; 0 when unknown
 * @param function  the function whose code this is (the inlined callee for an inlined location); null when unknown
 * @param inlinedAt where the code was inlined, innermost call first; empty when not inlined. Its elements have no
 *                  inlinedAt of their own; JSON leaves theirs out.
 */
@JsonPropertyOrder({"file", "line", "column", "function", "inlinedAt"})
public record SourceLocation(String file, int line, int column,
                             @JsonInclude(Include.NON_NULL) @JsonSetter(nulls = Nulls.SET) String function,
                             @JsonIgnoreProperties(value = "inlinedAt", allowSetters = true) List<SourceLocation> inlinedAt) {
    public SourceLocation {
        inlinedAt = inlinedAt == null ? List.of() : List.copyOf(inlinedAt);
    }

    /** {@code file:line:column}, the form clang puts in front of a diagnostic. */
    public String position() { return file + ":" + line + ":" + column; }

    /**
     * The frame a reader wants to see first: the innermost one outside Rust's standard library, whose
     * {@code read_volatile} and atomics are inlined into every Rust access (its line may be 0, merged); this location
     * when every frame is in the library.
     */
    public SourceLocation userFrame() {
        if (!isRustLibrary(file)) return this;
        for (SourceLocation x : inlinedAt) if (!isRustLibrary(x.file)) return x;
        return this;
    }

    /**
     * A file of Rust's standard library: {@code library/core/...} as rustc names it with its sources remapped,
     * {@code /rustc/<commit>/library/...} without them, or the library source a toolchain installs, which the kernel
     * builds {@code core} from ({@code /usr/lib/rustlib/src/rust/library/core/...} with Debian's rust-web-src,
     * {@code .../lib/rustlib/src/rust/library/...} with rustup's).
     */
    public static boolean isRustLibrary(String file) {
        if (file == null) return false;
        if (file.startsWith("/rustc/")) return true;
        for (String lib : RUST_LIBRARIES)
            if (file.startsWith(lib) || file.contains("/rust/" + lib)) return true;
        return false;
    }

    private static final String[] RUST_LIBRARIES = {"library/core/", "library/alloc/", "library/std/"};

    /**
     * A line of Rust's standard library as a message names it, from {@code library/} on whatever prefix the toolchain
     * gave the file ({@code library/core/src/sync/atomic.rs:3890}): a line number alone would send the reader to the
     * wrong file.
     */
    public static String libraryLine(String file, int line) {
        int k = file.indexOf("library/");
        return (k >= 0 ? file.substring(k) : file) + ":" + line;
    }
}
