package io.shoprules.listing;

/**
 * A text folded for matching, with the way back: character {@code i} of {@link #text} stands for
 * the original characters {@code start[i]} (inclusive) to {@code end[i]} (exclusive), in UTF-16
 * indices as Java and JavaScript count them.
 */
record NormalisedText(String original, String text, int[] start, int[] end) {

    int originalStart(int normalisedStart) {
        return start[normalisedStart];
    }

    int originalEnd(int normalisedEnd) {
        return end[normalisedEnd - 1];
    }
}
