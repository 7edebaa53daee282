package medinsight.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a Zeppelin {@code %table} result and its paragraph's chart settings (the {@code graph}
 * object Zeppelin keeps per result: mode, keys, groups, values with their aggregation) into an
 * ECharts option, so that a published page draws the chart the note shows. The same pivot as
 * Zeppelin's: one category per key value, one series per group value (or per value column), the
 * values aggregated.
 */
public final class ChartOptions {
  private ChartOptions() {}

  /** The most points (categories × series) a chart is drawn with; a larger result is shown as a table. */
  static final int MAX_POINTS = 20_000;

  /** A parsed {@code %table} result: header and rows of cells. */
  public static final class Table {
    public final List<String> header;
    public final List<String[]> rows;

    Table(List<String> header, List<String[]> rows) {
      this.header = header;
      this.rows = rows;
    }

    public static Table parse(String tsv) {
      List<String> header = new ArrayList<>();
      List<String[]> rows = new ArrayList<>();
      for (String line : tsv.split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (header.isEmpty()) {
          header.addAll(List.of(cells));
        } else {
          rows.add(cells);
        }
      }
      return new Table(header, rows);
    }

    String cell(String[] row, int i) {
      return i < row.length ? row[i] : "";
    }
  }

  /** The chart modes a published page draws; anything else is shown as a table. */
  public static boolean drawable(String mode) {
    return List.of("multiBarChart", "pieChart", "lineChart", "stackedAreaChart", "scatterChart").contains(mode);
  }

