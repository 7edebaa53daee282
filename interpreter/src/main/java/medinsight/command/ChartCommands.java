package medinsight.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medinsight.analysis.CoreAnalyses;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import medinsight.mining.ClusterPlane;
import medinsight.mining.MiningAnalyses;
import medinsight.mining.Rules;
import medinsight.render.Labels;
import medinsight.render.TableRenderer;
import medinsight.render.svg.ClusterScatter;
import medinsight.render.svg.Heatmap;
import medinsight.render.svg.KpiCards;
import medinsight.render.svg.RuleGraph;
import medinsight.render.svg.Theme;
import medinsight.render.svg.Treemap;

/**
 * The {@code chart} commands: the same analyses as the table commands, drawn as script-free SVG
 * for the charts Zeppelin does not have (cards, heatmap, treemap, rule graph, cluster map).
 */
final class ChartCommands {
  /** Attributes of rules in the order they go round the graph. */
  static final List<String> RULE_KINDS = List.of("剂型", "类别", "分类", "限定", "企业");

  private ChartCommands() {}

  static OptionSpec themeOption() {
    return OptionSpec.choice("theme", "light", List.of("light", "dark"),
        "配色：light 用于 Zeppelin 的浅色页面，dark 用于深色大屏（背景均透明）");
  }

  private static Theme theme(Invocation inv) {
    return Theme.parse(inv.text("theme"));
  }

  static CommandOutput kpi(Invocation inv, CommandContext ctx) {
    return CommandOutput.html(KpiCards.render(CoreAnalyses.kpis(Commands.tables(ctx, inv)), ctx.lang, theme(inv)));
  }

  static CommandOutput heatmap(Invocation inv, CommandContext ctx) {
    ResultTable m = CoreAnalyses.matrix(ctx.tables, inv.integer("top"));
    return CommandOutput.html(Heatmap.render(Heatmap.fromMatrix(m, ctx.lang), ctx.lang, theme(inv)));
  }

  /** The column of {@code categories} that a {@code --by} choice sizes the tiles by. */
  static String measure(String by) {
    switch (by) {
      case "product": return "products";
      case "entry": return "entries";
      default: return "varieties";
    }
  }

  static CommandOutput treemap(Invocation inv, CommandContext ctx) {
    DrugTables t = Commands.tables(ctx, inv);
    String type = "全部".equals(inv.text("type")) ? null : inv.text("type");
    int depth = inv.integer("depth");
    String key = measure(inv.text("by"));
    ResultTable l1 = CoreAnalyses.categories(t, 1, type);
    ResultTable l2 = depth == 2 ? CoreAnalyses.categories(t, 2, type) : null;
    String label = Labels.of(key, ctx.lang);
    Treemap.Node root = tree(l1, l2, key, type);
    List<String> notes = new ArrayList<>();
    notes.add(Labels.text("chart.treemap.area_note", ctx.lang, label.toLowerCase(Locale.ROOT)));
    if (depth == 2) {
      notes.add(Labels.text("chart.treemap.nested_note", ctx.lang));
    }
    String title = Labels.text("chart.treemap.title", ctx.lang) + (type == null ? "" : "：" + type);
    return CommandOutput.html(Treemap.render(root, title, label, notes, ctx.lang, theme(inv)));
  }

  /**
   * The category tree from the {@code categories} tables: first level, the second level nested by
   * code prefix when given; under their medicine type when {@code type} is null (all types).
   */
  static Treemap.Node tree(ResultTable l1, ResultTable l2, String key, String type) {
    boolean byType = type == null;
    Treemap.Node root = new Treemap.Node(byType ? "" : type, 0);
    Map<String, Treemap.Node> types = new LinkedHashMap<>();
    for (Object[] r : l1.rows()) {
      String medicineType = (String) r[l1.index("medicine_type")];
      String code = (String) r[l1.index("category_code")];
      Treemap.Node cat = new Treemap.Node((String) r[l1.index("category_name")], ((Number) r[l1.index(key)]).doubleValue());
      if (l2 != null) {
        for (Object[] c : l2.rows()) {
          String code2 = (String) c[l2.index("category_code")];
          if (medicineType.equals(c[l2.index("medicine_type")]) && code2.startsWith(code)) {
            cat.add(new Treemap.Node((String) c[l2.index("category_name")], ((Number) c[l2.index(key)]).doubleValue()));
          }
        }
      }
      if (byType) {
        types.computeIfAbsent(medicineType, k -> new Treemap.Node(k, 0)).add(cat);
      } else {
        root.add(cat);
      }
    }
    types.values().forEach(root::add);
    return root;
  }

