package medinsight.server;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small client of Zeppelin's REST API, one login session per instance. */
public final class ZeppelinRest {
  /** A response: status code and body. */
  public static final class Response {
    public final int status;
    public final String body;

    Response(int status, String body) {
      this.status = status;
      this.body = body;
    }

    public JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }

  /** One paragraph of a note as the server holds it. */
  public static final class ParagraphState {
    public final String id;
    public final String title;
    public final String status;
    public final String text;
    public final List<String> results;
    public final List<String> resultTypes;

    ParagraphState(String id, String title, String status, String text, List<String> resultTypes, List<String> results) {
      this.id = id;
      this.title = title;
      this.status = status;
      this.text = text;
      this.resultTypes = resultTypes;
      this.results = results;
    }

    /** The first result of the given type (TABLE, TEXT, HTML), or null. */
    public String result(String type) {
      for (int i = 0; i < results.size(); i++) {
        if (type.equals(resultTypes.get(i))) {
          return results.get(i);
        }
      }
      return null;
    }
  }

  private final String base;
  private final HttpClient http;

  public ZeppelinRest(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public Response send(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(10));
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    if (json != null) {
      b.header("Content-Type", "application/json; charset=utf-8");
    }
    HttpResponse<String> r = http.send(b.method(method, body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(r.statusCode(), r.body());
  }

  public Response get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  public Response login(String user, String password) throws IOException, InterruptedException {
    String form = "userName=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/login")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(r.statusCode(), r.body());
  }

  /**
   * Runs every enabled paragraph of a note, one after the other, each waited for until it ends;
   * returns the first answer that is not 200, or the last 200. Not Zeppelin's "run all" ({@code
   * POST /api/notebook/job/ID}): after a run all, Zeppelin keeps that note's interpreter session in
   * "note" execution mode, where its later paragraphs wait for each other even when run one by one
   * (every release up to 0.12 does so; see README, "Parallel paragraphs").
   */
  public Response runNote(String noteId) throws IOException, InterruptedException {
    Response note = get("/api/notebook/" + noteId);
    if (note.status != 200) {
      return note;
    }
    Response last = note;
    for (JsonElement e : note.json().getAsJsonObject("body").getAsJsonArray("paragraphs")) {
      JsonObject p = e.getAsJsonObject();
      JsonObject config = p.has("config") && p.get("config").isJsonObject() ? p.getAsJsonObject("config") : new JsonObject();
      if (config.has("enabled") && !config.get("enabled").getAsBoolean()) {
        continue;
      }
      last = runParagraph(noteId, p.get("id").getAsString());
      if (last.status != 200) {
        return last;
      }
    }
    return last;
  }

  /** Submits one paragraph (Zeppelin's asynchronous job API) and waits until it has ended. */
  public Response runParagraph(String noteId, String paragraphId) throws IOException, InterruptedException {
    Response submitted = send("POST", "/api/notebook/job/" + noteId + "/" + paragraphId, null);
    return submitted.status != 200 ? submitted : awaitEnd(noteId, paragraphId);
  }

  /** Waits until a submitted paragraph has ended (FINISHED, ERROR or ABORT); its status answer. */
  public Response awaitEnd(String noteId, String paragraphId) throws IOException, InterruptedException {
    while (true) {
      Response s = get("/api/notebook/job/" + noteId + "/" + paragraphId);
      if (s.status != 200) {
        return s;
      }
      String status = s.json().getAsJsonObject("body").get("status").getAsString();
      if (status.equals("FINISHED") || status.equals("ERROR") || status.equals("ABORT")) {
        return s;
      }
      Thread.sleep(100); // polling interval of a state, not a timeout
    }
  }

  /** The status of one paragraph: READY, PENDING, RUNNING, FINISHED, ERROR or ABORT. */
  public String status(String noteId, String paragraphId) throws IOException, InterruptedException {
    Response s = get("/api/notebook/job/" + noteId + "/" + paragraphId);
    if (s.status != 200) {
      throw new IOException("GET paragraph status " + noteId + "/" + paragraphId + ": " + s);
    }
    return s.json().getAsJsonObject("body").get("status").getAsString();
  }

  public Response setPermissions(String noteId, Map<String, List<String>> permissions) throws IOException, InterruptedException {
    return send("PUT", "/api/notebook/" + noteId + "/permissions", new Gson().toJson(permissions));
  }

  public List<ParagraphState> paragraphs(String noteId) throws IOException, InterruptedException {
    Response r = get("/api/notebook/" + noteId);
    if (r.status != 200) {
      throw new IOException("GET note " + noteId + ": " + r);
    }
    List<ParagraphState> out = new ArrayList<>();
    for (JsonElement e : r.json().getAsJsonObject("body").getAsJsonArray("paragraphs")) {
      JsonObject p = e.getAsJsonObject();
      List<String> types = new ArrayList<>();
      List<String> data = new ArrayList<>();
      if (p.has("results") && p.getAsJsonObject("results").has("msg")) {
        JsonArray msg = p.getAsJsonObject("results").getAsJsonArray("msg");
        for (JsonElement m : msg) {
          types.add(m.getAsJsonObject().get("type").getAsString());
          data.add(m.getAsJsonObject().get("data").getAsString());
        }
      }
      out.add(new ParagraphState(p.get("id").getAsString(), p.has("title") ? p.get("title").getAsString() : "",
          p.has("status") ? p.get("status").getAsString() : "", p.has("text") ? p.get("text").getAsString() : "",
          types, data));
    }
    return out;
  }
}
