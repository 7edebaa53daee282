package medinsight.command;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A parsed command line: the command, its argument and option values (defaults filled in). */
public final class Invocation {
  public final CommandSpec command;
  public final String argument;
  private final Map<String, Object> values;

  Invocation(CommandSpec command, String argument, Map<String, Object> values) {
    this.command = command;
    this.argument = argument;
    this.values = values;
  }

  /** The command with every option value, defaults included: equal keys, equal results. */
  public String key() {
    return command.name + "\u0000" + argument + "\u0000" + new TreeMap<>(values);
  }

  public boolean has(String option) {
    return values.get(option) != null;
  }

  public int integer(String option) {
    return (Integer) values.get(option);
  }

  public Integer integerOrNull(String option) {
    return (Integer) values.get(option);
  }

  public double number(String option) {
    return (Double) values.get(option);
  }

  public String text(String option) {
    Object v = values.get(option);
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  public List<Double> numbers(String option) {
    return (List<Double>) values.get(option);
  }
}
