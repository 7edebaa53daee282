package medinsight.restriction;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a reimbursement-restriction text (a catalog 备注, e.g. {@code 限二级及以上医疗机构，支付不超过14天。})
 * its restriction types with the values they name. Rules over the catalog's fixed phrasing: the
 * remarks are written by one office in a small, regular vocabulary, so patterns read them more
 * reliably than a trained model could learn from the few hundred labelled examples available, and
 * every decision can be traced to the words that made it ({@link Restriction#evidence}).
 */
public final class RestrictionClassifier {
  private static final Pattern DURATION = Pattern.compile("(?:支付|使用|用药|疗程)[^。；;，,]{0,6}?(?:不超过|最长|最多|≤|限)\\s*(\\d+)\\s*(天|日|周|个月|月|年)");
  private static final Pattern DURATION_ALT = Pattern.compile("(?:最多|不超过|最长)\\s*(?:支付|使用|用药)?\\s*(\\d+)\\s*(天|日|周|个月|月)");
  private static final Pattern LEVEL = Pattern.compile("(二|三)级(?:及以上|以上)?[^，。；,;]{0,6}?(?:医疗机构|医院|医疗单位)");
  private static final Pattern AGE_YEARS = Pattern.compile("(\\d+)\\s*(?:周岁|岁)(?:以下|以上|及以上|及以下|以内)?");
  private static final Pattern INSURANCE = Pattern.compile("(工伤|生育)保险");
  private static final Pattern CARE = Pattern.compile("(住院|门诊|急诊|急救|抢救)");
  private static final Pattern SECOND = Pattern.compile("二线|一线[^。；]{0,12}(?:失败|无效|不耐受|不能耐受)|(?:其他|常规)[^。；]{0,20}(?:无效|效果不佳|不能耐受|治疗失败)|不能耐受|耐药");
  private static final Pattern COMBINATION = Pattern.compile("联合|联用|合用|配合使用|单独使用[^。；]{0,6}不予支付|不得单独|单独用药");
  private static final Pattern CHILDREN = Pattern.compile("儿童|小儿|婴幼儿|新生儿|早产儿|婴儿|青少年|未成年");
  private static final Pattern ELDERLY = Pattern.compile("老年|高龄");
  private static final Pattern FEMALE = Pattern.compile("女性|妇女|孕妇|妊娠|产妇|绝经|哺乳期|育龄");
  private static final Pattern MALE = Pattern.compile("男性");
  private static final Pattern INDICATION = Pattern.compile("患者|治疗|诊断|确诊|病|症|炎|癌|瘤|综合征|感染|损伤|术后|手术|预防|骨折|出血|衰竭|障碍|中毒|疼痛|高血压|哮喘"
      + "|梗死|梗塞|血栓|卒中|缺血|硬化|功能不全|溃疡|肿|痛|变性|栓塞|失调|贫血|痴呆|抑郁|癫痫|病毒|结核|乙肝|丙肝|艾滋|移植|透析|化疗|放疗|突变|阳性|阴性|风险|筛查");

  /** The restrictions of one text; an empty list for a blank text. */
  public List<Restriction> classify(String text) {
    List<Restriction> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    String t = text.replaceAll("\\s", "");
    Matcher m = INSURANCE.matcher(t);
    Set<String> seen = new HashSet<>();
    while (m.find()) {
      if (seen.add(m.group(1))) {
        out.add(new Restriction(RestrictionType.INSURANCE_TYPE, m.group(1), m.group()));
      }
    }
    m = LEVEL.matcher(t);
    if (m.find()) {
      out.add(new Restriction(RestrictionType.INSTITUTION_LEVEL, m.group(1) + "级", m.group()));
    }
    m = DURATION.matcher(t);
    Matcher alt = DURATION_ALT.matcher(t);
    if (m.find()) {
      out.add(new Restriction(RestrictionType.PAYMENT_DURATION, days(m.group(1), m.group(2)), m.group()));
    } else if (alt.find()) {
      out.add(new Restriction(RestrictionType.PAYMENT_DURATION, days(alt.group(1), alt.group(2)), alt.group()));
    }
    m = CARE.matcher(t);
    Set<String> care = new LinkedHashSet<>();
    String careEvidence = null;
    while (m.find()) {
      String v = m.group(1);
      // 单次住院最多支付14天 says how long, not where: a payment duration
      if (v.equals("住院") && m.start() >= 2 && t.startsWith("单次", m.start() - 2)) {
        continue;
      }
      care.add(v.equals("急救") || v.equals("抢救") ? "急诊/抢救" : v);
      careEvidence = careEvidence == null ? m.group() : careEvidence;
    }
    if (!care.isEmpty()) {
      out.add(new Restriction(RestrictionType.CARE_SETTING, String.join("/", care), careEvidence));
    }
    m = SECOND.matcher(t);
    if (m.find()) {
      out.add(new Restriction(RestrictionType.SECOND_LINE, "二线", m.group()));
    }
    m = COMBINATION.matcher(t);
    if (m.find()) {
      out.add(new Restriction(RestrictionType.COMBINATION, m.group().contains("单独") ? "单独使用不予支付" : "联合用药", m.group()));
    }
    m = AGE_YEARS.matcher(t);
    Matcher kids = CHILDREN.matcher(t);
    Matcher old = ELDERLY.matcher(t);
    if (kids.find()) {
      out.add(new Restriction(RestrictionType.AGE, "儿童", kids.group()));
    } else if (m.find()) {
      out.add(new Restriction(RestrictionType.AGE, m.group(), m.group()));
    } else if (old.find()) {
      out.add(new Restriction(RestrictionType.AGE, "老年", old.group()));
    }
    Matcher f = FEMALE.matcher(t);
    Matcher male = MALE.matcher(t);
    if (f.find()) {
      out.add(new Restriction(RestrictionType.GENDER, "女", f.group()));
    } else if (male.find()) {
      out.add(new Restriction(RestrictionType.GENDER, "男", male.group()));
    }
    Matcher ind = INDICATION.matcher(stripFound(t));
    if (ind.find()) {
      out.add(new Restriction(RestrictionType.INDICATION, null, ind.group()));
    }
    if (out.isEmpty()) {
      out.add(new Restriction(RestrictionType.OTHER, null, t.length() > 20 ? t.substring(0, 20) : t));
    }
    return out;
  }

  /** The types alone. */
  public Set<RestrictionType> types(String text) {
    Set<RestrictionType> out = EnumSet.noneOf(RestrictionType.class);
    for (Restriction r : classify(text)) {
      out.add(r.type);
    }
    return out;
  }

  /** The text without the phrases the other types use, so that they do not count as an indication. */
  private static String stripFound(String t) {
    return t.replaceAll("(工伤|生育)保险", "").replaceAll(LEVEL.pattern(), "").replaceAll("住院患者|门诊患者|急诊患者|儿童患者", "")
        .replaceAll(DURATION.pattern(), "");
  }

  private static String days(String n, String unit) {
    switch (unit) {
      case "周": return Integer.parseInt(n) * 7 + "天";
      case "月": case "个月": return n + "个月";
      case "年": return n + "年";
      default: return n + "天";
    }
  }
}
