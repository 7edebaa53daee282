package medinsight.server;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import medinsight.render.Labels;

/**
 * The dashboard notes, defined here and written to {@code notes/} as Zeppelin {@code .zpln}
 * files with stable note and paragraph ids. A test checks that the committed files are what this
 * class writes; {@code bin/medinsight notes} rewrites them.
 */
public final class NoteBundle {
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /** One column of a paragraph's first result: its key, its header as the table shows it, and whether it holds numbers. */
  public static final class Column {
    public final String key;
    public final String header;
    public final boolean numeric;

    public Column(String key, String header, boolean numeric) {
      this.key = key;
      this.header = header;
      this.numeric = numeric;
    }

    @Override
    public String toString() {
      return key;
    }
  }

  /**
   * The columns of the first result of a paragraph's text ({@code %drugs\n…} or
   * {@code %drugs.sql\n…}), in order: what a chart preset's keys resolve against.
   */
  public interface Shapes {
    List<Column> columns(String paragraphText);
  }

  /**
   * A chart preset: Zeppelin's graph settings for a paragraph's first result. Columns are named by
   * their key (the result's column key; for {@code %drugs.sql}, the query's column name); the
   * generator resolves each key to its position and header in the result the paragraph draws.
   */
  static final class Chart {
    final String mode;
    final List<String> keys = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    boolean stacked;

    Chart(String mode) {
      this.mode = mode;
    }

    Chart key(String column) {
      keys.add(column);
      return this;
    }

    Chart group(String column) {
      groups.add(column);
      return this;
    }

    /** A value axis: the column must hold numbers. */
    Chart value(String column) {
      values.add(column);
      return this;
    }

    Chart stacked() {
      stacked = true;
      return this;
    }

    /** What is wrong with this preset against the columns of its result; empty when nothing is. */
    List<String> problems(List<Column> result) {
      List<String> out = new ArrayList<>();
      for (String[] role : roles()) {
        Column c = find(result, role[1]);
        if (c == null) {
          out.add(role[0] + " '" + role[1] + "' is not a column of the result " + result);
        } else if (role[0].equals("value") && !c.numeric) {
          out.add("value '" + role[1] + "' holds no numbers");
        }
      }
      if (keys.isEmpty() || values.isEmpty()) {
        out.add("a chart needs a key and a value");
      }
      return out;
    }

    /** {role, key} for every column the preset names, keys first. */
    List<String[]> roles() {
      List<String[]> out = new ArrayList<>();
      keys.forEach(k -> out.add(new String[] {"key", k}));
      groups.forEach(k -> out.add(new String[] {"group", k}));
      values.forEach(k -> out.add(new String[] {"value", k}));
      return out;
    }

    static Column find(List<Column> result, String key) {
      for (Column c : result) {
        if (c.key.equals(key)) {
          return c;
        }
      }
      return null;
    }

    static JsonArray cols(List<String> named, List<Column> result) {
      JsonArray a = new JsonArray();
      for (String key : named) {
        Column c = find(result, key);
        JsonObject o = new JsonObject();
        o.addProperty("name", c.header);
        o.addProperty("index", (double) result.indexOf(c));
        o.addProperty("aggr", "sum");
        a.add(o);
      }
      return a;
    }

    JsonObject toJson(List<Column> result) {
      JsonObject graph = new JsonObject();
      graph.addProperty("mode", mode);
      graph.addProperty("height", 300.0);
      graph.addProperty("optionOpen", false);
      JsonObject setting = new JsonObject();
      JsonObject modeSetting = new JsonObject();
      if (!mode.equals("pieChart") && !mode.equals("scatterChart") && !mode.equals("table")) {
        JsonObject rotate = new JsonObject();
        rotate.addProperty("degree", "-45");
        modeSetting.add("rotate", rotate);
        modeSetting.addProperty("xLabelStatus", "rotate");
      }
      if (mode.equals("multiBarChart")) {
        modeSetting.addProperty("stacked", stacked);
      }
      setting.add(mode, modeSetting);
      graph.add("setting", setting);
      graph.add("commonSetting", new JsonObject());
      graph.add("keys", cols(keys, result));
      graph.add("groups", cols(groups, result));
      graph.add("values", cols(values, result));
      if (mode.equals("scatterChart")) {
        JsonObject scatter = new JsonObject();
        scatter.add("xAxis", cols(keys, result).get(0));
        scatter.add("yAxis", cols(values, result).get(0));
        graph.add("scatter", scatter);
      }
      JsonObject out = new JsonObject();
      out.add("graph", graph);
      out.add("helium", new JsonObject());
      return out;
    }
  }

