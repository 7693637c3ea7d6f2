package dev.lkmmhazard.parse;

import dev.lkmmhazard.ir.Module;
import java.util.List;

/**
 * What reading a file gives: the module (everything that could be read; null only when nothing could, e.g. bitcode)
 * and the errors. An error inside a function body loses that function only.
 */
public record ParseResult(Module module, List<ParseError> errors) {
    public boolean ok() { return errors.isEmpty(); }
}
