package medinsight.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two catalog editions variety by variety. Numbers change between editions, so a
 * variety is identified by its medicine type and name (the name of its first, non-★ row).
 */
public final class EditionDiff {
  /** A variety of one edition, folded from its rows. */
  public static final class Variety {
    final String type;
    final String name;
    String section;
    boolean jia;
    boolean negotiated;
    final TreeSet<String> remarks = new TreeSet<>();

    Variety(String type, String name) {
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

    public Row(String section, String medicineType, String varietyId, boolean repeat, String name, String level,
        boolean negotiated, String remark) {
      this.section = section;
      this.medicineType = medicineType;
      this.varietyId = varietyId;
      this.repeat = repeat;
      this.name = name;
      this.level = level;
      this.negotiated = negotiated;
      this.remark = remark;
    }
  }

  /** One change. */
  public static final class Change {
    public final String type;
    public final String change;
    public final String name;
    public final String before;
    public final String after;

    Change(String type, String change, String name, String before, String after) {
      this.type = type;
      this.change = change;
      this.name = name;
      this.before = before;
      this.after = after;
    }
  }

  public static final String ADDED = "新增";
  public static final String REMOVED = "调出";
  public static final String LEVEL = "甲乙类别调整";
  public static final String RESTRICTION = "支付限定调整";
  public static final String TO_NEGOTIATED = "常规转谈判";
  public static final String TO_REGULAR = "谈判转常规";
  public static final List<String> KINDS = List.of(ADDED, REMOVED, LEVEL, RESTRICTION, TO_NEGOTIATED, TO_REGULAR);

  private EditionDiff() {}

  static Map<String, Variety> varieties(List<Row> rows) {
    Map<String, String> nameOf = new LinkedHashMap<>();
    for (Row r : rows) {
      if (!r.repeat) {
        nameOf.putIfAbsent(r.varietyId, r.name);
      }
    }
    Map<String, Variety> out = new TreeMap<>();
    for (Row r : rows) {
      String name = nameOf.getOrDefault(r.varietyId, r.name);
      Variety v = out.computeIfAbsent(r.medicineType + "|" + name, k -> new Variety(r.medicineType, name));
      v.section = v.section == null ? r.section : v.section;
      v.jia |= "甲".equals(r.level);
      v.negotiated |= r.negotiated;
      if (r.remark != null) {
        v.remarks.add(r.remark);
      }
    }
    return out;
  }

  /** Every change from edition a to edition b, in a stable order (type, change, name). */
  public static List<Change> diff(List<Row> a, List<Row> b) {
    Map<String, Variety> va = varieties(a);
    Map<String, Variety> vb = varieties(b);
    List<Change> out = new ArrayList<>();
    for (Map.Entry<String, Variety> e : vb.entrySet()) {
      Variety after = e.getValue();
      Variety before = va.get(e.getKey());
      if (before == null) {
        out.add(new Change(after.type, ADDED, after.name, "", after.section + " " + after.level()));
        continue;
      }
      if (before.jia != after.jia) {
        out.add(new Change(after.type, LEVEL, after.name, before.level(), after.level()));
      }
      if (!Objects.equals(before.remark(), after.remark())) {
        out.add(new Change(after.type, RESTRICTION, after.name, before.remark(), after.remark()));
      }
      if (before.negotiated != after.negotiated) {
        out.add(new Change(after.type, after.negotiated ? TO_NEGOTIATED : TO_REGULAR, after.name, before.section, after.section));
      }
    }
    for (Map.Entry<String, Variety> e : va.entrySet()) {
      if (!vb.containsKey(e.getKey())) {
        Variety before = e.getValue();
        out.add(new Change(before.type, REMOVED, before.name, before.section + " " + before.level(), ""));
      }
    }
    out.sort((x, y) -> {
      int c = x.type.compareTo(y.type);
      c = c != 0 ? c : Integer.compare(KINDS.indexOf(x.change), KINDS.indexOf(y.change));
      return c != 0 ? c : x.name.compareTo(y.name);
    });
    return out;
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
    ResultTable out = new ResultTable(a + " → " + b + " 目录变化").text("medicine_type").count("added").count("removed")
        .count("level_changed").count("restriction_changed").count("to_negotiated").count("to_regular");
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      long[] v = e.getValue();
      out.add(e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5]);
    }
    out.note("品种按药品类型与名称对应（编号在两版之间会变）；任一行为甲类的品种计为甲类；谈判含协议期内谈判与竞价药品。");
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
