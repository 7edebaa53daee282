package medinsight.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import medinsight.Fixtures;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiningAnalysesTest {
  static DrugTables t;

  @BeforeAll
  static void setUp() {
    t = Fixtures.tables();
  }

  static String text(List<ResultTable> tables) {
    StringBuilder b = new StringBuilder();
    for (ResultTable r : tables) {
      r.rows().forEach(x -> b.append(Arrays.toString(x)));
    }
    return b.toString();
  }

  @Test
  void clustersAreSeededAndCoverEveryProduct() {
    List<ResultTable> a = MiningAnalyses.clusters(t, 3, 42, 4, 100);
    assertEquals(text(a), text(MiningAnalyses.clusters(t, 3, 42, 4, 100)));
    ResultTable p = a.get(0);
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      n += (Long) p.get(i, "products");
    }
    assertEquals(10, n);
    List<ResultTable> auto = MiningAnalyses.clusters(t, null, 42, 4, 100);
    assertEquals(2, auto.size());
    assertEquals(3, auto.get(0).size(), "k = 2, 3, 4 tried");
    assertEquals(text(auto), text(MiningAnalyses.clusters(t, null, 42, 4, 100)));
  }

  @Test
  void rulesOnTheFixture() {
    // 10 products; 类别=甲 in 4 (P1, P2, P7, P8), all with 限定=无 → 类别=甲 ⇒ 限定=无: support 0.4, confidence 1
    ResultTable r = MiningAnalyses.rules(t, List.of("level", "restriction"), 0.3, 0.9, 20, 100);
    boolean found = false;
    for (int i = 0; i < r.size(); i++) {
      if ("类别=甲".equals(r.get(i, "antecedent")) && "限定=无".equals(r.get(i, "consequent"))) {
        found = true;
        assertEquals(0.4, (Double) r.get(i, "support"), 1e-12);
        assertEquals(1.0, (Double) r.get(i, "confidence"), 1e-12);
        // P(限定=无) = 7/10 (P3, P4, P5 are restricted) → lift 1/0.7
        assertEquals(1 / 0.7, (Double) r.get(i, "lift"), 1e-9);
      }
    }
    assertTrue(found, r.rows().toString());
  }
}
