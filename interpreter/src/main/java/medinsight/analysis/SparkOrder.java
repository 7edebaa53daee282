package medinsight.analysis;

/**
 * Sorts a few collected rows in the driver in the order Spark's {@code orderBy} gives them:
 * strings by code point (Spark compares their UTF-8 bytes), nulls first. An {@code orderBy} with
 * no limit is a range sort: Spark samples the rows in a job of its own and shuffles them, which
 * costs more than the aggregate whose handful of rows it sorts.
 */
public final class SparkOrder {
  private SparkOrder() {}

  public static int strings(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Integers ascending, nulls first. */
  public static int integers(Integer a, Integer b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return Integer.compare(a, b);
  }
}
