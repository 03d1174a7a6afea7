package io.shoprules.coupons;

import io.shoprules.errors.InvalidInputException;

import java.security.SecureRandom;

/**
 * Coupon codes: 80 random bits from {@link SecureRandom}, written as 16 characters of Crockford's
 * base32 ({@value #ALPHABET}: digits and capitals without I, L, O and U, so a code read aloud or
 * typed from a screenshot is not mistaken). 2^80 codes make guessing hopeless: a million guesses
 * a second against a million live codes would need about 38,000 years for one hit.
 *
 * <p>Reading a code is forgiving the way Crockford's scheme intends: lower case is upper case,
 * I and L read as 1, O as 0, and hyphens (for grouping, {@code 7K3M-...}) are ignored.
 */
public final class CouponCode {

    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 16;
    /** Longer input is refused before it is read: 16 characters and a hyphen between each at most. */
    private static final int MAX_INPUT = 2 * LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CouponCode() {
    }

    /** A fresh code: 10 random bytes, 5 bits per character. */
    public static String next() {
        byte[] bytes = new byte[LENGTH * 5 / 8];
        RANDOM.nextBytes(bytes);
        StringBuilder code = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                code.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return code.toString();
    }

    /**
     * The canonical form of a code as a customer or shop typed it.
     *
     * @throws InvalidInputException naming {@code code} when it cannot be a code
     */
    public static String canonical(String input) {
        if (input == null || input.isEmpty() || input.length() > MAX_INPUT) {
            throw new InvalidInputException("code", "a coupon code is " + LENGTH + " characters of "
                    + ALPHABET + " (hyphens allowed)");
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = Character.toUpperCase(input.charAt(i));
            switch (c) {
                case '-' -> {
                    continue;
                }
                case 'I', 'L' -> c = '1';
                case 'O' -> c = '0';
                default -> {
                }
            }
            if (c > 'Z' || ALPHABET.indexOf(c) < 0) {
                throw new InvalidInputException("code", "'" + input.charAt(i) + "' at position " + (i + 1)
                        + " is not a character of a coupon code (" + ALPHABET + ")");
            }
            code.append(c);
        }
        if (code.length() != LENGTH) {
            throw new InvalidInputException("code", "a coupon code has " + LENGTH + " characters besides hyphens, not "
                    + code.length());
        }
        return code.toString();
    }
}
