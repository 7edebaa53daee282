package medinsight.render.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Text widths without a font at hand: the server that draws a chart has no CJK font, the browser
 * that shows it has. A CJK glyph is 1 em wide in every CJK font; Latin letters and digits are
 * taken at 0.55 em (capitals 0.65 em), a little wider than in most sans-serif fonts, so that a
 * label measured to fit does fit.
 */
public final class TextFit {
  public static final String ELLIPSIS = "…";
  /** Punctuation that must not start a line. */
  static final String CLOSING = "，。、；：？！）》」』】…,.;:?!)]%";

  private TextFit() {}

  /** Advance of one code point in em. */
  static double advance(int cp) {
    if (cp < 0x80) {
      if (cp == ' ') {
        return 0.3;
      }
      if (cp == 'i' || cp == 'l' || cp == 'j' || cp == '.' || cp == ',' || cp == ':' || cp == '\'' || cp == '|' || cp == '!') {
        return 0.3;
      }
      if ((cp >= 'A' && cp <= 'Z') || cp == 'm' || cp == 'w' || cp == '%' || cp == '@') {
        return 0.65;
      }
      return 0.55;
    }
    return wide(cp) ? 1.0 : 0.6;
  }

  /** CJK ideographs and punctuation, fullwidth forms, and the symbols CJK fonts set full width. */
  static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || cp == 0x2026 || (cp >= 0x2190 && cp <= 0x2BFF)
        || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || cp >= 0x20000;
  }

  /** Width of the text in user units at the font size. */
  public static double width(String s, double size) {
    double w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += advance(cp);
      i += Character.charCount(cp);
    }
    return w * size;
  }

  /** The text, or its longest start followed by "…" that fits; empty when not even that fits. */
  public static String fit(String s, double size, double maxWidth) {
    if (width(s, size) <= maxWidth) {
      return s;
    }
    double room = maxWidth - width(ELLIPSIS, size);
    double w = 0;
    int end = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      double a = advance(cp) * size;
      if (w + a > room) {
        break;
      }
      w += a;
      i += Character.charCount(cp);
      end = i;
    }
    return end == 0 ? "" : s.substring(0, end).stripTrailing() + ELLIPSIS;
  }

  /**
   * The text broken into at most {@code maxLines} lines of {@code maxWidth}, the lines about even
   * in length so that no line is left holding one character (口服液 / 体剂, not 口服液体 / 剂).
   * Chinese breaks between any two characters, Latin at spaces where it can; the last line ends in
   * "…" when text is left over. Empty when the first character does not fit.
   */
  public static List<String> wrap(String s, double size, double maxWidth, int maxLines) {
    List<String> lines = new ArrayList<>();
    String rest = s.trim();
    double total = width(rest, size);
    int needed = (int) Math.min(maxLines, Math.max(1, Math.ceil(total / maxWidth - 1e-9)));
    double target = Math.min(maxWidth, total / needed);
    while (!rest.isEmpty() && lines.size() < maxLines) {
      if (lines.size() == maxLines - 1 || width(rest, size) <= maxWidth) {
        String last = fit(rest, size, maxWidth);
        if (!last.isEmpty()) {
          lines.add(last);
        }
        break;
      }
      int end = 0;
      double w = 0;
      for (int i = 0; i < rest.length(); ) {
        int cp = rest.codePointAt(i);
        double a = advance(cp) * size;
        // break nearest the even length, never beyond the width
        if (w + a > maxWidth || (end > 0 && w + a / 2 > target)) {
          break;
        }
        w += a;
        i += Character.charCount(cp);
        end = i;
      }
      if (end == 0) {
        break;
      }
      // a Latin word is not split when a space before it, or right after it, can end the line
      if (end < rest.length() && !wide(rest.codePointAt(end)) && rest.charAt(end) != ' '
          && !wide(rest.codePointBefore(end))) {
        int before = rest.lastIndexOf(' ', end);
        int after = rest.indexOf(' ', end);
        if (before > 0) {
          end = before;
        } else if (after > 0 && width(rest.substring(0, after), size) <= maxWidth) {
          end = after;
        }
      }
      // closing punctuation never starts a line: it stays on this one, or takes a character along
      if (end < rest.length() && CLOSING.indexOf(rest.charAt(end)) >= 0) {
        if (width(rest.substring(0, end + 1), size) <= maxWidth) {
          end++;
        } else if (end > 1) {
          end = rest.offsetByCodePoints(end, -1);
        }
      }
      lines.add(rest.substring(0, end).trim());
      rest = rest.substring(end).trim();
    }
    return lines;
  }
}
