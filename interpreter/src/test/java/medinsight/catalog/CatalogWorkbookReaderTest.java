package medinsight.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official 2024 workbook read as published must reproduce the counts of its 凡例. */
class CatalogWorkbookReaderTest {
  static LoadResult<CatalogEntry> result;

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = CatalogWorkbookReaderTest.class.getClassLoader()
        .getResourceAsStream("medinsight/data/nrdl-2024/nrdl-2024.xlsx")) {
      result = new CatalogWorkbookReader().read(in, "nrdl-2024.xlsx", 2024);
    }
  }

  private static Map<String, Set<String>> varietyLevels(String section) {
    Map<String, Set<String>> out = new HashMap<>();
    for (CatalogEntry e : result.records) {
      if (e.section.equals(section)) {
        out.computeIfAbsent(e.varietyId, k -> new HashSet<>()).add(e.level);
      }
    }
    return out;
  }

  @Test
  void everyRowIsAccountedFor() {
    assertEquals(result.read, result.records.size() + result.rejected.size());
    assertEquals(0, result.rejected.size(), () -> result.rejected.stream().map(r -> r.row + " " + r.reason)
        .collect(Collectors.joining("\n")));
    assertEquals(1957 + 1444 + 346 + 58 + 21, result.records.size());
  }

  @Test
  void officialVarietyCounts() {
    Map<String, Set<String>> west = varietyLevels("西药");
    Map<String, Set<String>> tcm = varietyLevels("中成药");
    assertEquals(1398, west.size());
    assertEquals(393, west.values().stream().filter(s -> s.contains("甲")).count());
    assertEquals(1336, tcm.size());
    assertEquals(246, tcm.values().stream().filter(s -> s.contains("甲")).count());
    long ethnic = result.records.stream().filter(e -> e.section.equals("中成药") && e.ethnic)
        .map(e -> e.varietyId).distinct().count();
    assertEquals(95, ethnic);
    long negWest = result.records.stream().filter(e -> e.negotiated() && e.medicineType.equals("西药"))
        .map(e -> e.varietyId).distinct().count();
    long negTcm = result.records.stream().filter(e -> e.negotiated() && e.medicineType.equals("中成药"))
        .map(e -> e.varietyId).distinct().count();
    assertEquals(367, negWest);
    assertEquals(58, negTcm);
    assertEquals(3159, west.size() + tcm.size() + negWest + negTcm);
  }

  @Test
  void insuranceTypeLimitedVarieties() {
    long injury = result.records.stream().filter(e -> e.remark != null && e.remark.contains("工伤保险"))
        .map(e -> e.varietyId).distinct().count();
    long maternity = result.records.stream().filter(e -> e.remark != null && e.remark.contains("生育保险"))
        .map(e -> e.varietyId).distinct().count();
    assertEquals(5, injury);
    assertEquals(4, maternity);
  }

  @Test
  void categoriesAreInherited() {
    CatalogEntry first = result.records.get(0);
    assertEquals("复方硼砂", first.name);
    assertEquals("XA01", first.categoryCode);
    assertEquals("XA", first.catCodes[0]);
    assertEquals("消化道和代谢方面的药物", first.catNames[0]);
    CatalogEntry omeprazole = result.records.stream().filter(e -> e.name.equals("奥美拉唑") && e.repeatOf != null)
        .findFirst().orElseThrow();
    assertEquals("XA02BC", omeprazole.categoryCode);
    assertEquals("质子泵抑制剂", omeprazole.categoryName);
    assertEquals("注射剂", omeprazole.dosageForm);
    assertEquals("西药:15", omeprazole.varietyId);
  }

  @Test
  void negotiatedPricesAndValidity() {
    CatalogEntry e = result.records.stream().filter(x -> x.name.equals("注射用艾普拉唑钠")).findFirst().orElseThrow();
    assertEquals(63.00, e.paymentAmount, 1e-9);
    assertEquals("10mg/支", e.paymentUnit);
    assertEquals(LocalDate.of(2024, 1, 1), e.validFrom);
    assertEquals(LocalDate.of(2025, 12, 31), e.validTo);
    assertEquals("乙", e.level);
    assertEquals("限：1.预防重症患者应激性溃疡出血；2.消化性溃疡出血。", e.remark);
    CatalogEntry secret = result.records.stream().filter(x -> x.name.equals("安奈拉唑钠肠溶片")).findFirst().orElseThrow();
    assertTrue(secret.paymentConfidential);
    assertNull(secret.paymentAmount);
    CatalogEntry two = result.records.stream().filter(x -> x.name.equals("西格列汀二甲双胍缓释片")).findFirst().orElseThrow();
    assertEquals(2, two.paymentItems);
    assertEquals(3.49, two.paymentAmount, 1e-9);
  }

  @Test
  void namesAndFormsAreCleaned() {
    CatalogEntry insulin = result.records.stream().filter(x -> x.name.startsWith("精蛋白人胰岛素(精蛋白"))
        .findFirst().orElseThrow();
    assertEquals("精蛋白人胰岛素(精蛋白重组人胰岛素)", insulin.name);
    CatalogEntry ors = result.records.stream().filter(x -> x.name.startsWith("补液盐")).findFirst().orElseThrow();
    assertEquals("补液盐Ⅰ", ors.name);
    assertEquals("补液盐Ⅰ / 补液盐Ⅱ / 补液盐Ⅲ", ors.names);
    CatalogEntry cold = result.records.stream().filter(x -> x.name.startsWith("感冒清热颗粒")).findFirst().orElseThrow();
    assertEquals("感冒清热颗粒(片、胶囊)", cold.name);
    assertEquals("颗粒剂、片剂、胶囊剂", cold.dosageForms);
    long unknown = result.records.stream().filter(x -> DosageForms.UNKNOWN.equals(x.dosageForm)).count();
    assertTrue(unknown < 20, "forms left unknown: " + unknown + result.records.stream().filter(x -> DosageForms.UNKNOWN.equals(x.dosageForm)).map(x -> x.name).collect(Collectors.joining(",")));
    assertNotNull(result.normalisations.asMap().get("剂型由药品名称推断"));
  }
}
