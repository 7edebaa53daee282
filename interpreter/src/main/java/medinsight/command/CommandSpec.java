package medinsight.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import medinsight.access.AccessPolicy;

/** A command: its name (one or two words), arguments, options, help, example and handler. */
public final class CommandSpec {
  /** Runs a parsed command. */
  @FunctionalInterface
  public interface Handler {
    CommandOutput run(Invocation inv, CommandContext ctx);
  }

  public final String name;
  public final String theme;
  public final String help;
  public final String example;
  public final String argument;
  public final boolean argumentRequired;
  private final List<OptionSpec> options = new ArrayList<>();
  private Handler handler;
  private boolean needsInput;
  private boolean writesFiles;
  private boolean mines;
  private boolean changesData;
  private boolean uncached;
  private boolean argumentIsRest;
  private AccessPolicy.Action action = AccessPolicy.Action.QUERY;

  CommandSpec(String name, String theme, String help, String example, String argument, boolean argumentRequired) {
    this.name = name;
    this.theme = theme;
    this.help = help;
    this.example = example;
    this.argument = argument;
    this.argumentRequired = argumentRequired;
  }

  CommandSpec option(OptionSpec... o) {
    options.addAll(List.of(o));
    return this;
  }

  /** The command needs a file or a second catalog edition: its example cannot run on the bundled data alone. */
  CommandSpec needsInput() {
    this.needsInput = true;
    return this;
  }

  /**
   * The command writes files (export): its result is never cached, and its example is not run
   * over and over by the example checks and the benchmark.
   */
  CommandSpec writesFiles() {
    this.writesFiles = true;
    return this;
  }

  /**
   * The command changes the data (load): its result is never cached, and it is not an analysis
   * that export may run.
   */
  CommandSpec changesData() {
    this.changesData = true;
    return this;
  }

  /** The result is not kept in the result cache (it is cheap, or it reports more than the data version). */
  CommandSpec uncached() {
    this.uncached = true;
    return this;
  }

  /** The argument is every word after the command name ({@code help manufacturers share}, {@code diff 2024 2025}). */
  CommandSpec argumentIsRest() {
    this.argumentIsRest = true;
    return this;
  }

  private java.util.function.Predicate<Invocation> fromProducts = inv -> false;

  /** The command's figures come from the product list (with {@code when}, for those invocations only). */
  CommandSpec fromProducts() {
    return fromProducts(inv -> true);
  }

  CommandSpec fromProducts(java.util.function.Predicate<Invocation> when) {
    this.fromProducts = when;
    return this;
  }

  /** Whether this invocation's figures come from the product list. */
  public boolean readsProducts(Invocation inv) {
    return fromProducts.test(inv);
  }

  /** The command runs data mining (Smile) and is held to the mining commands' latency target. */
  CommandSpec mines() {
    this.mines = true;
    return this;
  }

  /** The command needs this grant of the deployment (loading, exporting; querying for the rest). */
  CommandSpec requires(AccessPolicy.Action a) {
    this.action = a;
    return this;
  }

  public AccessPolicy.Action action() {
    return action;
  }

  public boolean isMining() {
    return mines;
  }

  public boolean writesToFiles() {
    return writesFiles;
  }

  public boolean changesTheData() {
    return changesData;
  }

  /** An analysis: reads the data and writes nothing, so export may run it. */
  public boolean isAnalysis() {
    return !changesData && !writesFiles;
  }

  /** Equal invocations give equal results for one version of the data, so the result may be kept. */
  public boolean cacheable() {
    return !uncached && isAnalysis();
  }

  public boolean takesRestAsArgument() {
    return argumentIsRest;
  }

  /** The example can be run as it is, any number of times, on the bundled data. */
  public boolean runsOnBundledData() {
    return !needsInput && !writesFiles;
  }

  CommandSpec handler(Handler h) {
    this.handler = h;
    return this;
  }

  public List<OptionSpec> options() {
    return Collections.unmodifiableList(options);
  }

  public OptionSpec option(String name) {
    for (OptionSpec o : options) {
      if (o.name.equals(name)) {
        return o;
      }
    }
    return null;
  }

  public Handler handler() {
    return handler;
  }

  /** e.g. {@code manufacturers share [--top N]}. */
  public String usage() {
    StringBuilder b = new StringBuilder(name);
    if (argument != null) {
      b.append(' ').append(argumentRequired ? argument : "[" + argument + "]");
    }
    for (OptionSpec o : options) {
      b.append(" [--").append(o.name).append(' ').append(o.type == OptionSpec.Type.CHOICE
          ? String.join("|", o.choices) : o.name.toUpperCase(Locale.ROOT).replace('-', '_')).append(']');
    }
    return b.toString();
  }
}
