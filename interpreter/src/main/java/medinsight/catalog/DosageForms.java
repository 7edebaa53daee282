package medinsight.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives dosage forms from drug names where the catalog gives none: the 154 newer 西药 rows
 * that carry the form in the name (达格列净片), and every 中成药 row, whose names list their
 * forms (九味羌活丸(颗粒), 感冒清热颗粒(片、胶囊)). Longest suffix wins.
 */
public final class DosageForms {
  private DosageForms() {}

  public static final String UNKNOWN = "未注明";

  /** Suffix → form, in the vocabulary of the 西药 part of the catalog. Longest first. */
  private static final String[][] WESTERN = {
    {"肠溶缓释胶囊", "肠溶缓释胶囊"}, {"肠溶缓释片", "肠溶缓释片"}, {"缓释微球注射剂", "缓释微球注射剂"},
    {"脂质体注射液", "脂质体注射剂"}, {"注射用", "注射剂"}, {"注射液", "注射剂"}, {"注射剂", "注射剂"},
    {"缓释胶囊", "缓释控释剂型"}, {"缓释片", "缓释控释剂型"}, {"控释片", "缓释控释剂型"}, {"缓释颗粒", "缓控释颗粒剂"},
    {"口腔崩解片", "口腔崩解片"}, {"口崩片", "口腔崩解片"}, {"分散片", "口服常释剂型"}, {"肠溶片", "口服常释剂型"},
    {"肠溶胶囊", "口服常释剂型"}, {"软胶囊", "口服常释剂型"}, {"咀嚼片", "咀嚼片"}, {"泡腾片", "泡腾片"},
    {"阴道片", "阴道片"}, {"舌下片", "舌下片剂"}, {"干混悬剂", "口服混悬剂"}, {"混悬液", "口服混悬剂"},
    {"口服溶液", "口服溶液剂"}, {"口服液", "口服液体剂"}, {"吸入粉雾剂", "粉雾剂"}, {"粉雾剂", "粉雾剂"},
    {"吸入气雾剂", "吸入剂"}, {"吸入溶液", "吸入剂"}, {"吸入剂", "吸入剂"}, {"气雾剂", "气雾剂"},
    {"鼻喷雾剂", "鼻用喷雾剂"}, {"喷雾剂", "喷雾剂"}, {"滴眼液", "滴眼剂"}, {"眼用凝胶", "眼用凝胶剂"},
    {"眼膏", "眼膏剂"}, {"滴耳液", "滴耳剂"}, {"滴鼻液", "滴鼻剂"}, {"透皮贴剂", "透皮贴剂"}, {"贴剂", "贴剂"},
    {"贴膏", "贴膏剂"}, {"乳膏", "乳膏剂"}, {"软膏", "软膏剂"}, {"凝胶", "凝胶剂"}, {"栓", "栓剂"},
    {"颗粒", "颗粒剂"}, {"散", "口服散剂"}, {"口溶膜", "口服常释剂型"}, {"膜", "膜剂"}, {"植入剂", "植入剂"},
    {"胶囊", "口服常释剂型"}, {"片", "口服常释剂型"}, {"溶液", "溶液剂"}, {"乳剂", "乳剂"}, {"制剂", "注射剂"},
    {"灌肠剂", "灌肠剂"}, {"透析液", "腹膜透析液"}, {"置换液", "血滤置换液"}, {"冲洗液", "冲洗剂"}, {"冲洗剂", "冲洗剂"},
    {"糖浆", "口服液体剂"}, {"组合包装", "组合包装"},
  };

  /** Suffix → form for 中成药 names. Longest first. */
  private static final String[][] CHINESE = {
    {"注射用", "注射剂"}, {"注射液", "注射剂"}, {"滴丸", "滴丸剂"}, {"软胶囊", "胶囊剂"}, {"胶囊", "胶囊剂"},
    {"颗粒", "颗粒剂"}, {"口服液", "口服液"}, {"合剂", "合剂"}, {"糖浆", "糖浆剂"}, {"滴眼液", "滴眼剂"},
    {"喷雾剂", "喷雾剂"}, {"气雾剂", "气雾剂"}, {"凝胶", "凝胶剂"}, {"乳膏", "乳膏剂"}, {"软膏", "软膏剂"},
    {"贴膏", "贴膏剂"}, {"膏药", "膏药"}, {"橡胶膏", "贴膏剂"}, {"贴", "贴剂"}, {"栓", "栓剂"}, {"酊", "酊剂"},
    {"搽剂", "搽剂"}, {"洗液", "洗剂"}, {"洗剂", "洗剂"}, {"酒", "酒剂"}, {"茶", "茶剂"}, {"锭", "锭剂"},
    {"露", "露剂"}, {"油", "油剂"}, {"膏", "煎膏剂"}, {"片", "片剂"}, {"丸", "丸剂"}, {"丹", "丸剂"},
    {"散", "散剂"}, {"胶", "胶剂"}, {"贴膜", "贴剂"}, {"水", "液体剂"}, {"浆", "合剂"},
    {"饮", "合剂"}, {"汤", "合剂"}, {"霜", "散剂"}, {"液", "液体剂"}, {"剂", "其他剂型"},
  };

