package medinsight.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medinsight.command.CommandParser;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.command.Invocation;

/**
 * The hand-written peers of the benchmarked commands, read from {@code peers/peers.sql}: per
 * command a Spark SQL floor and a DuckDB query, or the reason there is none; a note says what the
 * command does beyond them, if anything. Kept in one SQL file so that the queries read as an
 * analyst would write them.
 *
 * <p>An entry is found by what its command line means, not by how it is written: the line is
 * parsed by the registry and keyed by the command, its argument and every option value (defaults
 * filled in), so {@code generics --by name --top 20} finds the entry written as
 * {@code generics --top 20}, options may come in any order, and an example reworded with the same
 * meaning keeps its peer. A changed default is a changed meaning: the peer must be checked again.
 */
public final class Peers {
  public static final String RESOURCE = "peers/peers.sql";

  /** What the file says about one command. */
  public enum Kind { SQL, NOT_APPLICABLE, NOT_ANALYSIS }

  /** One command's entry. */
  public static final class Peer {
    public final String command;
    public final Kind kind;
    public final String reason;
    public final String sparkSql;
    public final String duckdbSql;
    public final boolean unordered;
    /** Work the command does that its peers do not, when there is any. */
    public final String note;
    /** Which of the command's tables the peers compute ("-- table: N", from 0; the first by default). */
    public final int table;

    Peer(String command, Kind kind, String reason, String sparkSql, String duckdbSql, boolean unordered, String note) {
      this(command, kind, reason, sparkSql, duckdbSql, unordered, note, 0);
    }

    Peer(String command, Kind kind, String reason, String sparkSql, String duckdbSql, boolean unordered, String note, int table) {
      this.table = table;
      this.command = command;
      this.kind = kind;
      this.reason = reason;
      this.sparkSql = sparkSql;
      this.duckdbSql = duckdbSql;
      this.unordered = unordered;
      this.note = note;
    }

    public boolean hasSql() {
      return kind == Kind.SQL;
    }
  }

  private Peers() {}

  /**
   * The key of a command line: the parsed command with its argument and every option value,
   * defaults included ({@link Invocation#key()}), the same for every way of writing the same
   * command.
   */
  public static String key(String command) {
    return CommandParser.parse(command).key();
  }

  /** The entry for a command line however it is written, or null. */
  public static Peer find(Map<String, Peer> peers, String command) {
    return peers.get(key(command));
  }

  /** The registry examples the benchmark runs that have no entry in {@code peers}, in registry order. */
  public static List<String> missing(Map<String, Peer> peers) {
    List<String> out = new ArrayList<>();
    for (CommandSpec c : Commands.all().values()) {
      if (c.runsOnBundledData() && find(peers, c.example) == null) {
        out.add(c.example);
      }
    }
    return out;
  }

  /** {@link #find} in the bundled file. */
  public static Peer find(String command) {
    return find(load(), command);
  }

  /** Every entry, keyed by {@link #key} of its command, in file order. */
  public static Map<String, Peer> load() {
    try (InputStream in = Peers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Peer> parse(String text) {
    Map<String, Peer> out = new LinkedHashMap<>();
    List<String> block = new ArrayList<>();
    String command = null;
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("-- command:")) {
          if (command != null) {
            put(out, block(command, block));
          }
          command = line.substring("-- command:".length()).trim();
          block.clear();
        } else if (command != null) {
          block.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (command != null) {
      put(out, block(command, block));
    }
    return Collections.unmodifiableMap(out);
  }

  private static void put(Map<String, Peer> out, Peer p) {
    String key;
    try {
      key = key(p.command);
    } catch (RuntimeException e) {
      throw new IllegalStateException("'-- command: " + p.command + "' in " + RESOURCE + " is not a command: " + e.getMessage(), e);
    }
    Peer before = out.put(key, p);
    if (before != null) {
      throw new IllegalStateException("two entries for one command in " + RESOURCE + ": '" + before.command + "' and '"
          + p.command + "'");
    }
  }

  private static Peer block(String command, List<String> lines) {
    String section = null;
    boolean unordered = false;
    String note = null;
    int table = 0;
    Map<String, StringBuilder> sql = new LinkedHashMap<>();
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("-- n/a:")) {
        return new Peer(command, Kind.NOT_APPLICABLE, t.substring(7).trim(), null, null, false, null);
      }
      if (t.startsWith("-- skip:")) {
        return new Peer(command, Kind.NOT_ANALYSIS, t.substring(8).trim(), null, null, false, null);
      }
      if (t.equals("-- unordered")) {
        unordered = true;
      } else if (t.startsWith("-- note:")) {
        note = t.substring(8).trim();
      } else if (t.startsWith("-- table:")) {
        table = Integer.parseInt(t.substring(9).trim());
      } else if (t.equals("-- spark") || t.equals("-- duckdb") || t.equals("-- both")) {
        section = t.substring(3);
        sql.put(section, new StringBuilder());
      } else if (section != null && !t.startsWith("--")) {
        sql.get(section).append(line).append('\n');
      }
    }
    String both = text(sql.get("both"));
    String spark = both != null ? both : text(sql.get("spark"));
    String duck = both != null ? both : text(sql.get("duckdb"));
    if (spark == null || duck == null) {
      throw new IllegalStateException(command + ": needs '-- both', or '-- spark' and '-- duckdb', or '-- n/a:' / '-- skip:'");
    }
    return new Peer(command, Kind.SQL, null, spark, duck, unordered, note, table);
  }

  private static String text(StringBuilder b) {
    if (b == null) {
      return null;
    }
    String s = b.toString().trim();
    return s.isEmpty() ? null : s;
  }
}
