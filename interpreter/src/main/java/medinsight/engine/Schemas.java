package medinsight.engine;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CommercialList;
import medinsight.catalog.DataKind;
import medinsight.catalog.Product;
import medinsight.catalog.RejectedRow;
import medinsight.catalog.YinpianEntry;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Spark tables: their schemas (with column comments) and the row conversions. */
public final class Schemas {
  private Schemas() {}

  private static StructField f(String name, DataType type, String comment) {
    return new StructField(name, type, true, Metadata.empty()).withComment(comment);
  }

  public static final StructType CATALOG = new StructType(new StructField[] {
    f("entry_id", IntegerType, "条目序号（加载顺序）"),
    f("edition", IntegerType, "目录版本年份"),
    f("section", StringType, "目录部分：西药/中成药/协议西药/协议中成药/竞价药品"),
    f("part", StringType, "常规目录/谈判药品/竞价药品"),
    f("medicine_type", StringType, "西药/中成药"),
    f("number", IntegerType, "品种编号（★行为所重复的品种编号）"),
    f("repeat_of", IntegerType, "★(n) 行所重复的品种编号"),
    f("variety_id", StringType, "品种标识：部分:编号"),
    f("level", StringType, "甲/乙（谈判、竞价药品按乙类）"),
    f("name", StringType, "药品名称（并列名称的第一个）"),
    f("names", StringType, "全部并列名称，以 / 分隔"),
    f("dosage_form", StringType, "剂型"),
    f("dosage_forms", StringType, "条目涵盖的全部剂型，以、分隔"),
    f("form_source", StringType, "剂型来源：剂型列/名称推断/未注明"),
    f("remark", StringType, "备注（支付限定）"),
    f("restricted", BooleanType, "是否有支付限定（备注除 ◇/□ 标记外非空）"),
    f("collective", BooleanType, "◇标记：所标名称为一类药品的统称（凡例（十）），不是支付限定"),
    f("not_paid_alone", BooleanType, "□标记：单独使用不予支付（凡例（十六））"),
    f("category_code", StringType, "最近一级分类代码"),
    f("category_name", StringType, "最近一级分类名称"),
    f("cat1_code", StringType, "一级分类代码"),
    f("cat1_name", StringType, "一级分类名称"),
    f("cat2_code", StringType, "二级分类代码"),
    f("cat2_name", StringType, "二级分类名称"),
    f("cat3_code", StringType, "三级分类代码"),
    f("cat3_name", StringType, "三级分类名称"),
    f("cat4_code", StringType, "四级分类代码"),
    f("cat4_name", StringType, "四级分类名称"),
    f("category_path", StringType, "分类路径"),
    f("ethnic", BooleanType, "是否民族药"),
    f("payment_standard", StringType, "医保支付标准原文"),
    f("payment_amount", DoubleType, "支付标准金额（元，多项时取第一项）"),
    f("payment_unit", StringType, "支付标准单位"),
    f("payment_items", IntegerType, "支付标准项数"),
    f("payment_confidential", BooleanType, "支付标准保密（*）"),
    f("valid_from", DateType, "协议有效期起"),
    f("valid_to", DateType, "协议有效期止"),
    f("source_sheet", StringType, "来源工作表"),
    f("source_row", IntegerType, "来源行号"),
  });

  public static Row row(CatalogEntry e) {
    return RowFactory.create(e.entryId, e.edition, e.section, e.part, e.medicineType, e.number, e.repeatOf,
        e.varietyId, e.level, e.name, e.names, e.dosageForm, e.dosageForms, e.formSource, e.remark,
        e.remark != null, e.collective, e.notPaidAlone, e.categoryCode, e.categoryName, e.catCodes[0], e.catNames[0], e.catCodes[1],
        e.catNames[1], e.catCodes[2], e.catNames[2], e.catCodes[3], e.catNames[3], e.categoryPath, e.ethnic,
        e.paymentStandard, e.paymentAmount, e.paymentUnit, e.paymentItems, e.paymentConfidential,
        e.validFrom == null ? null : Date.valueOf(e.validFrom), e.validTo == null ? null : Date.valueOf(e.validTo),
        e.sourceSheet, e.sourceRow);
  }

