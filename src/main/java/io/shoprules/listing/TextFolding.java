package io.shoprules.listing;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds copy so that dodges still match: full width → half width and circled digits → digits
 * (NFKC), upper → lower case, traditional → simplified Chinese, Chinese and financial numerals →
 * digits (第一, 第壹, 第①, 第１ all read 第1), a Chinese character written twice in a row → once
 * (国家家级), and noise dropped: spaces of every width, zero-width characters, punctuation, symbols
 * and emoji. Characters that the banned terms themselves use (such as {@code %} in {@code 100%}) are
 * kept, so a term can still contain them. Terms and allowed phrases go through the same folding as
 * the copy.
 *
 * <p>What was dropped before each folded character is remembered ({@link NormalisedText#gapBefore},
 * {@link NormalisedText#breakBefore}): natural punctuation between words (、，。；：！？, brackets,
 * quotes, line breaks) is a word boundary that a term must not straddle, where symbols, spaces and
 * emoji inside a term are the noise of an evasion.
 */
final class TextFolding {

    private final java.util.BitSet significant = new java.util.BitSet();

    /** @param significant characters that are never noise because listed terms contain them */
    TextFolding(Set<Integer> significant) {
        significant.forEach(this.significant::set);
    }

    /**
     * Noise characters that a listed term contains, to be kept as significant ({@code %} in
     * {@code 100%}). Spaces never are: "number one" matches "number  one" and "numberone" alike.
     */
    static Set<Integer> noiseIn(String term) {
        return term.codePoints().filter(c -> isNoise(c) && !isSpace(c)).boxed()
                .collect(java.util.stream.Collectors.toSet());
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    NormalisedText fold(String original) {
        return fold(original, new Buffers(original.length()));
    }

    /**
     * Folds {@code original} into arrays this thread keeps for the next text and hands the result
     * to {@code use}: the result must not outlive the call. A listing's copy cost its arrays anew
     * for every text checked, the largest part of a listing request's garbage.
     */
    <T> T withFolded(String original, Function<NormalisedText, T> use) {
        Buffers buffers = KEPT.get();
        if (buffers.inUse || original.length() > Buffers.MAX_KEPT_LENGTH) {
            return use.apply(fold(original, new Buffers(original.length())));
        }
        buffers.inUse = true;
        try {
            return use.apply(fold(original, buffers.clear(original.length())));
        } finally {
            buffers.inUse = false;
        }
    }

    private NormalisedText fold(String original, Buffers buffers) {
        Folded out = new Folded(buffers);
        for (int i = 0; i < original.length(); ) {
            int codePoint = original.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            String folded = codePoint <= Character.MAX_VALUE ? BMP[codePoint] : foldOne(codePoint);
            if (folded == null) {
                out.add(codePoint, i, next);
            } else {
                for (int k = 0; k < folded.length(); ) {
                    int c = folded.codePointAt(k);
                    k += Character.charCount(c);
                    out.add(c, i, next);
                }
            }
            i = next;
        }
        return out.result(original);
    }

    private static final ThreadLocal<Buffers> KEPT = ThreadLocal.withInitial(() -> new Buffers(0));

    /** What a folded text is built in; a thread keeps one for texts up to {@link #MAX_KEPT_LENGTH}. */
    private static final class Buffers {
        /** A listing's usual copy fits; a thread keeps no more than some hundred kilobytes for it. */
        static final int MAX_KEPT_LENGTH = 8192;

        final StringBuilder text;
        int[] start;
        int[] end;
        byte[] before;
        int[] breaks;
        boolean inUse;

        Buffers(int length) {
            text = new StringBuilder(length);
            start = new int[length + 8];
            end = new int[length + 8];
            before = new byte[length + 8];
            breaks = new int[length + 8];
        }

        /** Ready for a text of {@code length}; the arrays' old entries past what is written are never read. */
        Buffers clear(int length) {
            text.setLength(0);
            if (start.length < length + 8) {
                start = new int[length + 8];
                end = new int[length + 8];
                before = new byte[length + 8];
                breaks = new int[length + 8];
            }
            return this;
        }
    }

    /** The folded text as it grows, with each character's span in the original. */
    private final class Folded {
        private final Buffers buffers;
        private final StringBuilder text;
        private int[] start;
        private int[] end;
        /** Per folded character: {@link NormalisedText#GAP}, {@link NormalisedText#BREAK} before it. */
        private byte[] before;
        /** Per folded character: how many natural breaks came before it, itself included. */
        private int[] breaks;
        private int breakCount;
        private int count;
        /** What was dropped since the last character kept. */
        private byte pending;

        Folded(Buffers buffers) {
            this.buffers = buffers;
            text = buffers.text;
            start = buffers.start;
            end = buffers.end;
            before = buffers.before;
            breaks = buffers.breaks;
        }

        void add(int c, int from, int to) {
            if (isNoise(c) && !significant.get(c)) {
                pending |= isNaturalBreak(c) ? NormalisedText.GAP | NormalisedText.BREAK : NormalisedText.GAP;
                return;
            }
            if (count > 0 && (pending & NormalisedText.BREAK) == 0 && isHan(c) && text.codePointBefore(text.length()) == c) {
                end[count - 1] = to; // 国家家级 reads as 国家级; what was dropped before it stays pending
                return;
            }
            if (count + 2 > start.length) {
                start = java.util.Arrays.copyOf(start, start.length * 2);
                end = java.util.Arrays.copyOf(end, end.length * 2);
                before = java.util.Arrays.copyOf(before, before.length * 2);
                breaks = java.util.Arrays.copyOf(breaks, breaks.length * 2);
                buffers.start = start;
                buffers.end = end;
                buffers.before = before;
                buffers.breaks = breaks;
            }
            if ((pending & NormalisedText.BREAK) != 0) {
                breakCount++;
            }
            text.appendCodePoint(c);
            for (int unit = 0; unit < Character.charCount(c); unit++) {
                start[count] = from;
                end[count] = to;
                before[count] = pending;
                breaks[count] = breakCount;
                count++;
            }
            pending = 0;
        }

        /** The arrays as they are: cutting them to size would copy them once more for every text checked. */
        NormalisedText result(String original) {
            return new NormalisedText(original, text.toString(), start, end, before, breaks);
        }
    }

    /** Folding a character costs a table look-up: the whole Basic Multilingual Plane is folded once. */
    private static final String[] BMP = new String[Character.MAX_VALUE + 1];
    private static final boolean[] BMP_NOISE = new boolean[Character.MAX_VALUE + 1];
    private static final boolean[] BMP_HAN = new boolean[Character.MAX_VALUE + 1];
    /** Written as a letter or digit of a spaced script (Ａ and ① are, 一 is not): for word boundaries. */
    private static final boolean[] BMP_WORD = new boolean[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            BMP_NOISE[c] = noiseByType(c);
            BMP_HAN[c] = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
        }
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (!Character.isSurrogate((char) c)) {
                String folded = foldOne(c);
                BMP[c] = folded.length() == 1 && folded.charAt(0) == c ? null : folded.intern();
                BMP_WORD[c] = !BMP_HAN[c] && !folded.isEmpty() && isWordCharacter(folded.codePointAt(0));
            }
        }
    }

    /** The folded form of one term or phrase, as the matcher stores it. */
    String foldTerm(String term) {
        return fold(term).text();
    }

    private static String foldOne(int codePoint) {
        String nfkc = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().map(ChineseCharacters::simplified).map(TextFolding::plainNumeral)
                .forEach(out::appendCodePoint);
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Chinese numerals read as digits, so that 第一, 第壹, 第① and 第１ are one spelling. Both sides
     * fold alike, so 唯一 is stored and found as 唯1.
     */
    private static int plainNumeral(int c) {
        return switch (c) {
            case '〇', '零' -> '0';
            case '一', '壹' -> '1';
            case '二', '贰', '貳' -> '2';
            case '三', '叁', '參' -> '3';
            case '四', '肆' -> '4';
            case '五', '伍' -> '5';
            case '六', '陆', '陸' -> '6';
            case '七', '柒' -> '7';
            case '八', '捌' -> '8';
            case '九', '玖' -> '9';
            default -> c;
        };
    }

    /**
     * Natural punctuation between words: sentence and clause marks, brackets, quotes and line breaks.
     * Writers put these between words; an evasion puts symbols, spaces or emoji inside a word.
     */
    static boolean isNaturalBreak(int c) {
        return switch (c) {
            case '，', '、', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?', '\n', '\r', '\u2028', '\u2029', '｡', '､' -> true;
            default -> switch (Character.getType(c)) {
                case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                default -> c == '"' || c == '\'';
            };
        };
    }

    static boolean isHan(int c) {
        return c <= Character.MAX_VALUE ? BMP_HAN[c] : Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /**
     * Whether {@code c}, as written, is a letter or digit of a script written with spaces between
     * words once its width is folded (Ａ, ①, 7 are; 一 is not, though it folds to 1).
     */
    static boolean isWordCharacterAsWritten(int c) {
        if (c <= Character.MAX_VALUE) {
            return BMP_WORD[c];
        }
        String folded = foldOne(c);
        return !isHan(c) && !folded.isEmpty() && isWordCharacter(folded.codePointAt(0));
    }

    /** A letter or digit of a script written with spaces between words (Latin, digits ...). */
    static boolean isWordCharacter(int c) {
        return Character.isLetterOrDigit(c) && !isHan(c);
    }

    static boolean isNoise(int c) {
        return c <= Character.MAX_VALUE ? BMP_NOISE[c] : noiseByType(c);
    }

    private static boolean noiseByType(int c) {
        if (isSpace(c)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
