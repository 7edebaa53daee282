package medinsight.catalog;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Links products to the entries of one catalog edition, in three steps, the first that decides
 * winning:
 * <ol>
 *   <li>by the catalog number (目录编号/医保目录编号, with the section when the list has one) and a
 *       name: the list's catalog name (目录药品名称) or its product name must be one of the entry's
 *       names, with or without its dosage-form suffix;</li>
 *   <li>by generic name and dosage form: the name without its form suffix equals an entry's, and
 *       the forms agree after both are normalised as the catalog's forms are ({@link DosageForms});</li>
 *   <li>by the category code inside an NHSA product code ({@code XA11CCA351E002010101121} →
 *       {@code XA11CC}, the longest catalog category it starts with): an entry of that category
 *       whose name equals the product's once the salt is set aside (盐酸二甲双胍片 → 二甲双胍).</li>
 * </ol>
 * A step that finds entries of one variety links the product to it; entries of several varieties
 * make the product {@code ambiguous} (the category narrows them when it can); none leaves it
 * {@code unlinked}. Names are compared after NFKC (punctuation width) and without spaces.
 */
public final class CatalogLinker {
  public static final String LINKED = "linked";
  public static final String AMBIGUOUS = "ambiguous";
  public static final String UNLINKED = "unlinked";
  public static final String BY_NUMBER = "目录编号";
  public static final String BY_NAME_FORM = "通用名+剂型";
  public static final String BY_CATEGORY = "分类代码";

  /** One catalog entry, as much of it as linking needs. */
  public static final class Entry {
    public String section;
    public String medicineType;
    public int number;
    public String varietyId;
    public String level;
    public String name;
    /** All names, joined by " / ". */
    public String names;
    public String dosageForm;
    /** Every form, joined by "、". */
    public String dosageForms;
    public String remark;
    /** The entry's category codes, outermost first (nulls allowed). */
    public String[] categories = new String[0];

    /** The linking fields of a catalog entry. */
    public static Entry of(CatalogEntry c) {
      Entry e = new Entry();
      e.section = c.section;
      e.medicineType = c.medicineType;
      e.number = c.number;
      e.varietyId = c.varietyId;
      e.level = c.level;
      e.name = c.name;
      e.names = c.names;
      e.dosageForm = c.dosageForm;
      e.dosageForms = c.dosageForms;
      e.remark = c.remark;
      e.categories = new String[] {c.catCodes[0], c.catCodes[1], c.catCodes[2], c.catCodes[3], c.categoryCode};
      return e;
    }

    boolean chinese() {
      return "中成药".equals(medicineType);
    }

    boolean negotiated() {
      return section != null && (section.startsWith("协议") || section.startsWith("竞价"));
    }

    final Set<String> keys = new LinkedHashSet<>();
    final Set<String> forms = new LinkedHashSet<>();
  }

  private static final int MEMO = 200_000;
  private final Map<String, Link> memo = new ConcurrentHashMap<>();
  private final int edition;
  private final List<Entry> entries;
  private final Map<String, List<Entry>> byNumber = new HashMap<>();
  private final Map<String, List<Entry>> byName = new HashMap<>();
  private final Map<String, List<Entry>> byCategory = new HashMap<>();

  public CatalogLinker(int edition, List<Entry> entries) {
    this.edition = edition;
    this.entries = new ArrayList<>(entries);
    for (Entry e : this.entries) {
      List<String> names = new ArrayList<>();
      if (e.names != null) {
        for (String n : e.names.split(" / ")) {
          names.add(n);
        }
      }
      if (e.name != null) {
        names.add(e.name);
      }
      for (String n : names) {
        String full = key(DosageForms.stripTrailingParens(n));
        if (!full.isEmpty()) {
          e.keys.add(full);
          e.keys.add(key(DosageForms.stripForm(n, e.chinese())));
        }
      }
      List<String> forms = new ArrayList<>();
      if (e.dosageForms != null) {
        for (String f : e.dosageForms.split("、")) {
          forms.add(f);
        }
      }
      forms.add(e.dosageForm);
      for (String f : forms) {
        String nf = DosageForms.normalise(f, e.chinese());
        if (nf != null && !DosageForms.UNKNOWN.equals(nf)) {
          e.forms.add(nf);
        }
      }
      byNumber.computeIfAbsent(e.medicineType + "#" + e.number, k -> new ArrayList<>()).add(e);
      for (String k : e.keys) {
        byName.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
      }
      for (String c : e.categories) {
        if (c != null && !c.isEmpty()) {
          byCategory.computeIfAbsent(c, x -> new ArrayList<>()).add(e);
        }
      }
    }
  }

  public int edition() {
    return edition;
  }

