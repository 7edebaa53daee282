package medinsight.catalog;

/** A source row that could not be loaded, with where it came from and why. */
public final class RejectedRow {
  public final String source;
  /** The {@link DataKind#key()} of the source: this row goes to meta.json and rejected_rows as text. */
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
    this.raw = excerpt(raw);
  }

  /** Most characters of a source line kept with a rejected row. */
  public static final int EXCERPT = 200;

  /** A bounded, printable excerpt of a source line: control characters shown as '·', cut with '…'. */
  public static String excerpt(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (int i = 0; i < raw.length() && n < EXCERPT; ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      boolean printable = !Character.isISOControl(cp) && Character.getType(cp) != Character.UNASSIGNED
          && Character.getType(cp) != Character.PRIVATE_USE && Character.getType(cp) != Character.SURROGATE
          && Character.getType(cp) != Character.FORMAT && cp != 0xFFFD;
      b.appendCodePoint(printable ? cp : '·');
      n++;
    }
    return raw.codePointCount(0, raw.length()) > EXCERPT ? b + "…" : b.toString();
  }
}
