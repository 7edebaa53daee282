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
        "西药\t1398\t4\t9\t54\t1\t1446",
        "中成药\t1336\t0\t5\t4\t0\t1335",
        "协议西药\t346\t98\t8\t1\t38\t399",
        "竞价药品\t21\t7\t0\t0\t16\t12",
        "协议中成药\t58\t7\t0\t0\t4\t61",
        "合计\t3159\t116\t22\t59\t59\t3253");
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
    // renamed drugs are 名称调整, not 调出 and 新增
    List<String[]> details = r.table(2);
    java.util.function.BiFunction<String, String, Boolean> listed = (kind, before) -> details.stream()
        .anyMatch(row -> row[1].equals(kind) && row[3].equals(before));
    for (String[] renamed : new String[][] {{"聚桂醇", "聚桂醇(聚多卡醇)"}, {"坎地氢噻", "坎地沙坦酯氢氯噻嗪Ⅰ"},
        {"静注人免疫球蛋白(pH4)", "静注人免疫球蛋白[静注人免疫球蛋白(pH4)]"}, {"虚寒胃痛胶囊(颗粒)", "虚寒胃痛颗粒"}}) {
      assertTrue(details.stream().anyMatch(row -> row[1].equals("名称调整") && row[2].equals(renamed[1]) && row[3].equals(renamed[0])),
          renamed[0] + " → " + renamed[1]);
      assertTrue(details.stream().noneMatch(row -> row[1].equals("调出") && row[2].equals(renamed[0])), renamed[0] + " is not removed");
    }
    // the two 中/长链脂肪乳 of 2024 and the two of 2025 cannot be paired one to one: listed for review
    assertEquals(3, details.stream().filter(row -> row[1].equals("疑似更名·待核对")).count());
    assertTrue(listed.apply("疑似更名·待核对", "西药 中/长链脂肪乳(C8-24)"));
    // every other removed variety has no added variety of 2025 whose name a rename could give
    java.util.Set<String> review = new java.util.HashSet<>();
    details.stream().filter(row -> row[1].equals("疑似更名·待核对")).forEach(row -> review.add(row[3].substring(row[3].indexOf(' ') + 1)));
    List<String[]> added = details.stream().filter(row -> row[1].startsWith("新增")).collect(java.util.stream.Collectors.toList());
    for (String[] gone : details.stream().filter(row -> row[1].equals("调出")).collect(java.util.stream.Collectors.toList())) {
      if (review.contains(gone[2])) {
        continue;
      }
      for (String[] in : added) {
        assertTrue(!in[0].equals(gone[0]) || medinsight.analysis.EditionDiff.nameRelation(gone[2], in[2]) == null,
            gone[2] + " (调出) and " + in[2] + " (新增)");
      }
    }
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
    assertEquals(116, added, "the added column of the reconciliation");
    assertEquals(22, removed, "the removed column of the reconciliation");
    assertTrue(westernAtc > 90, "added 西药 varieties carry their ATC first level: " + westernAtc);
    // the removed list alone
    InterpreterHarness.Run gone = h.drugs("diff 2024 2025 --change 调出");
    assertTrue(gone.ok(), gone.text());
    assertEquals(22, gone.table(0).size() - 1);
    assertTrue(gone.table(0).subList(1, 23).stream().allMatch(row -> row[1].equals("调出")));
  }

  /** A drug through the bundled editions: one row per edition, renames followed, what changed said. */
  @Test
  void historyFollowsADrugThroughRenamesAndSaysWhatChanged() throws Exception {
    List<String[]> renamed = h.drugs("history 聚桂醇").table(0);
    assertEquals(List.of("药品", "版本", "目录部分", "编号", "医保类别", "药品名称", "剂型", "备注", "医保支付标准", "协议期", "变化"),
        List.of(renamed.get(0)));
    assertEquals(3, renamed.size(), "2024 and 2025");
    assertEquals(List.of("2024", "聚桂醇", "（最早加载的版本）"), List.of(renamed.get(1)[1], renamed.get(1)[5], renamed.get(1)[10]));
    assertEquals(List.of("2025", "聚桂醇(聚多卡醇)", "名称调整：聚桂醇→聚桂醇(聚多卡醇)"),
        List.of(renamed.get(2)[1], renamed.get(2)[5], renamed.get(2)[10]));
    List<String[]> sema = h.drugs("history 司美格鲁肽").table(0);
    assertEquals(List.of("协议西药", "30", "*", "2024-01-01 – 2025-12-31"), List.of(sema.get(1)[2], sema.get(1)[3], sema.get(1)[8], sema.get(1)[9]));
    assertEquals(List.of("协议西药", "29", "*", "2026-01-01 – 2027-12-31"), List.of(sema.get(2)[2], sema.get(2)[3], sema.get(2)[8], sema.get(2)[9]));
    assertTrue(sema.get(2)[10].startsWith("支付范围调整（+接受二甲双胍") && sema.get(2)[10].contains("协议期：2024-01-01 – 2025-12-31→2026-01-01 – 2027-12-31"),
        sema.get(2)[10]);
    List<String[]> gone = h.drugs("history 十香返生丸").table(0);
    assertEquals(List.of("2024", "2025"), List.of(gone.get(1)[1], gone.get(2)[1]));
    assertEquals("调出", gone.get(2)[10]);
    InterpreterHarness.Run none = h.drugs("history 不存在的药");
    assertTrue(none.ok() && none.text().contains("没有名称含“不存在的药”的药品"), none.text());
  }

  /** Negotiated drugs in both editions, their two payment standards and the change where comparable. */
  @Test
  void renewalsCompareThePaymentStandardsOfBothEditions() throws Exception {
    InterpreterHarness.Run r = h.drugs("negotiated renewals --limit 5000");
    assertTrue(r.ok(), r.text());
    List<String[]> drugs = r.table(0);
    List<String[]> byCategory = r.table(1);
    String[] total = byCategory.get(byCategory.size() - 1);
    assertEquals("合计", total[0]);
    assertEquals(drugs.size() - 1, Integer.parseInt(total[1]), "every drug once");
    assertEquals(drugs.stream().filter(d -> d[6].equals("可比")).count(), Long.parseLong(total[2]));
    long categories = 0;
    for (String[] c : byCategory.subList(1, byCategory.size() - 1)) {
      categories += Long.parseLong(c[1]);
    }
    assertEquals(Long.parseLong(total[1]), categories, "the categories add up");
    // the README's figures: 359 drugs, 91 comparable, 223 and 226 confidential
    assertEquals(List.of("359", "91", "223", "226"), List.of(total[1], total[2], total[4], total[5]));
    // 海博麦布片: 6.37元(10mg/片) in 2024, 5.70元 in 2025 (the official texts): −10.5 %
    String[] hybrid = drugs.stream().filter(d -> d[1].equals("海博麦布片")).findFirst().orElseThrow();
    assertEquals(List.of("6.37元(10mg/片)；10.82元(20mg/片)", "5.70元(10mg/片)；9.69元(20mg/片)", "-10.5", "可比"),
        List.of(hybrid[3], hybrid[4], hybrid[5], hybrid[6]));
    // a confidential price is never compared
    assertTrue(drugs.stream().filter(d -> d[3].equals("*") || d[4].equals("*")).allMatch(d -> d[5].isEmpty() && d[6].startsWith("保密")));
    assertTrue(drugs.stream().anyMatch(d -> d[2].startsWith("续约")) && drugs.stream().anyMatch(d -> d[2].equals("协议期内")));
    assertTrue(h.drugs("negotiated renewals --from 2025").error().contains("--from 应早于 --to"));
  }
}
