package medinsight.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import medinsight.access.AccessPolicy;
import medinsight.access.SqlGuard;
import medinsight.analysis.CatalogQueries;
import medinsight.analysis.CoreAnalyses;
import medinsight.analysis.EditionDiff;
import medinsight.analysis.ManufacturerAnalyses;
import medinsight.analysis.ResultTable;
import medinsight.analysis.TcmAnalyses;
import medinsight.catalog.DataKind;
import medinsight.mining.MiningAnalyses;
import medinsight.engine.DrugData;
import medinsight.engine.DrugTables;
import medinsight.engine.LoadReport;
import medinsight.export.ExportTable;
import medinsight.export.Exporter;
import medinsight.render.Labels;
import medinsight.restriction.RestrictionAnalyses;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one registry of {@code %drugs} commands: parsing, {@code help}, completion and the README's
 * command reference are all derived from it.
 */
public final class Commands {
  private static final Map<String, CommandSpec> COMMANDS = new LinkedHashMap<>();

  private static CommandSpec define(String name, String theme, String help, String example) {
    return define(name, theme, help, example, null, false);
  }

  private static CommandSpec define(String name, String theme, String help, String example, String argument,
      boolean required) {
    CommandSpec c = new CommandSpec(name, theme, help, example, argument, required);
    COMMANDS.put(name, c);
    return c;
  }

  private static OptionSpec top(int def) {
    return OptionSpec.integer("top", def, 1, 100_000, "显示前 N 项");
  }

  /** Options shared by mining rules and chart rules, so that the chart draws what the table lists. */
  private static OptionSpec[] ruleOptions() {
    return new OptionSpec[] {
        OptionSpec.text("by", "事务包含的属性，以逗号分隔：form,level,category,restriction,manufacturer（默认前四项）"),
        OptionSpec.number("min-support", 0.02, "最小支持度（事务占比）"),
        OptionSpec.number("min-confidence", 0.6, "最小置信度"),
        OptionSpec.integer("top-manufacturers", 20, 1, 1000, "企业属性只取产品数前 N 家")};
  }

  /** Options shared by mining clusters and chart clusters. */
  private static OptionSpec[] clusterOptions() {
    return new OptionSpec[] {
        OptionSpec.text("k", "类数，或 auto（在 2..--max-k 中按轮廓系数选择）"),
        OptionSpec.integer("max-k", 8, 2, 30, "auto 时尝试的最大 k"),
        OptionSpec.integer("seed", 42, 0, Integer.MAX_VALUE, "随机种子"),
        OptionSpec.integer("sample", 5000, 100, 1_000_000, "auto 时用于选 k 的样本量"),
        OptionSpec.integer("fit-sample", MiningAnalyses.FIT_SAMPLE, 100, 10_000_000,
            "KMeans 拟合所用产品数的上限；产品更多时在按种子抽取的样本上拟合，全部产品再按最近中心归类")};
  }

  private static DrugTables tables(CommandContext ctx) {
    return ctx.data.tables();
  }

  /** The tables with the catalog of the edition {@code --edition} names (the current one when not given). */
  static DrugTables tables(CommandContext ctx, Invocation inv) {
    DrugTables t = tables(ctx);
    Integer year = inv.integerOrNull("edition");
    if (year == null || year == t.edition) {
      return t;
    }
    DrugTables e = t.forEdition(year);
    if (e == null) {
      throw new CommandException("没有加载 " + year + " 年版目录（已加载：" + t.editions().keySet() + "）。加载：load 目录文件 --as catalog --edition " + year);
    }
    return e;
  }

  /** {@code --edition}: which loaded catalog edition an analysis reads. */
  static OptionSpec edition() {
    return OptionSpec.integer("edition", null, 2000, 2100, "目录版本年份（默认为现行版；editions 列出已加载的版本）");
  }

