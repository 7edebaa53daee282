package medinsight.server;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import medinsight.render.Labels;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Publishes notes with their results as static, read-only HTML pages: {@code %table} results drawn
 * with their paragraph's chart settings (ECharts, bundled into every page from its WebJar, so a
 * page is one file that opens without any network), SVG and HTML results through the allow-list
 * of {@link HtmlSanitizer}, text as text. The overview note becomes {@code index.html} in a dark
 * "big screen" theme.
 *
 * <p>A page's Content-Security-Policy allows only its own two scripts (by hash), no network and no
 * frames: a script or event handler inside a note's HTML output does not run when the page is
 * served next to Zeppelin.
 */
public final class Publisher {
  /** Rows of a table shown under a chart or as a table; the full result stays in Zeppelin. */
  static final int MAX_TABLE_ROWS = 200;

  private static final Gson GSON = new Gson(); // escapes <, >, & and = inside the embedded JSON
  private static final String INIT = "(function () {\n"
      + "  var specs = JSON.parse(document.getElementById('chart-options').textContent);\n"
      + "  var dark = document.body.getAttribute('data-theme') === 'dark';\n"
      + "  var charts = [];\n"
      + "  Object.keys(specs).forEach(function (id) {\n"
      + "    var option = specs[id];\n"
      + "    if (dark) { option.backgroundColor = 'transparent'; }\n"
      + "    var chart = echarts.init(document.getElementById(id), dark ? 'dark' : null, {renderer: 'canvas'});\n"
      + "    chart.setOption(option);\n"
      + "    charts.push(chart);\n"
      + "  });\n"
      + "  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });\n"
      + "  document.body.setAttribute('data-charts-drawn', String(charts.length));\n"
      + "})();\n";

  /** A page to write: file name and title, for the navigation of every page. */
  public static final class PageRef {
    public final String noteId;
    public final String name;
    public final String file;

    PageRef(String noteId, String name, String file) {
      this.noteId = noteId;
      this.name = name;
      this.file = file;
    }
  }

  private final String echarts;
  private final String echartsVersion;
  private final ZoneId zone;
  private final Instant publishedAt;
  private boolean notebookLinks;

