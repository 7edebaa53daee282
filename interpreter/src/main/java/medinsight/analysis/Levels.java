package medinsight.analysis;

import java.util.Comparator;
import java.util.List;

/** Order of insurance levels and small helpers shared by the analyses. */
final class Levels {
  static final List<String> ORDER = List.of("甲", "乙", "丙");

  private Levels() {}

  static int rank(String level) {
    int i = level == null ? -1 : ORDER.indexOf(level);
    return i < 0 ? ORDER.size() : i;
  }

  static final Comparator<String> BY_LEVEL = Comparator.comparingInt(Levels::rank);

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
