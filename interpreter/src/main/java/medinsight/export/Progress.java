package medinsight.export;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import medinsight.core.UserException;

/**
 * Rows written out of the rows to write, for the paragraph's progress bar; and the point where a
 * cancelled export stops, between two rows.
 */
final class Progress {
  private final long total;
  private final BooleanSupplier cancelled;
  private final IntConsumer report;
  private long done;
  private int last = -1;

  Progress(long total, BooleanSupplier cancelled, IntConsumer report) {
    this.total = total;
    this.cancelled = cancelled;
    this.report = report;
    // the bar is at 0 since the export's target was opened (Exporter.target); from here on it
    // follows the rows written
    last = 0;
  }

  /** Called once per row written; throws when the paragraph is cancelled. */
  void row() {
    done++;
    if (cancelled.getAsBoolean()) {
      throw new UserException("已取消。");
    }
    // 99 at most until the file is complete: an xlsx is still being zipped after its last row
    int p = total <= 0 ? 99 : (int) Math.min(99, 100 * done / total);
    if (p != last) {
      last = p;
      report.accept(p);
    }
  }

  long done() {
    return done;
  }
}