  /** The version of the ECharts WebJar the build bundles (medinsight-publish.properties). */
  static String echartsVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = Publisher.class.getResourceAsStream("/medinsight-publish.properties")) {
      if (in == null) {
        throw new IOException("medinsight-publish.properties is missing from the classpath");
      }
      p.load(in);
    }
    return p.getProperty("echarts.version");
  }

  /** {@code echarts.min.js} from its WebJar: inlined into the published pages, served by the notebook page. */
  static byte[] echartsScript() throws IOException {
    String path = "META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
    try (InputStream in = Publisher.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException(path + " is missing from the classpath (the echarts WebJar)");
      }
      return in.readAllBytes();
    }
  }

  public Publisher(ZoneId zone, Instant publishedAt) throws IOException {
    this.echartsVersion = echartsVersion();
    this.echarts = new String(echartsScript(), StandardCharsets.UTF_8);
    if (echarts.contains("</script")) {
      throw new IOException("echarts.min.js cannot be inlined: it contains </script");
    }
    this.zone = zone;
    this.publishedAt = publishedAt;
  }

  /**
   * Pages for the local server: each links to its note on the server's notebook page
   * ({@code /notebook/#/note/ID}), which asks for a login and opens the note for those whose role
   * and the note's permissions let them read it.
   */
  public Publisher withNotebookLinks() {
    this.notebookLinks = true;
    return this;
  }

  /**
   * Writes one page per note ({@code NOTEID.html}) and {@code index.html} for the first note,
   * the overview. Returns the files written.
   */
  public List<Path> publish(List<JsonObject> notes, Path out) throws IOException {
    Files.createDirectories(out);
    List<PageRef> refs = new ArrayList<>();
    for (JsonObject n : notes) {
      refs.add(new PageRef(n.get("id").getAsString(), n.get("name").getAsString(), n.get("id").getAsString() + ".html"));
    }
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      String html = page(notes.get(i), refs, i == 0);
      Path f = out.resolve(refs.get(i).file);
      write(f, html);
      written.add(f);
      if (i == 0) {
        Path index = out.resolve("index.html");
        write(index, html);
        written.add(index);
      }
    }
    return written;
  }

  /**
   * Takes the pages of notes that may no longer be published out of a folder: their files, the
   * links to them in the navigation of the other pages there, and {@code index.html} when it is one
   * of them (it then says that nothing is published). Returns the files deleted.
   */
  public List<Path> withdraw(Path folder, Collection<String> noteIds) throws IOException {
    List<Path> deleted = new ArrayList<>();
    if (noteIds.isEmpty() || !Files.isDirectory(folder)) {
      return deleted;
    }
    for (String id : noteIds) {
      Path f = folder.resolve(id + ".html");
      if (Files.deleteIfExists(f)) {
        deleted.add(f);
      }
    }
    List<Path> pages;
    try (Stream<Path> s = Files.list(folder)) {
      pages = s.filter(f -> f.getFileName().toString().endsWith(".html")).sorted().collect(Collectors.toList());
    }
    for (Path f : pages) {
      String html = Files.readString(f, StandardCharsets.UTF_8);
      Matcher note = NOTE_OF_PAGE.matcher(html);
      if (f.getFileName().toString().equals("index.html") && note.find() && noteIds.contains(note.group(1))) {
        write(f, nothingPublished());
        continue;
      }
      int start = html.indexOf("<nav>");
      int end = start < 0 ? -1 : html.indexOf("</nav>", start);
      if (end < 0) {
        continue;
      }
      String nav = html.substring(start, end);
      String kept = nav;
      for (String id : noteIds) {
        kept = kept.replaceAll("<a href=\"" + Pattern.quote(id + ".html") + "\"[^>]*>[^<]*</a>", "");
      }
      if (!kept.equals(nav)) {
        write(f, html.substring(0, start) + kept + html.substring(end));
      }
    }
    return deleted;
  }

  private static final Pattern NOTE_OF_PAGE = Pattern.compile("<body [^>]*data-note=\"([^\"]*)\"");

  /** The index page when no note may be published. */
  public String nothingPublished() {
    return "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
        + "form-action 'none'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<link rel=\"icon\" href=\"data:,\">\n<title>北京市医保药品目录</title>\n<style>" + CSS + "</style>\n</head>\n"
        + "<body data-theme=\"light\">\n<header>\n<div class=\"brand\">北京市医保药品目录</div>\n<h1>暂无发布的看板</h1>\n"
        + "<div class=\"stamp\">只读页面 · 更新于 " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone).format(publishedAt)
        + "</div>\n</header>\n<main class=\"grid\">\n<section class=\"intro\" style=\"grid-column: span 12\">"
        + "目前没有可公开阅读的看板。请登录 Zeppelin 查看笔记。</section>\n</main>\n</body>\n</html>\n";
  }

  private static void write(Path f, String html) throws IOException {
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    Files.writeString(tmp, html, StandardCharsets.UTF_8);
    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The page of one note; {@code bigScreen} gives the dark overview layout. */
  public String page(JsonObject note, List<PageRef> nav, boolean bigScreen) {
    String name = note.get("name").getAsString();
    String id = note.get("id").getAsString();
    Map<String, JsonObject> charts = new LinkedHashMap<>();
    StringBuilder body = new StringBuilder();
    for (JsonElement pe : note.getAsJsonArray("paragraphs")) {
      paragraph(pe.getAsJsonObject(), charts, body);
    }
    String data = GSON.toJson(charts);
    String csp = "default-src 'none'; script-src '" + hash(echarts) + "' '" + hash(INIT) + "'; style-src 'unsafe-inline'; "
        + "img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
    StringBuilder h = new StringBuilder(echarts.length() + body.length() + 8192);
    h.append("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<meta name=\"generator\" content=\"medinsight publish; ECharts ").append(echartsVersion).append("\">\n")
        .append("<title>").append(esc(name)).append(" · 北京市医保药品目录</title>\n<style>").append(CSS).append("</style>\n</head>\n")
        .append("<body data-theme=\"").append(bigScreen ? "dark" : "light").append("\" data-note=\"").append(esc(id)).append("\">\n")
        .append("<header>\n<div class=\"brand\">北京市医保药品目录</div>\n<h1>").append(esc(name)).append("</h1>\n")
        .append("<div class=\"stamp\">只读页面 · 发布于 ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone).format(publishedAt)).append("</div>\n")
        .append("<nav>");
    for (PageRef r : nav) {
      h.append("<a href=\"").append(esc(r.file)).append("\"").append(r.noteId.equals(id) ? " class=\"current\"" : "")
          .append(">").append(esc(r.name)).append("</a>");
    }
    h.append("</nav>\n</header>\n<main class=\"grid\">\n").append(body).append("</main>\n")
        .append("<footer>数据与图表来自笔记“").append(esc(name)).append("”在发布时的运行结果；本页只读，数据更新后由分析员重新发布。")
        .append(notebookLinks ? "<a class=\"to-note\" href=\"/notebook/#/note/" + esc(id) + "\">在笔记本中打开这本笔记（需登录）</a>" : "")
        .append("</footer>\n")
        .append("<script type=\"application/json\" id=\"chart-options\">").append(data).append("</script>\n")
        .append("<script>").append(echarts).append("</script>\n")
        .append("<script>").append(INIT).append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private void paragraph(JsonObject p, Map<String, JsonObject> charts, StringBuilder out) {
    JsonObject config = p.has("config") ? p.getAsJsonObject("config") : new JsonObject();
    JsonObject results = p.has("results") && p.get("results").isJsonObject() ? p.getAsJsonObject("results") : null;
    if (results == null || !results.has("msg") || results.getAsJsonArray("msg").size() == 0) {
      return;
    }
    if (config.has("tableHide") && config.get("tableHide").getAsBoolean()) {
      return; // its output is hidden in the note, so it is not on the page either
    }
    String text = p.has("text") && !p.get("text").isJsonNull() ? p.get("text").getAsString() : "";
    boolean md = text.startsWith("%md");
    int width = config.has("colWidth") ? (int) Math.round(config.get("colWidth").getAsDouble()) : 12;
    width = Math.max(1, Math.min(12, width));
    String title = p.has("title") && !p.get("title").isJsonNull() ? p.get("title").getAsString() : "";
    String pageText = md ? pageText(p.get("id").getAsString()) : null;
    String status = p.has("status") ? p.get("status").getAsString() : "";
    out.append("<section class=\"").append(md ? "intro" : "card").append("\" style=\"grid-column: span ").append(width)
        .append("\" data-paragraph=\"").append(esc(p.get("id").getAsString())).append("\">\n");
    if (!md && !title.isEmpty()) {
      out.append("<h2>").append(esc(title)).append("</h2>\n");
    }
    if ("ERROR".equals(status)) {
      out.append("<div class=\"error\">该段最近一次运行失败。</div>\n");
    }
    JsonObject resultConfig = config.has("results") && config.get("results").isJsonObject() ? config.getAsJsonObject("results")
        : new JsonObject();
    if (pageText != null) {
      out.append("<div class=\"html\">").append(HtmlSanitizer.clean(pageText)).append("</div>\n</section>\n");
      return;
    }
    int i = 0;
    for (JsonElement me : results.getAsJsonArray("msg")) {
      JsonObject m = me.getAsJsonObject();
      String type = m.get("type").getAsString();
      String data = m.has("data") ? m.get("data").getAsString() : "";
      JsonObject graph = resultConfig.has(String.valueOf(i)) && resultConfig.getAsJsonObject(String.valueOf(i)).has("graph")
          ? resultConfig.getAsJsonObject(String.valueOf(i)).getAsJsonObject("graph") : null;
      switch (type) {
        case "TABLE": {
          ChartOptions.Table t = ChartOptions.Table.parse(data);
          JsonObject option = ChartOptions.option(t, graph);
          if (option != null) {
            String chartId = "chart-" + (charts.size() + 1);
            charts.put(chartId, option);
            int height = Math.max(graph.has("height") ? (int) Math.round(graph.get("height").getAsDouble()) : 300,
                ChartOptions.preferredHeight(option));
            out.append("<div class=\"chart\" id=\"").append(chartId).append("\" style=\"height: ").append(Math.max(200, height))
                .append("px\"></div>\n<details><summary>数据表（").append(t.rows.size()).append(" 行）</summary>\n");
            table(t, out);
            out.append("</details>\n");
          } else {
            table(t, out);
          }
          break;
        }
        case "HTML":
          out.append("<div class=\"html\">").append(HtmlSanitizer.clean(data)).append("</div>\n");
          break;
        case "IMG":
          out.append("<img class=\"img\" alt=\"\" src=\"data:image/png;base64,").append(esc(data.trim())).append("\">\n");
          break;
        default:
          if (!data.isBlank()) {
            out.append("<div class=\"text\">").append(esc(data.strip())).append("</div>\n");
          }
      }
      i++;
    }
    out.append("</section>\n");
  }

  /**
   * A page's own text for a note's first, {@code %md} paragraph ({@code paragraph_medinsight_KEY_01},
   * whose text is {@code note.KEY.about}), as HTML, when the note's text says what to do in Zeppelin's UI ({@code page.KEY.about} in
   * the text store); else null, and the note's own result is shown.
   */
  static String pageText(String paragraphId) {
    Matcher m = ABOUT.matcher(paragraphId);
    String text = m.matches() ? Labels.find("page." + m.group(1) + ".about", Labels.Lang.ZH) : null;
    return text == null ? null : HtmlRenderer.builder().escapeHtml(true).build().render(Parser.builder().build().parse(text));
  }

  private static final Pattern ABOUT = Pattern.compile("paragraph_medinsight_([a-z]+)_01");

  private static void table(ChartOptions.Table t, StringBuilder out) {
    out.append("<div class=\"table\"><table>\n<thead><tr>");
    List<Boolean> numeric = new ArrayList<>();
    for (int c = 0; c < t.header.size(); c++) {
      boolean all = !t.rows.isEmpty();
      for (String[] r : t.rows) {
        String v = t.cell(r, c);
        if (!v.isEmpty() && ChartOptions.number(v) == null) {
          all = false;
          break;
        }
      }
      numeric.add(all);
      out.append("<th").append(all ? " class=\"num\"" : "").append(">").append(esc(t.header.get(c))).append("</th>");
    }
    out.append("</tr></thead>\n<tbody>\n");
    int shown = 0;
    for (String[] r : t.rows) {
      if (shown++ >= MAX_TABLE_ROWS) {
        break;
      }
      out.append("<tr>");
      for (int c = 0; c < t.header.size(); c++) {
        out.append(numeric.get(c) ? "<td class=\"num\">" : "<td>").append(esc(t.cell(r, c))).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody></table></div>\n");
    if (t.rows.size() > MAX_TABLE_ROWS) {
      out.append("<div class=\"more\">共 ").append(t.rows.size()).append(" 行，此处显示前 ").append(MAX_TABLE_ROWS)
          .append(" 行。</div>\n");
    }
  }

  static String hash(String script) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '&': b.append("&amp;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&#39;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS = "\n"
      + ":root { --bg: #f5f7fa; --card: #ffffff; --line: #dde3ea; --ink: #1f2d3d; --muted: #66788a; --accent: #1f6feb; }\n"
      + "body[data-theme=dark] { --bg: #050d1f; --card: rgba(13, 33, 66, 0.86); --line: #1d3d72; --ink: #d8e6ff; "
      + "--muted: #7f9cc7; --accent: #35c3ff; background: radial-gradient(ellipse at top, #0b2250 0%, #050d1f 60%) fixed; }\n"
      + "* { box-sizing: border-box; }\n"
      + "body { margin: 0; background-color: var(--bg); color: var(--ink); "
      + "font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif; "
      + "font-size: 14px; }\n"
      + "header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 18px; }\n"
      + "body[data-theme=dark] header { justify-content: center; text-align: center; border-bottom: 2px solid var(--accent); "
      + "box-shadow: 0 6px 24px rgba(53, 195, 255, 0.15); }\n"
      + ".brand { color: var(--muted); font-size: 13px; letter-spacing: 2px; }\n"
      + "h1 { margin: 0; font-size: 22px; }\n"
      + "body[data-theme=dark] h1 { font-size: 30px; letter-spacing: 6px; color: #e9f4ff; text-shadow: 0 0 12px rgba(53, 195, 255, 0.6); }\n"
      + ".stamp { color: var(--muted); font-size: 12px; }\n"
      + "nav { width: 100%; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; }\n"
      + "body[data-theme=dark] nav { justify-content: center; }\n"
      + "nav a { color: var(--accent); text-decoration: none; padding: 2px 0; }\n"
      + "nav a.current { color: var(--ink); border-bottom: 2px solid var(--accent); }\n"
      + ".grid { display: grid; grid-template-columns: repeat(12, minmax(0, 1fr)); gap: 14px; padding: 14px 24px 24px; }\n"
      + "@media (max-width: 900px) { .grid > section { grid-column: span 12 !important; } }\n"
      + ".card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px 12px; min-width: 0; }\n"
      + "body[data-theme=dark] .card { box-shadow: inset 0 0 18px rgba(53, 195, 255, 0.08); }\n"
      + ".intro { color: var(--muted); font-size: 13px; min-width: 0; }\n"
      + ".intro h2, .intro h3 { color: var(--ink); font-size: 16px; margin: 4px 0; }\n"
      + "h2 { margin: 0 0 8px; font-size: 15px; color: var(--ink); }\n"
      + "body[data-theme=dark] h2 { color: var(--accent); border-left: 3px solid var(--accent); padding-left: 8px; }\n"
      + ".chart { width: 100%; }\n"
      + ".html svg { max-width: 100%; height: auto; display: block; }\n"
      + ".html img { max-width: 100%; }\n"
      // SVG results are drawn for Zeppelin's light page: on the dark screen, light and dark swap
      // and hues stay (the usual invert + half-turn of hue)
      + "body[data-theme=dark] .html svg { filter: invert(0.9) hue-rotate(180deg); }\n"
      + ".text { white-space: pre-wrap; color: var(--muted); font-size: 13px; margin: 4px 0; }\n"
      + ".error { color: #d1242f; margin: 4px 0; }\n"
      + ".table { overflow: auto; max-height: 420px; }\n"
      + "table { border-collapse: collapse; width: 100%; font-size: 13px; }\n"
      + "th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; white-space: nowrap; }\n"
      + "th { position: sticky; top: 0; background: var(--card); color: var(--muted); font-weight: 600; }\n"
      + "body[data-theme=dark] th { background: #0d2142; }\n"
      + "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
      + "details { margin-top: 6px; } summary { cursor: pointer; color: var(--muted); font-size: 12px; }\n"
      + ".more { color: var(--muted); font-size: 12px; margin-top: 4px; }\n"
      + "footer { color: var(--muted); font-size: 12px; padding: 0 24px 20px; }\n"
      + "footer a.to-note { margin-left: 12px; color: inherit; }\n";
}
