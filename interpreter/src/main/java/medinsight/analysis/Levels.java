package medinsight.analysis;

import java.util.Comparator;
import java.util.List;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Row;

/** Order of insurance levels and small helpers shared by the analyses. */
final class Levels {
  static final List<String> ORDER = List.of("甲", "乙", "丙");

  private Levels() {}

  static int rank(String level) {
    int i = level == null ? -1 : ORDER.indexOf(level);
    return i < 0 ? ORDER.size() : i;
  }

  static final Comparator<String> BY_LEVEL = Comparator.comparingInt(Levels::rank);

  /** A nullable double column of a row (an average over products without ratios is null). */
  static Double dbl(Row r, int i) {
    return r.isNullAt(i) ? null : r.getDouble(i);
  }

  /** A level for display: 甲/乙/丙, or （未知） when neither the list nor the catalog gives it. */
  static String label(String level) {
    return level == null ? "（未知）" : level;
  }

  /**
   * The note of an analysis of self-payment ratios when some come from the policy table rather
   * than from the data, or some products have none; null when every ratio is the list's own.
   */
  static String ratioNote(DrugTables t) {
    DrugTables.ProductStats ps = t.productStats();
    if (ps.policyRatios == 0 && ps.noRatio == 0) {
      return null;
    }
    StringBuilder b = new StringBuilder("自付比例：");
    if (ps.policyRatios > 0) {
      b.append(String.format("%,d 个产品（%.1f%%）的比例不来自数据，而是按医保类别取自政策表 drugs.policy.selfpay（默认值为假设，见 README）",
          ps.policyRatios, 100.0 * ps.policyRatios / Math.max(1, ps.products)));
    }
    if (ps.noRatio > 0) {
      b.append(ps.policyRatios > 0 ? "；" : "").append(String.format("%,d 个产品医保类别未知、没有自付比例，不计入比例统计", ps.noRatio));
    }
    return b.append("。").toString();
  }

  static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  static Double round(Double v, int digits) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return null;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
