package medinsight.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The local self-payment policy applied to products whose list gives no ratio: one ratio per
 * insurance level, and optionally one for negotiated drugs ({@code 谈判}), written as the
 * property {@code drugs.policy.selfpay}, e.g. {@code 甲=0,乙=0.1,丙=1} (fractions or percentages).
 * The default is an assumption, not a published Beijing figure; products given a ratio this way
 * are marked {@code ratio_source = policy}.
 */
public final class SelfPayPolicy {
  /** The default table: an assumption (甲 paid in full, 乙 10 % paid first by the patient, 丙 not paid). */
  public static final String DEFAULT_TEXT = "甲=0,乙=0.1,丙=1";
  public static final SelfPayPolicy DEFAULT = parse(DEFAULT_TEXT);

  private final Map<String, Double> ratios;

  private SelfPayPolicy(Map<String, Double> ratios) {
    this.ratios = ratios;
  }

  /** Parses {@code 甲=0,乙=10%,丙=1,谈判=0.2}; blank gives the default; anything else wrong is an error naming it. */
  public static SelfPayPolicy parse(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT == null ? parse(DEFAULT_TEXT) : DEFAULT;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (String part : text.split("[,，;；]")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        eq = p.indexOf(':');
      }
      if (eq <= 0) {
        throw new IllegalArgumentException("drugs.policy.selfpay 的“" + p + "”应写成 类别=比例，例如 " + DEFAULT_TEXT);
      }
      String key = p.substring(0, eq).trim().replace("类", "");
      if (!key.equals("甲") && !key.equals("乙") && !key.equals("丙") && !key.equals("谈判")) {
        throw new IllegalArgumentException("drugs.policy.selfpay 的类别“" + key + "”无法识别（应为 甲、乙、丙 或 谈判）");
      }
      String v = p.substring(eq + 1).trim().replace("％", "%");
      boolean percent = v.endsWith("%");
      BigDecimal d;
      try {
        d = new BigDecimal(percent ? v.substring(0, v.length() - 1).trim() : v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("drugs.policy.selfpay 的比例“" + v + "”不是数字");
      }
      if (percent) {
        d = d.movePointLeft(2);
      }
      if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0) {
        throw new IllegalArgumentException("drugs.policy.selfpay 的比例“" + v + "”超出 0–1");
      }
      out.put(key, d.doubleValue());
    }
    return new SelfPayPolicy(out);
  }

  /** The ratio for a product of this level (negotiated or not); null when the policy has none. */
  public Double ratio(String level, boolean negotiated) {
    if (level == null) {
      return null;
    }
    if (negotiated && ratios.containsKey("谈判")) {
      return ratios.get("谈判");
    }
    return ratios.get(level);
  }

  /** The table as written in the property, normalised: {@code 甲=0,乙=0.1,丙=1}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    ratios.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=')
        .append(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT)));
    return b.toString();
  }
}
