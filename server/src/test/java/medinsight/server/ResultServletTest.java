package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** The notebook page's renderer is the published pages' own: their chart options and their allow-list. */
class ResultServletTest {
  static JsonObject render(String json) {
    return ResultServlet.render(JsonParser.parseString(json));
  }

  @Test
  void aTableWithChartSettingsIsThePublishedPagesOption() {
    String tsv = "分组\t品种数\n西药\t1800\n中成药\t1300\n";
    JsonObject graph = JsonParser.parseString("{\"mode\": \"pieChart\", \"keys\": [{\"name\": \"分组\", \"index\": 0}],"
        + " \"values\": [{\"name\": \"品种数\", \"index\": 1, \"aggr\": \"sum\"}]}").getAsJsonObject();
    JsonObject r = new JsonObject();
    r.addProperty("type", "TABLE");
    r.addProperty("data", tsv);
    r.add("graph", graph);
    JsonObject out = ResultServlet.render(r);
    assertEquals(ChartOptions.option(ChartOptions.Table.parse(tsv), graph), out.get("option"));
    assertFalse(render("{\"type\": \"TABLE\", \"data\": \"" + tsv.replace("\t", "\\t").replace("\n", "\\n") + "\"}").has("option"),
        "no settings: a table");
  }

  @Test
  void htmlPassesTheAllowListAndNothingElseIsHtml() {
    String html = render("{\"type\": \"HTML\", \"data\": \"<img src=x onerror=alert(1)><meta http-equiv=refresh content=0><b>b</b>\"}")
        .get("html").getAsString();
    assertEquals("<b>b</b>", html);
    assertFalse(render("{\"type\": \"TEXT\", \"data\": \"<b>b</b>\"}").has("html"), "text stays text");
  }

  @Test
  void aTableOfAPointARowAndASeriesARowIsShownAsATable() {
    StringBuilder tsv = new StringBuilder("k\tg\tv\n");
    for (int i = 0; i < 2_000; i++) {
      tsv.append("k").append(i).append("\tg").append(i).append("\t1\n");
    }
    JsonObject graph = JsonParser.parseString("{\"mode\": \"multiBarChart\", \"keys\": [{\"index\": 0}],"
        + " \"groups\": [{\"index\": 1}], \"values\": [{\"index\": 2}]}").getAsJsonObject();
    assertEquals(null, ChartOptions.option(ChartOptions.Table.parse(tsv.toString()), graph), "4 million points");
    graph.remove("groups");
    assertTrue(ChartOptions.option(ChartOptions.Table.parse(tsv.toString()), graph) != null, "2,000 points are drawn");
  }

  @Test
  void malformedResultsRenderAsNothingAndDoNotThrow() {
    assertEquals(new JsonObject(), render("[1]"));
    assertEquals(new JsonObject(), render("{\"type\": {\"x\": 1}}"));
    JsonObject bad = render("{\"type\": \"TABLE\", \"data\": \"a\\tb\\nx\\t1\\n\", \"graph\": {\"mode\": \"multiBarChart\","
        + " \"keys\": 3, \"values\": [{\"index\": 1}]}}");
    assertTrue(bad.has("error") || !bad.has("option"), bad.toString());
  }
}
