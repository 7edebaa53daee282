package medinsight.export;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;

/**
 * CSV as Excel reads it: UTF-8 with a byte-order mark (so Chinese opens correctly), RFC 4180
 * quoting, CRLF line ends. Text that a spreadsheet would take for a formula is neutralised.
 */
final class CsvExport {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private CsvExport() {}

  static void write(ExportTable t, OutputStream out, Progress progress) throws IOException {
    out.write(BOM);
    CsvWriterSettings s = new CsvWriterSettings();
    s.getFormat().setLineSeparator("\r\n");
    // values are written exactly: no trimming, quotes doubled, line breaks inside values kept as they are
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setQuoteEscapingEnabled(true);
    s.setNormalizeLineEndingsWithinQuotes(false);
    CsvWriter w = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16), s);
    try {
      String[] cells = new String[t.headers.size()];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = neutralise(t.headers.get(i));
      }
      w.writeRow((Object[]) cells);
      for (Iterator<Object[]> it = t.rows(); it.hasNext(); ) {
        Object[] r = it.next();
        for (int i = 0; i < cells.length; i++) {
          cells[i] = cell(r[i]);
        }
        w.writeRow((Object[]) cells);
        progress.row();
      }
    } finally {
      w.close();
    }
  }

  /**
   * Numbers in plain notation (never 1.0E-5; NaN and infinities empty, as on screen), so a negative
   * number stays a number; text neutralised.
   */
  static String cell(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Double) {
      double d = (Double) v;
      return Double.isFinite(d) ? plain(BigDecimal.valueOf(d)) : null;
    }
    if (v instanceof BigDecimal) {
      return plain((BigDecimal) v);
    }
    if (v instanceof Boolean || v instanceof LocalDate) {
      return v.toString();
    }
    if (v instanceof LocalDateTime) {
      return v.toString().replace('T', ' ');
    }
    return neutralise(String.valueOf(v));
  }

  private static String plain(BigDecimal d) {
    String s = d.stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /**
   * A text cell that begins with =, +, -, @, a tab or a carriage return gets a leading single
   * quote, so a spreadsheet shows it as text instead of running it as a formula (OWASP's advice
   * on CSV injection).
   */
  static String neutralise(String s) {
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      return "'" + s;
    }
    return s;
  }
}