  /** The ECharts option for a table and its graph settings, or null when it is shown as a table. */
  public static JsonObject option(Table t, JsonObject graph) {
    String mode = graph == null || !graph.has("mode") ? "table" : graph.get("mode").getAsString();
    if (!drawable(mode) || t.rows.isEmpty()) {
      return null;
    }
    if ("scatterChart".equals(mode)) {
      return scatter(t, graph);
    }
    List<int[]> keys = columns(t, graph, "keys");
    List<int[]> groups = columns(t, graph, "groups");
    List<int[]> values = columns(t, graph, "values");
    List<String> aggrs = aggregations(graph);
    if (values.isEmpty()) {
      return null;
    }
    // category → series → values
    Map<String, Map<String, List<Double>>> pivot = new LinkedHashMap<>();
    List<String> seriesNames = new ArrayList<>();
    Map<String, String> seriesAggr = new LinkedHashMap<>();
    for (String[] row : t.rows) {
      String category = join(t, row, keys);
      String group = join(t, row, groups);
      for (int v = 0; v < values.size(); v++) {
        String name = groups.isEmpty() ? t.header.get(values.get(v)[0])
            : values.size() == 1 ? group : group + " · " + t.header.get(values.get(v)[0]);
        if (!seriesAggr.containsKey(name)) {
          seriesNames.add(name);
          seriesAggr.put(name, aggrs.get(v));
        }
        Double d = number(t.cell(row, values.get(v)[0]));
        List<Double> cell = pivot.computeIfAbsent(category, k -> new LinkedHashMap<>()).computeIfAbsent(name, k -> new ArrayList<>());
        if (d != null) {
          cell.add(d);
        }
      }
    }
    // one point a category and series: a table whose every row is a category and a series of its
    // own would make rows² points (20,000 rows: 400 million), too many to draw and to hold
    if ((long) pivot.size() * seriesNames.size() > MAX_POINTS) {
      return null;
    }
    JsonObject o = base("pieChart".equals(mode) ? "item" : "axis");
    JsonObject tooltip = o.getAsJsonObject("tooltip");
    if ("pieChart".equals(mode)) {
      tooltip.addProperty("formatter", "{b}：{c}（{d}%）");
      JsonObject s = new JsonObject();
      s.addProperty("type", "pie");
      s.addProperty("name", seriesNames.get(0));
      JsonArray radius = new JsonArray();
      radius.add("32%");
      radius.add("62%");
      s.add("radius", radius);
      JsonArray data = new JsonArray();
      // a slice of nothing is no slice ("中药饮片 0%" drawn as a sliver with a label): the caption names it
      List<String> none = new ArrayList<>();
      for (Map.Entry<String, Map<String, List<Double>>> e : pivot.entrySet()) {
        Double v = aggregate(e.getValue().values().iterator().next(), seriesAggr.get(seriesNames.get(0)));
        if (v == null || v == 0) {
          none.add(e.getKey());
          continue;
        }
        JsonObject d = new JsonObject();
        d.addProperty("name", e.getKey());
        d.addProperty("value", v);
        data.add(d);
      }
      s.add("data", data);
      JsonObject label = new JsonObject();
      label.addProperty("formatter", "{b}\n{d}%");
      s.add("label", label);
      JsonArray series = new JsonArray();
      series.add(s);
      o.add("series", series);
      if (!none.isEmpty()) {
        JsonObject title = new JsonObject();
        title.addProperty("subtext", "为 0（未画出）：" + String.join("、", none));
        title.addProperty("left", "center");
        title.addProperty("bottom", 0);
        o.add("title", title);
      }
      return o;
    }
    List<String> categories = new ArrayList<>(pivot.keySet());
    boolean stacked = setting(graph, mode, "stacked") || "stackedAreaChart".equals(mode);
    boolean horizontal = "multiBarChart".equals(mode) && crowded(categories);
    JsonObject categoryAxis = new JsonObject();
    categoryAxis.addProperty("type", "category");
    JsonArray cats = new JsonArray();
    categories.forEach(cats::add);
    categoryAxis.add("data", cats);
    // every bar has its label (interval 0: ECharts otherwise drops labels it finds crowded, and at
    // 1280 px bars stood unnamed); a label is wrapped onto two lines, or where the axis is rotated
    // or horizontal given the room of about 18 characters, before it is cut
    JsonObject axisLabel = new JsonObject();
    boolean rotated = !horizontal && categories.size() > 6;
    axisLabel.addProperty("interval", 0);
    axisLabel.addProperty("width", horizontal ? 220 : rotated ? 120 : 90);
    axisLabel.addProperty("overflow", horizontal || rotated ? "truncate" : "break");
    if (rotated) {
      axisLabel.addProperty("rotate", 30);
    }
    categoryAxis.add("axisLabel", axisLabel);
    // the value axis says what it counts, and in which unit ("市场份额(%)" read 0–3.5 with no unit)
    List<String> measures = new ArrayList<>();
    for (int[] v : values) {
      measures.add(t.header.get(v[0]));
    }
    // two measures of other sizes (品种数 ~1,800, 产品数 ~32,000) get an axis each, not one for both
    boolean twoAxes = groups.isEmpty() && measures.size() == 2 && !stacked && !horizontal
        && spread(pivot, seriesNames, seriesAggr) > 5;
    JsonElement valueAxis;
    if (twoAxes) {
      JsonArray axes = new JsonArray();
      axes.add(valueAxis(List.of(measures.get(0))));
      axes.add(valueAxis(List.of(measures.get(1))));
      valueAxis = axes;
    } else {
      valueAxis = valueAxis(measures);
    }
    if (horizontal) {
      categoryAxis.addProperty("inverse", true);
      o.add("yAxis", categoryAxis);
      o.add("xAxis", valueAxis);
    } else {
      o.add("xAxis", categoryAxis);
      o.add("yAxis", valueAxis);
    }
    JsonObject grid = new JsonObject();
    grid.addProperty("left", 8);
    grid.addProperty("right", 16);
    grid.addProperty("bottom", 8);
    grid.addProperty("top", seriesNames.size() > 1 ? 36 : 16);
    grid.addProperty("containLabel", true);
    o.add("grid", grid);
    legend(o, seriesNames.size());
    JsonArray series = new JsonArray();
    for (String name : seriesNames) {
      JsonObject s = new JsonObject();
      s.addProperty("name", name);
      s.addProperty("type", "multiBarChart".equals(mode) ? "bar" : "line");
      if (stacked) {
        s.addProperty("stack", "total");
      }
      if ("stackedAreaChart".equals(mode)) {
        s.add("areaStyle", new JsonObject());
      }
      if (twoAxes && name.equals(seriesNames.get(1))) {
        s.addProperty("yAxisIndex", 1);
      }
      JsonArray data = new JsonArray();
      for (String c : categories) {
        List<Double> vs = pivot.get(c).get(name);
        Double v = vs == null ? null : aggregate(vs, seriesAggr.get(name));
        data.add(v == null ? JsonNull.INSTANCE : (JsonElement) new JsonPrimitive(v));
      }
      s.add("data", data);
      series.add(s);
    }
    o.add("series", series);
    return o;
  }

