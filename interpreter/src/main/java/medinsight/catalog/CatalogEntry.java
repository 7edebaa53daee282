package medinsight.catalog;

import java.time.LocalDate;

/** One row of the official catalog (an entry), after cleaning. */
public final class CatalogEntry {
  public int entryId;
  public int edition;
  /** 西药 / 中成药 / 协议西药 / 协议中成药 / 竞价药品. */
  public String section;
  /** 常规目录 / 谈判药品 / 竞价药品. */
  public String part;
  /** 西药 / 中成药. */
  public String medicineType;
  public int number;
  /** For a ★(n) row: n, the variety it repeats; null otherwise. */
  public Integer repeatOf;
  public String varietyId;
  public String level;
  public String name;
  /** All names of the entry, joined by " / " where the cell lists alternatives. */
  public String names;
  public String dosageForm;
  /** Every form the entry covers, joined by "、". */
  public String dosageForms;
  /** 剂型列 or 名称推断. */
  public String formSource;
  /** 备注 (the payment restriction), without the marks below; null when there is none. */
  public String remark;
  /** ◇ in 备注: the name is the collective name of a class of drugs (凡例（十）). */
  public boolean collective;
  /** □ in 备注: not paid when used alone (凡例（十六）). */
  public boolean notPaidAlone;
  public String categoryCode;
  public String categoryName;
  public final String[] catCodes = new String[4];
  public final String[] catNames = new String[4];
  public String categoryPath;
  public boolean ethnic;
  public String paymentStandard;
  public Double paymentAmount;
  public String paymentUnit;
  public int paymentItems;
  public boolean paymentConfidential;
  public String validityText;
  public LocalDate validFrom;
  public LocalDate validTo;
  public String sourceSheet;
  public int sourceRow;

  public boolean negotiated() {
    return !"常规目录".equals(part);
  }
}
