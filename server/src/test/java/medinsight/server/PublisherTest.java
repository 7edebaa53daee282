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

  /**
   * A value axis names its measure and its unit (市场份额 read 0–3.5 with no %); two measures of
   * other sizes (品种数 ~1,800 beside 产品数 ~32,000) get an axis each.
   */
  /** Every bar keeps its label: none dropped as crowded, a long one wrapped or given room before it is cut. */
  @Test
  void everyBarHasItsLabel() {
    JsonObject g = graph("multiBarChart", false);
    g.add("groups", new JsonArray());
    g.add("values", cols(1, "品种数"));
    JsonObject few = ChartOptions.option(ChartOptions.Table.parse("分组\t品种数\n西药\t1800\n中成药·其中民族药\t90\n"), g);
    JsonObject l = few.getAsJsonObject("xAxis").getAsJsonObject("axisLabel");
    assertEquals(0, l.get("interval").getAsInt());
    assertEquals("break", l.get("overflow").getAsString());
    StringBuilder many = new StringBuilder("分组\t品种数\n");
    for (int i = 0; i < 12; i++) {
      many.append("中成药·其中第").append(i).append("类民族药\t").append(10 + i).append('\n');
    }
    JsonObject h = ChartOptions.option(ChartOptions.Table.parse(many.toString()), g);
    JsonObject hl = h.getAsJsonObject("yAxis").getAsJsonObject("axisLabel");
    assertEquals(0, hl.get("interval").getAsInt());
    assertTrue(hl.get("width").getAsInt() >= 12 * 14, "room for the longest label: " + hl);
  }

  @Test
  void valueAxesSayWhatAndInWhichUnit() {
    JsonObject g = graph("multiBarChart", false);
    g.add("groups", new JsonArray());
    g.add("values", cols(1, "市场份额(%)"));
    JsonObject o = ChartOptions.option(ChartOptions.Table.parse("企业\t市场份额(%)\n甲\t3.5\n乙\t1.2\n"), g);
    JsonObject y = o.getAsJsonObject("yAxis");
    assertEquals("市场份额(%)", y.get("name").getAsString());
    assertEquals("{value}%", y.getAsJsonObject("axisLabel").get("formatter").getAsString());
    JsonArray both = cols(1, "品种数");
    both.addAll(cols(2, "产品数"));
    g.add("values", both);
    JsonObject two = ChartOptions.option(ChartOptions.Table.parse("分组\t品种数\t产品数\n西药\t1800\t32000\n中成药\t1300\t12000\n"), g);
    JsonArray axes = two.getAsJsonArray("yAxis");
    assertEquals("品种数", axes.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("产品数", axes.get(1).getAsJsonObject().get("name").getAsString());
    assertEquals(1, two.getAsJsonArray("series").get(1).getAsJsonObject().get("yAxisIndex").getAsInt());
    // a page reads the height it needs from the option: with two value axes it is the usual one
    assertEquals(0, ChartOptions.preferredHeight(two));
  }

  /** 中药饮片 have no product rows: the products pie of 中西药构成 drew a "中药饮片 0%" sliver. */
  @Test
  void aPieLeavesOutSlicesOfNothingAndSaysSo() {
    JsonObject g = graph("pieChart", false);
    g.add("groups", new JsonArray());
    String t = "分组\t医保类别\t品种数\n西药\t甲\t10\n中药饮片\t乙\t0\n中成药\t乙\t5\n";
    JsonObject o = ChartOptions.option(ChartOptions.Table.parse(t), g);
    JsonArray data = o.getAsJsonArray("series").get(0).getAsJsonObject().getAsJsonArray("data");
    assertEquals(2, data.size(), data.toString());
    assertFalse(data.toString().contains("中药饮片"), data.toString());
    assertEquals("为 0（未画出）：中药饮片", o.getAsJsonObject("title").get("subtext").getAsString());
    assertFalse(ChartOptions.option(ChartOptions.Table.parse(LEVELS), g).has("title"), "no caption when every slice is drawn");
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

  /** A note's text that tells a Zeppelin user to use the form and run gives way to the page's own. */
  @Test
  void aPageSaysWhatItsReaderCanDoNotWhatAZeppelinUserCan(@TempDir Path out) throws Exception {
    JsonObject lookup = note("2MILOOKUP", "药品查询", SVG);
    JsonObject about = lookup.getAsJsonArray("paragraphs").get(0).getAsJsonObject();
    about.addProperty("id", "paragraph_medinsight_lookup_01");
    about.getAsJsonObject("results").getAsJsonArray("msg").get(0).getAsJsonObject()
        .addProperty("data", "<div class=\"markdown-body\"><p>在上方表单输入药品名称，然后运行。</p></div>");
    new Publisher(ZoneId.of("Asia/Shanghai"), Instant.now()).publish(List.of(lookup), out);
    String page = Files.readString(out.resolve("2MILOOKUP.html"));
    assertFalse(page.contains("在上方表单"), "the note's instruction for Zeppelin is on the page");
    assertTrue(page.contains("<h2>药品查询</h2>") && page.contains("本页为发布时笔记中最近一次查询的结果"), page);
    assertFalse(page.contains("在 Zeppelin 中打开"), "the footer sends a reader to Zeppelin");
    // a note's own text that needs no page text stays
    assertTrue(Files.readString(out.resolve("2MILOOKUP.html")).contains("类别"));
  }

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

    // titles and text are escaped; HTML results (SVG) are kept, through the sanitiser (the width
    // of 100 % becomes the drawing's own width, see below); the chart options are data, not code
    assertTrue(index.contains("<h2>类别 &lt;b&gt;&amp;&lt;/b&gt;</h2>"));
    assertTrue(index.contains("品种：说明 &lt;i&gt;"));
    assertTrue(index.contains(SVG.replace("width=\"100%\"", "width=\"100\"").replace("\"/>", "\" />")), index);
    assertFalse(index.contains("未运行"), "a paragraph without results is left out");
    assertFalse(index.contains("隐藏的结果") || index.contains("折叠"), "a paragraph whose output is hidden is left out");
    Matcher data = Pattern.compile("<script type=\"application/json\" id=\"chart-options\">(.*?)</script>", Pattern.DOTALL)
        .matcher(index);
    assertTrue(data.find());
    JsonObject options = JsonParser.parseString(data.group(1)).getAsJsonObject();
    assertEquals(1, options.size());
    assertTrue(index.contains("<div class=\"chart\" id=\"chart-1\""));
  }

  /** A paragraph's HTML result as the published page holds it. */
  static String published(String htmlResult) throws Exception {
    Publisher p = new Publisher(ZoneId.of("Asia/Shanghai"), Instant.parse("2026-11-23T02:00:00Z"));
    String page = p.page(note("2MICORE01", "核心属性", htmlResult), List.of(), false);
    Matcher m = Pattern.compile("<section class=\"card\" [^>]*data-paragraph=\"p3\">\n<h2>图</h2>\n<div class=\"html\">(.*?)</div>\n</section>",
        Pattern.DOTALL).matcher(page);
    assertTrue(m.find(), page);
    return m.group(1);
  }

  /** The paragraph that would cover a published page and send its readers elsewhere. */
  static final String DEFACEMENT = "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:#fff\">"
      + "本页已停止服务，请前往新地址</div>\n<meta http-equiv=\"refresh\" content=\"3;url=http://example.invalid/\">";

  @Test
  void anOverlayLosesItsStyleAndKeepsItsText() throws Exception {
    String out = published(DEFACEMENT);
    assertFalse(out.contains("style") || out.contains("position") || out.contains("z-index"), out);
    assertTrue(out.contains("<div>本页已停止服务，请前往新地址</div>"), out);
  }

  @Test
  void aMetaRefreshIsDropped() throws Exception {
    String out = published(DEFACEMENT);
    assertFalse(out.contains("<meta") || out.contains("refresh") || out.contains("example.invalid"), out);
  }

  static final String CLICK_TRAP = "<a href=\"https://example.invalid/login\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
      + "viewBox=\"0 0 1000 3000\" width=\"100%\"><rect x=\"0\" y=\"0\" width=\"1000\" height=\"3000\" fill=\"#fff\"/></svg></a>";

  /**
   * A link around a drawing or a block is as large as what it holds: a white SVG as wide as the
   * paragraph and a screen high, wrapped in a link, turns the page into one click to another site.
   * The link goes; what it held stays. A link of words keeps its address.
   */
  @Test
  void aLinkAroundADrawingOrABlockLosesItsAddress() throws Exception {
    String out = published(CLICK_TRAP
        + "<a href=\"https://example.invalid/2\"><div>请重新登录</div></a>"
        + "<a href=\"https://example.invalid/3\"><img src=\"data:image/png;base64,iVBORw0KGgo=\"></a>"
        + "<a href=\"https://www.nhsa.gov.cn/\">国家<b>医保局</b></a>");
    assertFalse(out.contains("example.invalid"), out);
    assertTrue(out.contains("<rect ") && out.contains("<div>请重新登录</div>") && out.contains("<img "), out);
    assertTrue(out.contains("<a href=\"https://www.nhsa.gov.cn/\" rel=\"noopener noreferrer\">国家<b>医保局</b></a>"), out);
  }

  @Test
  void linksKeepOnlyHttpAndNeverOpenerOrReferrer() throws Exception {
    String out = published("<a href=\"javascript:document.body.remove()\">点我</a> <a href=\"JaVaScRiPt:x()\">再点</a> "
        + "<a href=\"data:text/html,x\">数据</a> <a href=\"https://www.nhsa.gov.cn/\" target=\"_blank\">国家医保局</a>");
    assertFalse(out.toLowerCase(java.util.Locale.ROOT).contains("javascript") || out.contains("data:") || out.contains("target"), out);
    assertTrue(out.contains("<a rel=\"noopener noreferrer\">点我</a>"), out);
    assertTrue(out.contains("<a href=\"https://www.nhsa.gov.cn/\" rel=\"noopener noreferrer\">国家医保局</a>"), out);
  }

  @Test
  void imagesOnlyFromDataAndNoEventHandlers() throws Exception {
    String png = "data:image/png;base64,iVBORw0KGgo=";
    String out = published("<img src=x onerror=\"document.body.dataset.hostile=1\"><img src=\"https://example.invalid/a.png\">"
        + "<img src=\"" + png + "\" alt=\"图\" onload=\"x()\"><p onclick=\"x()\" onmouseover=\"x()\">文字</p>");
    assertFalse(out.contains("onerror") || out.contains("onload") || out.contains("onclick") || out.contains("onmouseover"), out);
    assertFalse(out.contains("src=\"x\"") || out.contains("example.invalid"), out);
    assertTrue(out.contains("<img src=\"" + png + "\" alt=\"图\">"), out);
    assertTrue(out.contains("<p>文字</p>"), out);
  }

  @Test
  void framesAndEmbeddedObjectsAreDropped() throws Exception {
    String out = published("<iframe src=\"https://example.invalid/\"></iframe><object data=\"https://example.invalid/x\"></object>"
        + "<embed src=\"https://example.invalid/x\">正文");
    assertFalse(out.contains("<iframe") || out.contains("<object") || out.contains("<embed") || out.contains("example.invalid"), out);
    assertTrue(out.contains("正文"), out);
  }

  @Test
  void formsAndFieldsAreDroppedAndTheirTextStays() throws Exception {
    String out = published("<form action=\"https://example.invalid/login\" method=\"post\">请重新登录<input name=\"password\" "
        + "type=\"password\"><button type=\"submit\">登录</button><textarea>备注</textarea><select><option>甲</option></select></form>");
    for (String tag : List.of("<form", "<input", "<button", "<textarea", "<select", "<option", "example.invalid")) {
      assertFalse(out.contains(tag), tag + " in " + out);
    }
    assertTrue(out.contains("请重新登录") && out.contains("登录"), out);
  }

  @Test
  void stylesScriptsBaseAndLinkElementsAreDropped() throws Exception {
    String out = published("<style>body { display: none }</style><base href=\"https://example.invalid/\">"
        + "<link rel=\"stylesheet\" href=\"https://example.invalid/x.css\"><script>document.body.remove()</script>"
        + "<p id=\"chart-options\" class=\"note\">说明</p>");
    for (String s : List.of("<style", "display", "<base", "<link", "<script", "remove()", "example.invalid", "id=")) {
      assertFalse(out.contains(s), s + " in " + out);
    }
    assertEquals("<p class=\"note\">说明</p>", out);
  }

  @Test
  void textMarkupStays() throws Exception {
    String md = "<div class=\"markdown-body\"><h3>说明</h3><p><strong>甲类</strong>与<em>乙类</em>，<code>levels</code></p>"
        + "<ul><li>一</li></ul><ol start=\"2\"><li>二</li></ol><blockquote><p>引</p></blockquote><pre><code>select 1</code></pre>"
        + "<table><thead><tr><th align=\"right\">数</th></tr></thead><tbody><tr><td align=\"right\">1</td></tr></tbody></table>"
        + "<hr><p>行<br>行</p><span>注</span></div>";
    assertEquals(md, published(md));
  }

  /** The root of a chart as the plugin writes it (medinsight.render.svg.Svg), and a few of its elements. */
  static final String PLUGIN_SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 120\" width=\"100%\" "
      + "style=\"max-width:640px;height:auto;display:block\" font-family=\"'Noto Sans CJK SC',sans-serif\" font-size=\"12\" "
      + "fill=\"#1f2d3d\" role=\"img\" aria-label=\"核心指标\">\n"
      + "<g class=\"kpi\" font-size=\"11\" fill-opacity=\"0.45\" stroke-width=\"1\" text-anchor=\"middle\" stroke-linecap=\"round\" "
      + "pointer-events=\"none\"><title>品种数：3,253</title><rect x=\"0.5\" y=\"0.5\" width=\"199\" height=\"99\" rx=\"8\" "
      + "fill=\"#fff\" stroke=\"#ddd\" stroke-width=\"1\"/>\n"
      + "<text x=\"20\" y=\"72\" class=\"kpi-value\" font-size=\"32\" font-weight=\"700\" fill=\"#333\" text-anchor=\"end\" "
      + "transform=\"translate(16 60) rotate(-90)\" pointer-events=\"none\">3,253</text>\n"
      + "<line x1=\"0\" y1=\"1\" x2=\"2\" y2=\"3\" stroke=\"#999\" stroke-width=\"0.7\"/>\n"
      + "<circle cx=\"5\" cy=\"6\" r=\"7\" fill=\"#5470c6\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n"
      + "<path d=\"M 1 2 Q 3 4 5 6\" stroke=\"#91cc75\" stroke-width=\"2\" stroke-opacity=\"0.8\"/>\n"
      + "<polygon points=\"1,2 3,4 5,6\" fill=\"#91cc75\" stroke=\"none\"/>\n</g>\n</svg>";

  @Test
  void thePluginsChartsStayAsTheyAreButTheirStyle() throws Exception {
    String out = published(PLUGIN_SVG);
    // the style only said "as wide as the paragraph, up to the drawing's own width": the width
    // attribute says it now, the page's style sheet limits it to the paragraph
    String expected = PLUGIN_SVG.replace(" width=\"100%\" style=\"max-width:640px;height:auto;display:block\"", " width=\"640\"")
        .replace("\"/>", "\" />");
    assertEquals(expected, out);
  }

  @Test
  void aWithdrawnNoteLosesItsPageTheLinksToItAndTheIndex(@TempDir Path out) throws Exception {
    Publisher p = new Publisher(ZoneId.of("Asia/Shanghai"), Instant.parse("2026-11-23T02:00:00Z"));
    p.publish(List.of(note("2MIOVERVW", "总览", SVG), note("2MICORE01", "核心属性", SVG), note("2MIMINING", "数据挖掘", SVG)), out);
    assertEquals(List.of(out.resolve("2MIMINING.html")), p.withdraw(out, List.of("2MIMINING")));
    try (var files = Files.list(out)) {
      assertEquals(List.of("2MICORE01.html", "2MIOVERVW.html", "index.html"),
          files.map(f -> f.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList()));
    }
    for (String f : List.of("2MICORE01.html", "2MIOVERVW.html", "index.html")) {
      String html = Files.readString(out.resolve(f));
      assertFalse(html.contains("2MIMINING.html") || html.contains("数据挖掘"), f);
      assertTrue(html.contains("<nav><a href=\"2MIOVERVW.html\""), f);
    }
    // the overview withdrawn too: the index was its page, and now says nothing is published
    p.withdraw(out, List.of("2MIOVERVW"));
    String index = Files.readString(out.resolve("index.html"));
    assertTrue(index.contains("暂无发布的看板") && !index.contains("data-note"), index);
    assertFalse(Files.readString(out.resolve("2MICORE01.html")).contains("2MIOVERVW.html"));
  }
}
