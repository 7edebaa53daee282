package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DiversityTest {
  @Test
  void indicesByHand() {
    long[] even = {5, 5, 5, 5};
    assertEquals(Math.log(4), Diversity.shannon(even), 1e-12);
    assertEquals(0.75, Diversity.simpson(even), 1e-12);
    assertEquals(1.0, Diversity.evenness(even), 1e-12);
    assertEquals(0.0, Diversity.shannon(new long[] {7}), 1e-12);
    assertEquals(0.0, Diversity.evenness(new long[] {7}), 1e-12);
    // four firms 50/20/20/10: HHI 2500 + 400 + 400 + 100 = 3400
    long[] firms = {10, 20, 50, 20};
    assertEquals(3400.0, Diversity.hhi(firms), 1e-9);
    assertEquals(0.5, Diversity.concentrationRatio(firms, 1), 1e-12);
    assertEquals(0.9, Diversity.concentrationRatio(firms, 3), 1e-12);
    assertEquals(1.0, Diversity.concentrationRatio(firms, 10), 1e-12);
    assertEquals("中度集中（1500–2500）", Diversity.hhiReading(2000));
  }
}
