package medinsight.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Completion at the cursor: command words, subcommands, options, and option choices. */
public final class Completer {
  /** A candidate: the text to insert for the word at the cursor, and a short description. */
  public static final class Candidate {
    public final String value;
    public final String meta;

    Candidate(String value, String meta) {
      this.value = value;
      this.meta = meta;
    }

    @Override
    public String toString() {
      return value;
    }
  }

  private Completer() {}

  public static List<Candidate> complete(String buffer, int cursor) {
    return complete(buffer, cursor, spec -> true);
  }

  /**
   * The candidates at the cursor among the commands {@code allowed} accepts: a command the caller
   * may not run is not offered, nor are its options, and a command word is offered while one of
   * its subcommands is.
   */
  public static List<Candidate> complete(String buffer, int cursor, Predicate<CommandSpec> allowed) {
    int c = Math.max(0, Math.min(cursor, buffer.length()));
    String upTo = buffer.substring(0, c);
    int lineStart = upTo.lastIndexOf('\n') + 1;
    String line = upTo.substring(lineStart);
    List<String> words;
    try {
      words = Tokenizer.words(line);
    } catch (CommandException e) {
      return List.of();
    }
    boolean newWord = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
    String prefix = newWord || words.isEmpty() ? "" : words.get(words.size() - 1);
    List<String> before = newWord ? words : words.subList(0, Math.max(0, words.size() - 1));
    List<Candidate> out = new ArrayList<>();
    if (before.isEmpty()) {
      for (String w : Commands.firstWords()) {
        if (w.startsWith(prefix.toLowerCase(Locale.ROOT)) && offered(w, allowed)) {
          CommandSpec spec = Commands.all().get(w);
          out.add(new Candidate(w, spec == null ? "子命令：" + String.join("/", Commands.subcommands(w)) : spec.help));
        }
      }
      return out;
    }
    String first = before.get(0).toLowerCase(Locale.ROOT);
    List<String> subs = Commands.subcommands(first);
    if (before.size() == 1 && !subs.isEmpty()) {
      for (String s : subs) {
        CommandSpec sub = Commands.all().get(first + " " + s);
        if (s.startsWith(prefix) && allowed.test(sub)) {
          out.add(new Candidate(s, sub.help));
        }
      }
      return out;
    }
    CommandSpec spec = Commands.resolve(before);
    if (spec == null || !allowed.test(spec)) {
      return out;
    }
    String last = before.get(before.size() - 1);
    if (last.startsWith("--")) {
      OptionSpec o = spec.option(last.substring(2));
      if (o != null) {
        if (o.type == OptionSpec.Type.CHOICE) {
          for (String ch : o.choices) {
            if (!ch.isEmpty() && ch.startsWith(prefix)) {
              out.add(new Candidate(ch, o.help));
            }
          }
        }
        return out;
      }
    }
    if (prefix.isEmpty() || prefix.startsWith("-")) {
      for (OptionSpec o : spec.options()) {
        String opt = "--" + o.name;
        if (opt.startsWith(prefix) && !before.contains(opt)) {
          out.add(new Candidate(opt, o.typeName() + "：" + o.help));
        }
      }
    }
    return out;
  }

  private static boolean offered(String firstWord, Predicate<CommandSpec> allowed) {
    CommandSpec spec = Commands.all().get(firstWord);
    if (spec != null) {
      return allowed.test(spec);
    }
    for (String s : Commands.subcommands(firstWord)) {
      if (allowed.test(Commands.all().get(firstWord + " " + s))) {
        return true;
      }
    }
    return false;
  }
}
