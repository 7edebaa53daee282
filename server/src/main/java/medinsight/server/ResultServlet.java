package medinsight.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The notebook page's renderer, in the local server's web application ({@code POST /notebook/render},
 * behind its login): a paragraph's results as the published pages show them, so that the two never
 * disagree. A {@code %table} with chart settings becomes the ECharts option of {@link ChartOptions}
 * (and the height a horizontal bar chart needs), an HTML result the allow-listed HTML of
 * {@link HtmlSanitizer}; the page draws and inserts nothing else. The request is
 * {@code {"results": [{"type", "data", "graph"}]}}; the answer one object per result:
 * {@code {"option", "height"}} for a chart, {@code {"html"}} for HTML, {@code {}} otherwise.
 */
public final class ResultServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** Below the login's own cap on a request (bodylimit, 10 MB); Zeppelin's limit on a paragraph's output is far below both. */
  static final int MAX_BYTES = 4 << 20;
  /** The most results of one request (a paragraph has a handful). */
  static final int MAX_RESULTS = 64;
  /** Renders at once: the server's heap is shared with every user's notes. */
  static final java.util.concurrent.Semaphore RENDERS = new java.util.concurrent.Semaphore(2, true);

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    String type = req.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      error(resp, 415, "expected application/json");
      return;
    }
    if (req.getContentLengthLong() > MAX_BYTES) {
      error(resp, 413, "request larger than " + MAX_BYTES + " bytes");
      return;
    }
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      error(resp, 413, "request larger than " + MAX_BYTES + " bytes");
      return;
    }
    JsonArray results;
    try {
      JsonElement e = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      results = e.isJsonObject() && e.getAsJsonObject().has("results") && e.getAsJsonObject().get("results").isJsonArray()
          ? e.getAsJsonObject().getAsJsonArray("results") : null;
    } catch (JsonParseException | IllegalStateException e) {
      results = null;
    }
    if (results == null || results.size() > MAX_RESULTS) {
      error(resp, 400, "expected {\"results\": [...]} with at most " + MAX_RESULTS + " results");
      return;
    }
    JsonArray out = new JsonArray();
    try {
      RENDERS.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(resp, 503, "interrupted");
      return;
    }
    try {
      for (JsonElement r : results) {
        out.add(render(r));
      }
    } finally {
      RENDERS.release();
    }
    JsonObject answer = new JsonObject();
    answer.add("results", out);
    send(resp, 200, answer);
  }

  /** One result as the page shows it; anything malformed renders as nothing special (text). */
  static JsonObject render(JsonElement r) {
    JsonObject out = new JsonObject();
    if (!r.isJsonObject()) {
      return out;
    }
    JsonObject o = r.getAsJsonObject();
    String type = string(o, "type");
    String data = string(o, "data");
    if ("TABLE".equals(type)) {
      JsonObject graph = o.has("graph") && o.get("graph").isJsonObject() ? o.getAsJsonObject("graph") : null;
      try {
        JsonObject option = ChartOptions.option(ChartOptions.Table.parse(data), graph);
        if (option != null) {
          out.add("option", option);
          out.addProperty("height", ChartOptions.preferredHeight(option));
        }
      } catch (RuntimeException e) {
        out.addProperty("error", "chart settings not understood: " + e.getClass().getSimpleName());
      }
    } else if ("HTML".equals(type)) {
      out.addProperty("html", HtmlSanitizer.clean(data));
    }
    return out;
  }

  private static String string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  private static void error(HttpServletResponse resp, int status, String message) throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("message", message);
    send(resp, status, o);
  }

  private static void send(HttpServletResponse resp, int status, JsonObject o) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json;charset=UTF-8");
    try (Writer w = resp.getWriter()) {
      w.write(o.toString());
    }
  }
}
