package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import medinsight.Fixtures;
import org.junit.jupiter.api.Test;

class KpiTest {
  @Test
  void overviewFigures() {
    ResultTable r = CoreAnalyses.kpis(Fixtures.tables());
    // 9 entries in 8 varieties; 甲: 西药 1 and 中成药 1 → 2/8; remarks on 3 of 9 entries; 3 negotiated varieties
    assertEquals(9L, r.get(0, "entries"));
    assertEquals(8L, r.get(0, "varieties"));
    assertEquals(0.25, (Double) r.get(0, "jia_variety_share"), 1e-12);
    assertEquals(0.75, (Double) r.get(0, "yi_variety_share"), 1e-12);
    assertEquals(10L, r.get(0, "products"));
    assertEquals(4L, r.get(0, "manufacturers"));
    assertEquals(3.0 / 9, (Double) r.get(0, "restricted_entry_share"), 1e-12);
    assertEquals(3L, r.get(0, "negotiated_varieties"));
  }
}
