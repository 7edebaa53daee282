package medinsight.command;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import medinsight.access.AccessPolicy;
import medinsight.analysis.CatalogQueries;
import medinsight.analysis.CoreAnalyses;
import medinsight.analysis.DrugHistory;
import medinsight.analysis.EditionDiff;
import medinsight.analysis.ManufacturerAnalyses;
import medinsight.analysis.TcmAnalyses;
import medinsight.engine.DrugTables;
import medinsight.mining.MiningAnalyses;
import medinsight.restriction.RestrictionAnalyses;

/**
 * The one registry of {@code %drugs} commands: each command's name, theme, help, example, options,
 * flags and handler. Parsing ({@link CommandParser}), {@code help} and the README's command
 * reference ({@link Help}) and completion ({@link Completer}) are derived from it; a handler only
 * reads its options and calls the analysis, engine or service that does the work.
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
    return ctx.tables;
  }

  /** The tables with the catalog of the edition {@code --edition} names (the current one when not given). */
  static DrugTables tables(CommandContext ctx, Invocation inv) {
    DrugTables t = ctx.tables;
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
        .argumentIsRest()
        .uncached()
        .handler((inv, ctx) -> Help.help(inv.argument));
    define("tables", "通用", "列出可在 %drugs.sql 中查询的表及行数", "tables")
        .uncached()
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.tables(tables(ctx))));
    define("load", "数据", "加载数据文件夹中的数据：官方目录（PDF、其文本或工作簿）、饮片清单（CSV）或产品清单（CSV/xlsx/Parquet，本地或 hdfs://）；"
        + "加载的表重启后仍在；load bundled --as 类型 恢复为配置的（或内置的）数据",
        "load beijing-products.csv --as products", "PATH", true)
        .option(OptionSpec.choice("as", "auto", List.of("auto", "catalog", "products", "yinpian"),
            "数据类型；auto 按文件内容识别"))
        .needsInput()
        .option(OptionSpec.integer("edition", null, 2000, 2100, "目录版本年份（加载目录时；默认取文件名中的年份，否则为现行版）"))
        .option(OptionSpec.integer("max-rejected", 20, 0, 100, "被拒绝行超过读取行数的这一百分比时不加载，现有数据保持不变"))
        .changesData()
        .requires(AccessPolicy.Action.LOAD)
        .handler(DataCommands::load);
    define("quality", "数据", "数据质量报告：各来源读取/加载/拒绝行数、产品与目录的链接（已链接/多义/未链接）及类别与自付比例来源、各列缺失值、重复、清洗步骤（含未识别的列）、被拒绝的行及原因、无法读取而置为未知的字段", "quality")
        .option(OptionSpec.integer("limit", 100, 1, 100_000, "最多显示的被拒绝行数与置为未知的字段数"))
        .uncached()
        .handler((inv, ctx) -> {
          DrugTables t = tables(ctx);
          return CommandOutput.of(CatalogQueries.qualitySummary(t), CatalogQueries.qualityLinks(t), CatalogQueries.qualityMissing(t),
              CatalogQueries.qualityNormalisations(t), CatalogQueries.rejected(t, inv.integer("limit")),
              CatalogQueries.quarantinedCounts(t), CatalogQueries.quarantined(t, inv.integer("limit")));
        });
    define("dataset", "数据", "一行说明当前数据：目录版本、各表行数与加载时间（用于看板页眉）", "dataset")
        .handler((inv, ctx) -> CommandOutput.message(CatalogQueries.datasetLine(tables(ctx), ZoneId.systemDefault())));
    define("export", "数据", "把分析结果、整张表或 SQL 查询结果完整导出为 CSV、xlsx 或 Parquet，写入部署设定的导出文件夹，不受 drugs.maxResult 限制",
        "export manufacturers-share.xlsx --command \"manufacturers share --top 100\"", "NAME", true)
        .option(OptionSpec.text("command", "要导出的分析命令，加引号，例如 \"manufacturers share --top 100\""))
        .option(OptionSpec.choice("table", null, List.of("catalog", "products", "yinpian", "rejected_rows", "quarantined_fields"), "导出整张表"))
        .option(OptionSpec.text("sql", "要导出的 Spark SQL 查询（SELECT …），加引号，写在一行"))
        .option(OptionSpec.choice("format", "auto", List.of("auto", "csv", "xlsx", "parquet"), "文件格式；auto 按扩展名（.csv、.xlsx、.parquet）"))
        .option(OptionSpec.choice("overwrite", "no", List.of("yes", "no"), "目标已存在时是否覆盖"))
        .writesFiles()
        .requires(AccessPolicy.Action.EXPORT)
        .handler(DataCommands::export);
    define("kpi", "核心属性", "总览核心指标：条目数、品种数、甲/乙类品种占比、产品数、生产企业数、有支付限定条目占比、谈判药品品种数", "kpi")
        .option(edition())
        .fromProducts()
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
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.forms(tables(ctx), inv.integer("min"), inv.integer("top"))));
    define("ratios", "核心属性", "各医保类别自付比例的平均值、最小值、最大值和标准差", "ratios")
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.ratios(tables(ctx))));
    define("fixed", "核心属性", "定额支付药品：按药品类型和医保类别的数量、占比与定额标准", "fixed")
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.fixed(tables(ctx))));
    define("generics", "核心属性", "产品数最多的通用名，及其生产企业数、剂型数；--by form 按通用名 × 剂型给出生产企业数（竞争格局）", "generics --top 20")
        .option(top(20))
        .option(OptionSpec.choice("by", "name", List.of("name", "form"), "name：按通用名；form：按通用名与剂型，每组的生产企业数"))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of("form".equals(inv.text("by"))
            ? CoreAnalyses.genericsByForm(tables(ctx), inv.integer("top"))
            : CoreAnalyses.generics(tables(ctx), inv.integer("top"))));
    define("burden", "核心属性", "自付负担分档 × 医保类别：各档产品数与类别内占比", "burden --bands 0,0.1,0.3,0.6,1")
        .option(OptionSpec.numbers("bands", "0,0.1,0.3,0.6,1", "分档界点（小数或百分数），第一档含下界"))
        .fromProducts()
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
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.matrix(tables(ctx), inv.integer("top"))));
    define("categories", "核心属性", "按目录分类树（西药 ATC、中成药功能分类）逐级统计条目、品种、甲类品种和产品数",
        "categories --depth 1 --type 西药")
        .option(OptionSpec.integer("depth", 1, 1, 4, "分类层级 1–4"))
        .option(OptionSpec.choice("type", "全部", List.of("全部", "西药", "中成药"), "药品类型"))
        .option(edition())
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.categories(tables(ctx, inv), inv.integer("depth"),
            "全部".equals(inv.text("type")) ? null : inv.text("type"))));
    define("manufacturers share", "生产企业", "企业市场份额：产品数份额与通用名覆盖率", "manufacturers share --top 10")
        .option(top(20))
        .option(OptionSpec.choice("others", "yes", List.of("yes", "no"), "是否加一行“其他企业”合计（作图时用 no）"))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.share(tables(ctx), inv.integer("top"),
            "yes".equals(inv.text("others")))));
    define("manufacturers portfolio", "生产企业", "头部企业产品组合：甲/乙/丙产品数、谈判药品、通用名与剂型数", "manufacturers portfolio --top 10")
        .option(top(20))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.portfolio(tables(ctx), inv.integer("top"))));
    define("manufacturers specialization", "生产企业", "剂型专业化：主剂型及其占比，专精型/主导型/多元型", "manufacturers specialization --top 20")
        .option(top(20))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.specialization(tables(ctx), inv.integer("top"))));
    define("manufacturers diversity", "生产企业", "剂型多样性：Shannon 指数、Simpson 指数与均匀度", "manufacturers diversity --top 20 --min-products 10")
        .option(top(20))
        .option(OptionSpec.integer("min-products", 5, 1, Integer.MAX_VALUE, "只计产品数不少于 N 的企业"))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.diversity(tables(ctx), inv.integer("top"),
            inv.integer("min-products"))));
    define("manufacturers concentration", "生产企业", "市场集中度：CR4、CR10 与 HHI（全部及各药品类型）", "manufacturers concentration")
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.concentration(tables(ctx))));
    define("manufacturers positioning", "生产企业", "自付定位：企业平均自付比例与低/高负担产品数", "manufacturers positioning --low 0.1 --high 0.3")
        .option(top(20))
        .option(OptionSpec.number("low", 0.10, "低负担：自付比例不高于此值"))
        .option(OptionSpec.number("high", 0.30, "高负担：自付比例不低于此值"))
        .fromProducts()
        .handler((inv, ctx) -> {
          if (inv.number("low") >= inv.number("high")) {
            throw new CommandException("--low 必须小于 --high");
          }
          return CommandOutput.of(ManufacturerAnalyses.positioning(tables(ctx), inv.integer("top"), inv.number("low"),
              inv.number("high")));
        });
    define("manufacturers restrictions", "生产企业", "企业产品中有支付限定（备注）的比例", "manufacturers restrictions --top 20")
        .option(top(20))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.restrictions(tables(ctx), inv.integer("top"))));
    define("manufacturers matrix", "生产企业", "企业 × 医保类别的产品数交叉表", "manufacturers matrix --top 15")
        .option(top(20))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.matrix(tables(ctx), inv.integer("top"))));
    define("manufacturers exclusive", "生产企业", "独家品种（通用名 × 剂型只有一家企业生产）：列出品种及其企业，或按医保类别、一级分类、企业统计",
        "manufacturers exclusive --by level")
        .option(OptionSpec.choice("by", "list", ManufacturerAnalyses.EXCLUSIVE_BY,
            "list：独家品种及其企业、类别、一级分类；level、category：各医保类别、一级分类的通用名×剂型数、独家品种数与占比；manufacturer：独家品种最多的企业"))
        .option(top(50))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(ManufacturerAnalyses.exclusive(tables(ctx), inv.text("by"), inv.integer("top"))));
    define("restrictions summary", "支付限定", "有支付限定（备注）的比例：按目录部分、类别、剂型、一级分类（条目）或生产企业（产品）",
        "restrictions summary --by level")
        .option(OptionSpec.choice("by", "section", new ArrayList<>(RestrictionAnalyses.SUMMARY_BY.keySet()), "分组"))
        .option(top(30))
        .option(edition())
        .fromProducts(inv -> "manufacturer".equals(inv.text("by")))
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
        .handler((inv, ctx) -> CommandOutput.of(RestrictionAnalyses.evaluate(tables(ctx, inv))));
    define("tcm share", "中药与颗粒", "西药、中成药（民族药单列）、中药饮片、配方颗粒按条目、品种、产品的构成", "tcm share")
        .option(OptionSpec.choice("total", "yes", List.of("yes", "no"), "是否显示合计行（作图时用 no）"))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(TcmAnalyses.share(tables(ctx), "yes".equals(inv.text("total")))));
    define("tcm categories", "中药与颗粒", "中成药按功能分类的条目、品种、甲类品种与产品数", "tcm categories --depth 2")
        .option(OptionSpec.integer("depth", 1, 1, 4, "分类层级 1–4"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CoreAnalyses.categories(tables(ctx, inv), inv.integer("depth"), "中成药")));
    define("tcm yinpian", "中药与颗粒", "中药饮片：单独使用不予支付（□）与可单独支付的数量，及有配方颗粒产品的饮片", "tcm yinpian")
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(TcmAnalyses.yinpian(tables(ctx))));
    define("tcm granules", "中药与颗粒", "配方颗粒产品按生产企业：产品数、覆盖饮片数、类别与自付比例", "tcm granules --top 10")
        .option(top(20))
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(TcmAnalyses.granules(tables(ctx), inv.integer("top"))));
    define("mining rules", "数据挖掘", "关联规则（Smile FP-growth）：由剂型、类别、分类、限定类型、头部企业构成的事务，给出支持度、置信度、提升度",
        "mining rules --min-support 0.02 --min-confidence 0.6")
        .option(ruleOptions())
        .option(OptionSpec.integer("limit", 50, 1, 100_000, "最多列出的规则数"))
        .mines()
        .fromProducts()
        .handler((inv, ctx) -> CommandOutput.of(MiningAnalyses.rules(tables(ctx), ChartCommands.ruleAttributes(inv),
            inv.number("min-support"), inv.number("min-confidence"), inv.integer("top-manufacturers"), inv.integer("limit"))));
    define("mining clusters", "数据挖掘", "产品聚类（Smile KMeans，标准化特征，类别与剂型独热编码）；--k auto 按轮廓系数选 k", "mining clusters --k auto")
        .option(clusterOptions())
        .mines()
        .fromProducts()
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
        .fromProducts()
        .handler(ChartCommands::kpi);
    define("chart heatmap", "图表", "剂型 × 医保类别热力图（SVG）：颜色按产品数（平方根刻度），格内写数量", "chart heatmap --top 15")
        .option(top(15))
        .option(ChartCommands.themeOption())
        .fromProducts()
        .handler(ChartCommands::heatmap);
    define("chart treemap", "图表", "目录分类树图（SVG）：西药 ATC、中成药功能分类，面积按品种、产品或条目数；可嵌套第 2 级",
        "chart treemap --type 西药 --depth 2")
        .option(OptionSpec.choice("type", "全部", List.of("全部", "西药", "中成药"), "药品类型；全部 按类型分组"))
        .option(OptionSpec.integer("depth", 1, 1, 2, "分类层级：1 一级分类，2 一级分类内嵌二级分类"))
        .option(OptionSpec.choice("by", "variety", List.of("variety", "product", "entry"), "面积按品种数、产品数或条目数"))
        .option(edition())
        .option(ChartCommands.themeOption())
        .fromProducts(inv -> "product".equals(inv.text("by")))
        .handler(ChartCommands::treemap);
    define("chart rules", "图表", "关联规则图（SVG）：项为节点（面积按支持度），规则为有向边（线宽按置信度，颜色按提升度）；选项同 mining rules",
        "chart rules --min-support 0.02 --min-confidence 0.6 --limit 30")
        .option(ruleOptions())
        .option(OptionSpec.integer("limit", 30, 1, 200, "图中最多画出的规则数（按提升度、置信度、支持度排序）"))
        .option(ChartCommands.themeOption())
        .mines()
        .fromProducts()
        .handler(ChartCommands::rules);
    define("chart clusters", "图表", "产品聚类散点图（SVG）：特征的前两个主成分平面，按类着色，圆的面积为产品数；选项同 mining clusters",
        "chart clusters --k auto")
        .option(clusterOptions())
        .option(ChartCommands.themeOption())
        .mines()
        .fromProducts()
        .handler(ChartCommands::clusters);
    define("editions", "版本对比", "已加载的目录版本：各版条目数与品种数（最新版本为当前 catalog 表）", "editions")
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.editions(tables(ctx))));
    define("diff", "版本对比", "对比两个目录版本：新增（谈判、竞价、常规）、调出、谈判转常规、甲乙调整、支付范围调整、规范名称（按药品类型），各部分品种数核对，及变化明细",
        "diff 2024 2025", "EDITION_A EDITION_B", true)
        .argumentIsRest()
        .option(OptionSpec.integer("limit", 500, 1, 100_000, "最多列出的变化明细"))
        .option(OptionSpec.choice("by", "change", List.of("change", "category"),
            "change：变化类型、核对与明细；category：新增与调出按一级分类（西药为 ATC 一级）"))
        .option(OptionSpec.choice("change", null, EditionDiff.KINDS, "只列出这一类变化的明细"))
        .handler(DataCommands::diff);
    define("history", "版本对比", "药品历史：一个药品在已加载各版目录中的目录部分、编号、类别、剂型、备注、支付标准与协议期，"
        + "及每版相对上一版的变化（名称调整的药品连在一起；备注调整列出增删的条款）", "history 司美格鲁肽", "NAME", true)
        .option(OptionSpec.integer("limit", 20, 1, 1000, "最多列出的药品数（名称匹配多个药品时）"))
        .handler((inv, ctx) -> CommandOutput.of(DrugHistory.of(tables(ctx), inv.argument, inv.integer("limit"))));
    define("negotiated", "谈判药品", "谈判与竞价药品：按协议到期年份统计，或列出某年到期的协议及支付标准", "negotiated --expiring 2026")
        .option(OptionSpec.integer("expiring", null, 2000, 2100, "列出该年到期的协议"))
        .option(OptionSpec.integer("limit", 1000, 1, 100_000, "最多列出的协议数"))
        .option(edition())
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.negotiated(tables(ctx, inv), inv.integerOrNull("expiring"),
            inv.integer("limit"))));
    define("negotiated renewals", "谈判药品", "续约的谈判药品：两版都在谈判/竞价部分的药品（续约或仍在协议期内），两版的支付标准及变化（两版都公布且单位相同时），"
        + "按一级分类的续约数、可比数、平均变化与保密价格数", "negotiated renewals")
        .option(OptionSpec.integer("from", null, 2000, 2100, "前一版（默认：当前版本的上一版）"))
        .option(OptionSpec.integer("to", null, 2000, 2100, "后一版（默认：当前版本）"))
        .option(OptionSpec.integer("limit", 1000, 1, 100_000, "最多列出的药品数"))
        .handler(DataCommands::renewals);
    define("commercial", "谈判药品", "商业健康保险创新药品目录（2025年，基金不予支付）：按 ATC 一级分类与协议有效期列出", "commercial")
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.commercial(tables(ctx))));
    define("lookup", "查询", "药品查询：先列现行目录、饮片与商保创新药目录中名称匹配的条目（完全相同、开头相同、包含，附支付标准、协议期与上一版以来的变化），再按名称、医保类别、剂型、生产企业筛选产品", "lookup 阿莫西林 --level 甲", "NAME", false)
        .option(OptionSpec.choice("level", "全部", List.of("全部", "甲", "乙", "丙"), "医保类别"))
        .option(OptionSpec.text("form", "剂型（完全匹配）"))
        .option(OptionSpec.text("manufacturer", "生产企业（部分匹配）"))
        .option(OptionSpec.integer("limit", 200, 1, 100_000, "最多显示的产品数"))
        .handler((inv, ctx) -> CommandOutput.of(CatalogQueries.lookup(tables(ctx), inv.argument,
            "全部".equals(inv.text("level")) ? null : inv.text("level"),
            inv.text("form"), inv.text("manufacturer"), inv.integer("limit"), tables(ctx).syntheticProducts())));
  }

  private Commands() {}

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
}
