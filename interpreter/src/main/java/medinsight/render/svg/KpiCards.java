package medinsight.render.svg;

import java.util.List;
import medinsight.analysis.ResultTable;
import medinsight.render.Labels;

/**
 * Key figures as cards: one card per column of a one-row table (the {@code kpi} result), the
 * label above a big number, a bar under shares. Numbers are the table's own values, formatted as
 * in {@code %table} with thousands separators.
 */
public final class KpiCards {
  static final double WIDTH = 960;
  static final double GAP = 16;
  static final double CARD_HEIGHT = 104;
  static final int PER_ROW = 4;

  private KpiCards() {}

  public static String render(ResultTable t, Labels.Lang lang, Theme theme) {
    if (t.size() != 1) {
      throw new IllegalArgumentException("KPI cards take a one-row table, not " + t.size() + " rows");
    }
    List<ResultTable.Column> cols = t.columns();
    Object[] row = t.rows().get(0);
    int n = cols.size();
    int perRow = Math.min(PER_ROW, n);
    int rows = (n + perRow - 1) / perRow;
    double cw = (WIDTH - (perRow - 1) * GAP) / perRow;
    List<String> note = t.notes().isEmpty() ? List.of() : TextFit.wrap(String.join(" ", t.notes()), 11, WIDTH, 2);
    double height = rows * CARD_HEIGHT + (rows - 1) * GAP + (note.isEmpty() ? 2 : 10 + note.size() * 16);
    Svg s = new Svg(WIDTH, height, t.title(), theme);
    for (int i = 0; i < n; i++) {
      ResultTable.Column c = cols.get(i);
      double x = (i % perRow) * (cw + GAP);
      double y = (i / perRow) * (CARD_HEIGHT + GAP);
      String label = Labels.of(c.key, lang);
      String value = Fmt.value(row[i], c.type);
      String accent = Theme.category(i);
      s.open("g", "class", "kpi");
      s.title(label + "：" + value);
      s.tag("rect", "x", x + 0.5, "y", y + 0.5, "width", cw - 1, "height", CARD_HEIGHT - 1, "rx", 8, "fill", theme.panel,
          "stroke", theme.grid);
      s.tag("rect", "x", x + 0.5, "y", y + 16, "width", 4, "height", CARD_HEIGHT - 32, "fill", accent);
      s.label(x + 20, y + 30, label, 13, cw - 36, "class", "kpi-label", "fill", theme.muted);
      // the number is never cut: a long one is set smaller
      double size = Math.min(32, (cw - 40) / TextFit.width(value, 1.05));
      s.text(x + 20, y + 72, value, "class", "kpi-value", "font-size", size, "font-weight", 700);
      if (c.type == ResultTable.Type.PERCENT && row[i] != null) {
        double share = Math.max(0, Math.min(1, ((Number) row[i]).doubleValue()));
        double bw = cw - 40;
        s.tag("rect", "x", x + 20, "y", y + CARD_HEIGHT - 20, "width", bw, "height", 6, "rx", 3, "fill", theme.grid);
        s.tag("rect", "x", x + 20, "y", y + CARD_HEIGHT - 20, "width", bw * share, "height", 6, "rx", 3, "fill", accent);
      }
      s.close("g");
      if (t.isSample(c.key)) {
        s.badge(x + cw - 8, y + 6, Labels.text("sample.badge", lang));
      }
    }
    double ny = rows * CARD_HEIGHT + (rows - 1) * GAP + 20;
    for (String line : note) {
      s.text(0, ny, line, "font-size", 11, "fill", theme.muted);
      ny += 16;
    }
    return s.done();
  }
}
