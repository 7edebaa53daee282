package medinsight.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One option of a command: {@code --name VALUE}, typed, with a default and help text. */
public final class OptionSpec {
  public enum Type { INT, NUMBER, TEXT, CHOICE, NUMBERS }

  public final String name;
  public final Type type;
  public final String defaultValue;
  public final List<String> choices;
  public final String help;
  public final Integer min;
  public final Integer max;

  private OptionSpec(String name, Type type, String defaultValue, List<String> choices, String help, Integer min,
      Integer max) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.choices = choices;
    this.help = help;
    this.min = min;
    this.max = max;
  }

  public static OptionSpec integer(String name, Integer def, int min, int max, String help) {
    return new OptionSpec(name, Type.INT, def == null ? null : String.valueOf(def), List.of(), help, min, max);
  }

  public static OptionSpec number(String name, double def, String help) {
    return new OptionSpec(name, Type.NUMBER, String.valueOf(def), List.of(), help, null, null);
  }

  public static OptionSpec text(String name, String help) {
    return new OptionSpec(name, Type.TEXT, null, List.of(), help, null, null);
  }

  public static OptionSpec choice(String name, String def, List<String> choices, String help) {
    return new OptionSpec(name, Type.CHOICE, def, choices, help, null, null);
  }

  public static OptionSpec numbers(String name, String def, String help) {
    return new OptionSpec(name, Type.NUMBERS, def, List.of(), help, null, null);
  }

  public String typeName() {
    switch (type) {
      case INT: return "整数";
      case NUMBER: return "数值";
      case CHOICE: return String.join("|", choices);
      case NUMBERS: return "数值列表";
      default: return "文本";
    }
  }

  /** Parses and checks a value; the message of the exception names the option and what it takes. */
  Object parse(String raw) {
    String v = raw.trim();
    switch (type) {
      case INT:
        try {
          int i = Integer.parseInt(v);
          if ((min != null && i < min) || (max != null && i > max)) {
            throw new CommandException("--" + name + " 应在 " + min + "–" + max + " 之间，而不是 " + v);
          }
          return i;
        } catch (NumberFormatException e) {
          throw new CommandException("--" + name + " 需要整数，而不是“" + v + "”");
        }
      case NUMBER:
        try {
          return Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new CommandException("--" + name + " 需要数值，而不是“" + v + "”");
        }
      case CHOICE:
        for (String c : choices) {
          if (c.equals(v) || c.toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT))) {
            return c;
          }
        }
        throw new CommandException("--" + name + " 应为 " + String.join("、", choices) + " 之一，而不是“" + v + "”");
      case NUMBERS:
        List<Double> out = new ArrayList<>();
        for (String p : v.split("[,，]")) {
          try {
            out.add(Double.parseDouble(p.trim().replace("%", "")) / (p.trim().endsWith("%") ? 100 : 1));
          } catch (NumberFormatException e) {
            throw new CommandException("--" + name + " 需要以逗号分隔的数值，例如 0,0.1,0.3,0.6,1，而不是“" + v + "”");
          }
        }
        return out;
      default:
        return v;
    }
  }
}