  /** A value axis named by its measures, with a % on its labels when they are all percentages. */
  private static JsonObject valueAxis(List<String> measures) {
    JsonObject axis = new JsonObject();
    axis.addProperty("type", "value");
    axis.addProperty("name", String.join("、", measures));
    if (measures.stream().allMatch(m -> m.endsWith("(%)") || m.endsWith("（%）"))) {
      JsonObject label = new JsonObject();
      label.addProperty("formatter", "{value}%");
      axis.add("axisLabel", label);
    }
    return axis;
  }

  /** How many times the largest value of the first series is the largest of the second (or the reverse). */
  private static double spread(Map<String, Map<String, List<Double>>> pivot, List<String> series, Map<String, String> aggr) {
    double[] max = new double[2];
    for (Map<String, List<Double>> row : pivot.values()) {
      for (int i = 0; i < 2; i++) {
        List<Double> vs = row.get(series.get(i));
        Double v = vs == null ? null : aggregate(vs, aggr.get(series.get(i)));
        if (v != null) {
          max[i] = Math.max(max[i], Math.abs(v));
        }
      }
    }
    if (max[0] == 0 || max[1] == 0) {
      return 1;
    }
    return Math.max(max[0] / max[1], max[1] / max[0]);
  }

  private static JsonObject scatter(Table t, JsonObject graph) {
    // Zeppelin keeps the axes in setting.scatterChart; notes written by older versions in graph.scatter
    JsonObject sc = graph.has("setting") && graph.getAsJsonObject("setting").has("scatterChart")
        && graph.getAsJsonObject("setting").getAsJsonObject("scatterChart").has("xAxis")
        ? graph.getAsJsonObject("setting").getAsJsonObject("scatterChart")
        : graph.has("scatter") ? graph.getAsJsonObject("scatter") : new JsonObject();
    int x = index(t, sc.get("xAxis"));
    int y = index(t, sc.get("yAxis"));
    int g = index(t, sc.get("group"));
    if (x < 0 || y < 0) {
      List<int[]> keys = columns(t, graph, "keys");
      List<int[]> values = columns(t, graph, "values");
      if (keys.isEmpty() || values.isEmpty()) {
        return null;
      }
      x = keys.get(0)[0];
      y = values.get(0)[0];
    }
    Map<String, JsonArray> bySeries = new LinkedHashMap<>();
    for (String[] row : t.rows) {
      Double dx = number(t.cell(row, x));
      Double dy = number(t.cell(row, y));
      if (dx == null || dy == null) {
        continue;
      }
      JsonArray p = new JsonArray();
      p.add(dx);
      p.add(dy);
      bySeries.computeIfAbsent(g < 0 ? t.header.get(y) : t.cell(row, g), k -> new JsonArray()).add(p);
    }
    JsonObject o = base("item");
    JsonObject xa = new JsonObject();
    xa.addProperty("type", "value");
    xa.addProperty("name", t.header.get(x));
    xa.addProperty("scale", true);
    JsonObject ya = new JsonObject();
    ya.addProperty("type", "value");
    ya.addProperty("name", t.header.get(y));
    ya.addProperty("scale", true);
    o.add("xAxis", xa);
    o.add("yAxis", ya);
    JsonObject grid = new JsonObject();
    grid.addProperty("containLabel", true);
    grid.addProperty("top", bySeries.size() > 1 ? 40 : 30);
    grid.addProperty("right", 40);
    o.add("grid", grid);
    legend(o, bySeries.size());
    JsonArray series = new JsonArray();
    for (Map.Entry<String, JsonArray> e : bySeries.entrySet()) {
      JsonObject s = new JsonObject();
      s.addProperty("name", e.getKey());
      s.addProperty("type", "scatter");
      s.addProperty("symbolSize", 7);
      s.add("data", e.getValue());
      series.add(s);
    }
    o.add("series", series);
    return o;
  }

