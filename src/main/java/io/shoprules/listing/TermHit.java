package io.shoprules.listing;

/**
 * A listed term found in a listing, as the matcher hands it to the rules; the rules decide
 * whether it is a violation and how severe.
 *
 * @param field          {@code title} or {@code description}
 * @param term           the words as written (original text from start to end)
 * @param matched        the listed term
 * @param listedSeverity the severity the term list gives
 * @param start          offset in the original text (UTF-16), inclusive
 * @param end            offset in the original text, exclusive
 */
public record TermHit(String listingId, String field, String term, String matched, TermCategory category,
                      Severity listedSeverity, String suggestion, int start, int end) {

    public ViolationDecision violation(Severity severity) {
        return new ViolationDecision(listingId, field, term, matched, category, start, end, severity, suggestion);
    }
}
