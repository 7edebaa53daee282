package medinsight.restriction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import medinsight.Fixtures;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestrictionAnalysesTest {
  static DrugTables t;

  @BeforeAll
  static void setUp() {
    t = Fixtures.tables();
  }

  @Test
  void typesOverTheFixtureRemarks() {
    // remarks: 限二线用药。(★ 阿莫西林), 限儿童。(头孢克洛), 限消化性溃疡出血。(艾普拉唑)
    ResultTable r = RestrictionAnalyses.types(t);
    assertEquals(1L, r.value("restriction_type", "二线用药", "entries"));
    assertEquals(1L, r.value("restriction_type", "人群·年龄", "entries"));
    assertEquals(1L, r.value("restriction_type", "适应症/诊断", "entries"));
    assertEquals(1.0 / 3, (Double) r.value("restriction_type", "二线用药", "share_of_restricted"), 1e-12);
    assertEquals("儿童(1)", r.value("restriction_type", "人群·年龄", "top_values"));
  }

  @Test
  void segmentationKeepsTheCatalogsTermsWhole() {
    List<String> w = Segmenter.words("限二级及以上医疗机构的住院患者使用。");
    assertTrue(w.contains("二级及以上"), w.toString());
    assertTrue(w.contains("医疗机构"), w.toString());
    assertTrue(!w.contains("限") && !w.contains("的") && !w.contains("。"), w.toString());
  }

  /** The words every indication has are not keywords; what restricts is. */
  @Test
  void keywordsLeaveOutTheWordsEveryIndicationHas() {
    DrugTables t = Fixtures.tables(Fixtures.catalogWithRemarks("限接受二甲双胍治疗血糖仍控制不佳的成人患者。",
        "限成人患者二线治疗。", "限二线用药。"), Fixtures.products());
    ResultTable r = RestrictionAnalyses.keywords(t, 20);
    java.util.Set<Object> words = new java.util.HashSet<>();
    for (int i = 0; i < r.rows().size(); i++) {
      words.add(r.get(i, "word"));
    }
    assertTrue(words.contains("血糖") && words.contains("二线用药"), words.toString());
    for (String w : new String[] {"患者", "治疗", "接受", "成人"}) {
      assertTrue(!words.contains(w), w + " in " + words);
    }
  }

  @Test
  void clustersAreSeeded() {
    // four texts at the corners of a square: 儿童/成人 × 门诊/住院患者; for k = 2 a split by either
    // pair is equally good, and the seed decides which one KMeans finds
    DrugTables sq = Fixtures.tables(Fixtures.catalogWithRemarks("限儿童门诊。", "限儿童住院患者。", "限成人门诊。", "限成人住院患者。"),
        Fixtures.products());
    String a = text(RestrictionAnalyses.clusters(sq, 2, 1, 4));
    assertEquals(a, text(RestrictionAnalyses.clusters(sq, 2, 1, 4)), "same seed, same clusters");
    String b = text(RestrictionAnalyses.clusters(sq, 2, 6, 4));
    assertNotEquals(a, b, "another seed, the other equally good split");
    assertTrue(a.contains("限儿童住院患者。 | 限儿童门诊。") && a.contains("限成人住院患者。 | 限成人门诊。"), a);
    assertTrue(b.contains("限儿童门诊。 | 限成人门诊。") && b.contains("限儿童住院患者。 | 限成人住院患者。"), b);
    ResultTable r = RestrictionAnalyses.clusters(sq, 2, 1, 4);
    assertEquals(4L, (Long) r.get(0, "texts") + (Long) r.get(1, "texts"));
  }

  private static String text(ResultTable r) {
    return r.rows().stream().map(java.util.Arrays::toString).reduce("", String::concat);
  }
}
