package medinsight.server;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The launcher's command line: a verb and the options that verb takes. An option the verb does
 * not take, a missing value or a number that is not one is refused in one line.
 */
final class LauncherArgs {
  /** Options that take a value, by verb. */
  static final Map<String, Set<String>> VALUES = Map.of(
      "up", Set.of("--port", "--work"),
      "down", Set.of("--work"),
      "status", Set.of("--work"),
      "logs", Set.of("--work", "--lines"),
      "install", Set.of("--zeppelin-home", "--notes", "--spark-home"),
      "apply", Set.of("--url"),
      "publish", Set.of("--out", "--from", "--url", "--work"));
  /** Options without a value, by verb. */
  static final Map<String, Set<String>> FLAGS = Map.of("up", Set.of("--no-run"), "apply", Set.of("--no-run"),
      "install", Set.of("--spark-group", "--undo"));

  final String verb;
  final Map<String, String> values = new HashMap<>();
  boolean noRun;
  /** The flags given ({@code --no-run}, {@code --spark-group}, {@code --undo}). */
  final Set<String> flags = new TreeSet<>();
  /** publish's note names or ids. */
  final List<String> names = new ArrayList<>();

  private LauncherArgs(String verb) {
    this.verb = verb;
  }

  static LauncherArgs parse(String[] args) throws Launcher.Failure {
    String verb = args.length == 0 ? "--help" : args[0];
    Set<String> takes = VALUES.get(verb);
    if (takes == null) {
      throw new Launcher.Failure("unknown command " + verb + " (see bin/medinsight --help)", 2);
    }
    LauncherArgs a = new LauncherArgs(verb);
    for (int i = 1; i < args.length; i++) {
      String o = args[i];
      if (FLAGS.getOrDefault(verb, Set.of()).contains(o)) {
        a.flags.add(o);
        a.noRun |= o.equals("--no-run");
      } else if (takes.contains(o)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new Launcher.Failure(o + " needs a value (see bin/medinsight --help)", 2);
        }
        a.values.put(o, args[++i]);
      } else if (verb.equals("publish") && !o.startsWith("-")) {
        a.names.add(o);
      } else {
        Set<String> all = new TreeSet<>(takes);
        all.addAll(FLAGS.getOrDefault(verb, Set.of()));
        throw new Launcher.Failure(verb + " does not take " + o + " (it takes "
            + String.join(", ", all)
            + "; see bin/medinsight --help)", 2);
      }
    }
    return a;
  }

  String get(String option) {
    return values.get(option);
  }

  Path path(String option) {
    String v = values.get(option);
    return v == null ? null : Paths.get(v);
  }

  int number(String option, int otherwise) throws Launcher.Failure {
    String v = values.get(option);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new Launcher.Failure(option + " needs a number, not '" + v + "'", 2);
    }
  }
}
