package medinsight.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RulesTest {
  /**
   * Five transactions: 注射剂 in 4, 乙 in 4, 限定 in 2; 注射剂+乙 in 3, 乙+限定 in 2, 注射剂+限定 in 1.
   * With support ≥ 0.4 and confidence ≥ 0.5 the rules are:
   * 限定→乙: support 2/5, confidence 2/2, lift 1/(4/5) = 1.25;
   * 乙→限定: support 2/5, confidence 2/4, lift 0.5/(2/5) = 1.25;
   * 注射剂→乙 and 乙→注射剂: support 3/5, confidence 3/4, lift 0.75/0.8 = 0.9375.
   */
  static final List<List<String>> T = List.of(
      List.of("注射剂", "乙"), List.of("注射剂", "乙", "限定"), List.of("注射剂"), List.of("乙", "限定"), List.of("注射剂", "乙"));

  @Test
  void supportConfidenceLiftByHand() {
    List<Rules.Rule> rules = Rules.mine(T, 0.4, 0.5);
    assertEquals(4, rules.size(), rules.toString());
    Rules.Rule first = rules.get(0);
    assertEquals(List.of("限定"), first.antecedent);
    assertEquals(List.of("乙"), first.consequent);
    assertEquals(0.4, first.support, 1e-12);
    assertEquals(1.0, first.confidence, 1e-12);
    assertEquals(1.25, first.lift, 1e-12);
    Rules.Rule second = rules.get(1);
    assertEquals(List.of("乙"), second.antecedent);
    assertEquals(List.of("限定"), second.consequent);
    assertEquals(0.5, second.confidence, 1e-12);
    assertEquals(1.25, second.lift, 1e-12);
    for (Rules.Rule r : rules.subList(2, 4)) {
      assertEquals(0.6, r.support, 1e-12);
      assertEquals(0.75, r.confidence, 1e-12);
      assertEquals(0.9375, r.lift, 1e-12);
    }
    assertEquals(List.of("乙"), rules.get(2).antecedent);
    assertEquals(rules.toString(), Rules.mine(T, 0.4, 0.5).toString(), "deterministic");
    assertEquals(2, Rules.mine(T, 0.4, 0.8).size() + 1, "only 限定→乙 reaches 0.8");
  }

  @Test
  void silhouetteByHand() {
    double[][] x = {{0}, {1}, {10}, {11}};
    int[] y = {0, 0, 1, 1};
    // points 0 and 11: (10.5 − 1)/10.5; points 1 and 10: (9.5 − 1)/9.5
    double expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;
    assertEquals(expected, Silhouette.score(x, y, 2), 1e-12);
    assertEquals(0.0, Silhouette.score(x, new int[] {0, 0, 0, 0}, 1), 1e-12);
  }
}
