package medinsight.restriction;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void clustersAreSeeded() {
    String a = RestrictionAnalyses.clusters(t, 2, 7, 4).rows().stream().map(java.util.Arrays::toString).reduce("", String::concat);
    String b = RestrictionAnalyses.clusters(t, 2, 7, 4).rows().stream().map(java.util.Arrays::toString).reduce("", String::concat);
    assertEquals(a, b);
    ResultTable r = RestrictionAnalyses.clusters(t, 2, 7, 4);
    assertEquals(3L, (Long) r.get(0, "texts") + (Long) r.get(1, "texts"));
  }
}
