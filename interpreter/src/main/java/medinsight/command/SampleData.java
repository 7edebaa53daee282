package medinsight.command;

import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import medinsight.render.Labels;
import medinsight.render.svg.Svg;

/**
 * Figures from the bundled synthetic product list say so on themselves: each table a note, each
 * drawing a 示例数据 badge, so that no screenshot of them passes for Beijing's real market.
 */
public final class SampleData {
  private SampleData() {}

  /** {@code out} marked when the invocation's figures come from the products and those are the bundled synthetic list. */
  public static CommandOutput mark(Invocation inv, DrugTables t, CommandOutput out, Labels.Lang lang) {
    if (!inv.command.readsProducts(inv) || !t.syntheticProducts()) {
      return out;
    }
    String note = Labels.text("sample.note", lang);
    for (ResultTable table : out.tables) {
      if (!table.notes().contains(note)) {
        table.note(note);
      }
    }
    out.html.replaceAll(h -> Svg.badge(h, Labels.text("sample.badge", lang)));
    return out;
  }
}
