package medinsight.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TabularSourceTest {
  static final String HEADER = "产品编码,药品名称,生产企业,备注\r\n";
  /** Chinese text as product lists hold it: full-width punctuation, quotes, tabs, a rare character or two. */
  static final String ROW = "%d,阿莫西林胶囊（0.25g×24粒）,“康宁”制药（集团）有限公司,\"限儿童，\t需“说明”；\n住院使用\"\r\n";

  private static byte[] text(Charset cs, String extra, int rows) {
    StringBuilder b = new StringBuilder(HEADER);
    for (int i = 0; i < rows; i++) {
      b.append(String.format(ROW, i)).append(extra);
    }
    return b.toString().getBytes(cs);
  }

  private static List<TabularSource.Record> read(byte[] bytes) {
    List<TabularSource.Record> out = new ArrayList<>();
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(bytes), "t.csv")) {
      Iterator<TabularSource.Record> it = t.records();
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  @Test
  void chineseTextIsNeverTakenForBinary() {
    // more than the 64 KiB sample, so that it ends inside a character
    Object[][] cases = {
      {StandardCharsets.UTF_8, "", "UTF-8"},
      {Charset.forName("GBK"), "", "GB18030"},
      {Charset.forName("GB18030"), "𠀀䶮,㐀,甲,乙\r\n", "GB18030"},
    };
    for (Object[] c : cases) {
      Charset cs = (Charset) c[0];
      byte[] bytes = text(cs, (String) c[1], 800);
      assertTrue(bytes.length > TabularSource.SAMPLE, cs.name());
      assertEquals(-1, TabularSource.binaryAt(bytes, TabularSource.SAMPLE), cs.name());
      assertEquals(-1, TabularSource.binaryAt(bytes, bytes.length), cs.name());
      try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(bytes), "t.csv")) {
        assertEquals(c[2], t.encoding);
        assertEquals("药品名称", t.header[1]);
      }
      List<TabularSource.Record> rows = read(bytes);
      assertEquals(800 * (((String) c[1]).isEmpty() ? 1 : 2), rows.size(), cs.name());
      assertEquals("“康宁”制药（集团）有限公司", rows.get(0).values[2]);
      assertNull(rows.get(0).error);
    }
    byte[] bom = ("\uFEFF" + HEADER + String.format(ROW, 1) + "\u001A").getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, TabularSource.binaryAt(bom, bom.length));
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(bom), "b.csv")) {
      assertEquals("产品编码", t.header[0]);
    }
  }

  @Test
  void binaryContentIsFoundWithItsOffset() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    assertEquals(8, TabularSource.binaryAt(png, png.length));
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 8, 0};
    assertEquals(2, TabularSource.binaryAt(zip, zip.length));
    // random bytes with every NUL taken out are still binary by their share of control bytes
    byte[] noise = new byte[4096];
    new Random(5).nextBytes(noise);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = noise[i] == 0 ? 1 : noise[i];
    }
    assertTrue(TabularSource.binaryAt(noise, noise.length) >= 0);
    LoadException e = assertThrows(LoadException.class, () -> read(noise));
    assertTrue(e.getMessage().startsWith("文件 t.csv 不是文本文件（第 "), e.getMessage());
    LoadException z = assertThrows(LoadException.class, () -> read(zip));
    assertEquals("文件 t.csv 不是文本文件（第 3 个字节起为二进制内容），无法作为 CSV 读取：是 zip 压缩包；"
        + "xlsx 工作簿也是这种格式，请以 .xlsx 结尾的路径加载。", z.getMessage());
    // one stray control byte in a text is no reason to refuse it
    byte[] stray = (HEADER + String.format(ROW, 1).replace("住院", "住\u0002院")).getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, TabularSource.binaryAt(stray, stray.length));
  }

  @Test
  void wideHeaderIsCountedEvenPastTheSample() {
    StringBuilder h = new StringBuilder("\"名称,含逗号\"");
    for (int i = 1; i < 600; i++) {
      h.append(",c").append(i);
    }
    LoadException e = assertThrows(LoadException.class,
        () -> read((h + "\n1,2\n").getBytes(StandardCharsets.UTF_8)));
    assertEquals("文件 t.csv 的表头有 600 列，超过上限 512 列。现有数据保持不变。", e.getMessage());
    // a header longer than the sample is read on to count it
    StringBuilder longer = new StringBuilder("a");
    for (int i = 1; i < 20_000; i++) {
      longer.append(",一个很长的列名").append(i);
    }
    assertTrue(longer.toString().getBytes(StandardCharsets.UTF_8).length > 4 * TabularSource.SAMPLE);
    LoadException l = assertThrows(LoadException.class,
        () -> read((longer + "\n1,2\n").getBytes(StandardCharsets.UTF_8)));
    assertEquals("文件 t.csv 的表头有 20000 列，超过上限 512 列。现有数据保持不变。", l.getMessage());
    // a header of 512 columns longer than the sample still reads, and its records after it
    StringBuilder wide = new StringBuilder("药品名称" + "x".repeat(70_000));
    for (int i = 1; i < 512; i++) {
      wide.append(",c").append(i);
    }
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream((wide + "\n1,2\n3,4\n").getBytes(StandardCharsets.UTF_8)), "t.csv")) {
      assertEquals(512, t.header.length);
      TabularSource.Record first = t.records().next();
      assertEquals(2, first.row);
      assertEquals("1", first.values[0]);
    }
  }

  @Test
  void longCellMarksItsRecordAndReadingGoesOn() {
    String csv = HEADER + "1,甲,乙,丙\r\n2,甲," + "长".repeat(70_000) + ",丙\r\n3,甲,乙,丙\r\n";
    List<TabularSource.Record> rows = read(csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(3, rows.size());
    assertNull(rows.get(0).error);
    assertEquals(3, rows.get(1).row);
    assertEquals("第 3 列有 70000 个字符，超过上限 65536", rows.get(1).error);
    assertNull(rows.get(2).error);

    String beyond = HEADER + "1,甲,乙,丙\r\n2,甲,乙," + "x".repeat(TabularSource.PARSER_CELL_CHARS + 1) + "\r\n";
    LoadException e = assertThrows(LoadException.class, () -> read(beyond.getBytes(StandardCharsets.UTF_8)));
    assertEquals("CSV 文件 t.csv 第 3 行第 4 列的单元格超过 1048576 个字符，无法读取。现有数据保持不变。", e.getMessage());
  }

  @Test
  void nulPastTheSampleMarksItsRecord() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(text(StandardCharsets.UTF_8, "", 800));
    b.write("9999,甲\0\0乙,乙,丙\r\n".getBytes(StandardCharsets.UTF_8));
    List<TabularSource.Record> rows = read(b.toByteArray());
    assertEquals("第 2 列含有 NUL 字符（二进制内容）", rows.get(rows.size() - 1).error);
  }

  @Test
  void utf16IsNamed() {
    byte[] bytes = ("\uFEFF" + HEADER).getBytes(StandardCharsets.UTF_16LE);
    LoadException e = assertThrows(LoadException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
  }
}
