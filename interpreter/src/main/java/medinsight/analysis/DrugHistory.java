package medinsight.analysis;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A drug across the loaded editions: one row per edition with its part, number, level, remark,
 * payment standard and agreement, and what changed from the edition before — following the drug
 * through renames as {@link EditionDiff} pairs the varieties of consecutive editions.
 */
public final class DrugHistory {
  private DrugHistory() {}

  /** A variety of one edition, folded from its rows. */
  static final class Entry {
    final int edition;
    final String id;
    String section;
    Integer number;
    String name;
    /** Every name of the variety, joined by " / ". */
    String names;
    boolean jia;
    final Set<String> forms = new LinkedHashSet<>();
    final Set<String> remarks = new LinkedHashSet<>();
    String payment;
    String period;

    Entry(int edition, String id) {
      this.edition = edition;
      this.id = id;
    }

    String level() {
      return jia ? "甲" : "乙";
    }

    String remark() {
      return remarks.isEmpty() ? null : String.join("；", remarks);
    }
  }

  private static Map<String, Entry> entries(int edition, Dataset<Row> catalog) {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (Row r : catalog.select(col("variety_id"), col("section"), col("number"), col("name"), col("level"), col("dosage_forms"),
        col("remark"), col("payment_standard"), col("valid_from"), col("valid_to"), col("repeat_of"), col("names")).collectAsList()) {
      Entry e = out.computeIfAbsent(r.getString(0), k -> new Entry(edition, k));
      if (e.section == null || r.isNullAt(10)) {
        e.section = r.getString(1);
        e.number = r.isNullAt(2) ? null : r.getInt(2);
        e.name = e.name == null || r.isNullAt(10) ? r.getString(3) : e.name;
        e.names = e.names == null || r.isNullAt(10) ? r.getString(11) : e.names;
      }
      e.jia |= "甲".equals(r.getString(4));
      if (!r.isNullAt(5)) {
        for (String f : r.getString(5).split("、")) {
          e.forms.add(f);
        }
      }
      if (!r.isNullAt(6)) {
        e.remarks.add(r.getString(6));
      }
      e.payment = e.payment == null ? r.getString(7) : e.payment;
      if (e.period == null && (!r.isNullAt(8) || !r.isNullAt(9))) {
        e.period = (r.isNullAt(8) ? "" : ((Date) r.get(8)).toLocalDate().toString()) + " – "
            + (r.isNullAt(9) ? "" : ((Date) r.get(9)).toLocalDate().toString());
      }
    }
    return out;
  }

  /**
   * The history of the drugs named {@code name}: the varieties of the newest edition that has one
   * whose name matches (the name itself, else names that begin with it, else names that hold it),
   * each followed back and forth through every loaded edition.
   */
  public static ResultTable of(DrugTables t, String name, int limit) {
    String n = name.trim();
    TreeMap<Integer, Map<String, Entry>> byEdition = new TreeMap<>();
    t.editions().forEach((y, d) -> byEdition.put(y, entries(y, d)));
    // consecutive editions paired as the comparison pairs them: forward and back
    Map<Integer, Map<String, String>> next = new TreeMap<>();
    Map<Integer, Map<String, String>> previous = new TreeMap<>();
    Integer before = null;
    for (int y : byEdition.keySet()) {
      if (before != null) {
        Map<String, String> m = CatalogQueries.editionDiff(t, before, y).matched;
        next.put(before, m);
        Map<String, String> back = new LinkedHashMap<>();
        m.forEach((a, b) -> back.put(b, a));
        previous.put(y, back);
      }
      before = y;
    }
    List<Entry> start = new ArrayList<>();
    for (int y : byEdition.descendingKeySet()) {
      int best = 3;
      for (Entry e : byEdition.get(y).values()) {
        if (e.names != null && e.names.contains(n)) {
          best = Math.min(best, CatalogQueries.rank(e.names, n));
        }
      }
      for (Entry e : byEdition.get(y).values()) {
        if (e.names != null && e.names.contains(n) && CatalogQueries.rank(e.names, n) == best) {
          start.add(e);
        }
      }
      if (!start.isEmpty()) {
        break;
      }
    }
    ResultTable out = new ResultTable("药品历史：" + n).text("drug").count("edition").text("section").count("number").text("level")
        .text("name").text("dosage_form").text("remark").text("payment_standard").text("agreement_period").text("change");
    int drugs = 0;
    for (Entry s : start) {
      if (drugs++ == limit) {
        out.totalRows(start.size());
        break;
      }
      // back to the oldest edition that has the drug, then forward to the newest
      Entry first = s;
      for (Integer y = byEdition.lowerKey(first.edition); y != null; y = byEdition.lowerKey(y)) {
        String id = previous.get(first.edition).get(first.id);
        if (id == null) {
          break;
        }
        first = byEdition.get(y).get(id);
      }
      Entry prev = null;
      Entry cur = first;
      while (cur != null) {
        out.add(s.name, (long) cur.edition, cur.section, cur.number == null ? null : (long) cur.number, cur.level(), cur.name,
            String.join("、", cur.forms), cur.remark(), cur.payment, cur.period, change(prev, cur, byEdition));
        Map<String, String> m = next.get(cur.edition);
        String id = m == null ? null : m.get(cur.id);
        Integer y = byEdition.higherKey(cur.edition);
        prev = cur;
        cur = id == null ? null : byEdition.get(y).get(id);
        if (cur == null && y != null) {
          out.add(s.name, (long) y, null, null, null, null, null, null, null, null, "调出");
        }
      }
    }
    if (start.isEmpty()) {
      out.note("已加载的各版目录（" + byEdition.keySet() + "）中没有名称含“" + n + "”的药品。");
    }
    out.note("每版一行：同一药品在相邻两版之间按版本对比（diff）的对应关系追踪，名称调整的药品也连在一起；"
        + "“变化”是与上一版相比的变化，备注调整列出增（+）删（−）的条款。支付标准为 * 的为保密价格。");
    return out;
  }