  static {
    define("help", "通用", "列出全部命令，或显示一个命令的用法、选项和示例", "help manufacturers diversity", "COMMAND", false)
        .handler((inv, ctx) -> help(inv.argument));
    define("tables", "通用", "列出可在 %drugs.sql 中查询的表及行数", "tables")
        .handler((inv, ctx) -> tablesInfo(ctx));
    define("load", "数据", "加载数据文件夹中的数据：官方目录（PDF、其文本或工作簿）、饮片清单（CSV）或产品清单（CSV/xlsx/Parquet，本地或 hdfs://）；"
        + "加载的表重启后仍在；load bundled --as 类型 恢复为配置的（或内置的）数据",
        "load beijing-products.csv --as products", "PATH", true)
        .option(OptionSpec.choice("as", "auto", List.of("auto", "catalog", "products", "yinpian"),
            "数据类型；auto 按文件内容识别"))
        .needsInput()
        .option(OptionSpec.integer("edition", null, 2000, 2100, "目录版本年份（加载目录时；默认取文件名中的年份，否则为现行版）"))
        .option(OptionSpec.integer("max-rejected", 20, 0, 100, "被拒绝行超过读取行数的这一百分比时不加载，现有数据保持不变"))
        .requires(AccessPolicy.Action.LOAD)
        .handler(Commands::load);
    define("quality", "数据", "数据质量报告：各来源读取/加载/拒绝行数、产品与目录的链接（已链接/多义/未链接）及类别与自付比例来源、各列缺失值、重复、清洗步骤（含未识别的列）、被拒绝的行及原因", "quality")
        .option(OptionSpec.integer("limit", 100, 1, 100_000, "最多显示的被拒绝行数"))
        .handler((inv, ctx) -> {
          DrugTables t = tables(ctx);
          return CommandOutput.of(CatalogQueries.qualitySummary(t), CatalogQueries.qualityLinks(t), CatalogQueries.qualityMissing(t),
              CatalogQueries.qualityNormalisations(t), CatalogQueries.rejected(t, inv.integer("limit")));
        });
    define("dataset", "数据", "一行说明当前数据：目录版本、各表行数与加载时间（用于看板页眉）", "dataset")
        .handler((inv, ctx) -> CommandOutput.message(CatalogQueries.datasetLine(tables(ctx), java.time.ZoneId.systemDefault())));
    define("export", "数据", "把分析结果、整张表或 SQL 查询结果完整导出为 CSV、xlsx 或 Parquet，写入部署设定的导出文件夹，不受 drugs.maxResult 限制",
        "export manufacturers-share.xlsx --command \"manufacturers share --top 100\"", "NAME", true)
        .option(OptionSpec.text("command", "要导出的分析命令，加引号，例如 \"manufacturers share --top 100\""))
        .option(OptionSpec.choice("table", null, List.of("catalog", "products", "yinpian", "rejected_rows"), "导出整张表"))
        .option(OptionSpec.text("sql", "要导出的 Spark SQL 查询（SELECT …），加引号，写在一行"))
        .option(OptionSpec.choice("format", "auto", List.of("auto", "csv", "xlsx", "parquet"), "文件格式；auto 按扩展名（.csv、.xlsx、.parquet）"))
        .option(OptionSpec.choice("overwrite", "no", List.of("yes", "no"), "目标已存在时是否覆盖"))
        .writesFiles()
        .requires(AccessPolicy.Action.EXPORT)
        .handler(Commands::export);
    define("kpi", "核心属性", "总览核心指标：条目数、品种数、甲/乙类品种占比、产品数、生产企业数、有支付限定条目占比、谈判药品品种数", "kpi")
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.kpis(tables(ctx, inv))));
    define("levels", "核心属性", "医保类别（甲/乙）分布：西药、中成药（含民族药）、谈判药品，按条目或按品种", "levels --by variety")
        .option(OptionSpec.choice("by", "entry", List.of("entry", "variety"), "按条目（目录行）或按品种计数"))
        .option(OptionSpec.choice("subtotals", "yes", List.of("yes", "no"), "是否显示小计行与合计（作图时用 no）"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.levels(tables(ctx, inv), "variety".equals(inv.text("by")),
            "yes".equals(inv.text("subtotals")))));
    define("forms", "核心属性", "各剂型的产品数、通用名数和平均自付比例", "forms --min 100")
        .option(OptionSpec.integer("min", 1, 1, Integer.MAX_VALUE, "只显示产品数不少于 N 的剂型"))
        .option(top(30))
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.forms(tables(ctx), inv.integer("min"), inv.integer("top"))));
    define("ratios", "核心属性", "各医保类别自付比例的平均值、最小值、最大值和标准差", "ratios")
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.ratios(tables(ctx))));
    define("fixed", "核心属性", "定额支付药品：按药品类型和医保类别的数量、占比与定额标准", "fixed")
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.fixed(tables(ctx))));
    define("generics", "核心属性", "产品数最多的通用名，及其生产企业数、剂型数；--by form 按通用名 × 剂型给出生产企业数（竞争格局）", "generics --top 20")
        .option(top(20))
        .option(OptionSpec.choice("by", "name", List.of("name", "form"), "name：按通用名；form：按通用名与剂型，每组的生产企业数"))
        .handler((inv, ctx) -> CommandOutput.of("form".equals(inv.text("by"))
            ? CoreAnalyses.genericsByForm(tables(ctx), inv.integer("top"))
            : CoreAnalyses.generics(tables(ctx), inv.integer("top"))));
    define("burden", "核心属性", "自付负担分档 × 医保类别：各档产品数与类别内占比", "burden --bands 0,0.1,0.3,0.6,1")
        .option(OptionSpec.numbers("bands", "0,0.1,0.3,0.6,1", "分档界点（小数或百分数），第一档含下界"))
        .handler((inv, ctx) -> {
          List<Double> b = inv.numbers("bands");
          double[] bounds = b.stream().mapToDouble(Double::doubleValue).toArray();
          try {
            return CommandOutput.of(CoreAnalyses.burden(tables(ctx), bounds));
          } catch (IllegalArgumentException e) {
            throw new CommandException("--bands：" + e.getMessage());
          }
        });
    define("matrix", "核心属性", "剂型 × 医保类别的产品数交叉表", "matrix --top 15")
        .option(top(20))
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.matrix(tables(ctx), inv.integer("top"))));
    define("categories", "核心属性", "按目录分类树（西药 ATC、中成药功能分类）逐级统计条目、品种、甲类品种和产品数",
        "categories --depth 1 --type 西药")
        .option(OptionSpec.integer("depth", 1, 1, 4, "分类层级 1–4"))
        .option(OptionSpec.choice("type", "全部", List.of("全部", "西药", "中成药"), "药品类型"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.categories(tables(ctx, inv), inv.integer("depth"),
            "全部".equals(inv.text("type")) ? null : inv.text("type"))));
    define("manufacturers share", "生产企业", "企业市场份额：产品数份额与通用名覆盖率", "manufacturers share --top 10")
        .option(top(20))
        .option(OptionSpec.choice("others", "yes", List.of("yes", "no"), "是否加一行“其他企业”合计（作图时用 no）"))
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.share(tables(ctx), inv.integer("top"),
            "yes".equals(inv.text("others")))));
    define("manufacturers portfolio", "生产企业", "头部企业产品组合：甲/乙/丙产品数、谈判药品、通用名与剂型数", "manufacturers portfolio --top 10")
        .option(top(20))
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.portfolio(tables(ctx), inv.integer("top"))));
    define("manufacturers specialization", "生产企业", "剂型专业化：主剂型及其占比，专精型/主导型/多元型", "manufacturers specialization --top 20")
        .option(top(20))
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.specialization(tables(ctx), inv.integer("top"))));
    define("manufacturers diversity", "生产企业", "剂型多样性：Shannon 指数、Simpson 指数与均匀度", "manufacturers diversity --top 20 --min-products 10")
        .option(top(20))
        .option(OptionSpec.integer("min-products", 5, 1, Integer.MAX_VALUE, "只计产品数不少于 N 的企业"))
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.diversity(tables(ctx), inv.integer("top"),
            inv.integer("min-products"))));
    define("manufacturers concentration", "生产企业", "市场集中度：CR4、CR10 与 HHI（全部及各药品类型）", "manufacturers concentration")
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.concentration(tables(ctx))));
    define("manufacturers positioning", "生产企业", "自付定位：企业平均自付比例与低/高负担产品数", "manufacturers positioning --low 0.1 --high 0.3")
        .option(top(20))
        .option(OptionSpec.number("low", 0.10, "低负担：自付比例不高于此值"))
        .option(OptionSpec.number("high", 0.30, "高负担：自付比例不低于此值"))
        .handler((inv, ctx) -> {
          if (inv.number("low") >= inv.number("high")) {
            throw new CommandException("--low 必须小于 --high");
          }
          return CommandOutput.of(ManufacturerAnalyses.positioning(tables(ctx), inv.integer("top"), inv.number("low"),
              inv.number("high")));
        });
    define("manufacturers restrictions", "生产企业", "企业产品中有支付限定（备注）的比例", "manufacturers restrictions --top 20")
        .option(top(20))
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.restrictions(tables(ctx), inv.integer("top"))));
    define("manufacturers matrix", "生产企业", "企业 × 医保类别的产品数交叉表", "manufacturers matrix --top 15")
        .option(top(20))
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.matrix(tables(ctx), inv.integer("top"))));
    define("restrictions summary", "支付限定", "有支付限定（备注）的比例：按目录部分、类别、剂型、一级分类（条目）或生产企业（产品）",
        "restrictions summary --by level")
        .option(OptionSpec.choice("by", "section", new ArrayList<>(RestrictionAnalyses.SUMMARY_BY.keySet()), "分组"))
        .option(top(30))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(RestrictionAnalyses.summary(tables(ctx, inv), inv.text("by"), inv.integer("top"))));
    define("restrictions types", "支付限定", "限定类型分布（年龄、性别、适应症、二线、机构等级、就医方式、支付疗程、险种、联用）及常见取值",
        "restrictions types")
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(RestrictionAnalyses.types(tables(ctx, inv))));
    define("restrictions keywords", "支付限定", "限定文本关键词频次（HanLP 中文分词）", "restrictions keywords --top 30")
        .option(top(30))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(RestrictionAnalyses.keywords(tables(ctx, inv), inv.integer("top"))));
    define("restrictions clusters", "支付限定", "限定文本聚类：TF-IDF + KMeans，各类的大小、主要词与示例", "restrictions clusters --k 6")
        .option(OptionSpec.integer("k", 6, 2, 50, "类数"))
        .option(OptionSpec.integer("seed", 42, 0, Integer.MAX_VALUE, "随机种子（同样输入、同样种子得到同样结果）"))
        .option(OptionSpec.integer("terms", 6, 1, 30, "每类显示的主要词数"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(RestrictionAnalyses.clusters(tables(ctx, inv), inv.integer("k"),
            inv.integer("seed"), inv.integer("terms"))));
    define("restrictions evaluate", "支付限定", "用国家医保局规则库（第3–6批）评估限定分类器的精确率与召回率", "restrictions evaluate")
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(RestrictionAnalyses.evaluate(evaluation(tables(ctx, inv)))));
    define("tcm share", "中药与颗粒", "西药、中成药（民族药单列）、中药饮片、配方颗粒按条目、品种、产品的构成", "tcm share")
        .option(OptionSpec.choice("total", "yes", List.of("yes", "no"), "是否显示合计行（作图时用 no）"))
        .handler((inv, ctx) -> CommandOutput.of(TcmAnalyses.share(tables(ctx), "yes".equals(inv.text("total")))));
    define("tcm categories", "中药与颗粒", "中成药按功能分类的条目、品种、甲类品种与产品数", "tcm categories --depth 2")
        .option(OptionSpec.integer("depth", 1, 1, 4, "分类层级 1–4"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.categories(tables(ctx, inv), inv.integer("depth"), "中成药")));
    define("tcm yinpian", "中药与颗粒", "中药饮片：单独使用不予支付（□）与可单独支付的数量，及有配方颗粒产品的饮片", "tcm yinpian")
        .handler((inv, ctx) -> CommandOutput.of(TcmAnalyses.yinpian(tables(ctx))));
    define("tcm granules", "中药与颗粒", "配方颗粒产品按生产企业：产品数、覆盖饮片数、类别与自付比例", "tcm granules --top 10")
        .option(top(20))
        .handler((inv, ctx) -> CommandOutput.of(TcmAnalyses.granules(tables(ctx), inv.integer("top"))));
    define("mining rules", "数据挖掘", "关联规则（Smile FP-growth）：由剂型、类别、分类、限定类型、头部企业构成的事务，给出支持度、置信度、提升度",
        "mining rules --min-support 0.02 --min-confidence 0.6")
        .option(ruleOptions())
        .option(OptionSpec.integer("limit", 50, 1, 100_000, "最多列出的规则数"))
        .mines()
        .handler((inv, ctx) -> CommandOutput.of(MiningAnalyses.rules(tables(ctx), ChartCommands.ruleAttributes(inv),
            inv.number("min-support"), inv.number("min-confidence"), inv.integer("top-manufacturers"), inv.integer("limit"))));
    define("mining clusters", "数据挖掘", "产品聚类（Smile KMeans，标准化特征，类别与剂型独热编码）；--k auto 按轮廓系数选 k", "mining clusters --k auto")
        .option(clusterOptions())
        .mines()
        .handler((inv, ctx) -> {
          CommandOutput o = new CommandOutput();
          o.tables.addAll(MiningAnalyses.clusters(tables(ctx), ChartCommands.clusterCount(inv), inv.integer("seed"),
              inv.integer("max-k"), inv.integer("sample"), inv.integer("fit-sample")));
          return o;
        });
    define("chart kpi", "图表", "核心指标卡片（SVG）：条目数、品种数、甲/乙类品种占比、产品数、企业数、有支付限定条目占比、谈判药品品种数",
        "chart kpi")
        .option(edition())
        .option(ChartCommands.themeOption())
        .handler(ChartCommands::kpi);
    define("chart heatmap", "图表", "剂型 × 医保类别热力图（SVG）：颜色按产品数（平方根刻度），格内写数量", "chart heatmap --top 15")
        .option(top(15))
        .option(ChartCommands.themeOption())
        .handler(ChartCommands::heatmap);
    define("chart treemap", "图表", "目录分类树图（SVG）：西药 ATC、中成药功能分类，面积按品种、产品或条目数；可嵌套第 2 级",
        "chart treemap --type 西药 --depth 2")
        .option(OptionSpec.choice("type", "全部", List.of("全部", "西药", "中成药"), "药品类型；全部 按类型分组"))
        .option(OptionSpec.integer("depth", 1, 1, 2, "分类层级：1 一级分类，2 一级分类内嵌二级分类"))
        .option(OptionSpec.choice("by", "variety", List.of("variety", "product", "entry"), "面积按品种数、产品数或条目数"))
        .option(edition())
        .option(ChartCommands.themeOption())
        .handler(ChartCommands::treemap);
    define("chart rules", "图表", "关联规则图（SVG）：项为节点（面积按支持度），规则为有向边（线宽按置信度，颜色按提升度）；选项同 mining rules",
        "chart rules --min-support 0.02 --min-confidence 0.6 --limit 30")
        .option(ruleOptions())
        .option(OptionSpec.integer("limit", 30, 1, 200, "图中最多画出的规则数（按提升度、置信度、支持度排序）"))
        .option(ChartCommands.themeOption())
        .mines()
        .handler(ChartCommands::rules);
    define("chart clusters", "图表", "产品聚类散点图（SVG）：特征的前两个主成分平面，按类着色，圆的面积为产品数；选项同 mining clusters",
        "chart clusters --k auto")
        .option(clusterOptions())
        .option(ChartCommands.themeOption())
        .mines()
        .handler(ChartCommands::clusters);
    define("editions", "版本对比", "已加载的目录版本：各版条目数与品种数（最新版本为当前 catalog 表）", "editions")
        .handler((inv, ctx) -> {
          DrugTables t = tables(ctx);
          ResultTable out = new ResultTable("目录版本").count("edition").count("entries").count("varieties").text("current");
          for (java.util.Map.Entry<Integer, org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>> e : t.editions().entrySet()) {
            org.apache.spark.sql.Row r = e.getValue().agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.countDistinct("variety_id")).first();
            out.add((long) e.getKey(), r.getLong(0), r.getLong(1), e.getKey() == t.edition ? "是" : "");
          }
          out.note("加载另一版本：load 目录.xlsx --as catalog --edition 年份；然后 diff 年份A 年份B。");
          return CommandOutput.of(out);
        });
    define("diff", "版本对比", "对比两个目录版本：新增（谈判、竞价、常规）、调出、谈判转常规、甲乙调整、支付范围调整、规范名称（按药品类型），各部分品种数核对，及变化明细",
        "diff 2024 2025", "EDITION_A EDITION_B", true)
        .option(OptionSpec.integer("limit", 500, 1, 100_000, "最多列出的变化明细"))
        .option(OptionSpec.choice("by", "change", List.of("change", "category"),
            "change：变化类型、核对与明细；category：新增与调出按一级分类（西药为 ATC 一级）"))
        .option(OptionSpec.choice("change", null, EditionDiff.KINDS, "只列出这一类变化的明细"))
        .handler(Commands::diff);
    define("negotiated", "谈判药品", "谈判与竞价药品：按协议到期年份统计，或列出某年到期的协议及支付标准", "negotiated --expiring 2026")
        .option(OptionSpec.integer("expiring", null, 2000, 2100, "列出该年到期的协议"))
        .option(OptionSpec.integer("limit", 1000, 1, 100_000, "最多列出的协议数"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.negotiated(tables(ctx, inv), inv.integerOrNull("expiring"),
            inv.integer("limit"))));
    define("commercial", "谈判药品", "商业健康保险创新药品目录（2025年，基金不予支付）：按 ATC 一级分类与协议有效期列出", "commercial")
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.commercial(tables(ctx))));
    define("lookup", "查询", "药品查询：按名称（部分匹配）、医保类别、剂型、生产企业筛选产品；商保创新药目录中的药品一并列出并标明", "lookup 阿莫西林 --level 甲", "NAME", false)
        .option(OptionSpec.choice("level", "全部", List.of("全部", "甲", "乙", "丙"), "医保类别"))
        .option(OptionSpec.text("form", "剂型（完全匹配）"))
        .option(OptionSpec.text("manufacturer", "生产企业（部分匹配）"))
        .option(OptionSpec.integer("limit", 200, 1, 100_000, "最多显示的产品数"))
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.lookup(tables(ctx), inv.argument,
            "全部".equals(inv.text("level")) ? null : inv.text("level"),
            inv.text("form"), inv.text("manufacturer"), inv.integer("limit"))));
  }

  private Commands() {}

  private static medinsight.restriction.RuleLibraryEvaluation evaluation(DrugTables t) {
    List<medinsight.restriction.RuleLibraryEvaluation.Entry> entries = new ArrayList<>();
    for (org.apache.spark.sql.Row r : t.catalog.select("variety_id", "entry_id", "names", "dosage_form", "remark").collectAsList()) {
      entries.add(new medinsight.restriction.RuleLibraryEvaluation.Entry(r.getString(0) + "/" + r.getInt(1),
          java.util.Arrays.asList(r.getString(2).split(" / ")), r.getString(3), r.getString(4)));
    }
    return medinsight.restriction.RuleLibraryEvaluation.run(entries, name -> {
      java.io.InputStream in = Commands.class.getClassLoader().getResourceAsStream("medinsight/data/nhsa-rules/" + name);
      if (in == null) {
        throw new CommandException("规则库文件 " + name + " 不在插件包中，请重新构建插件。");
      }
      return in;
    });
  }

  public static Map<String, CommandSpec> all() {
    return Collections.unmodifiableMap(COMMANDS);
  }

  /** Command names' first words, in registry order: help, tables, load, …, manufacturers, … */
  public static List<String> firstWords() {
    Set<String> out = new LinkedHashSet<>();
    for (String n : COMMANDS.keySet()) {
      out.add(n.split(" ")[0]);
    }
    return new ArrayList<>(out);
  }

  public static List<String> subcommands(String first) {
    List<String> out = new ArrayList<>();
    for (String n : COMMANDS.keySet()) {
      String[] p = n.split(" ");
      if (p.length == 2 && p[0].equals(first)) {
        out.add(p[1]);
      }
    }
    return out;
  }

  /** Finds the command the words start with; returns it and how many words its name takes. */
  static CommandSpec resolve(List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    String first = words.get(0).toLowerCase(Locale.ROOT);
    if (words.size() > 1) {
      CommandSpec two = COMMANDS.get(first + " " + words.get(1).toLowerCase(Locale.ROOT));
      if (two != null) {
        return two;
      }
    }
    return COMMANDS.get(first);
  }

  /** Parses one command line into an invocation, with every option checked and defaults filled in. */
  public static Invocation parse(String line) {
    List<String> words = Tokenizer.words(line);
    if (words.isEmpty()) {
      throw new CommandException("空命令。输入 help 查看全部命令。");
    }
    CommandSpec c = resolve(words);
    if (c == null) {
      String first = words.get(0).toLowerCase(Locale.ROOT);
      List<String> subs = subcommands(first);
      if (!subs.isEmpty()) {
        throw new CommandException(first + " 需要子命令：" + String.join("、", subs) + "。例如：" + first + " " + subs.get(0));
      }
      throw new CommandException("未知命令“" + words.get(0) + "”。" + suggest(first) + "输入 help 查看全部命令。");
    }
    int skip = c.name.split(" ").length;
    Map<String, Object> values = new LinkedHashMap<>();
    for (OptionSpec o : c.options()) {
      values.put(o.name, o.defaultValue == null || o.defaultValue.isEmpty() ? null : o.parse(o.defaultValue));
    }
    String argument = null;
    for (int i = skip; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("--") && w.length() > 2) {
        String name = w.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        OptionSpec o = c.option(name);
        if (o == null) {
          throw new CommandException(c.name + " 没有选项 --" + name + "。可用选项："
              + (c.options().isEmpty() ? "无" : String.join(" ", c.options().stream().map(x -> "--" + x.name).toArray(String[]::new)))
              + "。用法：" + c.usage());
        }
        if (value == null) {
          if (i + 1 >= words.size()) {
            throw new CommandException("--" + name + " 缺少值（" + o.typeName() + "）。用法：" + c.usage());
          }
          value = words.get(++i);
        }
        values.put(o.name, value.isEmpty() && o.type != OptionSpec.Type.TEXT ? null : o.parse(value));
      } else if (c.argument != null && argument == null) {
        argument = w;
      } else if (c.name.equals("help") || c.name.equals("diff")) {
        argument = argument + " " + w;
      } else {
        throw new CommandException("多余的参数“" + w + "”。用法：" + c.usage());
      }
    }
    if (c.argumentRequired && argument == null) {
      throw new CommandException(c.name + " 需要参数 " + c.argument + "。用法：" + c.usage() + "；示例：" + c.example);
    }
    return new Invocation(c, argument, values);
  }

  private static String suggest(String word) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String n : firstWords()) {
      int d = distance(word, n);
      if (d < bestD) {
        bestD = d;
        best = n;
      }
    }
    return best != null && bestD <= 3 ? "是否想输入 " + best + "？" : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static CommandOutput help(String command) {
    if (command == null) {
      ResultTable t = new ResultTable("命令").text("command").text("description").text("example");
      for (CommandSpec c : COMMANDS.values()) {
        t.add(c.name, c.help, c.example);
      }
      t.note("help 命令名 查看选项，例如 help manufacturers diversity。%drugs.sql 可对同一批表执行 Spark SQL（tables 列出表）。");
      return CommandOutput.of(t);
    }
    List<String> words = Tokenizer.words(command);
    CommandSpec c = resolve(words);
    if (c == null && words.size() == 1) {
      List<String> subs = subcommands(words.get(0));
      if (!subs.isEmpty()) {
        ResultTable t = new ResultTable("子命令").text("command").text("description").text("example");
        for (String s : subs) {
          CommandSpec sc = COMMANDS.get(words.get(0) + " " + s);
          t.add(sc.name, sc.help, sc.example);
        }
        return CommandOutput.of(t);
      }
    }
    if (c == null) {
      throw new CommandException("没有命令“" + command + "”。输入 help 查看全部命令。");
    }
    ResultTable t = new ResultTable(c.name).text("option").text("type").text("default").text("description");
    for (OptionSpec o : c.options()) {
      t.add("--" + o.name, o.typeName(), o.defaultValue == null ? "" : o.defaultValue, o.help);
    }
    CommandOutput out = c.options().isEmpty() ? new CommandOutput() : CommandOutput.of(t);
    out.message = c.name + " — " + c.help + "\n用法：" + c.usage() + "\n示例：" + c.example;
    return out;
  }

  private static List<EditionDiff.Row> diffRows(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> catalog) {
    List<EditionDiff.Row> out = new ArrayList<>();
    for (org.apache.spark.sql.Row r : catalog.select("section", "medicine_type", "variety_id", "repeat_of", "name", "level",
        "part", "remark", "cat1_code", "cat1_name").collectAsList()) {
      out.add(new EditionDiff.Row(r.getString(0), r.getString(1), r.getString(2), !r.isNullAt(3), r.getString(4),
          r.getString(5), !"常规目录".equals(r.getString(6)), r.getString(7),
          r.isNullAt(8) ? null : (r.getString(8) + " " + (r.isNullAt(9) ? "" : r.getString(9))).trim()));
    }
    return out;
  }

  private static CommandOutput diff(Invocation inv, CommandContext ctx) {
    String[] years = inv.argument.trim().split("\\s+");
    if (years.length != 2) {
      throw new CommandException("diff 需要两个版本年份，例如：diff 2023 2024");
    }
    DrugTables t = tables(ctx);
    int[] y = new int[2];
    for (int i = 0; i < 2; i++) {
      try {
        y[i] = Integer.parseInt(years[i]);
      } catch (NumberFormatException e) {
        throw new CommandException("版本应为年份，而不是“" + years[i] + "”");
      }
      if (!t.editions().containsKey(y[i])) {
        throw new CommandException("没有加载 " + y[i] + " 年版目录。已加载：" + t.editions().keySet()
            + "。先加载：load 路径.xlsx --as catalog --edition " + y[i]);
      }
    }
    EditionDiff.Result r = EditionDiff.compare(diffRows(t.editions().get(y[0])), diffRows(t.editions().get(y[1])));
    if ("category".equals(inv.text("by"))) {
      return CommandOutput.of(EditionDiff.byCategory(r.changes, y[0], y[1]));
    }
    String only = inv.text("change");
    if (only != null) {
      return CommandOutput.of(EditionDiff.details(r.changes.stream().filter(c -> c.change.equals(only))
          .collect(java.util.stream.Collectors.toList()),
          inv.integer("limit")));
    }
    return CommandOutput.of(EditionDiff.summary(r.changes, y[0], y[1]), EditionDiff.reconciliation(r, y[0], y[1]),
        EditionDiff.details(r.changes, inv.integer("limit")));
  }

  private static CommandOutput tablesInfo(CommandContext ctx) {
    DrugTables t = tables(ctx);
    ResultTable out = new ResultTable("表").text("table").count("rows").text("description");
    java.util.function.Function<String, Long> loaded = k -> t.reports().containsKey(k) ? t.reports().get(k).loaded : 0L;
    long rejected = t.reports().values().stream().mapToLong(r -> r.rejected).sum();
    out.add("catalog", loaded.apply("catalog@" + t.edition), "目录条目，每行一个（" + t.edition + " 年版；含谈判、竞价药品）");
    out.add("products", loaded.apply("products"), "产品清单，每行一个产品（企业 × 规格）");
    out.add("yinpian", loaded.apply("yinpian"), "基金支付的中药饮片");
    out.add("rejected_rows", rejected, "未能加载的行，含来源行号与原因");
    out.add("catalog_all", t.editions().keySet().stream().mapToLong(y -> loaded.apply("catalog@" + y)).sum(),
        "已加载的各版目录（edition 列区分版本：" + t.editions().keySet() + "）");
    out.add("commercial", (long) medinsight.catalog.CommercialList.drugs().size(), "商业健康保险创新药品目录（2025年），基金不予支付");
    out.note("列说明：%drugs.sql describe catalog");
    return CommandOutput.of(out);
  }

  /** {@code load bundled --as KIND}: back to the configured (or bundled) source of a kind. */
  static final String BUNDLED_ARGUMENT = "bundled";

  private static CommandOutput load(Invocation inv, CommandContext ctx) {
    String as = inv.text("as");
    DataKind kind = "auto".equals(as) ? null : DataKind.valueOf(as.toUpperCase(Locale.ROOT));
    Integer year = inv.integerOrNull("edition");
    if (BUNDLED_ARGUMENT.equals(inv.argument.trim())) {
      if (kind == null) {
        throw new CommandException("load bundled 需要 --as catalog|products|yinpian，说明恢复哪一类数据。");
      }
      LoadReport r = ctx.data.reset(kind, year, ctx.cancelled);
      return CommandOutput.message(String.format("已恢复为%s %s：加载 %d 行，拒绝 %d 行。此前加载的数据不再在重启后恢复。",
          kind == DataKind.CATALOG ? (year == null ? "现行版" : year + " 年版") + "目录" : kind == DataKind.PRODUCTS ? "产品清单"
              : "饮片清单", r.source, r.loaded, r.rejected));
    }
    String path = ctx.policy.source(inv.argument, DrugData.BUNDLED);
    int edition = year == null ? DrugData.editionOf(path) : year;
    boolean replaces = tables(ctx).editions().containsKey(edition);
    LoadReport r = ctx.data.load(path, kind, edition, inv.integer("max-rejected") / 100.0, ctx.cancelled);
    String label = r.kind == DataKind.CATALOG ? edition + " 年版目录" : r.kind == DataKind.PRODUCTS ? "产品清单" : "饮片清单";
    return CommandOutput.message(String.format("已加载%s %s：读取 %d 行，加载 %d 行，拒绝 %d 行%s，用时 %.1f 秒。%s",
        label, r.source, r.read, r.loaded, r.rejected,
        r.rejected > 0 ? "（原因见 quality 或 rejected_rows 表）" : "", r.millis / 1000.0,
        r.kind == DataKind.CATALOG && replaces ? "已替换此前加载的 " + edition + " 年版。" : ""));
  }

  private static String given(Invocation inv, String option) {
    String v = inv.text(option);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * {@code export}: an analysis (parsed and checked like any command, every row it gives, not cut
   * at drugs.maxResult), a whole table, or a query, written to a file. The target is checked
   * first, so a mistyped path fails before any work.
   */
  private static CommandOutput export(Invocation inv, CommandContext ctx) {
    String command = given(inv, "command");
    String table = given(inv, "table");
    String sql = given(inv, "sql");
    if ((command == null ? 0 : 1) + (table == null ? 0 : 1) + (sql == null ? 0 : 1) != 1) {
      throw new CommandException("export 需要 --command、--table、--sql 三者之一（只给一个）。示例：" + inv.command.example);
    }
    DrugTables t = tables(ctx);
    Exporter exporter = new Exporter(ctx.data.spark(), ctx.cancelled, ctx.progress);
    String where = ctx.policy.exportTarget(inv.argument);
    try (Exporter.Target target = exporter.target(where, inv.text("format"), "yes".equals(inv.text("overwrite")),
        ctx.policy.exportsConfined() ? ctx.policy.exportRootUri() : null)) {
      List<ExportTable> out = new ArrayList<>();
      if (command != null) {
        Invocation inner;
        try {
          inner = parse(command);
        } catch (CommandException e) {
          throw new CommandException("--command：" + e.getMessage());
        }
        if (inner.command.writesToFiles() || inner.command.name.equals("load")) {
          throw new CommandException("--command 应为分析命令，不能是 " + inner.command.name);
        }
        ctx.policy.require(ctx.caller, inner.command.action());
        CommandOutput result = inner.command.handler().run(inner, ctx);
        if (result.tables.isEmpty()) {
          throw new CommandException("“" + command + "”没有表格结果，无法导出");
        }
        for (ResultTable r : result.tables) {
          out.add(ExportTable.of(r, ctx.lang));
        }
      } else if (table != null) {
        Dataset<Row> df = "catalog".equals(table) ? t.catalog : "products".equals(table) ? t.products
            : "yinpian".equals(table) ? t.yinpian : t.rejected;
        out.add(ExportTable.of(table, df != null ? df : ctx.data.spark().table(table)));
      } else {
        out.add(ExportTable.of(ctx.lang == Labels.Lang.EN ? "query" : "查询结果", query(ctx, sql)));
      }
      return CommandOutput.message(exporter.write(target, out));
    }
  }

  /**
   * A query over the same tables as %drugs.sql, in the caller's own session, held to the same
   * rules ({@link SqlGuard}): read-only queries over the tables, and only queries here.
   */
  private static Dataset<Row> query(CommandContext ctx, String sql) {
    String q = sql.replaceAll(";\\s*$", "").trim();
    org.apache.spark.sql.SparkSession session = ctx.userSession.get();
    org.apache.spark.sql.catalyst.plans.logical.LogicalPlan plan = SqlGuard.check(session, q, DrugTables.NAMES);
    if (!SqlGuard.isQuery(plan)) {
      throw new CommandException("--sql 只能是查询（SELECT、WITH …），而不是“" + (q.length() > 40 ? q.substring(0, 40) + "…" : q) + "”");
    }
    try {
      return Dataset.ofRows(session, plan);
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        throw new CommandException("SQL 错误：" + ((AnalysisException) e).getSimpleMessage().split("\n")[0]
            + "（%drugs tables 列出可查询的表）");
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new CommandException("SQL 错误：" + e.getMessage());
    }
  }

  /** Markdown command reference for the README, generated from this registry. */
  public static String reference() {
    StringBuilder b = new StringBuilder();
    String theme = null;
    for (CommandSpec c : COMMANDS.values()) {
      if (!c.theme.equals(theme)) {
        theme = c.theme;
        b.append("\n#### ").append(theme).append("\n\n");
      }
      b.append("- `").append(c.usage()).append("` — ").append(c.help).append(". e.g. `%drugs ").append(c.example).append("`\n");
      for (OptionSpec o : c.options()) {
        b.append("  - `--").append(o.name).append("` (").append(o.typeName())
            .append(o.defaultValue == null || o.defaultValue.isEmpty() ? "" : ", default `" + o.defaultValue + "`")
            .append("): ").append(o.help).append('\n');
      }
    }
    return b.toString();
  }

  /** Prints the reference, for regenerating the README section. */
  public static void main(String[] args) {
    System.out.print(reference());
  }
}
