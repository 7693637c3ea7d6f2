package dev.lkmmhazard.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The hand-written lexer must give exactly the tokens of the lexer JavaCC generates from the grammar's token
 * specification: same kinds, images and positions.
 */
class FastTokenManagerTest {

    static void assertSameTokens(String what, byte[] input) {
        LlvmIrParserTokenManager reference = new LlvmIrParserTokenManager(new ByteCharStream(input, 0, input.length, 1));
        FastTokenManager fast = new FastTokenManager(input, 0, input.length, 1);
        for (int n = 0; ; n++) {
            Token want = reference.getNextToken();
            Token got = fast.getNextToken();
            String where = what + ", token " + n + " '" + want.image + "' at " + want.beginLine + ":" + want.beginColumn;
            assertEquals(LlvmIrParserConstants.tokenImage[want.kind], LlvmIrParserConstants.tokenImage[got.kind], where + " (kind)");
            if (want.kind == LlvmIrParserConstants.EOF) return;
            assertEquals(want.image, got.image, where + " (image)");
            assertEquals(want.beginLine, got.beginLine, where + " (line)");
            assertEquals(want.beginColumn, got.beginColumn, where + " (column)");
            assertEquals(want.endLine, got.endLine, where + " (end line)");
            assertEquals(want.endColumn, got.endColumn, where + " (end column)");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileLexesAlike() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Paths.get("corpus"))) {
            files = s.filter(p -> p.toString().endsWith(".ll")).sorted().toList();
        }
        if (files.isEmpty()) fail("no corpus files found: run the tests from the repository root");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> assertSameTokens(p.toString(), Files.readAllBytes(p))));
    }

    @Test
    void trickyInputsLexAlike() {
        String[] cases = {
            "%x %0 %\"a b\" %\"\" % %9a @f @12 @\"q\\22\" $c $\"d\" $ $1",
            "entry: for.body: 12: -3: \"quoted label\": $lab: .lab: x:",
            "i32 i1 i128 i32x i x x86_fp80 x86_mmx c\"ab\\00\" c cc ccc",
            "-1 0 12 -0 1.0 1.5e+10 -2.5E-3 +1.0 1. 0x7FF8000000000000 0xK4000 0xH3C00 0xR0 0xL1 0xM2 0x 0xZ u0x1F s0xFF u0x s0xfg",
            "!0 !123 !\"str\" !{ !DILocation !llvm.module.flags !\\2a !- ! !9x",
            "#0 #12 #dbg_value #dbg_declare #dbg_ #dbg #",
            "^0 ^ ^12a ... .. . - -- + +x",
            "= , ( ) [ ] { } < > * | ; comment\n\tnext line",
            "\"unterminated", "!\"unterminated", "%\"unterminated", "\"multi\nline\" after",
            "inbounds nuw getelementptr inrange(-8, 8) llvm.dbg.value DW_OP_LLVM_fragment DIFlagPrototyped",
            "\u00ff\u0080 \u0001 ` ~ ? / \\ & '",
        };
        for (String c : cases) assertSameTokens("'" + c + "'", c.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void randomBytesLexAlike() {
        // printable IR-ish characters, so most tokens are real tokens rather than INVALID
        String alphabet = "%@!#$^\"'.,:;=()[]{}<>*|+-_ \n\tabcxiKHR0123456789dbg_vl";
        Random random = new Random(20261125);
        for (int round = 0; round < 2000; round++) {
            byte[] input = new byte[random.nextInt(60)];
            for (int i = 0; i < input.length; i++) input[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            assertSameTokens("random input " + round + " '" + new String(input, StandardCharsets.ISO_8859_1) + "'", input);
        }
    }
}
