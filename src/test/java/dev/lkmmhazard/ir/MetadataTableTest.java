package dev.lkmmhazard.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lkmmhazard.parse.IrReader;
import dev.lkmmhazard.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataTableTest {
    /** A node numbered far beyond the others (a fuzz finding) is kept aside instead of growing the array to it. */
    @Test
    void aHugeNodeNumberDoesNotGrowTheTable() {
        // HAND-WRITTEN input, not compiler output
        ParseResult r = IrReader.read("sparse.ll", "!0 = !{}\n!1888888888 = !{!0}\n!5 = !{!1888888888}\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), r.errors());
        MetadataTable t = r.module().metadata;
        assertEquals(3, t.size());
        assertEquals(6, t.limit(), "the dense range ends after !5");
        MDNode big = t.get(1888888888);
        assertSame(t.get(0), MDNode.resolve(big.value(0)));
        assertEquals("!0 = !{}\n!5 = !{!1888888888}\n!1888888888 = !{!0}\n",
                ModulePrinter.toString(r.module()).replaceAll("(?s)^.*?(!0 = )", "$1"));
    }

    /** A node put aside as far beyond the others is still found after the array has grown past its id. */
    @Test
    void aFarNodeIsFoundAfterTheArrayGrowsPastIt() {
        MetadataTable t = new MetadataTable();
        MDNode far = new MDNode(null, false, new String[0], new Metadata[0], t);
        t.put(5000, far); // nothing else yet: kept aside
        for (int i = 0; i < 6000; i++) if (i != 5000) t.put(i, new MDNode(null, false, new String[0], new Metadata[0], t));
        assertSame(far, t.get(5000));
        assertSame(far, t.peek(5000));
        assertEquals(6000, t.size());
    }
}
