package medinsight.bench;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import medinsight.zeppelin.ParagraphEnd;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;

/**
 * The terminal runner's way to the local server that {@code bin/medinsight up} started: each
 * paragraph runs in the admin's private note 终端 of that server, on its warm interpreter and its
 * data, and is removed again. The logins come from the work folder's credentials file, which only
 * the user who started the server can read.
 */
final class ServerRunner implements AutoCloseable {
  static final String NOTE = "medinsight 终端";

  /** A paragraph's answer: Zeppelin's result code and messages. */
  static final class Answer {
    final boolean ok;
    final List<InterpreterResultMessage> messages;

    Answer(boolean ok, List<InterpreterResultMessage> messages) {
      this.ok = ok;
      this.messages = messages;
    }
  }

  final String url;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .connectTimeout(Duration.ofSeconds(5)).build();
  private String note;

  private ServerRunner(String url) {
    this.url = url;
  }

  /** The local server of a work folder when it runs, logged in as admin; else empty. */
  static Optional<ServerRunner> of(Path work) throws IOException, InterruptedException {
    Path run = work.resolve("zeppelin/run");
    Path credentials = work.resolve("credentials.properties");
    if (!Files.exists(run.resolve("zeppelin.pid")) || !Files.exists(run.resolve("zeppelin.port")) || !Files.isReadable(credentials)) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readString(run.resolve("zeppelin.pid")).trim());
    if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
      return Optional.empty();
    }
    Properties logins = new Properties();
    try (Reader r = Files.newBufferedReader(credentials, StandardCharsets.UTF_8)) {
      logins.load(r);
    }
    ServerRunner s = new ServerRunner("http://127.0.0.1:" + Files.readString(run.resolve("zeppelin.port")).trim());
    String form = "userName=admin&password=" + URLEncoder.encode(logins.getProperty("admin", ""), StandardCharsets.UTF_8);
    HttpResponse<String> login = s.http.send(HttpRequest.newBuilder(URI.create(s.url + "/api/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (login.statusCode() != 200) {
      throw new IOException("the local server at " + s.url + " refused the admin login of " + credentials + " (HTTP " + login.statusCode() + ")");
    }
    return Optional.of(s);
  }

  private JsonObject send(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofHours(2));
    if (body != null) {
      b.header("Content-Type", "application/json; charset=utf-8");
    }
    HttpResponse<String> r = http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(new Gson().toJson(body), StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IOException(method + " " + path + " answered HTTP " + r.statusCode());
    }
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  /** The admin's private note for terminal paragraphs, made the first time. */
  private String note() throws IOException, InterruptedException {
    if (note != null) {
      return note;
    }
    for (JsonElement e : send("GET", "/api/notebook", null).getAsJsonArray("body")) {
      JsonObject n = e.getAsJsonObject();
      if (n.has("path") && n.get("path").getAsString().equals("/" + NOTE)) {
        return note = n.get("id").getAsString();
      }
    }
    note = send("POST", "/api/notebook", Map.of("name", NOTE)).get("body").getAsString();
    List<String> admin = List.of("admin");
    send("PUT", "/api/notebook/" + note + "/permissions",
        Map.of("owners", admin, "writers", admin, "runners", admin, "readers", admin));
    return note;
  }

  /** Runs one paragraph ({@code %drugs} or {@code %drugs.sql}) and removes it again. */
  Answer run(boolean sql, String text) throws IOException, InterruptedException {
    String n = note();
    String p = send("POST", "/api/notebook/" + n + "/paragraph",
        Map.of("title", "terminal", "text", (sql ? "%drugs.sql\n" : "%drugs\n") + text)).get("body").getAsString();
    try {
      // submitted and waited for, not Zeppelin's synchronous run, which can wait for good (ParagraphEnd)
      send("POST", "/api/notebook/job/" + n + "/" + p, null);
      while (true) {
        JsonObject job = send("GET", "/api/notebook/job/" + n + "/" + p, null).getAsJsonObject("body");
        if (ParagraphEnd.of(job.get("status").getAsString(), field(job, "finished"), "", () -> field(results(n, p), "code")) != null) {
          break;
        }
        Thread.sleep(100); // polling interval of a state, not a timeout
      }
      JsonObject body = results(n, p);
      List<InterpreterResultMessage> out = new ArrayList<>();
      if (body.has("msg")) {
        for (JsonElement m : body.getAsJsonArray("msg")) {
          JsonObject o = m.getAsJsonObject();
          out.add(new InterpreterResultMessage(InterpreterResult.Type.valueOf(o.get("type").getAsString()), o.get("data").getAsString()));
        }
      }
      return new Answer("SUCCESS".equals(field(body, "code")), out);
    } finally {
      send("DELETE", "/api/notebook/" + n + "/paragraph/" + p, null);
    }
  }

  private static String field(JsonObject o, String name) {
    return o.has(name) && o.get(name).isJsonPrimitive() ? o.get(name).getAsString() : null;
  }

  /** The paragraph's result: its code and messages (empty while it has none). */
  private JsonObject results(String n, String p) throws IOException, InterruptedException {
    JsonObject body = send("GET", "/api/notebook/" + n + "/paragraph/" + p, null).getAsJsonObject("body");
    return body.has("results") && body.get("results").isJsonObject() ? body.getAsJsonObject("results") : new JsonObject();
  }

  @Override
  public void close() {
    // the HTTP client holds nothing that outlives the program
  }
}
