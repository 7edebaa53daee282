package medinsight.mining;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medinsight.Fixtures;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Row;
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
    // four groups at the corners of a square: for k = 2 a split by restriction and one by fixed
    // payment are equally good (and KMeans may stop at a poorer one), so the seed decides what is
    // found: a seed that were ignored would give one answer for every seed
    DrugTables sq = Fixtures.tables(Fixtures.catalog(), Fixtures.square());
    Map<Long, String> k2 = new TreeMap<>();
    for (long seed = 1; seed <= 5; seed++) {
      List<ResultTable> r = MiningAnalyses.clusters(sq, 2, seed, 4, 100, MiningAnalyses.FIT_SAMPLE);
      assertEquals(20, sum(r.get(0), "products"), "every product in a cluster");
      k2.put(seed, text(r));
    }
    assertEquals(k2.get(3L), text(MiningAnalyses.clusters(sq, 2, 3, 4, 100, MiningAnalyses.FIT_SAMPLE)), "same seed, same clusters");
    assertTrue(new HashSet<>(k2.values()).size() > 1, "the seed changes the clusters found: " + k2);
    // choosing k: the same seed chooses alike; the seed changes the clusters tried on the way
    Map<Long, String> auto = new TreeMap<>();
    for (long seed = 1; seed <= 3; seed++) {
      List<ResultTable> r = MiningAnalyses.clusters(sq, null, seed, 3, 100, MiningAnalyses.FIT_SAMPLE);
      assertEquals(2, r.size());
      assertEquals(2, r.get(0).size(), "k = 2, 3 tried");
      assertEquals(20, sum(r.get(1), "products"), "every product in a cluster");
      auto.put(seed, text(r));
    }
    assertEquals(auto.get(2L), text(MiningAnalyses.clusters(sq, null, 2, 3, 100, MiningAnalyses.FIT_SAMPLE)), "same seed, same choice");
    assertTrue(new HashSet<>(auto.values()).size() > 1, "the seed changes the clusters tried: " + auto);
  }

  static long sum(ResultTable t, String key) {
    long n = 0;
    for (int i = 0; i < t.size(); i++) {
      n += (Long) t.get(i, key);
    }
    return n;
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

  @Test
  void featureStatisticsAreSparksOverAllProducts() {
    // the groups' counts give the mean and the sample standard deviation Spark computes row by row
    List<MiningAnalyses.Group> groups = MiningAnalyses.groups(t.products);
    MiningAnalyses.Features f = new MiningAnalyses.Features(groups, 12);
    Row r = t.products.agg(avg("self_pay_ratio"), stddev_samp("self_pay_ratio"), count(lit(1))).first();
    assertEquals(r.getLong(2), f.products);
    assertEquals(r.getDouble(0), f.mean, 1e-12);
    assertEquals(r.getDouble(1), f.sd, 1e-12);
    assertEquals(10, groups.stream().mapToLong(g -> g.n).sum());
    // P5 and P6 differ only in fixed payment: two groups; P4 is alone (0.2)
    assertEquals(9, groups.size());
    // forms by count, then name: 片剂 6, 颗粒剂 2, then 注射剂 and 胶囊剂 with 1 each
    assertEquals(List.of("片剂", "颗粒剂", "注射剂", "胶囊剂"), f.forms);
    assertEquals(List.of("片剂", "颗粒剂"), new MiningAnalyses.Features(groups, 2).forms);
  }

  @Test
  void theFitSampleDoesNotDependOnPartitions() {
    MiningAnalyses.Features f = new MiningAnalyses.Features(MiningAnalyses.groups(t.products), 12);
    double[][] a = MiningAnalyses.fitRows(t.products, f, 6, 42);
    assertEquals(6, a.length);
    assertTrue(Arrays.deepEquals(a, MiningAnalyses.fitRows(t.products.repartition(3), f, 6, 42)));
    assertTrue(Arrays.deepEquals(a, MiningAnalyses.fitRows(t.products.coalesce(1), f, 6, 42)));
    // all products when there are no more than the sample
    assertEquals(10, MiningAnalyses.fitRows(t.products, f, 10, 42).length);
  }

  @Test
  void aSampledFitStillAssignsEveryProductToItsNearestCentre() {
    MiningAnalyses.ClusterModel m = MiningAnalyses.clusterModel(t, 3, 42, 4, 100, 6);
    assertEquals(6, m.fitted);
    assertEquals(10, m.products);
    assertEquals(text(m.tables), text(MiningAnalyses.clusterModel(t, 3, 42, 4, 100, 6).tables));
    ResultTable p = m.profile();
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      n += (Long) p.get(i, "products");
    }
    assertEquals(10, n);
    assertEquals(10, Arrays.stream(m.counts).sum());
    assertTrue(p.notes().get(0).contains("KMeans 在 6 个产品的样本上拟合") && p.notes().get(0).contains("全部 10 个产品按最近中心归类"),
        p.notes().toString());
    // each distinct vector is in the cluster of the centre nearest to it, and the sizes are the
    // products of those vectors
    long[] size = new long[m.centres.length];
    for (int i = 0; i < m.features.length; i++) {
      int best = 0;
      for (int c = 1; c < m.centres.length; c++) {
        if (distance(m.features[i], m.centres[c]) < distance(m.features[i], m.centres[best])) {
          best = c;
        }
      }
      assertEquals(best + 1, m.cluster[i]);
      size[best] += m.counts[i];
    }
    for (int i = 0; i < p.size(); i++) {
      assertEquals(size[i], (long) (Long) p.get(i, "products"));
    }
    // fitted on every product, the note has no sample
    MiningAnalyses.ClusterModel all = MiningAnalyses.clusterModel(t, 3, 42, 4, 100, 10);
    assertEquals(10, all.fitted);
    assertFalse(all.profile().notes().get(0).contains("样本"), all.profile().notes().toString());
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }
}
