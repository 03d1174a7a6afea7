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

    @Test
    void naturalPunctuationBetweenTwoWordsIsABoundary() {
        TermMatcher matcher = matcher("顶尖 | ABSOLUTE_TERM | BLOCK\n国家级 | ABSOLUTE_TERM | BLOCK\n");
        assertEquals(List.of(), matcher.find("屋顶、尖角造型"));
        assertEquals(List.of(), matcher.find("屋顶，尖角造型"));
        assertEquals(List.of(), matcher.find("屋顶（尖角）造型"));
        assertEquals(List.of(), matcher.find("屋顶\n尖角"));
        assertEquals("顶 尖", matcher.find("顶 尖设计").get(0).written());
        assertEquals("顶*尖", matcher.find("顶*尖设计").get(0).written());
        assertEquals("顶😀尖", matcher.find("顶😀尖设计").get(0).written());
    }

    @Test
    void punctuationBetweenEveryCharacterOfALongerTermIsAnEvasion() {
        TermMatcher matcher = matcher("国家级 | ABSOLUTE_TERM | BLOCK\n最佳 | ABSOLUTE_TERM | BLOCK\n");
        assertEquals("国，家，级", matcher.find("国，家，级品质").get(0).written());
        assertEquals(List.of(), matcher.find("国家，级别"), "one comma inside a three-character term joins two words");
        assertEquals(List.of(), matcher.find("最，佳"), "a two-character term across one comma reads as two words");
    }

    @Test
    void allowedPhrasesApplyAfterNumeralsFold() {
        TermMatcher matcher = matcher("第一 | ABSOLUTE_TERM | BLOCK\n销量第一 | ABSOLUTE_TERM | BLOCK\n第一步 | ALLOW\n");
        assertEquals(List.of(), matcher.find("第①步：拆开包装"));
        assertEquals(List.of(), matcher.find("第１步"));
        assertEquals(List.of(), matcher.find("第壹步"));
        assertEquals(List.of(), matcher.find("第1步"));
        List<TermMatcher.Found> ranking = matcher.find("销量第①");
        assertEquals(1, ranking.size());
        assertEquals("销量第一", ranking.get(0).entry().term());
        assertEquals(0, ranking.get(0).start());
        assertEquals(4, ranking.get(0).end());
    }

    @Test
    void aClauseAllowedPhraseAppliesOnlyAsAClauseOfItsOwn() {
        TermMatcher matcher = matcher("第一 | ABSOLUTE_TERM | BLOCK\n第一 | ALLOW | CLAUSE\n");
        assertEquals(List.of(), matcher.find("第一，选材讲究；第二，做工精细"));
        assertEquals(List.of(), matcher.find("做工：第一。"));
        assertEquals("第一", matcher.find("品质第一，值得信赖").get(0).written());
        assertEquals("第一", matcher.find("第一品牌").get(0).written());
        assertEquals("第一", matcher.find("好评 第一").get(0).written(), "a space is no clause boundary");
    }

    @Test
    void aBeforeNumberAllowedPhraseAppliesOnlyBeforeANumber() {
        TermMatcher matcher = matcher("最大 | ABSOLUTE_TERM | BLOCK\n最大 | ALLOW | BEFORE_NUMBER\n");
        assertEquals(List.of(), matcher.find("最大150kg"));
        assertEquals(List.of(), matcher.find("最大 １５０kg"));
        assertEquals("最大", matcher.find("最大的优惠").get(0).written());
        assertEquals("最大", matcher.find("最大优惠150元").get(0).written());
    }

    @Test
    void aTermFoldedToADigitNeedsNoWordBoundaryButOneWrittenInDigitsDoes() {
        TermMatcher matcher = matcher("唯一 | ABSOLUTE_TERM | BLOCK\nTOP1 | ABSOLUTE_TERM | BLOCK\n");
        assertEquals("唯一", matcher.find("唯一2023款").get(0).written());
        assertEquals(List.of(), matcher.find("TOP10榜单"));
        assertEquals("ＴＯＰ１", matcher.find("ＴＯＰ１好物").get(0).written());
    }

    @Test
    void punctuationInAnAllowedPhraseStaysNoise() {
        TermMatcher matcher = matcher("最佳 | ABSOLUTE_TERM | BLOCK\n100% | ABSOLUTE_TERM | BLOCK\n0-100% | ALLOW\n");
        assertEquals("最-佳", matcher.find("最-佳").get(0).written());
        assertEquals(List.of(), matcher.find("充电0-100%仅需30分钟"));
    }

    @Test
    void anAllowedPhraseWithAnUnknownPlaceIsAnError() {
        TermLists.Parsed parsed = TermLists.parse(Map.of("allowed.terms", "第一 | ALLOW | SOMETIMES\n"));
        assertEquals(1, parsed.errors().size());
        assertEquals(1, parsed.errors().get(0).line());
        assertTrue(parsed.errors().get(0).message().contains("CLAUSE"), parsed.errors().get(0).message());
    }

    @Test
    void medicalCategoriesMatchAPathStepOrASynonymAfterFolding() {
        MedicalCategories.Parsed parsed = MedicalCategories.parse(Map.of("medical.categories", """
                # medicine and devices
                药品
                医疗器械
                家用医疗器械
                OTC药品
                """));
        assertEquals(List.of(), parsed.errors());
        MedicalCategories categories = parsed.categories();
        assertTrue(categories.includes("医药健康/医疗器械"));
        assertTrue(categories.includes("医药 > OTC药品"));
        assertTrue(categories.includes("otc药品"));
        assertTrue(categories.includes("醫療器械"));
        assertTrue(categories.includes("家用医疗器械"));
        assertTrue(!categories.includes("医药健康/营养保健"));
        assertTrue(!categories.includes("食品"));
        assertTrue(!categories.includes(null));
    }

    @Test
    void aCategoryListedTwiceAfterFoldingIsAnError() {
        MedicalCategories.Parsed parsed = MedicalCategories.parse(Map.of("medical.categories", "OTC药品\notc药品\n"));
        assertEquals(1, parsed.errors().size());
        assertEquals(2, parsed.errors().get(0).line());
    }
}
