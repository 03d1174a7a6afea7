package io.shoprules.coupons;

import io.shoprules.errors.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coupon codes: 16 Crockford base32 characters (80 bits), read forgivingly. */
class CouponCodeTest {

    @Test
    void freshCodesAreSixteenCharactersOfTheAlphabetAndUseAllOfIt() {
        Set<String> codes = new HashSet<>();
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = CouponCode.next();
            assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{16}"), code);
            assertEquals(code, CouponCode.canonical(code));
            code.chars().forEach(c -> used.add((char) c));
            codes.add(code);
        }
        assertEquals(10_000, codes.size(), "no two of 10,000 codes alike");
        assertEquals(32, used.size(), "every character of the alphabet turns up: " + used);
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
            "7k3m9qx0b2trh4zd,    7K3M9QX0B2TRH4ZD",
            "7K3M-9QX0-B2TR-H4ZD, 7K3M9QX0B2TRH4ZD",
            "7K3M9QXOB2TRH4ZD,    7K3M9QX0B2TRH4ZD",
            "iIlL0000oO000000,    1111000000000000",
    })
    void lowerCaseHyphensAndLookAlikesReadAsTheCode(String typed, String code) {
        assertEquals(code, CouponCode.canonical(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7K3M9QX0B2TRH4Z", "7K3M9QX0B2TRH4ZDX", "7K3M9QX0B2TRH4ZU", "7K3M 9QX0B2TRH4Z", "７K3M9QX0B2TRH4ZD",
            "--------------------------------------"})
    void anythingElseIsRefusedNamingTheCode(String typed) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> CouponCode.canonical(typed));
        assertEquals("code", refused.field());
    }
}
