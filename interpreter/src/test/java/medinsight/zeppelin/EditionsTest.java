package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second edition in the same workbook layout, loaded next to the bundled one and compared. */
class EditionsTest {
  @TempDir
  Path dir;

  @Test
  void loadASecondEditionAndDiff() throws Exception {
    Path next = dir.resolve("nrdl-2025.xlsx");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("medinsight/data/nrdl-2024/nrdl-2024.xlsx");
         XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet s = wb.getSheet("西药部分");
      DataFormatter f = new DataFormatter(Locale.ROOT);
      for (Row r : s) {
        String number = f.formatCellValue(r.getCell(12)).trim();
        if (number.equals("1")) {
          r.getCell(11).setCellValue("乙");           // 复方硼砂: 甲 → 乙
        } else if (number.equals("2")) {
          for (int i = 11; i <= 16; i++) {             // 糠甾醇: gone
            if (r.getCell(i) != null) {
              r.getCell(i).setBlank();
            }
          }
        } else if (number.equals("3")) {
          r.createCell(16).setCellValue("限儿童。");   // 克霉唑: a new restriction
        }
      }
      try (OutputStream out = Files.newOutputStream(next)) {
        wb.write(out);
      }
    }
    try (InterpreterHarness h = new InterpreterHarness(new Properties())) {
      InterpreterHarness.Run load = h.drugs("load " + next + " --as catalog --edition 2025");
      assertTrue(load.ok(), load.text());
      assertTrue(load.text().contains("已替换此前加载的 2025 年版"), "the bundled 2025 edition is replaced, and said so: " + load.text());
      InterpreterHarness.Run diff = h.drugs("diff 2024 2025");
      assertTrue(diff.ok(), diff.text());
      assertEquals("1", diff.cell("调出", "西药"));
      assertEquals("1", diff.cell("甲乙调整", "西药"));
      assertEquals("1", diff.cell("支付范围调整", "西药"));
      assertEquals("0", diff.cell("新增·常规", "西药"));
      assertEquals("0", diff.cell("调出", "中成药"));
      // the newest edition is the current catalog
      assertEquals("1397", h.drugs("levels --by variety").cell("品种数", "西药", "小计"));
      InterpreterHarness.Run missing = h.drugs("diff 2023 2025");
      assertFalse(missing.ok());
      assertTrue(missing.error().contains("没有加载 2023 年版目录"), missing.error());
      assertTrue(h.drugs("quality").text().contains("目录 2025"));
    }
  }
}
