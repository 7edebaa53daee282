package medinsight.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A negotiated drug's payment standard (医保支付标准), e.g. {@code 63.00元(10mg/支)}, several
 * joined by {@code ；}, or {@code *} where the price is confidential.
 */
public final class PaymentStandard {
  private static final Pattern ITEM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*元\\s*(?:[（(](.*)[)）])?");

  public final boolean confidential;
  /** Amounts in yuan with their unit, in the order of the cell. */
  public final List<BigDecimal> amounts;
  public final List<String> units;

  private PaymentStandard(boolean confidential, List<BigDecimal> amounts, List<String> units) {
    this.confidential = confidential;
    this.amounts = amounts;
    this.units = units;
  }

  /** Parses a cleaned cell; null when the cell is empty or not a price. */
  public static PaymentStandard parse(String cell) {
    if (cell == null || cell.isBlank()) {
      return null;
    }
    String s = cell.trim();
    if (s.equals("*") || s.equals("＊")) {
      return new PaymentStandard(true, List.of(), List.of());
    }
    List<BigDecimal> amounts = new ArrayList<>();
    List<String> units = new ArrayList<>();
    for (String part : s.split("[；;]")) {
      Matcher m = ITEM.matcher(part.trim());
      if (m.lookingAt()) {
        amounts.add(new BigDecimal(m.group(1)));
        units.add(m.group(2) == null ? null : m.group(2).trim());
      }
    }
    if (amounts.isEmpty()) {
      return null;
    }
    return new PaymentStandard(false, amounts, units);
  }
}
