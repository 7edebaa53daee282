package medinsight.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog as NHSA publishes it — the official PDF and its text — read into the same entries
 * as the workbook, entry by entry and field by field; the 2025 edition's figures as its 凡例
 * states them; bad files said in one line.
 */
class CatalogTextReaderTest {
  static final Path DATA = Paths.get("..", "data");
  static LoadResult<CatalogEntry> workbook;

  @BeforeAll
  static void readWorkbook() throws Exception {
    try (InputStream in = Files.newInputStream(DATA.resolve("nrdl-2024/nrdl-2024.xlsx"))) {
      workbook = new CatalogWorkbookReader().read(CatalogWorkbookReader.openWorkbook(in, "xlsx"), "xlsx", 2024);
    }
  }

  static CatalogTextReader.Result text(String file, int edition) throws Exception {
    try (InputStream in = Files.newInputStream(DATA.resolve(file))) {
      return new CatalogTextReader().read(CatalogPdfReader.textLines(in, file), file, edition);
    }
  }

  static CatalogTextReader.Result pdf(byte[] bytes, String name, int edition) throws Exception {
    return new CatalogTextReader().read(CatalogPdfReader.lines(new ByteArrayInputStream(bytes), name), name, edition);
  }

  /** Fields compared; punctuation width and spaces are how the spreadsheet's author typed them, not content. */
  static final Map<String, Function<CatalogEntry, Object>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("section", e -> e.section);
    FIELDS.put("number", e -> e.number);
    FIELDS.put("repeat_of", e -> e.repeatOf);
    FIELDS.put("level", e -> e.level);
    FIELDS.put("name", e -> e.name);
    FIELDS.put("names", e -> e.names);
    FIELDS.put("dosage_form", e -> e.dosageForm);
    FIELDS.put("remark", e -> e.remark);
    FIELDS.put("category_code", e -> e.categoryCode);
    FIELDS.put("category_name", e -> e.categoryName);
    FIELDS.put("payment_standard", e -> e.paymentStandard);
    FIELDS.put("payment_amount", e -> e.paymentAmount);
    FIELDS.put("payment_confidential", e -> e.paymentConfidential);
    FIELDS.put("valid_from", e -> e.validFrom);
    FIELDS.put("valid_to", e -> e.validTo);
  }

  static String norm(Object v) {
    return v == null ? "null" : Normalizer.normalize(v.toString(), Normalizer.Form.NFKC).replaceAll("\\s", "");
  }

  /**
   * Two cells where the spreadsheet differs from the PDF it was made from: the bid part's category
   * XB05BB is 影响电解质平衡的溶液 (the PDF wraps 溶液 onto the next line; the spreadsheet dropped it),
   * and bid drug 18's first price is 3.18元 (the spreadsheet has "3. 18元", so its first readable
   * amount is the second price, 5.40).
   */
  static final Set<String> WORKBOOK_DEFECTS = Set.of("竞价药品:7:null/category_name", "竞价药品:18:null/payment_amount");

  /** Differences between the workbook's entries and another reader's, one line each. */
  static List<String> differences(List<CatalogEntry> expected, List<CatalogEntry> actual) {
    Map<String, CatalogEntry> byKey = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (CatalogEntry e : actual) {
      String k = e.section + ":" + e.number + ":" + e.repeatOf;
      int n = seen.merge(k, 1, Integer::sum);
      byKey.put(k + "#" + n, e);
    }
    seen.clear();
    List<String> out = new ArrayList<>();
    Set<String> matched = new HashSet<>();
    for (CatalogEntry w : expected) {
      String k = w.section + ":" + w.number + ":" + w.repeatOf;
      int n = seen.merge(k, 1, Integer::sum);
      CatalogEntry t = byKey.get(k + "#" + n);
      if (t == null) {
        out.add("missing " + k + " " + w.name);
        continue;
      }
      matched.add(k + "#" + n);
      for (Map.Entry<String, Function<CatalogEntry, Object>> f : FIELDS.entrySet()) {
        String a = norm(f.getValue().apply(w));
        String b = norm(f.getValue().apply(t));
        if (!a.equals(b) && !WORKBOOK_DEFECTS.contains(k + "/" + f.getKey())) {
          out.add(k + "/" + f.getKey() + ": workbook " + a + " | read " + b);
        }
      }
    }
    for (String k : byKey.keySet()) {
      if (!matched.contains(k)) {
        out.add("extra " + k + " " + byKey.get(k).name);
      }
    }
    return out;
  }

  @Test
  void theOfficialTextOf2024GivesTheWorkbooksEntries() throws Exception {
    CatalogTextReader.Result r = text("nrdl-2024/nrdl-2024.txt", 2024);
    List<String> diff = differences(workbook.records, r.catalog.records);
    diff.forEach(System.out::println);
    assertEquals(List.of(), diff);
    assertEquals(3826, r.catalog.records.size());
    assertEquals(0, r.catalog.rejected.size(), r.catalog.rejected.isEmpty() ? "" : r.catalog.rejected.get(0).reason);
    CatalogTextReader.Accounting a = r.accounting;
    assertEquals(a.lines, a.frontMatter + a.headers + a.categoryRows + a.entryLines + a.continuationLines
        + a.footnoteLines + a.yinpianLines + a.rejectedLines + a.pages, "every line is accounted for");
    assertEquals(199, a.pages);
    yinpianAsTheList(r.yinpian);
  }

  @Test
  void theOfficialPdfOf2024GivesTheWorkbooksEntries() throws Exception {
    List<String> lines = CatalogPdfReader.lines(Files.newInputStream(DATA.resolve("nrdl-2024/nrdl-2024.pdf")), "nrdl-2024.pdf");
    // the gate the load path applies before reading: it knows the PDF's records as the reader does
    assertTrue(CatalogTextReader.looksLikeCatalog(lines), "the official PDF is not taken for the catalog");
    CatalogTextReader.Result r = new CatalogTextReader().read(lines, "nrdl-2024.pdf", 2024);
    List<String> diff = differences(workbook.records, r.catalog.records);
    diff.forEach(System.out::println);
    assertEquals(List.of(), diff);
    assertEquals(0, r.catalog.rejected.size(), r.catalog.rejected.isEmpty() ? "" : r.catalog.rejected.get(0).reason);
    yinpianAsTheList(r.yinpian);
    assertEquals(40, r.excludedPieces.size());
  }

  /** The 饮片 part as the bundled 2024 list has it: number, name, □ and remark. */
  static void yinpianAsTheList(List<YinpianEntry> read) throws Exception {
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(DATA.resolve("nrdl-2024/yinpian-2024.csv")).subList(1, 893)) {
      String[] f = line.split(",", -1);
      expected.add(f[0] + "," + f[1] + "," + ("Y".equals(f[2]) ? "Y" : "N") + "," + f[3]);
    }
    List<String> got = new ArrayList<>();
    for (YinpianEntry y : read) {
      got.add(y.number + "," + y.name + "," + (y.notPaidAlone ? "Y" : "N") + "," + (y.remark == null ? "" : y.remark));
    }
    got.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(0, s.indexOf(',')))));
    assertEquals(expected, got);
  }

  @Test
  void the2025TextGivesTheFiguresOfIts凡例() throws Exception {
    CatalogTextReader.Result r = text("nrdl-2025/nrdl-2025.txt", 2025);
    assertEquals(0, r.catalog.rejected.size(), r.catalog.rejected.isEmpty() ? "" : r.catalog.rejected.get(0).reason
        + " " + r.catalog.rejected.get(0).raw);
    Map<String, Set<Integer>> varieties = new HashMap<>();
    Map<String, Set<Integer>> jia = new HashMap<>();
    Set<Integer> ethnic = new HashSet<>();
    for (CatalogEntry e : r.catalog.records) {
      varieties.computeIfAbsent(e.section, k -> new HashSet<>()).add(e.number);
      if ("甲".equals(e.level)) {
        jia.computeIfAbsent(e.section, k -> new HashSet<>()).add(e.number);
      }
      if (e.ethnic && "中成药".equals(e.section)) {
        ethnic.add(e.number);
      }
    }
    assertEquals(1446, varieties.get("西药").size());
    assertEquals(393, jia.get("西药").size());
    assertEquals(1335, varieties.get("中成药").size());
    assertEquals(246, jia.get("中成药").size());
    assertEquals(95, ethnic.size());
    assertEquals(399, varieties.get("协议西药").size());
    assertEquals(12, varieties.get("竞价药品").size());
    assertEquals(61, varieties.get("协议中成药").size());
    assertEquals(892, r.yinpian.size());
    assertEquals(116, r.yinpian.stream().filter(y -> y.notPaidAlone).count());
    // ◇ (凡例（十）) marks four 西药 names as collective names of a class of drugs: a mark, not a
    // payment restriction; 749 entries carry one
    assertEquals(749, r.catalog.records.stream().filter(e -> e.remark != null).count(), "entries with a payment restriction");
    assertEquals(List.of("西药:207", "西药:806", "西药:1244", "西药:1303"), r.catalog.records.stream().filter(e -> e.collective)
        .map(e -> e.varietyId).collect(java.util.stream.Collectors.toList()));
    assertTrue(r.catalog.records.stream().filter(e -> e.collective).allMatch(e -> e.remark == null));
    assertTrue(r.catalog.records.stream().noneMatch(e -> e.remark != null && (e.remark.contains("◇") || e.remark.contains("□"))));
    assertEquals(4L, r.catalog.normalisations.asMap().get("备注只有 ◇/□ 标记（类别统称/单独使用不予支付），不计为支付限定"));
    // full-width repeats are repeats too
    assertTrue(r.catalog.records.stream().anyMatch(e -> e.repeatOf != null && e.repeatOf == 406));
    assertTrue(r.catalog.records.stream().allMatch(e -> !e.paymentConfidential || e.paymentAmount == null),
        "a confidential price is never a number");
  }

  static byte[] pdfOf(String... lines) throws Exception {
    try (PDDocument d = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      d.addPage(page);
      if (lines.length > 0) {
        try (PDPageContentStream s = new PDPageContentStream(d, page)) {
          s.beginText();
          s.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          s.newLineAtOffset(72, 700);
          for (String l : lines) {
            s.showText(l);
            s.newLineAtOffset(0, -16);
          }
          s.endText();
        }
      }
      d.save(out);
      return out.toByteArray();
    }
  }

  static String failure(byte[] bytes, String name) {
    try {
      List<String> lines = CatalogPdfReader.lines(new ByteArrayInputStream(bytes), name);
      if (!CatalogTextReader.looksLikeCatalog(lines)) {
        return "not a catalog";
      }
      return "read";
    } catch (LoadException e) {
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
      return e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void badPdfsAreSaidInOneLine() throws Exception {
    assertTrue(failure(pdfOf(), "scan.pdf").contains("没有文字层"), "a page with no text (a scan)");
    byte[] real = Files.readAllBytes(DATA.resolve("nrdl-2024/nrdl-2024.pdf"));
    assertTrue(failure(java.util.Arrays.copyOf(real, real.length / 2), "cut.pdf").contains("不是完整的 PDF"), "truncated");
    assertTrue(failure("plain text".getBytes(), "x.pdf").contains("不是完整的 PDF"), "not a PDF at all");
    assertEquals("not a catalog", failure(pdfOf("Annual report 2025", "Revenue grew."), "other.pdf"));
    try (PDDocument d = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      d.addPage(new PDPage());
      StandardProtectionPolicy p = new StandardProtectionPolicy("owner", "user", new AccessPermission());
      p.setEncryptionKeyLength(128);
      d.protect(p);
      d.save(out);
      assertTrue(failure(out.toByteArray(), "locked.pdf").contains("加密"), "encrypted");
    }
  }
}