  /** An option with no animation (a published page is a still picture) and a tooltip kept inside the chart. */
  private static JsonObject base(String trigger) {
    JsonObject o = new JsonObject();
    o.addProperty("animation", false);
    JsonObject tooltip = new JsonObject();
    tooltip.addProperty("trigger", trigger);
    tooltip.addProperty("confine", true);
    o.add("tooltip", tooltip);
    return o;
  }

  /** A scrolling legend at the top, when there is more than one series. */
  private static void legend(JsonObject o, int series) {
    if (series > 1) {
      JsonObject legend = new JsonObject();
      legend.addProperty("type", "scroll");
      legend.addProperty("top", 0);
      o.add("legend", legend);
    }
  }

  /** A horizontal bar chart needs room for every category label. */
  public static int preferredHeight(JsonObject option) {
    if (option.has("yAxis") && option.get("yAxis").isJsonObject()
        && "category".equals(option.getAsJsonObject("yAxis").get("type").getAsString())) {
      int n = option.getAsJsonObject("yAxis").getAsJsonArray("data").size();
      return 22 * n + (option.has("legend") ? 80 : 50);
    }
    return 0;
  }

  /** Many or long labels read better on a horizontal bar chart. */
  static boolean crowded(List<String> categories) {
    int longest = 0;
    for (String c : categories) {
      longest = Math.max(longest, c.length());
    }
    return categories.size() > 6 && longest > 4 || longest > 10;
  }

  private static boolean setting(JsonObject graph, String mode, String key) {
    if (!graph.has("setting") || !graph.get("setting").isJsonObject()) {
      return false;
    }
    JsonObject s = graph.getAsJsonObject("setting");
    if (!s.has(mode) || !s.get(mode).isJsonObject()) {
      return false;
    }
    JsonElement v = s.getAsJsonObject(mode).get(key);
    return v != null && v.isJsonPrimitive() && v.getAsBoolean();
  }

  /** Columns of a graph setting by index, checked against the header (a column that is not there is dropped). */
  private static List<int[]> columns(Table t, JsonObject graph, String name) {
    List<int[]> out = new ArrayList<>();
    if (!graph.has(name)) {
      return out;
    }
    for (JsonElement e : graph.getAsJsonArray(name)) {
      int i = index(t, e);
      if (i >= 0) {
        out.add(new int[] {i});
      }
    }
    return out;
  }

  private static int index(Table t, JsonElement e) {
    if (e == null || !e.isJsonObject()) {
      return -1;
    }
    JsonObject o = e.getAsJsonObject();
    if (o.has("name") && t.header.contains(o.get("name").getAsString())) {
      return t.header.indexOf(o.get("name").getAsString());
    }
    if (o.has("index")) {
      int i = o.get("index").getAsInt();
      return i >= 0 && i < t.header.size() ? i : -1;
    }
    return -1;
  }

  private static List<String> aggregations(JsonObject graph) {
    List<String> out = new ArrayList<>();
    if (graph.has("values")) {
      for (JsonElement e : graph.getAsJsonArray("values")) {
        JsonObject o = e.getAsJsonObject();
        out.add(o.has("aggr") ? o.get("aggr").getAsString() : "sum");
      }
    }
    return out;
  }

  private static String join(Table t, String[] row, List<int[]> cols) {
    StringBuilder b = new StringBuilder();
    for (int[] c : cols) {
      if (b.length() > 0) {
        b.append(" · ");
      }
      b.append(t.cell(row, c[0]));
    }
    return b.toString();
  }

  static Double number(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(s.trim().replace(",", ""));
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Zeppelin's aggregations: sum (default), count, avg, min, max. */
  static Double aggregate(List<Double> vs, String aggr) {
    if ("count".equals(aggr)) {
      return (double) vs.size();
    }
    if (vs.isEmpty()) {
      return null;
    }
    switch (aggr == null ? "sum" : aggr) {
      case "avg":
        return round(vs.stream().mapToDouble(Double::doubleValue).average().orElse(0));
      case "min":
        return vs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      case "max":
        return vs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      default:
        return round(vs.stream().mapToDouble(Double::doubleValue).sum());
    }
  }

  /** Sums of decimals keep their shown precision instead of 0.30000000000000004. */
  private static double round(double d) {
    return Math.round(d * 1e6) / 1e6;
  }
}
