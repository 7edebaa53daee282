package medinsight.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the README tells a user to type, read from the README itself: so a command line or an
 * example added there is run by the tests the day it is written, and one taken out is no longer.
 */
final class ReadmeCommands {
  /** A shell line: optional {@code VAR=value} assignments, then {@code bin/medinsight …}. */
  static final Pattern SHELL_LINE = Pattern.compile("^((?:[A-Z_]+=\\S+\\s+)*)bin/medinsight(\\s.*)?$");
  /** A command-reference entry's example: {@code e.g. `%drugs …`}. */
  static final Pattern EXAMPLE = Pattern.compile("e\\.g\\. `(%drugs[^`]*)`");

  private ReadmeCommands() {}

  static List<String> readme() throws IOException {
    return Files.readAllLines(Typed.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  /** The lines of the README's code blocks (``` fenced), each block a list. */
  static List<List<String>> codeBlocks(List<String> readme) {
    List<List<String>> out = new ArrayList<>();
    List<String> block = null;
    for (String l : readme) {
      if (l.trim().startsWith("```")) {
        if (block == null) {
          block = new ArrayList<>();
        } else {
          out.add(block);
          block = null;
        }
      } else if (block != null) {
        block.add(l);
      }
    }
    return out;
  }

  /**
   * Every {@code bin/medinsight …} line of a code block, as written (its comment included), after
   * the variables an {@code export} line above it in its block sets.
   */
  static List<String> shellLines(List<String> readme) {
    List<String> out = new ArrayList<>();
    for (List<String> b : codeBlocks(readme)) {
      String exported = "";
      for (String l : b) {
        String t = l.trim();
        if (t.startsWith("export ")) {
          exported += t.substring(7).trim() + " ";
        } else if (SHELL_LINE.matcher(t).matches()) {
          out.add(exported + t);
        }
      }
    }
    return out;
  }

  /** The command reference's examples (between the generator's markers). */
  static List<String> referenceExamples(List<String> readme) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String l : readme) {
      if (l.contains("<!-- commands:begin -->")) {
        in = true;
      } else if (l.contains("<!-- commands:end -->")) {
        in = false;
      } else if (in) {
        Matcher m = EXAMPLE.matcher(l);
        while (m.find()) {
          String e = m.group(1);
          // `%drugs levels` is the paragraph "%drugs\nlevels"
          out.add(e.startsWith("%drugs.sql ") ? "%drugs.sql\n" + e.substring(11) : "%drugs\n" + e.substring(7));
        }
      }
    }
    return out;
  }

  /** Code blocks that are paragraphs: their first line is {@code %drugs} or {@code %drugs.sql}. */
  static List<String> paragraphBlocks(List<String> readme) {
    List<String> out = new ArrayList<>();
    for (List<String> b : codeBlocks(readme)) {
      if (!b.isEmpty() && (b.get(0).trim().equals("%drugs") || b.get(0).trim().equals("%drugs.sql"))) {
        out.add(String.join("\n", b));
      }
    }
    return out;
  }
}
