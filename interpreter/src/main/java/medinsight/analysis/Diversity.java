package medinsight.analysis;

import java.util.Arrays;

/** Diversity and concentration indices over counts. Pure functions, checked by hand in tests. */
public final class Diversity {
  private Diversity() {}

  /** Shannon entropy H = −Σ pᵢ ln pᵢ (natural log); 0 for one category. */
  public static double shannon(long[] counts) {
    long total = Arrays.stream(counts).sum();
    double h = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        h -= p * Math.log(p);
      }
    }
    return h == 0 ? 0 : h;
  }

  /** Gini–Simpson index D = 1 − Σ pᵢ², the chance that two random products differ in category. */
  public static double simpson(long[] counts) {
    long total = Arrays.stream(counts).sum();
    double s = 0;
    for (long c : counts) {
      double p = (double) c / total;
      s += p * p;
    }
    return 1 - s;
  }

  /** Pielou evenness H / ln k; 0 for a single category. */
  public static double evenness(long[] counts) {
    long k = Arrays.stream(counts).filter(c -> c > 0).count();
    return k <= 1 ? 0 : shannon(counts) / Math.log(k);
  }

  /** Share of the n largest, e.g. CR4. */
  public static double concentrationRatio(long[] counts, int n) {
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    long total = Arrays.stream(sorted).sum();
    long top = 0;
    for (int i = 0; i < n && i < sorted.length; i++) {
      top += sorted[sorted.length - 1 - i];
    }
    return total == 0 ? 0 : (double) top / total;
  }

  /** Herfindahl–Hirschman index on percentage shares, 0–10,000. */
  public static double hhi(long[] counts) {
    long total = Arrays.stream(counts).sum();
    double h = 0;
    for (long c : counts) {
      double s = 100.0 * c / total;
      h += s * s;
    }
    return h;
  }

  /**
   * The reading of a market's HHI (below 1,500 unconcentrated, up to 2,500 moderate, above high)
   * together with its CR4: a market of many small firms behind a few large ones has a low HHI and
   * yet is not competitive, so an HHI below 1,500 with CR4 of 40 % or more (Shepherd's line for a
   * tight oligopoly) reads 寡占, not 竞争.
   */
  public static String reading(double hhi, double cr4) {
    if (hhi > 2500) {
      return "高度集中（HHI>2500）";
    }
    if (hhi >= 1500) {
      return "中度集中（HHI 1500–2500）";
    }
    return cr4 >= 0.4 ? "寡占型（HHI<1500，但 CR4≥40%）" : "竞争型（HHI<1500，CR4<40%）";
  }
}
