package medinsight.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one {@code %drugs} line against the registry ({@link Commands}): the command's name, its
 * argument and every option, each checked and with its default filled in. A line that does not
 * fit gets one message naming what is wrong, the usage and, for a mistyped name, the nearest one.
 */
public final class CommandParser {
  private CommandParser() {}

  /** Parses one command line into an invocation, with every option checked and defaults filled in. */
  public static Invocation parse(String line) {
    List<String> words = Tokenizer.words(line);
    if (words.isEmpty()) {
      throw new CommandException("空命令。输入 help 查看全部命令。");
    }
    CommandSpec c = Commands.resolve(words);
    if (c == null) {
      String first = words.get(0).toLowerCase(Locale.ROOT);
      List<String> subs = Commands.subcommands(first);
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
      } else if (c.takesRestAsArgument()) {
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
    for (String n : Commands.firstWords()) {
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
}
