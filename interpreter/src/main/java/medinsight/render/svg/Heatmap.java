package medinsight.render.svg;

import java.util.ArrayList;
import java.util.List;
import medinsight.analysis.ResultTable;
import medinsight.render.Labels;

/**
 * A heatmap of counts: one row per level, one column per dosage form (the {@code matrix} result
 * turned on its side, so that a wide paragraph holds it). Colour runs on the square root of the
 * count, so the many small cells are told apart next to the two large forms; the legend's ticks
 * are placed on the same scale. Counts are written in the cells, in black or white, whichever
 * contrasts more with the cell.
 */
public final class Heatmap {
  static final double CELL_HEIGHT = 38;
  static final double HEADER = 44;
  static final double LEGEND_STEPS = 40;

  /** What to draw: row and column labels, counts by row and column, the caption. */
  public static final class Data {
    final List<String> rows;
    final List<String> cols;
    final long[][] values;
    final String valueLabel;
    final String colLabel;
    final List<String> notes;

    public Data(List<String> rows, List<String> cols, long[][] values, String valueLabel, String colLabel, List<String> notes) {
      if (values.length != rows.size()) {
        throw new IllegalArgumentException(values.length + " rows of values for " + rows.size() + " row labels");
      }
      for (long[] r : values) {
        if (r.length != cols.size()) {
          throw new IllegalArgumentException(r.length + " values for " + cols.size() + " columns");
        }
      }
      this.rows = rows;
      this.cols = cols;
      this.values = values;
      this.valueLabel = valueLabel;
      this.colLabel = colLabel;
      this.notes = notes;
    }
  }

  private Heatmap() {}