  /** A word as the 西药 part prints it in its 剂型 column (口服常释剂型, 注射剂, 滴眼剂 …). */
  public static boolean isCatalogForm(String word) {
    if (word == null || word.length() < 2 || word.startsWith("限") || word.length() > 20 || word.equals("制剂")) {
      return false;
    }
    return CATALOG_FORM.matcher(word).matches();
  }

  private static final Pattern CATALOG_FORM = Pattern.compile(
      "^[\\p{IsHan}]{0,12}(剂型|剂|片|胶囊|籽源|封管液)([(（][^)）]*[)）])?$");

  /** The form of one name, by suffix; null when no suffix matches. */
  public static String fromName(String name, boolean chinese) {
    if (name == null) {
      return null;
    }
    String base = stripTrailingParens(name);
    String[][] table = chinese ? CHINESE : WESTERN;
    String best = null;
    int bestLen = 0;
    for (String[] row : table) {
      String suffix = row[0];
      boolean match = suffix.equals("注射用") ? base.startsWith(suffix) : base.endsWith(suffix);
      if (match && suffix.length() > bestLen) {
        best = row[1];
        bestLen = suffix.length();
      }
    }
    return best;
  }

  /**
   * The name without the form it ends with (注射用 at the start): 阿莫西林胶囊 → 阿莫西林,
   * 注射用头孢曲松钠 → 头孢曲松钠; the name itself when no form suffix matches or nothing would be left.
   */
  public static String stripForm(String name, boolean chinese) {
    if (name == null) {
      return null;
    }
    String base = stripTrailingParens(name);
    String best = null;
    for (String[] row : chinese ? CHINESE : WESTERN) {
      String suffix = row[0];
      boolean match = suffix.equals("注射用") ? base.startsWith(suffix) : base.endsWith(suffix);
      if (match && (best == null || suffix.length() > best.length())) {
        best = suffix;
      }
    }
    if (best == null || best.length() >= base.length()) {
      return base;
    }
    return best.equals("注射用") ? base.substring(best.length()) : base.substring(0, base.length() - best.length());
  }

  private static final Set<String> CHINESE_FORMS = new HashSet<>();
  private static final Set<String> WESTERN_FORMS = new HashSet<>();

  static {
    for (String[] row : CHINESE) {
      CHINESE_FORMS.add(row[1]);
    }
    for (String[] row : WESTERN) {
      WESTERN_FORMS.add(row[1]);
    }
  }

  /**
   * A dosage form as the catalog names it: 片剂 and 胶囊 become 口服常释剂型 for 西药, 胶囊 becomes
   * 胶囊剂 for 中成药; a word already in the catalog's vocabulary stays as it is. Used to compare a
   * product's form with a catalog entry's.
   */
  private static final Pattern QUALIFIED = Pattern.compile("(.+?)[(（]([^)）]+)[)）]");

  public static String normalise(String form, boolean chinese) {
    if (form == null || form.isBlank()) {
      return null;
    }
    String f = form.replaceAll("\\s", "");
    if ((chinese ? CHINESE_FORMS : WESTERN_FORMS).contains(f)) {
      return f;
    }
    Matcher m = QUALIFIED.matcher(f);
    if (m.matches()) {
      // 片剂（缓释） → 缓释片, 胶囊（肠溶） → 肠溶胶囊
      String outer = m.group(1).endsWith("剂") ? m.group(1).substring(0, m.group(1).length() - 1) : m.group(1);
      String q = fromName(m.group(2) + outer, chinese);
      if (q != null && !"其他剂型".equals(q)) {
        return q;
      }
      f = m.group(1);
    }
    String r = fromName(f, chinese);
    if ((r == null || "其他剂型".equals(r)) && f.endsWith("剂") && f.length() > 1) {
      String shorter = fromName(f.substring(0, f.length() - 1), chinese);
      r = shorter != null ? shorter : r;
    }
    return r == null || "其他剂型".equals(r) ? f : r;
  }

  /**
   * All forms a 中成药 name covers: the form of its base name, and the forms listed in its
   * trailing parentheses, e.g. 感冒清热颗粒(片、胶囊) → 颗粒剂, 片剂, 胶囊剂.
   */
  public static List<String> chineseForms(String name) {
    Set<String> out = new LinkedHashSet<>();
    String f = fromName(name, true);
    if (f != null) {
      out.add(f);
    }
    int open = lastOpen(name);
    if (open >= 0) {
      String inner = name.substring(open + 1, name.length() - 1);
      for (String token : inner.split("[、,，]")) {
        String t = token.trim();
        String tf = t.isEmpty() ? null : fromName(t, true);
        if (tf != null && t.length() <= 4) {
          out.add(tf);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static int lastOpen(String name) {
    if (!(name.endsWith(")") || name.endsWith("）"))) {
      return -1;
    }
    return Math.max(name.lastIndexOf('('), name.lastIndexOf('（'));
  }

  /** The name without its trailing bracketed lists: 感冒清热颗粒(片、胶囊) → 感冒清热颗粒. */
  public static String stripTrailingParens(String name) {
    String s = name.trim();
    int open = lastOpen(s);
    while (open > 0) {
      s = s.substring(0, open).trim();
      open = lastOpen(s);
    }
    return s;
  }
}
