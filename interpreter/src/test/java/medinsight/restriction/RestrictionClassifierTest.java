package medinsight.restriction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RestrictionClassifierTest {
  static final RestrictionClassifier C = new RestrictionClassifier();

  static String of(String text) {
    return C.classify(text).stream().map(Restriction::toString).sorted().collect(Collectors.joining(","));
  }

  @Test
  void eachType() {
    assertEquals("医疗机构等级=二级", of("限二级及以上医疗机构。"));
    assertEquals("医疗机构等级=三级", of("需三级综合医院眼科医师处方"));
    assertEquals("险种=工伤", of("限工伤保险。"));
    assertEquals("人群·年龄=儿童", of("限儿童。"));
    assertEquals("人群·年龄=12岁及以上", of("限12岁及以上。"));
    assertEquals("二线用药=二线", of("限二线用药。"));
    assertEquals("就医方式=急诊/住院", of("限急诊或住院。"));
    assertEquals("联用/单用=单独使用不予支付", of("单独使用时不予支付"));
    assertEquals("人群·性别=女", of("限哺乳期妇女。"));
    assertEquals("支付疗程=14天", of("支付不超过14天。"));
    assertEquals("支付疗程=12个月", of("支付不超过12个月。"));
    assertEquals("其他", of("需事前审查。"));
    assertTrue(C.classify(null).isEmpty());
    assertTrue(C.classify(" ").isEmpty());
  }

  @Test
  void textsWithSeveralTypes() {
    assertEquals(EnumSet.of(RestrictionType.INDICATION, RestrictionType.PAYMENT_DURATION),
        C.types("限新发的急性血栓性脑梗死，支付不超过14天。"));
    // 单次住院 names the unit of the duration, not a care setting
    assertEquals(EnumSet.of(RestrictionType.INSTITUTION_LEVEL, RestrictionType.INDICATION, RestrictionType.PAYMENT_DURATION),
        C.types("限二级及以上医疗机构脑梗死恢复期患者，单次住院最多支付14天。"));
    assertEquals(EnumSet.of(RestrictionType.CARE_SETTING, RestrictionType.INDICATION),
        C.types("需经营养风险筛查，明确具有营养风险的住院患者方予支付。"));
    assertEquals(EnumSet.of(RestrictionType.SECOND_LINE, RestrictionType.INDICATION, RestrictionType.COMBINATION),
        C.types("限其他降糖药治疗无效的2型糖尿病患者，与二甲双胍联合使用。"));
    List<Restriction> r = C.classify("限子宫肌瘤患者或生育保险。");
    assertTrue(r.stream().anyMatch(x -> x.type == RestrictionType.INSURANCE_TYPE && x.value.equals("生育")));
    assertTrue(r.stream().anyMatch(x -> x.type == RestrictionType.INDICATION));
  }
}
