package io.shoprules.listing;


/**
 * A listed term found in a listing's copy.
 *
 * @param field      {@code title} or {@code description}
 * @param term       the words as written in the copy (the original text from start to end)
 * @param matched    the listed term they match
 * @param start      offset of the first character in the original text (UTF-16, as Java and JavaScript count)
 * @param end        offset just past the last character
 * @param suggestion a replacement the term list offers, or null
 */
public record ViolationDecision(String listingId, String field, String term, String matched, TermCategory category,
                                int start, int end, Severity severity, String suggestion) implements ListingFinding {

    public static final String TYPE = "VIOLATION";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return listingId;
    }
}
