package medinsight.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one load produced: the good records, the rejected rows, and the accounting. */
public final class LoadResult<T> {
  public final String source;
  public final DataKind kind;
  public final List<T> records = new ArrayList<>();
  /** Rejected rows held in memory (all of them, unless a sink takes them in batches). */
  public final List<RejectedRow> rejected = new ArrayList<>();
  /** Rejected rows already handed to the reject sink (no longer in {@link #rejected}). */
  public long rejectedSpilled;
  /** The first rejected rows, whatever became of the others. */
  public final List<RejectedRow> rejectSample = new ArrayList<>();
  /** Rejected rows by kind of reason (the reason with its quoted values and numbers left out). */
  public final Map<String, Long> reasons = new LinkedHashMap<>();
  private Sink<RejectedRow> rejectSink;
  private int rejectBatch;
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

  /** Sample size kept in {@link #rejectSample}. */
  public static final int SAMPLE = 100;
  /** Kinds of reason counted apart in {@link #reasons}; the rest are counted together. */
  static final int KINDS = 50;

  /** Rows rejected: those held plus those handed to the reject sink. */
  public long rejectedCount() {
    return rejectedSpilled + rejected.size();
  }

  /** From now on, rejected rows go to {@code sink} whenever {@code batch} of them are held. */
  public void spillRejectedTo(Sink<RejectedRow> sink, int batch) {
    this.rejectSink = sink;
    this.rejectBatch = Math.max(1, batch);
  }

  /** Hands the held rejected rows to the sink, if one is set and it has taken rows before. */
  public void flushRejected() {
    if (rejectSink != null && rejectedSpilled > 0 && !rejected.isEmpty()) {
      spillRejected();
    }
  }

  private void spillRejected() {
    rejectSink.accept(new ArrayList<>(rejected));
    rejectedSpilled += rejected.size();
    rejected.clear();
  }

  /** The kind of a reason: its quoted values and its numbers left out, so that like reasons count together. */
  public static String kindOf(String reason) {
    String k = reason.replaceAll("“[^”]*”", "“…”").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("\\d+(\\.\\d+)?", "N");
    return k.length() > 80 ? k.substring(0, 80) + "…" : k;
  }

  /** Records loaded: those held plus those handed to a sink. */
  public long loaded() {
    return spilled + records.size();
  }

  public LoadResult(String source, DataKind kind) {
    this.source = source;
    this.kind = kind;
  }

  public void reject(String sheet, int row, String reason, String raw) {
    RejectedRow r = new RejectedRow(source, kind.key(), sheet, row, reason, raw);
    if (rejectSample.size() < SAMPLE) {
      rejectSample.add(r);
    }
    String k = kindOf(reason);
    if (!reasons.containsKey(k) && reasons.size() >= KINDS) {
      k = "其他原因";
    }
    reasons.merge(k, 1L, Long::sum);
    rejected.add(r);
    if (rejectSink != null && rejected.size() >= rejectBatch) {
      spillRejected();
    }
  }

  /** Fields set to unknown, by field and kind of reason ("医保类别：无法识别…"), bounded as {@link #reasons}. */
  public final Map<String, Long> quarantined = new LinkedHashMap<>();
  /** Loaded records with at least one field set to unknown. */
  public long quarantinedRecords;

  /** Counts the fields of one loaded record that were set to unknown. */
  public void quarantine(List<QuarantinedField> fields) {
    quarantinedRecords++;
    for (QuarantinedField q : fields) {
      String k = kindOf(q.reason);
      if (!quarantined.containsKey(k) && quarantined.size() >= KINDS) {
        k = "其他原因";
      }
      quarantined.merge(k, 1L, Long::sum);
    }
  }

  public void countMissing(String column, Object value) {
    boolean blank = value == null || (value instanceof String && ((String) value).isBlank());
    missing.merge(column, blank ? 1L : 0L, Long::sum);
  }
}
