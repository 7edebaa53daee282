package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import medinsight.Fixtures;
import medinsight.engine.DrugTables;
import medinsight.restriction.RestrictionAnalyses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Themes 3 and 4 on the fixture, worked by hand. */
class TcmAnalysesTest {
  static DrugTables t;

  @BeforeAll
  static void setUp() {
    t = Fixtures.tables();
  }

  @Test
  void shares() {
    ResultTable r = TcmAnalyses.share(t);
    // 西药: 4 regular rows (3 varieties) + 协议西药 1 + 竞价 1; products P1–P6, P10
    assertEquals(6L, r.value("group", "西药", "entries"));
    assertEquals(5L, r.value("group", "西药", "varieties"));
    assertEquals(7L, r.value("group", "西药", "products"));
    // 中成药 without 民族药: 中成药:1 and 协议中成药:1; products P7, P8
    assertEquals(2L, r.value("group", "中成药（不含民族药）", "varieties"));
    assertEquals(2L, r.value("group", "中成药（不含民族药）", "products"));
    assertEquals(1L, r.value("group", "民族药", "entries"));
    assertEquals(1L, r.value("group", "中药饮片", "varieties"));
    assertEquals(1L, r.value("group", "中药配方颗粒", "products"));
    // totals: entries 6 + 2 + 1 + 1 + 0 = 10; varieties 5 + 2 + 1 + 1 + 1 = 10
    assertEquals(10L, r.value("group", "合计", "entries"));
    assertEquals(10L, r.value("group", "合计", "varieties"));
    assertEquals(0.6, (Double) r.value("group", "西药", "entry_share"), 1e-12);
    assertEquals(0.7, (Double) r.value("group", "西药", "product_share"), 1e-12);
  }

  @Test
  void granulesAndYinpian() {
    ResultTable g = TcmAnalyses.granules(t, 10);
    assertEquals(Fixtures.C, g.get(0, "manufacturer"));
    assertEquals(1L, g.get(0, "products"));
    assertEquals(0.1, (Double) g.get(0, "mean_self_pay"), 1e-12);
    ResultTable y = TcmAnalyses.yinpian(t);
    assertEquals(1L, y.value("group", "合计", "pieces"));
    assertEquals(1L, y.value("group", "合计", "with_granules"));
  }

  @Test
  void restrictionSummary() {
    ResultTable r = RestrictionAnalyses.summary(t, "level", 10);
    // 乙 entries: ★1, 2, 3, 中成药 2, three negotiated = 7, with remarks: ★1, 2, 协议西药 1 = 3
    assertEquals(7L, r.value("group", "乙", "entries"));
    assertEquals(3L, r.value("group", "乙", "restricted"));
    assertEquals(3.0 / 9, (Double) r.value("group", "合计", "restricted_share"), 1e-12);
    ResultTable m = RestrictionAnalyses.summary(t, "manufacturer", 10);
    assertEquals(2L, m.value("group", Fixtures.A, "restricted"));
  }
}
