package medinsight.analysis;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Negotiated drugs renewed from one edition to the next: a variety of a negotiated part in both,
 * paired as the edition comparison pairs them, with both payment standards and the change where
 * both are published and comparable (the same unit of the first amount).
 */
public final class Renewals {
  private Renewals() {}

  /** The first row of each negotiated variety: section, name, standard, amount, unit, confidential, first-level category. */
  private static Map<String, Row> negotiated(Dataset<Row> catalog) {
    Map<String, Row> out = new LinkedHashMap<>();
    for (Row r : catalog.filter(col("part").notEqual("常规目录"))
        .select(col("variety_id"), col("section"), col("name"), col("payment_standard"), col("payment_amount"), col("payment_unit"),
            col("payment_confidential"), col("cat1_code"), col("cat1_name"), col("repeat_of"), col("valid_to"))
        .collectAsList()) {
      if (!out.containsKey(r.getString(0)) || r.isNullAt(9) && !out.get(r.getString(0)).isNullAt(9)) {
        out.put(r.getString(0), r);
      }
    }
    return out;
  }

  public static ResultTable[] of(DrugTables t, int a, int b, int limit) {
    Map<String, Row> before = negotiated(t.editions().get(a));
    Map<String, Row> after = negotiated(t.editions().get(b));
    Map<String, String> matched = CatalogQueries.editionDiff(t, a, b).matched;
    ResultTable drugs = new ResultTable(a + " → " + b + " 两版都在谈判/竞价部分的药品").text("section").text("name").text("agreement")
        .text("payment_standard_a").text("payment_standard_b").percent("payment_change").text("comparison");
    // first-level category → {renewed, comparable, confidential in a, confidential in b}, and the sum of changes
    Map<String, long[]> byCategory = new TreeMap<>();
    Map<String, Double> changeSum = new TreeMap<>();
    List<Object[]> rows = new ArrayList<>();
    for (Map.Entry<String, Row> e : before.entrySet()) {
      String id = matched.get(e.getKey());
      Row x = e.getValue();
      Row y = id == null ? null : after.get(id);
      if (y == null) {
        continue;
      }
      String category = y.isNullAt(7) ? "（未分类）" : (y.getString(7) + " " + (y.isNullAt(8) ? "" : y.getString(8))).trim();
      long[] c = byCategory.computeIfAbsent(category, k -> new long[4]);
      c[0]++;
      boolean confA = !x.isNullAt(6) && x.getBoolean(6);
      boolean confB = !y.isNullAt(6) && y.getBoolean(6);
      c[2] += confA ? 1 : 0;
      c[3] += confB ? 1 : 0;
      Double change = null;
      String how;
      if (confA || confB) {
        how = "保密价格（*）";
      } else if (x.isNullAt(4) || y.isNullAt(4)) {
        how = "未公布";
      } else if (!java.util.Objects.equals(x.getString(5), y.getString(5))) {
        how = "规格不同，不可比";
      } else {
        change = y.getDouble(4) / x.getDouble(4) - 1;
        how = "可比";
        c[1]++;
        changeSum.merge(category, change, Double::sum);
      }
      String section = x.getString(1).equals(y.getString(1)) ? y.getString(1) : x.getString(1) + "→" + y.getString(1);
      String name = x.getString(2).equals(y.getString(2)) ? y.getString(2) : x.getString(2) + "→" + y.getString(2);
      String agreement = java.util.Objects.equals(x.get(10), y.get(10)) ? "协议期内" : "续约（协议至 " + (y.isNullAt(10) ? "未注明" : y.get(10)) + "）";
      rows.add(new Object[] {section, name, agreement, x.getString(3), y.getString(3), change, how});
    }
    // the largest changes first, then the rest by name
    rows.sort((p, q) -> {
      Double u = (Double) p[5];
      Double v = (Double) q[5];
      if (u != null && v != null) {
        return Double.compare(Math.abs(v), Math.abs(u));
      }
      return u != null ? -1 : v != null ? 1 : ((String) p[1]).compareTo((String) q[1]);
    });
    for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
      drugs.add(r);
    }
    if (rows.size() > limit) {
      drugs.totalRows(rows.size());
    }
    drugs.note(a + " 年版与 " + b + " 年版都在谈判/竞价部分的药品（按版本对比的对应关系，名称调整的也算）：协议到期日变了的为续约，未变的在协议期内。变化按每项第一个金额计算，"
        + "仅当两版都公布且单位相同时可比；支付标准为 * 的为保密价格。");
    ResultTable categories = new ResultTable(a + " → " + b + " 两版都在谈判/竞价部分的药品（按一级分类）").text("category").count("renewed")
        .count("comparable").percent("mean_payment_change").count("confidential_a").count("confidential_b");
    long[] total = new long[4];
    double sum = 0;
    for (Map.Entry<String, long[]> e : byCategory.entrySet()) {
      long[] c = e.getValue();
      Double mean = c[1] == 0 ? null : changeSum.get(e.getKey()) / c[1];
      categories.add(e.getKey(), c[0], c[1], mean, c[2], c[3]);
      for (int i = 0; i < 4; i++) {
        total[i] += c[i];
      }
      sum += changeSum.getOrDefault(e.getKey(), 0.0);
    }
    categories.add("合计", total[0], total[1], total[1] == 0 ? null : sum / total[1], total[2], total[3]);
    return new ResultTable[] {drugs, categories};
  }
}
