package io.shoprules.listing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matcher on its own: folding, offsets into the original text, overlaps and term-list errors. */
class TermMatcherTest {

    private static TermMatcher matcher(String terms) {
        TermLists.Parsed parsed = TermLists.parse(Map.of("test.terms", terms));
        assertEquals(List.of(), parsed.errors());
        TermMatcher.Built built = TermMatcher.build(parsed.terms());
        assertEquals(List.of(), built.errors());
        return built.matcher();
    }

    private static final TermMatcher MATCHER = matcher("""
            最佳 | ABSOLUTE_TERM | BLOCK | 优质
            最 | PLATFORM_TERM | WARN
            最近 | ALLOW
            100% | ABSOLUTE_TERM | BLOCK
            100%纯棉 | ALLOW
            best | ABSOLUTE_TERM | BLOCK
            number one | ABSOLUTE_TERM | BLOCK
            国家级 | ABSOLUTE_TERM | BLOCK
            """);

    @Test
    void offsetsPointIntoTheOriginalTextInUtf16Units() {
        String text = "😀 新品 最\u200b🔥佳";
        List<TermMatcher.Found> found = MATCHER.find(text);
        assertEquals(1, found.size());
        TermMatcher.Found hit = found.get(0);
        assertEquals(text.indexOf('最'), hit.start());
        assertEquals(text.length(), hit.end());
        assertEquals("最\u200b🔥佳", hit.written());
        assertEquals("最佳", hit.entry().term());
    }

    @Test
    void zeroWidthFullWidthAndTraditionalFoldAway() {
        assertEquals("國 家 級", MATCHER.find("國 家 級").get(0).written());
        assertEquals("ＢＥＳＴ", MATCHER.find("ＢＥＳＴ").get(0).written());
        assertEquals("NUMBER  ONE", MATCHER.find("NUMBER  ONE!").get(0).written());
    }

    @Test
    void allowedPhrasesAndWordBoundariesKeepInnocentWordsOut() {
        assertEquals(List.of(), MATCHER.find("最近很忙"));
        assertEquals(List.of(), MATCHER.find("100%纯棉"));
        assertEquals(List.of(), MATCHER.find("bestow"));
        assertEquals(List.of(), MATCHER.find("Alphabest"));
        assertEquals("best", MATCHER.find("the best-seller").get(0).written());
    }

    @Test
    void percentSignStaysSignificantBecauseATermUsesIt() {
        assertEquals(List.of(), MATCHER.find("100元"));
        assertEquals("100 %", MATCHER.find("100 %有效").get(0).written());
    }

    @Test
    void overlappingHitsKeepTheLongestOnce() {
        List<TermMatcher.Found> found = MATCHER.find("最佳");
        assertEquals(1, found.size());
        assertEquals("最佳", found.get(0).entry().term());
    }

    @Test
    void unreadableLinesAreReportedWithFileAndLine() {
        TermLists.Parsed parsed = TermLists.parse(Map.of("bad.terms", """
                # fine so far
                最佳 | ABSOLUTE_TERM | BLOCK
                第一 | ABSOLUTE | BLOCK
                绝对 | ABSOLUTE_TERM
                """));
        assertEquals(2, parsed.errors().size());
        assertEquals("bad.terms", parsed.errors().get(0).file());
        assertEquals(3, parsed.errors().get(0).line());
        assertTrue(parsed.errors().get(0).message().contains("ABSOLUTE_TERM"), parsed.errors().get(0).message());
        assertEquals(4, parsed.errors().get(1).line());
    }

    @Test
    void aTermListedTwiceAfterFoldingIsAnError() {
        TermLists.Parsed parsed = TermLists.parse(Map.of("twice.terms", "最佳 | ABSOLUTE_TERM | BLOCK\n最 佳 | ABSOLUTE_TERM | WARN\n"));
        TermMatcher.Built built = TermMatcher.build(parsed.terms());
        assertEquals(1, built.errors().size());
        assertEquals(2, built.errors().get(0).line());
    }
}