  static Chart bar() {
    return new Chart("multiBarChart");
  }

  static Chart pie() {
    return new Chart("pieChart");
  }

  static Chart line() {
    return new Chart("lineChart");
  }

  static Chart scatter() {
    return new Chart("scatterChart");
  }

  /** One paragraph: interpreter, text, title, width, chart. */
  public static final class Paragraph {
    public final String id;
    public final String title;
    public final String text;
    final int colWidth;
    final Chart chart;
    final boolean hideEditor;
    /** Result folded away (Zeppelin's "hide output"): kept for analysts, left off dashboards and published pages. */
    boolean hideResult;

    Paragraph(String id, String title, String text, int colWidth, Chart chart, boolean hideEditor) {
      this.id = id;
      this.title = title;
      this.text = text;
      this.colWidth = colWidth;
      this.chart = chart;
      this.hideEditor = hideEditor;
    }

    /** {role, key} of every column the paragraph's chart preset names (role: key, group or value); empty without one. */
    public List<String[]> chartKeys() {
      return chart == null ? List.of() : chart.roles();
    }

    /** What is wrong with the paragraph's chart preset against the result it draws; empty when nothing is. */
    public List<String> chartProblems(Shapes shapes) {
      return chart == null ? List.of() : chart.problems(shapes.columns(text));
    }

    public String chartMode() {
      return chart == null ? "table" : chart.mode;
    }
  }

  /** One note. */
  public static final class Note {
    public final String id;
    public final String name;
    public final boolean report;
    public final boolean dashboard;
    public final List<Paragraph> paragraphs = new ArrayList<>();
    private final String key;
    /** The note's texts by key: its name, its paragraphs' titles and its markdown (see {@link NoteBundle#notes(Labels.Lang)}). */
    private final Function<String, String> text;

    /**
     * A note whose name, titles and markdown come from {@code text}: {@code note.<key>.name},
     * {@code note.<key>.<suffix>} for the paragraph whose id ends in that suffix, {@code note.about}
     * and {@code note.<key>.about} for its first, markdown paragraph.
     */
    Note(String id, String key, boolean dashboard, Function<String, String> text) {
      this.id = id;
      this.key = key;
      this.text = text;
      this.name = text.apply("note." + key + ".name");
      this.report = dashboard;
      this.dashboard = dashboard;
    }

    private int numbered;

    /** A paragraph whose id ends in {@code suffix}, titled by {@code note.<key>.<suffix>}. */
    private void add(String suffix, String body, int width, Chart chart, boolean hideEditor) {
      paragraphs.add(new Paragraph("paragraph_medinsight_" + key + "_" + suffix, text.apply("note." + key + "." + suffix),
          body, width, chart, hideEditor));
    }

    /** The id suffix of the next numbered paragraph, counted over those only: adding a named one moves no link. */
    private String numbered() {
      return String.format("%02d", ++numbered);
    }

    /** The note's first paragraph: what it shows and how to read it ({@code note.<key>.about}). */
    Note md() {
      paragraphs.add(new Paragraph("paragraph_medinsight_" + key + "_" + numbered(), text.apply("note.about"),
          "%md\n" + text.apply("note." + key + ".about"), 12, null, true));
      return this;
    }

    /** Folds away the result of the last paragraph added. */
    Note hidden() {
      paragraphs.get(paragraphs.size() - 1).hideResult = true;
      return this;
    }

    Note drugs(String command, int width, Chart chart) {
      add(numbered(), "%drugs\n" + command, width, chart, dashboard);
      return this;
    }

    /**
     * A {@code %drugs} paragraph whose result is not a table for Zeppelin's charts (a {@code chart}
     * command's SVG drawing, a line of text), so no chart settings. Its id is named, not numbered,
     * so that the paragraphs after it keep theirs.
     */
    Note named(String name, String command, int width) {
      add(name, "%drugs\n" + command, width, null, dashboard);
      return this;
    }

    Note sql(String sql, int width, Chart chart) {
      add(numbered(), "%drugs.sql\n" + sql, width, chart, dashboard);
      return this;
    }

    public String fileName() {
      return name + "_" + id + ".zpln";
    }

