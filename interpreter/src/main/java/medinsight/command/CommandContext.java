package medinsight.command;

import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.engine.DataChanges;
import medinsight.engine.DrugData;
import medinsight.engine.DrugTables;
import medinsight.render.Labels;
import org.apache.spark.sql.SparkSession;

/**
 * What a command runs against: one version of the tables, the label language, a cancellation
 * flag, and where to report progress of work that Spark's tasks do not show (rows written by an
 * export). The tables are taken once, when the context is made: a load in another paragraph
 * while the command runs cannot change what it reads, nor the version its result is cached under.
 */
public final class CommandContext {
  /** The version of the data this command reads; {@link DrugTables#version} keys its cached result. */
  public final DrugTables tables;
  /** Loading and the Spark session, for the commands that change the data (load) or write it (export). */
  public final DataChanges data;
  public final Labels.Lang lang;
  public final BooleanSupplier cancelled;
  /** Percent done, 0–100; -1 hands the progress bar back to the paragraph's Spark tasks. */
  public final IntConsumer progress;
  /** What the deployment allows, and who runs the paragraph. */
  public final AccessPolicy policy;
  public final Caller caller;
  /** The caller's own Spark session over these tables (or newer ones), for queries the user wrote. */
  public final Supplier<SparkSession> userSession;

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled) {
    this(data, lang, cancelled, p -> { });
  }

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled, IntConsumer progress) {
    this(data, data.tables(), lang, cancelled, progress, AccessPolicy.embedded(new Properties()), Caller.NOBODY, data::spark);
  }

  public CommandContext(DataChanges data, DrugTables tables, Labels.Lang lang, BooleanSupplier cancelled, IntConsumer progress,
      AccessPolicy policy, Caller caller, Supplier<SparkSession> userSession) {
    this.data = data;
    this.tables = tables;
    this.lang = lang;
    this.cancelled = cancelled;
    this.progress = progress;
    this.policy = policy;
    this.caller = caller;
    this.userSession = userSession;
  }
}