  public int size() {
    return entries.size();
  }

  /** A name as compared: NFKC (punctuation width), no spaces, Latin letters in lower case. */
  static String key(String s) {
    if (s == null) {
      return "";
    }
    return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("[\\s·•]", "").toLowerCase(Locale.ROOT);
  }

  private static final Pattern SALT = Pattern.compile(
      "^(盐酸|硫酸|磷酸|马来酸|甲磺酸|苯磺酸|富马酸|酒石酸|枸橼酸|琥珀酸|醋酸|乳酸|氢溴酸|门冬氨酸|注射用)|(钠|钾|钙|镁|锌)$");

  /**
   * A name without the salt a registration names and the catalog often does not (盐酸二甲双胍 →
   * 二甲双胍): compared only among the entries of the product code's own category.
   */
  static String saltless(String k) {
    String s = k;
    for (int i = 0; i < 2; i++) {
      String t = SALT.matcher(s).replaceAll("");
      if (t.length() >= 2) {
        s = t;
      }
    }
    return s;
  }

  /** 西药 or 中成药 from an NHSA product code's first letter, else from the list's drug type; null when neither says. */
  static String medicineType(Product p) {
    if (p.productCode != null && !p.productCode.isEmpty()) {
      char c = Character.toUpperCase(p.productCode.charAt(0));
      if (c == 'X') {
        return "西药";
      }
      if (c == 'Z') {
        return "中成药";
      }
    }
    if ("西药".equals(p.drugType) || "中成药".equals(p.drugType)) {
      return p.drugType;
    }
    return null;
  }

  /** The outcome of linking one product. */
  public static final class Link {
    /** The remark (restriction) of the linked entries, when they have one. */
    public String remark() {
      if (!LINKED.equals(status)) {
        return null;
      }
      for (Entry e : entries) {
        if (e.remark != null) {
          return e.remark;
        }
      }
      return null;
    }

    public final String status;
    public final String method;
    /** The entries of the one variety linked (status linked), or the candidates (ambiguous). */
    public final List<Entry> entries;

    Link(String status, String method, List<Entry> entries) {
      this.status = status;
      this.method = method;
      this.entries = entries;
    }
  }

  /**
   * Links the product and fills what the entry gives and the list does not: section, number and
   * variety, the level and the drug type.
   */
  public Link link(Product p) {
    // products repeat the same few thousand drugs: each combination of what linking reads is found once
    String k = medicineType(p) + '\u0001' + p.catalogName + '\u0001' + p.name + '\u0001' + p.catalogNumber + '\u0001'
        + p.catalogSection + '\u0001' + categoryOf(p.productCode) + '\u0001' + p.catalogForm + '\u0001' + p.dosageForm;
    Link l = memo.get(k);
    if (l == null) {
      l = find(p);
      if (memo.size() >= MEMO) {
        memo.clear();
      }
      memo.put(k, l);
    }
    p.linkStatus = l.status;
    p.linkMethod = LINKED.equals(l.status) ? l.method : null;
    if (!LINKED.equals(l.status)) {
      p.varietyId = null;
      return l;
    }
    Entry first = l.entries.get(0);
    p.varietyId = first.varietyId;
    p.catalogSection = first.section;
    p.catalogNumber = first.number;
    if (p.drugType == null) {
      p.drugType = first.medicineType;
    }
    if (p.level == null) {
      Set<String> levels = new LinkedHashSet<>();
      for (Entry e : l.entries) {
        levels.add(e.level);
      }
      if (levels.size() == 1 && first.level != null) {
        p.level = first.level;
        p.levelSource = "catalog";
      }
    }
    return l;
  }

