package dev.lkmmhazard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The IR a finding is about, for reports that show it (HTML, optionally JSON): the lines around its ends and the part
 * of the control-flow graph they lie in.
 *
 * @param ir        the lines around each end (one excerpt when the ends are close), then, in {@code diff}, around the
 *                  ending before optimization
 * @param cfg       the blocks of the finding's function it is about; null when no block could be placed
 * @param beforeCfg {@code diff} only: the same for the dependency before optimization; else null
 */
@JsonPropertyOrder({"ir", "cfg", "beforeCfg"})
public record Excerpt(List<IrExcerpt> ir, CfgExcerpt cfg, @JsonInclude(Include.NON_NULL) CfgExcerpt beforeCfg) {
    public Excerpt {
        ir = ir == null ? List.of() : List.copyOf(ir);
    }
}
