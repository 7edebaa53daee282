package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
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

  /** What {@link ResultServlet#doPost} answered: its status and body. */
  static final class Answer {
    final AtomicInteger status = new AtomicInteger(200);
    final StringWriter body = new StringWriter();
  }

  /** A request of {@code type} with {@code body}, as a servlet container hands it over (only what the servlet reads). */
  static HttpServletRequest request(String type, byte[] body, long declaredLength) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(body);
    ServletInputStream in = new ServletInputStream() {
      @Override
      public int read() {
        return bytes.read();
      }

      @Override
      public boolean isFinished() {
        return bytes.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener l) {
        throw new UnsupportedOperationException();
      }
    };
    return (HttpServletRequest) Proxy.newProxyInstance(ResultServletTest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> {
          switch (m.getName()) {
            case "getContentType":
              return type;
            case "getContentLengthLong":
              return declaredLength;
            case "getInputStream":
              return in;
            default:
              throw new UnsupportedOperationException(m.getName());
          }
        });
  }

  static HttpServletResponse response(Answer a) {
    return (HttpServletResponse) Proxy.newProxyInstance(ResultServletTest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
          switch (m.getName()) {
            case "setStatus":
              a.status.set((Integer) args[0]);
              return null;
            case "getWriter":
              return new PrintWriter(a.body);
            case "setHeader":
            case "setContentType":
              return null;
            default:
              throw new UnsupportedOperationException(m.getName());
          }
        });
  }

  static Answer post(String type, byte[] body, long declaredLength) throws Exception {
    Answer a = new Answer();
    new ResultServlet().doPost(request(type, body, declaredLength), response(a));
    return a;
  }

  static Answer post(String json) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return post("application/json; charset=utf-8", b, b.length);
  }

  static String results(int n) {
    StringBuilder many = new StringBuilder("{\"results\": [");
    for (int i = 0; i < n; i++) {
      many.append(i == 0 ? "" : ",").append("{\"type\": \"TEXT\", \"data\": \"x\"}");
    }
    return many.append("]}").toString();
  }

  /** The caps the README gives: JSON only, at most 4 MB (declared or not) and 64 results a request. */
  @Test
  void theRendererTakesJsonOfAtMostFourMegabytesAndSixtyFourResults() throws Exception {
    assertEquals(200, post("{\"results\": [{\"type\": \"TEXT\", \"data\": \"x\"}]}").status.get());
    assertEquals(415, post("text/plain", "{\"results\": []}".getBytes(StandardCharsets.UTF_8), 15).status.get());
    assertEquals(415, post(null, "{\"results\": []}".getBytes(StandardCharsets.UTF_8), 15).status.get());
    byte[] big = ("{\"results\": [{\"type\": \"TEXT\", \"data\": \"" + "x".repeat(ResultServlet.MAX_BYTES) + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(413, post("application/json", big, big.length).status.get(), "declared length");
    assertEquals(413, post("application/json", big, -1).status.get(), "chunked: no declared length");
    assertEquals(400, post(results(ResultServlet.MAX_RESULTS + 1)).status.get(), "65 results");
    assertEquals(200, post(results(ResultServlet.MAX_RESULTS)).status.get(), "64 results");
    assertEquals(400, post("[1, 2]").status.get());
    assertEquals(400, post("{\"results\": ").status.get());
  }

  /** Two renders at a time: a third request waits for a permit, and renders once one is free. */
  @Test
  void theRendererRendersTwoRequestsAtATime() throws Exception {
    assertEquals(2, ResultServlet.RENDERS.availablePermits());
    ResultServlet.RENDERS.acquire(2);
    AtomicReference<Answer> third = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        third.set(post("{\"results\": [{\"type\": \"HTML\", \"data\": \"<b>x</b>\"}]}"));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    try {
      t.start();
      // waits for the state, not for a time: the request is parked on the semaphore
      while (!ResultServlet.RENDERS.hasQueuedThreads()) {
        assertTrue(t.isAlive(), "the third request did not wait");
        Thread.sleep(5);
      }
      assertEquals(null, third.get());
    } finally {
      ResultServlet.RENDERS.release(1);
    }
    t.join();
    assertEquals(200, third.get().status.get());
    assertTrue(third.get().body.toString().contains("<b>x</b>"), third.get().body.toString());
    ResultServlet.RENDERS.release(1);
    assertEquals(2, ResultServlet.RENDERS.availablePermits());
  }
}
