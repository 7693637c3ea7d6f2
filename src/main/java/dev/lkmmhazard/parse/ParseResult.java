package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * What reading a file gives: the module (everything that could be read; null only when nothing could, e.g. bitcode)
 * and the errors. An error inside a function body loses that function only.
 *
 * <p>When the file was read with its metadata deferred ({@link IrReader#read(java.nio.file.Path, long, boolean)}), a
 * node with an error is found only when something asks for it: {@link #deferredErrors()} lists those found so far,
 * and {@link #readAllMetadata()} reads the rest.
 */
public final class ParseResult {
    private final Module module;
    private final List<ParseError> errors;
    private final DeferredMetadata deferred;

    public ParseResult(Module module, List<ParseError> errors) { this(module, errors, null); }

    ParseResult(Module module, List<ParseError> errors, DeferredMetadata deferred) {
        this.module = module;
        this.errors = errors;
        this.deferred = deferred;
    }

    public Module module() { return module; }

    /** The errors found while reading, without those of deferred metadata. */
    public List<ParseError> errors() { return errors; }

    public boolean ok() { return errors.isEmpty(); }

    /** Errors in deferred metadata nodes read so far (by the checks, the printer, {@link #readAllMetadata()}). */
    public List<ParseError> deferredErrors() { return deferred == null ? List.of() : deferred.errors(); }

    /**
     * The first error of {@link #deferredErrors()} as one line, with how many more there are, or null without one: a
     * node that the analyses read turned out to be malformed, so the file counts as failed, as if read whole.
     */
    public String deferredErrorLine() {
        List<ParseError> late = deferredErrors();
        if (late.isEmpty()) return null;
        return late.get(0).diagnostic() + (late.size() > 1 ? " (and " + (late.size() - 1) + " more errors)" : "");
    }

    /** Reads every deferred node; afterwards {@link #allErrors()} is what reading the file whole would have given. */
    public void readAllMetadata() { if (deferred != null) deferred.readAll(); }

    /** {@link #errors()} followed by {@link #deferredErrors()}. */
    public List<ParseError> allErrors() {
        List<ParseError> late = deferredErrors();
        if (late.isEmpty()) return errors;
        List<ParseError> all = new ArrayList<>(errors);
        all.addAll(late);
        return all;
    }
}
