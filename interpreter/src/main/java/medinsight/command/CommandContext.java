package medinsight.command;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.engine.DrugData;
import medinsight.render.Labels;

/**
 * What a command runs against: the data, the label language, a cancellation flag, and where to
 * report progress of work that Spark's tasks do not show (rows written by an export).
 */
public final class CommandContext {
  public final DrugData data;
  public final Labels.Lang lang;
  public final BooleanSupplier cancelled;
  /** Percent done, 0–100; -1 hands the progress bar back to the paragraph's Spark tasks. */
  public final IntConsumer progress;
  /** What the deployment allows, and who runs the paragraph. */
  public final AccessPolicy policy;
  public final Caller caller;
  /** The caller's own Spark session over the current tables, for queries the user wrote. */
  public final java.util.function.Supplier<org.apache.spark.sql.SparkSession> userSession;

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled) {
    this(data, lang, cancelled, p -> { });
  }

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled, IntConsumer progress) {
    this(data, lang, cancelled, progress, AccessPolicy.embedded(new java.util.Properties()), Caller.NOBODY, data::spark);
  }

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled, IntConsumer progress,
      AccessPolicy policy, Caller caller, java.util.function.Supplier<org.apache.spark.sql.SparkSession> userSession) {
    this.data = data;
    this.lang = lang;
    this.cancelled = cancelled;
    this.progress = progress;
    this.policy = policy;
    this.caller = caller;
    this.userSession = userSession;
  }
}
