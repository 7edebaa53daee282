package medinsight.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import medinsight.access.AccessPolicy;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.zeppelin.EmbeddedDrugs;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;

/**
 * Runs {@code %drugs} (or, with {@code --sql}, {@code %drugs.sql}) paragraphs from a terminal
 * through Zeppelin's interpreter API, and prints the results as aligned tables. With no command,
 * reads one paragraph per line from standard input.
 *
 * <p>Usage: {@code Console [--sql] [--all-examples] [--work DIR] [--export-dir DIR] [--prop key=value]...
 * [COMMAND WORDS...]}; with {@code --all-examples}, every registry example that needs no file or
 * second edition. With {@code --work} naming the work folder of a running local server (and no
 * {@code --prop}), the paragraphs run there; otherwise in this process, exporting to {@code
 * --export-dir} unless a property says otherwise.
 */
public final class Console {
  private Console() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    boolean sql = false;
    boolean examples = false;
    Path work = null;
    String exportDir = null;
    Properties p = new Properties();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--sql")) {
        sql = true;
      } else if (args[i].equals("--all-examples")) {
        examples = true;
      } else if (args[i].equals("--work") && i + 1 < args.length) {
        work = Paths.get(args[++i]);
      } else if (args[i].equals("--export-dir") && i + 1 < args.length) {
        exportDir = args[++i];
      } else if (args[i].equals("--prop") && i + 1 < args.length) {
        String[] kv = args[++i].split("=", 2);
        p.setProperty(kv[0], kv.length > 1 ? kv[1] : "");
      } else {
        words.add(args[i]);
      }
    }
    List<String> paragraphs = new ArrayList<>();
    if (examples) {
      for (CommandSpec c : Commands.all().values()) {
        if (c.runsOnBundledData()) {
          paragraphs.add(c.example);
        }
      }
    } else if (words.isEmpty()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          paragraphs.add(line);
        }
      }
    } else {
      // a %drugs command is words the shell split; a statement is text, taken as typed
      paragraphs.add(sql ? String.join(" ", words) : quoteJoin(words));
    }
    int failures = 0;
    // the local server when one runs (its warm interpreter, its data), unless properties of the
    // caller's own describe another engine
    Optional<ServerRunner> server = work != null && p.isEmpty() && !examples ? ServerRunner.of(work) : Optional.empty();
    if (server.isPresent()) {
      System.err.println("[medinsight] on the local server " + server.get().url + ", as admin (with --prop, in this process instead)");
      for (String para : paragraphs) {
        ServerRunner.Answer a = server.get().run(sql, para);
        out.println((sql ? "%drugs.sql " : "%drugs ") + para);
        if (a.ok) {
          print(a.messages, out);
        } else {
          failures++;
          for (InterpreterResultMessage m : a.messages) {
            if (m.getType() == InterpreterResult.Type.TABLE) {
              printTable(m.getData(), out);
            } else {
              out.println("错误：" + m.getData().strip());
            }
          }
        }
        out.println();
      }
      System.exit(failures == 0 ? 0 : 1);
    }
    if (exportDir != null && !p.containsKey(AccessPolicy.EXPORT_DIR)) {
      p.setProperty(AccessPolicy.EXPORT_DIR, exportDir);
    }
    try (EmbeddedDrugs d = new EmbeddedDrugs(p)) {
      for (String para : paragraphs) {
        EmbeddedDrugs.Paragraph r = sql ? d.sql(para) : d.drugs(para);
        out.println((sql ? "%drugs.sql " : "%drugs ") + para);
        print(r.messages, out);
        if (!r.ok()) {
          failures++;
          for (InterpreterResultMessage m : r.result.message()) {
            out.println("错误：" + m.getData());
          }
        }
        out.println();
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Re-quotes words that held spaces, so the shell's splitting does not change the command. */
  static String quoteJoin(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(w.matches(".*\\s.*") ? "\"" + w.replace("\"", "\\\"") + "\"" : w);
    }
    return b.toString();
  }

  static void print(List<InterpreterResultMessage> messages, PrintStream out) {
    for (InterpreterResultMessage m : messages) {
      if (m.getType() == InterpreterResult.Type.TABLE) {
        printTable(m.getData(), out);
      } else {
        out.print(m.getData());
      }
    }
  }

  private static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      w += (c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)
          || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
          || (c >= 0xFFE0 && c <= 0xFFE6))) ? 2 : 1;
      i += Character.charCount(c);
    }
    return w;
  }

  static void printTable(String data, PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    for (String line : data.split("\n")) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] w = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], Math.min(40, width(r[i])));
      }
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String c = r[i];
        b.append(c);
        for (int k = width(c); k < w[i] + 2 && i < r.length - 1; k++) {
          b.append(' ');
        }
      }
      out.println(b.toString().stripTrailing());
    }
  }
}
