package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import medinsight.Fixtures;
import medinsight.engine.DrugTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Theme 1 on the ten-product fixture; every expected figure is worked out in the comments. */
class CoreAnalysesTest {
  static DrugTables t;

  @BeforeAll
  static void setUp() {
    t = Fixtures.tables();
  }

  private static Object cell(ResultTable r, String group, String level, String key) {
    for (int i = 0; i < r.size(); i++) {
      if (group.equals(r.get(i, "group")) && level.equals(r.get(i, "level"))) {
        return r.get(i, key);
      }
    }
    throw new AssertionError("no row " + group + "/" + level);
  }

  @Test
  void levelsByEntryCountRows() {
    ResultTable r = CoreAnalyses.levels(t, false);
    // 西药 rows: 甲 (1), ★ 乙, 乙 (2), 乙 (3) → 甲 1, 乙 3
    assertEquals(1L, cell(r, "西药", "甲", "entries"));
    assertEquals(3L, cell(r, "西药", "乙", "entries"));
    assertEquals(0.25, (Double) cell(r, "西药", "甲", "share"), 1e-12);
    // negotiated: 协议西药 1 + 竞价 1, all paid as 乙
    assertEquals(2L, cell(r, "谈判药品·西药", "乙", "entries"));
    assertEquals(9L, cell(r, "合计", "小计", "entries"));
  }

  @Test
  void levelsByVarietyFoldRepeatsAndCountAnyJiaAsJia() {
    ResultTable r = CoreAnalyses.levels(t, true);
    // variety 1 has a 甲 row and a ★ 乙 row → 甲; varieties 2, 3 → 乙
    assertEquals(1L, cell(r, "西药", "甲", "varieties"));
    assertEquals(2L, cell(r, "西药", "乙", "varieties"));
    assertEquals(1L, cell(r, "中成药", "甲", "varieties"));
    assertEquals(1L, cell(r, "中成药", "乙", "varieties"));
    assertEquals(1L, cell(r, "中成药·其中民族药", "小计", "varieties"));
    assertEquals(1L, cell(r, "谈判药品·中成药", "小计", "varieties"));
    assertEquals(8L, cell(r, "合计", "小计", "varieties"));
  }

  @Test
  void ratiosPerLevel() {
    ResultTable r = CoreAnalyses.ratios(t);
    // 乙: 0.1, 0.2, 0.3, 0.3, 0.1 → mean 0.2; deviations −.1, 0, .1, .1, −.1 → Σ² = .04, /4 → sd 0.1
    assertEquals(5L, r.value("level", "乙", "products"));
    assertEquals(0.2, (Double) r.value("level", "乙", "mean_self_pay"), 1e-12);
    assertEquals(0.1, (Double) r.value("level", "乙", "min_self_pay"), 1e-12);
    assertEquals(0.3, (Double) r.value("level", "乙", "max_self_pay"), 1e-12);
    assertEquals(0.1, (Double) r.value("level", "乙", "stddev_self_pay"), 1e-12);
    assertEquals(0.0, (Double) r.value("level", "甲", "mean_self_pay"), 1e-12);
    assertNull(r.value("level", "丙", "stddev_self_pay"));
    assertEquals("甲", r.get(0, "level"));
    // all ten: Σ = 2.0 → mean 0.2
    assertEquals(0.2, (Double) r.value("level", "合计", "mean_self_pay"), 1e-12);
  }

  @Test
  void formsCountAndMeanSelfPay() {
    ResultTable r = CoreAnalyses.forms(t, 1, 0);
    // 片剂: P1 0, P4 .2, P5 .3, P6 .3, P7 0, P10 1 → 6 products, mean 1.8/6 = 0.3
    assertEquals("片剂", r.get(0, "dosage_form"));
    assertEquals(6L, r.get(0, "products"));
    assertEquals(0.3, (Double) r.get(0, "mean_self_pay"), 1e-12);
    assertEquals(0.6, (Double) r.get(0, "share"), 1e-12);
    assertEquals(0.05, (Double) r.value("dosage_form", "颗粒剂", "mean_self_pay"), 1e-12);
    assertEquals(2, CoreAnalyses.forms(t, 2, 0).size());
  }

  @Test
  void fixedPayment() {
    ResultTable r = CoreAnalyses.fixed(t);
    // 西药 乙: P3 (20), P4, P5 (40), P6 → 4 products, 2 fixed, mean 30
    Object[] row = null;
    for (int i = 0; i < r.size(); i++) {
      if ("西药".equals(r.get(i, "drug_type")) && "乙".equals(r.get(i, "level"))) {
        row = r.rows().get(i);
      }
    }
    assertEquals(4L, row[r.index("products")]);
    assertEquals(2L, row[r.index("fixed_products")]);
    assertEquals(0.5, (Double) row[r.index("fixed_share")], 1e-12);
    assertEquals(30.0, (Double) row[r.index("mean_fixed_amount")], 1e-12);
    assertEquals(2L, r.value("drug_type", "合计", "fixed_products"));
  }

