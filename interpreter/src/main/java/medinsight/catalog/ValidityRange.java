package medinsight.catalog;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An agreement's validity, e.g. {@code 2024年1月1日至2025年12月31日}. */
public final class ValidityRange {
  private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[年.\\-/]\\s*(\\d{1,2})\\s*[月.\\-/]\\s*(\\d{1,2})\\s*日?");

  public final LocalDate from;
  public final LocalDate to;

  private ValidityRange(LocalDate from, LocalDate to) {
    this.from = from;
    this.to = to;
  }

  /** Null when the text holds fewer than two dates or an impossible date. */
  public static ValidityRange parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DATE.matcher(text);
    LocalDate[] d = new LocalDate[2];
    int i = 0;
    try {
      while (i < 2 && m.find()) {
        d[i++] = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
      }
    } catch (DateTimeException e) {
      return null;
    }
    return i == 2 ? new ValidityRange(d[0], d[1]) : null;
  }
}
