package io.shoprules.listing;

/**
 * A text folded for matching, with the way back: character {@code i} of {@link #text} stands for
 * the original characters {@code start[i]} (inclusive) to {@code end[i]} (exclusive), in UTF-16
 * indices as Java and JavaScript count them. {@code before[i]} says what folding dropped just before
 * character {@code i}: nothing, noise ({@link #GAP}), or noise with natural punctuation in it
 * ({@link #BREAK}); {@code breaks[i]} counts the breaks before characters {@code 0..i}. The arrays
 * may run on past the text: only their first {@code text.length()} entries say anything.
 */
record NormalisedText(String original, String text, int[] start, int[] end, byte[] before, int[] breaks) {

    static final byte GAP = 1;
    static final byte BREAK = 2;

    int originalStart(int normalisedStart) {
        return start[normalisedStart];
    }

    int originalEnd(int normalisedEnd) {
        return end[normalisedEnd - 1];
    }

    /** Something was dropped between folded characters {@code i - 1} and {@code i}. */
    boolean gapBefore(int i) {
        return (before[i] & GAP) != 0;
    }

    /** Natural punctuation (a word or clause boundary) stood between folded characters {@code i - 1} and {@code i}. */
    boolean breakBefore(int i) {
        return (before[i] & BREAK) != 0;
    }

    /** Natural punctuation stood somewhere between folded characters {@code begin} and {@code end - 1}. */
    boolean breakWithin(int begin, int end) {
        return breaks[end - 1] > breaks[begin];
    }

    /** A clause starts at folded character {@code i}: the text's start or end, or natural punctuation before it. */
    boolean clauseEdgeBefore(int i) {
        return i == 0 || i == text.length() || breakBefore(i);
    }
}
