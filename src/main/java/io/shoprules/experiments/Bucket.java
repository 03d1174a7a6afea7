package io.shoprules.experiments;

import io.shoprules.engine.Sha256;

import java.nio.ByteBuffer;

/**
 * The assignment of a subject to a variant, a function a shop backend can compute as well
 * (docs/experiments.md gives it in other languages): the SHA-256 of the UTF-8 bytes of
 * {@code experimentName + ":" + subjectValue}, its first 8 bytes read as an unsigned big-endian
 * 64-bit integer, modulo 100. A subject whose bucket is below the experiment's share is in the
 * challenger. The same subject lands in the same bucket on every instance and after every restart.
 */
public final class Bucket {

    public static final String CHAMPION = "champion";
    public static final String CHALLENGER = "challenger";
    private static final int BUCKETS = 100;

    private Bucket() {
    }

    /** The bucket, 0 to 99, of {@code subject} in experiment {@code experiment}. */
    public static int of(String experiment, String subject) {
        long first8 = ByteBuffer.wrap(Sha256.of(experiment + ":" + subject), 0, Long.BYTES).getLong();
        return (int) Long.remainderUnsigned(first8, BUCKETS);
    }

    /** {@link #CHALLENGER} when the subject's bucket is below {@code sharePercent}, else {@link #CHAMPION}. */
    public static String variantOf(String experiment, String subject, int sharePercent) {
        return of(experiment, subject) < sharePercent ? CHALLENGER : CHAMPION;
    }
}
