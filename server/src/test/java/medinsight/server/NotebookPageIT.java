package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The notebook page of the local server as an analyst and a viewer use it: {@code bin/medinsight up}
 * typed, then real Chromium (WebDriver) on {@code /notebook/} with the logins it printed, and what
 * the page did read back over Zeppelin's REST API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotebookPageIT {
  /** Waits for a state of the page, never for a duration: generous, since CI's machine is busy. */
  static final Duration STATE = Duration.ofMinutes(5);
  static final String ENDLESS = "select count(*) as endless from range(0, 1000000000000000) where id % 7 = 11";

  UpServer server;

  @BeforeAll
  void up() throws Exception {
    server = UpServer.start("notebook-work");
    assertEquals(0, server.up.code, server.up.toString());
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
  }

  ZeppelinRest as(String user) throws Exception {
    ZeppelinRest r = new ZeppelinRest(server.url);
    assertEquals(200, r.login(user, server.logins.get(user)).status, user);
    return r;
  }

  /** The first value of {@code state} that is neither null nor false, asked again until the page reaches it. */
  <T> T until(Browser b, Function<WebDriver, T> state) {
    long deadline = System.nanoTime() + STATE.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T v = state.apply(b.driver);
        if (v != null && !Boolean.FALSE.equals(v)) {
          return v;
        }
      } catch (org.openqa.selenium.NoSuchElementException | org.openqa.selenium.StaleElementReferenceException e) {
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the page did not reach the state within " + STATE + ": "
        + b.js("return document.querySelector('body').innerText;"), last);
  }

  /** A state of the server, asked again over REST until it holds (a failed call counts as not yet). */
  void untilServer(Browser b, RestState state) {
    until(b, d -> {
      try {
        return state.holds();
      } catch (Exception e) {
        return false;
      }
    });
  }

  interface RestState {
    boolean holds() throws Exception;
  }

  /** Clicks the element once the page shows it (a view being redrawn replaces its elements). */
  void click(Browser b, String css) {
    until(b, d -> {
      d.findElement(By.cssSelector(css)).click();
      return true;
    });
  }

  void login(Browser b, String user) {
    b.open(server.url + "/notebook/");
    WebElement name = until(b, d -> d.findElement(By.id("username")));
    name.sendKeys(user);
    b.driver.findElement(By.id("password")).sendKeys(server.logins.get(user));
    b.driver.findElement(By.id("login-submit")).click();
    until(b, d -> d.findElement(By.id("who")).getText().startsWith(user));
  }

  WebElement paragraph(Browser b, int i) {
    return until(b, d -> {
      List<WebElement> ps = d.findElements(By.cssSelector("#paragraphs .paragraph"));
      return ps.size() > i ? ps.get(i) : null;
    });
  }

  String status(Browser b, String pid) {
    WebElement p = b.driver.findElement(By.cssSelector("[data-paragraph='" + pid + "']"));
    String c = p.getAttribute("class");
    return c.replaceAll(".*status-(\\S+).*", "$1");
  }

  void awaitStatus(Browser b, String pid, String... wanted) {
    until(b, d -> List.of(wanted).contains(status(b, pid)));
  }

  /** Adds a paragraph at the end, types its text and runs it with Shift+Enter; returns its id once it ended. */
  String write(Browser b, String text, boolean wait) {
    int before = b.driver.findElements(By.cssSelector("#paragraphs .paragraph")).size();
    click(b, "#add-paragraph");
    WebElement p = paragraph(b, before);
    String pid = p.getAttribute("data-paragraph");
    WebElement area = p.findElement(By.cssSelector("textarea.code"));
    area.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    area.sendKeys(text);
    area.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
    until(b, d -> !"READY".equals(status(b, pid)));
    if (wait) {
      awaitStatus(b, pid, "FINISHED", "ERROR");
    }
    return pid;
  }

  WebElement in(Browser b, String pid, String css) {
    return until(b, d -> {
      List<WebElement> e = d.findElements(By.cssSelector("[data-paragraph='" + pid + "'] " + css));
      return e.isEmpty() ? null : e.get(0);
    });
  }

  /** Waits until the paragraph's chart is drawn with more than a thousand covered pixels. */
  void awaitChart(Browser b, String pid) {
    until(b, d -> {
      Number n = (Number) b.js("var c = document.querySelector(\"[data-paragraph='\" + arguments[0] + \"'] .chart[data-drawn] canvas\");"
          + "if (!c || c.width === 0) { return 0; }"
          + "var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
          + "for (var i = 3; i < px.length; i += 4) { if (px[i] > 0) { n++; } } return n;", pid);
      return n.longValue() > 1000;
    });
  }

  static JsonObject graph(ZeppelinRest rest, String note, String pid) throws Exception {
    JsonObject p = rest.get("/api/notebook/" + note + "/paragraph/" + pid).json().getAsJsonObject("body");
    return p.getAsJsonObject("config").getAsJsonObject("results").getAsJsonObject("0").getAsJsonObject("graph");
  }

  static boolean hasColumn(JsonArray cols, int index) {
    for (JsonElement e : cols) {
      if (e.getAsJsonObject().get("index").getAsInt() == index) {
        return true;
      }
    }
    return false;
  }

  @Test
  @Order(0)
  void upLinksTheNotebookAndItsRendererNeedsALogin() throws Exception {
    String out = server.up.out;
    assertTrue(out.contains(server.url + "/notebook/#/note/2MILOOKUP"), out);
    for (NoteBundle.Note n : NoteBundle.notes()) {
      assertTrue(out.contains(server.url + "/notebook/#/note/" + n.id), n.name + ": " + out);
      if (n.dashboard) {
        for (NoteBundle.Paragraph p : n.paragraphs) {
          assertTrue(p.title == null || p.title.isEmpty() || out.contains("/notebook/#/note/" + n.id + "/paragraph/" + p.id), p.title);
        }
      }
    }
    ZeppelinRest anonymous = new ZeppelinRest(server.url);
    String page = anonymous.get("/").body;
    assertTrue(page.contains("href=\"/notebook/#/note/2MIOVERVW\""), "the published page links its note");
    assertEquals(200, anonymous.get("/notebook/").status);
    // the other folder Zeppelin serves, with the same web.xml, starts too
    assertEquals(200, anonymous.get("/next/").status, "/next");
    ZeppelinRest.Response r = anonymous.send("POST", "/notebook/render", "{\"results\": [{\"type\": \"HTML\", \"data\": \"<b>x</b>\"}]}");
    assertFalse(r.status == 200 && r.body.contains("<b>x</b>"), "the renderer answered without a login: " + r);
    ZeppelinRest.Response ok = as("viewer").send("POST", "/notebook/render",
        "{\"results\": [{\"type\": \"HTML\", \"data\": \"<b>x</b><script>1</script>\"}]}");
    assertEquals(200, ok.status, ok.toString());
    assertEquals("<b>x</b>", ok.json().getAsJsonArray("results").get(0).getAsJsonObject().get("html").getAsString());
  }

  @Test
  @Order(1)
  void anAnalystWritesRunsChartsAndCancelsInTheBrowser() throws Exception {
    ZeppelinRest rest = as("analyst");
    try (Browser b = new Browser()) {
      login(b, "analyst");
      assertEquals("analyst", b.driver.findElement(By.id("roles")).getText());
      b.driver.findElement(By.id("new-note-name")).sendKeys("浏览器/我的分析");
      b.driver.findElement(By.id("new-note-submit")).click();
      until(b, d -> d.findElement(By.id("note-name")).getText().contains("我的分析"));
      String note = ((String) b.js("return location.hash;")).replaceAll("^#/note/", "");
      assertTrue(rest.get("/api/notebook/" + note).status == 200, note);

      // a %drugs command: its table, then a bar chart of it
      String levels = write(b, "%drugs\nlevels --by variety", true);
      assertEquals("FINISHED", status(b, levels), (String) b.js("return document.querySelector('main').innerText;"));
      WebElement table = in(b, levels, "table.result-table");
      assertTrue(table.findElements(By.cssSelector("tbody tr")).size() >= 2, table.getText());
      click(b, "[data-paragraph='" + levels + "'] button[data-mode='multiBarChart']");
      in(b, levels, "button.on[data-mode='multiBarChart']");
      awaitChart(b, levels);
      JsonObject bar = graph(rest, note, levels);
      assertEquals("multiBarChart", bar.get("mode").getAsString(), "the chart's type is saved in the note: " + bar);
      // the first column becomes a group instead of the key: saved as Zeppelin saves it
      b.js("var s = arguments[0]; s.value = 'groups'; s.dispatchEvent(new Event('change'));",
          in(b, levels, "select.col-role[data-col='0']"));
      untilServer(b, () -> hasColumn(graph(rest, note, levels).getAsJsonArray("groups"), 0));
      // the page shows the saved settings again, with their chart
      until(b, d -> "groups".equals(b.js("var s = document.querySelector(\"[data-paragraph='\" + arguments[0]"
          + " + \"'] select.col-role[data-col='0']\"); return s && s.value;", levels)));
      awaitChart(b, levels);

      // the interpreter's own completion, Ctrl+Space, and Enter to take it
      int count = b.driver.findElements(By.cssSelector("#paragraphs .paragraph")).size();
      click(b, "#add-paragraph");
      String typed = paragraph(b, count).getAttribute("data-paragraph");
      WebElement area = in(b, typed, "textarea.code");
      area.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
      area.sendKeys("%drugs\nmanufacturers sh");
      area.sendKeys(Keys.chord(Keys.CONTROL, Keys.SPACE));
      click(b, "[data-paragraph='" + typed + "'] .completions li[data-value='share']");
      until(b, d -> "%drugs\nmanufacturers share".equals(in(b, typed, "textarea.code").getAttribute("value")));

      // a %drugs.sql query: its table sorted by a click, then a pie chart
      String sql = write(b, "%drugs.sql\nselect level, count(*) as n from catalog group by level order by level", true);
      assertEquals("FINISHED", status(b, sql));
      WebElement n = in(b, sql, "table.result-table th[data-col='1']");
      n.click();
      n = in(b, sql, "table.result-table th[data-col='1']");
      n.click();
      List<WebElement> cells = in(b, sql, "table.result-table").findElements(By.cssSelector("tbody tr td:nth-child(2)"));
      assertTrue(cells.size() >= 2);
      assertTrue(Long.parseLong(cells.get(0).getText()) >= Long.parseLong(cells.get(cells.size() - 1).getText()),
          "descending after two clicks");
      click(b, "[data-paragraph='" + sql + "'] button[data-mode='pieChart']");
      in(b, sql, "button.on[data-mode='pieChart']");
      awaitChart(b, sql);
      assertEquals("pieChart", graph(rest, note, sql).get("mode").getAsString());

      // markup in a paragraph's text and in its results is text or allow-listed, and runs nothing
      String title = b.driver.getTitle();
      String markup = write(b, "%md\n<img src=x onerror=\"document.title='owned'\"> <meta http-equiv=\"refresh\" content=\"0;url=/x\">"
          + " <b>粗体</b>", true);
      String cellMarkup = write(b, "%drugs.sql\nselect '<img src=x onerror=\"document.title=1\">' as a, '%html <i>x</i>' as b", true);
      in(b, markup, ".html b");
      in(b, cellMarkup, "table.result-table td");
      assertEquals(0L, b.js("return document.querySelectorAll('main img, main meta, main [onerror]').length;"));
      assertTrue(in(b, cellMarkup, "table.result-table td").getText().startsWith("<img"), "a cell's markup is text");
      assertEquals(title, b.driver.getTitle());
      assertTrue(((String) b.js("return location.pathname;")).startsWith("/notebook/"));
      b.screenshot(Browser.screenshots().resolve("notebook-analyst.png"));

      // run all: the paragraph never run yet runs too, and the page follows the note's run to its end
      assertEquals("READY", status(b, typed));
      click(b, "#run-all");
      until(b, d -> "FINISHED".equals(status(b, typed))
          && !d.findElements(By.cssSelector("[data-paragraph='" + typed + "'] table.result-table")).isEmpty());
      untilServer(b, () -> !rest.get("/api/notebook/job/" + note).json().getAsJsonObject("body").get("isRunning").getAsBoolean());
      for (JsonElement e : rest.get("/api/notebook/" + note).json().getAsJsonObject("body").getAsJsonArray("paragraphs")) {
        String id = e.getAsJsonObject().get("id").getAsString();
        until(b, d -> "FINISHED".equals(status(b, id)));
      }

      // a long paragraph, cancelled from the page
      String endless = write(b, "%drugs.sql\n" + ENDLESS, false);
      awaitStatus(b, endless, "RUNNING");
      click(b, "[data-paragraph='" + endless + "'] button.cancel");
      awaitStatus(b, endless, "ABORT");
      assertEquals("ABORT", rest.get("/api/notebook/job/" + note + "/" + endless).json().getAsJsonObject("body").get("status")
          .getAsString());
      List<String> errors = b.consoleErrors();
      assertTrue(errors.stream().noneMatch(e -> e.contains("Content Security Policy")), errors.toString());
    }
  }

  @Test
  @Order(2)
  void theLookupFormReRunsTheParagraph() throws Exception {
    try (Browser b = new Browser()) {
      login(b, "analyst");
      b.open(server.url + "/notebook/#/note/2MILOOKUP");
      WebElement field = until(b, d -> d.findElement(By.cssSelector("input[data-form='药品名称']")));
      WebElement p = field.findElement(By.xpath("ancestor::section[@data-paragraph]"));
      String pid = p.getAttribute("data-paragraph");
      assertEquals(4L, b.js("return document.querySelectorAll(\"select[data-form='医保类别'] option\").length;"),
          "a select form is a select with its options");
      String before = until(b, d -> {
        String text = d.findElement(By.cssSelector("[data-paragraph='" + pid + "'] .results")).getText();
        return text.contains("阿莫西林") && !d.findElements(By.cssSelector("[data-paragraph='" + pid + "'] table.result-table")).isEmpty()
            ? text : null;
      });
      field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "布洛芬", Keys.ENTER);
      until(b, d -> {
        String now = d.findElement(By.cssSelector("[data-paragraph='" + pid + "'] .results")).getText();
        return "FINISHED".equals(status(b, pid)) && now.contains("布洛芬") && !now.equals(before);
      });
      b.screenshot(Browser.screenshots().resolve("notebook-lookup.png"));
      // a select runs the paragraph when it changes, with the value saved in the paragraph
      ZeppelinRest rest = as("analyst");
      String ranBefore = finished(rest, "2MILOOKUP", pid);
      b.js("var s = arguments[0]; s.value = '甲'; s.dispatchEvent(new Event('change'));",
          in(b, pid, "select[data-form='医保类别']"));
      untilServer(b, () -> !ranBefore.equals(finished(rest, "2MILOOKUP", pid)));
      until(b, d -> "FINISHED".equals(status(b, pid)));
      JsonObject params = paragraphOf(rest, "2MILOOKUP", pid).getAsJsonObject("settings").getAsJsonObject("params");
      assertEquals("甲", params.get("医保类别").getAsString(), params.toString());
      assertEquals("布洛芬", params.get("药品名称").getAsString(), params.toString());
    }
  }

  static JsonObject paragraphOf(ZeppelinRest rest, String note, String pid) throws Exception {
    return rest.get("/api/notebook/" + note + "/paragraph/" + pid).json().getAsJsonObject("body");
  }

  static String finished(ZeppelinRest rest, String note, String pid) throws Exception {
    JsonObject p = paragraphOf(rest, note, pid);
    return p.has("dateFinished") ? p.get("dateFinished").getAsString() : "";
  }

  /** A note form ($${name}) is shown above the paragraphs, saved in the note, and runs again the paragraphs that use it. */
  @Test
  @Order(3)
  void aNoteFormIsSavedInTheNoteAndRunsItsParagraphsAgain() throws Exception {
    ZeppelinRest rest = as("analyst");
    String body = "{\"name\": \"浏览器/笔记表单\", \"paragraphs\": ["
        + "{\"text\": \"%drugs\\nlookup \\\"$${药品=阿莫西林}\\\" --limit 20\"},"
        + "{\"text\": \"%drugs.sql\\nselect '$${药品=阿莫西林}' as `药品`, count(*) as n from catalog where name like concat('%', '$${药品=阿莫西林}', '%')\"},"
        + "{\"text\": \"%drugs.sql\\nselect 1 as untouched\"}]}";
    ZeppelinRest.Response created = rest.send("POST", "/api/notebook", body);
    assertEquals(200, created.status, created.toString());
    String note = created.json().get("body").getAsString();
    assertEquals(200, rest.runNote(note).status);
    JsonArray ps = rest.get("/api/notebook/" + note).json().getAsJsonObject("body").getAsJsonArray("paragraphs");
    String lookup = ps.get(0).getAsJsonObject().get("id").getAsString();
    String sql = ps.get(1).getAsJsonObject().get("id").getAsString();
    String untouched = ps.get(2).getAsJsonObject().get("id").getAsString();
    String sqlBefore = finished(rest, note, sql);
    String untouchedBefore = finished(rest, note, untouched);
    try (Browser b = new Browser()) {
      login(b, "analyst");
      b.open(server.url + "/notebook/#/note/" + note);
      WebElement field = until(b, d -> d.findElement(By.cssSelector("#note-forms input[data-form='药品']")));
      assertEquals("阿莫西林", field.getAttribute("value"));
      until(b, d -> d.findElement(By.cssSelector("[data-paragraph='" + lookup + "'] .results")).getText().contains("阿莫西林"));
      field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "布洛芬", Keys.ENTER);
      until(b, d -> "FINISHED".equals(status(b, lookup))
          && d.findElement(By.cssSelector("[data-paragraph='" + lookup + "'] .results")).getText().contains("布洛芬"));
      until(b, d -> "FINISHED".equals(status(b, sql))
          && d.findElement(By.cssSelector("[data-paragraph='" + sql + "'] .results")).getText().contains("布洛芬"));
      untilServer(b, () -> "布洛芬".equals(rest.get("/api/notebook/" + note).json().getAsJsonObject("body")
          .getAsJsonObject("noteParams").get("药品").getAsString()));
      assertNotEquals(sqlBefore, finished(rest, note, sql), "the paragraph that uses the form ran again");
      assertEquals(untouchedBefore, finished(rest, note, untouched), "a paragraph without the form did not run");
      assertTrue(paragraphOf(rest, note, sql).toString().contains("布洛芬"), "the server ran it with the saved value");
      b.screenshot(Browser.screenshots().resolve("notebook-note-forms.png"));
      // the page in English: its texts from the text store's English keys
      click(b, "#lang");
      until(b, d -> "Run all".equals(d.findElement(By.id("run-all")).getText())
          && d.findElement(By.cssSelector("#note-forms .forms-title")).getText().equals("Note forms"));
      click(b, "#lang");
      until(b, d -> "全部运行".equals(d.findElement(By.id("run-all")).getText()));
    }
    // the viewer may not change the note's forms (Zeppelin asks for the writer's right): no field to change
    rest.send("PUT", "/api/notebook/" + note + "/permissions",
        "{\"owners\": [\"analyst\"], \"writers\": [\"analyst\"], \"runners\": [\"analyst\"], \"readers\": [\"analyst\", \"viewer\"]}");
    try (Browser b = new Browser()) {
      login(b, "viewer");
      b.open(server.url + "/notebook/#/note/" + note);
      WebElement field = until(b, d -> d.findElement(By.cssSelector("#note-forms input[data-form='药品']")));
      assertEquals("布洛芬", field.getAttribute("value"));
      assertEquals("true", field.getAttribute("readonly"));
    }
  }

  @Test
  @Order(4)
  void aViewerFindsNothingToChangeAndTheServerAgrees() throws Exception {
    try (Browser b = new Browser()) {
      login(b, "viewer");
      b.open(server.url + "/notebook/#/note/2MIOVERVW");
      until(b, d -> d.findElements(By.cssSelector("#paragraphs .paragraph")).size() > 3);
      // every chart the note has is drawn: the page has shown all it will show
      until(b, d -> (Boolean) b.js("var c = document.querySelectorAll('.chart'); return c.length > 3"
          + " && Array.prototype.every.call(c, function (x) { return x.hasAttribute('data-drawn'); });"));
      for (String control : new String[] {"button.run", "button.cancel", ".p-menu", "#add-paragraph", "#run-all", "#delete-note",
          "#rename", "#save-permissions", ".chart-controls", "#new-note"}) {
        assertEquals(0, b.driver.findElements(By.cssSelector(control)).size(), control + " is offered to the viewer");
      }
      for (WebElement area : b.driver.findElements(By.cssSelector("textarea.code"))) {
        assertEquals("true", area.getAttribute("readonly"));
      }
      b.screenshot(Browser.screenshots().resolve("notebook-viewer.png"));
    }
    ZeppelinRest viewer = as("viewer");
    JsonObject note = viewer.get("/api/notebook/2MIOVERVW").json().getAsJsonObject("body");
    String pid = note.getAsJsonArray("paragraphs").get(1).getAsJsonObject().get("id").getAsString();
    assertEquals(403, viewer.send("PUT", "/api/notebook/2MIOVERVW/paragraph/" + pid, "{\"text\": \"%drugs\\ntables\"}").status);
    assertEquals(403, viewer.send("POST", "/api/notebook/job/2MIOVERVW/" + pid, "{}").status);
    assertEquals(403, viewer.send("DELETE", "/api/notebook/2MIOVERVW/paragraph/" + pid, null).status);
    assertEquals(403, viewer.send("DELETE", "/api/notebook/2MIOVERVW", null).status);
    assertEquals(403, viewer.send("POST", "/api/notebook", "{\"name\": \"x\"}").status);
  }
}
