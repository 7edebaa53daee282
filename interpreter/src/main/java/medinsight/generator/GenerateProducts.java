package medinsight.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CatalogPdfReader;
import medinsight.catalog.CatalogTextReader;
import medinsight.catalog.CatalogWorkbookReader;
import medinsight.catalog.Product;
import medinsight.catalog.TabularSource;
import medinsight.catalog.YinpianEntry;
import medinsight.catalog.YinpianReader;

/**
 * Command line: {@code GenerateProducts --sf 1 --seed 2024 --out data/beijing/products-sf1.csv
 * [--catalog data/nrdl-2024/nrdl-2024.xlsx] [--yinpian data/nrdl-2024/yinpian-2024.csv]}.
 */
public final class GenerateProducts {
  public static final long DEFAULT_SEED = 20240101L;

  private GenerateProducts() {}

  public static List<Product> generate(InputStream catalogXlsx, InputStream yinpianCsv, long seed, double sf) {
    List<CatalogEntry> catalog = new CatalogWorkbookReader().read(catalogXlsx, "catalog", 2024).records;
    List<YinpianEntry> yinpian;
    try (TabularSource t = TabularSource.csv(yinpianCsv, "yinpian")) {
      yinpian = new YinpianReader().read(t, "yinpian").records;
    }
    return new ProductGenerator(seed, sf).generate(catalog, yinpian);
  }

  /** From the catalog as published (the text of the official PDF): its entries and its 饮片 part. */
  public static List<Product> generate(InputStream catalogText, long seed, double sf) throws IOException {
    CatalogTextReader.Result r = new CatalogTextReader()
        .read(CatalogPdfReader.textLines(catalogText, "catalog"), "catalog", 2025);
    return new ProductGenerator(seed, sf).generate(r.catalog.records, r.yinpian);
  }

  public static void main(String[] args) throws Exception {
    double sf = 1;
    long seed = DEFAULT_SEED;
    Path out = null;
    Path catalog = Paths.get("data/nrdl-2025/nrdl-2025.txt");
    Path yinpian = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sf": sf = Double.parseDouble(args[++i]); break;
        case "--seed": seed = Long.parseLong(args[++i]); break;
        case "--out": out = Paths.get(args[++i]); break;
        case "--catalog": catalog = Paths.get(args[++i]); break;
        case "--yinpian": yinpian = Paths.get(args[++i]); break;
        default:
          System.err.println("usage: GenerateProducts --sf N --seed N --out FILE [--catalog TXT | --catalog XLSX --yinpian CSV]");
          System.exit(2);
      }
    }
    if (out == null) {
      out = Paths.get("data/beijing/products-sf" + (sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf)) + ".csv");
    }
    List<Product> products;
    if (catalog.toString().endsWith(".txt")) {
      try (InputStream c = Files.newInputStream(catalog)) {
        products = generate(c, seed, sf);
      }
    } else {
      try (InputStream c = Files.newInputStream(catalog); InputStream y = Files.newInputStream(yinpian)) {
        products = generate(c, y, seed, sf);
      }
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8))) {
      ProductCsv.write(products, w);
    }
    System.out.println("wrote " + products.size() + " products to " + out + " (sf=" + sf + ", seed=" + seed + ")");
  }
}
