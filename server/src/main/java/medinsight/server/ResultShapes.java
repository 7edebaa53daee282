package medinsight.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Chinese), a {@code %drugs.sql} paragraph of one query by its analysed schema. Only the notes'
 * own paragraphs come here, so it takes neither a paragraph header such as {@code (limit=…)},
 * nor several commands or statements, nor does it apply the SQL guard the interpreter applies.
 * Runs local Spark in this JVM; used by the note generator and by the test that checks every
 * chart preset, never by the launcher.
 */
public final class ResultShapes implements NoteBundle.Shapes, AutoCloseable {
  private final DrugsEngine engine;
  private final Map<String, List<NoteBundle.Column>> seen = new HashMap<>();

  private ResultShapes(DrugsEngine engine) {
    this.engine = engine;
  }

  /** An engine on the bundled data, with no warehouse and no result cache, in Chinese. */
  public static ResultShapes bundled() {
    Properties p = new Properties();
    p.setProperty("spark.master", "local[2]");
    p.setProperty("spark.sql.shuffle.partitions", "2");
    p.setProperty("drugs.warehouse", "none");
    p.setProperty("drugs.cache", "0");
    p.setProperty("drugs.language", "zh");
    return new ResultShapes(DrugsEngine.create(p));
  }

  @Override
  public synchronized List<NoteBundle.Column> columns(String paragraphText) {
    return seen.computeIfAbsent(paragraphText, this::compute);
  }

  private List<NoteBundle.Column> compute(String text) {
    List<NoteBundle.Column> out = new ArrayList<>();
    if (text.startsWith("%drugs.sql\n")) {
      String sql = text.substring("%drugs.sql\n".length());
      for (StructField f : engine.sessionOf(Caller.NOBODY, engine.data.tables()).sql(sql).schema().fields()) {
        out.add(new NoteBundle.Column(f.name(), f.name(), f.dataType() instanceof NumericType));
      }
      return out;
    }
    if (!text.startsWith("%drugs\n")) {
      throw new IllegalArgumentException("not a %drugs or %drugs.sql paragraph: " + text);
    }
    Invocation inv = CommandParser.parse(text.substring("%drugs\n".length()).trim());
    CommandOutput result = inv.command.handler().run(inv, new CommandContext(engine.data, Labels.Lang.ZH, () -> false));
    if (result.tables.isEmpty()) {
      return out;
    }
    for (ResultTable.Column c : result.tables.get(0).columns()) {
      out.add(new NoteBundle.Column(c.key, TableRenderer.header(c, Labels.Lang.ZH),
          c.type != ResultTable.Type.TEXT && c.type != ResultTable.Type.DATE));
    }
    return out;
  }

  @Override
  public void close() {
    engine.spark.stop();
  }
}
