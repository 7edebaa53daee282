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
}
