package medinsight.catalog;

/** One product of a product list: a drug of one manufacturer in one specification. */
public final class Product {
  public String productCode;
  public String name;
  /** 西药 / 中成药 / 中药配方颗粒. */
  public String drugType;
  /** 甲 / 乙 / 丙; null when neither the list nor a linked catalog entry gives it. */
  public String level;
  public String dosageForm;
  public String specification;
  public String manufacturer;
  /** 0–1; null when the list has none and no policy ratio applies (the level is unknown). */
  public Double selfPayRatio;
  /** Null when the list's cell could not be read (see {@link #quarantined}). */
  public Boolean fixedPayment = Boolean.FALSE;
  public Double fixedAmount;
  public String restriction;
  public String catalogSection;
  public Integer catalogNumber;
  public int sourceRow;

  /** 商品名称. */
  public String brandName;
  /** 批准文号. */
  public String approvalNumber;
  /** 药品本位码. */
  public String standardCode;
  /** 包装规格 / 包装材质. */
  public String packaging;
  /** The catalog name and form the list states (目录药品名称, 目录剂型), used to link. */
  public String catalogName;
  public String catalogForm;

  /** The catalog entry the product is linked to (its variety), or null. */
  public String varietyId;
  /** linked / ambiguous / unlinked; null when the list was not linked to a catalog. */
  public String linkStatus;
  /** How it was linked: 目录编号 / 通用名+剂型 / 分类代码. */
  public String linkMethod;
  /** Where the level comes from: list / catalog. */
  public String levelSource;
  /** Where the self-payment ratio comes from: list / policy. */
  public String ratioSource;

  /** The fields of this product the list gave but that could not be read: each is null here. */
  public java.util.List<QuarantinedField> quarantined;

  public boolean negotiated() {
    return catalogSection != null && (catalogSection.startsWith("协议") || catalogSection.startsWith("竞价"));
  }
}
