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
  /** Options that take a value, by verb; {@code --no-run} is the only flag. */
  static final Map<String, Set<String>> VALUES = Map.of(
      "up", Set.of("--port", "--work"),
      "down", Set.of("--work"),
      "status", Set.of("--work"),
      "logs", Set.of("--work", "--lines"),
      "install", Set.of("--zeppelin-home", "--notes"),
      "apply", Set.of("--url"),
      "publish", Set.of("--out", "--from", "--url", "--work"));
  static final Set<String> FLAGS = Set.of("up", "apply");

  final String verb;
  final Map<String, String> values = new HashMap<>();
  boolean noRun;
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
      if (o.equals("--no-run") && FLAGS.contains(verb)) {
        a.noRun = true;
      } else if (takes.contains(o)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new Launcher.Failure(o + " needs a value (see bin/medinsight --help)", 2);
        }
        a.values.put(o, args[++i]);
      } else if (verb.equals("publish") && !o.startsWith("-")) {
        a.names.add(o);
      } else {
        throw new Launcher.Failure(verb + " does not take " + o + " (it takes "
            + String.join(", ", new TreeSet<>(takes)) + (FLAGS.contains(verb) ? ", --no-run" : "")
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
