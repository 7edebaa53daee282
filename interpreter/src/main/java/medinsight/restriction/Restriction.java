package medinsight.restriction;

/** One restriction found in a text: its type, the value it names (e.g. 14天, 二级, 儿童) and the words that showed it. */
public final class Restriction {
  public final RestrictionType type;
  public final String value;
  public final String evidence;

  public Restriction(RestrictionType type, String value, String evidence) {
    this.type = type;
    this.value = value;
    this.evidence = evidence;
  }

  @Override
  public String toString() {
    return type.label + (value == null ? "" : "=" + value);
  }
}
