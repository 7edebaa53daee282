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

    Note(String id, String key, String name, boolean dashboard) {
      this.id = id;
      this.key = key;
      this.name = name;
      this.report = dashboard;
      this.dashboard = dashboard;
    }

    private int numbered;

    /** Numbered ids, counted over the numbered paragraphs only: adding a named one moves no link. */
    private String nextId() {
      return String.format("paragraph_medinsight_%s_%02d", key, ++numbered);
    }

    Note md(String title, String markdown) {
      paragraphs.add(new Paragraph(nextId(), title, "%md\n" + markdown, 12, null, true));
      return this;
    }

    /** Folds away the result of the last paragraph added. */
    Note hidden() {
      paragraphs.get(paragraphs.size() - 1).hideResult = true;
      return this;
    }

    Note drugs(String title, String command, int width, Chart chart) {
      paragraphs.add(new Paragraph(nextId(), title, "%drugs\n" + command, width, chart, dashboard));
      return this;
    }

    /**
     * A {@code %drugs} paragraph whose result is not a table for Zeppelin's charts (a {@code chart}
     * command's SVG drawing, a line of text), so no chart settings. Its id is named, not numbered,
     * so that the paragraphs after it keep theirs.
     */
    Note named(String name, String title, String command, int width) {
      paragraphs.add(new Paragraph("paragraph_medinsight_" + key + "_" + name, title, "%drugs\n" + command, width, null,
          dashboard));
      return this;
    }

    Note sql(String title, String sql, int width, Chart chart) {
      paragraphs.add(new Paragraph(nextId(), title, "%drugs.sql\n" + sql, width, chart, dashboard));
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

  /** Every note of the bundle, the overview first. */
  public static List<Note> notes() {
    List<Note> notes = new ArrayList<>();

    notes.add(new Note("2MIOVERVW", "overview", "总览", true)
        .md("说明", "## 北京市医保药品目录 · 总览\n"
            + "目录为国家医保药品目录（2025年版，2026-01-01 起执行，北京执行；2024 年版同时加载，见“版本对比”）；"
            + "产品清单为按目录**合成**的示例数据（企业名均以“虚构”开头），"
            + "加载真实清单后本页自动反映真实数据。\n\n"
            + "- **核心指标**：条目 = 目录中的行；品种 = 合并 ★ 重复剂型后的药品；任一行甲类的品种计为甲类。\n"
            + "- 图表可在每段右上角切换为表格；指标卡片与热力图为 SVG 图，悬停查看数值；各主题的详细分析见其他笔记。")
        .named("dataset", "数据版本", "dataset", 12)
        .named("kpicards", "核心指标", "chart kpi", 12)
        .drugs("核心指标（表）", "kpi", 12, null).hidden()
        .drugs("医保类别（按品种）", "levels --by variety --subtotals no", 6,
            bar().key("group").group("level").value("varieties").stacked())
        .drugs("剂型分布（产品数前 10）", "forms --top 10", 6, bar().key("dosage_form").value("products"))
        .named("heatmap", "剂型 × 医保类别热力图（产品数前 15 种剂型）", "chart heatmap --top 15", 12)
        .drugs("生产企业份额（前 10）", "manufacturers share --top 10 --others no", 6,
            bar().key("manufacturer").value("product_share"))
        .drugs("自付负担分档", "burden", 6, bar().key("band").group("level").value("products").stacked())
        .drugs("市场集中度", "manufacturers concentration", 6, null)
        .drugs("谈判药品协议到期", "negotiated", 6, bar().key("valid_to_year").group("section").value("drugs"))
        .drugs("支付限定类型", "restrictions types", 6, bar().key("restriction_type").value("entries"))
        .drugs("中西药构成（产品）", "tcm share --total no", 6, pie().key("group").value("products"))
        .drugs("目录分类（一级）", "categories --depth 1", 12, bar().key("category_name").value("varieties"))
        .drugs("目录变化 2024 → 2025（新增、调出、谈判转常规）", "diff 2024 2025 --limit 10", 12, null));

    notes.add(new Note("2MICORE01", "core", "核心属性", true)
        .md("说明", "## 核心属性\n医保类别（甲/乙/丙）、剂型、自付比例、定额支付、高频通用名与自付负担。"
            + "自付比例为产品层面的字段（示例数据为合成）；甲类自付比例为 0。百分比列以数值显示，表头带 (%)。")
        .drugs("医保类别分布（按品种）", "levels --by variety --subtotals no", 6,
            bar().key("group").group("level").value("varieties").stacked())
        .drugs("医保类别分布（按条目，含小计）", "levels", 6, null)
        .drugs("剂型：产品数与平均自付比例", "forms --top 15", 12, bar().key("dosage_form").value("products"))
        .drugs("自付比例统计", "ratios", 6, null)
        .drugs("定额支付", "fixed", 6, null)
        .drugs("高频通用名（前 20）", "generics --top 20", 12, null)
        .drugs("自付负担分档 × 医保类别", "burden", 6, bar().key("band").group("level").value("share_in_level"))
        .drugs("剂型 × 医保类别", "matrix --top 15", 6,
            bar().key("dosage_form").value("level_jia").value("level_yi").value("level_bing").stacked())
        .drugs("西药 ATC 一级分类", "categories --depth 1 --type 西药", 6, bar().key("category_name").value("varieties"))
        .drugs("中成药功能一级分类", "categories --depth 1 --type 中成药", 6, pie().key("category_name").value("varieties"))
        .named("treemapwest", "西药分类树图（ATC 一级内嵌二级，面积为品种数）", "chart treemap --type 西药 --depth 2", 12)
        .named("treemaptcm", "中成药分类树图（功能分类一级内嵌二级，面积为品种数）", "chart treemap --type 中成药 --depth 2", 12));

    notes.add(new Note("2MIMANUF1", "manufacturers", "生产企业", true)
        .md("说明", "## 生产企业\n市场份额、产品组合、剂型专业化与多样性（Shannon、Simpson）、集中度（CR4、CR10、HHI）、"
            + "自付定位、限制支付比例与独家品种（通用名 × 剂型只有一家企业生产）。示例数据中的企业均为虚构。")
        .drugs("市场份额（前 15）", "manufacturers share --top 15 --others no", 8,
            bar().key("manufacturer").value("product_share"))
        .drugs("市场集中度", "manufacturers concentration", 4, null)
        .drugs("产品组合（前 15）", "manufacturers portfolio --top 15", 12, null)
        .drugs("剂型专业化", "manufacturers specialization --top 20", 6, null)
        .drugs("剂型多样性：Shannon × Simpson", "manufacturers diversity --top 50 --min-products 20", 6,
            scatter().key("shannon").value("simpson"))
        .drugs("自付定位", "manufacturers positioning --top 30", 6, scatter().key("products").value("mean_self_pay"))
        .drugs("限制支付比例", "manufacturers restrictions --top 15", 6, bar().key("manufacturer").value("restricted_share"))
        .drugs("企业 × 医保类别", "manufacturers matrix --top 15", 12,
            bar().key("manufacturer").value("level_jia").value("level_yi").value("level_bing").stacked())
        .drugs("独家品种：按医保类别", "manufacturers exclusive --by level", 6,
            bar().key("level").value("varieties").value("exclusive_varieties"))
        .drugs("独家品种最多的企业（前 15）", "manufacturers exclusive --by manufacturer --top 15", 6,
            bar().key("manufacturer").value("exclusive_varieties")));

    notes.add(new Note("2MIRESTRC", "restrictions", "报销限制", true)
        .md("说明", "## 报销限制\n目录“备注”即支付限定。分类器按目录的固定措辞识别限定类型（可多种）及其取值："
            + "年龄、性别、适应症/诊断、二线用药、医疗机构等级、就医方式、支付疗程、险种、联用/单用。"
            + "关键词用 HanLP 中文分词；聚类为 TF-IDF + KMeans。最后一段用国家医保局“两库”规则库检验分类器。")
        .drugs("有支付限定的比例（按目录部分）", "restrictions summary --by section", 6,
            bar().key("group").value("restricted_share"))
        .drugs("按医保类别", "restrictions summary --by level", 6, null)
        .drugs("限定类型与常见取值", "restrictions types", 12, bar().key("restriction_type").value("entries"))
        .drugs("关键词（前 30）", "restrictions keywords --top 30", 6, bar().key("word").value("occurrences"))
        .drugs("限定文本聚类", "restrictions clusters --k 6", 6, null)
        .drugs("按生产企业（产品）", "restrictions summary --by manufacturer --top 15", 12, null)
        .drugs("分类器评估（规则库第 3–6 批）", "restrictions evaluate", 12, null));

    notes.add(new Note("2MITCM001", "tcm", "中药与颗粒", true)
        .md("说明", "## 中药与配方颗粒\n西药、中成药（民族药单列）、中药饮片与配方颗粒的构成；中成药功能分类；"
            + "饮片的□标记（单独使用不予支付）；配方颗粒产品的生产企业。配方颗粒与产品层面字段为合成示例数据。")
        .drugs("构成：条目、品种、产品", "tcm share --total no", 12, bar().key("group").value("varieties").value("products"))
        .drugs("中成药功能分类（一级）", "tcm categories --depth 1", 6, pie().key("category_name").value("varieties"))
        .drugs("中药饮片", "tcm yinpian", 6, null)
        .drugs("配方颗粒生产企业", "tcm granules --top 10", 12, bar().key("manufacturer").value("products")));

    notes.add(new Note("2MIMINING", "mining", "数据挖掘", true)
        .md("说明", "## 数据挖掘（Smile）\n**关联规则**：每个产品是一条事务，项为剂型、医保类别、一级分类与限定类型；"
            + "FP-growth 找频繁项集，给出支持度、置信度与提升度（>1 表示前件让后件更常见）。\n"
            + "**聚类**：自付比例（z 分数）、限定与定额标志、医保类别与剂型的独热编码；KMeans，k 按轮廓系数在样本上选择。结果由种子固定。\n\n"
            + "**规则图**：项为节点（面积为支持度），规则为箭头（线宽为置信度，颜色越深提升度越高）。"
            + "**聚类散点图**：特征的前两个主成分平面，按类着色，圆的面积为该处的产品数。悬停查看数值。")
        .drugs("关联规则", "mining rules --min-support 0.02 --min-confidence 0.6 --limit 30", 12, null)
        .named("rulesgraph", "关联规则图（前 30 条）", "chart rules --min-support 0.02 --min-confidence 0.6 --limit 30", 12)
        .drugs("含头部企业的规则", "mining rules --by form,level,manufacturer --min-support 0.005 --min-confidence 0.5 --limit 20",
            12, null)
        .drugs("产品聚类（自动选 k）", "mining clusters --k auto", 12, null)
        .named("clustermap", "产品聚类散点图（主成分平面）", "chart clusters --k auto", 12));

    notes.add(new Note("2MIDIFF01", "diff", "版本对比", true)
        .md("说明", "## 目录版本对比\n内置 2024 年版（工作簿）与 2025 年版（官方 PDF 的文本，2026-01-01 起执行）。"
            + "加载其他版本：`load 目录.pdf --as catalog --edition 年份`（官方 PDF、其文本或工作簿），然后在下方表单填入两个年份并运行。"
            + "品种按药品类型与名称对应；变化按国家医保局的口径：新增（谈判、竞价、常规）、调出、谈判转常规、甲乙调整、支付范围调整、规范名称；"
            + "各部分品种数核对：前版 + 新增 − 调出 + 转入 − 转出 = 后版。")
        .drugs("已加载的版本", "editions", 12, null)
        .drugs("版本对比", "diff ${版本A=2024} ${版本B=2025} --limit 500", 12, null)
        .drugs("2024 → 2025 新增与调出品种（按一级分类；西药为 ATC 一级）", "diff 2024 2025 --by category", 12,
            bar().key("category").value("added").value("removed"))
        .drugs("2024 → 2025 调出的品种", "diff 2024 2025 --change 调出", 12, null)
        .drugs("2026 年到期的谈判协议", "negotiated --expiring 2026", 6, null)
        .drugs("2027 年到期的谈判协议", "negotiated --expiring 2027", 6, null));

    notes.add(new Note("2MILOOKUP", "lookup", "药品查询", true)
        .md("说明", "## 药品查询\n在上方表单输入药品名称（部分匹配）、选择医保类别，可选填剂型与生产企业（部分匹配），然后运行。")
        .drugs("产品查询", "lookup \"${药品名称=阿莫西林}\" --level ${医保类别=全部,全部|甲|乙|丙} --form \"${剂型=}\" "
            + "--manufacturer \"${生产企业=}\" --limit 200", 12, null)
        .sql("目录条目", "select section as `目录部分`, number as `编号`, level as `类别`, names as `药品名称`, "
            + "dosage_forms as `剂型`, remark as `备注`, category_path as `分类`\nfrom catalog\n"
            + "where name like concat('%', '${药品名称=阿莫西林}', '%')\norder by section, number", 12, null));

    notes.add(new Note("2MIQUALTY", "quality", "数据质量", true)
        .md("说明", "## 数据质量\n每个数据源：读取行数 = 加载行数 + 拒绝行数；各列缺失值；重复；加载时所做的清洗与规范化；"
            + "被拒绝的行及其原因（原始行号，表头为第 1 行）。")
        .drugs("质量报告", "quality", 12, null)
        .drugs("可查询的表", "tables", 6, null)
        .sql("拒绝原因统计", "select kind, reason, count(*) as rows_rejected\nfrom rejected_rows\ngroup by kind, reason\n"
            + "order by rows_rejected desc", 6, null));

    notes.add(new Note("2MISQL001", "sql", "自助SQL", false)
        .md("说明", "## 自助 SQL\n`%drugs.sql` 在与 `%drugs` 相同的 Spark 会话上执行 Spark SQL。可查询的表："
            + "`catalog`（目录条目）、`products`（产品）、`yinpian`（饮片）、`rejected_rows`（未加载的行）。"
            + "复制下面的段落，改写后运行；`describe 表名` 显示各列说明。")
        .sql("产品表的列", "describe products", 6, null)
        .sql("各医保类别的产品数与平均自付比例", "select level, count(*) as products,\n"
            + "       round(avg(self_pay_ratio) * 100, 1) as mean_self_pay_pct\nfrom products\ngroup by level\norder by level",
            6, bar().key("level").value("products"))
        .sql("产品最多的生产企业", "select manufacturer, count(*) as products, count(distinct name) as generics\n"
            + "from products\ngroup by manufacturer\norder by products desc\nlimit 20", 6, null)
        .sql("按一级分类统计品种与产品", "select c.cat1_code, c.cat1_name, count(distinct c.variety_id) as varieties,\n"
            + "       count(p.product_code) as products\nfrom catalog c\n"
            + "left join products p on p.variety_id = c.variety_id\ngroup by c.cat1_code, c.cat1_name\norder by c.cat1_code",
            6, null)
        .sql("2025 年到期的谈判协议", "select section, number, name, payment_standard, valid_to\nfrom catalog\n"
            + "where part <> '常规目录' and year(valid_to) = 2025\norder by valid_to, section, number", 12, null)
        .sql("单独使用不予支付的饮片", "select not_paid_alone, count(*) as pieces from yinpian group by not_paid_alone",
            6, pie().key("not_paid_alone").value("pieces")));
    return notes;
  }

  /** Writes every note to the folder; returns the files written. Nothing is written when a chart preset does not fit its result. */
  public static List<Path> write(Path dir, Shapes shapes) throws IOException {
    List<String> texts = new ArrayList<>();
    for (Note n : notes()) {
      texts.add(n.toZpln(shapes));
    }
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    List<Note> notes = notes();
    for (int i = 0; i < notes.size(); i++) {
      Path p = dir.resolve(notes.get(i).fileName());
      Files.writeString(p, texts.get(i), StandardCharsets.UTF_8);
      out.add(p);
    }
    return out;
  }

  /**
   * {@code bin/medinsight notes}: runs every paragraph that has a chart preset on the bundled data
   * (local Spark, as the interpreter would) to resolve the presets' column keys, then writes the notes.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "notes");
    try (ResultShapes shapes = ResultShapes.bundled()) {
      for (Path p : write(dir, shapes)) {
        System.out.println("wrote " + p);
      }
    }
  }
}
