package medinsight.catalog;

/**
 * A field of a loaded product that could not be read (a level that is not 甲/乙/丙, a
 * manufacturer cut in half, a cell that moved with its row): the product keeps the field as
 * unknown, and this records which field, the value the cell held and why it was set aside.
 */
public final class QuarantinedField {
  /** The field's key ({@link ProductColumns#key}). */
  public final String field;
  /** The cell's text, as a bounded printable excerpt ("" for an empty required cell). */
  public final String value;
  public final String reason;

  public QuarantinedField(String field, String value, String reason) {
    this.field = field;
    this.value = value == null ? "" : RejectedRow.excerpt(value.length() > 100 ? value.substring(0, 100) + "…" : value);
    this.reason = reason;
  }
}
