package medinsight.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import medinsight.analysis.CatalogQueries;
import medinsight.analysis.EditionDiff;
import medinsight.analysis.Renewals;
import medinsight.analysis.ResultTable;
import medinsight.catalog.DataKind;
import medinsight.engine.DrugData;
import medinsight.engine.DrugTables;
import medinsight.engine.LoadReport;
import medinsight.export.ExportService;
import medinsight.export.ExportTable;
import medinsight.render.Labels;

/**
 * The handlers of {@code load}, {@code export} and {@code diff}: they read the command's argument
 * and options, hand the work to the engine, the export service or the edition comparison, and
 * word the one-line answer.
 */
final class DataCommands {
  /** {@code load bundled --as KIND}: back to the configured (or bundled) source of a kind. */
  static final String BUNDLED_ARGUMENT = "bundled";

  private DataCommands() {}

  static CommandOutput load(Invocation inv, CommandContext ctx) {
    String as = inv.text("as");
    DataKind kind = "auto".equals(as) ? null : DataKind.valueOf(as.toUpperCase(Locale.ROOT));
    Integer year = inv.integerOrNull("edition");
    if (BUNDLED_ARGUMENT.equals(inv.argument.trim())) {
      if (kind == null) {
        throw new CommandException("load bundled 需要 --as catalog|products|yinpian，说明恢复哪一类数据。");
      }
      LoadReport r = ctx.data.reset(kind, year, ctx.cancelled);
      return CommandOutput.message(String.format("已恢复为%s %s：加载 %d 行，拒绝 %d 行。此前加载的数据不再在重启后恢复。",
          what(kind, year), r.source, r.loaded, r.rejected));
    }
    String path = ctx.policy.source(inv.argument, DrugData.BUNDLED);
    int edition = year == null ? DrugData.editionOf(path) : year;
    boolean replaces = ctx.tables.editions().containsKey(edition);
    LoadReport r = ctx.data.load(path, kind, edition, inv.integer("max-rejected") / 100.0, ctx.cancelled);
    String label = what(r.kind, edition);
    long unknown = r.quarantinedFields();
    return CommandOutput.message(String.format("已加载%s %s：读取 %d 行，加载 %d 行，拒绝 %d 行%s%s，用时 %.1f 秒。%s",
        label, r.source, r.read, r.loaded, r.rejected,
        r.rejected > 0 ? "（原因见 quality 或 rejected_rows 表）" : "",
        unknown > 0 ? String.format("；%d 行中有 %d 个字段无法读取，已置为未知（见 quality 或 quarantined_fields 表）",
            r.quarantinedRows, unknown) : "",
        r.millis / 1000.0,
        r.kind == DataKind.CATALOG && replaces ? "已替换此前加载的 " + edition + " 年版。" : ""));
  }

  /** What a load or reset replaced, as its answer names it: the 2025 年版目录 (现行版目录 with no year), 产品清单, 饮片清单. */
  private static String what(DataKind kind, Integer edition) {
    switch (kind) {
      case CATALOG: return (edition == null ? "现行版" : edition + " 年版") + "目录";
      case PRODUCTS: return "产品清单";
      default: return "饮片清单";
    }
  }

  private static String given(Invocation inv, String option) {
    String v = inv.text(option);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * {@code export}: an analysis (parsed and checked like any command, every row it gives, not cut
   * at drugs.maxResult), a whole table, or a query, written to a file.
   */
  static CommandOutput export(Invocation inv, CommandContext ctx) {
    String command = given(inv, "command");
    String table = given(inv, "table");
    String sql = given(inv, "sql");
    if ((command == null ? 0 : 1) + (table == null ? 0 : 1) + (sql == null ? 0 : 1) != 1) {
      throw new CommandException("export 需要 --command、--table、--sql 三者之一（只给一个）。示例：" + inv.command.example);
    }
    ExportService service = new ExportService(ctx.data.spark(), ctx.policy, ctx.cancelled, ctx.progress);
    return CommandOutput.message(service.export(inv.argument, inv.text("format"), "yes".equals(inv.text("overwrite")), () -> {
      if (command != null) {
        return analysis(command, ctx);
      }
      if (table != null) {
        return List.of(ExportTable.of(table, ExportService.table(ctx.tables, table)));
      }
      return List.of(ExportTable.of(Labels.text("export.query_sheet", ctx.lang),
          ExportService.query(ctx.userSession.get(), sql)));
    }));
  }

  /** The tables of an analysis command given to export, held to the caller's grants like a paragraph. */
  private static List<ExportTable> analysis(String command, CommandContext ctx) {
    Invocation inner;
    try {
      inner = CommandParser.parse(command);
    } catch (CommandException e) {
      throw new CommandException("--command：" + e.getMessage());
    }
    if (!inner.command.isAnalysis()) {
      throw new CommandException("--command 应为分析命令，不能是 " + inner.command.name);
    }
    ctx.policy.require(ctx.caller, inner.command.action());
    CommandOutput result = inner.command.handler().run(inner, ctx);
    if (result.tables.isEmpty()) {
      throw new CommandException("“" + command + "”没有表格结果，无法导出");
    }
    List<ExportTable> out = new ArrayList<>();
    for (ResultTable r : result.tables) {
      out.add(ExportTable.of(r, ctx.lang));
    }
    return out;
  }

  /** {@code diff A B}: both editions must be loaded. */
  /** {@code negotiated renewals}: from the edition before the current one (or --from) to the current one (or --to). */
  static CommandOutput renewals(Invocation inv, CommandContext ctx) {
    DrugTables t = ctx.tables;
    Integer to = inv.integerOrNull("to");
    int b = to == null ? t.edition : to;
    Integer from = inv.integerOrNull("from");
    Integer a = from;
    if (a == null) {
      for (int y : t.editions().keySet()) {
        if (y < b) {
          a = y;
        }
      }
    }
    for (Integer y : new Integer[] {a, b}) {
      if (y == null || !t.editions().containsKey(y)) {
        throw new CommandException((y == null ? "没有比 " + b + " 年版更早的已加载版本" : "没有加载 " + y + " 年版目录")
            + "。已加载：" + t.editions().keySet() + "。");
      }
    }
    if (a >= b) {
      throw new CommandException("--from 应早于 --to：" + a + " 不早于 " + b + "。");
    }
    return CommandOutput.of(Renewals.of(t, a, b, inv.integer("limit")));
  }

  static CommandOutput diff(Invocation inv, CommandContext ctx) {
    String[] years = inv.argument.trim().split("\\s+");
    if (years.length != 2) {
      throw new CommandException("diff 需要两个版本年份，例如：diff 2023 2024");
    }
    DrugTables t = ctx.tables;
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
    EditionDiff.Result r = CatalogQueries.editionDiff(t, y[0], y[1]);
    if ("category".equals(inv.text("by"))) {
      return CommandOutput.of(EditionDiff.byCategory(r.changes, y[0], y[1]));
    }
    String only = inv.text("change");
    if (only != null) {
      return CommandOutput.of(EditionDiff.details(r.changes.stream().filter(c -> c.change.equals(only))
          .collect(Collectors.toList()), inv.integer("limit")));
    }
    return CommandOutput.of(EditionDiff.summary(r.changes, y[0], y[1]), EditionDiff.reconciliation(r, y[0], y[1]),
        EditionDiff.details(r.changes, inv.integer("limit")));
  }
}
