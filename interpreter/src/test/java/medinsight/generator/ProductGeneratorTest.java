package medinsight.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import medinsight.catalog.Product;
import org.junit.jupiter.api.Test;

class ProductGeneratorTest {
  private static InputStream res(String path) {
    return ProductGeneratorTest.class.getClassLoader().getResourceAsStream(path);
  }

  @Test
  void theBundledSampleIsExactlyWhatTheSeedGives() throws Exception {
    List<Product> products;
    try (InputStream c = res("medinsight/data/nrdl-2025/nrdl-2025.txt")) {
      products = GenerateProducts.generate(c, GenerateProducts.DEFAULT_SEED, 1);
    }
    StringWriter w = new StringWriter();
    ProductCsv.write(products, w);
    String bundled;
    try (InputStream in = res("medinsight/data/beijing/products-sf1.csv")) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(bundled.length(), w.toString().length(), "regenerate data/beijing/products-sf1.csv (see data/README.md)");
    assertEquals(bundled, w.toString());
    assertTrue(products.size() > 45_000 && products.size() < 55_000, "SF1 size " + products.size());
    Set<String> makers = products.stream().map(p -> p.manufacturer).collect(Collectors.toSet());
    assertTrue(makers.stream().allMatch(m -> m.startsWith("虚构")), "every generated manufacturer is marked fictitious");
    assertTrue(makers.containsAll(ProductGenerator.specialNames()));
    assertTrue(products.stream().allMatch(p -> !"甲".equals(p.level) || p.selfPayRatio == 0), "甲类 pays no self-payment");
    assertTrue(products.stream().anyMatch(p -> "丙".equals(p.level)));
    // 丙 products are drugs the catalog does not list, in forms its own products come in: no form
    // tells the level (数据挖掘 found "剂型=分散片 → 丙, 置信度 100 %" when they were catalog drugs in 分散片)
    Set<String> listed = products.stream().filter(p -> !"丙".equals(p.level)).map(p -> p.name).collect(Collectors.toSet());
    List<Product> bing = products.stream().filter(p -> "丙".equals(p.level)).collect(Collectors.toList());
    assertTrue(bing.size() > 500, "丙 products: " + bing.size());
    assertTrue(bing.stream().noneMatch(p -> listed.contains(p.name)), "a 丙 product named like a catalog drug");
    java.util.Map<String, Long> all = products.stream().collect(Collectors.groupingBy(p -> p.dosageForm, Collectors.counting()));
    java.util.Map<String, Long> ofBing = bing.stream().collect(Collectors.groupingBy(p -> p.dosageForm, Collectors.counting()));
    for (java.util.Map.Entry<String, Long> f : ofBing.entrySet()) {
      assertTrue(f.getValue() * 2 < all.get(f.getKey()), "剂型 " + f.getKey() + ": " + f.getValue() + " of " + all.get(f.getKey()) + " products are 丙");
    }
    assertTrue(products.stream().anyMatch(p -> "中药配方颗粒".equals(p.drugType)));
  }
}
