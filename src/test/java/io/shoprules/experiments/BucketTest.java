package io.shoprules.experiments;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assignment function is the documented one, and spreads subjects evenly. */
class BucketTest {

    /** The documented function written again another way: BigInteger over the first 8 bytes. */
    static int documentedBucket(String experiment, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((experiment + ":" + subject).getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, Arrays.copyOf(digest, 8)).mod(BigInteger.valueOf(100)).intValue();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theBucketIsTheFirstEightBytesOfSha256ReadUnsignedBigEndianModHundred() {
        for (int i = 0; i < 5000; i++) {
            String subject = "cust-" + i;
            assertEquals(documentedBucket("coupon-25", subject), Bucket.of("coupon-25", subject), subject);
        }
        // the example of docs/experiments.md, computed there with Python's hashlib
        assertEquals(84, Bucket.of("coupon-25", "cust-1"));
    }

    @Test
    void theSameSubjectAlwaysLandsInTheSameVariant() {
        for (int i = 0; i < 1000; i++) {
            String subject = "客户-" + i;
            assertEquals(Bucket.variantOf("reminder-at-30min", subject, 20), Bucket.variantOf("reminder-at-30min", subject, 20));
        }
    }

    @Test
    void aShareOf20PutsTwentyPercentOf20000SubjectsInTheChallengerWithinOneAndAHalfPoints() {
        int challenger = 0;
        for (int i = 0; i < 20_000; i++) {
            if (Bucket.CHALLENGER.equals(Bucket.variantOf("bigger-coupon", "customer-" + i, 20))) {
                challenger++;
            }
        }
        double percent = challenger * 100.0 / 20_000;
        assertTrue(Math.abs(percent - 20) <= 1.5, percent + " % in the challenger");
    }

    @Test
    void aSubjectsBucketDependsOnTheExperimentName() {
        int moved = 0;
        for (int i = 0; i < 1000; i++) {
            if (Bucket.of("first", "c-" + i) != Bucket.of("second", "c-" + i)) {
                moved++;
            }
        }
        // the same customers are not always the guinea pigs: about 99 % change bucket
        assertTrue(moved > 900, moved + " of 1000 changed bucket");
    }
}
