package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import medinsight.Fixtures;
import medinsight.engine.DrugTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Theme 2 on the fixture: A = O'Brien (北京) 药业 with 4 products in three forms (片剂 2, 注射剂 1,
 * 胶囊剂 1), B = “康宁”制药（集团）有限公司 with 3 片剂, C with 2, D with 1. Names with quotes,
 * parentheses and Chinese punctuation must come back unchanged.
 */
class ManufacturerAnalysesTest {
  static DrugTables t;

  @BeforeAll
  static void setUp() {
    t = Fixtures.tables();
  }

  @Test
  void shareByProductsAndGenerics() {
    ResultTable r = ManufacturerAnalyses.share(t, 3);
    assertEquals(Fixtures.A, r.get(0, "manufacturer"));
    assertEquals(4L, r.get(0, "products"));
    assertEquals(0.4, (Double) r.get(0, "product_share"), 1e-12);
    // A makes 阿莫西林 and 头孢克洛: 2 of the 5 generic names
    assertEquals(2L, r.get(0, "generics"));
    assertEquals(0.4, (Double) r.get(0, "generic_coverage"), 1e-12);
    assertEquals(Fixtures.B, r.get(1, "manufacturer"));
    assertEquals(Fixtures.C, r.get(2, "manufacturer"));
    // the rest: D with 1 product
    assertEquals(1L, r.get(3, "products"));
  }

  @Test
  void diversityOfAThreeFormManufacturer() {
    ResultTable r = ManufacturerAnalyses.diversity(t, 10, 1);
    // p = 1/2, 1/4, 1/4: H = −(½ ln ½ + 2·¼ ln ¼) = ½ ln 2 + ln 2 = 1.5 ln 2 = 1.0397208
    assertEquals(1.5 * Math.log(2), (Double) r.value("manufacturer", Fixtures.A, "shannon"), 1e-12);
    assertEquals(1.0397208, (Double) r.value("manufacturer", Fixtures.A, "shannon"), 1e-7);
    // D = 1 − (¼ + 1/16 + 1/16) = 0.625
    assertEquals(0.625, (Double) r.value("manufacturer", Fixtures.A, "simpson"), 1e-12);
    // evenness = 1.5 ln 2 / ln 3
    assertEquals(1.5 * Math.log(2) / Math.log(3), (Double) r.value("manufacturer", Fixtures.A, "evenness"), 1e-12);
    assertEquals(0.0, (Double) r.value("manufacturer", Fixtures.B, "shannon"), 1e-12);
    assertEquals(0.0, (Double) r.value("manufacturer", Fixtures.B, "simpson"), 1e-12);
    assertEquals(2, ManufacturerAnalyses.diversity(t, 10, 3).size());
  }

  @Test
  void concentrationOfFourFirms() {
    ResultTable r = ManufacturerAnalyses.concentration(t);
    // shares 40, 30, 20, 10 % → HHI = 1600 + 900 + 400 + 100 = 3000; CR4 = 100 %
    assertEquals(3000.0, (Double) r.value("scope", "全部产品", "hhi"), 1e-9);
    assertEquals(1.0, (Double) r.value("scope", "全部产品", "cr4"), 1e-12);
    assertEquals(4L, r.value("scope", "全部产品", "manufacturers"));
    assertEquals("高度集中（HHI>2500）", r.value("scope", "全部产品", "reading"));
    // 西药: A 4 (P1–P4), B 2, D 1 of 7 → HHI = (400/7)² + (200/7)² + (100/7)² = 210000/49
    assertEquals(4285.7, (Double) r.value("scope", "西药", "hhi"), 1e-9); // 210000/49 = 4285.71…, shown to 0.1
  }

  @Test
  void specializationAndPortfolio() {
    ResultTable s = ManufacturerAnalyses.specialization(t, 10);
    assertEquals("片剂", s.value("manufacturer", Fixtures.A, "main_form"));
    assertEquals(0.5, (Double) s.value("manufacturer", Fixtures.A, "main_form_share"), 1e-12);
    assertEquals("主导型", s.value("manufacturer", Fixtures.A, "profile"));
    assertEquals("专精型", s.value("manufacturer", Fixtures.B, "profile"));
    ResultTable p = ManufacturerAnalyses.portfolio(t, 10);
    assertEquals(2L, p.value("manufacturer", Fixtures.A, "level_jia"));
    assertEquals(2L, p.value("manufacturer", Fixtures.A, "level_yi"));
    assertEquals(1.0 / 3, (Double) p.value("manufacturer", Fixtures.B, "tcm_share"), 1e-12);
  }