    JsonObject toJson(Shapes shapes) {
      JsonObject note = new JsonObject();
      JsonArray ps = new JsonArray();
      for (Paragraph p : paragraphs) {
        JsonObject o = new JsonObject();
        o.addProperty("title", p.title);
        o.addProperty("text", p.text);
        o.addProperty("user", "admin");
        JsonObject config = new JsonObject();
        boolean md = p.text.startsWith("%md");
        boolean sql = p.text.startsWith("%drugs.sql");
        JsonObject editor = new JsonObject();
        editor.addProperty("language", md ? "markdown" : sql ? "sql" : "text");
        editor.addProperty("editOnDblClick", md);
        editor.addProperty("completionKey", "TAB");
        editor.addProperty("completionSupport", !md);
        config.add("editorSetting", editor);
        config.addProperty("colWidth", (double) p.colWidth);
        config.addProperty("editorMode", md ? "ace/mode/markdown" : sql ? "ace/mode/sql" : "ace/mode/text");
        config.addProperty("fontSize", 9.0);
        config.addProperty("editorHide", p.hideEditor);
        config.addProperty("tableHide", p.hideResult);
        config.addProperty("title", !md);
        JsonObject results = new JsonObject();
        if (p.chart != null) {
          List<String> problems = p.chartProblems(shapes);
          if (!problems.isEmpty()) {
            throw new IllegalStateException(name + " / " + p.title + " (" + p.text.replace('\n', ' ') + "): " + problems);
          }
          results.add("0", p.chart.toJson(shapes.columns(p.text)));
        }
        config.add("results", results);
        config.addProperty("enabled", true);
        o.add("config", config);
        JsonObject settings = new JsonObject();
        settings.add("params", new JsonObject());
        settings.add("forms", new JsonObject());
        o.add("settings", settings);
        o.add("apps", new JsonArray());
        o.add("runtimeInfos", new JsonObject());
        o.addProperty("progressUpdateIntervalMs", 500);
        o.addProperty("jobName", p.id);
        o.addProperty("id", p.id);
        o.addProperty("status", "READY");
        ps.add(o);
      }
      note.add("paragraphs", ps);
      note.addProperty("name", name);
      note.addProperty("id", id);
      note.addProperty("defaultInterpreterGroup", "drugs");
      note.addProperty("version", "0.10.0");
      note.add("noteParams", new JsonObject());
      note.add("noteForms", new JsonObject());
      note.add("angularObjects", new JsonObject());
      JsonObject config = new JsonObject();
      config.addProperty("isZeppelinNotebookCronEnable", false);
      config.addProperty("looknfeel", report ? "report" : "default");
      config.addProperty("personalizedMode", "false");
      note.add("config", config);
      note.add("info", new JsonObject());
      return note;
    }

    /** The note as a {@code .zpln} file, chart presets resolved against the results their paragraphs draw. */
    public String toZpln(Shapes shapes) {
      return GSON.toJson(toJson(shapes)) + "\n";
    }
  }

  private NoteBundle() {}

  /** Every note of the bundle in Chinese, the overview first: the notes in {@code notes/}. */
  public static List<Note> notes() {
    return notes(Labels.Lang.ZH);
  }

