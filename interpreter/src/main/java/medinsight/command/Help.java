package medinsight.command;

import java.util.List;
import medinsight.analysis.ResultTable;

/** What the registry says about itself: {@code help} in a paragraph, and the README's command reference. */
public final class Help {
  private Help() {}

  static CommandOutput help(String command) {
    if (command == null) {
      ResultTable t = new ResultTable("命令").text("command").text("description").text("example");
      for (CommandSpec c : Commands.all().values()) {
        t.add(c.name, c.help, c.example);
      }
      t.note("help 命令名 查看选项，例如 help manufacturers diversity。%drugs.sql 可对同一批表执行 Spark SQL（tables 列出表）。");
      return CommandOutput.of(t);
    }
    List<String> words = Tokenizer.words(command);
    CommandSpec c = Commands.resolve(words);
    if (c == null && words.size() == 1) {
      List<String> subs = Commands.subcommands(words.get(0));
      if (!subs.isEmpty()) {
        ResultTable t = new ResultTable("子命令").text("command").text("description").text("example");
        for (String s : subs) {
          CommandSpec sc = Commands.all().get(words.get(0) + " " + s);
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

  /** Markdown command reference for the README, generated from this registry. */
  public static String reference() {
    StringBuilder b = new StringBuilder();
    String theme = null;
    for (CommandSpec c : Commands.all().values()) {
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
