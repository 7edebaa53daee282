package medinsight.catalog;

/** One Chinese herbal decoction piece (中药饮片) that the funds pay for. */
public final class YinpianEntry {
  public int number;
  public String name;
  /** The catalog's □ mark: not paid when used alone, nor in a prescription of such pieces only. */
  public boolean notPaidAlone;
  public String remark;
  public int sourceRow;
}