  /**
   * Every note of the bundle in one language, the overview first. Names, titles and markdown come
   * from the plugin's text store ({@code note.*} keys of {@code labels_zh/en.properties}), as the
   * column headers the chart presets resolve to do; a command's arguments stay as the data has them
   * ({@code --type 西药}), since they are values, not texts.
   */
  public static List<Note> notes(Labels.Lang lang) {
    Function<String, String> t = key -> Labels.text(key, lang);
    String drug = t.apply("note.form.drug");
    List<Note> notes = new ArrayList<>();

    notes.add(new Note("2MIOVERVW", "overview", true, t).md()
        .named("dataset", "dataset", 12)
        .named("kpicards", "chart kpi", 12)
        .drugs("kpi", 12, null).hidden()
        .drugs("levels --by variety --subtotals no", 6, bar().key("group").group("level").value("varieties").stacked())
        .drugs("forms --top 10", 6, bar().key("dosage_form").value("products"))
        .named("heatmap", "chart heatmap --top 15", 12)
        .drugs("manufacturers share --top 10 --others no", 6, bar().key("manufacturer").value("product_share"))
        .drugs("burden", 6, bar().key("band").group("level").value("products").stacked())
        .drugs("manufacturers concentration", 6, null)
        .drugs("negotiated", 6, bar().key("valid_to_year").group("section").value("drugs"))
        .drugs("restrictions types", 6, bar().key("restriction_type").value("entries"))
        .drugs("tcm share --total no", 6, pie().key("group").value("products"))
        .drugs("categories --depth 1", 12, bar().key("category_name").value("varieties"))
        .drugs("diff 2024 2025 --limit 10", 12, null));

    notes.add(new Note("2MICORE01", "core", true, t).md()
        .drugs("levels --by variety --subtotals no", 6, bar().key("group").group("level").value("varieties").stacked())
        .drugs("levels", 6, null)
        .drugs("forms --top 15", 12, bar().key("dosage_form").value("products"))
        .drugs("ratios", 6, null)
        .drugs("fixed", 6, null)
        .drugs("generics --top 20", 12, null)
        .drugs("burden", 6, bar().key("band").group("level").value("share_in_level"))
        .drugs("matrix --top 15", 6,
            bar().key("dosage_form").value("level_jia").value("level_yi").value("level_bing").stacked())
        .drugs("categories --depth 1 --type 西药", 6, bar().key("category_name").value("varieties"))
        .drugs("categories --depth 1 --type 中成药", 6, pie().key("category_name").value("varieties"))
        .named("treemapwest", "chart treemap --type 西药 --depth 2", 12)
        .named("treemaptcm", "chart treemap --type 中成药 --depth 2", 12));

    notes.add(new Note("2MIMANUF1", "manufacturers", true, t).md()
        .drugs("manufacturers share --top 15 --others no", 8, bar().key("manufacturer").value("product_share"))
        .drugs("manufacturers concentration", 4, null)
        .drugs("manufacturers portfolio --top 15", 12, null)
        .drugs("manufacturers specialization --top 20", 6, null)
        .drugs("manufacturers diversity --top 50 --min-products 20", 6, scatter().key("shannon").value("simpson"))
        .drugs("manufacturers positioning --top 30", 6, scatter().key("products").value("mean_self_pay"))
        .drugs("manufacturers restrictions --top 15", 6, bar().key("manufacturer").value("restricted_share"))
        .drugs("manufacturers matrix --top 15", 12,
            bar().key("manufacturer").value("level_jia").value("level_yi").value("level_bing").stacked())
        .drugs("manufacturers exclusive --by level", 6, bar().key("level").value("generic_forms").value("exclusive_varieties"))
        .drugs("manufacturers exclusive --by manufacturer --top 15", 6,
            bar().key("manufacturer").value("exclusive_varieties")));

    notes.add(new Note("2MIRESTRC", "restrictions", true, t).md()
        .drugs("restrictions summary --by section", 6, bar().key("group").value("restricted_share"))
        .drugs("restrictions summary --by level", 6, null)
        .drugs("restrictions types", 12, bar().key("restriction_type").value("entries"))
        .drugs("restrictions keywords --top 30", 6, bar().key("word").value("occurrences"))
        .drugs("restrictions clusters --k 6", 6, null)
        .drugs("restrictions summary --by manufacturer --top 15", 12, null)
        .drugs("restrictions evaluate", 12, null));

    notes.add(new Note("2MITCM001", "tcm", true, t).md()
        .drugs("tcm share --total no", 12, bar().key("group").value("varieties").value("products"))
        .drugs("tcm categories --depth 1", 6, pie().key("category_name").value("varieties"))
        .drugs("tcm yinpian", 6, null)
        .drugs("tcm granules --top 10", 12, bar().key("manufacturer").value("products")));

    notes.add(new Note("2MIMINING", "mining", true, t).md()
        .drugs("mining rules --min-support 0.02 --min-confidence 0.6 --limit 30", 12, null)
        .named("rulesgraph", "chart rules --min-support 0.02 --min-confidence 0.6 --limit 30", 12)
        .drugs("mining rules --by form,level,manufacturer --min-support 0.005 --min-confidence 0.5 --limit 20", 12, null)
        .drugs("mining clusters --k auto", 12, null)
        .named("clustermap", "chart clusters --k auto", 12));

    notes.add(new Note("2MIDIFF01", "diff", true, t).md()
        .drugs("editions", 12, null)
        .drugs("diff ${" + t.apply("note.form.edition_a") + "=2024} ${" + t.apply("note.form.edition_b") + "=2025} --limit 500",
            12, null)
        .drugs("diff 2024 2025 --by category", 12, bar().key("category").value("added").value("removed"))
        .drugs("diff 2024 2025 --change 调出", 12, null)
        .drugs("diff 2024 2025 --change 名称调整", 12, null)
        .drugs("negotiated --expiring 2026", 6, null)
        .drugs("negotiated --expiring 2027", 6, null)
        .drugs("negotiated renewals --limit 50", 12, null));

    notes.add(new Note("2MILOOKUP", "lookup", true, t).md()
        .drugs("lookup \"${" + drug + "=阿莫西林}\" --level ${" + t.apply("note.form.level") + "=全部,全部|甲|乙|丙} --form \"${"
            + t.apply("note.form.dosage_form") + "=}\" --manufacturer \"${" + t.apply("note.form.manufacturer") + "=}\" --limit 200",
            12, null)
        .sql(Labels.text("note.lookup.catalog_sql", lang, drug), 12, null)
        .drugs("history \"${" + drug + "=司美格鲁肽}\"", 12, null));

    notes.add(new Note("2MIQUALTY", "quality", true, t).md()
        .drugs("quality", 12, null)
        .drugs("tables", 6, null)
        .sql(t.apply("note.quality.rejected_sql"), 6, null));

    notes.add(new Note("2MISQL001", "sql", false, t).md()
        .sql("describe products", 6, null)
        .sql("select level, count(*) as products,\n"
            + "       round(avg(self_pay_ratio) * 100, 1) as mean_self_pay_pct\nfrom products\ngroup by level\norder by level",
            6, bar().key("level").value("products"))
        .sql("select manufacturer, count(*) as products, count(distinct name) as generics\n"
            + "from products\ngroup by manufacturer\norder by products desc\nlimit 20", 6, null)
        .sql("select c.cat1_code, c.cat1_name, count(distinct c.variety_id) as varieties,\n"
            + "       count(p.product_code) as products\nfrom catalog c\n"
            + "left join products p on p.variety_id = c.variety_id\ngroup by c.cat1_code, c.cat1_name\norder by c.cat1_code",
            6, null)
        .sql("select section, number, name, payment_standard, valid_to\nfrom catalog\n"
            + "where part <> '常规目录' and valid_to between current_date() and add_months(current_date(), 12)\n"
            + "order by valid_to, section, number", 12, null)
        .sql("select not_paid_alone, count(*) as pieces from yinpian group by not_paid_alone", 6,
            pie().key("not_paid_alone").value("pieces")));
    return notes;
  }

