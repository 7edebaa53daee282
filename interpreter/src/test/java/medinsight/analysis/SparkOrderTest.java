package medinsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import medinsight.SparkTestSupport;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** Sorting in the driver gives the order Spark's orderBy gives, where String.compareTo would not. */
class SparkOrderTest {
  @Test
  void stringsInSparksOrder() {
    // U+FF08 （ sorts after U+20BB7 𠮷 by UTF-16 units, before it by code point (Spark's order)
    List<String> values = Arrays.asList("限（儿童）", "限\uD842\uDFB7", "限", null, "片剂", "Ａ", "a", "限二线");
    List<String> spark = SparkTestSupport.spark().createDataset(values, Encoders.STRING()).toDF("v").orderBy("v")
        .collectAsList().stream().map(r -> r.isNullAt(0) ? null : r.getString(0)).collect(Collectors.toList());
    List<String> here = new ArrayList<>(values);
    here.sort(SparkOrder::strings);
    assertEquals(spark, here);
    List<String> utf16 = new ArrayList<>(values.subList(0, 2));
    utf16.sort(String::compareTo);
    assertEquals(List.of("限\uD842\uDFB7", "限（儿童）"), utf16, "String.compareTo differs here");
  }

  @Test
  void integersNullsFirst() {
    List<Integer> v = new ArrayList<>(Arrays.asList(2026, null, 2025));
    v.sort(SparkOrder::integers);
    assertEquals(Arrays.asList(null, 2025, 2026), v);
  }
}
