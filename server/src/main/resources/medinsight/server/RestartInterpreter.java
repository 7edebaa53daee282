import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Properties;

/**
 * The watchdog of bin/medinsight up: the interpreter script runs it (java RestartInterpreter.java,
 * the JDK alone) when its interpreter process died without being stopped. It logs in as admin and
 * restarts the interpreter setting, so the next paragraph starts a new process. One line of output.
 * Arguments: WORK_FOLDER SETTING EXIT_CODE.
 */
public class RestartInterpreter {
  public static void main(String[] args) throws Exception {
    Path work = Paths.get(args[0]);
    String setting = args[1];
    String exit = args[2];
    String when = OffsetDateTime.now().withNano(0).toString();
    Path run = work.resolve("zeppelin").resolve("run");
    Path pid = run.resolve("zeppelin.pid");
    Path port = run.resolve("zeppelin.port");
    if (!Files.exists(pid) || !Files.exists(port)
        || ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map(h -> !h.isAlive()).orElse(true)) {
      System.out.println(when + " interpreter " + setting + " ended (exit " + exit + ") with the server stopped; nothing to restart");
      return;
    }
    Properties logins = new Properties();
    try (var r = Files.newBufferedReader(work.resolve("credentials.properties"), StandardCharsets.UTF_8)) {
      logins.load(r);
    }
    String base = "http://127.0.0.1:" + Files.readString(port).trim();
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("userName=admin&password="
            + URLEncoder.encode(logins.getProperty("admin", ""), StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      System.out.println(when + " interpreter " + setting + " died (exit " + exit + "); restart failed: login " + login.statusCode());
      return;
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create(base + "/api/interpreter/setting/restart/" + URLEncoder.encode(setting, StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    System.out.println(when + " interpreter " + setting + " died (exit " + exit + "); "
        + (r.statusCode() == 200 ? "restarted" : "restart failed: " + r.statusCode()));
  }
}
