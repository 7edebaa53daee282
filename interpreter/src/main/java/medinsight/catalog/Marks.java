package medinsight.catalog;

/**
 * The catalog's marks in its 备注 column, which say what an entry is, not how it is paid: ◇
 * (凡例（十）: the name is the collective name of a class of drugs, such as 西药 207
 * 缓解消化道不适症状的复方OTC制剂) and □ (凡例（十六）: a 饮片 not paid when used alone). A remark that
 * holds only a mark is no payment restriction; the mark is kept as a flag of its own.
 */
public final class Marks {
  public static final char COLLECTIVE = '◇';
  public static final char NOT_PAID_ALONE = '□';

  private Marks() {
  }

  public static boolean has(String remark, char mark) {
    return remark != null && remark.indexOf(mark) >= 0;
  }

  /**
   * The remark without its marks and the separators left around them; null when nothing else is
   * left. Counted as a normalisation when a mark was taken out.
   */
  public static String without(String remark, Normalisations n) {
    if (remark == null || (remark.indexOf(COLLECTIVE) < 0 && remark.indexOf(NOT_PAID_ALONE) < 0)) {
      return remark;
    }
    String rest = remark.replace(String.valueOf(COLLECTIVE), "").replace(String.valueOf(NOT_PAID_ALONE), "")
        .replaceAll("^[\\s;；,，。、]+|[\\s;；,，、]+$", "");
    n.add(rest.isEmpty() ? "备注只有 ◇/□ 标记（类别统称/单独使用不予支付），不计为支付限定"
        : "备注中的 ◇/□ 标记另记为标记，其余文字为支付限定");
    return rest.isEmpty() ? null : rest;
  }

  /** Sets the entry's mark flags from its remark, and leaves the remark without them. */
  static void apply(CatalogEntry e, Normalisations n) {
    e.collective = has(e.remark, COLLECTIVE);
    e.notPaidAlone = has(e.remark, NOT_PAID_ALONE);
    e.remark = without(e.remark, n);
  }
}
