package medinsight.mining;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import smile.association.ARM;
import smile.association.AssociationRule;
import smile.association.FPTree;

/** Association rules over transactions of named items, with Smile's FP-growth; deterministic order. */
public final class Rules {
  /** One rule with item names. */
  public static final class Rule {
    public final List<String> antecedent;
    public final List<String> consequent;
    public final double support;
    public final double confidence;
    public final double lift;

    Rule(List<String> antecedent, List<String> consequent, double support, double confidence, double lift) {
      this.antecedent = antecedent;
      this.consequent = consequent;
      this.support = support;
      this.confidence = confidence;
      this.lift = lift;
    }

    @Override
    public String toString() {
      return antecedent + " => " + consequent;
    }
  }

  private Rules() {}

  /**
   * Mines the rules of the transactions with at least {@code minSupport} (fraction of
   * transactions) and {@code minConfidence}; sorted by lift, confidence, support, then text.
   */
  public static List<Rule> mine(List<List<String>> transactions, double minSupport, double minConfidence) {
    Map<List<String>, Long> counted = new LinkedHashMap<>();
    for (List<String> t : transactions) {
      counted.merge(t, 1L, Long::sum);
    }
    return mine(counted, minSupport, minConfidence);
  }

  /**
   * As {@link #mine(List, double, double)}, for transactions given once each with how often they
   * occur: the FP-tree is built from a stream that repeats each one, so memory holds only the
   * distinct transactions (supports and rules are those of the full list).
   */
  public static List<Rule> mine(Map<List<String>, Long> transactions, double minSupport, double minConfidence) {
    if (transactions.isEmpty()) {
      return List.of();
    }
    // item ids in name order, so the same input always gives the same ids
    Map<String, Integer> ids = new TreeMap<>();
    for (List<String> t : transactions.keySet()) {
      for (String i : t) {
        ids.putIfAbsent(i, 0);
      }
    }
    String[] names = ids.keySet().toArray(new String[0]);
    for (int i = 0; i < names.length; i++) {
      ids.put(names[i], i);
    }
    List<int[]> itemsets = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (Map.Entry<List<String>, Long> e : transactions.entrySet()) {
      itemsets.add(e.getKey().stream().distinct().mapToInt(ids::get).sorted().toArray());
      counts.add(e.getValue());
    }
    Supplier<Stream<int[]>> all = () -> IntStream.range(0, itemsets.size())
        .boxed().flatMap(i -> Stream.generate(() -> itemsets.get(i)).limit(counts.get(i)));
    FPTree tree = FPTree.of(minSupport, all);
    List<Rule> out = new ArrayList<>();
    for (AssociationRule r : ARM.apply(minConfidence, tree).collect(Collectors.toList())) {
      out.add(new Rule(names(r.antecedent, names), names(r.consequent, names), r.support, r.confidence, r.lift));
    }
    out.sort(Comparator.comparingDouble((Rule r) -> -r.lift).thenComparingDouble(r -> -r.confidence)
        .thenComparingDouble(r -> -r.support).thenComparing(Rule::toString));
    return out;
  }

  private static List<String> names(int[] items, String[] names) {
    return Arrays.stream(items).mapToObj(i -> names[i]).sorted().collect(Collectors.toList());
  }
}