  @Test
  void genericsRankByProductsThenManufacturers() {
    ResultTable r = CoreAnalyses.generics(t, 2);
    // 头孢克洛 3 products of A and B; 阿莫西林 3 products of A only
    assertEquals("头孢克洛", r.get(0, "name"));
    assertEquals(2L, r.get(0, "manufacturers"));
    assertEquals("阿莫西林", r.get(1, "name"));
    assertEquals(1L, r.get(1, "manufacturers"));
    assertEquals(3L, r.get(1, "forms"));
    assertEquals("甲/乙", r.get(1, "levels"));
  }

  @Test
  void burdenBands() {
    ResultTable r = CoreAnalyses.burden(t, CoreAnalyses.DEFAULT_BANDS);
    // [0–10%]: 甲 ×4, 乙 P3 .1, P9 .1; (10–30%]: 乙 P4, P5, P6; (60–100%]: 丙 P10
    assertEquals(4L, find(r, "[0%–10%]", "甲"));
    assertEquals(2L, find(r, "[0%–10%]", "乙"));
    assertEquals(3L, find(r, "(10%–30%]", "乙"));
    assertEquals(1L, find(r, "(60%–100%]", "丙"));
    assertEquals(0L, find(r, "(30%–60%]", "乙"));
    assertThrows(IllegalArgumentException.class, () -> CoreAnalyses.burden(t, new double[] {0, 0.5, 0.3}));
  }

  private static Object find(ResultTable r, String band, String level) {
    for (int i = 0; i < r.size(); i++) {
      if (band.equals(r.get(i, "band")) && level.equals(r.get(i, "level"))) {
        return r.get(i, "products");
      }
    }
    throw new AssertionError("no row " + band + " " + level);
  }

  @Test
  void formLevelMatrix() {
    ResultTable r = CoreAnalyses.matrix(t, 10);
    // 片剂: 甲 P1, P7; 乙 P4, P5, P6; 丙 P10
    assertEquals(2L, r.value("dosage_form", "片剂", "level_jia"));
    assertEquals(3L, r.value("dosage_form", "片剂", "level_yi"));
    assertEquals(1L, r.value("dosage_form", "片剂", "level_bing"));
    assertEquals(6L, r.value("dosage_form", "片剂", "products"));
    assertEquals(2, CoreAnalyses.matrix(t, 2).size());
  }

  @Test
  void categoriesDownTheTree() {
    ResultTable r = CoreAnalyses.categories(t, 1, "西药");
    // XA: entries 西药 1, ★1, 2, 协议 1, 竞价 1 = 5; varieties 4; 甲 varieties 1; products of 西药:1 and 西药:2 = 6
    assertEquals(5L, r.value("category_code", "XA", "entries"));
    assertEquals(4L, r.value("category_code", "XA", "varieties"));
    assertEquals(1L, r.value("category_code", "XA", "jia_varieties"));
    assertEquals(6L, r.value("category_code", "XA", "products"));
    assertEquals(0L, r.value("category_code", "XB", "products"));
    ResultTable d2 = CoreAnalyses.categories(t, 2, null);
    assertEquals(3L, d2.value("category_code", "XA01", "products"));
  }

  @Test
  void negotiatedByExpiryYear() {
    ResultTable r = CatalogQueries.negotiated(t, null, 100);
    assertEquals(1L, r.value("section", "协议西药", "drugs"));
    ResultTable y = CatalogQueries.negotiated(t, 2026, 100);
    assertEquals(2, y.size());
    ResultTable y25 = CatalogQueries.negotiated(t, 2025, 100);
    assertEquals("注射用艾普拉唑钠", y25.get(0, "name"));
    assertEquals(63.0, (Double) y25.get(0, "payment_amount"), 1e-12);
  }

  @Test
  void lookupFiltersAndQuotesInNames() {
    ResultTable[] found = CatalogQueries.lookup(t, "头孢", "乙", null, "康宁", 10, false);
    assertEquals(2, found.length, "the catalog's entries, then the products");
    ResultTable r = found[1];
    assertEquals(2, r.size());
    assertEquals(Fixtures.B, r.get(0, "manufacturer"));
    ResultTable[] q = CatalogQueries.lookup(t, null, null, null, Fixtures.A, 10, false);
    assertEquals(1, q.length, "without a name, only products");
    assertEquals(4, q[0].size());
    ResultTable cut = CatalogQueries.lookup(t, null, null, null, null, 3, false)[0];
    assertEquals(3, cut.size());
    assertEquals(10, cut.totalRows());
  }
}
