package medinsight.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * 商业健康保险创新药品目录（2025年）: the first commercial health-insurance innovative drug list,
 * issued with the 2025 catalog (医保发〔2025〕33号). 19 drugs the basic funds do not pay for; real
 * companies and products, shown as they are. Bundled; read once.
 */
public final class CommercialList {
  public static final String BUNDLED = "medinsight/data/cidl-2025/commercial-innovative-2025.csv";
  /** How lookup marks these drugs. */
  public static final String MARK = "商保创新药目录（基金不予支付）";

  /** One drug of the list. */
  public static final class Drug {
    public int number;
    public String categoryCode;
    public String name;
    public String brand;
    public String holder;
    public String licensee;
    public String indication;
    public String validity;
    public LocalDate validFrom;
    public LocalDate validTo;
  }

  private static volatile List<Drug> drugs;

  private CommercialList() {}

  public static List<Drug> drugs() {
    if (drugs == null) {
      synchronized (CommercialList.class) {
        if (drugs == null) {
          drugs = Collections.unmodifiableList(read());
        }
      }
    }
    return drugs;
  }

  private static List<Drug> read() {
    List<Drug> out = new ArrayList<>();
    try (InputStream in = CommercialList.class.getClassLoader().getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new LoadException("内置数据 " + BUNDLED + " 不在插件包中，请重新构建插件。");
      }
      try (TabularSource t = TabularSource.csv(in, "commercial")) {
        Iterator<TabularSource.Record> it = t.records();
        while (it.hasNext()) {
          String[] v = it.next().values;
          Drug d = new Drug();
          d.number = Integer.parseInt(v[0].trim());
          d.categoryCode = v[1].trim();
          d.name = v[2].trim();
          d.brand = v[3];
          d.holder = v[4];
          d.licensee = v[5];
          d.indication = v[6];
          d.validity = v[7];
          ValidityRange r = ValidityRange.parse(v[7]);
          if (r != null) {
            d.validFrom = r.from;
            d.validTo = r.to;
          }
          out.add(d);
        }
      }
    } catch (IOException e) {
      throw new LoadException("无法读取内置的商保创新药目录：" + e.getMessage(), e);
    }
    return out;
  }
}