  /** The attribute list of {@code --by} for rules, checked. */
  static List<String> ruleAttributes(Invocation inv) {
    List<String> by = inv.text("by") == null || inv.text("by").isBlank() ? List.of("form", "level", "category", "restriction")
        : Arrays.asList(inv.text("by").split("[,，]"));
    List<String> out = new ArrayList<>();
    for (String b : by) {
      if (!MiningAnalyses.ATTRIBUTES.contains(b.trim())) {
        throw new CommandException("--by 的属性应为 " + String.join("、", MiningAnalyses.ATTRIBUTES) + "，而不是“" + b + "”");
      }
      out.add(b.trim());
    }
    double s = inv.number("min-support");
    double c = inv.number("min-confidence");
    if (!(s > 0 && s <= 1) || !(c > 0 && c <= 1)) {
      throw new CommandException("--min-support 与 --min-confidence 应在 (0, 1] 之间");
    }
    return out;
  }

  static CommandOutput rules(Invocation inv, CommandContext ctx) {
    List<String> by = ruleAttributes(inv);
    MiningAnalyses.RuleSet set = MiningAnalyses.ruleSet(ctx.tables, by, inv.number("min-support"),
        inv.number("min-confidence"), inv.integer("top-manufacturers"));
    int limit = inv.integer("limit");
    List<RuleGraph.Rule> shown = new ArrayList<>();
    for (Rules.Rule r : set.rules.subList(0, Math.min(limit, set.rules.size()))) {
      shown.add(new RuleGraph.Rule(r.antecedent, r.consequent, r.support, r.confidence, r.lift));
    }
    List<String> notes = new ArrayList<>();
    notes.add(set.note);
    if (set.rules.size() > limit) {
      notes.add(Labels.text("chart.rules.more", ctx.lang, set.rules.size(), limit));
    }
    return CommandOutput.html(RuleGraph.render(shown, set.itemSupport, RULE_KINDS, notes, ctx.lang, theme(inv)));
  }

  /** {@code --k}: a number of clusters, or null for automatic choice. */
  static Integer clusterCount(Invocation inv) {
    String k = inv.text("k") == null || inv.text("k").isBlank() ? "auto" : inv.text("k").trim();
    if ("auto".equalsIgnoreCase(k)) {
      return null;
    }
    int kk;
    try {
      kk = Integer.parseInt(k);
    } catch (NumberFormatException e) {
      throw new CommandException("--k 应为 2 以上的整数或 auto，而不是“" + k + "”");
    }
    if (kk < 2 || kk > 50) {
      throw new CommandException("--k 应在 2–50 之间");
    }
    return kk;
  }

  static CommandOutput clusters(Invocation inv, CommandContext ctx) {
    MiningAnalyses.ClusterModel m = MiningAnalyses.clusterModel(ctx.tables, clusterCount(inv), inv.integer("seed"),
        inv.integer("max-k"), inv.integer("sample"), inv.integer("fit-sample"));
    ClusterPlane plane = ClusterPlane.of(m);
    ResultTable p = m.profile();
    List<ClusterScatter.Cluster> legend = new ArrayList<>();
    for (Object[] r : p.rows()) {
      legend.add(new ClusterScatter.Cluster(
          Labels.text("chart.clusters.legend_name", ctx.lang, r[p.index("cluster")],
              TableRenderer.format(r[p.index("share")], ResultTable.Type.PERCENT)),
          Labels.text("chart.clusters.legend_detail", ctx.lang, r[p.index("main_level")], r[p.index("main_form")],
              TableRenderer.format(r[p.index("mean_self_pay")], ResultTable.Type.PERCENT))));
    }
    String x = Labels.text("chart.clusters.axis", ctx.lang, 1, TableRenderer.format(plane.xShare, ResultTable.Type.PERCENT));
    String y = Labels.text("chart.clusters.axis", ctx.lang, 2, TableRenderer.format(plane.yShare, ResultTable.Type.PERCENT));
    List<String> notes = new ArrayList<>(p.notes());
    notes.add(Labels.text("chart.clusters.plane_note", ctx.lang));
    return CommandOutput.html(ClusterScatter.render(plane.xy, plane.counts, plane.cluster, legend, x, y, notes, ctx.lang, theme(inv)));
  }
}
