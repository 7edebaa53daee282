package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import medinsight.Fixtures;
import medinsight.SparkTestSupport;
import medinsight.engine.Schemas;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input gives a one-line error or quarantined rows with reasons, and the session keeps
 * working with its data unchanged.
 */
class LoadErrorsTest {
  static InterpreterHarness h;
  static String productsBefore;
  @TempDir
  static Path dir;

  static final String HEADER = "产品编码,药品名称,药品类型,医保类别,剂型,规格,生产企业,自付比例,定额支付,定额标准,备注\n";

  @BeforeAll
  static void open() throws Exception {
    h = new InterpreterHarness(new Properties());
    productsBefore = count("products");
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  static String count(String table) throws Exception {
    return h.sql("select count(*) from " + table).table(0).get(1)[0];
  }

  /** After a failed load: a one-line message, the tables unchanged, the next command working. */
  static void assertFailsCleanly(String command, String expected) throws Exception {
    InterpreterHarness.Run r = h.drugs(command);
    assertFalse(r.ok(), command + " should fail");
    assertTrue(r.error().contains(expected), command + " → " + r.error());
    assertFalse(r.error().contains("\n"), command + " → " + r.error());
    assertFalse(r.error().contains("Exception"), command + " → " + r.error());
    assertTrue(r.error().codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0xFFFD), command + " → " + r.error());
    assertTrue(r.error().length() < 400, command + " → " + r.error());
    assertEquals("1446", h.drugs("levels --by variety").cell("品种数", "西药", "小计"));
    assertEquals(productsBefore, count("products"));
  }

