package medinsight.restriction;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chinese word segmentation of restriction texts with HanLP (its portable build: dictionaries
 * inside the jar, no model download), plus the catalog's own terms so that they stay whole, and
 * a stop list of function words and the catalog's boilerplate.
 */
public final class Segmenter {
  private static final String[] TERMS = {
    "二级及以上", "三级", "医疗机构", "二线用药", "住院患者", "门诊", "支付不超过", "工伤保险", "生育保险",
    "单独使用", "不予支付", "联合用药", "一线治疗", "确诊", "患者", "儿童", "限定", "急性期", "恢复期",
  };
  private static final Set<String> STOP = Set.of(
      "限", "的", "及", "或", "和", "与", "在", "为", "者", "等", "用于", "使用", "方", "予", "且", "以上", "以下",
      "需", "应", "其他", "其", "经", "由", "后", "前", "时", "中", "上", "下", "内", "对", "有", "无", "并", "可", "年度",
      "该", "此", "每", "次", "个", "年", "月", "日", "天", "支", "片", "不", "是", "了", "被", "将", "以", "从",
      "同时", "符合", "条件", "明确", "证据");
  private static volatile Segment segment;
  /** Segmented texts, kept because the same remarks are read again by every keyword or cluster run. */
  private static final Map<String, List<String>> CACHE = Collections.synchronizedMap(
      new LinkedHashMap<String, List<String>>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
          return size() > 20_000;
        }
      });

  private static Segment segment() {
    Segment s = segment;
    if (s == null) {
      synchronized (Segmenter.class) {
        if (segment == null) {
          for (String t : TERMS) {
            CustomDictionary.add(t);
          }
          segment = HanLP.newSegment().enableCustomDictionary(true).enablePartOfSpeechTagging(true);
        }
        s = segment;
      }
    }
    return s;
  }

  private Segmenter() {}

  /** The content words of a text: no punctuation, numbers, single characters or stop words. */
  public static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      return new ArrayList<>();
    }
    List<String> cached = CACHE.get(text);
    if (cached != null) {
      return new ArrayList<>(cached);
    }
    List<String> out = segmentWords(text);
    CACHE.put(text, List.copyOf(out));
    return out;
  }

  private static List<String> segmentWords(String text) {
    List<String> out = new ArrayList<>();
    List<Term> terms;
    synchronized (Segmenter.class) {
      terms = segment().seg(text);
    }
    for (Term t : terms) {
      String w = t.word.trim();
      String nature = t.nature == null ? "" : t.nature.toString();
      if (w.isEmpty() || STOP.contains(w) || nature.startsWith("w") || nature.startsWith("m") || nature.startsWith("q")
          || nature.startsWith("p") || nature.startsWith("c") || nature.startsWith("u") || nature.startsWith("d")) {
        continue;
      }
      if (w.codePoints().noneMatch(Character::isLetter)) {
        continue;
      }
      if (w.codePointCount(0, w.length()) == 1) {
        continue;
      }
      out.add(w);
    }
    return out;
  }
}
