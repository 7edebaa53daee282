package medinsight.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cleans cell text from the official catalog: line breaks left by the PDF conversion, stray
 * spaces after Chinese punctuation and between Chinese characters, and names that list
 * alternatives on several lines.
 */
public final class TextCleaner {
  private TextCleaner() {}

  /** True for CJK ideographs, full-width punctuation and Roman numerals (Ⅰ Ⅱ …). */
  static boolean isWide(int c) {
    return (c >= 0x2E80 && c <= 0x9FFF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFF00 && c <= 0xFFEF)
        || (c >= 0x3000 && c <= 0x303F)
        || (c >= 0x2160 && c <= 0x217F)
        || c == '★' || c == '：' || c == '；' || c == '，' || c == '、' || c == '（' || c == '）';
  }

  /**
   * Joins lines and removes white space next to wide characters; other runs of white space become
   * one space. Returns null for null or blank input.
   */
  public static String clean(String raw, Normalisations n) {
    if (raw == null) {
      return null;
    }
    String s = raw.replace('\u00A0', ' ').replace('\u3000', ' ');
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      if (n != null) {
        n.add("单元格换行合并");
      }
      s = s.replace("\r", "");
      s = joinWrapped(s);
    }
    String out = squeeze(s);
    if (n != null && !out.equals(s.trim())) {
      n.add("多余空格去除");
    }
    return out.isEmpty() ? null : out;
  }

  /**
   * A field of a user's file (a product list): trimmed, a line break between two Chinese
   * characters removed (a wrapped cell), other line breaks and tabs as spaces, runs of
   * spaces as one. Unlike {@link #clean}, spaces next to Chinese characters are kept, so a name
   * such as {@code O'Brien (北京) 药业} stays exactly as written.
   */
  private static final Pattern WIDE_WRAP = Pattern.compile(
      "(?<=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF])[ \\t]*\\r?\\n[ \\t]*(?=[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF])");

  public static String field(String raw, Normalisations n) {
    if (raw == null) {
      return null;
    }
    // a cell wrapped between two Chinese characters (text copied out of a PDF) is one word
    String joined = raw.indexOf('\n') >= 0 ? WIDE_WRAP.matcher(raw).replaceAll("") : raw;
    String s = joined.replace('\u00A0', ' ').replace('\u3000', ' ').replace('\r', ' ').replace('\n', ' ')
        .replace('\t', ' ').trim();
    String out = s.replaceAll(" {2,}", " ");
    if (n != null && (!out.equals(raw))) {
      n.add("字段首尾空白、换行去除");
    }
    return out.isEmpty() ? null : out;
  }

  /** A wrapped line is joined; on a break between two Latin letters or digits a space is kept. */
  private static String joinWrapped(String s) {
    StringBuilder b = new StringBuilder();
    String[] lines = s.split("\n");
    for (String line : lines) {
      String t = line.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        char last = b.charAt(b.length() - 1);
        char first = t.charAt(0);
        if (Character.isLetterOrDigit(last) && !isWide(last)
            && Character.isLetterOrDigit(first) && !isWide(first)) {
          b.append(' ');
        }
      }
      b.append(t);
    }
    return b.toString();
  }

  static String squeeze(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    int len = s.length();
    while (i < len) {
      int c = s.codePointAt(i);
      if (Character.isWhitespace(c)) {
        int j = i;
        while (j < len && Character.isWhitespace(s.codePointAt(j))) {
          j += Character.charCount(s.codePointAt(j));
        }
        boolean atEdge = b.length() == 0 || j >= len;
        int prev = b.length() == 0 ? ' ' : b.codePointBefore(b.length());
        int next = j < len ? s.codePointAt(j) : ' ';
        if (!atEdge && !isWide(prev) && !isWide(next)) {
          b.append(' ');
        }
        i = j;
      } else {
        b.appendCodePoint(c);
        i += Character.charCount(c);
      }
    }
    return b.toString();
  }

  /**
   * A drug name cell: lines that each repeat the start of the first line are alternatives (e.g.
   * 补液盐 Ⅰ / 补液盐Ⅱ); any other break is a wrapped long name. Returns the alternatives.
   */
  public static List<String> nameAlternatives(String raw, Normalisations n) {
    List<String> out = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    String[] lines = raw.replace("\r", "").split("\n");
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String t = squeeze(line.trim());
      if (t.isEmpty()) {
        continue;
      }
      if (current.length() > 0) {
        boolean open = depth(current) > 0;
        if (!open && sharesStart(parts.isEmpty() ? current.toString() : parts.get(0), t)) {
          parts.add(current.toString());
          current.setLength(0);
        }
      }
      current.append(t);
    }
    if (current.length() > 0) {
      parts.add(current.toString());
    }
    if (n != null && lines.length > 1) {
      n.add(parts.size() > 1 ? "名称多行拆为并列名称" : "单元格换行合并");
    }
    for (String p : parts) {
      out.add(clean(p, null));
    }
    return out;
  }

  private static int depth(CharSequence s) {
    int d = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '（') {
        d++;
      } else if ((c == ')' || c == '）') && d > 0) {
        d--;
      }
    }
    return d;
  }

  private static boolean sharesStart(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i >= 2;
  }
}