  /**
   * From the {@code matrix} table: its first column names the forms, every count column but the
   * total is a level.
   */
  public static Data fromMatrix(ResultTable m, Labels.Lang lang) {
    List<ResultTable.Column> cols = m.columns();
    List<Integer> levelCols = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int i = 1; i < cols.size(); i++) {
      if (cols.get(i).type == ResultTable.Type.COUNT && !cols.get(i).key.equals("products")) {
        levelCols.add(i);
        rows.add(Labels.of(cols.get(i).key, lang));
      }
    }
    List<String> forms = new ArrayList<>();
    long[][] v = new long[rows.size()][m.size()];
    for (int j = 0; j < m.size(); j++) {
      Object[] r = m.rows().get(j);
      forms.add(String.valueOf(r[0]));
      for (int i = 0; i < levelCols.size(); i++) {
        v[i][j] = r[levelCols.get(i)] == null ? 0 : ((Number) r[levelCols.get(i)]).longValue();
      }
    }
    return new Data(rows, forms, v, Labels.of("products", lang), Labels.of(cols.get(0).key, lang), m.notes());
  }

  /** Colour position of a count: square root of its share of the largest count. */
  static double position(long v, long max) {
    return max <= 0 ? 0 : Math.sqrt((double) v / max);
  }

  public static String render(Data d, Labels.Lang lang, Theme theme) {
    int nr = d.rows.size();
    int nc = d.cols.size();
    double left = 16;
    for (String r : d.rows) {
      left = Math.max(left, TextFit.width(r, 13) + 14);
    }
    left = Math.min(left, 120);
    double cellW = nc == 0 ? 60 : Math.max(44, Math.min(72, (960 - left - 8) / nc));
    double width = Math.max(420, left + nc * cellW + 8);
    double top = HEADER;
    double gridBottom = top + nr * CELL_HEIGHT;
    double totalsY = gridBottom + 18;
    double legendY = totalsY + 22;
    List<String> notes = d.notes.isEmpty() ? List.of() : TextFit.wrap(String.join(" ", d.notes), 11, width, 2);
    double height = legendY + 34 + notes.size() * 16;
    long max = 0;
    long[] totals = new long[nc];
    for (long[] r : d.values) {
      for (int j = 0; j < nc; j++) {
        max = Math.max(max, r[j]);
        totals[j] += r[j];
      }
    }
    Svg s = new Svg(width, height, d.colLabel + " × " + String.join("/", d.rows), theme);
    // column headers: form names on up to two lines, cut with … beyond
    for (int j = 0; j < nc; j++) {
      String name = d.cols.get(j);
      List<String> lines = TextFit.wrap(name, 12, cellW - 6, 2);
      double cx = left + j * cellW + cellW / 2;
      double y0 = top - 8 - (lines.size() - 1) * 15;
      s.open("g", "class", "col-label", "text-anchor", "middle", "font-size", 12);
      if (lines.size() != 1 || !lines.get(0).equals(name)) {
        s.title(name);
      }
      for (int k = 0; k < lines.size(); k++) {
        s.text(cx, y0 + k * 15, lines.get(k));
      }
      s.close("g");
    }
    s.label(left - 10, top - 8, d.colLabel, 11, left - 12, "text-anchor", "end", "fill", theme.muted);
    for (int i = 0; i < nr; i++) {
      s.label(left - 10, top + i * CELL_HEIGHT + CELL_HEIGHT / 2 + 4.5, d.rows.get(i), 13, left - 14, "class", "row-label",
          "text-anchor", "end");
    }
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < nc; j++) {
        long v = d.values[i][j];
        String fill = theme.scale(position(v, max));
        double x = left + j * cellW;
        double y = top + i * CELL_HEIGHT;
        s.open("rect", "class", "cell", "x", x, "y", y, "width", cellW, "height", CELL_HEIGHT, "fill", fill,
            "stroke", theme.page, "stroke-width", 1);
        s.title(d.cols.get(j) + " · " + d.rows.get(i) + "：" + Fmt.count(v) + " " + d.valueLabel
            + (totals[j] > 0 ? Labels.text("chart.heatmap.column_share", lang, Fmt.percent((double) v / totals[j])) : ""));
        s.close("rect");
        String text = Fmt.count(v);
        if (TextFit.width(text, 11) > cellW - 4) {
          text = String.valueOf(v);
        }
        s.label(x + cellW / 2, y + CELL_HEIGHT / 2 + 4, text, 11, cellW - 4, "text-anchor", "middle", "fill", Theme.textOn(fill),
            "pointer-events", "none");
      }
    }
    // totals under the grid, the sum of each column
    s.label(left - 10, totalsY, Labels.text("chart.heatmap.total", lang), 11, left - 14, "text-anchor", "end", "fill", theme.muted);
    for (int j = 0; j < nc; j++) {
      String text = Fmt.count(totals[j]);
      if (TextFit.width(text, 11) > cellW - 4) {
        text = String.valueOf(totals[j]);
      }
      s.label(left + j * cellW + cellW / 2, totalsY, text, 11, cellW - 2, "class", "total", "text-anchor", "middle",
          "fill", theme.muted);
    }
    // legend: the scale in steps, with ticks at round counts placed on the square-root scale
    double lx = left;
    double lw = Math.min(320, width - left - 8);
    s.label(lx, legendY + 4, d.valueLabel, 11, 80, "fill", theme.muted);
    double bx = lx + Math.min(80, TextFit.width(d.valueLabel, 11) + 10);
    double bw = lw - (bx - lx);
    s.open("g", "class", "legend");
    for (int k = 0; k < LEGEND_STEPS; k++) {
      s.tag("rect", "x", bx + k * bw / LEGEND_STEPS, "y", legendY - 6, "width", bw / LEGEND_STEPS + 0.3, "height", 12,
          "fill", theme.scale((k + 0.5) / LEGEND_STEPS));
    }
    s.close("g");
    for (long tick : ticks(max)) {
      double tx = bx + position(tick, max) * bw;
      s.tag("line", "x1", tx, "x2", tx, "y1", legendY + 6, "y2", legendY + 10, "stroke", theme.muted);
      s.text(tx, legendY + 22, Fmt.count(tick), "font-size", 10, "text-anchor", "middle", "fill", theme.muted);
    }
    double ny = legendY + 46;
    for (String line : notes) {
      s.text(0, ny, line, "font-size", 11, "fill", theme.muted);
      ny += 16;
    }
    return s.done();
  }

  /** 0, round counts at a quarter, half and three quarters of the scale, and the largest count. */
  static List<Long> ticks(long max) {
    List<Long> out = new ArrayList<>();
    out.add(0L);
    if (max <= 0) {
      return out;
    }
    for (double t : new double[] {0.25, 0.5, 0.75}) {
      long v = round(max * t * t);
      if (v > out.get(out.size() - 1) && position(v, max) < 0.9) {
        out.add(v);
      }
    }
    out.add(max);
    return out;
  }

  /** A count rounded to one or two significant digits. */
  static long round(double v) {
    if (v < 10) {
      return Math.round(v);
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)) - (v >= 1000 ? 1 : 0));
    return Math.round(Math.round(v / p) * p);
  }
}