  public static final StructType PRODUCTS = new StructType(new StructField[] {
    f("product_code", StringType, "产品编码"),
    f("name", StringType, "药品名称"),
    f("drug_type", StringType, "药品类型：西药/中成药/中药配方颗粒"),
    f("level", StringType, "医保类别：甲/乙/丙"),
    f("dosage_form", StringType, "剂型"),
    f("specification", StringType, "规格"),
    f("manufacturer", StringType, "生产企业"),
    f("self_pay_ratio", DoubleType, "自付比例（0–1）"),
    f("fixed_payment", BooleanType, "是否定额支付"),
    f("fixed_amount", DoubleType, "定额标准（元）"),
    f("restriction", StringType, "备注（支付限定）"),
    f("restricted", BooleanType, "是否有支付限定"),
    f("catalog_section", StringType, "所属目录部分"),
    f("catalog_number", IntegerType, "目录编号"),
    f("variety_id", StringType, "目录品种标识：部分:编号"),
    f("negotiated", BooleanType, "是否谈判/竞价药品"),
    f("source_row", IntegerType, "来源行号"),
    f("brand_name", StringType, "商品名称"),
    f("packaging", StringType, "包装规格/包装材质"),
    f("approval_number", StringType, "批准文号"),
    f("standard_code", StringType, "药品本位码"),
    f("link_status", StringType, "与现行目录的链接：linked（已链接）/ambiguous（多义）/unlinked（未链接）；空=未做链接"),
    f("link_method", StringType, "链接方式：目录编号/通用名+剂型/分类代码"),
    f("level_source", StringType, "医保类别来源：list（清单）/catalog（链接的目录条目）"),
    f("ratio_source", StringType, "自付比例来源：list（清单）/policy（drugs.policy.selfpay 政策表，假设值）"),
    f("quarantine", StringType, "清单给出但无法读取、已置为未知的字段（JSON：field/value/reason；逐项见 quarantined_fields 表）"),
  });

  /** The fields of the products table's {@code quarantine} column, as JSON: field, value, reason. */
  public static final StructType QUARANTINED_ITEM = new StructType(new StructField[] {
    f("field", StringType, "字段"),
    f("value", StringType, "原始值"),
    f("reason", StringType, "置为未知的原因"),
  });

  private static final com.google.gson.Gson GSON = new com.google.gson.Gson();

  private static String quarantine(Product p) {
    if (p.quarantined == null || p.quarantined.isEmpty()) {
      return null;
    }
    List<Map<String, String>> items = new ArrayList<>();
    for (medinsight.catalog.QuarantinedField q : p.quarantined) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("field", q.field);
      m.put("value", q.value);
      m.put("reason", q.reason);
      items.add(m);
    }
    return GSON.toJson(items);
  }

  public static Row row(Product p) {
    String variety = p.varietyId != null ? p.varietyId
        : p.linkStatus == null && p.catalogSection != null && p.catalogNumber != null ? p.catalogSection + ":" + p.catalogNumber : null;
    return RowFactory.create(p.productCode, p.name, p.drugType, p.level, p.dosageForm, p.specification,
        p.manufacturer, p.selfPayRatio, p.fixedPayment, p.fixedAmount, p.restriction, p.restriction != null,
        p.catalogSection, p.catalogNumber, variety, p.negotiated(), p.sourceRow, p.brandName, p.packaging,
        p.approvalNumber, p.standardCode, p.linkStatus, p.linkMethod, p.levelSource, p.ratioSource, quarantine(p));
  }

  public static final StructType YINPIAN = new StructType(new StructField[] {
    f("number", IntegerType, "编号"),
    f("name", StringType, "饮片名称"),
    f("not_paid_alone", BooleanType, "□标记：单独使用或全部由此类饮片组成的处方不予支付"),
    f("remark", StringType, "备注"),
    f("source_row", IntegerType, "来源行号"),
  });

  public static Row row(YinpianEntry y) {
    return RowFactory.create(y.number, y.name, y.notPaidAlone, y.remark, y.sourceRow);
  }

  public static final StructType COMMERCIAL = new StructType(new StructField[] {
    f("number", IntegerType, "编号"),
    f("category_code", StringType, "分类代码（目录的分类体系）"),
    f("name", StringType, "药品名称"),
    f("brand", StringType, "商品名"),
    f("holder", StringType, "上市许可持有人"),
    f("licensee", StringType, "授权企业"),
    f("indication", StringType, "适应症"),
    f("validity", StringType, "协议有效期（原文）"),
    f("valid_from", DataTypes.DateType, "协议有效期起"),
    f("valid_to", DataTypes.DateType, "协议有效期止"),
  });

  public static Row row(CommercialList.Drug d) {
    return RowFactory.create(d.number, d.categoryCode, d.name, d.brand, d.holder, d.licensee, d.indication, d.validity,
        d.validFrom == null ? null : Date.valueOf(d.validFrom), d.validTo == null ? null : Date.valueOf(d.validTo));
  }

  /** The schema of a kind's table. */
  public static StructType of(DataKind kind) {
    switch (kind) {
      case CATALOG: return CATALOG;
      case PRODUCTS: return PRODUCTS;
      case YINPIAN: return YINPIAN;
      default: throw new IllegalStateException(String.valueOf(kind));
    }
  }

  public static final StructType REJECTED = new StructType(new StructField[] {
    f("source", StringType, "来源文件"),
    f("kind", StringType, "数据类型：catalog/products/yinpian"),
    f("sheet", StringType, "工作表"),
    f("row_number", IntegerType, "来源行号（表头为第 1 行）"),
    f("reason", StringType, "未加载原因"),
    f("raw", StringType, "原始内容"),
  });

  public static Row row(RejectedRow r) {
    return RowFactory.create(r.source, r.kind, r.sheet, r.row, r.reason, r.raw);
  }

  public static <T> List<Row> rows(List<T> items, Function<T, Row> f) {
    List<Row> out = new ArrayList<>(items.size());
    for (T t : items) {
      out.add(f.apply(t));
    }
    return out;
  }
}
