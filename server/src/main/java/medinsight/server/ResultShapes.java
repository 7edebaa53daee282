package medinsight.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import medinsight.access.Caller;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandContext;
import medinsight.command.CommandOutput;
import medinsight.command.CommandParser;
import medinsight.command.Invocation;
import medinsight.render.Labels;
import medinsight.render.TableRenderer;
import medinsight.zeppelin.DrugsEngine;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The columns of the results the notes' paragraphs draw, on the bundled data: a {@code %drugs}
 * paragraph of one command through the registry (headers as the {@code %table} shows them in
 * the language asked for), a {@code %drugs.sql} paragraph of one query by its analysed schema. Only the notes'
 * own paragraphs come here, so it takes neither a paragraph header such as {@code (limit=…)},
 * nor several commands or statements, nor does it apply the SQL guard the interpreter applies.
 * Runs local Spark in this JVM; used by the note generator and by the test that checks every
 * chart preset, never by the launcher.
 */
public final class ResultShapes implements NoteBundle.Shapes, AutoCloseable {
  /** One column of a first result: its key, whether it holds numbers, and the result's column (none for a query). */
  private static final class Found {
    final String key;
    final boolean numeric;
    final ResultTable.Column column;

    Found(String key, boolean numeric, ResultTable.Column column) {
      this.key = key;
      this.numeric = numeric;
      this.column = column;
    }
  }

  private final DrugsEngine engine;
  private final Labels.Lang lang;
  /** Shared by the views in other languages: a paragraph runs once whatever language its headers are read in. */
  private final Map<String, List<Found>> seen;

  private ResultShapes(DrugsEngine engine, Labels.Lang lang, Map<String, List<Found>> seen) {
    this.engine = engine;
    this.lang = lang;
    this.seen = seen;
  }

  /** An engine on the bundled data, with no warehouse and no result cache; headers in Chinese. */
  public static ResultShapes bundled() {
    return bundled(Labels.Lang.ZH);
  }

  /** An engine on the bundled data, with no warehouse and no result cache; headers in {@code lang}. */
  public static ResultShapes bundled(Labels.Lang lang) {
    Properties p = new Properties();
    p.setProperty("spark.master", "local[2]");
    p.setProperty("spark.sql.shuffle.partitions", "2");
    p.setProperty("drugs.warehouse", "none");
    p.setProperty("drugs.cache", "0");
    p.setProperty("drugs.language", lang.name().toLowerCase(Locale.ROOT));
    return new ResultShapes(DrugsEngine.create(p), lang, new HashMap<>());
  }

  /** The same engine and results with headers in another language; closing this one's owner closes it too. */
  public ResultShapes in(Labels.Lang other) {
    return new ResultShapes(engine, other, seen);
  }

  @Override
  public List<NoteBundle.Column> columns(String paragraphText) {
    List<Found> found;
    synchronized (seen) {
      found = seen.computeIfAbsent(paragraphText, this::compute);
    }
    List<NoteBundle.Column> out = new ArrayList<>();
    for (Found f : found) {
      out.add(new NoteBundle.Column(f.key, f.column == null ? f.key : TableRenderer.header(f.column, lang), f.numeric));
    }
    return out;
  }

  private List<Found> compute(String text) {
    List<Found> out = new ArrayList<>();
    if (text.startsWith("%drugs.sql\n")) {
      String sql = text.substring("%drugs.sql\n".length());
      for (StructField f : engine.sessionOf(Caller.NOBODY, engine.data.tables()).sql(sql).schema().fields()) {
        out.add(new Found(f.name(), f.dataType() instanceof NumericType, null));
      }
      return out;
    }
    if (!text.startsWith("%drugs\n")) {
      throw new IllegalArgumentException("not a %drugs or %drugs.sql paragraph: " + text);
    }
    Invocation inv = CommandParser.parse(text.substring("%drugs\n".length()).trim());
    CommandOutput result = inv.command.handler().run(inv, new CommandContext(engine.data, lang, () -> false));
    if (result.tables.isEmpty()) {
      return out;
    }
    for (ResultTable.Column c : result.tables.get(0).columns()) {
      out.add(new Found(c.key, c.type != ResultTable.Type.TEXT && c.type != ResultTable.Type.DATE, c));
    }
    return out;
  }

  @Override
  public void close() {
    engine.stop();
  }
}
