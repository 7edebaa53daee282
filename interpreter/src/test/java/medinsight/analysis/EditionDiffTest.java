package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import medinsight.Fixtures;
import medinsight.catalog.CatalogEntry;
import org.junit.jupiter.api.Test;

class EditionDiffTest {
  static List<EditionDiff.Row> rows(List<CatalogEntry> entries) {
    List<EditionDiff.Row> out = new ArrayList<>();
    for (CatalogEntry e : entries) {
      out.add(new EditionDiff.Row(e.section, e.medicineType, e.varietyId, e.repeatOf != null, e.name, e.level, e.negotiated(),
          e.remark, e.catCodes[0] == null ? null : e.catCodes[0] + " " + e.catNames[0]));
    }
    return out;
  }

  @Test
  void changesByHand() {
    List<CatalogEntry> a = Fixtures.catalog();
    List<CatalogEntry> b = Fixtures.catalog();
    // 奥美拉唑 (西药 3) leaves; 司美格鲁肽 comes in; 头孢克洛 becomes 甲; the ★ row of 阿莫西林 loses its remark;
    // 牛黄清感胶囊 moves from the negotiated part to the regular 中成药 part (renumbered)
    b.removeIf(e -> e.name.equals("奥美拉唑"));
    CatalogEntry added = Fixtures.catalog().get(3);
    added.name = "司美格鲁肽";
    added.number = 9;
    added.varietyId = "西药:9";
    b.add(added);
    b.stream().filter(e -> e.name.equals("头孢克洛")).forEach(e -> e.level = "甲");
    b.stream().filter(e -> e.name.equals("阿莫西林") && e.repeatOf != null).forEach(e -> e.remark = null);
    b.stream().filter(e -> e.name.equals("牛黄清感胶囊")).forEach(e -> {
      e.section = "中成药";
      e.part = "常规目录";
      e.number = 3;
      e.varietyId = "中成药:3";
    });
    List<EditionDiff.Change> changes = EditionDiff.diff(rows(a), rows(b));
    ResultTable s = EditionDiff.summary(changes, 2024, 2025);
    assertEquals(1L, s.value("medicine_type", "西药", "added_regular"));
    assertEquals(1L, s.value("medicine_type", "西药", "removed"));
    assertEquals(1L, s.value("medicine_type", "西药", "level_changed"));
    assertEquals(1L, s.value("medicine_type", "西药", "restriction_changed"));
    assertEquals(0L, s.value("medicine_type", "西药", "to_negotiated"));
    assertEquals(1L, s.value("medicine_type", "中成药", "to_regular"));
    assertEquals(5, changes.size());
    ResultTable d = EditionDiff.details(changes, 100);
    assertEquals("司美格鲁肽", d.value("change", EditionDiff.ADDED, "name"));
    assertEquals("头孢克洛", d.value("change", EditionDiff.LEVEL, "name"));
    assertEquals("乙", d.value("change", EditionDiff.LEVEL, "before"));
    assertEquals(0, EditionDiff.diff(rows(a), rows(Fixtures.catalog())).size(), "an edition against itself");
    // per section: A + added − removed + moved in − moved out = B
    EditionDiff.Result r = EditionDiff.compare(rows(a), rows(b));
    for (long[] v : r.sections.values()) {
      assertEquals(v[5], v[0] + v[1] - v[2] + v[3] - v[4]);
    }
    assertEquals(1L, r.sections.get("中成药")[3], "moved into the regular part");
    assertEquals(1L, r.sections.get("协议中成药")[4], "moved out of the negotiated part");
  }

  @Test
  void namesThatARenameMayTake() {
    assertEquals("括注名称", EditionDiff.nameRelation("聚桂醇", "聚桂醇(聚多卡醇)"));
    assertEquals("名称包含", EditionDiff.nameRelation("静注人免疫球蛋白(pH4)", "静注人免疫球蛋白[静注人免疫球蛋白(pH4)]"));
    assertEquals("名称包含", EditionDiff.nameRelation("盐酸二甲双胍", "二甲双胍"));
    assertEquals("盐/酯", EditionDiff.nameRelation("盐酸吗啡", "硫酸吗啡"));
    assertEquals("剂型词不同", EditionDiff.nameRelation("虚寒胃痛胶囊(颗粒)", "虚寒胃痛颗粒"));
    assertEquals("简称", EditionDiff.nameRelation("坎地氢噻", "坎地沙坦酯氢氯噻嗪Ⅰ"));
    assertEquals(null, EditionDiff.nameRelation("狼疮丸", "抗狼疮散"));
    assertEquals(null, EditionDiff.nameRelation("维生素K4", "维生素K1"));
    assertEquals(null, EditionDiff.nameRelation("奥美拉唑", "奥美拉唑"), "the same name is no rename");
  }

  static EditionDiff.Row row(String id, String name, String category, String forms, String remark) {
    return new EditionDiff.Row("西药", "西药", id, false, name, "乙", false, remark, "XB 血液和造血器官").detail(category, forms);
  }

  /**
   * A removed and an added variety of one category whose names relate are one drug renamed: not
   * 调出 and 新增. Where one of them has two candidates, every pair is listed for review and both
   * stay removed and added; an abbreviation alone, without the same forms or remark, is no evidence.
   */
  @Test
  void renamesAreMatchedAndAmbiguousOnesListedForReview() {
    List<EditionDiff.Row> a = List.of(row("西药:1", "聚桂醇", "XB02B", "注射剂", "限…"), row("西药:2", "脂肪乳(C6-24)", "XB05BA", "注射剂", null),
        row("西药:3", "脂肪乳(C8-24)", "XB05BA", "注射剂", null), row("西药:4", "坎地氢噻", "XC09D", "口服常释剂型", null),
        row("西药:5", "阿昔洛韦", "XJ05A", "注射剂", null));
    List<EditionDiff.Row> b = List.of(row("西药:1", "聚桂醇(聚多卡醇)", "XB02B", "注射剂", "限…"), row("西药:2", "脂肪乳", "XB05BA", "注射剂", null),
        row("西药:4", "坎地沙坦酯氢氯噻嗪Ⅰ", "XC09D", "注射剂", null), row("西药:5", "阿昔洛韦", "XJ05A", "注射剂", null));
    EditionDiff.Result r = EditionDiff.compare(a, b);
    ResultTable d = EditionDiff.details(r.changes, 100);
    assertEquals("聚桂醇", d.value("change", EditionDiff.NAME_CHANGED, "before"));
    assertEquals(List.of("坎地氢噻", "脂肪乳(C6-24)", "脂肪乳(C8-24)"), r.changes.stream().filter(c -> c.change.equals(EditionDiff.REMOVED))
        .map(c -> c.name).collect(java.util.stream.Collectors.toList()));
    assertEquals(2, r.changes.stream().filter(c -> c.change.equals(EditionDiff.REVIEW)).count());
    assertEquals(1, r.changes.stream().filter(c -> c.change.equals(EditionDiff.NAME_CHANGED)).count());
    long[] west = r.sections.get("西药");
    assertEquals(west[5], west[0] + west[1] - west[2] + west[3] - west[4], "the sections still add up");
  }
}
