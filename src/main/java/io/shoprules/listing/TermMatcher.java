package io.shoprules.listing;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.shoprules.engine.RuleFileError;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds listed terms in listing copy; built once per rule-set version from the term lists and
 * handed to the rules as the global {@code terms}. Immutable and safe to share between requests.
 *
 * <p>Both the copy and the terms are folded ({@link TextFolding}) before matching, and every hit is
 * mapped back to offsets in the original text. A hit inside an allowed phrase (最近 holds 最) is
 * dropped, the phrase matched after folding too (第①步 is 第一步), where the phrase applies
 * ({@link AllowedWhen}); a term written in Latin letters or digits must stand as a word of its own
 * (best is not in bestow); a term does not straddle natural punctuation between two words
 * (屋顶、尖角 holds no 顶尖) unless every character of it is set apart (国，家，级); of overlapping
 * hits, one inside another, the longest is kept, once; hits that only overlap are all kept.
 */
public final class TermMatcher {

    private final TextFolding folding;
    private final AhoCorasickDoubleArrayTrie<ListedTerm> banned;
    private final AhoCorasickDoubleArrayTrie<ListedTerm> allowed;
    private final int termCount;

    private TermMatcher(TextFolding folding, TreeMap<String, ListedTerm> banned, TreeMap<String, ListedTerm> allowed) {
        this.folding = folding;
        this.banned = trie(banned);
        this.allowed = trie(allowed);
        this.termCount = banned.size();
    }

    /** The listed terms, and the errors that keep them from being used (empty when all is well). */
    record Built(TermMatcher matcher, List<RuleFileError> errors) {
    }

    static Built build(List<ListedTerm> entries) {
        // only banned terms make a character significant: an allowed phrase written with a dash or a
        // colon must not turn that character into a wall that hides banned terms everywhere else
        Set<Integer> significant = new HashSet<>();
        entries.stream().filter(entry -> !entry.allowed())
                .forEach(entry -> significant.addAll(TextFolding.noiseIn(entry.term())));
        TextFolding folding = new TextFolding(significant);
        TreeMap<String, ListedTerm> banned = new TreeMap<>();
        TreeMap<String, ListedTerm> allowed = new TreeMap<>();
        // a phrase may be allowed in one place and banned elsewhere (第一 as a clause of its own, and
        // 第一 as a ranking), so banned terms and allowed phrases are checked for repeats apart
        Map<String, ListedTerm> seenBanned = new HashMap<>();
        Map<String, ListedTerm> seenAllowed = new HashMap<>();
        List<RuleFileError> errors = new ArrayList<>();
        for (ListedTerm entry : entries) {
            String key = folding.foldTerm(entry.term());
            if (key.isEmpty()) {
                errors.add(new RuleFileError(entry.file(), entry.line(), 1,
                        "'" + entry.term() + "' is nothing but spaces, punctuation or symbols"));
                continue;
            }
            ListedTerm earlier = (entry.allowed() ? seenAllowed : seenBanned).putIfAbsent(key, entry);
            if (earlier != null) {
                errors.add(new RuleFileError(entry.file(), entry.line(), 1, "'" + entry.term() + "' is listed already, as '"
                        + earlier.term() + "' at " + earlier.file() + ":" + earlier.line()));
                continue;
            }
            (entry.allowed() ? allowed : banned).put(key, entry);
        }
        return new Built(new TermMatcher(folding, banned, allowed), errors);
    }

    /** Number of banned terms (allowed phrases not counted). */
    public int size() {
        return termCount;
    }

    /** The listed terms in a listing's title and description. */
    public List<TermHit> hits(Listing listing) {
        List<TermHit> hits = new ArrayList<>();
        find(listing.title()).forEach(found -> hits.add(found.hit(listing.listingId(), "title")));
        find(listing.description()).forEach(found -> hits.add(found.hit(listing.listingId(), "description")));
        return hits;
    }

    /** A term found in one text: original offsets, the words as written and the listed entry. */
    record Found(int start, int end, String written, ListedTerm entry) {
        TermHit hit(String listingId, String field) {
            return new TermHit(listingId, field, written, entry.term(), entry.category(), entry.severity(),
                    entry.suggestion(), start, end);
        }
    }

    /** Every listed term in {@code text} not inside a longer one, in the order they appear. */
    List<Found> find(String text) {
        if (text == null || text.isEmpty() || banned == null) {
            return List.of();
        }
        return folding.withFolded(text, folded -> find(text, folded));
    }