  /** What changed from {@code a} (the edition before, or null) to {@code b}. */
  static String change(Entry a, Entry b, TreeMap<Integer, Map<String, Entry>> byEdition) {
    if (a == null) {
      return byEdition.lowerKey(b.edition) == null ? "（最早加载的版本）" : "新增";
    }
    return change(a, b);
  }

  /** One catalog entry as {@link #change(Entry, Entry)} compares it (lookup's column for one entry). */
  static Entry entry(String section, String names, String level, String forms, String remark, String payment, String period) {
    Entry e = new Entry(0, null);
    e.section = section;
    e.name = names;
    e.jia = "甲".equals(level);
    if (forms != null) {
      for (String f : forms.split("、")) {
        e.forms.add(f);
      }
    }
    if (remark != null) {
      e.remarks.add(remark);
    }
    e.payment = payment;
    e.period = period;
    return e;
  }

  /** What changed from {@code a} to {@code b}, in the words of the edition comparison (甲乙调整, 支付范围调整 …). */
  static String change(Entry a, Entry b) {
    List<String> out = new ArrayList<>();
    if (!Objects.equals(a.section, b.section)) {
      out.add(a.section + "→" + b.section);
    }
    if (!Objects.equals(a.name, b.name)) {
      out.add("名称调整：" + a.name + "→" + b.name);
    }
    if (a.jia != b.jia) {
      out.add("甲乙调整：" + a.level() + "→" + b.level());
    }
    if (!a.forms.equals(b.forms)) {
      out.add("剂型：" + String.join("、", a.forms) + "→" + String.join("、", b.forms));
    }
    if (!Objects.equals(a.remark(), b.remark())) {
      out.add("支付范围调整" + clauses(a.remark(), b.remark()));
    }
    if (!Objects.equals(a.payment, b.payment)) {
      out.add("支付标准：" + (a.payment == null ? "无" : a.payment) + "→" + (b.payment == null ? "无" : b.payment));
    }
    if (!Objects.equals(a.period, b.period)) {
      out.add("协议期：" + (a.period == null ? "无" : a.period) + "→" + (b.period == null ? "无" : b.period));
    }
    return out.isEmpty() ? "无变化" : String.join("；", out);
  }

  /** The clauses of a remark that the new wording adds (+) and drops (−). */
  static String clauses(String a, String b) {
    Set<String> x = split(a);
    Set<String> y = split(b);
    List<String> parts = new ArrayList<>();
    for (String c : y) {
      if (!x.contains(c)) {
        parts.add("+" + c);
      }
    }
    for (String c : x) {
      if (!y.contains(c)) {
        parts.add("−" + c);
      }
    }
    return parts.isEmpty() ? "" : "（" + String.join(" ", parts) + "）";
  }

  private static Set<String> split(String remark) {
    Set<String> out = new LinkedHashSet<>();
    if (remark == null) {
      return out;
    }
    for (String c : remark.replaceFirst("^限：?", "").split("[；;。]|(?=\\d+\\.)")) {
      String t = c.replaceFirst("^\\d+\\.", "").trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
