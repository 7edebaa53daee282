package medinsight.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one load produced: the good records, the rejected rows, and the accounting. */
public final class LoadResult<T> {
  public final String source;
  public final String kind;
  public final List<T> records = new ArrayList<>();
  public final List<RejectedRow> rejected = new ArrayList<>();
  public final Normalisations normalisations = new Normalisations();
  /** Data rows read from the source (category and header rows not counted). */
  public long read;
  /** Blank cells per column, over the loaded records. */
  public final Map<String, Long> missing = new LinkedHashMap<>();
  public long duplicates;
  /** Records already handed to a {@link Sink} (no longer in {@link #records}). */
  public long spilled;

  /** Takes records in batches, so that a large source is never held whole in memory. */
  public interface Sink<T> {
    void accept(List<T> batch);
  }

  /** Records loaded: those held plus those handed to a sink. */
  public long loaded() {
    return spilled + records.size();
  }

  public LoadResult(String source, String kind) {
    this.source = source;
    this.kind = kind;
  }

  public void reject(String sheet, int row, String reason, String raw) {
    rejected.add(new RejectedRow(source, kind, sheet, row, reason, raw));
  }

  public void countMissing(String column, Object value) {
    boolean blank = value == null || (value instanceof String && ((String) value).isBlank());
    missing.merge(column, blank ? 1L : 0L, Long::sum);
  }
}
