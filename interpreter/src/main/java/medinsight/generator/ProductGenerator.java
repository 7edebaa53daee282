package medinsight.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.DosageForms;
import medinsight.catalog.Product;
import medinsight.catalog.YinpianEntry;

/**
 * Generates a synthetic Beijing product list from the real national catalog. Every
 * product-level field (manufacturer, specification, self-payment ratio, fixed-payment flag and
 * amount, product code, the 丙类 and formula-granule products) is synthetic; the policy
 * assumptions are listed in data/README.md. Manufacturer names are invented and all begin with
 * 虚构 ("fictitious"). The same seed and scale factor give the same list, byte for byte.
 */
public final class ProductGenerator {
  /** Products per catalog entry are scaled so that SF1 gives about this many products. */
  public static final int PRODUCTS_AT_SF1 = 50_000;

  private static final String[] BRAND_A = (
      "岚 禾 澜 瑞 泓 朗 颐 昕 湛 蔚 璟 翊 骁 珺 瀚 霁 桓 烨 铭 钧 晟 旻 祺 琛 舜 峪 鸿 靖 墨 澄 "
    + "檀 黎 沅 岱 苒 稷 芃 菁 蘅 蕤 荃 茗 芷 蓁 岐 嵩 峤 泺 淇 沣 涵 洵 珩 玥 瑄 璞 琨 钰 锦 曜").split(" ");
  private static final String[] BRAND_B = (
      "康 安 和 泰 宁 生 元 恒 济 仁 德 健 华 信 益 源 达 嘉 润 丰 盛 福 寿 乾 坤 正 清 远 诚 平").split(" ");
  private static final String[] WEST_SUFFIX = {"制药有限公司", "药业有限公司", "生物医药有限公司", "医药股份有限公司", "制药厂"};
  private static final String[] TCM_SUFFIX = {"中药有限公司", "制药有限公司", "药业有限公司", "中药股份有限公司", "制药厂"};
  /** Names with quotes, parentheses and Chinese punctuation, so every command is exercised on them. */
  static final String[] SPECIAL = {
    "虚构O'Brien (北京) 药业有限公司",
    "虚构“康宁”制药（集团）有限公司",
    "虚构安泰·华康药业, Inc.",
    "虚构百草堂（北京）中药有限公司",
    "虚构\"双鹿\"生物制药有限公司",
  };

  private static final class Maker {
    final String name;
    final boolean tcm;
    final double size;
    final Set<String> specialties;

    Maker(String name, boolean tcm, double size, Set<String> specialties) {
      this.name = name;
      this.tcm = tcm;
      this.size = size;
      this.specialties = specialties;
    }
  }

  private final SplittableRandom rnd;
  private final double sf;
  private final List<Maker> western = new ArrayList<>();
  private final List<Maker> tcm = new ArrayList<>();
  private final List<Maker> granuleMakers = new ArrayList<>();
  private int code;

  public ProductGenerator(long seed, double sf) {
    if (!(sf > 0)) {
      throw new IllegalArgumentException("scale factor must be positive: " + sf);
    }
    this.rnd = new SplittableRandom(seed);
    this.sf = sf;
  }

  public List<Product> generate(List<CatalogEntry> catalog, List<YinpianEntry> yinpian) {
    makeManufacturers(catalog);
    westernOff = outside(WESTERN_OFF_CATALOG, catalog, yinpian);
    tcmOff = outside(TCM_OFF_CATALOG, catalog, yinpian);
    double rawTotal = 0;
    for (CatalogEntry e : catalog) {
      rawTotal += baseMean(e);
    }
    double granuleShare = 0.06;
    double scale = PRODUCTS_AT_SF1 * sf * (1 - granuleShare - 0.02) / rawTotal;
    long regular = catalog.stream().filter(e -> !e.negotiated()).count();
    double unlistedPerEntry = PRODUCTS_AT_SF1 * sf * 0.02 / Math.max(1, regular);
    List<Product> out = new ArrayList<>();
    for (CatalogEntry e : catalog) {
      int n = draw(baseMean(e) * scale);
      for (int i = 0; i < n; i++) {
        out.add(product(e));
      }
      if (!e.negotiated()) {
        int k = (int) unlistedPerEntry + (rnd.nextDouble() < unlistedPerEntry % 1 ? 1 : 0);
        for (int i = 0; i < k; i++) {
          out.add(offCatalog(e));
        }
      }
    }
    int perPiece = (int) Math.max(1, Math.round(PRODUCTS_AT_SF1 * sf * granuleShare / Math.max(1, yinpian.size())));
    for (YinpianEntry y : yinpian) {
      int n = Math.max(1, draw(perPiece));
      List<Maker> chosen = pickDistinct(granuleMakers, Math.min(n, granuleMakers.size()));
      for (int i = 0; i < n; i++) {
        out.add(granule(y, chosen.get(i % chosen.size()), i / chosen.size()));
      }
    }
    return out;
  }

