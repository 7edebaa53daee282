package medinsight.render;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Column headers in Chinese (default) and English, by column key. */
public final class Labels {
  public enum Lang { ZH, EN;
    public static Lang parse(String s) {
      if (s == null || s.isBlank()) {
        return ZH;
      }
      String v = s.trim().toLowerCase(Locale.ROOT);
      if (v.startsWith("en")) {
        return EN;
      }
      if (v.startsWith("zh") || v.equals("cn") || v.equals("中文")) {
        return ZH;
      }
      throw new IllegalArgumentException("drugs.language 应为 zh 或 en，而不是“" + s + "”");
    }
  }

  private static final Map<String, String[]> LABELS = new HashMap<>();

  private static void l(String key, String zh, String en) {
    LABELS.put(key, new String[] {zh, en});
  }

  static {
    l("group", "分组", "Group");
    l("level", "医保类别", "Level");
    l("varieties", "品种数", "Varieties");
    l("entries", "条目数", "Entries");
    l("share", "占比", "Share");
    l("dosage_form", "剂型", "Dosage form");
    l("products", "产品数", "Products");
    l("generics", "通用名数", "Generics");
    l("mean_self_pay", "平均自付比例", "Mean self-payment");
    l("min_self_pay", "最低自付比例", "Min self-payment");
    l("max_self_pay", "最高自付比例", "Max self-payment");
    l("stddev_self_pay", "自付比例标准差", "Self-payment std dev");
    l("drug_type", "药品类型", "Drug type");
    l("fixed_products", "定额支付产品数", "Fixed-payment products");
    l("fixed_share", "定额支付占比", "Fixed-payment share");
    l("mean_fixed_amount", "平均定额(元)", "Mean fixed amount (CNY)");
    l("min_fixed_amount", "最低定额(元)", "Min fixed amount (CNY)");
    l("max_fixed_amount", "最高定额(元)", "Max fixed amount (CNY)");
    l("rank", "排名", "Rank");
    l("name", "药品名称", "Drug name");
    l("manufacturers", "生产企业数", "Manufacturers");
    l("forms", "剂型数", "Dosage forms");
    l("levels", "医保类别", "Levels");
    l("band", "自付比例区间", "Self-payment band");
    l("share_in_level", "类别内占比", "Share within level");
    l("level_jia", "甲类", "Class A (甲)");
    l("level_yi", "乙类", "Class B (乙)");
    l("level_bing", "丙类", "Class C (丙)");
    l("medicine_type", "药品类型", "Medicine type");
    l("category_code", "分类代码", "Category code");
    l("category_name", "分类名称", "Category");
    l("jia_varieties", "甲类品种数", "Class A varieties");
    l("manufacturer", "生产企业", "Manufacturer");
    l("product_share", "产品份额", "Product share");
    l("generic_coverage", "通用名覆盖率", "Generic coverage");
    l("jia_share", "甲类占比", "Class A share");
    l("negotiated_products", "谈判药品产品数", "Negotiated products");
    l("tcm_share", "中成药占比", "TCM share");
    l("main_form", "主剂型", "Main dosage form");
    l("main_form_share", "主剂型占比", "Main form share");
    l("profile", "类型", "Profile");
    l("shannon", "Shannon指数", "Shannon index");
    l("simpson", "Simpson指数", "Simpson index");
    l("evenness", "均匀度", "Evenness");
    l("scope", "范围", "Scope");
    l("cr4", "CR4", "CR4");
    l("cr10", "CR10", "CR10");
    l("hhi", "HHI", "HHI");
    l("reading", "判断", "Reading");
    l("low_burden", "低负担产品数", "Low-burden products");
    l("high_burden", "高负担产品数", "High-burden products");
    l("low_share", "低负担占比", "Low-burden share");
    l("high_share", "高负担占比", "High-burden share");
    l("position", "定位", "Position");
    l("restricted_products", "限制支付产品数", "Restricted products");
    l("restricted_share", "限制支付比例", "Restricted share");
    l("restricted_generics", "限制支付通用名数", "Restricted generics");
    l("vs_market", "相对市场", "Relative to market");
    l("section", "目录部分", "Section");
    l("from_warehouse", "读自数据仓库", "From the warehouse");
    l("edition", "版本", "Edition");
    l("current", "当前", "Current");
    l("added", "新增", "Added");
    l("removed", "调出", "Removed");
    l("level_changed", "甲乙调整", "Level changed");
    l("restriction_changed", "支付范围调整", "Restriction changed");
    l("added_negotiated", "新增·谈判", "Added (negotiated)");
    l("added_bid", "新增·竞价", "Added (bid)");
    l("added_regular", "新增·常规", "Added (regular)");
    l("moved", "部分调整", "Moved between parts");
    l("renamed", "规范名称", "Name normalised");
    l("varieties_a", "前版品种数", "Varieties (first edition)");
    l("varieties_b", "后版品种数", "Varieties (second edition)");
    l("moved_in", "转入", "Moved in");
    l("moved_out", "转出", "Moved out");
    l("to_negotiated", "常规转谈判", "Regular to negotiated");
    l("to_regular", "谈判转常规", "Negotiated to regular");
    l("change", "变化", "Change");
    l("category", "一级分类", "First-level category");
    l("before", "调整前", "Before");
    l("after", "调整后", "After");
    l("antecedent", "前件", "If");
    l("consequent", "后件", "Then");
    l("support", "支持度", "Support");
    l("confidence", "置信度", "Confidence");
    l("lift", "提升度", "Lift");
    l("k", "k", "k");
    l("silhouette", "轮廓系数", "Silhouette");
    l("distortion", "失真度", "Distortion");
    l("main_level", "主要类别", "Main level");
    l("top_manufacturers", "主要企业", "Top manufacturers");
    l("entry_share", "条目占比", "Share of entries");
    l("variety_share", "品种占比", "Share of varieties");
    l("pieces", "饮片数", "Pieces");
    l("with_granules", "有配方颗粒", "With granules");
    l("restriction_type", "限定类型", "Restriction type");
    l("share_of_restricted", "占有限定条目比例", "Share of restricted entries");
    l("top_values", "常见取值", "Common values");
    l("word", "词", "Word");
    l("occurrences", "出现次数", "Occurrences");
    l("cluster", "类", "Cluster");
    l("texts", "文本数", "Texts");
    l("top_terms", "主要词", "Top terms");
    l("samples", "示例", "Samples");
    l("view", "口径", "Measured on");
    l("labelled", "规则库药品数", "Labelled drugs");
    l("matched", "匹配数", "Matched");
    l("true_positives", "正确识别", "True positives");
    l("false_positives", "误报", "False positives");
    l("false_negatives", "漏报", "False negatives");
    l("precision", "精确率", "Precision");
    l("recall", "召回率", "Recall");
    l("jia_variety_share", "甲类品种占比", "Class A share of varieties");
    l("yi_variety_share", "乙类品种占比", "Class B share of varieties");
    l("restricted_entry_share", "有支付限定条目占比", "Entries with a restriction");
    l("negotiated_varieties", "谈判药品品种数", "Negotiated varieties");
    l("restricted", "有支付限定数", "Restricted");
    l("valid_to_year", "到期年份", "Expiry year");
    l("drugs", "药品数", "Drugs");
    l("confidential_prices", "保密价格数", "Confidential prices");
    l("mean_payment", "平均支付标准(元)", "Mean payment standard (CNY)");
    l("number", "编号", "Number");
    l("payment_standard", "医保支付标准", "Payment standard");
    l("payment_amount", "支付标准金额(元)", "Payment amount (CNY)");
    l("payment_unit", "计价单位", "Unit");
    l("brand", "商品名", "Brand");
    l("holder", "上市许可持有人", "Marketing authorisation holder");
    l("indication", "适应症", "Indication");
    l("drugs", "药品数", "Drugs");
    l("valid_from", "有效期起", "Valid from");
    l("valid_to", "有效期止", "Valid to");
    l("remark", "备注", "Remark");
    l("product_code", "产品编码", "Product code");
    l("specification", "规格", "Specification");
    l("self_pay_ratio", "自付比例", "Self-payment ratio");
    l("fixed_payment", "定额支付", "Fixed payment");
    l("link", "链接目录", "Catalog link");
    l("link_status", "链接状态", "Link status");
    l("link_method", "链接方式", "Linked by");
    l("level_source", "类别来源", "Level from");
    l("ratio_source", "自付比例来源", "Ratio from");
    l("brand_name", "商品名称", "Brand name");
    l("approval_number", "批准文号", "Approval number");
    l("restriction", "支付限定", "Restriction");
    l("kind", "数据", "Data");
    l("source", "来源", "Source");
    l("read", "读取行数", "Rows read");
    l("loaded", "加载行数", "Rows loaded");
    l("rejected", "拒绝行数", "Rows rejected");
    l("duplicates", "重复行数", "Duplicates");
    l("balanced", "核对一致", "Balanced");
    l("loaded_at", "加载时间", "Loaded at");
    l("load_ms", "耗时(毫秒)", "Time (ms)");
    l("column", "列", "Column");
    l("missing", "缺失数", "Missing");
    l("missing_share", "缺失比例", "Missing share");
    l("step", "处理", "Step");
    l("times", "次数", "Times");
    l("sheet", "工作表", "Sheet");
    l("row_number", "行号", "Row");
    l("reason", "原因", "Reason");
    l("raw", "原始内容", "Raw content");
    l("table", "表", "Table");
    l("rows", "行数", "Rows");
    l("description", "说明", "Description");
    l("command", "命令", "Command");
    l("example", "示例", "Example");
    l("option", "选项", "Option");
    l("type", "类型", "Type");
    l("default", "默认值", "Default");
  }

  private Labels() {}

  public static String of(String key, Lang lang) {
    String[] v = LABELS.get(key);
    if (v == null) {
      return key;
    }
    return lang == Lang.EN ? v[1] : v[0];
  }

  /** The header of a column key in one language, or null when there is none (no fallback). */
  public static String find(String key, Lang lang) {
    String[] v = LABELS.get(key);
    return v == null ? null : v[lang == Lang.EN ? 1 : 0];
  }

  public static boolean has(String key) {
    return LABELS.containsKey(key);
  }
}
