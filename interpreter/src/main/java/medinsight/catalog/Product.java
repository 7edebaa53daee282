package medinsight.catalog;

/** One product of the Beijing list: a drug of one manufacturer in one specification. */
public final class Product {
  public String productCode;
  public String name;
  /** 西药 / 中成药 / 中药配方颗粒. */
  public String drugType;
  public String level;
  public String dosageForm;
  public String specification;
  public String manufacturer;
  public double selfPayRatio;
  public boolean fixedPayment;
  public Double fixedAmount;
  public String restriction;
  public String catalogSection;
  public Integer catalogNumber;
  public int sourceRow;

  public boolean negotiated() {
    return catalogSection != null && (catalogSection.startsWith("协议") || catalogSection.startsWith("竞价"));
  }
}
