package io.shoprules.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, which every JDK has: content hashes of rule sets and facts, long keys, API keys. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static byte[] of(String text) {
        return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hexOf(String text) {
        return HexFormat.of().formatHex(of(text));
    }

    public static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }
}
