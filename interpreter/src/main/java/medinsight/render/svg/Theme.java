package medinsight.render.svg;

import java.util.Locale;

/**
 * Colours of the charts. The background is always transparent: {@code light} is for Zeppelin's
 * white pages, {@code dark} for a dark big screen. One categorical palette serves both (its colours
 * are mid-tone); the sequential scale runs from the background's tone to a strong colour, so
 * "more" always stands out.
 */
public enum Theme {
  LIGHT("#1f2933", "#616e7c", "#d9e2ec", "#f5f7fa", "#ffffff",
      new String[] {"#f0f5fb", "#c6dbef", "#6baed6", "#2171b5", "#08306b"}),
  DARK("#e6edf3", "#9aa5b1", "#334155", "#1b2636", "#0f172a",
      new String[] {"#16263b", "#1d4e77", "#2b7bba", "#56b4e9", "#c8ecff"});

  /** Categorical colours, in order of use. */
  public static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
      "#edc948", "#9c755f", "#ff9da7", "#86bcb6", "#8cd17d", "#d4a6c8", "#a0cbe8", "#ffbe7d", "#bab0ac", "#499894"};

  public final String text;
  public final String muted;
  public final String grid;
  /** Fill of cards and empty cells. */
  public final String panel;
  /** The page colour the theme is meant for: gaps between tiles are drawn in it. */
  public final String page;
  private final String[] scale;

  Theme(String text, String muted, String grid, String panel, String page, String[] scale) {
    this.text = text;
    this.muted = muted;
    this.grid = grid;
    this.panel = panel;
    this.page = page;
    this.scale = scale;
  }

  public static Theme parse(String s) {
    return s == null ? LIGHT : valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  public static String category(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** The sequential scale at t in [0, 1]. */
  public String scale(double t) {
    double u = Math.max(0, Math.min(1, t)) * (scale.length - 1);
    int i = Math.min(scale.length - 2, (int) Math.floor(u));
    return mix(scale[i], scale[i + 1], u - i);
  }

  /** The colour at the top of the sequential scale. */
  public String scaleTop() {
    return scale[scale.length - 1];
  }

  public String scaleBottom() {
    return scale[0];
  }

  /** a mixed with b: t = 0 gives a, t = 1 gives b. */
  public static String mix(String a, String b, double t) {
    int[] x = rgb(a);
    int[] y = rgb(b);
    int[] o = new int[3];
    for (int i = 0; i < 3; i++) {
      o[i] = (int) Math.round(x[i] + (y[i] - x[i]) * t);
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", o[0], o[1], o[2]);
  }

  static int[] rgb(String hex) {
    return new int[] {Integer.parseInt(hex.substring(1, 3), 16), Integer.parseInt(hex.substring(3, 5), 16),
        Integer.parseInt(hex.substring(5, 7), 16)};
  }

  /** WCAG relative luminance. */
  public static double luminance(String hex) {
    int[] c = rgb(hex);
    double l = 0;
    double[] w = {0.2126, 0.7152, 0.0722};
    for (int i = 0; i < 3; i++) {
      double s = c[i] / 255.0;
      l += w[i] * (s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4));
    }
    return l;
  }

  /**
   * Text colour on a fill: black or white, whichever contrasts more. With these two the contrast
   * is at least 4.58 on any fill, above the 4.5 that small text needs.
   */
  public static String textOn(String fill) {
    double l = luminance(fill);
    return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
  }

  /** WCAG contrast ratio of two colours. */
  public static double contrast(String a, String b) {
    double x = luminance(a);
    double y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
}