  private double baseMean(CatalogEntry e) {
    if (e.negotiated()) {
      return 1.3;
    }
    boolean jia = "甲".equals(e.level);
    if ("中成药".equals(e.medicineType)) {
      return jia ? 11 : 6;
    }
    return jia ? 20 : 9;
  }

  /** A count with the given mean: geometric-like spread, at least 1. */
  private int draw(double mean) {
    if (mean <= 1) {
      return 1;
    }
    double u = rnd.nextDouble();
    double x = -Math.log(1 - u) * (mean - 1) + 1;
    return (int) Math.max(1, Math.round(x));
  }

  private void makeManufacturers(List<CatalogEntry> catalog) {
    Set<String> used = new LinkedHashSet<>();
    int scaleUp = (int) Math.round(1 + Math.log10(sf));
    makeGroup(western, false, 900 * scaleUp, WEST_SUFFIX, used);
    makeGroup(tcm, true, 600 * scaleUp, TCM_SUFFIX, used);
    for (int i = 0; i < SPECIAL.length; i++) {
      boolean t = SPECIAL[i].contains("中药");
      Maker m = new Maker(SPECIAL[i], t, 3 + i, specialties(t));
      (t ? tcm : western).add(m);
    }
    String[] granule = {"配方颗粒", "中药配方颗粒", "颗粒制药"};
    for (int i = 0; i < 10; i++) {
      String name;
      do {
        name = "虚构" + pick(BRAND_A) + pick(BRAND_B) + pick(granule) + "有限公司";
      } while (!used.add(name));
      granuleMakers.add(new Maker(name, true, pareto(), Set.of("颗粒剂")));
    }
  }

  private void makeGroup(List<Maker> into, boolean isTcm, int count, String[] suffixes, Set<String> used) {
    for (int i = 0; i < count; i++) {
      String name;
      int tries = 0;
      do {
        name = "虚构" + pick(BRAND_A) + pick(BRAND_B) + (tries > 20 ? pick(BRAND_B) : "") + pick(suffixes);
        tries++;
      } while (!used.add(name));
      into.add(new Maker(name, isTcm, pareto(), specialties(isTcm)));
    }
  }

  private static final String[] WEST_FORMS = {"口服常释剂型", "注射剂", "缓释控释剂型", "颗粒剂", "口服液体剂", "滴眼剂", "软膏剂", "吸入剂"};
  private static final String[] TCM_FORMS = {"片剂", "胶囊剂", "颗粒剂", "丸剂", "注射剂", "口服液", "合剂", "贴膏剂"};

  private Set<String> specialties(boolean isTcm) {
    String[] forms = isTcm ? TCM_FORMS : WEST_FORMS;
    Set<String> s = new LinkedHashSet<>();
    int k = 1 + rnd.nextInt(3);
    while (s.size() < k) {
      s.add(forms[(int) Math.floor(Math.pow(rnd.nextDouble(), 1.6) * forms.length)]);
    }
    return s;
  }

  /** Firm sizes: Pareto with shape 1.2, capped, so a few firms hold a large share. */
  private double pareto() {
    return Math.min(200, Math.pow(1 - rnd.nextDouble(), -1 / 1.2));
  }