  private Link find(Product p) {
    String type = medicineType(p);
    List<String> names = new ArrayList<>();
    if (p.catalogName != null) {
      names.add(p.catalogName);
    }
    if (p.name != null) {
      names.add(p.name);
    }
    String category = categoryOf(p.productCode);
    List<Entry> ambiguous = null;
    String ambiguousBy = null;
    // 1. catalog number and name
    if (p.catalogNumber != null) {
      List<Entry> cands = new ArrayList<>();
      for (String t : type == null ? new String[] {"西药", "中成药"} : new String[] {type}) {
        cands.addAll(byNumber.getOrDefault(t + "#" + p.catalogNumber, List.of()));
      }
      List<Entry> hits = new ArrayList<>();
      for (Entry e : cands) {
        if ((p.catalogSection == null || p.catalogSection.equals(e.section)) && nameMatches(e, names)) {
          hits.add(e);
        }
      }
      Link l = decide(hits, p, category, BY_NUMBER);
      if (LINKED.equals(l.status)) {
        return l;
      }
      if (l.entries != null && !l.entries.isEmpty()) {
        ambiguous = l.entries;
        ambiguousBy = BY_NUMBER;
      }
    }
    // 2. generic name and dosage form
    Set<Entry> hits = new LinkedHashSet<>();
    for (String n : names) {
      for (boolean chinese : new boolean[] {false, true}) {
        for (String k : new String[] {key(DosageForms.stripTrailingParens(n)), key(DosageForms.stripForm(n, chinese))}) {
          for (Entry e : byName.getOrDefault(k, List.of())) {
            if ((type == null || type.equals(e.medicineType)) && e.chinese() == chinese) {
              hits.add(e);
            }
          }
        }
      }
    }
    Link l = decide(new ArrayList<>(hits), p, category, BY_NAME_FORM);
    if (LINKED.equals(l.status)) {
      return l;
    }
    if (ambiguous == null && l.entries != null && !l.entries.isEmpty()) {
      ambiguous = l.entries;
      ambiguousBy = BY_NAME_FORM;
    }
    // 3. the category code inside the product code, with the name compared without its salt
    if (category != null && ambiguous == null) {
      List<Entry> inCat = new ArrayList<>();
      Set<String> wanted = new LinkedHashSet<>();
      for (String n : names) {
        wanted.add(saltless(key(DosageForms.stripForm(n, "中成药".equals(type)))));
      }
      for (Entry e : byCategory.getOrDefault(category, List.of())) {
        for (String k : e.keys) {
          if (wanted.contains(saltless(k))) {
            inCat.add(e);
            break;
          }
        }
      }
      Link c = decide(inCat, p, null, BY_CATEGORY);
      if (LINKED.equals(c.status)) {
        return c;
      }
      if (c.entries != null && !c.entries.isEmpty()) {
        ambiguous = c.entries;
        ambiguousBy = BY_CATEGORY;
      }
    }
    return ambiguous != null ? new Link(AMBIGUOUS, ambiguousBy, ambiguous) : new Link(UNLINKED, null, List.of());
  }

  /**
   * Entries found by one step: narrowed by dosage form, then by the product code's category;
   * one variety left links, several are ambiguous.
   */
  private Link decide(List<Entry> hits, Product p, String category, String method) {
    if (hits.isEmpty()) {
      return new Link(UNLINKED, method, List.of());
    }
    List<Entry> narrowed = byForm(hits, p);
    if (varieties(narrowed) > 1 && category != null) {
      List<Entry> inCat = new ArrayList<>();
      for (Entry e : narrowed) {
        for (String c : e.categories) {
          if (category.equals(c)) {
            inCat.add(e);
            break;
          }
        }
      }
      if (!inCat.isEmpty()) {
        narrowed = inCat;
      }
    }
    if (narrowed.isEmpty()) {
      // the name is the catalog's, the form is not: a product in a form the catalog does not list
      return new Link(UNLINKED, method, List.of());
    }
    return new Link(varieties(narrowed) == 1 ? LINKED : AMBIGUOUS, method, narrowed);
  }

  private static int varieties(List<Entry> es) {
    Set<String> v = new LinkedHashSet<>();
    for (Entry e : es) {
      v.add(e.varietyId);
    }
    return v.size();
  }

  /** The entries whose forms agree with the product's (all of them when the product states none, or an entry none). */
  private static List<Entry> byForm(List<Entry> hits, Product p) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : hits) {
      Set<String> mine = new LinkedHashSet<>();
      for (String f : new String[] {p.catalogForm, p.dosageForm}) {
        String nf = DosageForms.normalise(f, e.chinese());
        if (nf != null) {
          mine.add(nf);
        }
      }
      if (mine.isEmpty() && p.name != null) {
        String fromName = DosageForms.fromName(p.name, e.chinese());
        if (fromName != null) {
          mine.add(fromName);
        }
      }
      if (mine.isEmpty() || e.forms.isEmpty() || !Collections.disjoint(mine, e.forms)) {
        out.add(e);
      }
    }
    return out;
  }

  private static boolean nameMatches(Entry e, List<String> names) {
    for (String n : names) {
      for (boolean chinese : new boolean[] {false, true}) {
        if (e.keys.contains(key(DosageForms.stripTrailingParens(n))) || e.keys.contains(key(DosageForms.stripForm(n, chinese)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The longest catalog category code an NHSA product code starts with, or null. */
  String categoryOf(String code) {
    if (code == null || code.length() < 2) {
      return null;
    }
    String c = code.toUpperCase(Locale.ROOT);
    for (int len = Math.min(8, c.length()); len >= 2; len--) {
      if (byCategory.containsKey(c.substring(0, len))) {
        return c.substring(0, len);
      }
    }
    return null;
  }
}
