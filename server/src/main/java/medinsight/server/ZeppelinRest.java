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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medinsight.zeppelin.ParagraphEnd;

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
    return runNote(noteId, new LinkedHashMap<>());
  }

  /**
   * {@link #runNote(String)}, putting in {@code ended} how each paragraph run ended (FINISHED,
   * ERROR or ABORT) by its id: what {@link #runParagraph} found, which is right where the server's
   * own status of the paragraph is not (see {@link #awaitEnd(String, String, String)}).
   */
  public Response runNote(String noteId, Map<String, String> ended) throws IOException, InterruptedException {
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
      String id = p.get("id").getAsString();
      last = runParagraph(noteId, id);
      if (last.status != 200) {
        return last;
      }
      ended.put(id, last.json().getAsJsonObject("body").get("status").getAsString());
    }
    return last;
  }

  /** Submits one paragraph (Zeppelin's asynchronous job API) and waits until it has ended. */
  public Response runParagraph(String noteId, String paragraphId) throws IOException, InterruptedException {
    Response before = get(job(noteId, paragraphId));
    if (before.status != 200) {
      return before;
    }
    String finishedBefore = finishedOf(before);
    Response submitted = send("POST", job(noteId, paragraphId), null);
    return submitted.status != 200 ? submitted : awaitEnd(noteId, paragraphId, finishedBefore);
  }

  /**
   * Runs one paragraph and answers as Zeppelin's synchronous run ({@code POST
   * /api/notebook/run/NOTE/PARAGRAPH}) does: the result, {@code body.code} and {@code body.msg}.
   * That call itself waits inside the server for a status that may never come ({@link
   * ParagraphEnd}); this one submits and waits here.
   */
  public Response run(String noteId, String paragraphId) throws IOException, InterruptedException {
    Response ended = runParagraph(noteId, paragraphId);
    if (ended.status != 200) {
      return ended;
    }
    Response p = get("/api/notebook/" + noteId + "/paragraph/" + paragraphId);
    if (p.status != 200) {
      return p;
    }
    JsonObject par = p.json().getAsJsonObject("body");
    JsonObject answer = new JsonObject();
    answer.addProperty("status", "OK");
    answer.add("body", par.has("results") && par.get("results").isJsonObject() ? par.getAsJsonObject("results") : new JsonObject());
    return new Response(200, answer.toString());
  }

  /** The end time of a paragraph's last run as its job status gives it ("" if it never ended), for {@link #ended}. */
  public String finished(String noteId, String paragraphId) throws IOException, InterruptedException {
    Response s = get(job(noteId, paragraphId));
    if (s.status != 200) {
      throw new IOException("GET paragraph status " + noteId + "/" + paragraphId + ": " + s);
    }
    return finishedOf(s);
  }

  private static String finishedOf(Response status) {
    String f = field(status.json().getAsJsonObject("body"), "finished");
    return f == null ? "" : f;
  }

  private static String job(String noteId, String paragraphId) {
    return "/api/notebook/job/" + noteId + "/" + paragraphId;
  }

  /**
   * Waits until a submitted paragraph has ended ({@link ParagraphEnd}: Zeppelin can report a
   * paragraph RUNNING for good after it has ended). {@code finishedBefore}: the paragraph's end
   * time before it was submitted ({@link #finished}; null if not known). The answer holds the
   * status the server should have given.
   */
  public Response awaitEnd(String noteId, String paragraphId, String finishedBefore) throws IOException, InterruptedException {
    while (true) {
      Response s = ended(noteId, paragraphId, finishedBefore);
      if (s != null) {
        return s;
      }
      Thread.sleep(100); // polling interval of a state, not a timeout
    }
  }

  /**
   * The job status of a submitted paragraph once it has ended, with the status the server should
   * have given ({@link ParagraphEnd}); null while it runs; an answer that is not 200 as it came.
   */
  public Response ended(String noteId, String paragraphId, String finishedBefore) throws IOException, InterruptedException {
    Response s = get(job(noteId, paragraphId));
    if (s.status != 200) {
      return s;
    }
    JsonObject answer = s.json();
    JsonObject body = answer.getAsJsonObject("body");
    String end = ParagraphEnd.of(body.get("status").getAsString(), field(body, "finished"), finishedBefore, () -> {
      Response p = get("/api/notebook/" + noteId + "/paragraph/" + paragraphId);
      JsonObject par = p.status == 200 ? p.json().getAsJsonObject("body") : new JsonObject();
      return par.has("results") && par.get("results").isJsonObject() ? field(par.getAsJsonObject("results"), "code") : null;
    });
    if (end == null) {
      return null;
    }
    body.addProperty("status", end);
    return new Response(200, answer.toString());
  }

  private static String field(JsonObject o, String name) {
    return o.has(name) && o.get(name).isJsonPrimitive() ? o.get(name).getAsString() : null;
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
