package medinsight.render.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes standalone, script-free SVG: no scripts, no event handlers, no links, no ids (several
 * charts share one Zeppelin page, where ids would collide), every text XML-escaped. Zeppelin's new
 * UI inserts {@code %html} without running scripts, so hover text is SVG {@code <title>}. The
 * width is 100 % of the paragraph up to the drawing's own width, the height follows the viewBox.
 * Every element starts a line with {@code <}: a line starting with {@code %} would start a new
 * Zeppelin result.
 */
public final class Svg {
  /** CJK-capable fonts first: Chinese labels are measured as if set in one of these. */
  public static final String FONTS = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif";

  private final StringBuilder b = new StringBuilder();

  /** Opens the drawing; {@code label} is read out by screen readers. */
  public Svg(double width, double height, String label, Theme theme) {
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
        .append("\" width=\"100%\" style=\"max-width:").append(num(width)).append("px;height:auto;display:block\"")
        .append(" font-family=\"").append(FONTS).append("\" font-size=\"12\" fill=\"").append(theme.text)
        .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">\n");
  }

  /** An empty element, e.g. {@code tag("rect", "x", 1, "y", 2)}; attributes as name, value pairs. */
  public Svg tag(String name, Object... attrs) {
    start(name, attrs).append("/>\n");
    return this;
  }

  /** Opens an element; close it with {@link #close}. */
  public Svg open(String name, Object... attrs) {
    start(name, attrs).append(">");
    return this;
  }

  public Svg close(String name) {
    b.append("</").append(name).append(">\n");
    return this;
  }

  /**
   * Hover text of the enclosing element. Line breaks are written as {@code &#10;}: they show in
   * the tooltip and never start a new line of output.
   */
  public Svg title(String text) {
    b.append("<title>").append(escape(text.replace("\r\n", "\n")).replace("\u0000", "&#10;")).append("</title>");
    return this;
  }

  /** Text content of the open element. */
  public Svg content(String text) {
    b.append(esc(text));
    return this;
  }

  /** A text element. */
  public Svg text(double x, double y, String text, Object... attrs) {
    Object[] all = new Object[attrs.length + 4];
    all[0] = "x";
    all[1] = x;
    all[2] = "y";
    all[3] = y;
    System.arraycopy(attrs, 0, all, 4, attrs.length);
    start("text", all).append('>').append(esc(text)).append("</text>\n");
    return this;
  }

  /**
   * A label fitted into {@code maxWidth}: cut with "…" when too long, the full text then in a
   * {@code <title>}; nothing when not even one character fits.
   */
  public Svg label(double x, double y, String text, double size, double maxWidth, Object... attrs) {
    String shown = TextFit.fit(text, size, maxWidth);
    if (shown.isEmpty()) {
      return this;
    }
    Object[] all = new Object[attrs.length + 6];
    all[0] = "x";
    all[1] = x;
    all[2] = "y";
    all[3] = y;
    all[4] = "font-size";
    all[5] = size;
    System.arraycopy(attrs, 0, all, 6, attrs.length);
    start("text", all).append('>');
    if (!shown.equals(text)) {
      title(text);
    }
    b.append(esc(shown)).append("</text>\n");
    return this;
  }

  private StringBuilder start(String name, Object[] attrs) {
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    b.append('<').append(name);
    for (int i = 0; i < attrs.length; i += 2) {
      Object v = attrs[i + 1];
      if (v == null) {
        continue;
      }
      b.append(' ').append(attrs[i]).append("=\"").append(v instanceof Number ? num(((Number) v).doubleValue())
          : esc(v.toString())).append('"');
    }
    return b;
  }

  private static final java.util.regex.Pattern VIEW_BOX = java.util.regex.Pattern.compile("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");

  /**
   * A drawing with a badge under its bottom right corner ({@code 示例数据}: figures from the
   * bundled synthetic product list), in a strip added below it so it covers nothing; unchanged
   * when it has one already.
   */
  public static String badge(String svg, String text) {
    java.util.regex.Matcher m = VIEW_BOX.matcher(svg);
    int end = svg.lastIndexOf("</svg>");
    if (svg.contains("class=\"sample\"") || !m.find() || end < 0) {
      return svg;
    }
    double w = Double.parseDouble(m.group(1));
    double h = Double.parseDouble(m.group(2));
    String grown = svg.substring(0, m.start()) + "viewBox=\"0 0 " + num(w) + " " + num(h + 24) + "\"" + svg.substring(m.end(), end);
    return grown + badgeAt(w, h + 2, text) + svg.substring(end);
  }

  /** The badge's markup with its top right corner at (right, top). */
  static String badgeAt(double right, double top, String text) {
    double width = TextFit.width(text, 11) + 16;
    return "<g class=\"sample\"><rect x=\"" + num(right - width - 2) + "\" y=\"" + num(top + 2) + "\" width=\"" + num(width)
        + "\" height=\"18\" rx=\"9\" fill=\"#fff4e5\" stroke=\"#d97706\" stroke-width=\"1\"/><text x=\"" + num(right - 2 - width / 2)
        + "\" y=\"" + num(top + 15) + "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#92400e\">" + esc(text) + "</text></g>\n";
  }

  /** Appends the badge at (right, top) to the drawing being made. */
  public Svg badge(double right, double top, String text) {
    b.append(badgeAt(right, top, text));
    return this;
  }

  public String done() {
    return b.append("</svg>").toString();
  }

  /** A coordinate: at most two decimals, no exponent, no trailing zeros. */
  public static String num(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not a finite number: " + d);
    }
    String s = BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** XML text: markup characters escaped; line breaks and other control characters as spaces. */
  public static String esc(String s) {
    return escape(s).replace('\u0000', ' ');
  }

  private static String escape(String s) {
    StringBuilder o = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': o.append("&amp;"); break;
        case '<': o.append("&lt;"); break;
        case '>': o.append("&gt;"); break;
        case '"': o.append("&quot;"); break;
        case '\'': o.append("&#39;"); break;
        case '\n': o.append('\u0000'); break;
        default:
          o.append(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? ' ' : c);
      }
    }
    return o.toString();
  }
}
