package medinsight.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import medinsight.analysis.ResultTable;
import medinsight.core.UserException;
import medinsight.render.Labels;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The file formats' rules, without Spark: cells, units, sheets. */
class ExportFormatsTest {
  @Test
  void csvCellsNeutraliseFormulasButNotNumbers() {
    assertEquals("'=1+1", CsvExport.cell("=1+1"));
    assertEquals("'+8610", CsvExport.cell("+8610"));
    assertEquals("'-x", CsvExport.cell("-x"));
    assertEquals("'@SUM(A1)", CsvExport.cell("@SUM(A1)"));
    assertEquals("'\tx", CsvExport.cell("\tx"));
    assertEquals("'\rx", CsvExport.cell("\rx"));
    assertEquals("a=b", CsvExport.cell("a=b"));
    assertEquals("-5", CsvExport.cell(-5L));
    assertEquals("-0.25", CsvExport.cell(-0.25));
    assertEquals("0.0000001", CsvExport.cell(1e-7));
    assertEquals("3", CsvExport.cell(3.0));
    assertNull(CsvExport.cell(Double.NaN));
    assertEquals("2025-01-02", CsvExport.cell(LocalDate.of(2025, 1, 2)));
  }

  @Test
  void percentagesKeepTheScreensUnitWithEveryDigit() {
    assertEquals(new BigDecimal("28.1"), ExportTable.value(0.281, ResultTable.Type.PERCENT));
    assertEquals(new BigDecimal("12.3456789"), ExportTable.value(0.123456789, ResultTable.Type.PERCENT));
    assertEquals(3L, ExportTable.value(3, ResultTable.Type.COUNT));
    assertNull(ExportTable.value(Double.NaN, ResultTable.Type.NUMBER));
  }

  @Test
  void headersAreTheScreensAndNeverRepeat() {
    ResultTable t = new ResultTable("t").text("drug_type").text("medicine_type").percent("share");
    assertEquals(List.of("药品类型", "药品类型_2", "占比(%)"), ExportTable.of(t, Labels.Lang.ZH).headers);
    assertEquals(List.of("Drug type", "Medicine type", "Share(%)"), ExportTable.of(t, Labels.Lang.EN).headers);
  }

  @Test
  void aTableLongerThanASheetGoesOnInTheNextSheet() throws Exception {
    ResultTable t = new ResultTable("企业/份额").text("manufacturer").count("products").percent("share");
    for (int i = 0; i < 7; i++) {
      t.add("企业" + i, (long) i, i / 100.0);
    }
    XlsxExport x = new XlsxExport(3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Progress p = new Progress(7, () -> false, v -> { });
    x.write(List.of(ExportTable.of(t, Labels.Lang.ZH)), out, p);
    assertEquals(7, p.done());
    assertEquals(3, x.sheets());
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertEquals(3, wb.getNumberOfSheets());
      List<String> names = new ArrayList<>();
      int rows = 0;
      for (Sheet s : wb) {
        names.add(s.getSheetName());
        assertEquals("生产企业", s.getRow(0).getCell(0).getStringCellValue());
        rows += s.getLastRowNum();
      }
      assertEquals(List.of("企业 份额", "企业 份额 (2)", "企业 份额 (3)"), names);
      assertEquals(7, rows);
      assertEquals("企业6", wb.getSheetAt(2).getRow(1).getCell(0).getStringCellValue());
      assertEquals(6.0, wb.getSheetAt(2).getRow(1).getCell(2).getNumericCellValue(), 1e-9);
    }
  }

  @Test
  void progressCountsRowsAndStopsWhenCancelled() {
    List<Integer> reported = new ArrayList<>();
    boolean[] cancel = {false};
    Progress p = new Progress(4, () -> cancel[0], reported::add);
    p.row();
    p.row();
    // from 0, which the export reported when its target was opened (ExportProgressTest)
    assertEquals(List.of(25, 50), reported);
    cancel[0] = true;
    assertEquals("已取消。", assertThrows(UserException.class, p::row).getMessage());
  }

  @Test
  void formatFromTheOptionOrTheExtension() {
    assertEquals(Exporter.Format.CSV, Exporter.format("auto", "a.CSV"));
    assertEquals(Exporter.Format.XLSX, Exporter.format(null, "a.xlsx"));
    assertEquals(Exporter.Format.PARQUET, Exporter.format("parquet", "a.data"));
    assertThrows(UserException.class, () -> Exporter.format("auto", "a.txt"));
  }
}
