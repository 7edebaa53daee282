package medinsight.render.svg;

import java.util.Locale;
import medinsight.analysis.ResultTable;
import medinsight.render.TableRenderer;

/** Numbers as the charts show them: the table's rounding, thousands separators, "%" on shares. */
final class Fmt {
  private Fmt() {}

  static String count(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String percent(double fraction) {
    return TableRenderer.format(fraction, ResultTable.Type.PERCENT) + "%";
  }

  /** A table value for display: counts with separators, percentages with "%", others as in %table. */
  static String value(Object v, ResultTable.Type type) {
    if (v == null) {
      return "–";
    }
    switch (type) {
      case COUNT:
        return count(((Number) v).longValue());
      case PERCENT:
        return percent(((Number) v).doubleValue());
      default:
        return TableRenderer.format(v, type);
    }
  }
}
