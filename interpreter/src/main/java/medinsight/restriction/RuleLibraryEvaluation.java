package medinsight.restriction;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import medinsight.catalog.CatalogWorkbookReader;
import medinsight.catalog.LoadException;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Measures the classifier against the NHSA drug rule library (智能监管 "两库"), batches 3–6: for
 * each labelled drug that appears in the catalog, the classifier reads the catalog's remark of the
 * matching entry; precision and recall of each batch's type are computed over all matched drugs of
 * the four batches (a drug's labels are the union of its batches' labels).
 */
public final class RuleLibraryEvaluation {
  /** The batches used, their restriction type in the library, and the classifier's type. */
  public static final String[][] BATCHES = {
    {"batch3-insurance-type.xlsx", "限定保险类型", "INSURANCE_TYPE"},
    {"batch4-care-setting.xlsx", "限定就医方式", "CARE_SETTING"},
    {"batch5-institution-level.xlsx", "限定机构等级", "INSTITUTION_LEVEL"},
    {"batch6-payment-duration.xlsx", "限定支付疗程", "PAYMENT_DURATION"},
  };

  /** A catalog entry as the evaluation needs it: its names, dosage form and remark. */
  public static final class Entry {
    final List<String> names;
    final String form;
    final String remark;
    final String id;

    final List<String> normNames = new ArrayList<>();

    public Entry(String id, List<String> names, String form, String remark) {
      this.id = id;
      this.names = names;
      this.form = form;
      this.remark = remark;
      for (String n : names) {
        normNames.add(norm(n));
      }
    }
  }

  /** One labelled drug: its name in the library, its labels, the entry it matched, the prediction. */
  public static final class Case {
    public final String drug;
    public final Set<RestrictionType> labels = EnumSet.noneOf(RestrictionType.class);
    /** The library's own restriction texts for the drug (药品说明), joined. */
    public String libraryText = "";
    public String entryId;
    public String remark;
    public Set<RestrictionType> predicted = EnumSet.noneOf(RestrictionType.class);

    Case(String drug) {
      this.drug = drug;
    }
  }

  /** Precision, recall and counts for one type. */
  public static final class Score {
    public final RestrictionType type;
    public final String libraryType;
    public final int labelled;
    public final int matched;
    public final int truePositives;
    public final int falsePositives;
    public final int falseNegatives;

    Score(RestrictionType type, String libraryType, int labelled, int matched, int tp, int fp, int fn) {
      this.type = type;
      this.libraryType = libraryType;
      this.labelled = labelled;
      this.matched = matched;
      this.truePositives = tp;
      this.falsePositives = fp;
      this.falseNegatives = fn;
    }

    public double precision() {
      return truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
      return truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }
  }

  /** The rule library's workbooks, read once: they are reference data shipped with the plugin. */
  private static final Map<String, List<String[]>> LIBRARY = new ConcurrentHashMap<>();

  public final Map<String, Case> cases = new LinkedHashMap<>();
  /** The classifier on the 2024 catalog's remarks of the matched drugs. */
  public final List<Score> scores = new ArrayList<>();
  /** The classifier on the library's own restriction texts, every labelled drug. */
  public final List<Score> libraryScores = new ArrayList<>();
  /** As {@link #scores}, for the matched drugs whose 2024 remark still states the library's rule. */
  public final List<Score> unchangedScores = new ArrayList<>();
  public int unmatched;
  public int changed;

  /** Reads Sheet1 of a batch: each drug's 药品通用名 and 药品说明 (the restriction text). */
  static List<String[]> drugs(InputStream in, String source) {
    Workbook wb = CatalogWorkbookReader.openWorkbook(in, source);
    List<String[]> out = new ArrayList<>();
    DataFormatter f = new DataFormatter(Locale.ROOT);
    try (wb) {
      Sheet s = wb.getSheetAt(0);
      int nameCol = -1;
      int textCol = -1;
      for (Row r : s) {
        if (nameCol < 0) {
          for (int i = 0; i < r.getLastCellNum(); i++) {
            String h = f.formatCellValue(r.getCell(i));
            if (h.contains("通用名")) {
              nameCol = i;
            } else if (h.contains("说明")) {
              textCol = i;
            }
          }
          continue;
        }
        String name = f.formatCellValue(r.getCell(nameCol)).trim();
        if (!name.isEmpty()) {
          out.add(new String[] {name, textCol < 0 ? "" : f.formatCellValue(r.getCell(textCol)).trim()});
        }
      }
    } catch (IOException e) {
      throw new LoadException("无法读取规则库 " + source + "：" + e.getMessage(), e);
    }
    return out;
  }

  /** Normalises a name for matching: no spaces, full-width brackets as ASCII. */
  static String norm(String s) {
    return s.replaceAll("\\s", "").replace('（', '(').replace('）', ')');
  }

  private static final Pattern FORM_WORDS = Pattern.compile(
      "^注射用|注射液|注射用浓溶液|注射剂|眼用注射液|眼内注射溶液|玻璃体内植入剂|片|胶囊|颗粒|口服液|口服溶液|乳膏|软膏|凝胶|滴眼液|喷雾剂|气雾剂|贴剂|(?<=\\S)冻干");