  @Test
  void positioningAgainstTheMarket() {
    ResultTable r = ManufacturerAnalyses.positioning(t, 10, 0.1, 0.3);
    // market mean 0.2; A: (0 + 0 + .1 + .2)/4 = .075 ≤ .16 → 低负担型, ≤ .1: 3, ≥ .3: 0
    assertEquals(0.075, (Double) r.value("manufacturer", Fixtures.A, "mean_self_pay"), 1e-12);
    assertEquals(3L, r.value("manufacturer", Fixtures.A, "low_burden"));
    assertEquals(0L, r.value("manufacturer", Fixtures.A, "high_burden"));
    assertEquals("低负担型", r.value("manufacturer", Fixtures.A, "position"));
    // B: (.3 + .3 + 0)/3 = .2 → 均衡型, high 2
    assertEquals("均衡型", r.value("manufacturer", Fixtures.B, "position"));
    assertEquals(2L, r.value("manufacturer", Fixtures.B, "high_burden"));
    assertEquals("高负担型", r.value("manufacturer", Fixtures.D, "position"));
  }

  @Test
  void restrictionRates() {
    ResultTable r = ManufacturerAnalyses.restrictions(t, 10);
    // market 3/10; A: P3, P4 of 4 = .5 → 1.67 × market
    assertEquals(2L, r.value("manufacturer", Fixtures.A, "restricted_products"));
    assertEquals(0.5, (Double) r.value("manufacturer", Fixtures.A, "restricted_share"), 1e-12);
    assertEquals(1.67, (Double) r.value("manufacturer", Fixtures.A, "vs_market"), 1e-12);
    assertEquals(1.0 / 3, (Double) r.value("manufacturer", Fixtures.B, "restricted_share"), 1e-12);
  }

  @Test
  void manufacturerLevelMatrix() {
    ResultTable r = ManufacturerAnalyses.matrix(t, 10);
    assertEquals(1L, r.value("manufacturer", Fixtures.B, "level_jia"));
    assertEquals(2L, r.value("manufacturer", Fixtures.B, "level_yi"));
    assertEquals(1L, r.value("manufacturer", Fixtures.D, "level_bing"));
    assertEquals(Fixtures.C, r.get(2, "manufacturer"));
  }

  @Test
  void exclusiveVarietiesAreANameAndFormThatOneManufacturerMakes() {
    // name × form: 阿莫西林 片剂/注射剂/胶囊剂 (A alone), 头孢克洛 片剂 (A and B), 感冒清热颗粒 片剂 (B) and
    // 颗粒剂 (C), 川芎配方颗粒 颗粒剂 (C), 奥美拉唑 片剂 (D): 8 varieties, 7 of them single-source
    ResultTable list = ManufacturerAnalyses.exclusive(t, "list", 100);
    assertEquals(7, list.size());
    for (int i = 0; i < list.size(); i++) {
      assertNotEquals("头孢克洛", list.get(i, "name"));
    }
    assertEquals(Fixtures.A, value(list, "阿莫西林", "胶囊剂", "manufacturer"));
    assertEquals("乙", value(list, "阿莫西林", "胶囊剂", "level"));
    assertEquals("XA XA类", value(list, "阿莫西林", "胶囊剂", "category"));
    assertEquals("（未链接）", value(list, "奥美拉唑", "片剂", "category"));
    assertEquals(2, ManufacturerAnalyses.exclusive(t, "list", 2).size());

    ResultTable byLevel = ManufacturerAnalyses.exclusive(t, "level", 10);
    assertEquals(4L, byLevel.value("level", "甲", "generic_forms"));
    assertEquals(4L, byLevel.value("level", "甲", "exclusive_varieties"));
    assertEquals(3L, byLevel.value("level", "乙", "generic_forms"));
    assertEquals(2L, byLevel.value("level", "乙", "exclusive_varieties"));
    assertEquals(2.0 / 3, (Double) byLevel.value("level", "乙", "exclusive_share"), 1e-12);

    ResultTable byCategory = ManufacturerAnalyses.exclusive(t, "category", 10);
    assertEquals(2L, byCategory.value("category", "（未链接）", "exclusive_varieties"));
    assertEquals(4L, byCategory.value("category", "XA XA类", "generic_forms"));
    assertEquals(3L, byCategory.value("category", "XA XA类", "exclusive_varieties"));

    ResultTable byMaker = ManufacturerAnalyses.exclusive(t, "manufacturer", 10);
    assertEquals(Fixtures.A, byMaker.get(0, "manufacturer"));
    assertEquals(3L, byMaker.get(0, "exclusive_varieties"));
    assertEquals(2L, byMaker.value("manufacturer", Fixtures.C, "exclusive_varieties"));
  }

  private static Object value(ResultTable r, String name, String form, String key) {
    for (int i = 0; i < r.size(); i++) {
      if (name.equals(r.get(i, "name")) && form.equals(r.get(i, "dosage_form"))) {
        return r.get(i, key);
      }
    }
    throw new AssertionError(name + " " + form + " not listed");
  }
}
