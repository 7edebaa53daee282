package medinsight.restriction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CatalogWorkbookReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classifier against the NHSA rule library, batches 3–6, on the real 2024 catalog. */
class RuleLibraryEvaluationTest {
  static RuleLibraryEvaluation ev;

  static InputStream res(String name) {
    return RuleLibraryEvaluationTest.class.getClassLoader().getResourceAsStream("medinsight/data/" + name);
  }

  @BeforeAll
  static void run() throws Exception {
    List<CatalogEntry> catalog;
    try (InputStream in = res("nrdl-2024/nrdl-2024.xlsx")) {
      catalog = new CatalogWorkbookReader().read(in, "nrdl", 2024).records;
    }
    List<RuleLibraryEvaluation.Entry> entries = new ArrayList<>();
    for (CatalogEntry e : catalog) {
      entries.add(new RuleLibraryEvaluation.Entry(e.varietyId + "/" + e.entryId, Arrays.asList(e.names.split(" / ")),
          e.dosageForm, e.remark));
    }
    ev = RuleLibraryEvaluation.run(entries, name -> res("nhsa-rules/" + name));
  }

  @Test
  void precisionAndRecallReachNinetyPercent() {
    StringBuilder report = new StringBuilder("unmatched " + ev.unmatched + " of " + ev.cases.size() + ", changed " + ev.changed + "\n");
    for (RuleLibraryEvaluation.Score s : concat(ev.libraryScores, ev.scores, ev.unchangedScores)) {
      report.append(String.format("%s %s: labelled %d, matched %d, TP %d FP %d FN %d, precision %.3f recall %.3f%n",
          s.libraryType, s.type, s.labelled, s.matched, s.truePositives, s.falsePositives, s.falseNegatives,
          s.precision(), s.recall()));
    }
    for (RuleLibraryEvaluation.Case k : ev.cases.values()) {
      if (k.entryId != null && !k.labels.equals(k.predicted) ) {
        for (RestrictionType t : k.labels) {
          if (!k.predicted.contains(t)) {
            report.append("  FN ").append(t).append(" ").append(k.drug).append(" → ").append(k.entryId).append(" ").append(k.remark).append('\n');
          }
        }
        for (RestrictionType t : k.predicted) {
          if (!k.labels.contains(t) && Arrays.asList(RestrictionType.INSURANCE_TYPE, RestrictionType.CARE_SETTING,
              RestrictionType.INSTITUTION_LEVEL, RestrictionType.PAYMENT_DURATION).contains(t)) {
            report.append("  FP ").append(t).append(" ").append(k.drug).append(" → ").append(k.entryId).append(" ").append(k.remark).append('\n');
          }
        }
      }
    }
    System.out.println(report);
    for (RuleLibraryEvaluation.Score s : concat(ev.libraryScores, ev.unchangedScores)) {
      assertTrue(s.precision() >= 0.90 && s.recall() >= 0.90, report.toString());
    }
  }

  @SafeVarargs
  static List<RuleLibraryEvaluation.Score> concat(List<RuleLibraryEvaluation.Score>... lists) {
    List<RuleLibraryEvaluation.Score> out = new ArrayList<>();
    for (List<RuleLibraryEvaluation.Score> l : lists) {
      out.addAll(l);
    }
    return out;
  }
}
