package medinsight.restriction;

/** The kinds of reimbursement restriction a 备注 text can state. Several may apply to one text. */
public enum RestrictionType {
  AGE("人群·年龄"),
  GENDER("人群·性别"),
  INDICATION("适应症/诊断"),
  SECOND_LINE("二线用药"),
  INSTITUTION_LEVEL("医疗机构等级"),
  CARE_SETTING("就医方式"),
  PAYMENT_DURATION("支付疗程"),
  INSURANCE_TYPE("险种"),
  COMBINATION("联用/单用"),
  OTHER("其他");

  public final String label;

  RestrictionType(String label) {
    this.label = label;
  }
}
