package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  static final String LEVELS = "分组\t医保类别\t品种数\n西药\t甲\t393\n西药\t乙\t1005\n中成药\t甲\t246\n中成药\t乙\t1090\n西药\t甲\t7\n";

  static JsonObject graph(String mode, boolean stacked) {
    JsonObject g = new JsonObject();
    g.addProperty("mode", mode);
    g.addProperty("height", 300.0);
    JsonObject setting = new JsonObject();
    JsonObject ms = new JsonObject();
    ms.addProperty("stacked", stacked);
    setting.add(mode, ms);
    g.add("setting", setting);
    g.add("keys", cols(0, "分组"));
    g.add("groups", cols(1, "医保类别"));
    g.add("values", cols(2, "品种数"));
    return g;
  }

  static JsonArray cols(int index, String name) {
    JsonArray a = new JsonArray();
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    o.addProperty("index", (double) index);
    o.addProperty("aggr", "sum");
    a.add(o);
    return a;
  }

  @Test
  void barChartPivotsGroupsIntoSeriesAndSumsRepeatedKeys() {
    JsonObject o = ChartOptions.option(ChartOptions.Table.parse(LEVELS), graph("multiBarChart", true));
    JsonArray cats = o.getAsJsonObject("xAxis").getAsJsonArray("data");
    assertEquals(List.of("西药", "中成药"), List.of(cats.get(0).getAsString(), cats.get(1).getAsString()));
    JsonArray series = o.getAsJsonArray("series");
    assertEquals(2, series.size());
    JsonObject jia = series.get(0).getAsJsonObject();
    assertEquals("甲", jia.get("name").getAsString());
    assertEquals("total", jia.get("stack").getAsString());
    // 西药 甲 appears twice: 393 + 7
    assertEquals(400.0, jia.getAsJsonArray("data").get(0).getAsDouble());
    assertEquals(246.0, jia.getAsJsonArray("data").get(1).getAsDouble());
    assertEquals(1090.0, series.get(1).getAsJsonObject().getAsJsonArray("data").get(1).getAsDouble());
    assertTrue(o.has("legend"));
  }

  @Test
  void unstackedBarsHaveNoStackAndMissingCellsAreGaps() {
    String t = "分组\t医保类别\t品种数\n西药\t甲\t1\n中成药\t乙\t2\n";
    JsonObject o = ChartOptions.option(ChartOptions.Table.parse(t), graph("multiBarChart", false));
    JsonObject jia = o.getAsJsonArray("series").get(0).getAsJsonObject();
    assertFalse(jia.has("stack"));
    assertTrue(jia.getAsJsonArray("data").get(1).isJsonNull(), "中成药 has no 甲 row");
  }

  @Test
  void pieSumsValuesPerKeyAndOtherAggregationsWork() {
    JsonObject g = graph("pieChart", false);
    g.add("groups", new JsonArray());
    JsonObject o = ChartOptions.option(ChartOptions.Table.parse(LEVELS), g);
    JsonArray data = o.getAsJsonArray("series").get(0).getAsJsonObject().getAsJsonArray("data");
    assertEquals(2, data.size());
    assertEquals("西药", data.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(1405.0, data.get(0).getAsJsonObject().get("value").getAsDouble());
    assertEquals(3.0, ChartOptions.aggregate(List.of(1.0, 5.0, 3.0), "count"));
    assertEquals(3.0, ChartOptions.aggregate(List.of(1.0, 5.0, 3.0), "avg"));
    assertEquals(1.0, ChartOptions.aggregate(List.of(1.0, 5.0, 3.0), "min"));
    assertEquals(5.0, ChartOptions.aggregate(List.of(1.0, 5.0, 3.0), "max"));
    assertEquals(0.3, ChartOptions.aggregate(List.of(0.1, 0.2), "sum"));
  }

  @Test
  void scatterUsesTheAxesOfTheSetting() {
    String t = "企业\t平均自付比例(%)\t产品数\n甲企业\t10.5\t40\n乙企业\t\t12\n丙企业\t30\t7\n";
    JsonObject g = new JsonObject();
    g.addProperty("mode", "scatterChart");
    g.add("keys", cols(1, "平均自付比例(%)"));
    g.add("values", cols(2, "产品数"));
    JsonObject scatter = new JsonObject();
    scatter.add("xAxis", cols(1, "平均自付比例(%)").get(0));
    scatter.add("yAxis", cols(2, "产品数").get(0));
    g.add("scatter", scatter);
    JsonObject o = ChartOptions.option(ChartOptions.Table.parse(t), g);
    JsonArray pts = o.getAsJsonArray("series").get(0).getAsJsonObject().getAsJsonArray("data");
    assertEquals(2, pts.size(), "the row without x is left out");
    assertEquals(10.5, pts.get(0).getAsJsonArray().get(0).getAsDouble());
    assertEquals(40.0, pts.get(0).getAsJsonArray().get(1).getAsDouble());
    assertEquals("平均自付比例(%)", o.getAsJsonObject("xAxis").get("name").getAsString());
  }

  @Test
  void tablesAndUnknownModesAreNotCharts() {
    assertNull(ChartOptions.option(ChartOptions.Table.parse(LEVELS), null));
    JsonObject g = graph("table", false);
    assertNull(ChartOptions.option(ChartOptions.Table.parse(LEVELS), g));
    assertNull(ChartOptions.option(ChartOptions.Table.parse("a\tb\n"), graph("multiBarChart", false)), "no rows");
  }

  /** A note in the shape Zeppelin returns, with a paragraph of each result type. */
  static JsonObject note(String id, String name, String htmlResult) {
    String json = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"paragraphs\":["
        + "{\"id\":\"p1\",\"title\":\"说明\",\"text\":\"%md\\nx\",\"status\":\"FINISHED\",\"config\":{\"colWidth\":12.0},"
        + "\"results\":{\"code\":\"SUCCESS\",\"msg\":[{\"type\":\"HTML\",\"data\":\"<div class=\\\"markdown-body\\\"><p>说明文字</p></div>\"}]}},"
        + "{\"id\":\"p2\",\"title\":\"类别 <b>&</b>\",\"text\":\"%drugs\\nlevels\",\"status\":\"FINISHED\",\"config\":{\"colWidth\":6.0,"
        + "\"results\":{\"0\":{\"graph\":" + graph("multiBarChart", true) + "}}},"
        + "\"results\":{\"code\":\"SUCCESS\",\"msg\":[{\"type\":\"TABLE\",\"data\":" + new com.google.gson.Gson().toJson(LEVELS) + "},"
        + "{\"type\":\"TEXT\",\"data\":\"品种：说明 <i>\"}]}},"
        + "{\"id\":\"p3\",\"title\":\"图\",\"text\":\"%drugs\\nchart\",\"status\":\"FINISHED\",\"config\":{\"colWidth\":6.0},"
        + "\"results\":{\"code\":\"SUCCESS\",\"msg\":[{\"type\":\"HTML\",\"data\":" + new com.google.gson.Gson().toJson(htmlResult) + "}]}},"
        + "{\"id\":\"p4\",\"title\":\"未运行\",\"text\":\"%drugs\\nkpi\",\"status\":\"READY\",\"config\":{}},"
        + "{\"id\":\"p5\",\"title\":\"折叠\",\"text\":\"%drugs\\nkpi\",\"status\":\"FINISHED\",\"config\":{\"tableHide\":true},"
        + "\"results\":{\"code\":\"SUCCESS\",\"msg\":[{\"type\":\"TEXT\",\"data\":\"隐藏的结果\"}]}}"
        + "]}";
    return JsonParser.parseString(json).getAsJsonObject();
  }

  static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" width=\"100%\">"
      + "<rect x=\"0\" y=\"0\" width=\"60\" height=\"50\" fill=\"#35c3ff\"/><text x=\"5\" y=\"20\">甲类 393</text></svg>";

  @Test
  void pagesAreSelfContainedAndOnlyTheirOwnScriptsMayRun(@TempDir Path out) throws Exception {
    Publisher p = new Publisher(ZoneId.of("Asia/Shanghai"), Instant.parse("2026-11-23T02:00:00Z"));
    List<JsonObject> notes = List.of(note("2MIOVERVW", "总览", SVG), note("2MICORE01", "核心属性", SVG));
    List<Path> files = p.publish(notes, out);
    assertEquals(List.of(out.resolve("2MIOVERVW.html"), out.resolve("index.html"), out.resolve("2MICORE01.html")), files);
    String index = Files.readString(out.resolve("index.html"));
    assertEquals(Files.readString(out.resolve("2MIOVERVW.html")), index);
    assertTrue(index.contains("data-theme=\"dark\""), "the overview is the dark big screen");
    assertTrue(Files.readString(out.resolve("2MICORE01.html")).contains("data-theme=\"light\""));
    assertTrue(index.contains("发布于 2026-11-23 10:00 CST"), "publication time in the given zone");

    // nothing is loaded from elsewhere: outside the scripts, no src or href but the pages and data: URLs
    String markup = index.replaceAll("(?s)<script[^>]*>.*?</script>", "");
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(markup);
    List<String> refs = new ArrayList<>();
    while (m.find()) {
      refs.add(m.group(1));
    }
    assertEquals(List.of("data:,", "2MIOVERVW.html", "2MICORE01.html"), refs);

    // the policy names exactly the hashes of the two executable scripts
    Matcher csp = Pattern.compile("script-src ('sha256-[^']+') ('sha256-[^']+');").matcher(index);
    assertTrue(csp.find());
    Matcher scripts = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(index);
    List<String> hashes = new ArrayList<>();
    while (scripts.find()) {
      hashes.add("'" + Publisher.hash(scripts.group(1)) + "'");
    }
    assertEquals(List.of(csp.group(1), csp.group(2)), hashes);
    assertTrue(index.contains("default-src 'none'"));

    // titles and text are escaped; HTML results (SVG) are kept; the chart options are data, not code
    assertTrue(index.contains("<h2>类别 &lt;b&gt;&amp;&lt;/b&gt;</h2>"));
    assertTrue(index.contains("品种：说明 &lt;i&gt;"));
    assertTrue(index.contains(SVG));
    assertFalse(index.contains("未运行"), "a paragraph without results is left out");
    assertFalse(index.contains("隐藏的结果") || index.contains("折叠"), "a paragraph whose output is hidden is left out");
    Matcher data = Pattern.compile("<script type=\"application/json\" id=\"chart-options\">(.*?)</script>", Pattern.DOTALL)
        .matcher(index);
    assertTrue(data.find());
    JsonObject options = JsonParser.parseString(data.group(1)).getAsJsonObject();
    assertEquals(1, options.size());
    assertTrue(index.contains("<div class=\"chart\" id=\"chart-1\""));
  }
}
