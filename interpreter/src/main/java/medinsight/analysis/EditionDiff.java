package medinsight.analysis;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two catalog editions variety by variety, with NHSA's own kinds of change: 新增 (by
 * route: 谈判, 竞价, 常规), 调出, 谈判转常规 (moved from the negotiated part into the 西药/中成药
 * parts), 甲乙调整, 支付范围调整 (the remark changed) and 规范名称 (the same variety, its name
 * normalised). Numbers change between editions, so a variety of one edition is matched to one of
 * the other by medicine type and name: first the exact name, then the name with punctuation width
 * and spaces normalised (a 规范名称 change). Each variety is matched at most once, so per section
 * the count reconciles exactly: edition A + added − removed + moved in − moved out = edition B.
 */
public final class EditionDiff {
  /** A variety of one edition, folded from its rows. */
  public static final class Variety {
    final String id;
    final String type;
    final String name;
    String section;
    String category;
    String categoryCode;
    final TreeSet<String> forms = new TreeSet<>();
    boolean jia;
    boolean negotiated;
    final TreeSet<String> remarks = new TreeSet<>();

    Variety(String id, String type, String name) {
      this.id = id;
      this.type = type;
      this.name = name;
    }

    String level() {
      return jia ? "甲" : "乙";
    }

    String remark() {
      return remarks.isEmpty() ? "" : String.join("；", remarks);
    }
  }

  /** A catalog row as the diff needs it. */
  public static final class Row {
    public final String section;
    public final String medicineType;
    public final String varietyId;
    public final boolean repeat;
    public final String name;
    public final String level;
    public final boolean negotiated;
    public final String remark;
    /** The first-level category, code and name ("XA 消化道和代谢方面的药物"); null when the row has none. */
    public final String category;
    /** The nearest category's code (XA02BC), the rename evidence; null when unknown. */
    String categoryCode;
    /** The dosage forms the row covers, joined by "、"; null when unknown. */
    String dosageForms;

    /** With the evidence a rename needs: the nearest category's code and the row's dosage forms. */
    public Row detail(String categoryCode, String dosageForms) {
      this.categoryCode = categoryCode;
      this.dosageForms = dosageForms;
      return this;
    }

    public Row(String section, String medicineType, String varietyId, boolean repeat, String name, String level,
        boolean negotiated, String remark, String category) {
      this.section = section;
      this.medicineType = medicineType;
      this.varietyId = varietyId;
      this.repeat = repeat;
      this.name = name;
      this.level = level;
      this.negotiated = negotiated;
      this.remark = remark;
      this.category = category;
    }
  }

  /** One change. */
  public static final class Change {
    public final String type;
    public final String change;
    public final String name;
    public final String before;
    public final String after;
    /** The variety's first-level category in the edition it belongs to (B, or A when removed). */
    public final String category;

    Change(String type, String change, String name, String before, String after, String category) {
      this.type = type;
      this.category = category == null ? "（未分类）" : category;
      this.change = change;
      this.name = name;
      this.before = before;
      this.after = after;
    }
  }

  public static final String ADDED_NEGOTIATED = "新增·谈判";
  public static final String ADDED_BID = "新增·竞价";
  public static final String ADDED = "新增·常规";
  public static final String REMOVED = "调出";
  public static final String TO_REGULAR = "谈判转常规";
  public static final String TO_NEGOTIATED = "常规转谈判";
  public static final String MOVED = "部分调整";
  public static final String LEVEL = "甲乙调整";
  public static final String RESTRICTION = "支付范围调整";
  public static final String RENAMED = "规范名称";
  /** A new name for the same drug (the evidence: same category, a name that holds the other, …), not 调出 + 新增. */
  public static final String NAME_CHANGED = "名称调整";
  /** A removed and an added variety that may be one drug renamed, where the evidence does not single out one pair. */
  public static final String REVIEW = "疑似更名·待核对";
  public static final List<String> KINDS = List.of(ADDED_NEGOTIATED, ADDED_BID, ADDED, REMOVED, TO_REGULAR, TO_NEGOTIATED,
      MOVED, LEVEL, RESTRICTION, RENAMED, NAME_CHANGED, REVIEW);
  /** The catalog's sections, in its order. */
  public static final List<String> SECTIONS = List.of("西药", "中成药", "协议西药", "竞价药品", "协议中成药");

