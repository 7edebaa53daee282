package medinsight.command;

import java.util.function.BooleanSupplier;
import medinsight.engine.DrugData;
import medinsight.render.Labels;

/** What a command runs against: the data, the label language, and a cancellation flag. */
public final class CommandContext {
  public final DrugData data;
  public final Labels.Lang lang;
  public final BooleanSupplier cancelled;

  public CommandContext(DrugData data, Labels.Lang lang, BooleanSupplier cancelled) {
    this.data = data;
    this.lang = lang;
    this.cancelled = cancelled;
  }
}
