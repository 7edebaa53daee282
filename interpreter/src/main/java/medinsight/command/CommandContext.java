package medinsight.command;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
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

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled) {
    this(data, lang, cancelled, p -> { });
  }

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled, IntConsumer progress) {
    this.data = data;
    this.lang = lang;
    this.cancelled = cancelled;
    this.progress = progress;
  }
}