  private EditionDiff() {}

  static Map<String, Variety> varieties(List<Row> rows) {
    Map<String, String> nameOf = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!r.repeat) {
        nameOf.putIfAbsent(r.varietyId, r.name);
      }
    }
    Map<String, Variety> out = new LinkedHashMap<>();
    for (Row r : rows) {
      Variety v = out.computeIfAbsent(r.varietyId, k -> new Variety(r.varietyId, r.medicineType,
          nameOf.getOrDefault(r.varietyId, r.name)));
      v.section = v.section == null ? r.section : v.section;
      v.category = v.category == null ? r.category : v.category;
      v.categoryCode = v.categoryCode == null ? r.categoryCode : v.categoryCode;
      if (r.dosageForms != null) {
        for (String f : r.dosageForms.split("、")) {
          v.forms.add(f.trim());
        }
      }
      v.jia |= "甲".equals(r.level);
      v.negotiated |= r.negotiated;
      if (r.remark != null) {
        v.remarks.add(r.remark);
      }
    }
    return out;
  }

  /** A name as two editions may print it differently: punctuation width and spaces. */
  static String normal(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s", "");
  }

  /** The result: every change, and per section the counts that reconcile the two editions. */
  public static final class Result {
    public final List<Change> changes = new ArrayList<>();
    /** section → {A, added, removed, moved in, moved out, B}. */
    public final Map<String, long[]> sections = new LinkedHashMap<>();
    /** Each variety of A that has one in B (the same drug, renamed or not): A's variety id → B's. */
    public final Map<String, String> matched = new LinkedHashMap<>();
  }

  /** Every change from edition a to edition b, in a stable order (type, change, name). */
  public static List<Change> diff(List<Row> a, List<Row> b) {
    return compare(a, b).changes;
  }

  public static Result compare(List<Row> a, List<Row> b) {
    Map<String, Variety> va = varieties(a);
    Map<String, Variety> vb = varieties(b);
    Result res = new Result();
    for (String s : SECTIONS) {
      res.sections.put(s, new long[6]);
    }
    for (Variety v : va.values()) {
      res.sections.computeIfAbsent(v.section, k -> new long[6])[0]++;
    }
    for (Variety v : vb.values()) {
      res.sections.computeIfAbsent(v.section, k -> new long[6])[5]++;
    }
    // match: exact name within the medicine type, then the normalised name; a section of the same
    // part (negotiated or not) is preferred when a name occurs twice
    Map<String, Variety> match = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (int pass = 0; pass < 2; pass++) {
      Map<String, List<Variety>> byName = new HashMap<>();
      for (Variety v : vb.values()) {
        if (!taken.contains(v.id)) {
          byName.computeIfAbsent(v.type + "|" + (pass == 0 ? v.name : normal(v.name)), k -> new ArrayList<>()).add(v);
        }
      }
      for (Variety v : va.values()) {
        if (match.containsKey(v.id)) {
          continue;
        }
        List<Variety> cands = byName.get(v.type + "|" + (pass == 0 ? v.name : normal(v.name)));
        if (cands == null || cands.isEmpty()) {
          continue;
        }
        Variety best = cands.stream().filter(c -> c.negotiated == v.negotiated).findFirst().orElse(cands.get(0));
        cands.remove(best);
        match.put(v.id, best);
        taken.add(best.id);
      }
    }
    renames(va, vb, match, taken, res);
    match.forEach((k, v) -> res.matched.put(k, v.id));
    for (Variety before : va.values()) {
      Variety after = match.get(before.id);
      if (after == null) {
        res.changes.add(new Change(before.type, REMOVED, before.name, before.section + " " + before.level(), "", before.category));
        res.sections.get(before.section)[2]++;
        continue;
      }
      if (!before.section.equals(after.section)) {
        res.sections.get(before.section)[4]++;
        res.sections.get(after.section)[3]++;
        String kind = before.negotiated && !after.negotiated ? TO_REGULAR : !before.negotiated && after.negotiated ? TO_NEGOTIATED : MOVED;
        res.changes.add(new Change(after.type, kind, after.name, before.section, after.section, after.category));
      }
      if (!before.name.equals(after.name)) {
        boolean normalised = normal(before.name).equals(normal(after.name));
        res.changes.add(new Change(after.type, normalised ? RENAMED : NAME_CHANGED, after.name, before.name,
            normalised ? after.name : after.name + "（" + evidence(before, after) + "）", after.category));
      }
      if (!before.negotiated && !after.negotiated && before.jia != after.jia) {
        res.changes.add(new Change(after.type, LEVEL, after.name, before.level(), after.level(), after.category));
      }
      if (!Objects.equals(before.remark(), after.remark())) {
        res.changes.add(new Change(after.type, RESTRICTION, after.name, before.remark(), after.remark(), after.category));
      }
    }
    for (Variety after : vb.values()) {
      if (!taken.contains(after.id)) {
        String kind = "竞价药品".equals(after.section) ? ADDED_BID : after.negotiated ? ADDED_NEGOTIATED : ADDED;
        res.changes.add(new Change(after.type, kind, after.name, "", after.section + " " + after.level(), after.category));
        res.sections.get(after.section)[1]++;
      }
    }
    res.changes.sort((x, y) -> {
      int c = x.type.compareTo(y.type);
      c = c != 0 ? c : Integer.compare(KINDS.indexOf(x.change), KINDS.indexOf(y.change));
      return c != 0 ? c : x.name.compareTo(y.name);
    });
    return res;
  }

  /** Salts and esters a generic name may gain or lose between editions without being another drug. */
  private static final java.util.regex.Pattern SALT = java.util.regex.Pattern.compile(
      "盐酸|硫酸|磷酸|枸橼酸|马来酸|甲磺酸|苯磺酸|富马酸|琥珀酸|酒石酸|醋酸|乳酸|氢溴酸|门冬氨酸|钠|钾|钙|镁|锌");
  private static final java.util.regex.Pattern BRACKETED = java.util.regex.Pattern.compile("[(（][^)）]*[)）]");
  /** Dosage-form words at the end of a name (中成药 names carry their form: 虚寒胃痛颗粒). */
  private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(
      "(软胶囊|胶囊|颗粒|滴丸|丸|片|散|口服液|合剂|糖浆|注射液|注射剂|膏|贴|喷雾剂|气雾剂|栓|酊|滴眼液|凝胶)+$");
  private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+$");

  /**
   * How two names of one category relate, as a rename: "名称包含" (one holds the other, 聚桂醇 in
   * 聚桂醇(聚多卡醇)), "括注名称" (the same once bracketed alternatives go), "盐/酯" (the same once
   * salts go), "剂型词不同" (the same once the form words at the end go: 虚寒胃痛胶囊(颗粒) and
   * 虚寒胃痛颗粒), "简称" (the shorter, of three or more characters, is the longer's characters in
   * order with the same first two: 坎地氢噻 and 坎地沙坦酯氢氯噻嗪Ⅰ); null when they do not.
   */
  public static String nameRelation(String a, String b) {
    String x = normal(a);
    String y = normal(b);
    if (x.equals(y)) {
      return null;
    }
    if (BRACKETED.matcher(x).replaceAll("").equals(BRACKETED.matcher(y).replaceAll(""))) {
      return "括注名称";
    }
    if (x.contains(y) || y.contains(x)) {
      return "名称包含";
    }
    String xf = FORM.matcher(BRACKETED.matcher(x).replaceAll("")).replaceAll("");
    if (!xf.isEmpty() && xf.equals(FORM.matcher(BRACKETED.matcher(y).replaceAll("")).replaceAll(""))) {
      return "剂型词不同";
    }
    String xs = SALT.matcher(x).replaceAll("");
    String ys = SALT.matcher(y).replaceAll("");
    if (!xs.isEmpty() && xs.equals(ys)) {
      return "盐/酯";
    }
    String shorter = VERSION.matcher(x.length() <= y.length() ? x : y).replaceAll("");
    String longer = VERSION.matcher(x.length() <= y.length() ? y : x).replaceAll("");
    if (shorter.length() >= 3 && shorter.length() < longer.length() && longer.startsWith(shorter.substring(0, 2))
        && subsequence(shorter, longer)) {
      return "简称";
    }
    return null;
  }

  private static boolean subsequence(String s, String t) {
    int j = 0;
    for (int i = 0; i < t.length() && j < s.length(); i++) {
      if (t.charAt(i) == s.charAt(j)) {
        j++;
      }
    }
    return j == s.length();
  }

  /** The rename evidence of a pair, or null when the pair is not one. */
  static String renameEvidence(Variety a, Variety b) {
    if (!a.type.equals(b.type) || a.categoryCode == null || !a.categoryCode.equals(b.categoryCode)) {
      return null;
    }
    String rel = nameRelation(a.name, b.name);
    if (rel == null) {
      return null;
    }
    boolean sameForms = !a.forms.isEmpty() && a.forms.equals(b.forms);
    boolean sameRemark = !a.remark().isEmpty() && a.remark().equals(b.remark());
    // an abbreviation is a weak sign alone: it needs the same forms or the same remark too
    if (rel.equals("简称") && !sameForms && !sameRemark) {
      return null;
    }
    return "同分类 " + a.categoryCode + "、" + rel + (sameForms ? "、剂型相同" : "") + (sameRemark ? "、备注相同" : "");
  }

  private static String evidence(Variety a, Variety b) {
    String e = renameEvidence(a, b);
    return e == null ? "" : e;
  }

  /**
   * The third pass: a variety of A left without a match and one of B left without one are the
   * same drug renamed when the evidence ({@link #renameEvidence}) pairs them and neither has
   * another candidate; where one has several, every pair is listed for review and none is guessed.
   */
  private static void renames(Map<String, Variety> va, Map<String, Variety> vb, Map<String, Variety> match, Set<String> taken,
      Result res) {
    Map<String, List<Variety>> forA = new LinkedHashMap<>();
    Map<String, List<Variety>> forB = new HashMap<>();
    for (Variety a : va.values()) {
      if (match.containsKey(a.id)) {
        continue;
      }
      for (Variety b : vb.values()) {
        if (!taken.contains(b.id) && renameEvidence(a, b) != null) {
          forA.computeIfAbsent(a.id, k -> new ArrayList<>()).add(b);
          forB.computeIfAbsent(b.id, k -> new ArrayList<>()).add(a);
        }
      }
    }
    for (Map.Entry<String, List<Variety>> e : forA.entrySet()) {
      Variety a = va.get(e.getKey());
      List<Variety> bs = e.getValue();
      if (bs.size() == 1 && forB.get(bs.get(0).id).size() == 1) {
        match.put(a.id, bs.get(0));
        taken.add(bs.get(0).id);
      } else {
        for (Variety b : bs) {
          res.changes.add(new Change(b.type, REVIEW, b.name, a.section + " " + a.name, b.section + " " + b.name + "（"
              + renameEvidence(a, b) + "）", b.category));
        }
      }
    }
  }

  /** Counts per medicine type and kind of change. */
  public static ResultTable summary(List<Change> changes, int a, int b) {
    Map<String, long[]> counts = new TreeMap<>();
    // both medicine types always get a row, with zeros where nothing changed
    counts.put("西药", new long[KINDS.size()]);
    counts.put("中成药", new long[KINDS.size()]);
    for (Change c : changes) {
      counts.computeIfAbsent(c.type, k -> new long[KINDS.size()])[KINDS.indexOf(c.change)]++;
    }
    ResultTable out = new ResultTable(a + " → " + b + " 目录变化").text("medicine_type").count("added_negotiated")
        .count("added_bid").count("added_regular").count("removed").count("to_regular").count("to_negotiated")
        .count("moved").count("level_changed").count("restriction_changed").count("renamed").count("name_changed")
        .count("rename_review");
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] v = e.getValue();
      out.add(e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
    }
    out.note("品种按药品类型与名称对应（编号在两版之间会变；名称仅标点全半角或空格不同者记为规范名称）；名称不同而同分类、"
        + "名称互含、仅差括注名称或盐/酯、或为简称（且剂型或备注相同）的一对记为名称调整，不计调出与新增；一个品种有多个这样的对象时"
        + "列为疑似更名·待核对（仍计调出与新增）。任一行为甲类的品种计为甲类；甲乙调整只计常规目录（谈判药品按乙类支付）。");
    return out;
  }

  /** Per section: varieties in A, added, removed, moved in and out, varieties in B — they add up. */
  public static ResultTable reconciliation(Result r, int a, int b) {
    ResultTable out = new ResultTable(a + " → " + b + " 各部分品种数核对").text("section").count("varieties_a").count("added")
        .count("removed").count("moved_in").count("moved_out").count("varieties_b");
    long[] total = new long[6];
    for (Map.Entry<String, long[]> e : r.sections.entrySet()) {
      long[] v = e.getValue();
      if (v[0] + v[5] == 0) {
        continue;
      }
      out.add(e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5]);
      for (int i = 0; i < 6; i++) {
        total[i] += v[i];
      }
    }
    out.add("合计", total[0], total[1], total[2], total[3], total[4], total[5]);
    out.note("每一部分：" + a + " 年品种数 + 新增 − 调出 + 转入 − 转出 = " + b + " 年品种数。");
    return out;
  }

  /**
   * Added and removed varieties per medicine type and first-level category (ATC first level for
   * 西药, the catalog's own first level for 中成药), the category taken from the edition the
   * variety belongs to.
   */
  public static ResultTable byCategory(List<Change> changes, int a, int b) {
    Map<String, long[]> counts = new TreeMap<>();
    for (Change c : changes) {
      boolean added = c.change.startsWith("新增");
      if (added || REMOVED.equals(c.change)) {
        long[] v = counts.computeIfAbsent(c.type + "\t" + c.category, k -> new long[5]);
        v[c.change.equals(ADDED_NEGOTIATED) ? 0 : c.change.equals(ADDED_BID) ? 1 : added ? 2 : 4]++;
        v[3] += added ? 1 : 0;
      }
    }
    ResultTable out = new ResultTable(a + " → " + b + " 新增与调出（按一级分类）").text("medicine_type").text("category")
        .count("added_negotiated").count("added_bid").count("added_regular").count("added").count("removed");
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String[] k = e.getKey().split("\t", 2);
      long[] v = e.getValue();
      out.add(k[0], k[1], v[0], v[1], v[2], v[3], v[4]);
    }
    out.note("分类为品种所在版本的一级分类（西药为 ATC 一级，中成药为目录一级分类）；新增按 " + b + " 年版，调出按 " + a + " 年版。");
    return out;
  }

  public static ResultTable details(List<Change> changes, int limit) {
    ResultTable out = new ResultTable("变化明细").text("medicine_type").text("change").text("name").text("before").text("after");
    for (Change c : changes.subList(0, Math.min(limit, changes.size()))) {
      out.add(c.type, c.change, c.name, c.before, c.after);
    }
    if (changes.size() > limit) {
      out.totalRows(changes.size());
    }
    return out;
  }
}
