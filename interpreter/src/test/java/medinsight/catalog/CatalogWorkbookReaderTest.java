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
    // the four ◇ names of 凡例（十）are marks, with no remark left
    assertEquals(java.util.List.of("西药:197", "西药:777", "西药:1199", "西药:1256"), result.records.stream().filter(e -> e.collective)
        .map(e -> e.varietyId).collect(java.util.stream.Collectors.toList()));
    assertTrue(result.records.stream().noneMatch(e -> e.remark != null && e.remark.contains("◇")));
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

  private static byte[] smallWorkbook() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
      wb.createSheet("产品").createRow(0).createCell(0).setCellValue("药品名称");
      wb.write(out);
    }
    return out.toByteArray();
  }

  private static LoadException openFails(byte[] bytes) {
    return org.junit.jupiter.api.Assertions.assertThrows(LoadException.class,
        () -> CatalogWorkbookReader.openWorkbook(new java.io.ByteArrayInputStream(bytes), "w.xlsx"));
  }

  @Test
  void aPartThatInflatesBeyondTheSafetyRatioIsNamed() throws Exception {
    // a valid workbook with one more part: a megabyte of zeros, which deflates a thousandfold
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(smallWorkbook()));
        java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        in.transferTo(z);
      }
      z.putNextEntry(new java.util.zip.ZipEntry("xl/media/pad.bin"));
      z.write(new byte[1 << 20]);
    }
    LoadException e = openFails(out.toByteArray());
    assertEquals("工作簿 w.xlsx 无法按 xlsx 读取：xl/media/pad.bin 解压后超过压缩大小的 100 倍（xlsx 读取的安全上限）。"
        + "如是正常数据，请在 Excel 中另存为 CSV（UTF-8）后加载。现有数据保持不变。", e.getMessage());
  }

  @Test
  void aWorkbookWithAPasswordIsSaidSo() throws Exception {
    org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
    org.apache.poi.poifs.crypt.Encryptor enc =
        new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.agile).getEncryptor();
    enc.confirmPassword("secret");
    try (org.apache.poi.openxml4j.opc.OPCPackage opc =
            org.apache.poi.openxml4j.opc.OPCPackage.open(new java.io.ByteArrayInputStream(smallWorkbook()));
        java.io.OutputStream os = enc.getDataStream(fs)) {
      opc.save(os);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    fs.writeFilesystem(out);
    fs.close();
    assertTrue(openFails(out.toByteArray()).getMessage().startsWith("工作簿 w.xlsx 有密码保护，无法读取。"));
  }

  @Test
  void foreignFilesAreNamedForWhatTheyAre() {
    assertEquals("文件 w.xlsx 不是 Excel 工作簿（内容是 PDF；目录 PDF 请以 .pdf 结尾的路径加载）。请检查文件后重新加载。",
        openFails("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).getMessage());
    assertTrue(openFails("<html><body><table><tr><td>1</td></tr></table></body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .getMessage().contains("（内容是 HTML 网页；请在 Excel 中另存为 xlsx）"));
    assertTrue(openFails(new byte[] {1, 2, 3, 0, 0, 9, 8, 7, 6, 5}).getMessage().contains("（内容是无法识别的二进制数据）"));
    assertEquals("文件为空：w.xlsx", openFails(new byte[0]).getMessage());
  }

  @Test
  void oneLineLeavesOutClassNamesAndControls() {
    assertEquals("Truncated ZIP file",
        CatalogWorkbookReader.oneLine(new java.io.IOException("java.io.EOFException: Truncated ZIP file")));
    assertEquals("Package should contain a content type part [M1.13]", CatalogWorkbookReader.oneLine(new java.io.IOException(
        "org.apache.poi.openxml4j.exceptions.InvalidFormatException: Package should contain a content type part [M1.13]")));
    assertEquals("a b c", CatalogWorkbookReader.oneLine(new RuntimeException("a\nb\u0000\r\nc")));
    assertEquals("未知错误", CatalogWorkbookReader.oneLine(new NullPointerException()));
  }
}