  /** A library product name without its dosage-form words: 复方氨基酸注射液(18AA) → 复方氨基酸(18AA). */
  static String generic(String drug) {
    return FORM_WORDS.matcher(norm(drug)).replaceAll("");
  }

  /** A restriction text reduced for comparison: no spaces or punctuation. */
  static String textKey(String s) {
    return s == null ? "" : s.replaceAll("[\\s\\p{Punct}，。；：、（）]", "");
  }

  /**
   * The catalog entry a library drug is: the entry with the longest name that the drug's name
   * starts with (e.g. 奥扎格雷钠注射液 → 奥扎格雷钠 or 奥扎格雷), preferring one whose dosage form
   * the name's suffix agrees with; null when none.
   */
  static Entry match(String drug, List<Entry> entries) {
    String g = generic(drug);
    String d = norm(drug);
    for (Entry e : entries) {
      for (String nn : e.normNames) {
        if (nn.equals(g) || nn.equals(d)) {
          return e;
        }
      }
    }
    Entry best = null;
    int bestLen = 0;
    boolean bestForm = false;
    for (Entry e : entries) {
      for (String nn : e.normNames) {
        if (nn.length() < 2 || !d.startsWith(nn)) {
          continue;
        }
        boolean form = formAgrees(d.substring(nn.length()), e.form);
        if (nn.length() > bestLen || (nn.length() == bestLen && form && !bestForm)) {
          best = e;
          bestLen = nn.length();
          bestForm = form;
        }
      }
    }
    return best;
  }

  static boolean formAgrees(String suffix, String form) {
    if (form == null) {
      return false;
    }
    boolean injection = suffix.contains("注射") || suffix.startsWith("注射用");
    return injection == form.contains("注射");
  }

  public static RuleLibraryEvaluation run(List<Entry> entries, Function<String, InputStream> open) {
    RuleLibraryEvaluation ev = new RuleLibraryEvaluation();
    RestrictionClassifier c = new RestrictionClassifier();
    Map<RestrictionType, Integer> labelled = new EnumMap<>(RestrictionType.class);
    for (String[] b : BATCHES) {
      RestrictionType type = RestrictionType.valueOf(b[2]);
      List<String[]> drugs = LIBRARY.computeIfAbsent(b[0], name -> {
        try (InputStream in = open.apply(name)) {
          return drugs(in, name);
        } catch (IOException e) {
          throw new LoadException("无法读取规则库 " + name, e);
        }
      });
      labelled.merge(type, drugs.size(), Integer::sum);
      for (String[] d : drugs) {
        Case k = ev.cases.computeIfAbsent(norm(d[0]), x -> new Case(d[0]));
        k.labels.add(type);
        if (!k.libraryText.contains(d[1])) {
          k.libraryText = k.libraryText.isEmpty() ? d[1] : k.libraryText + "；" + d[1];
        }
      }
    }
    List<Case> all = new ArrayList<>(ev.cases.values());
    List<Case> matched = new ArrayList<>();
    List<Case> unchanged = new ArrayList<>();
    Map<Case, Set<RestrictionType>> onLibrary = new HashMap<>();
    for (Case k : all) {
      onLibrary.put(k, c.types(k.libraryText));
      Entry e = match(k.drug, entries);
      if (e == null) {
        ev.unmatched++;
        continue;
      }
      k.entryId = e.id;
      k.remark = e.remark;
      k.predicted = c.types(e.remark);
      matched.add(k);
      String lib = textKey(k.libraryText);
      String rem = textKey(e.remark);
      // the 2024 remark still holds the whole rule the library labelled (工伤/生育: the library gives no wording)
      boolean same = !rem.isEmpty() && (rem.contains(lib) || k.labels.contains(RestrictionType.INSURANCE_TYPE));
      if (same) {
        unchanged.add(k);
      } else {
        ev.changed++;
      }
    }
    for (String[] b : BATCHES) {
      RestrictionType type = RestrictionType.valueOf(b[2]);
      ev.scores.add(score(type, b[1], labelled.get(type), matched, k -> k.predicted));
      ev.libraryScores.add(score(type, b[1], labelled.get(type), all, onLibrary::get));
      ev.unchangedScores.add(score(type, b[1], labelled.get(type), unchanged, k -> k.predicted));
    }
    return ev;
  }

  private static Score score(RestrictionType type, String libraryType, int labelled, List<Case> cases,
      Function<Case, Set<RestrictionType>> predicted) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int m = 0;
    for (Case k : cases) {
      boolean label = k.labels.contains(type);
      boolean pred = predicted.apply(k).contains(type);
      m += label ? 1 : 0;
      tp += label && pred ? 1 : 0;
      fp += !label && pred ? 1 : 0;
      fn += label && !pred ? 1 : 0;
    }
    return new Score(type, libraryType, labelled, m, tp, fp, fn);
  }
}
