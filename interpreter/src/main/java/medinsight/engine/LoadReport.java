package medinsight.engine;

import java.time.Instant;
import java.util.Map;
import medinsight.catalog.LoadResult;

/** The accounting of one load, for {@code quality} and the load message. */
public final class LoadReport {
  public final String source;
  public final String kind;
  public final long read;
  public final long loaded;
  public final long rejected;
  public final long duplicates;
  public final Map<String, Long> missing;
  public final Map<String, Long> normalisations;
  public final Instant loadedAt;
  public final long millis;

  public LoadReport(LoadResult<?> r, long millis) {
    this.source = r.source;
    this.kind = r.kind;
    this.read = r.read;
    this.loaded = r.records.size();
    this.rejected = r.rejected.size();
    this.duplicates = r.duplicates;
    this.missing = Map.copyOf(r.missing);
    this.normalisations = r.normalisations.asMap();
    this.loadedAt = Instant.now();
    this.millis = millis;
  }
}
