package medinsight.command;

import java.util.ArrayList;
import java.util.List;
import medinsight.analysis.ResultTable;

/**
 * What a command produced: tables to render, and/or a message, and/or drawings (standalone SVG
 * markup, shown as {@code %html}). Kept as it is by the result cache, so it holds only immutable
 * values once the command returns.
 */
public final class CommandOutput {
  public final List<ResultTable> tables = new ArrayList<>();
  public final List<String> html = new ArrayList<>();
  public String message;

  public static CommandOutput of(ResultTable... tables) {
    CommandOutput o = new CommandOutput();
    o.tables.addAll(List.of(tables));
    return o;
  }

  public static CommandOutput message(String text) {
    CommandOutput o = new CommandOutput();
    o.message = text;
    return o;
  }

  /** A drawing: one {@code <svg>} element, with no scripts. */
  public static CommandOutput html(String markup) {
    CommandOutput o = new CommandOutput();
    o.html.add(markup);
    return o;
  }
}
