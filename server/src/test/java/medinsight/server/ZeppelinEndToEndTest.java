package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Zeppelin server with the plugin and every note, started by the launcher on loopback (the
 * test JVM runs in a private network namespace, see src/test/netns-jdk/bin/java), driven through its
 * REST API with real logins.
 */
class ZeppelinEndToEndTest {
  @TempDir
  static Path work;
  static Launcher launcher;
  static ZeppelinHome home;
  static int port;
  static String base;
  static Map<String, String> logins;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @BeforeAll
  static void up() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    home = new ZeppelinHome(NoteBundleTest.root(), work);
    launcher = up(home, LOG, port, true);
    base = launcher.url(port);
    logins = home.credentials(null);
  }

  /** A launcher of {@code home} whose server is up on {@code port} (its notes run or not); a failure says why, with the logs. */
  static Launcher up(ZeppelinHome home, ByteArrayOutputStream log, int port, boolean runNotes) throws Exception {
    Launcher l = new Launcher(home, new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      l.up(port, runNotes);
    } catch (Launcher.Failure f) {
      throw new AssertionError(f.getMessage() + "\n" + log.toString(StandardCharsets.UTF_8) + LocalServer.tail(home.log(), 40)
          + LocalServer.tail(home.home.resolve("logs/interpreter-drugs.log"), 40));
    }
    return l;
  }

  @AfterAll
  static void down() throws Exception {
    if (launcher != null) {
      launcher.down();
      assertFalse(LocalServer.listening(port), "the server still listens after down");
      assertTrue(launcher.server().isEmpty());
    }
  }

  static ZeppelinRest as(String user) throws Exception {
    ZeppelinRest r = new ZeppelinRest(base);
    assertEquals(200, r.login(user, logins.get(user)).status, "login " + user);
    return r;
  }

  static List<String[]> table(String data) {
    return Arrays.stream(data.split("\n")).filter(l -> !l.isEmpty()).map(l -> l.split("\t", -1))
        .collect(java.util.stream.Collectors.toList());
  }

  static String cell(List<String[]> t, String column, String... keys) {
    int c = Arrays.asList(t.get(0)).indexOf(column);
    for (String[] row : t.subList(1, t.size())) {
      boolean match = true;
      for (int i = 0; i < keys.length; i++) {
        match &= keys[i].equals(row[i]);
      }
      if (match) {
        return row[c];
      }
    }
    throw new AssertionError("no row " + String.join("/", keys));
  }

  /** {index, header} of every column the committed note's chart settings of a paragraph name (as the generator resolved its keys). */
  static List<Object[]> committedChartColumns(NoteBundle.Note n, String paragraphId) throws Exception {
    JsonObject note = com.google.gson.JsonParser.parseString(
        Files.readString(NoteBundleTest.root().resolve("notes").resolve(n.fileName()), StandardCharsets.UTF_8)).getAsJsonObject();
    List<Object[]> out = new java.util.ArrayList<>();
    for (com.google.gson.JsonElement e : note.getAsJsonArray("paragraphs")) {
      JsonObject p = e.getAsJsonObject();
      JsonObject results = p.getAsJsonObject("config").getAsJsonObject("results");
      if (!p.get("id").getAsString().equals(paragraphId) || results == null || !results.has("0")) {
        continue;
      }
      JsonObject graph = results.getAsJsonObject("0").getAsJsonObject("graph");
      for (String role : new String[] {"keys", "groups", "values"}) {
        for (com.google.gson.JsonElement c : graph.getAsJsonArray(role)) {
          out.add(new Object[] {c.getAsJsonObject().get("index").getAsInt(), c.getAsJsonObject().get("name").getAsString()});
        }
      }
    }
    return out;
  }

  @Test
  void everyParagraphOfEveryNoteFinishedAndChartsMatchTheirTables() throws Exception {
    ZeppelinRest admin = as("admin");
    Map<String, NoteBundle.Paragraph> defined = new HashMap<>();
    for (NoteBundle.Note n : NoteBundle.notes()) {
      n.paragraphs.forEach(p -> defined.put(p.id, p));
    }
    int paragraphs = 0;
    int svgs = 0;
    for (NoteBundle.Note n : NoteBundle.notes()) {
      for (ZeppelinRest.ParagraphState p : admin.paragraphs(n.id)) {
        paragraphs++;
        assertEquals("FINISHED", p.status, n.name + " / " + p.title + ": " + p.results);
        NoteBundle.Paragraph def = defined.get(p.id);
        if (def.text.startsWith("%drugs\nchart ")) {
          // the drawing came through Zeppelin as one %html result: a script-free svg
          String html = p.result("HTML");
          assertTrue(html != null && html.trim().startsWith("<svg ") && html.trim().endsWith("</svg>"),
              n.name + " / " + p.title + ": " + p.resultTypes);
          assertFalse(html.contains("<script") || html.matches("(?s).*\\son[a-zA-Z]+\\s*=.*"), n.name + " / " + p.title);
          // the published page keeps every element and attribute of it but the root's style
          assertEquals(withoutStyle(html), HtmlSanitizer.clean(html), n.name + " / " + p.title + ": the sanitiser changed the chart");
          svgs++;
        }
        for (Object[] c : committedChartColumns(n, p.id)) {
          String table = p.result("TABLE");
          assertTrue(table != null, n.name + " / " + p.title + " has a chart but no table");
          String[] header = table.split("\n")[0].split("\t");
          assertEquals(c[1], header[(Integer) c[0]], n.name + " / " + p.title + ": chart column " + c[0]);
        }
      }
    }
    assertEquals(NoteBundle.notes().stream().mapToInt(n -> n.paragraphs.size()).sum(), paragraphs);
    assertEquals(6, svgs, "SVG charts in the notes");
  }

  /** A chart as the sanitiser should leave it: its root's style gone, its own width as the width attribute. */
  static String withoutStyle(String svg) {
    org.jsoup.nodes.Document d = org.jsoup.Jsoup.parseBodyFragment(svg);
    org.jsoup.nodes.Element root = d.selectFirst("svg");
    assertTrue(root.attr("style").startsWith("max-width:"), root.attr("style"));
    root.removeAttr("style");
    root.attr("width", root.attr("viewBox").split(" ")[2]);
    d.outputSettings().prettyPrint(false).charset("UTF-8");
    return d.body().html();
  }

  /** A paragraph of a note by its id. */
  static ZeppelinRest.ParagraphState paragraph(List<ZeppelinRest.ParagraphState> note, String id) {
    return note.stream().filter(p -> p.id.equals(id)).findFirst().orElseThrow(() -> new AssertionError("no paragraph " + id));
  }

  static ZeppelinRest.ParagraphState titled(List<ZeppelinRest.ParagraphState> ps, String title) {
    return ps.stream().filter(p -> title.equals(p.title)).findFirst()
        .orElseThrow(() -> new AssertionError("no paragraph titled " + title));
  }

  @Test
  void publishedDashboardsAreServedAtTheRootAndDrawInABrowser() throws Exception {
    ZeppelinRest anon = new ZeppelinRest(base);
    ZeppelinRest.Response root = anon.get("/");
    assertEquals(200, root.status, "the published overview at / needs no login");
    assertTrue(root.body.contains("data-theme=\"dark\"") && root.body.contains("<h1>总览</h1>"), root.toString());
    List<ZeppelinRest.ParagraphState> overview = as("admin").paragraphs("2MIOVERVW");
    try (Browser b = new Browser()) {
      for (NoteBundle.Note n : NoteBundle.notes()) {
        if (!n.dashboard) {
          continue;
        }
        b.open(base + "/" + n.id + ".html");
        b.screenshot(Browser.screenshots().resolve(n.id + ".png"));
        List<String> errors = b.consoleErrors();
        assertTrue(errors.isEmpty(), n.name + ": console errors " + errors);
        Number charts = (Number) b.js("return document.querySelectorAll('.chart').length;");
        assertEquals(String.valueOf(charts), b.js("return document.body.getAttribute('data-charts-drawn');"), n.name);
        List<Long> pixels = b.chartPixels();
        assertTrue(pixels.stream().allMatch(px -> px > 2000), n.name + ": a chart drew nothing " + pixels);
        for (List<Long> svg : b.svgs()) {
          assertTrue(svg.get(0) > 1000 && svg.get(1) > 2, n.name + ": an SVG result drew nothing " + svg);
          assertTrue(svg.get(2) > 0, n.name + ": an SVG result lost its viewBox " + svg);
        }
        Number sections = (Number) b.js("return document.querySelectorAll('main section').length;");
        assertTrue(sections.intValue() >= n.paragraphs.size() - 1, n.name + ": " + sections + " sections");
      }
      // the big screen shows the figures the note computed, and which data they come from
      b.open(base + "/");
      String text = (String) b.js("return document.body.textContent;");
      for (String v : new String[] {"3,915", "3,253", "472", "48,865"}) {
        assertTrue(text.contains(v), "the overview page lacks the KPI figure " + v);
      }
      assertFalse(text.contains("核心指标（表）"), "a hidden result is not published");
      assertTrue(text.contains(titled(overview, "数据版本").result("TEXT").trim()), "data line");
      assertTrue(text.contains("2025 年版") && text.contains("2026-01-01 起执行") && text.contains("加载于"), "edition and load time");
    }
  }

  @Test
  void publishesFromTheSavedNotesWithoutTheServer(@TempDir Path out) throws Exception {
    // Zeppelin keeps each note's results in its .zpln file: a notebook folder is enough to publish
    List<Path> files = launcher.publish(0, List.of("核心属性", "2MIMINING"), out, home.home.resolve("notebook"));
    assertEquals(List.of(out.resolve("2MICORE01.html"), out.resolve("index.html"), out.resolve("2MIMINING.html")), files);
    String core = Files.readString(out.resolve("2MICORE01.html"));
    assertTrue(core.contains("<h1>核心属性</h1>") && core.contains("data-theme=\"dark\""), "the first page chosen is the index");
    assertTrue(core.contains("<svg") && core.contains("chart-1"), "drawings and charts");
    assertTrue(Files.readString(out.resolve("2MIMINING.html")).contains("关联规则"));
  }

  @Test
  void keyFiguresAreTheOfficialCounts() throws Exception {
    ZeppelinRest admin = as("admin");
    List<ZeppelinRest.ParagraphState> overview = admin.paragraphs("2MIOVERVW");
    List<String[]> kpi = table(titled(overview, "核心指标（表）").result("TABLE"));
    // the 2025 edition, in force since 2026-01-01
    assertEquals("3915", kpi.get(1)[0]);
    assertEquals("3253", kpi.get(1)[1]);
    assertEquals("472", kpi.get(1)[7]);
    // the cards show the same figures
    String cards = paragraph(overview, "paragraph_medinsight_overview_kpicards").result("HTML");
    assertTrue(cards.contains(">3,915</text>") && cards.contains(">3,253</text>") && cards.contains(">472</text>"), cards);
    List<String[]> levels = table(titled(overview, "医保类别（按品种）").result("TABLE"));
    assertEquals("393", cell(levels, "品种数", "西药", "甲"));
    assertEquals("1053", cell(levels, "品种数", "西药", "乙"));
    assertEquals("246", cell(levels, "品种数", "中成药", "甲"));
    assertEquals("95", cell(levels, "品种数", "中成药·其中民族药", "乙"));
    assertEquals("411", cell(levels, "品种数", "谈判药品·西药", "乙"));
    assertEquals("61", cell(levels, "品种数", "谈判药品·中成药", "乙"));
    // the changes from 2024, on the overview and on 版本对比
    String changes = titled(overview, "目录变化 2024 → 2025（新增、调出、谈判转常规）").result("TABLE");
    assertTrue(changes != null && table(changes).size() == 3, "changes by medicine type: " + changes);
    List<ZeppelinRest.ParagraphState> diffNote = admin.paragraphs("2MIDIFF01");
    List<String[]> diffTable = table(titled(diffNote, "版本对比").result("TABLE"));
    long added = 0;
    for (String[] row : diffTable.subList(1, diffTable.size())) {
      added += Long.parseLong(row[1]) + Long.parseLong(row[2]) + Long.parseLong(row[3]);
    }
    assertTrue(added > 100, "2024 → 2025 adds over a hundred varieties: " + added);
    // the look-up note's dynamic forms were filled in with their defaults (阿莫西林, 全部)
    // the catalog's entries first, then the products
    ZeppelinRest.ParagraphState found = admin.paragraphs("2MILOOKUP").get(1);
    List<String[]> entries = table(found.result("TABLE"));
    assertTrue(entries.size() > 1 && entries.get(0)[3].equals("药品名称"), "the look-up found no entry: " + found.results);
    assertTrue(entries.subList(1, entries.size()).stream().allMatch(r -> r[3].contains("阿莫西林")), "catalog entries");
    List<String[]> lookup = table(found.results.get(found.resultTypes.lastIndexOf("TABLE")));
    assertTrue(lookup.size() > 1, "the look-up found no product");
    assertTrue(lookup.subList(1, lookup.size()).stream().allMatch(r -> r[1].contains("阿莫西林")), "look-up rows");
  }

  @Test
  void viewerReadsButCannotTouch() throws Exception {
    ZeppelinRest viewer = as("viewer");
    for (NoteBundle.Note n : NoteBundle.notes()) {
      assertEquals(200, viewer.get("/api/notebook/" + n.id).status, "viewer reads " + n.name);
    }
    String note = "2MIOVERVW";
    String para = NoteBundle.notes().get(0).paragraphs.get(1).id;
    assertEquals(403, viewer.send("POST", "/api/notebook/job/" + note + "/" + para, null).status, "run");
    assertEquals(403, viewer.send("POST", "/api/notebook/run/" + note + "/" + para, null).status, "run sync");
    assertEquals(403, viewer.send("POST", "/api/notebook/job/" + note + "?blocking=true", null).status, "run note");
    assertEquals(403, viewer.send("PUT", "/api/notebook/" + note + "/paragraph/" + para,
        "{\"title\":\"x\",\"text\":\"%drugs.sql select 1\"}").status, "edit");
    assertEquals(403, viewer.send("POST", "/api/notebook/" + note + "/paragraph",
        "{\"title\":\"x\",\"text\":\"%drugs.sql select 1\"}").status, "insert");
    assertEquals(403, viewer.send("PUT", "/api/notebook/" + note + "/permissions",
        "{\"owners\":[\"viewer\"],\"readers\":[],\"writers\":[],\"runners\":[]}").status, "permissions");
    // a logged-in user without the permission is answered 403 (Shiro's own filters say 401, "log in")
    assertEquals(403, viewer.send("DELETE", "/api/notebook/" + note, null).status, "delete");
    // only writers make notes: a viewer's imported note, named like a dashboard and shared with
    // everyone, was served as imported, its stored scripts too
    assertEquals(403, viewer.send("POST", "/api/notebook", "{\"name\":\"总览\"}").status, "create");
    assertEquals(403, viewer.send("POST", "/api/notebook/import",
        "{\"name\":\"总览\",\"paragraphs\":[{\"text\":\"%html x\",\"results\":{\"code\":\"SUCCESS\","
        + "\"msg\":[{\"type\":\"HTML\",\"data\":\"<script>alert(1)</script>\"}]}}]}").status, "import");
    assertEquals(403, viewer.send("POST", "/api/notebook/" + note, "{\"name\":\"copy\"}").status, "clone");
    assertEquals(403, viewer.get("/api/interpreter/setting").status, "the interpreter settings");
    assertEquals(200, viewer.get("/api/notebook").status, "the list stays readable");
    // nor the websocket, which would take the same operations
    java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    assertEquals(200, browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("userName=viewer&password=" + logins.get("viewer"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    java.util.concurrent.CompletionException ws = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class,
        () -> browser.newWebSocketBuilder().header("Origin", base).buildAsync(java.net.URI.create(base.replace("http://", "ws://") + "/ws"),
            new java.net.http.WebSocket.Listener() { }).join(), "a viewer's websocket");
    assertTrue(ws.getCause() instanceof java.net.http.WebSocketHandshakeException, ws.toString());
    assertEquals(403, ((java.net.http.WebSocketHandshakeException) ws.getCause()).getResponse().statusCode(), "a viewer's websocket");
  }

  /**
   * Guessing at a password: after five failed logins of a name within a minute, its logins wait
   * (429, with Retry-After), while other users log in as before. A note import over Zeppelin's own
   * websocket cap (10,240,000 bytes) is refused before it is read (it was read whole, 120 MB and
   * the server ended), and the server answers on.
   */
  @Test
  void guessedPasswordsWaitAndAnOversizedImportIsRefused() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertEquals(403, new ZeppelinRest(base).login("mallory", "guess-" + i).status, "failed login " + i);
    }
    java.net.http.HttpResponse<String> waits = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("userName=mallory&password=guess-5")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(429, waits.statusCode(), waits.body());
    assertTrue(waits.headers().firstValue("Retry-After").isPresent(), waits.headers().map().toString());
    assertEquals(200, new ZeppelinRest(base).login("analyst", logins.get("analyst")).status, "another user logs in");
    ZeppelinRest analyst = as("analyst");
    String big = "{\"name\":\"big\",\"paragraphs\":[{\"text\":\"%md " + "x".repeat(10_300_000) + "\"}]}";
    ZeppelinRest.Response refused = analyst.send("POST", "/api/notebook/import", big);
    assertEquals(413, refused.status, refused.body.length() > 300 ? refused.body.substring(0, 300) : refused.body);
    assertEquals(200, analyst.get("/api/notebook").status, "the server answers on");
    assertFalse(analyst.get("/api/notebook").body.contains("/big\""), "no note was made");
  }

  @Test
  void anotherOriginGetsNoCorsGrant() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (String origin : List.of("http://evil.example", "http://127.0.0.2:" + port)) {
      java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/version"))
          .header("Origin", origin).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertFalse(r.headers().allValues("Access-Control-Allow-Origin").contains(origin), origin + " was granted: " + r.headers().map());
    }
  }

  @Test
  void anonymousIsRefused() throws Exception {
    ZeppelinRest anon = new ZeppelinRest(base);
    for (String path : List.of("/api/notebook", "/api/notebook/2MIOVERVW", "/api/interpreter/setting")) {
      int status = anon.get(path).status;
      assertNotEquals(200, status, path);
      assertTrue(status == 302 || status == 401 || status == 403, path + " → " + status);
    }
    assertNotEquals(200, new ZeppelinRest(base).login("viewer", "wrong-password").status);
  }

  @Test
  void analystAddsAndRunsASqlParagraph() throws Exception {
    ZeppelinRest analyst = as("analyst");
    String note = "2MISQL001";
    ZeppelinRest.Response created = analyst.send("POST", "/api/notebook/" + note + "/paragraph",
        "{\"title\":\"我的查询\",\"text\":\"%drugs.sql\\nselect level, count(*) as n from products group by level order by level\"}");
    assertEquals(200, created.status, created.toString());
    String pid = created.json().get("body").getAsString();
    ZeppelinRest.Response run = analyst.run(note, pid);
    assertEquals(200, run.status, run.toString());
    JsonObject result = run.json().getAsJsonObject("body");
    assertEquals("SUCCESS", result.get("code").getAsString(), run.toString());
    String data = result.getAsJsonArray("msg").get(0).getAsJsonObject().get("data").getAsString();
    List<String[]> t = table(data);
    assertEquals("level", t.get(0)[0]);
    long total = t.subList(1, t.size()).stream().mapToLong(r -> Long.parseLong(r[1])).sum();
    assertTrue(total > 45_000, "products " + total);
    assertEquals(200, analyst.send("DELETE", "/api/notebook/" + note + "/paragraph/" + pid, null).status);
    assertEquals(403, analyst.send("PUT", "/api/notebook/" + note + "/permissions",
        "{\"owners\":[\"analyst\"],\"readers\":[],\"writers\":[],\"runners\":[]}").status, "only owners change permissions");
  }

  /** A new note of the user's own with one paragraph; returns {noteId, paragraphId}. */
  static String[] ownNote(ZeppelinRest rest, String text) throws Exception {
    ZeppelinRest.Response note = rest.send("POST", "/api/notebook", "{\"name\":\"own " + System.nanoTime() + "\"}");
    assertEquals(200, note.status, "any logged-in user may create a note: " + note);
    String id = note.json().get("body").getAsString();
    return new String[] {id, addParagraph(rest, id, text)};
  }

  static String addParagraph(ZeppelinRest rest, String note, String text) throws Exception {
    ZeppelinRest.Response p = rest.send("POST", "/api/notebook/" + note + "/paragraph",
        new com.google.gson.Gson().toJson(Map.of("title", "t", "text", text)));
    assertEquals(200, p.status, p.toString());
    return p.json().get("body").getAsString();
  }

  /** Runs one paragraph and waits: "SUCCESS" and its output, or else the code and the error text. */
  static String[] run(ZeppelinRest rest, String note, String paragraph) throws Exception {
    ZeppelinRest.Response r = rest.run(note, paragraph);
    StringBuilder text = new StringBuilder();
    String code = "HTTP " + r.status;
    try {
      JsonObject body = r.json().getAsJsonObject("body");
      if (body != null && body.has("code")) {
        code = body.get("code").getAsString();
        for (var m : body.getAsJsonArray("msg")) {
          text.append(m.getAsJsonObject().get("data").getAsString()).append('\n');
        }
      } else {
        text.append(r.body);
      }
    } catch (RuntimeException e) {
      text.append(r.body);
    }
    return new String[] {code, text.toString()};
  }

  static String[] runText(ZeppelinRest rest, String note, String text) throws Exception {
    return run(rest, note, addParagraph(rest, note, text));
  }

  /**
   * A local user without a login gets nothing: no log holds a login's ticket, the work folder
   * (logs, notes, configuration, data) is the server user's alone, and Zeppelin's websocket, which
   * would take any principal and ticket a message names, opens only for a login session.
   */
  @Test
  void aLocalUserWithoutALoginReadsNoTicketAndOpensNoWebsocket() throws Exception {
    java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    java.net.http.HttpResponse<String> login = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("userName=admin&password=" + logins.get("admin"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String ticket = com.google.gson.JsonParser.parseString(login.body()).getAsJsonObject().getAsJsonObject("body").get("ticket").getAsString();
    assertTrue(ticket.length() > 10, ticket);
    // a query runs, so the interpreter's log has had its say too
    ZeppelinRest analyst = as("analyst");
    assertEquals("SUCCESS", runText(analyst, ownNote(analyst, "%md x")[0], "%drugs.sql\nselect 1")[0]);
    try (java.util.stream.Stream<Path> files = Files.walk(home.home.resolve("logs"))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(ticket), "a login's ticket in " + f);
      }
    }
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(work)),
        "the work folder is the server user's alone");
    if ("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())) {
      for (Path f : List.of(home.log(), home.home.resolve("notebook"), home.credentialsFile())) {
        Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", "cat", f.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertNotEquals(0, p.waitFor(), "nobody reads " + f);
      }
    }
    java.net.URI ws = java.net.URI.create(base.replace("http://", "ws://") + "/ws");
    java.net.http.WebSocket.Listener quiet = new java.net.http.WebSocket.Listener() { };
    java.util.concurrent.CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(
        java.util.concurrent.CompletionException.class,
        () -> java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", base).buildAsync(ws, quiet).join(),
        "a websocket without a login session");
    assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused.toString());
    int status = ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    assertTrue(status == 302 || status == 401 || status == 403, "answered " + status);
    java.net.http.WebSocket open = browser.newWebSocketBuilder().header("Origin", base).buildAsync(ws, quiet).join();
    open.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "").join();
  }

  /**
   * A PDF of a few tens of KB whose page inflates to 24 MB of malformed operators (PDFBox warned
   * once for each: a 400 KB one wrote 3.7 GB of log) is refused with one line before it is read,
   * and the interpreter's log hardly grows.
   */
  @Test
  void aFlateBombPdfIsRefusedAndTheLogStaysSmall() throws Exception {
    Path bomb = home.dataDir().resolve("bomb.pdf");
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
      doc.addPage(page);
      org.apache.pdfbox.pdmodel.common.PDStream stream = new org.apache.pdfbox.pdmodel.common.PDStream(doc);
      try (java.io.OutputStream out = new java.io.BufferedOutputStream(stream.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE))) {
        for (long written = 0; written < 24L * 1024 * 1024; written += 2) {
          out.write('l');
          out.write('\n');
        }
      }
      page.setContents(stream);
      doc.save(bomb.toFile());
    }
    Path log = home.home.resolve("logs/interpreter-drugs.log");
    long before = Files.size(log);
    ZeppelinRest admin = as("admin");
    String[] r = runText(admin, ownNote(admin, "%md x")[0], "%drugs\nload bomb.pdf --as catalog --edition 2024");
    assertEquals("ERROR", r[0], r[1]);
    assertTrue(r[1].contains("第 1 页的内容解压后超过 16 MB") && r[1].trim().split("\n").length == 1, r[1]);
    assertTrue(Files.size(log) - before < 64 * 1024, "the log grew by " + (Files.size(log) - before) + " bytes");
  }

  /**
   * After an interpreter restart, the first user may set the group's properties with Zeppelin's
   * {@code %drugs.conf} before the process starts. The engine every user shares is made from the
   * setting the deployment saved, so an analyst's result limit and language reach no one.
   */
  @Test
  void aDrugsConfParagraphAfterARestartChangesNothingOthersSee() throws Exception {
    ZeppelinRest admin = as("admin");
    ZeppelinRest analyst = as("analyst");
    assertEquals(200, admin.send("PUT", "/api/interpreter/setting/restart/drugs", "{}").status);
    String note = ownNote(analyst, "%md x")[0];
    String[] conf = runText(analyst, note, "%drugs.conf\ndrugs.maxResult 2\ndrugs.language en\ndrugs.cache 0");
    assertEquals("SUCCESS", conf[0], "Zeppelin takes the properties before the process starts: " + conf[1]);
    String[] rows = runText(analyst, note, "%drugs.sql\nselect id from range(5)");
    assertEquals("SUCCESS", rows[0], rows[1]);
    assertEquals(5, Arrays.stream(rows[1].split("\n")).filter(l -> l.matches("[0-4]")).count(),
        "five rows, not the two the analyst set: " + rows[1]);
    String[] levels = runText(admin, ownNote(admin, "%md x")[0], "%drugs\nlevels --by variety");
    assertEquals("SUCCESS", levels[0], levels[1]);
    assertTrue(levels[1].contains("品种数"), "in the deployment's language: " + levels[1]);
  }

  /** Puts a one-row product list in the data folder as planted.csv; returns the products loaded now. */
  static long plantList(ZeppelinRest admin) throws Exception {
    Files.writeString(home.dataDir().resolve("planted.csv"), "药品名称,医保类别,生产企业,自付比例\n阿莫西林,甲,某企业,0\n", StandardCharsets.UTF_8);
    return products(admin);
  }

  static long products(ZeppelinRest admin) throws Exception {
    String[] r = runText(admin, ownNote(admin, "%md x")[0], "%drugs.sql\nselect count(*) as n from products");
    assertEquals("SUCCESS", r[0], r[1]);
    return Long.parseLong(table(r[1]).get(1)[0]);
  }

  /**
   * A paragraph an analyst (a writer on the dashboards) plants in one runs with the rights of
   * whoever runs it: {@code up} and {@code apply} run the dashboards as the service identity,
   * which may query and nothing else, so a planted load is refused, reported, and the data stay.
   * The admin who runs it is refused too: a load runs only in a note that only those who may load
   * can write.
   */
  @Test
  void aLoadPlantedInADashboardIsNotRunWithAdminsRights() throws Exception {
    ZeppelinRest analyst = as("analyst");
    ZeppelinRest admin = as("admin");
    long before = plantList(admin);
    String planted = addParagraph(analyst, "2MIQUALTY", "%drugs\nload planted.csv --as products");
    try {
      // the next up: it reuses the running server and runs the dashboards
      Launcher.Failure f = org.junit.jupiter.api.Assertions.assertThrows(Launcher.Failure.class, () -> launcher.up(port, true),
          "the planted paragraph does not finish");
      assertTrue(f.getMessage().contains("ERROR") && f.getMessage().split("\n").length == 2, f.getMessage());
      String refusal = admin.paragraphs("2MIQUALTY").stream().filter(p -> p.id.equals(planted)).findFirst().orElseThrow().results.toString();
      assertTrue(refusal.contains("加载数据"), "refused as a load by a login that may not load: " + refusal);
      assertEquals(before, products(admin), "the product list is the one the admin loaded");
      // the admin who opens the dashboard and runs it: the text may be the analyst's, so no load
      String[] asAdmin = run(admin, "2MIQUALTY", planted);
      assertEquals("ERROR", asAdmin[0], asAdmin[1]);
      assertTrue(asAdmin[1].contains("analyst 也能编辑此笔记") && asAdmin[1].trim().split("\n").length == 1, asAdmin[1]);
      assertEquals(before, products(admin), "the admin's run loaded nothing either");
    } finally {
      assertEquals(200, admin.send("DELETE", "/api/notebook/2MIQUALTY/paragraph/" + planted, null).status);
    }
    // without it, up runs every dashboard and publishes them again (the pages the other tests read)
    launcher.up(port, true);
  }

  /**
   * A form value that Zeppelin keeps with the paragraph and substitutes into its text is one
   * value: with a line break it would add a command that runs as whoever runs the paragraph next
   * (the admin, say). It is refused for everyone, and the data stay.
   */
  @Test
  void aStoredFormValueThatAddsALineIsRefusedForTheAdminToo() throws Exception {
    ZeppelinRest analyst = as("analyst");
    ZeppelinRest admin = as("admin");
    long before = plantList(admin);
    String note = "2MILOOKUP";
    String pid = "paragraph_medinsight_lookup_02";
    String value = "阿莫西林\"\nload planted.csv --as products\n# ";
    try {
      String finished = analyst.finished(note, pid);
      ZeppelinRest.Response submitted = analyst.send("POST", "/api/notebook/job/" + note + "/" + pid,
          new com.google.gson.Gson().toJson(Map.of("params", Map.of("药品名称", value))));
      assertEquals(200, submitted.status, submitted.toString());
      assertEquals("ERROR", endStatus(analyst.awaitEnd(note, pid, finished)));
      // the admin runs the paragraph as it is stored, value included
      String[] asAdmin = run(admin, note, pid);
      assertEquals("ERROR", asAdmin[0], asAdmin[1]);
      assertTrue(asAdmin[1].contains("表单字段“药品名称”的值含有换行"), asAdmin[1]);
      assertEquals(before, products(admin));
    } finally {
      String finished = analyst.finished(note, pid);
      ZeppelinRest.Response restored = analyst.send("POST", "/api/notebook/job/" + note + "/" + pid,
          new com.google.gson.Gson().toJson(Map.of("params", Map.of("药品名称", "阿莫西林"))));
      assertEquals(200, restored.status, restored.toString());
      assertEquals("FINISHED", endStatus(analyst.awaitEnd(note, pid, finished)));
    }
  }

  @Test
  void aNoteTheViewerMayRunRunsNeitherDrugsNorSqlForThem() throws Exception {
    ZeppelinRest viewer = as("viewer");
    // viewers make no notes; an admin's note that lets the viewer write and run
    ZeppelinRest admin = as("admin");
    String[] own = ownNote(admin, "%drugs.sql\nSELECT TRANSFORM('x') USING 'id' AS (o string)");
    List<String> both = List.of("admin", "viewer");
    assertEquals(200, admin.setPermissions(own[0], Map.of("owners", List.of("admin"), "writers", both, "runners", both,
        "readers", both)).status);
    String[] r = run(viewer, own[0], own[1]);
    assertNotEquals("SUCCESS", r[0], r[1]);
    assertFalse(r[1].contains("uid="), r[1]);
    String[] d = runText(viewer, own[0], "%drugs\nlevels");
    assertNotEquals("SUCCESS", d[0], d[1]);
    assertFalse(d[1].contains("甲"), d[1]);
  }

  @Test
  void anAnalystRunsNoProgramReadsNoFileAndChangesNothingForTheAdmin() throws Exception {
    ZeppelinRest analyst = as("analyst");
    String note = ownNote(analyst, "%md x")[0];
    for (String s : List.of("SELECT TRANSFORM('x') USING 'id' AS (o string)",
        "select java_method('java.lang.System', 'exit', 0)",
        "select * from text.`" + home.credentialsFile() + "`",
        "SET spark.sql.session.timeZone=UTC",
        "create or replace temporary view rejected_rows as select 'planted by analyst' as reason")) {
      String[] r = runText(analyst, note, "%drugs.sql\n" + s);
      assertEquals("ERROR", r[0], s + ": " + r[1]);
      assertTrue(r[1].contains("不允许的 SQL") && !r[1].contains("uid=") && !r[1].contains(logins.get("admin")), s + ": " + r[1]);
    }
    String[] exp = runText(analyst, note, "%drugs\nexport " + home.credentialsFile() + " --overwrite yes --table yinpian --format csv");
    assertEquals("ERROR", exp[0], exp[1]);
    assertTrue(exp[1].contains("不能导出到"), exp[1]);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(home.credentialsFile())));
    assertTrue(Files.readString(home.credentialsFile()).contains(logins.get("admin")), "the passwords are unchanged");
    String[] load = runText(as("admin"), ownNote(as("admin"), "%md x")[0], "%drugs\nload /etc/passwd --as products");
    assertTrue(load[1].contains("只能加载数据文件夹") && !load[1].contains("root:"), load[1]);
    // the admin's session is as it was
    ZeppelinRest admin = as("admin");
    String[] tz = runText(admin, ownNote(admin, "%md x")[0], "%drugs.sql\nselect current_timezone() as tz, "
        + "(select count(*) from rejected_rows where reason = 'planted by analyst') as planted");
    assertEquals("SUCCESS", tz[0], tz[1]);
    assertTrue(tz[1].contains("Asia/Shanghai\t0"), tz[1]);
  }

  /** Listening TCP sockets of a process, as "address:port" in hex from /proc, with whether the namespace is loopback-only. */
  static List<String> exposedListeners(long pid) throws Exception {
    Path proc = Path.of("/proc", String.valueOf(pid));
    java.util.Set<String> inodes = new java.util.HashSet<>();
    try (var fds = Files.list(proc.resolve("fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String t = Files.readSymbolicLink(fd).toString();
          if (t.startsWith("socket:[")) {
            inodes.add(t.substring(8, t.length() - 1));
          }
        } catch (java.io.IOException gone) {
          // closed meanwhile
        }
      }
    }
    boolean ownNamespace = !Files.readSymbolicLink(proc.resolve("ns/net")).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")));
    boolean loopbackOnly = Files.readAllLines(proc.resolve("net/dev")).stream().skip(2)
        .allMatch(l -> l.trim().startsWith("lo:"));
    List<String> exposed = new java.util.ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      for (String line : Files.readAllLines(proc.resolve("net").resolve(table)).subList(1,
          Files.readAllLines(proc.resolve("net").resolve(table)).size())) {
        String[] f = line.trim().split("\\s+");
        if (!"0A".equals(f[3]) || !inodes.contains(f[9])) {
          continue; // not listening, or not this process's socket
        }
        String addr = f[1].substring(0, f[1].indexOf(':'));
        boolean loopback = addr.equals("0100007F") || addr.equals("00000000000000000000000001000000");
        if (!loopback && !(ownNamespace && loopbackOnly)) {
          exposed.add(table + " " + f[1] + " (pid " + pid + ")");
        }
      }
    }
    return exposed;
  }

  @Test
  void nothingUpStartedListensBeyondLoopback() throws Exception {
    ProcessHandle server = launcher.server().orElseThrow();
    // make sure an interpreter process is up
    ZeppelinRest analyst = as("analyst");
    assertEquals("SUCCESS", runText(analyst, ownNote(analyst, "%md x")[0], "%drugs\ntables")[0]);
    List<ProcessHandle> all = new java.util.ArrayList<>(server.descendants().collect(java.util.stream.Collectors.toList()));
    all.add(server);
    ProcessHandle.of(Long.parseLong(Files.readString(home.bridgePidFile()).trim())).ifPresent(all::add);
    assertTrue(all.stream().anyMatch(h -> h.info().commandLine().orElse("").contains("RemoteInterpreterServer")),
        "an interpreter process runs");
    List<String> exposed = new java.util.ArrayList<>();
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        exposed.addAll(exposedListeners(h.pid()));
      }
    }
    assertTrue(exposed.isEmpty(), "listening beyond loopback: " + exposed);
  }

  static ProcessHandle interpreterProcess() throws Exception {
    return launcher.server().orElseThrow().descendants()
        .filter(h -> h.info().commandLine().orElse("").contains("RemoteInterpreterServer")
            && h.info().commandLine().orElse("").contains("drugs"))
        .filter(h -> h.info().command().orElse("").endsWith("java"))
        .findFirst().orElseThrow(() -> new AssertionError("no drugs interpreter process"));
  }

  /**
   * One line that asks for a 2 GB string (the interpreter, shared by everyone, ended on
   * OutOfMemoryError) is refused in one line, and the same interpreter process answers next.
   */
  @Test
  void aStringOfTwoGigabytesIsRefusedAndTheInterpreterStaysUp() throws Exception {
    ZeppelinRest analyst = as("analyst");
    String note = ownNote(analyst, "%md x")[0];
    assertEquals("SUCCESS", runText(analyst, note, "%drugs\ntables")[0]);
    ProcessHandle before = interpreterProcess();
    for (String q : List.of("select length(repeat('x', 2147483647))", "select size(sequence(1, 2147483647))",
        "select length(lpad('x', 2147483647, 'y'))")) {
      String[] r = runText(analyst, note, "%drugs.sql\n" + q);
      assertEquals("ERROR", r[0], q + ": " + r[1]);
      assertTrue(r[1].contains("会占用解释器的内存") && r[1].strip().split("\n").length == 1, q + ": " + r[1]);
    }
    // a back-reference kept two executor threads busy for minutes after the cancel said 已取消
    String backReference = "select count(*) from range(0,2,1,2) where repeat('a', 40 + cast(id*0 as int)) rlike '(a*)*\\\\1b'";
    String[] regex = runText(analyst, note, "%drugs.sql\n" + backReference);
    assertEquals("ERROR", regex[0], regex[1]);
    assertTrue(regex[1].contains("反向引用") && regex[1].strip().split("\n").length == 1, regex[1]);
    // a nested-loop join kept both cores for hours after the cancel (Spark checks between rows)
    String[] pairs = runText(analyst, note, "%drugs.sql\nselect count(*) from products a cross join products b cross join "
        + "(select * from catalog limit 100) c where a.self_pay_ratio + b.self_pay_ratio + c.number > 1e9");
    assertEquals("ERROR", pairs[0], pairs[1]);
    assertTrue(pairs[1].contains("没有等值条件的连接") && pairs[1].strip().split("\n").length == 1, pairs[1]);
    String[] next = runText(analyst, note, "%drugs.sql\nselect count(*) from catalog");
    assertEquals("SUCCESS", next[0], next[1]);
    assertEquals(before.pid(), interpreterProcess().pid(), "the interpreter process was replaced");
  }

  @Test
  void aKilledInterpreterComesBackAndConfCannotWidenIt() throws Exception {
    ZeppelinRest analyst = as("analyst");
    String note = ownNote(analyst, "%md x")[0];
    assertEquals("SUCCESS", runText(analyst, note, "%drugs\ntables")[0]);
    ProcessHandle intp = killInterpreterAndAwaitRestart();
    // a file with shell commands, as an export could leave one, for the launch script's bash to source
    Path marker = work.resolve("bash-env-ran");
    Path payload = home.exportDir().resolve("payload.csv");
    Files.writeString(payload, "touch " + marker + "\n");
    // the first paragraph of a new process may be %drugs.conf: it sets the group's properties
    String[] conf = runText(analyst, note, "%drugs.conf\ndrugs.export.dir=/\ndrugs.data.dirs=/\ndrugs.roles.load=analyst\n"
        + "spark.jars=/tmp/none.jar\nMEDINSIGHT_INTP_MEM=3g -Dmedinsight.injected=1\nJAVA_TOOL_OPTIONS=-Dmedinsight.injected=2\n"
        + "BASH_ENV=" + payload + "\nENV=" + payload);
    assertEquals("SUCCESS", conf[0], conf[1]);
    // the next paragraph runs, on a new process, without an admin
    String[] next = runText(analyst, note, "%drugs\nkpi");
    assertEquals("SUCCESS", next[0], next[1]);
    ProcessHandle fresh = interpreterProcess();
    assertNotEquals(intp.pid(), fresh.pid());
    String cmdline = Files.readString(Path.of("/proc", String.valueOf(fresh.pid()), "cmdline")).replace('\0', ' ');
    String environ = Files.readString(Path.of("/proc", String.valueOf(fresh.pid()), "environ")).replace('\0', '\n');
    assertFalse(cmdline.contains("medinsight.injected") || environ.contains("JAVA_TOOL_OPTIONS")
        || environ.contains("MEDINSIGHT_INTP_MEM") || environ.contains("BASH_ENV"), cmdline + "\n" + environ);
    assertFalse(Files.exists(marker), "the launch script's bash ran a file named by %drugs.conf");
    // the folders and roles are the deployment's still
    String[] out = runText(analyst, note, "%drugs\nexport /tmp/conf-check.csv --table yinpian");
    assertTrue(out[1].contains("不能导出到"), out[1]);
    String[] in = runText(analyst, note, "%drugs\nload /etc/passwd --as products");
    assertTrue(in[1].contains("不能加载数据"), in[1]);
    String[] ok = runText(analyst, note, "%drugs\nexport conf-check.csv --table yinpian --overwrite yes");
    assertEquals("SUCCESS", ok[0], ok[1]);
    assertTrue(Files.exists(home.exportDir().resolve("conf-check.csv")));
  }

  /**
   * Kills the drugs interpreter (kill -9) and waits until the watchdog records its restart, a
   * state. The deadline only turns a missing restart into a failure instead of a hang: a restart
   * takes a few seconds, 180 s is far beyond any busy machine.
   */
  static ProcessHandle killInterpreterAndAwaitRestart() throws Exception {
    ProcessHandle intp = interpreterProcess();
    long restartsBefore = restarts();
    intp.destroyForcibly();
    intp.onExit().get();
    long deadline = System.currentTimeMillis() + 180_000;
    while (restarts() == restartsBefore) {
      assertTrue(System.currentTimeMillis() < deadline, "no restart recorded in " + home.watchdogLog());
      Thread.sleep(100);
    }
    return intp;
  }

  static String endStatus(ZeppelinRest.Response jobStatus) {
    assertEquals(200, jobStatus.status, jobStatus.toString());
    return jobStatus.json().getAsJsonObject("body").get("status").getAsString();
  }

  static long restarts() throws Exception {
    Path f = home.watchdogLog();
    return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> l.contains("restarted")).count() : 0;
  }

  /**
   * Independent paragraphs run at once on the deployed server: while a load reads a named pipe
   * that nothing has written yet (so it is RUNNING for as long as the test wants, whatever the
   * machine's speed), an export in a second note, a query in a third and a command in the load's
   * own note all finish. A note that was run with Zeppelin's "run all" before changes nothing.
   */
  @Test
  void independentParagraphsRunWhileALoadWaits() throws Exception {
    ZeppelinRest admin = as("admin");
    // Zeppelin's run all of another note first: it leaves that note's session in "note" mode
    String[] ranAll = ownNote(admin, "%drugs\ntables");
    assertEquals(200, admin.send("POST", "/api/notebook/job/" + ranAll[0], null).status);
    assertEquals("FINISHED", endStatus(admin.awaitEnd(ranAll[0], ranAll[1], "")));
    Path pipe = home.dataDir().resolve("pipe-" + System.nanoTime() + ".csv");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
    try {
      String[] loading = ownNote(admin, "%drugs\nload " + pipe.getFileName() + " --as products");
      String sameNote = addParagraph(admin, loading[0], "%drugs\nkpi");
      String[] exporting = ownNote(admin, "%drugs\nexport concurrent-" + System.nanoTime() + ".csv --table products");
      String[] querying = ownNote(admin, "%drugs.sql\nselect count(*) from catalog");
      assertEquals(200, admin.send("POST", "/api/notebook/job/" + loading[0] + "/" + loading[1], null).status);
      while (!admin.status(loading[0], loading[1]).equals("RUNNING")) {
        assertEquals("PENDING", admin.status(loading[0], loading[1]), "the load ended before its file was written");
        Thread.sleep(100);
      }
      for (String[] p : List.of(new String[] {loading[0], sameNote}, exporting, querying)) {
        assertEquals(200, admin.send("POST", "/api/notebook/job/" + p[0] + "/" + p[1], null).status);
        // a guard against a hang, not a measure: serialised, these would wait for the load forever;
        // run side by side each takes about a second, so 300 s is no margin a busy machine reaches
        long deadline = System.currentTimeMillis() + 300_000;
        ZeppelinRest.Response ended;
        while ((ended = admin.ended(p[0], p[1], "")) == null) {
          assertTrue(System.currentTimeMillis() < deadline, "still " + admin.status(p[0], p[1]) + " while the load runs: paragraphs wait for each other");
          Thread.sleep(100);
        }
        assertEquals("FINISHED", endStatus(ended), admin.paragraphs(p[0]).toString());
        // the load cannot have ended: nothing has written its file yet
        assertEquals("RUNNING", admin.status(loading[0], loading[1]));
      }
      // now the list arrives: the bundled one, so the other tests see the same products
      try (java.io.OutputStream out = Files.newOutputStream(pipe)) {
        Files.copy(NoteBundleTest.root().resolve("data/beijing/products-sf1.csv"), out);
      }
      ZeppelinRest.Response end = admin.awaitEnd(loading[0], loading[1], "");
      String loaded = admin.paragraphs(loading[0]).get(0).results.toString();
      assertEquals("FINISHED", endStatus(end), loaded);
      assertTrue(loaded.contains("加载 48865 行"), loaded);
    } finally {
      Files.deleteIfExists(pipe);
    }
  }

  /** A list loaded at run time is still the current one after the interpreter is killed (kill -9) and comes back. */
  @Test
  void aLoadedListOutlivesAKilledInterpreter() throws Exception {
    ZeppelinRest admin = as("admin");
    String note = ownNote(admin, "%md x")[0];
    List<String> lines = Files.readAllLines(NoteBundleTest.root().resolve("data/beijing/products-sf1.csv"));
    Files.write(home.dataDir().resolve("small-list.csv"), lines.subList(0, 1001));
    try {
      String[] load = runText(admin, note, "%drugs\nload small-list.csv --as products");
      assertEquals("SUCCESS", load[0], load[1]);
      assertTrue(load[1].contains("加载 1000 行"), load[1]);
      ProcessHandle intp = killInterpreterAndAwaitRestart();
      String[] count = runText(admin, note, "%drugs.sql\nselect count(*) from products");
      assertEquals("SUCCESS", count[0], count[1]);
      assertTrue(count[1].contains("1000"), count[1]);
      assertNotEquals(intp.pid(), interpreterProcess().pid());
      String[] line = runText(admin, note, "%drugs\ndataset");
      assertTrue(line[1].contains("small-list.csv，重启后恢复"), line[1]);
    } finally {
      String[] back = runText(admin, note, "%drugs\nload bundled --as products");
      assertEquals("SUCCESS", back[0], back[1]);
      assertTrue(back[1].contains("加载 48865 行"), back[1]);
    }
  }

  /** Every paragraph of the 总览 note finishes on a product list as NHSA's drug-code export gives it. */
  @Test
  void theOverviewRunsOnAnNhsaExport() throws Exception {
    ZeppelinRest admin = as("admin");
    String note = ownNote(admin, "%md x")[0];
    medinsight.generator.NhsaExport.Written w = new medinsight.generator.NhsaExport(13,
        medinsight.generator.NhsaExport.catalog2025()).write(home.dataDir().resolve("nhsa-export.csv"),
        medinsight.generator.NhsaExport.Layout.CSV_CODES, 1500);
    try {
      // the drug-code look-up's shape: a third without a manufacturer, levels shifted; loaded under
      // the default threshold, the rows with unreadable fields kept as products
      String[] load = runText(admin, note, "%drugs\nload nhsa-export.csv --as products");
      assertEquals("SUCCESS", load[0], load[1]);
      assertTrue(load[1].contains("读取 " + w.rows + " 行"), load[1]);
      assertTrue(load[1].contains("拒绝 " + w.rejected.size() + " 行"), load[1]);
      assertTrue(load[1].contains(w.quarantined.size() + " 行中有 "
          + w.quarantined.values().stream().mapToInt(java.util.Map::size).sum() + " 个字段无法读取"), load[1]);
      assertEquals(200, admin.runNote("2MIOVERVW").status);
      for (ZeppelinRest.ParagraphState p : admin.paragraphs("2MIOVERVW")) {
        assertEquals("FINISHED", p.status, p.title + ": " + p.results);
      }
      java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("加载 (\\d+) 行").matcher(load[1]);
      assertTrue(loaded.find(), load[1]);
      String kpi = titled(admin.paragraphs("2MIOVERVW"), "核心指标（表）").result("TABLE");
      assertTrue(kpi.contains("\t" + loaded.group(1)), "the overview counts the export's products: " + kpi);
    } finally {
      String[] back = runText(admin, note, "%drugs\nload bundled --as products");
      assertEquals("SUCCESS", back[0], back[1]);
      // the overview's saved results are the bundled data's again, for the other tests and the pages
      assertEquals(200, admin.runNote("2MIOVERVW").status);
    }
  }

  @Test
  void secondUpReusesTheRunningServer() throws Exception {
    long pid = launcher.server().orElseThrow().pid();
    launcher.up(port, false);
    assertEquals(pid, launcher.server().orElseThrow().pid());
    assertTrue(Files.exists(home.credentialsFile()));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(home.credentialsFile())));
  }

  @Test
  void theDeploymentStopsLongStatements() throws Exception {
    // the policy the plugin reads in the home up made (the interpreter reads it the same way, from
    // the home its jar lies in): a statement of %drugs.sql ends after ten minutes
    assertEquals(600, medinsight.access.AccessPolicy.deployment(home.home).sqlTimeLimitSeconds());
  }

  /** Permissions that leave a note to the admin alone. */
  static final Map<String, List<String>> ADMIN_ONLY = Map.of("owners", List.of("admin"), "writers", List.of("admin"),
      "runners", List.of("admin"), "readers", List.of("admin"));

  /** The dashboard pages served at /, by anonymous requests: id → page (404s left out). */
  static Map<String, String> servedPages() throws Exception {
    ZeppelinRest anon = new ZeppelinRest(base);
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("index", anon.get("/").body);
    for (NoteBundle.Note n : NoteBundle.notes()) {
      ZeppelinRest.Response r = anon.get("/" + n.id + ".html");
      if (r.status == 200) {
        out.put(n.id, r.body);
      } else {
        assertEquals(404, r.status, n.id);
      }
    }
    return out;
  }

  @Test
  void aDashboardTheAdminRestrictsIsNotPublished() throws Exception {
    ZeppelinRest admin = as("admin");
    String note = "2MIMINING";
    assertEquals(200, admin.setPermissions(note, ADMIN_ONLY).status);
    try {
      assertEquals(403, as("viewer").get("/api/notebook/" + note).status, "the viewer may not read it now");
      launcher.publish(port, List.of(), null, null);
      Map<String, String> pages = servedPages();
      assertFalse(pages.containsKey(note), "the restricted page is still served");
      assertEquals(404, new ZeppelinRest(base).get("/" + note + ".html").status);
      assertTrue(pages.containsKey("2MICORE01") && pages.get("index").contains("data-note=\"2MIOVERVW\""), pages.keySet().toString());
      pages.forEach((page, html) -> assertFalse(html.contains(note + ".html"), page + " links the restricted page"));
      assertFalse(Files.exists(home.home.resolve("webapps/classic/" + note + ".html")));
      assertFalse(Files.exists(home.root.resolve(Launcher.PUBLISH_DIR).resolve(note + ".html")));
    } finally {
      assertEquals(200, admin.setPermissions(note, Launcher.PERMISSIONS).status);
      launcher.publish(port, List.of(), null, null);
    }
    Map<String, String> pages = servedPages();
    assertTrue(pages.containsKey(note) && pages.get("2MICORE01").contains(note + ".html"), "readable again, published again");
  }

  @Test
  void aDefacingMarkdownParagraphPublishesAsHarmlessText() throws Exception {
    ZeppelinRest analyst = as("analyst");
    String note = "2MICORE01";
    String pid = addParagraph(analyst, note, "%md\n" + PublisherTest.DEFACEMENT + "\n\n" + PublisherTest.CLICK_TRAP);
    try {
      String[] r = run(analyst, note, pid);
      assertEquals("SUCCESS", r[0], r[1]);
      assertTrue(r[1].contains("position:fixed") && r[1].contains("http-equiv"), "Zeppelin's %md keeps the markup: " + r[1]);
      launcher.publish(port, List.of(), null, null);
      try (Browser b = new Browser()) {
        String url = base + "/" + note + ".html";
        b.open(url);
        b.screenshot(Browser.screenshots().resolve("defaced-" + note + ".png"));
        assertEquals(List.of(), PublishedPageBrowserTest.fixedElements(b), "an element is fixed over the page");
        // the state that matters: no refresh instruction in the page at all, so nothing can move it
        assertEquals(0L, PublishedPageBrowserTest.metaRefreshes(b), "a refresh instruction is in the page");
        assertEquals(url, b.driver.getCurrentUrl());
        assertEquals(0L, b.js("return document.querySelectorAll('a[href*=\"example.invalid\"]').length;"),
            "a link around the paragraph's drawing is on the page");
        assertEquals(1L, b.js("return document.querySelectorAll('main svg rect[height=\"3000\"]').length;"), "the drawing stays");
        String text = (String) b.js("return document.querySelector('main').innerText;");
        assertTrue(text.contains("本页已停止服务，请前往新地址"), "the paragraph is published as text");
        b.screenshotOf("//section[contains(., '本页已停止服务')]", Browser.screenshots().resolve("defaced-" + note + "-paragraph.png"));
      }
    } finally {
      assertEquals(200, analyst.send("DELETE", "/api/notebook/" + note + "/paragraph/" + pid, null).status);
      launcher.publish(port, List.of(), null, null);
    }
  }
}
