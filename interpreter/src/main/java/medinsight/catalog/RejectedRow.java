package medinsight.catalog;

/** A source row that could not be loaded, with where it came from and why. */
public final class RejectedRow {
  public final String source;
  public final String kind;
  public final String sheet;
  public final int row;
  public final String reason;
  public final String raw;

  public RejectedRow(String source, String kind, String sheet, int row, String reason, String raw) {
    this.source = source;
    this.kind = kind;
    this.sheet = sheet;
    this.row = row;
    this.reason = reason;
    this.raw = raw == null ? null : (raw.length() > 500 ? raw.substring(0, 500) + "…" : raw);
  }
}