  private String pick(String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private Maker chooseMaker(List<Maker> pool, String form) {
    double total = 0;
    double[] w = new double[pool.size()];
    for (int i = 0; i < w.length; i++) {
      Maker m = pool.get(i);
      w[i] = m.size * (m.specialties.contains(form) ? 6 : 1);
      total += w[i];
    }
    double u = rnd.nextDouble() * total;
    for (int i = 0; i < w.length; i++) {
      u -= w[i];
      if (u <= 0) {
        return pool.get(i);
      }
    }
    return pool.get(w.length - 1);
  }

  private List<Maker> pickDistinct(List<Maker> pool, int k) {
    List<Maker> copy = new ArrayList<>(pool);
    List<Maker> out = new ArrayList<>();
    while (out.size() < k && !copy.isEmpty()) {
      Maker m = chooseMaker(copy, "颗粒剂");
      copy.remove(m);
      out.add(m);
    }
    return out;
  }

  private Product base(String name, String form) {
    Product p = new Product();
    p.productCode = String.format("SYN%08d", ++code);
    p.name = name;
    p.dosageForm = form;
    return p;
  }

  private Product product(CatalogEntry e) {
    boolean isTcm = "中成药".equals(e.medicineType);
    String[] forms = e.dosageForms == null ? new String[] {DosageForms.UNKNOWN} : e.dosageForms.split("、");
    String form = forms[rnd.nextInt(forms.length)];
    Product p = base(productName(e, isTcm), form);
    p.drugType = e.medicineType;
    Maker m = chooseMaker(isTcm ? tcm : western, form);
    if (e.negotiated() && rnd.nextDouble() < 0.7) {
      // innovative drugs: mostly made by the larger firms
      Maker big = chooseMaker(isTcm ? tcm : western, form);
      m = big.size > m.size ? big : m;
    }
    p.manufacturer = m.name;
    p.level = e.level;
    p.specification = specification(form);
    p.restriction = e.remark;
    p.catalogSection = e.section;
    p.catalogNumber = e.number;
    if ("甲".equals(e.level)) {
      p.selfPayRatio = 0.0;
    } else if (e.negotiated()) {
      p.selfPayRatio = choose(new double[] {0.10, 0.20, 0.30}, new double[] {0.4, 0.3, 0.3});
    } else {
      p.selfPayRatio = choose(new double[] {0.05, 0.10, 0.15, 0.20, 0.30, 0.50, 0.70},
          new double[] {0.10, 0.55, 0.10, 0.12, 0.08, 0.03, 0.02});
    }
    double fixedChance = e.negotiated() ? 0.15 : ("乙".equals(e.level) ? 0.04 : 0.01);
    if (rnd.nextDouble() < fixedChance) {
      p.fixedPayment = true;
      double amount = e.paymentAmount != null ? e.paymentAmount * (7 + rnd.nextInt(24))
          : Math.exp(Math.log(5) + rnd.nextDouble() * Math.log(100));
      p.fixedAmount = Math.round(amount * 100) / 100.0;
    }
    return p;
  }

  /** A product's name: a 中成药 entry's name without the forms it lists in brackets. */
  private static String productName(CatalogEntry e, boolean isTcm) {
    return isTcm ? DosageForms.stripTrailingParens(e.name) : e.name;
  }

  /**
   * Drugs sold in Beijing that the catalog does not list (cold remedies, vitamins, lozenges …):
   * 丙类. Each candidate that the catalog or the 饮片 list names (or a name of theirs contains, or
   * that contains one) is dropped, so a 丙 product is never a catalog drug; they come in forms
   * the catalog's own products come in, so the form does not tell the level. Real generic names,
   * made by fictitious firms like every product.
   */
  static final String[] WESTERN_OFF_CATALOG = {"复方氨酚烷胺", "氨咖黄敏", "酚麻美敏", "美扑伪麻", "氨酚伪麻美芬",
      "葡萄糖酸钙锌", "复合维生素B", "多维元素", "乳酸菌素", "西地碘", "褪黑素", "辅酶Q10", "硫酸软骨素"};
  static final String[] TCM_OFF_CATALOG = {"金嗓子喉片", "西瓜霜润喉片", "复方草珊瑚含片", "健胃消食片", "咽炎片",
      "银黄含片", "清咽润喉片", "桑菊感冒片", "养血生发片", "排毒养颜片", "龟龄集片", "板蓝根含片"};

  private List<String> westernOff;
  private List<String> tcmOff;

  static List<String> outside(String[] candidates, List<CatalogEntry> catalog, List<YinpianEntry> yinpian) {
    // by the names and by their stems without a form word: 桑菊感冒片 is the catalog's 桑菊感冒颗粒(片)
    List<String> names = new ArrayList<>();
    for (CatalogEntry e : catalog) {
      String n = DosageForms.stripTrailingParens(e.name);
      names.add(n);
      names.add(stem(n));
    }
    for (YinpianEntry y : yinpian) {
      names.add(y.name);
    }
    List<String> out = new ArrayList<>();
    for (String c : candidates) {
      String st = stem(c);
      if (names.stream().noneMatch(n -> !n.isEmpty() && (n.equals(c) || c.contains(n) || n.contains(c) || n.contains(st)))) {
        out.add(c);
      }
    }
    if (out.size() < 3) {
      throw new IllegalStateException("the catalog lists all but " + out.size() + " of the drugs the generator takes as 丙类: " + out);
    }
    return out;
  }

  private static String stem(String name) {
    return name.replaceFirst("(含片|润喉片|片|胶囊|颗粒|丸|合剂|口服液|糖浆)$", "");
  }

  /**
   * A product of a drug the catalog does not list: 丙类. It takes the draws of the seed's stream
   * that the generator always took for it (a form, a firm, a specification), so every other
   * product of the list is the one the same seed gave before; its name comes from its code.
   */
  private Product offCatalog(CatalogEntry e) {
    boolean isTcm = "中成药".equals(e.medicineType);
    boolean tablet = isTcm || rnd.nextBoolean();
    // the forms the catalog's products come in (口服常释剂型 holds 分散片, 口服液体剂 口服溶液剂)
    String form = isTcm ? "片剂" : tablet ? "口服常释剂型" : "口服液体剂";
    String drawn = isTcm ? "片剂" : tablet ? "分散片" : "口服溶液剂";
    List<String> names = isTcm ? tcmOff : westernOff;
    Product p = base(names.get(Math.floorMod(Long.hashCode((code + 1) * 0x9E3779B97F4A7C15L), names.size())), form);
    p.drugType = e.medicineType;
    p.manufacturer = chooseMaker(isTcm ? tcm : western, drawn).name;
    p.level = "丙";
    p.selfPayRatio = 1.0;
    p.specification = specification(drawn);
    return p;
  }

  private Product granule(YinpianEntry y, Maker m, int variant) {
    Product p = base(y.name + "配方颗粒", "颗粒剂");
    p.drugType = "中药配方颗粒";
    p.manufacturer = m.name;
    p.level = "乙";
    p.selfPayRatio = choose(new double[] {0.10, 0.20}, new double[] {0.7, 0.3});
    double grams = new double[] {0.5, 1, 2, 3, 5, 10}[(rnd.nextInt(6) + variant) % 6];
    p.specification = "每袋装" + fmt(grams) + "g(相当于饮片" + fmt(grams * (3 + rnd.nextInt(8))) + "g)";
    p.restriction = y.notPaidAlone ? "单独使用时不予支付" : null;
    return p;
  }

  private double choose(double[] values, double[] weights) {
    double u = rnd.nextDouble();
    for (int i = 0; i < values.length; i++) {
      u -= weights[i];
      if (u <= 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private static final double[] MG = {0.5, 1, 2.5, 5, 10, 20, 25, 40, 50, 100, 125, 200, 250, 500};
  private static final int[] COUNT = {6, 10, 12, 14, 20, 24, 28, 30, 36, 48, 60, 100};

  private String specification(String form) {
    String f = form == null ? "" : form;
    if (f.contains("注射")) {
      return fmt(choose(new double[] {1, 2, 5, 10, 20, 100}, new double[] {.2, .25, .2, .15, .1, .1})) + "ml:"
          + fmt(MG[rnd.nextInt(MG.length)]) + "mg×" + new int[] {1, 2, 5, 6, 10}[rnd.nextInt(5)] + "支";
    }
    if (f.contains("颗粒") || f.contains("散")) {
      return fmt(new double[] {1, 2, 3, 5, 6, 10}[rnd.nextInt(6)]) + "g×" + new int[] {6, 9, 10, 12, 20}[rnd.nextInt(5)] + "袋";
    }
    if (f.contains("液") || f.contains("合剂") || f.contains("糖浆") || f.contains("滴")) {
      return fmt(new double[] {5, 10, 60, 100, 120, 150}[rnd.nextInt(6)]) + "ml/瓶";
    }
    if (f.contains("膏") || f.contains("凝胶") || f.contains("乳")) {
      return fmt(new double[] {5, 10, 15, 20, 30}[rnd.nextInt(5)]) + "g/支";
    }
    if (f.contains("丸")) {
      return fmt(new double[] {0.2, 3, 6, 9}[rnd.nextInt(4)]) + "g×" + COUNT[rnd.nextInt(COUNT.length)] + "丸";
    }
    if (f.contains("贴")) {
      return new int[] {4, 6, 10}[rnd.nextInt(3)] + "贴/盒";
    }
    String unit = f.contains("胶囊") ? "粒" : "片";
    return fmt(MG[rnd.nextInt(MG.length)]) + "mg×" + COUNT[rnd.nextInt(COUNT.length)] + unit;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** The manufacturers with special characters in their names, for tests. */
  public static List<String> specialNames() {
    return Arrays.asList(SPECIAL);
  }
}
