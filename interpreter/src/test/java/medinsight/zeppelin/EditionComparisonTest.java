package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real comparison of the bundled editions: 2024 (the workbook) against 2025 (the official text), section by section. */
class EditionComparisonTest {
  static InterpreterHarness h;

  @BeforeAll
  static void open() throws Exception {
    h = new InterpreterHarness(new Properties());
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @Test
  void diff2024To2025ReconcilesInEverySectionWithTheOfficialCounts() throws Exception {
    InterpreterHarness.Run r = h.drugs("diff 2024 2025 --limit 5000");
    assertTrue(r.ok(), r.text());
    List<String[]> rec = r.table(1);
    assertEquals(List.of("目录部分", "前版品种数", "新增", "调出", "转入", "转出", "后版品种数"), List.of(rec.get(0)));
    Map<String, long[]> official = Map.of(
        "西药", new long[] {1398, 1446}, "中成药", new long[] {1336, 1335}, "协议西药", new long[] {346, 399},
        "竞价药品", new long[] {21, 12}, "协议中成药", new long[] {58, 61}, "合计", new long[] {3159, 3253});
    for (String[] row : rec.subList(1, rec.size())) {
      long[] v = new long[6];
      for (int i = 0; i < 6; i++) {
        v[i] = Long.parseLong(row[i + 1]);
      }
      System.out.println(String.join("\t", row));
      assertEquals(v[5], v[0] + v[1] - v[2] + v[3] - v[4], row[0] + " does not reconcile");
      assertEquals(official.get(row[0])[0], v[0], row[0] + " 2024");
      assertEquals(official.get(row[0])[1], v[5], row[0] + " 2025");
    }
    assertEquals(6, rec.size() - 1, "five sections and the total");
    // the README's table of 2024 → 2025, row by row
    List<String> readme = List.of(
        "西药\t1398\t7\t12\t54\t1\t1446",
        "中成药\t1336\t1\t6\t4\t0\t1335",
        "协议西药\t346\t98\t8\t1\t38\t399",
        "竞价药品\t21\t7\t0\t0\t16\t12",
        "协议中成药\t58\t7\t0\t0\t4\t61",
        "合计\t3159\t120\t26\t59\t59\t3253");
    assertEquals(readme, rec.subList(1, rec.size()).stream().map(row -> String.join("\t", row))
        .collect(java.util.stream.Collectors.toList()));
    // the kinds of change are there, and the details list them
    List<String[]> summary = r.table(0);
    long negotiatedAdded = 0;
    long toRegular = 0;
    for (String[] row : summary.subList(1, summary.size())) {
      negotiatedAdded += Long.parseLong(row[1]);
      toRegular += Long.parseLong(row[5]);
    }
    assertTrue(negotiatedAdded > 50 && toRegular > 20, "negotiated added " + negotiatedAdded + ", moved to regular " + toRegular);
    assertTrue(r.table(2).size() > 100, "details");
  }

  @Test
  void addedAndRemovedByFirstLevelCategoryAddUpToTheReconciliation() throws Exception {
    InterpreterHarness.Run r = h.drugs("diff 2024 2025 --by category");
    assertTrue(r.ok(), r.text());
    List<String[]> t = r.table(0);
    assertEquals(List.of("药品类型", "一级分类", "新增·谈判", "新增·竞价", "新增·常规", "新增", "调出"), List.of(t.get(0)));
    long added = 0;
    long removed = 0;
    long westernAtc = 0;
    for (String[] row : t.subList(1, t.size())) {
      System.out.println(String.join("\t", row));
      assertEquals(Long.parseLong(row[5]), Long.parseLong(row[2]) + Long.parseLong(row[3]) + Long.parseLong(row[4]), row[1]);
      added += Long.parseLong(row[5]);
      removed += Long.parseLong(row[6]);
      // a 西药 first level is an ATC anatomical main group: X plus one letter
      if (row[0].equals("西药") && row[1].matches("X[A-Z] .+")) {
        westernAtc += Long.parseLong(row[5]);
      }
    }
    assertEquals(120, added, "the added column of the reconciliation");
    assertEquals(26, removed, "the removed column of the reconciliation");
    assertTrue(westernAtc > 90, "added 西药 varieties carry their ATC first level: " + westernAtc);
    // the removed list alone
    InterpreterHarness.Run gone = h.drugs("diff 2024 2025 --change 调出");
    assertTrue(gone.ok(), gone.text());
    assertEquals(26, gone.table(0).size() - 1);
    assertTrue(gone.table(0).subList(1, 27).stream().allMatch(row -> row[1].equals("调出")));
  }
}