  @Test
  void truncatedWorkbook() throws Exception {
    byte[] all;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("medinsight/data/nrdl-2024/nrdl-2024.xlsx")) {
      all = in.readAllBytes();
    }
    Path p = dir.resolve("truncated.xlsx");
    Files.write(p, java.util.Arrays.copyOf(all, all.length / 3));
    assertFailsCleanly("load " + p + " --as catalog", "文件不完整或不是有效的 xlsx");
    assertFailsCleanly("load " + p, "文件不完整或不是有效的 xlsx");
    assertFalse(h.drugs("load " + p).error().contains("太大"));
  }

  /**
   * A small PDF whose page inflates to far more than a page of text is refused before it is read:
   * one such file of 400 KB (a page of 200 MB) took minutes and wrote gigabytes of PDFBox
   * warnings. Here a page of 24 MB of drawing operators in a file of a few tens of KB.
   */
  @Test
  void aPdfPageThatInflatesBeyondThePageBoundIsRefused() throws Exception {
    Path p = dir.resolve("bomb.pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
      doc.addPage(page);
      org.apache.pdfbox.pdmodel.common.PDStream stream = new org.apache.pdfbox.pdmodel.common.PDStream(doc);
      try (OutputStream out = stream.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE)) {
        byte[] line = "0 0 m 1 1 l S\n".getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < 24L * 1024 * 1024; written += line.length) {
          out.write(line);
        }
      }
      page.setContents(stream);
      doc.save(p.toFile());
    }
    assertTrue(Files.size(p) < 200_000, "a small file: " + Files.size(p));
    assertFailsCleanly("load " + p + " --as catalog --edition 2024", "第 1 页的内容解压后超过 16 MB");
  }

  /** A PNG, a zip and random bytes named .csv are refused as binary, said in one printable line. */
  @Test
  void binaryFileNamedCsv() throws Exception {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(img, "png", png);
    Path p = dir.resolve("image.csv");
    Files.write(p, png.toByteArray());
    assertFailsCleanly("load " + p, "文件 " + p + " 不是文本文件（第 9 个字节起为二进制内容），无法作为 CSV 读取");

    Path z = dir.resolve("archive.csv");
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(z))) {
      out.putNextEntry(new java.util.zip.ZipEntry("products.csv"));
      out.write(HEADER.getBytes(StandardCharsets.UTF_8));
    }
    assertFailsCleanly("load " + z, "不是文本文件（第 3 个字节起为二进制内容）");
    assertFailsCleanly("load " + z, "zip 压缩包");

    byte[] noise = new byte[4096];
    new java.util.Random(42).nextBytes(noise);
    Path r = dir.resolve("noise.csv");
    Files.write(r, noise);
    assertFailsCleanly("load " + r, "不是文本文件");
    assertFailsCleanly("load " + r + " --as yinpian", "不是文本文件");

    Path u = dir.resolve("utf16.csv");
    Files.write(u, ("\uFEFF" + HEADER + "U1,阿莫西林,西药,甲,片剂,0.25g,某企业,0,否,,\n").getBytes(StandardCharsets.UTF_16LE));
    assertFailsCleanly("load " + u, "UTF-16");
  }

  @Test
  void tenThousandColumnsAreCounted() throws Exception {
    StringBuilder header = new StringBuilder("药品名称,医保类别,生产企业,自付比例");
    for (int i = 4; i < 10_000; i++) {
      header.append(",列").append(i);
    }
    Path p = dir.resolve("wide.csv");
    Files.writeString(p, header + "\n阿莫西林,甲,某企业,0\n", StandardCharsets.UTF_8);
    assertFailsCleanly("load " + p, "文件 " + p + " 的表头有 10000 列，超过上限 512 列");
  }

  /** A 200,000-character cell rejects its row, with the row and column; the rest of the file loads. */
  @Test
  void oversizedCellRejectsItsRow() throws Exception {
    InterpreterHarness other = new InterpreterHarness(new Properties());
    try {
      StringBuilder csv = new StringBuilder(HEADER);
      for (int i = 2; i <= 9; i++) {
        String maker = i == 7 ? "厂".repeat(200_000) : "某企业" + i;
        csv.append("H").append(i).append(",阿莫西林,西药,甲,片剂,0.25g×").append(i).append("片,").append(maker)
            .append(",0,否,,\n");
      }
      Path p = dir.resolve("huge-cell.csv");
      Files.writeString(p, csv, StandardCharsets.UTF_8);
      InterpreterHarness.Run r = other.drugs("load " + p);
      assertTrue(r.ok(), r.text());
      assertTrue(r.text().contains("读取 8 行，加载 7 行，拒绝 1 行"), r.text());
      List<String[]> rej = other.sql("select row_number, reason, length(raw) from rejected_rows where kind = 'products'").table(0);
      assertEquals(2, rej.size());
      assertEquals("7", rej.get(1)[0]);
      assertTrue(rej.get(1)[1].contains("第 7 列有 200000 个字符，超过上限 65536"), rej.get(1)[1]);
      assertTrue(Integer.parseInt(rej.get(1)[2]) <= 201, rej.get(1)[2]);
    } finally {
      other.close();
    }
    StringBuilder bigger = new StringBuilder(HEADER).append("J2,阿莫西林,西药,甲,片剂,0.25g,某企业,0,否,,\n");
    bigger.append("J3,阿莫西林,西药,甲,片剂,0.25g,").append("x".repeat(1_100_000)).append(",0,否,,\n");
    Path b = dir.resolve("bigger-cell.csv");
    Files.writeString(b, bigger, StandardCharsets.UTF_8);
    assertFailsCleanly("load " + b, "第 3 行第 7 列");
  }

  /** An opening quote that never closes is named by its row and column, not by the parser's settings. */
  @Test
  void unclosedQuote() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER).append("Q2,阿莫西林,西药,甲,片剂,0.25g,某企业,0,否,,\"限儿童\n");
    for (int i = 3; i < 30_000; i++) {
      csv.append("Q").append(i).append(",阿莫西林,西药,甲,片剂,0.25g,某企业,0,否,,\n");
    }
    Path p = dir.resolve("quote.csv");
    Files.writeString(p, csv, StandardCharsets.UTF_8);
    assertFailsCleanly("load " + p, "第 2 行第 11 列");
    assertFailsCleanly("load " + p, "引号");
  }

  /**
   * A workbook over the xlsx reader's size limit is called too large, not broken. The limit is
   * lowered for this test only, so that a small workbook trips it the way a 190 MB one does.
   */
  @Test
  void workbookTooLargeToReadAsXlsx() throws Exception {
    Path x = dir.resolve("large.xlsx");
    java.util.Random rnd = new java.util.Random(3);
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(x)) {
      Sheet s = wb.createSheet("产品");
      for (int i = 0; i < 2000; i++) {
        Row r = s.createRow(i);
        for (int j = 0; j < 5; j++) {
          r.createCell(j).setCellValue(rnd.nextInt(1_000_000));
        }
      }
      wb.write(out);
    }
    org.apache.poi.util.IOUtils.setByteArrayMaxOverride(100_000);
    try {
      assertFailsCleanly("load " + x, "工作簿 " + x + " 太大，无法按 xlsx 读取");
      assertFailsCleanly("load " + x, "100,000 字节");
      assertFailsCleanly("load " + x, "另存为 CSV");
    } finally {
      org.apache.poi.util.IOUtils.setByteArrayMaxOverride(-1);
    }
  }

  /** A Word document, a picture and a CSV named .xlsx are each said for what they are. */
  @Test
  void notAWorkbookNamedXlsx() throws Exception {
    Path d = dir.resolve("letter.xlsx");
    try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument();
        OutputStream out = Files.newOutputStream(d)) {
      doc.createParagraph().createRun().setText("药品目录说明");
      doc.write(out);
    }
    assertFailsCleanly("load " + d, "是 Word 文档，不是 Excel 工作簿");
    assertFailsCleanly("load " + d + " --as catalog", "是 Word 文档，不是 Excel 工作簿");

    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Path png = dir.resolve("image.xlsx");
    javax.imageio.ImageIO.write(img, "png", png.toFile());
    assertFailsCleanly("load " + png, "不是 Excel 工作簿（内容是 PNG 图片）");

    Path csv = dir.resolve("list.xlsx");
    Files.writeString(csv, HEADER + "T1,阿莫西林,西药,甲,片剂,0.25g,某企业,0,否,,\n", StandardCharsets.UTF_8);
    assertFailsCleanly("load " + csv, "不是 Excel 工作簿（内容是文本");

    Path zip = dir.resolve("archive.xlsx");
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertFailsCleanly("load " + zip, "是 zip 压缩包，但不是 Excel 工作簿");
  }

  @Test
  void csvMissingARequiredColumnIsNamed() throws Exception {
    Path p = dir.resolve("no-maker.csv");
    Files.writeString(p, "药品名称,医保类别,自付比例\n阿莫西林,甲,0\n", StandardCharsets.UTF_8);
    assertFailsCleanly("load " + p, "缺少必需列：生产企业 (manufacturer)");
  }

  @Test
  void emptyFile() throws Exception {
    Path p = dir.resolve("empty.csv");
    Files.write(p, new byte[0]);
    assertFailsCleanly("load " + p, "文件为空");
    Path headerOnly = dir.resolve("header-only.csv");
    Files.writeString(headerOnly, HEADER, StandardCharsets.UTF_8);
    assertFailsCleanly("load " + headerOnly, "没有可加载的行");
  }

  @Test
  void pathThatDoesNotExist() throws Exception {
    assertFailsCleanly("load " + dir.resolve("nowhere.csv"), "文件不存在");
    assertFailsCleanly("load " + dir.resolve("nowhere.parquet"), "不存在");
  }

  @Test
  void hdfsWithoutANamenode() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    assertFailsCleanly("load hdfs://127.0.0.1:" + port + "/data/products.csv", "无法连接 hdfs://127.0.0.1:" + port);
    assertTrue((System.nanoTime() - t0) / 1e9 < 60, "gave up too slowly");
  }

  @Test
  void catalogFromCsvIsRefused() throws Exception {
    Path p = dir.resolve("catalog.csv");
    Files.writeString(p, HEADER + "X1,阿莫西林,西药,甲,片剂,0.25g,某企业,0,否,,\n", StandardCharsets.UTF_8);
    assertFailsCleanly("load " + p + " --as catalog", "目录只能从官方 xlsx 工作簿加载");
  }

  @Test
  void badRowsOfAGbkCsvAreQuarantinedWithReasons() throws Exception {
    InterpreterHarness other = new InterpreterHarness(new Properties());
    try {
      Path p = dir.resolve("gbk.csv");
      String csv = HEADER
          + "G1,阿莫西林,西药,甲,片剂,0.25g×24片,北京某（测试）药业,0,否,,\n"
          + "G2,头孢克洛,西药,乙,胶囊剂,0.25g×6粒,“康宁”制药,abc,否,,\n"
          + "G3,头孢克洛,西药,乙,胶囊剂,0.25g×12粒,“康宁”制药,1.7,否,,\n"
          + "G4,布洛芬,西药,乙,片剂,0.2g×10片,O'Brien (北京) 药业,15%,是,12.5,限儿童。\n"
          + "G5,布洛芬,西药,乙,片剂,0.2g×20片,,0.1,否,,\n"
          + "G6,布洛芬,西药,丁,片剂,0.2g×20片,某企业,0.1,否,,\n"
          + "G4,布洛芬,西药,乙,片剂,0.2g×30片,某企业,0.1,否,,\n"
          + "G8,川芎配方颗粒,中药配方颗粒,乙类,颗粒剂,1g,某企业,0.1,定额?,,\n";
      Files.write(p, csv.getBytes(Charset.forName("GBK")));
      // the row with a repeated code is no product; the others are, with their unreadable fields unknown
      InterpreterHarness.Run r = other.drugs("load " + p);
      assertTrue(r.ok(), r.text());
      assertTrue(r.text().contains("读取 8 行，加载 7 行，拒绝 1 行"), r.text());
      assertTrue(r.text().contains("5 行中有 5 个字段无法读取，已置为未知"), r.text());
      List<String[]> rej = other.sql("select row_number, reason from rejected_rows where kind = 'products' order by row_number")
          .table(0);
      assertEquals(2, rej.size());
      assertEquals("8", rej.get(1)[0]);
      assertTrue(rej.get(1)[1].contains("产品编码 G4 重复（首次出现在第 5 行）"), rej.get(1)[1]);
      List<String[]> unknown = other.sql("select row_number, product_code, field, value, reason from quarantined_fields order by row_number")
          .table(0);
      String[][] expected = {{"3", "G2", "self_pay_ratio", "abc", "自付比例“abc”不是数字"},
        {"4", "G3", "self_pay_ratio", "1.7", "自付比例 1.7 超出 0–1"}, {"6", "G5", "manufacturer", "", "生产企业为空"},
        {"7", "G6", "level", "丁", "医保类别无法识别"}, {"9", "G8", "fixed_payment", "定额?", "定额支付无法识别（应为 是/否）"}};
      assertEquals(expected.length + 1, unknown.size());
      for (int i = 0; i < expected.length; i++) {
        String[] u = unknown.get(i + 1);
        for (int k = 0; k < 4; k++) {
          assertEquals(expected[i][k], u[k], String.join(" | ", u));
        }
        assertTrue(u[4].contains(expected[i][4]), u[4]);
      }
      List<String[]> loaded = other.sql("select product_code, manufacturer, self_pay_ratio, level, fixed_payment from products "
          + "order by product_code").table(0);
      assertEquals("北京某（测试）药业", loaded.get(1)[1]);
      assertEquals("O'Brien (北京) 药业", loaded.get(4)[1]);
      assertEquals("0.15", loaded.get(4)[2]);
      // unknown, not guessed: G2's ratio is the policy's for its level (乙); G6's level is its catalog entry's
      assertEquals("0.1", loaded.get(2)[2]);
      assertEquals("甲", loaded.get(6)[3]);
      assertEquals("catalog", other.sql("select level_source from products where product_code = 'G6'").table(0).get(1)[0]);
      assertEquals("", loaded.get(7)[4]);
      InterpreterHarness.Run q = other.drugs("quality");
      assertTrue(q.ok(), q.text());
      assertTrue(q.text().contains("文件编码识别为 GBK/GB18030"), q.text());
      assertTrue(q.text().contains("置为未知的字段") && q.text().contains("自付比例“…”不是数字"), q.text());
      assertTrue(other.drugs("manufacturers share").text().contains("\tO'Brien (北京) 药业\t1\t"));
    } finally {
      other.close();
    }
  }

  /**
   * A product known by its code alone (no name), or by its name alone (no code, no manufacturer):
   * kept, and every product analysis and chart runs with it.
   */
  @Test
  void productsWithoutANameOrAManufacturerRunEveryAnalysis() throws Exception {
    InterpreterHarness other = new InterpreterHarness(new Properties());
    try {
      Path p = dir.resolve("partial.csv");
      StringBuilder csv = new StringBuilder(HEADER);
      for (int i = 0; i < 30; i++) {
        csv.append("N").append(i).append(",阿莫西林,西药,甲,片剂,0.25g×24片,虚构岚康制药有限公司,0,否,,\n");
      }
      csv.append("N90,,西药,乙,片剂,0.2g×20片,虚构岚康制药有限公司,0.1,否,,\n");
      csv.append(",布洛芬,西药,乙,片剂,0.2g×10片,,,否,,\n");
      csv.append("N92,,,,,,,,,,\n");
      Files.writeString(p, csv.toString(), StandardCharsets.UTF_8);
      InterpreterHarness.Run r = other.drugs("load " + p + " --as products");
      assertTrue(r.ok(), r.text());
      assertTrue(r.text().contains("读取 33 行，加载 33 行，拒绝 0 行"), r.text());
      for (String c : medinsight.nhsa.NhsaExportLoadTest.PRODUCT_COMMANDS) {
        InterpreterHarness.Run x = other.drugs(c);
        assertTrue(x.ok(), c + " → " + x.text());
      }
    } finally {
      other.close();
    }
  }

  @Test
  void xlsxAndParquetProductListsLoad() throws Exception {
    InterpreterHarness other = new InterpreterHarness(new Properties());
    try {
      Path x = dir.resolve("products.xlsx");
      try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(x)) {
        Sheet s = wb.createSheet("产品");
        String[][] rows = {{"药品名称", "医保类别", "生产企业", "自付比例", "剂型"},
            {"阿莫西林", "甲", "甲企业", "0", "片剂"}, {"布洛芬", "乙", "乙企业", "10%", "片剂"}};
        for (int i = 0; i < rows.length; i++) {
          Row r = s.createRow(i);
          for (int j = 0; j < rows[i].length; j++) {
            r.createCell(j).setCellValue(rows[i][j]);
          }
        }
        wb.write(out);
      }
      InterpreterHarness.Run r = other.drugs("load " + x);
      assertTrue(r.ok(), r.text());
      assertTrue(r.text().contains("读取 2 行，加载 2 行，拒绝 0 行"), r.text());
      assertEquals("0.1", other.sql("select self_pay_ratio from products where name = '布洛芬'").table(0).get(1)[0]);

      Path pq = dir.resolve("products.parquet");
      SparkTestSupport.spark().createDataFrame(Schemas.rows(Fixtures.products(), Schemas::row), Schemas.PRODUCTS)
          .drop("restricted", "variety_id", "negotiated", "source_row").write().parquet(pq.toString());
      InterpreterHarness.Run p = other.drugs("load " + pq);
      assertTrue(p.ok(), p.text());
      assertTrue(p.text().contains("加载 10 行"), p.text());
      assertEquals("3000", other.drugs("manufacturers concentration").cell("HHI", "全部产品"));
    } finally {
      other.close();
    }
  }
}
