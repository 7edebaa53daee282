package medinsight.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import medinsight.analysis.ResultTable;

/**
 * Renders a {@link ResultTable} as Zeppelin's {@code %table}: tab-separated, headers in the chosen
 * language, percentages as numbers with a "(%)" header so Zeppelin's charts still read them, and a
 * visible notice when rows are cut by {@code drugs.maxResult}.
 */
public final class TableRenderer {
  private TableRenderer() {}

  public static String header(ResultTable.Column c, Labels.Lang lang) {
    String label = Labels.of(c.key, lang);
    return c.type == ResultTable.Type.PERCENT ? label + "(%)" : label;
  }

  /** The %table text followed by the notes and any truncation notice, each on a %text line. */
  public static String render(ResultTable t, Labels.Lang lang, int maxResult) {
    StringBuilder b = new StringBuilder("%table ");
    List<ResultTable.Column> cols = t.columns();
    for (int i = 0; i < cols.size(); i++) {
      if (i > 0) {
        b.append('\t');
      }
      b.append(cell(t.hasRawHeaders() ? cols.get(i).key : header(cols.get(i), lang)));
    }
    b.append('\n');
    int shown = 0;
    for (Object[] row : t.rows()) {
      if (shown >= maxResult) {
        break;
      }
      for (int i = 0; i < cols.size(); i++) {
        if (i > 0) {
          b.append('\t');
        }
        b.append(format(row[i], cols.get(i).type));
      }
      b.append('\n');
      shown++;
    }
    StringBuilder after = new StringBuilder();
    long total = t.totalRows();
    if (t.rows().isEmpty()) {
      // a table with its header alone reads as a failure: say there is nothing
      after.append(Labels.text("table.empty", lang)).append('\n');
    }
    if (total > shown) {
      after.append(Labels.text("table.cut", lang, total, shown)).append('\n');
    }
    for (String note : t.notes()) {
      after.append(text(note)).append('\n');
    }
    if (after.length() > 0) {
      // Zeppelin starts a new result only after a blank line that ends a table
      b.append("\n%text ").append(after);
    }
    return b.toString();
  }

  /**
   * Appends one result ({@code %table …} or {@code %text …}) to a paragraph's output. Zeppelin
   * starts a new result after a table only at a blank line, so one is put between results.
   */
  public static void appendResult(StringBuilder out, String result) {
    if (out.length() > 0) {
      if (out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
      if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
        out.append('\n');
      }
    }
    out.append(result);
  }

  /** A value as shown in a %table cell. */
  public static String format(Object v, ResultTable.Type type) {
    if (v == null) {
      return "";
    }
    switch (type) {
      case PERCENT:
        return plain(((Number) v).doubleValue() * 100, Math.abs(((Number) v).doubleValue()) < 0.01 ? 2 : 1);
      case NUMBER:
        return plain(((Number) v).doubleValue(), 4);
      case MONEY:
        return plain(((Number) v).doubleValue(), 2);
      case COUNT:
        return String.valueOf(((Number) v).longValue());
      case DATE:
        return v instanceof LocalDate ? v.toString() : String.valueOf(v);
      default:
        return cell(String.valueOf(v));
    }
  }

  private static String plain(double d, int scale) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "";
    }
    String s = BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /**
   * Put before a value that starts with {@code %}: Zeppelin's table draws a cell that starts with
   * {@code %html} as HTML, and its output parser starts a new result at a line that starts with
   * {@code %type}. With this invisible mark in front, the value shows as the text it is.
   */
  public static final char INERT = '\u200B';

  /** Tabs and line breaks would break the table's layout; a leading {@code %} is made inert. */
  public static String cell(String s) {
    String flat = s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    return flat.startsWith("%") ? INERT + flat : flat;
  }

  /** Text for a {@code %text} result: every line that starts with {@code %} is made inert. */
  public static String text(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length() + 8);
    boolean lineStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (lineStart && c == '%') {
        b.append(INERT);
      }
      b.append(c);
      lineStart = c == '\n' || c == '\r';
    }
    return b.toString();
  }
}
