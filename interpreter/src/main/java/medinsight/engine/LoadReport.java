package medinsight.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import medinsight.catalog.DataKind;
import medinsight.catalog.LoadResult;

/** The accounting of one load, for {@code quality} and the load message. */
public final class LoadReport {
  public final String source;
  public final DataKind kind;
  public final long read;
  public final long loaded;
  public final long rejected;
  public final long duplicates;
  public final Map<String, Long> missing;
  public final Map<String, Long> normalisations;
  /** Fields of loaded rows set to unknown, by field and kind of reason. */
  public final Map<String, Long> quarantined;
  /** Loaded rows with at least one field set to unknown. */
  public final long quarantinedRows;

  /** Fields of loaded rows set to unknown: the rows of {@code quarantined_fields} from this load. */
  public long quarantinedFields() {
    return quarantined.values().stream().mapToLong(Long::longValue).sum();
  }
  public final Instant loadedAt;
  public final long millis;
  /** Read back from the warehouse rather than parsed from the source now. */
  public final boolean fromWarehouse;
  /** Loaded by an earlier {@code load} and installed again at this start. */
  public final boolean restored;

  /** The report as plain data, for the warehouse ({@code meta.json}). */
  static final class Data {
    String source;
    /** The kind's {@link DataKind#key()}. */
    String kind;
    long read;
    long loaded;
    long rejected;
    long duplicates;
    Map<String, Long> missing;
    Map<String, Long> normalisations;
    /** Absent in the metadata of tables stored before fields were quarantined. */
    Map<String, Long> quarantined;
    long quarantinedRows;
    long millis;
  }

  Data data() {
    Data d = new Data();
    d.source = source;
    d.kind = kind.key();
    d.read = read;
    d.loaded = loaded;
    d.rejected = rejected;
    d.duplicates = duplicates;
    d.missing = new LinkedHashMap<>(missing);
    d.normalisations = new LinkedHashMap<>(normalisations);
    d.quarantined = new LinkedHashMap<>(quarantined);
    d.quarantinedRows = quarantinedRows;
    d.millis = millis;
    return d;
  }

  /** A report read back from the warehouse: the figures of the original load, loaded now. */
  LoadReport(Data d, long millis) {
    this.source = d.source;
    this.kind = DataKind.of(d.kind);
    this.read = d.read;
    this.loaded = d.loaded;
    this.rejected = d.rejected;
    this.duplicates = d.duplicates;
    this.missing = Map.copyOf(d.missing);
    this.normalisations = new LinkedHashMap<>(d.normalisations);
    this.quarantined = d.quarantined == null ? Map.of() : new LinkedHashMap<>(d.quarantined);
    this.quarantinedRows = d.quarantinedRows;
    this.loadedAt = Instant.now();
    this.millis = millis;
    this.fromWarehouse = true;
    this.restored = false;
  }

  private LoadReport(LoadReport r, boolean restored) {
    this.source = r.source;
    this.kind = r.kind;
    this.read = r.read;
    this.loaded = r.loaded;
    this.rejected = r.rejected;
    this.duplicates = r.duplicates;
    this.missing = r.missing;
    this.normalisations = r.normalisations;
    this.quarantined = r.quarantined;
    this.quarantinedRows = r.quarantinedRows;
    this.loadedAt = r.loadedAt;
    this.millis = r.millis;
    this.fromWarehouse = r.fromWarehouse;
    this.restored = restored;
  }

  /** This report, marked as a table an earlier load made current, installed again at this start. */
  LoadReport restored() {
    return new LoadReport(this, true);
  }

  /** This report, or when {@code warehouse} a copy of it marked as read from the warehouse. */
  LoadReport fromWarehouse(boolean warehouse) {
    return warehouse && !fromWarehouse ? new LoadReport(data(), millis) : this;
  }

  public LoadReport(LoadResult<?> r, long millis) {
    this.source = r.source;
    this.kind = r.kind;
    this.read = r.read;
    this.loaded = r.loaded();
    this.rejected = r.rejectedCount();
    this.duplicates = r.duplicates;
    this.missing = Map.copyOf(r.missing);
    this.normalisations = r.normalisations.asMap();
    this.quarantined = new LinkedHashMap<>(r.quarantined);
    this.quarantinedRows = r.quarantinedRecords;
    this.loadedAt = Instant.now();
    this.millis = millis;
    this.fromWarehouse = false;
    this.restored = false;
  }
}
