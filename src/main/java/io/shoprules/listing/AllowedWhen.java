package io.shoprules.listing;

/**
 * Where an allowed phrase keeps the terms inside it from matching, as a term list's third field
 * after {@code ALLOW} gives it.
 */
enum AllowedWhen {
    /** Wherever the phrase stands: {@code 最近 | ALLOW}. */
    ANYWHERE,
    /**
     * Only as a clause of its own, between natural punctuation or the text's edges: the enumerating
     * 第一 of "第一，选材讲究；第二，…" ({@code 第一 | ALLOW | CLAUSE}), not the ranking of "品质第一".
     */
    CLAUSE,
    /**
     * Only when a number follows at once: a measured specification such as "最大150kg"
     * ({@code 最大 | ALLOW | BEFORE_NUMBER}), not "最大的优惠".
     */
    BEFORE_NUMBER
}
