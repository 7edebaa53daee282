package medinsight.command;

import java.util.ArrayList;
import java.util.List;
import medinsight.analysis.ResultTable;

/** What a command produced: tables to render, and/or a message. */
public final class CommandOutput {
  public final List<ResultTable> tables = new ArrayList<>();
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
}
