package medinsight.catalog;

import java.util.Iterator;
import java.util.Locale;

/** Reads the 饮片 list: number, name, single_use_not_paid_box (Y/N), remark. */
public final class YinpianReader {

  public static boolean looksLikeYinpian(String[] header) {
    for (String h : header) {
      if (h != null && h.trim().toLowerCase(Locale.ROOT).contains("single_use_not_paid")) {
        return true;
      }
    }
    return false;
  }

  public LoadResult<YinpianEntry> read(TabularSource t, String source) {
    LoadResult<YinpianEntry> r = new LoadResult<>(source, DataKind.YINPIAN);
    int num = -1;
    int name = -1;
    int box = -1;
    int remark = -1;
    for (int i = 0; i < t.header.length; i++) {
      String h = ProductColumns.norm(t.header[i]);
      if (h.equals("number") || h.equals("编号")) {
        num = i;
      } else if (h.equals("name") || h.equals("名称") || h.equals("饮片名称")) {
        name = i;
      } else if (h.contains("single_use_not_paid") || h.equals("单独使用不予支付")) {
        box = i;
      } else if (h.equals("remark") || h.equals("备注")) {
        remark = i;
      }
    }
    if (num < 0 || name < 0) {
      throw new LoadException("饮片清单 " + source + " 缺少必需列：number（编号）和 name（名称）");
    }
    Iterator<TabularSource.Record> it = t.records();
    while (it.hasNext()) {
      TabularSource.Record rec = it.next();
      r.read++;
      String[] v = rec.values;
      if (rec.error != null) {
        r.reject(null, rec.row, rec.error, String.join(" | ", nullSafe(v)));
        continue;
      }
      String n = num < v.length ? v[num] : null;
      String nm = name < v.length ? TextCleaner.field(v[name], r.normalisations) : null;
      if (nm == null) {
        r.reject(null, rec.row, "饮片名称为空", String.join(" | ", nullSafe(v)));
        continue;
      }
      YinpianEntry e = new YinpianEntry();
      try {
        e.number = Integer.parseInt(n == null ? "" : n.trim());
      } catch (NumberFormatException ex) {
        r.reject(null, rec.row, "编号“" + n + "”不是整数", String.join(" | ", nullSafe(v)));
        continue;
      }
      e.name = nm;
      e.notPaidAlone = box >= 0 && box < v.length && v[box] != null && v[box].trim().equalsIgnoreCase("Y");
      e.remark = remark >= 0 && remark < v.length ? TextCleaner.field(v[remark], r.normalisations) : null;
      e.sourceRow = rec.row;
      r.records.add(e);
    }
    return r;
  }

  private static String[] nullSafe(String[] v) {
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] == null ? "" : v[i];
    }
    return out;
  }
}