    private List<Found> find(String text, NormalisedText folded) {
        List<int[]> allowedSpans = new ArrayList<>();
        if (allowed != null) {
            allowed.parseText(folded.text(), (AhoCorasickDoubleArrayTrie.IHit<ListedTerm>) (begin, end, phrase) -> {
                if (applies(phrase.when(), folded, begin, end)) {
                    allowedSpans.add(new int[]{begin, end});
                }
            });
        }
        List<Candidate> candidates = new ArrayList<>(64);
        banned.parseText(folded.text(), (AhoCorasickDoubleArrayTrie.IHit<ListedTerm>) (begin, end, entry) -> {
            if (!coveredByAllowed(begin, end, allowedSpans) && standsAlone(folded, begin, end)
                    && !straddlesWords(folded, begin, end)) {
                candidates.add(new Candidate(begin, end, entry));
            }
        });
        candidates.sort(Comparator.comparingInt((Candidate c) -> c.end - c.begin).reversed()
                .thenComparingInt(c -> c.begin));
        // the longest term wins over the terms inside it (全网最低价, not also 最低价 and 最); terms that
        // only overlap are both claims and both reported (根治失眠: 根治 and 治失眠)
        int[] reach = new int[folded.text().length()];   // reach[i]: end of the longest kept hit starting at i
        int longest = 0;
        List<Found> found = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (insideKept(reach, longest, candidate)) {
                continue;
            }
            reach[candidate.begin] = Math.max(reach[candidate.begin], candidate.end);
            longest = Math.max(longest, candidate.end - candidate.begin);
            int start = folded.originalStart(candidate.begin);
            int end = folded.originalEnd(candidate.end);
            found.add(new Found(start, end, text.substring(start, end), candidate.entry));
        }
        found.sort(Comparator.comparingInt(Found::start));
        return found;
    }

    private record Candidate(int begin, int end, ListedTerm entry) {
    }

    private static boolean coveredByAllowed(int begin, int end, List<int[]> allowedSpans) {
        for (int[] span : allowedSpans) {
            if (span[0] <= begin && end <= span[1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether an allowed phrase found at folded {@code begin..end} applies where it stands. */
    private static boolean applies(AllowedWhen when, NormalisedText folded, int begin, int end) {
        return switch (when) {
            case ANYWHERE -> true;
            case CLAUSE -> folded.clauseEdgeBefore(begin) && folded.clauseEdgeBefore(end);
            case BEFORE_NUMBER -> end < folded.text().length() && Character.isDigit(folded.text().charAt(end));
        };
    }

    /**
     * A hit that crosses natural punctuation joins the end of one word to the start of the next
     * (屋顶、尖角 → 顶尖): writers separate words that way. An evasion instead sets apart every
     * character of a term (国，家，级), which needs at least two gaps, all filled; a two-character term
     * across one comma cannot be told from two words and is not matched.
     */
    private static boolean straddlesWords(NormalisedText folded, int begin, int end) {
        if (!folded.breakWithin(begin, end)) {
            return false;
        }
        for (int i = begin + 1; i < end; i++) {
            if (!folded.gapBefore(i) && !Character.isLowSurrogate(folded.text().charAt(i))) {
                return true;
            }
        }
        return folded.text().codePointCount(begin, end) <= 2;
    }

    /**
     * A term that begins or ends with a letter or digit as written must not run into one in the
     * original text ({@code TOP1} is not in {@code TOP10}); a Chinese numeral folded to a digit
     * (唯一 → 唯1) is still a Chinese character and needs no boundary.
     */
    private static boolean standsAlone(NormalisedText folded, int begin, int end) {
        String original = folded.original();
        int start = folded.originalStart(begin);
        if (start > 0 && TextFolding.isWordCharacterAsWritten(original.codePointAt(start))
                && TextFolding.isWordCharacterAsWritten(original.codePointBefore(start))) {
            return false;
        }
        int after = folded.originalEnd(end);
        return !(after < original.length() && TextFolding.isWordCharacterAsWritten(original.codePointBefore(after))
                && TextFolding.isWordCharacterAsWritten(original.codePointAt(after)));
    }

    /** Whether a kept hit (none longer than {@code longest}) holds the candidate. */
    private static boolean insideKept(int[] reach, int longest, Candidate candidate) {
        for (int begin = candidate.begin; begin >= 0 && begin > candidate.end - longest - 1; begin--) {
            if (reach[begin] >= candidate.end) {
                return true;
            }
        }
        return false;
    }

    private static AhoCorasickDoubleArrayTrie<ListedTerm> trie(TreeMap<String, ListedTerm> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        AhoCorasickDoubleArrayTrie<ListedTerm> trie = new AhoCorasickDoubleArrayTrie<>();
        trie.build(terms);
        return trie;
    }
}
