package medinsight.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * xlsx through POI's streaming workbook: a window of rows in memory, the rest in compressed
 * temporary files, so a table of millions of rows fits. One sheet per table; a table longer than
 * a sheet (1,048,575 rows under the header) goes on in a further sheet, "name (2)", with the
 * header repeated. Cells keep their kind: numbers are numbers, dates are dates.
 */
final class XlsxExport {
  static final int SHEET_ROWS = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
  private static final int CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

  private final int rowsPerSheet;
  private long truncatedCells;
  private int sheets;

  XlsxExport() {
    this(SHEET_ROWS);
  }

  /** A smaller sheet, so tests can see a table go on in the next sheet. */
  XlsxExport(int rowsPerSheet) {
    this.rowsPerSheet = rowsPerSheet;
  }

  /** Sheets written: one per table, more for a table longer than a sheet. */
  int sheets() {
    return sheets;
  }

  /** Text cells cut at Excel's 32,767 characters. */
  long truncatedCells() {
    return truncatedCells;
  }

  void write(List<ExportTable> tables, OutputStream out, Progress progress) throws IOException {
    SXSSFWorkbook wb = new SXSSFWorkbook(200);
    wb.setCompressTempFiles(true);
    try {
      CellStyle head = wb.createCellStyle();
      Font bold = wb.createFont();
      bold.setBold(true);
      head.setFont(bold);
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle time = wb.createCellStyle();
      time.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      Set<String> names = new HashSet<>();
      for (ExportTable t : tables) {
        int part = 1;
        SXSSFSheet sheet = sheet(wb, names, t, part, head);
        int r = 1;
        for (Iterator<Object[]> it = t.rows(); it.hasNext(); ) {
          Object[] values = it.next();
          if (r > rowsPerSheet) {
            sheet = sheet(wb, names, t, ++part, head);
            r = 1;
          }
          Row row = sheet.createRow(r++);
          for (int i = 0; i < values.length; i++) {
            cell(row, i, values[i], date, time);
          }
          progress.row();
        }
      }
      wb.write(out);
    } finally {
      wb.dispose();
      wb.close();
    }
  }

  private SXSSFSheet sheet(SXSSFWorkbook wb, Set<String> names, ExportTable t, int part, CellStyle head) {
    String suffix = part == 1 ? "" : " (" + part + ")";
    String base = WorkbookUtil.createSafeSheetName(t.name == null || t.name.isBlank() ? "Sheet" : t.name);
    String name = cut(base, 31 - suffix.length()) + suffix;
    for (int i = 2; !names.add(name.toLowerCase(Locale.ROOT)); i++) {
      String s = suffix + "~" + i;
      name = cut(base, 31 - s.length()) + s;
    }
    SXSSFSheet sheet = wb.createSheet(name);
    sheets++;
    Row row = sheet.createRow(0);
    for (int i = 0; i < t.headers.size(); i++) {
      Cell c = row.createCell(i);
      c.setCellValue(t.headers.get(i));
      c.setCellStyle(head);
      // wide enough for the header; Chinese characters take two widths
      int width = 0;
      for (char ch : t.headers.get(i).toCharArray()) {
        width += ch > 0x2E80 ? 2 : 1;
      }
      sheet.setColumnWidth(i, Math.min(60, Math.max(10, width + 2)) * 256);
    }
    sheet.createFreezePane(0, 1);
    return sheet;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private void cell(Row row, int i, Object v, CellStyle date, CellStyle time) {
    if (v == null || (v instanceof Double && !Double.isFinite((Double) v))) {
      return; // empty, as on screen
    }
    Cell c = row.createCell(i);
    if (v instanceof Long) {
      c.setCellValue(((Long) v).doubleValue());
    } else if (v instanceof Double) {
      c.setCellValue((Double) v);
    } else if (v instanceof BigDecimal) {
      c.setCellValue(((BigDecimal) v).doubleValue());
    } else if (v instanceof Boolean) {
      c.setCellValue((Boolean) v);
    } else if (v instanceof LocalDate) {
      c.setCellValue((LocalDate) v);
      c.setCellStyle(date);
    } else if (v instanceof LocalDateTime) {
      c.setCellValue((LocalDateTime) v);
      c.setCellStyle(time);
    } else {
      String s = String.valueOf(v);
      if (s.length() > CELL_CHARS) {
        s = s.substring(0, CELL_CHARS);
        truncatedCells++;
      }
      c.setCellValue(s);
    }
  }
}
