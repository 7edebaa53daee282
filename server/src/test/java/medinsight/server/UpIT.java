package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command as a user types it: {@code bin/medinsight up} as a process from the
 * built tree, until "ready"; then what it serves, looked at in Chromium and over REST with the
 * logins it printed, the README's command lines and examples, and {@code down}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpIT {
  Path work;
  int port;
  String url;
  Typed.Result up;
  Map<String, String> logins;
  UpServer server;

  @BeforeAll
  void up() throws Exception {
    server = UpServer.start("up-work");
    work = server.work;
    port = server.port;
    url = server.url;
    up = server.up;
    logins = server.logins;
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
  }

  ZeppelinRest as(String user) throws Exception {
    ZeppelinRest r = new ZeppelinRest(url);
    assertEquals(200, r.login(user, logins.get(user)).status, "login of " + user + " with the password up printed");
    return r;
  }

  @Test
  @Order(1)
  void upReachesReadyAndPrintsTheLoginsAndLinksThatAnswer() throws Exception {
    assertEquals(0, up.code, up.toString());
    assertTrue(up.out.contains("ready in"), up.toString());
    assertFalse(up.out.contains("Exception"), up.toString());
    assertEquals(List.of("admin", "analyst", "viewer"), new ArrayList<>(logins.keySet()), "the first up that is ready prints the logins");
    ZeppelinHome zh = new ZeppelinHome(Typed.ROOT, work);
    assertEquals(zh.logins(), logins);
    // the service login that runs the dashboards is kept, not printed
    String service = zh.credentials(null).get(ZeppelinHome.SERVICE);
    assertTrue(service != null && service.length() == 20, "the service login's password is kept");
    assertFalse(up.out.contains(service), "the service login's password is not printed");
    List<String> links = new ArrayList<>(new LinkedHashSet<>(links(up.out)));
    assertTrue(links.size() >= 20, "links: " + links);
    ZeppelinRest anonymous = new ZeppelinRest(url);
    ZeppelinRest admin = as("admin");
    for (String link : links) {
      String path = link.substring(url.length());
      ZeppelinRest.Response r = (path.startsWith("/api/") ? admin : anonymous).get(path);
      assertEquals(200, r.status, link + " answers " + r);
    }
    assertFalse(up.out.contains("#/notebook"), "the headless server has no Zeppelin web UI, so no link into it: " + up.out);
  }

  static List<String> links(String out) {
    List<String> l = new ArrayList<>();
    Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\S*").matcher(out);
    while (m.find()) {
      l.add(m.group().replaceAll("[)，。,:]+$", ""));
    }
    return l;
  }

  @Test
  @Order(2)
  void theDashboardsAtTheRootAreDrawnForAReaderWithoutLogin() throws Exception {
    List<String> pages = new ArrayList<>();
    Map<String, Integer> paragraphs = new LinkedHashMap<>();
    // at least a drawing for each paragraph with Zeppelin chart settings or an SVG chart command
    int expected = 0;
    for (NoteBundle.Note n : NoteBundle.notes()) {
      if (n.dashboard) {
        pages.add(n.id);
        paragraphs.put(n.id, n.paragraphs.size());
        for (NoteBundle.Paragraph p : n.paragraphs) {
          if (!p.hideResult && (p.chart != null || p.text.startsWith("%drugs\nchart "))) {
            expected++;
          }
        }
      }
    }
    assertEquals(9, pages.size());
    int drawn = 0;
    try (Browser b = new Browser()) {
      b.open(url + "/");
      @SuppressWarnings("unchecked")
      List<String> nav = (List<String>) b.js("return Array.prototype.map.call(document.querySelectorAll('nav a'),"
          + " function (a) { return a.getAttribute('href'); });");
      for (String id : pages.subList(1, pages.size())) {
        assertTrue(nav.contains(id + ".html"), "the navigation links " + id + ": " + nav);
      }
      for (String id : pages) {
        b.open(url + "/" + (id.equals(pages.get(0)) ? "" : id + ".html"));
        Number charts = (Number) b.js("return document.querySelectorAll('.chart').length;");
        assertEquals(String.valueOf(charts), b.js("return document.body.getAttribute('data-charts-drawn');"), id + ": the page's script ran");
        List<Long> pixels = b.chartPixels();
        List<List<Long>> svgs = b.svgs();
        Number sections = (Number) b.js("return document.querySelectorAll('main section').length;");
        assertTrue(sections.intValue() >= paragraphs.get(id) - 1, id + ": " + sections + " sections");
        drawn += pixels.size() + svgs.size();
        for (Long p : pixels) {
          assertTrue(p > 1000, id + ": a chart drew nothing: " + pixels);
        }
        String text = (String) b.js("return document.querySelector('main').innerText;");
        assertFalse(text.contains("ERROR") || text.contains("Exception"), id + ": " + text);
        for (String zeppelinOnly : new String[] {"右上角切换", "在上方表单", "在下方表单", "在 Zeppelin 中打开"}) {
          assertFalse(text.contains(zeppelinOnly), id + " tells its reader to do what only Zeppelin's UI does: " + zeppelinOnly);
        }
        List<String> errors = b.consoleErrors();
        assertTrue(errors.isEmpty(), id + ": " + errors);
        b.screenshot(Browser.screenshots().resolve("up-" + id + ".png"));
      }
    }
    assertTrue(expected >= 20 && drawn >= expected, "charts and SVG drawings on the pages: " + drawn + " of at least " + expected);
  }

  /** The lines of a {@code %table} result: header first, cells split. */
  static List<String[]> table(String tsv) {
    List<String[]> rows = new ArrayList<>();
    for (String l : tsv.split("\n")) {
      if (!l.isEmpty()) {
        rows.add(l.split("\t", -1));
      }
    }
    return rows;
  }

  static String cell(String tsv, String header, String... keys) {
    List<String[]> t = table(tsv);
    int col = Arrays.asList(t.get(0)).indexOf(header);
    assertTrue(col >= 0, "no column " + header + " in " + tsv);
    for (String[] row : t.subList(1, t.size())) {
      if (Arrays.asList(row).subList(0, keys.length).equals(Arrays.asList(keys))) {
        return row[col];
      }
    }
    throw new AssertionError("no row " + String.join("/", keys) + " in\n" + tsv);
  }

  /** The first {@code %table} of a paragraph's answer. */
  static String firstTable(ZeppelinRest rest, String note, String text) throws Exception {
    String pid = ZeppelinEndToEndTest.addParagraph(rest, note, text);
    ZeppelinRest.Response r = rest.run(note, pid);
    assertEquals(200, r.status, text + ": " + r);
    var body = r.json().getAsJsonObject("body");
    assertEquals("SUCCESS", body.get("code").getAsString(), text + ": " + r.body);
    for (var m : body.getAsJsonArray("msg")) {
      if (m.getAsJsonObject().get("type").getAsString().equals("TABLE")) {
        return m.getAsJsonObject().get("data").getAsString();
      }
    }
    throw new AssertionError(text + " gave no table: " + r.body);
  }

  @Test
  @Order(3)
  void theAdminLoadsTheOfficialPdfThroughAParagraphAndItsFiguresComeOut() throws Exception {
    Files.createDirectories(work.resolve("data"));
    Files.copy(Typed.ROOT.resolve("data/nrdl-2024/nrdl-2024.pdf"), work.resolve("data/nrdl-2024.pdf"), StandardCopyOption.REPLACE_EXISTING);
    ZeppelinRest admin = as("admin");
    String[] own = ZeppelinEndToEndTest.ownNote(admin, "%drugs\nload nrdl-2024.pdf --as catalog --edition 2024");
    String[] load = ZeppelinEndToEndTest.run(admin, own[0], own[1]);
    assertEquals("SUCCESS", load[0], load[1]);
    assertTrue(load[1].contains("已加载") && load[1].contains("nrdl-2024.pdf"), load[1]);
    String levels = firstTable(admin, own[0], "%drugs\nlevels --by variety --edition 2024");
    assertEquals("3159", cell(levels, "品种数", "合计", "小计"));
    assertEquals("1398", cell(levels, "品种数", "西药", "小计"));
    assertEquals("1336", cell(levels, "品种数", "中成药", "小计"));
    assertEquals("425", cell(levels, "品种数", "谈判药品", "小计"));
    String entries = firstTable(admin, own[0], "%drugs.sql\nselect count(*) as n from catalog_all where edition = 2024");
    assertEquals("3826", table(entries).get(1)[0]);
  }

  @Test
  @Order(4)
  void anAnalystWritesANoteOfDrugsAndSqlParagraphsAndExportsButMayNotLoad() throws Exception {
    ZeppelinRest analyst = as("analyst");
    String[] own = ZeppelinEndToEndTest.ownNote(analyst, "%drugs\nlevels --by variety");
    assertEquals("SUCCESS", ZeppelinEndToEndTest.run(analyst, own[0], own[1])[0]);
    String count = firstTable(analyst, own[0], "%drugs.sql\nselect count(*) as n from catalog");
    assertEquals("3915", table(count).get(1)[0]);
    // shuffle partitions sized to the data: the bundled tables are far below a million rows, so a
    // grouping of the products shuffles into one partition (Spark's default parallelism was 2 here)
    String parts = firstTable(analyst, own[0], "%drugs.sql\nselect count(distinct part) as p from (select spark_partition_id()"
        + " as part from (select manufacturer, count(*) as n from products group by manufacturer))");
    assertEquals("1", table(parts).get(1)[0], parts);
    String[] export = ZeppelinEndToEndTest.runText(analyst, own[0], "%drugs\nexport it-levels.csv --command \"levels --by variety\" --overwrite yes");
    assertEquals("SUCCESS", export[0], export[1]);
    assertTrue(Files.readString(work.resolve("exports/it-levels.csv"), StandardCharsets.UTF_8).contains("西药"));
    String[] load = ZeppelinEndToEndTest.runText(analyst, own[0], "%drugs\nload nrdl-2024.pdf --as catalog --edition 2024");
    assertEquals("ERROR", load[0], load[1]);
  }

  /** What the README's examples need in the data folder, under the names it gives. */
  void dataTheExamplesName() throws IOException {
    Files.createDirectories(work.resolve("data"));
    Files.copy(Typed.ROOT.resolve("data/nrdl-2024/nrdl-2024.pdf"), work.resolve("data/nrdl-2024.pdf"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(Typed.ROOT.resolve("data/beijing/products-sf1.csv"), work.resolve("data/beijing-products.csv"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  @Order(5)
  void everyParagraphTheReadmeShowsRunsAsTheAdmin() throws Exception {
    dataTheExamplesName();
    List<String> readme = ReadmeCommands.readme();
    List<String> paragraphs = new ArrayList<>(ReadmeCommands.referenceExamples(readme));
    assertTrue(paragraphs.size() >= 40, "the command reference's examples: " + paragraphs.size());
    paragraphs.addAll(ReadmeCommands.paragraphBlocks(readme));
    ZeppelinRest admin = as("admin");
    String note = ZeppelinEndToEndTest.ownNote(admin, "%md\nREADME")[0];
    List<String> failed = new ArrayList<>();
    for (String p : paragraphs) {
      String[] r = ZeppelinEndToEndTest.runText(admin, note, p);
      if (!"SUCCESS".equals(r[0])) {
        failed.add(p.replace("\n", " ⏎ ") + " → " + r[0] + " " + r[1].split("\n")[0]);
      }
    }
    assertEquals(List.of(), failed, "README paragraphs that failed");
  }

  @Test
  @Order(6)
  void everyCommandLineOfTheReadmeRunsAsTyped() throws Exception {
    List<String> lines = ReadmeCommands.shellLines(ReadmeCommands.readme());
    assertTrue(lines.size() >= 5, "the README's bin/medinsight lines: " + lines);
    Path zeppelin = work.resolve("a-zeppelin-home");
    Files.createDirectories(zeppelin.resolve("interpreter"));
    Files.createDirectories(zeppelin.resolve("conf"));
    // with Zeppelin's Spark interpreter, for the --spark-group lines; the site's Spark, for its jars
    Path spark = Files.createDirectories(zeppelin.resolve("interpreter/spark"));
    byte[] sparkSetting = SparkGroupLayoutTest.zeppelinSparkSetting().getBytes(StandardCharsets.UTF_8);
    Files.write(spark.resolve("interpreter-setting.json"), sparkSetting);
    Path sparkHome = Files.createDirectories(work.resolve("a-spark-home/jars"));
    List<String> failed = new ArrayList<>();
    for (String line : lines) {
      String typed = asHere(line);
      Typed.Result r = Typed.run(Typed.ROOT, Map.of("ZEPPELIN_HOME", zeppelin.toString(), "SPARK_HOME",
          sparkHome.getParent().toString()), typed);
      if (r.code != 0 || r.out.contains("Exception")) {
        failed.add(r.toString());
      }
    }
    assertEquals(List.of(), failed, "README command lines that failed");
    assertTrue(Files.exists(zeppelin.resolve("interpreter/drugs/medinsight-interpreter.jar")), "install copied the plugin");
    assertTrue(lines.stream().anyMatch(l -> l.contains("--spark-group --undo")), "the README's spark-group lines ran");
    assertArrayEquals(sparkSetting, Files.readAllBytes(spark.resolve("interpreter-setting.json")), "--undo restored the setting");
    assertFalse(Files.exists(spark.resolve("medinsight-interpreter.jar")), "--undo removed the plugin's jars");
  }

  /**
   * A README line as it is typed on this test's deployment: its server's port and work folder, the
   * admin password up printed; a benchmark line only reads its options ({@code --check}), since a
   * run takes from minutes (SF1) to an hour (SF100).
   */
  String asHere(String line) {
    String l = line.replaceAll("\\s+#.*$", "").trim();
    l = l.replace("MEDINSIGHT_ADMIN_PASSWORD=…", "MEDINSIGHT_ADMIN_PASSWORD='" + logins.get("admin") + "'");
    l = l.replace("http://127.0.0.1:8080", url);
    Matcher m = Pattern.compile("bin/medinsight (\\S+)").matcher(l);
    String verb = m.find() ? m.group(1) : "";
    switch (verb) {
      case "up": return l + " --port " + port + " --work '" + work + "'";
      case "down": case "status": case "logs": return l + " --work '" + work + "'";
      case "bench": return l + " --check";
      default: return l;
    }
  }

  @Test
  @Order(7)
  void theTerminalRunnerAndSqlRunAsDocumented() throws Exception {
    Typed.Result levels = Typed.run("bin/medinsight run levels --by variety");
    assertEquals(0, levels.code, levels.toString());
    assertTrue(levels.out.contains("品种数"), levels.toString());
    Typed.Result count = Typed.run("bin/medinsight sql \"select count(*) from catalog\"");
    assertEquals(0, count.code, count.toString());
    assertTrue(Pattern.compile("(?m)^3915$").matcher(count.out).find(), count.toString());
    Typed.Result typo = Typed.run("bin/medinsight sql \"selct count(*) from catalog\"");
    assertEquals(1, typo.code, typo.toString());
    assertTrue(typo.out.contains("错误：SQL 错误（第 1 行第 1 列）：Syntax error at or near 'selct'"), typo.toString());
    // an export names a file in the export folder, as in Zeppelin
    Path exported = Typed.ROOT.resolve("work/exports/it-terminal-levels.csv");
    Files.deleteIfExists(exported);
    try {
      Typed.Result export = Typed.run("bin/medinsight run export it-terminal-levels.csv --command \"levels --by variety\"");
      assertEquals(0, export.code, export.toString());
      assertTrue(Files.readString(exported, StandardCharsets.UTF_8).contains("西药"), export.toString());
    } finally {
      Files.deleteIfExists(exported);
    }
    // while a server runs, the runner takes its warm interpreter: what a paragraph takes
    Typed.Result onServer = Typed.run("bin/medinsight run --work '" + work + "' levels --by variety");
    assertEquals(0, onServer.code, onServer.toString());
    assertTrue(onServer.out.contains("on the local server " + url) && onServer.out.contains("品种数"), onServer.toString());
    Typed.Result sqlOnServer = Typed.run("bin/medinsight sql --work '" + work + "' \"select count(*) from catalog\"");
    assertTrue(sqlOnServer.code == 0 && Pattern.compile("(?m)^3915$").matcher(sqlOnServer.out).find(), sqlOnServer.toString());
    Typed.Result typoOnServer = Typed.run("bin/medinsight sql --work '" + work + "' \"selct count(*) from catalog\"");
    assertEquals(1, typoOnServer.code, typoOnServer.toString());
    assertTrue(typoOnServer.out.contains("错误：SQL 错误（第 1 行第 1 列）"), typoOnServer.toString());
    ZeppelinRest admin = as("admin");
    var notes = admin.get("/api/notebook").json().getAsJsonArray("body");
    String terminal = null;
    for (var n : notes) {
      if (n.getAsJsonObject().get("path").getAsString().equals("/medinsight 终端")) {
        terminal = n.getAsJsonObject().get("id").getAsString();
      }
    }
    assertTrue(terminal != null, "the terminal's note: " + notes);
    assertEquals(List.of(), admin.paragraphs(terminal), "the terminal's paragraphs are removed after their run");
    assertEquals(403, as("analyst").get("/api/notebook/" + terminal).status, "the terminal's note is the admin's alone");
    Typed.Result bare = Typed.onTerminal(Typed.ROOT, "bin/medinsight run");
    assertEquals(2, bare.code, bare.toString());
    assertTrue(bare.out.contains("run COMMAND") && bare.out.contains("standard input"), bare.toString());
    Typed.Result piped = Typed.run("echo 'levels --by variety' | bin/medinsight run");
    assertEquals(0, piped.code, piped.toString());
    assertTrue(piped.out.contains("品种数"), piped.toString());
  }

  @Test
  @Order(8)
  void aMistypedCommandLineIsRefusedInOneLine() throws Exception {
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("bin/medinsight up --port", "--port needs a value");
    refusals.put("bin/medinsight status --lines 5", "status does not take --lines");
    refusals.put("bin/medinsight logs --lines many", "--lines needs a number, not 'many'");
    refusals.put("bin/medinsight publish --form notes", "publish does not take --form");
    refusals.put("bin/medinsight frobnicate", "unknown command 'frobnicate'");
    for (Map.Entry<String, String> e : refusals.entrySet()) {
      Typed.Result r = Typed.run(e.getKey() + " --work '" + work + "'");
      assertEquals(2, r.code, r.toString());
      assertEquals(1, r.out.strip().split("\n").length, "one line: " + r);
      assertTrue(r.out.contains(e.getValue()), r.toString());
    }
  }

  @Test
  @Order(9)
  void publishNotesAndInstallRunFromTheBuiltTree() throws Exception {
    Path out = work.resolve("published");
    Typed.Result pub = Typed.run("bin/medinsight publish --from notes --out '" + out + "'");
    assertEquals(0, pub.code, pub.toString());
    assertTrue(Files.size(out.resolve("index.html")) > 1000, pub.toString());
    Path en = work.resolve("notes-en");
    Typed.Result notes = Typed.run(work, Map.of(), "'" + Typed.ROOT + "/bin/medinsight' notes --lang en notes-en");
    assertEquals(0, notes.code, notes.toString());
    try (Stream<Path> s = Files.list(en)) {
      assertEquals(10, s.filter(p -> p.toString().endsWith(".zpln")).count());
    }
    Path empty = Files.createDirectories(work.resolve("empty-folder"));
    Typed.Result refused = Typed.run("bin/medinsight install --zeppelin-home '" + empty + "'");
    assertEquals(2, refused.code, refused.toString());
    assertEquals(1, refused.out.strip().split("\n").length, "one line: " + refused);
    Path zeppelin = Files.createDirectories(work.resolve("zeppelin-0.12"));
    Files.createDirectories(zeppelin.resolve("interpreter"));
    Files.createDirectories(zeppelin.resolve("conf"));
    Typed.Result install = Typed.run("bin/medinsight install --zeppelin-home '" + zeppelin + "' --notes '" + en + "'");
    assertEquals(0, install.code, install.toString());
    try (Stream<Path> s = Files.list(zeppelin.resolve("notebook"))) {
      assertEquals(10, s.count());
    }
    assertTrue(Files.exists(zeppelin.resolve("interpreter/drugs/interpreter-setting.json")));
  }

  @Test
  @Order(10)
  void downLeavesNothingRunning() throws Exception {
    Typed.Result down = Typed.run("bin/medinsight down --work '" + work + "'");
    assertEquals(0, down.code, down.toString());
    Set<String> left = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(work.toString())).orElse(false))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    assertEquals(Set.of(), left, "processes of the deployment still running");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      throw new AssertionError("something still listens on " + url);
    } catch (IOException expected) {
      // refused: nothing listens
    }
  }
}