  /**
   * Writes every note in one language to the folder; returns the files written. Nothing is written
   * when a chart preset does not fit its result. {@code shapes} gives the headers in that language.
   */
  public static List<Path> write(Path dir, Shapes shapes, Labels.Lang lang) throws IOException {
    List<Note> notes = notes(lang);
    List<String> texts = new ArrayList<>();
    for (Note n : notes) {
      texts.add(n.toZpln(shapes));
    }
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      Path p = dir.resolve(notes.get(i).fileName());
      Files.writeString(p, texts.get(i), StandardCharsets.UTF_8);
      out.add(p);
    }
    return out;
  }

  /**
   * {@code bin/medinsight notes [--lang zh|en] [DIR]}: runs every paragraph that has a chart preset
   * on the bundled data (local Spark, as the interpreter would) to resolve the presets' column keys,
   * then writes the notes (Chinese to {@code notes/} by default; English to {@code DIR}, for a
   * Zeppelin whose {@code drugs} interpreter has {@code drugs.language=en}).
   */
  public static void main(String[] args) throws IOException {
    Labels.Lang lang = Labels.Lang.ZH;
    String dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lang") && i + 1 < args.length) {
        lang = Labels.Lang.parse(args[++i]);
      } else if (args[i].startsWith("-") || dir != null) {
        System.err.println("usage: bin/medinsight notes [--lang zh|en] [DIR]");
        System.exit(2);
      } else {
        dir = args[i];
      }
    }
    if (dir == null && lang != Labels.Lang.ZH) {
      System.err.println("notes/ holds the Chinese notes: name a folder for the " + lang.name().toLowerCase(Locale.ROOT) + " ones, e.g. notes --lang en notes-en");
      System.exit(2);
    }
    try (ResultShapes shapes = ResultShapes.bundled(lang)) {
      for (Path p : write(Paths.get(dir == null ? "notes" : dir), shapes, lang)) {
        System.out.println("wrote " + p);
      }
    }
  }
}
