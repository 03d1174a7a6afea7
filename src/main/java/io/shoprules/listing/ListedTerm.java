package io.shoprules.listing;

/**
 * One line of a term list.
 *
 * @param term       as operations wrote it
 * @param category   null for an allowed phrase
 * @param severity   null for an allowed phrase
 * @param suggestion a replacement to offer, or null
 * @param file       the term list it comes from
 * @param line       its line there
 * @param when       for an allowed phrase, where it applies; null for a banned term
 */
record ListedTerm(String term, TermCategory category, Severity severity, String suggestion, String file, int line,
                  AllowedWhen when) {

    /** A banned term. */
    ListedTerm(String term, TermCategory category, Severity severity, String suggestion, String file, int line) {
        this(term, category, severity, suggestion, file, line, null);
    }

    boolean allowed() {
        return category == null;
    }
}
