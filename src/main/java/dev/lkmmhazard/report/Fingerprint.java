package dev.lkmmhazard.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a finding: the first 16 hex digits of the SHA-256 of its check id, its function and the anchors
 * of its ends. An anchor describes one end without anything that changes when unrelated code changes: its source
 * file, its line counted from the start of its function, its column and the same for each inlined-at frame; or,
 * without debug info, its opcode and ordinal among the function's instructions of that opcode.
 */
public final class Fingerprint {
    private Fingerprint() {}

    public static String of(String check, String function, List<String> anchors) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        update(sha, check);
        update(sha, function);
        for (String a : anchors) update(sha, a);
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
