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
    assertEquals("中度集中（HHI 1500–2500）", Diversity.reading(2000, 0.3));
    assertEquals("高度集中（HHI>2500）", Diversity.reading(3400, 0.9));
    // ten granule makers, four of them large: a low HHI and yet not competitive
    long[] granules = new long[] {20, 17, 15, 12, 6, 6, 6, 6, 6, 6};
    double hhi = Diversity.hhi(granules);
    assertEquals(1274.0, hhi, 1e-9);
    assertEquals("寡占型（HHI<1500，但 CR4≥40%）", Diversity.reading(hhi, Diversity.concentrationRatio(granules, 4)));
    assertEquals("竞争型（HHI<1500，CR4<40%）", Diversity.reading(400, 0.2));
  }
}
