package medinsight.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CatalogPdfReader;
import medinsight.catalog.CatalogTextReader;
import medinsight.catalog.CatalogWorkbookReader;
import medinsight.catalog.LoadException;
import medinsight.catalog.LoadResult;
import medinsight.catalog.Product;
import medinsight.catalog.RejectedRow;
import medinsight.catalog.SourceFiles;
import medinsight.catalog.TabularSource;
import medinsight.catalog.YinpianEntry;
import medinsight.catalog.YinpianReader;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads sources into Spark tables and holds the current {@link DrugTables}. Loads are
 * serialised; readers take the current version without waiting. The tables are also registered
 * as temporary views ({@code catalog}, {@code products}, {@code yinpian}, {@code rejected_rows})
 * for Spark SQL.
 */
public final class DrugData {
  private static final Logger LOG = LoggerFactory.getLogger(DrugData.class);

  public static final String BUNDLED_CATALOG = SourceFiles.CLASSPATH + "medinsight/data/nrdl-2024/nrdl-2024.xlsx";
  public static final String BUNDLED_YINPIAN = SourceFiles.CLASSPATH + "medinsight/data/nrdl-2024/yinpian-2024.csv";
  public static final String BUNDLED_PRODUCTS = SourceFiles.CLASSPATH + "medinsight/data/beijing/products-sf1.csv";
  /** The 2025 edition, in force since 2026-01-01, as NHSA published it (the text of its official PDF). */
  public static final String BUNDLED_CATALOG_2025 = SourceFiles.CLASSPATH + "medinsight/data/nrdl-2025/nrdl-2025.txt";
  /** The edition in force, bundled as the current {@code catalog}; 2024 is bundled beside it. */
  public static final int BUNDLED_EDITION = 2025;
  /** The bundled sources: the only {@code classpath:} paths a load may name. */
  public static final java.util.Set<String> BUNDLED = java.util.Set.of(BUNDLED_CATALOG, BUNDLED_CATALOG_2025, BUNDLED_YINPIAN,
      BUNDLED_PRODUCTS);

  /** The edition a catalog file names by a year in its name (nrdl-2024.xlsx), else the current one. */
  public static int editionOf(String path) {
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![0-9])(20[0-9]{2})(?![0-9])").matcher(name);
    return m.find() ? Integer.parseInt(m.group(1)) : BUNDLED_EDITION;
  }

  public enum Kind { CATALOG, PRODUCTS, YINPIAN;
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final SparkSession spark;
  /** The catalogs read at the first start, with their editions: the bundled 2024 and 2025, or the configured one. */
  private final List<Object[]> startCatalogs = new ArrayList<>();
  private final String defaultProducts;
  private final String defaultYinpian;
  private final Object loadLock = new Object();
  private volatile Warehouse warehouse;
  private volatile DrugTables tables;
  private long version;
  /** The 饮片 list was given as its own source: a catalog's 饮片 part does not replace it. */
  private boolean yinpianConfigured;

  /** Current pieces, replaced one kind at a time. */
  private Dataset<Row> catalog;
  private Dataset<Row> products;
  private Dataset<Row> yinpian;
  private int edition;
  /** Every catalog edition loaded, by year; the newest is the current {@code catalog}. */
  private final Map<Integer, Dataset<Row>> editions = new java.util.TreeMap<>();
  private final Map<String, LoadReport> reports = new LinkedHashMap<>();
  /** The rejected rows of each current table (null: none). */
  private final Map<String, Dataset<Row>> rejected = new LinkedHashMap<>();
  /** The share of rejected rows above which a {@code load} is refused, unless it says otherwise. */
  public static final double DEFAULT_MAX_REJECTED = 0.20;
  /** Rejected rows held in memory by a load before they go to Parquet. */
  static final int REJECT_BATCH = 10_000;

  public DrugData(SparkSession spark, String catalogPath, String productsPath, String yinpianPath) {
    this.spark = spark;
    if (blank(catalogPath)) {
      startCatalogs.add(new Object[] {BUNDLED_CATALOG, 2024});
      startCatalogs.add(new Object[] {BUNDLED_CATALOG_2025, 2025});
    } else {
      startCatalogs.add(new Object[] {catalogPath, editionOf(catalogPath)});
    }
    this.defaultProducts = blank(productsPath) ? BUNDLED_PRODUCTS : productsPath;
    this.defaultYinpian = blank(yinpianPath) ? null : yinpianPath;
    this.yinpianConfigured = !blank(yinpianPath);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  public SparkSession spark() {
    return spark;
  }

  /** Product lists longer than this are cleaned and written in batches of this many rows. */
  public static final int DEFAULT_LOAD_BATCH = 200_000;
  private int loadBatch = DEFAULT_LOAD_BATCH;

  /** Sets the batch size of large product loads (memory holds one batch of cleaned rows at a time). */
  public DrugData withLoadBatch(int rows) {
    this.loadBatch = Math.max(1, rows);
    return this;
  }

  private medinsight.catalog.SelfPayPolicy policy = medinsight.catalog.SelfPayPolicy.DEFAULT;
  private ProductLinking linking;
  private Dataset<Row> linkedCatalog;

  /** The self-payment ratios given to products whose list has none (drugs.policy.selfpay). */
  public DrugData withPolicy(medinsight.catalog.SelfPayPolicy policy) {
    this.policy = policy == null ? medinsight.catalog.SelfPayPolicy.DEFAULT : policy;
    return this;
  }

  /** Product lists are linked to the current catalog edition as they are cleaned. */
  private ProductLinking linking() {
    if (linking == null || linkedCatalog != catalog) {
      linking = ProductLinking.of(catalog, edition, reports.get("catalog@" + edition), policy);
      linkedCatalog = catalog;
    }
    return linking;
  }

  /** Keeps cleaned tables as Parquet under this folder (local or hdfs://), reused by later loads. */
  public DrugData withWarehouse(String root) {
    this.warehouse = root == null || root.isBlank() ? null : new Warehouse(spark, root);
    return this;
  }

  /** The warehouse's name for the current table of a kind: catalog-2024, products, yinpian. */
  static String currentName(String kind, int edition) {
    return "catalog".equals(kind) ? "catalog-" + edition : kind;
  }

  static StructType schemaOf(String kind) {
    switch (kind) {
      case "catalog": return Schemas.CATALOG;
      case "products": return Schemas.PRODUCTS;
      case "yinpian": return Schemas.YINPIAN;
      default: throw new IllegalStateException(kind);
    }
  }

  /** The current tables, loading the configured (or bundled) data on first use. */
  public DrugTables tables() {
    DrugTables t = tables;
    if (t != null) {
      return t;
    }
    synchronized (loadLock) {
      if (tables == null) {
        // the three sources are read at once (Spark runs their jobs side by side), then installed
        // in a fixed order; threads made here inherit the caller's Spark job group
        Warehouse w = warehouse;
        // what earlier loads made current comes back in place of the configured sources
        Map<String, String> loaded = new java.util.TreeMap<>();
        if (w != null) {
          w.sweep();
          loaded.putAll(w.loaded());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
          List<java.util.concurrent.Future<Loaded>> catalogs = new ArrayList<>();
          java.util.Set<Integer> years = new java.util.TreeSet<>();
          for (Object[] c : startCatalogs) {
            years.add((Integer) c[1]);
            catalogs.add(pool.submit(() -> restoredOr(loaded, currentName("catalog", (Integer) c[1]), (Integer) c[1],
                () -> read((String) c[0], Kind.CATALOG, (Integer) c[1], () -> false, null))));
          }
          for (String name : loaded.keySet()) {
            if (name.startsWith("catalog-") && name.substring(8).matches("[0-9]{4}")
                && !years.contains(Integer.parseInt(name.substring(8)))) {
              int year = Integer.parseInt(name.substring(8));
              catalogs.add(pool.submit(() -> restoredOr(loaded, name, year, () -> null)));
            }
          }
          java.util.concurrent.Future<Loaded> y = defaultYinpian == null && !loaded.containsKey("yinpian") ? null
              : pool.submit(() -> restoredOr(loaded, "yinpian", BUNDLED_EDITION,
                  () -> defaultYinpian == null ? null : read(defaultYinpian, Kind.YINPIAN, BUNDLED_EDITION, () -> false, null)));
          for (java.util.concurrent.Future<Loaded> c : catalogs) {
            Loaded l = done(c);
            if (l != null) {
              install(l);
            }
          }
          // after the catalogs: a product list is linked to the current edition as it is cleaned
          Loaded p = restoredOr(loaded, "products", BUNDLED_EDITION,
              () -> read(defaultProducts, Kind.PRODUCTS, BUNDLED_EDITION, () -> false, null));
          Loaded yl = y == null ? null : done(y);
          if (yl != null) {
            install(yl);
          } else if (yinpian == null) {
            // a catalog without a 饮片 part (a workbook): the bundled 2024 list
            install(read(BUNDLED_YINPIAN, Kind.YINPIAN, 2024, () -> false, null));
          }
          install(p);
        } finally {
          pool.shutdownNow();
        }
        publish();
      }
      return tables;
    }
  }

  public boolean isLoaded() {
    return tables != null;
  }

  /**
   * Loads a source and publishes new tables. {@code kind} null means: detect from the file (an
   * xlsx with the catalog's sheets is the catalog; a CSV with the 饮片 columns is the 饮片 list;
   * anything else is a product list).
   */
  public LoadReport load(String path, Kind kind, Integer editionYear, BooleanSupplier cancelled) {
    return load(path, kind, editionYear, DEFAULT_MAX_REJECTED, cancelled);
  }

  /**
   * As {@link #load(String, Kind, Integer, BooleanSupplier)}, refused (the data staying as it
   * was) when more than {@code maxRejected} (a share, 0–1) of the rows read are rejected. The
   * table loaded is recorded in the warehouse and comes back after a restart.
   */
  public LoadReport load(String path, Kind kind, Integer editionYear, double maxRejected, BooleanSupplier cancelled) {
    synchronized (loadLock) {
      if (tables == null) {
        tables();
      }
      int year = editionYear == null ? editionOf(path) : editionYear;
      Loaded l = read(path, kind, year, cancelled, maxRejected);
      install(l);
      Warehouse w = warehouse;
      if (w != null && l.fp != null) {
        w.markLoaded(currentName(l.kind, year), l.fp);
      }
      publish();
      return l.report;
    }
  }

  /**
   * Makes the configured (or bundled) source of a kind current again, in place of what a
   * {@code load} put there, and forgets the loaded table for later starts.
   */
  public LoadReport reset(Kind kind, Integer editionYear, BooleanSupplier cancelled) {
    synchronized (loadLock) {
      if (tables == null) {
        tables();
      }
      int year = editionYear == null ? edition : editionYear;
      String path;
      switch (kind) {
        case PRODUCTS:
          path = defaultProducts;
          break;
        case YINPIAN:
          path = defaultYinpian != null ? defaultYinpian : BUNDLED_YINPIAN;
          break;
        default:
          path = startCatalogs.stream().filter(c -> (Integer) c[1] == year).map(c -> (String) c[0]).findFirst()
              .orElseThrow(() -> new LoadException(year + " 年版目录不是启动时的配置或内置版本，没有可恢复的来源。"));
      }
      Loaded l = read(path, kind, kind == Kind.YINPIAN && defaultYinpian == null ? 2024 : year, cancelled, null);
      if (kind == Kind.YINPIAN) {
        yinpianConfigured = false;
      }
      install(l);
      Warehouse w = warehouse;
      if (w != null) {
        w.clearLoaded(currentName(kind.key(), year));
      }
      publish();
      return l.report;
    }
  }

  /** The table a load left current (by its warehouse record), or else what {@code otherwise} reads. */
  private Loaded restoredOr(Map<String, String> loaded, String name, int editionYear,
      java.util.function.Supplier<Loaded> otherwise) {
    String fp = loaded.get(name);
    Warehouse w = warehouse;
    if (fp != null && w != null) {
      long t0 = System.nanoTime();
      Warehouse.Stored stored = w.find(fp, DrugData::schemaOf);
      if (stored != null) {
        LoadReport report = new LoadReport(stored.meta.report, (System.nanoTime() - t0) / 1_000_000).restored();
        Loaded back = new Loaded(stored.meta.kind, cache(stored.data), editionYear, report, rejectedOf(stored));
        back.yinpian = stored.meta.yinpian;
        back.fp = fp;
        w.markCurrent(name, fp);
        LOG.info("restored {} (loaded from {}) from the warehouse", name, report.source);
        return back;
      }
    }
    return otherwise.get();
  }

  /** The rejected rows of a stored table: its own table, or the rows kept in its metadata. */
  private Dataset<Row> rejectedOf(Warehouse.Stored stored) {
    if (stored.rejected != null) {
      return stored.rejected;
    }
    List<RejectedRow> rows = stored.meta.rejected == null ? List.of() : stored.meta.rejected;
    return rows.isEmpty() ? null : spark.createDataFrame(Schemas.rows(rows, Schemas::row), Schemas.REJECTED);
  }

  private static Loaded done(java.util.concurrent.Future<Loaded> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException("加载被中断", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new LoadException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  /** A table read and cleaned, not yet current. */
  private static final class Loaded {
    final String kind;
    final Dataset<Row> df;
    final int edition;
    final LoadReport report;
    /** The rejected rows, or null when there are none. */
    final Dataset<Row> rejected;
    /** A catalog read from its published text or PDF also gives the edition's 饮片 list. */
    List<YinpianEntry> yinpian;
    /** The warehouse fingerprint of the table, when it is kept there. */
    String fp;

    Loaded(String kind, Dataset<Row> df, int edition, LoadReport report, Dataset<Row> rejected) {
      this.kind = kind;
      this.df = df;
      this.edition = edition;
      this.report = report;
      this.rejected = rejected;
    }
  }

  private void install(Loaded l) {
    if ("yinpian".equals(l.kind) && l.report != null && tables != null) {
      yinpianConfigured = true;
    }
    installed(l.kind, l.df, l.edition, l.report, l.rejected);
    if (l.yinpian != null && !l.yinpian.isEmpty() && l.edition == edition && !yinpianConfigured) {
      // the current edition's own 饮片 list
      LoadResult<YinpianEntry> y = new LoadResult<>(l.report.source, "yinpian");
      y.records.addAll(l.yinpian);
      y.read = l.yinpian.size();
      Dataset<Row> df = null;
      Warehouse w = warehouse;
      if (w != null) {
        // kept in the warehouse as its own table too, for Zeppelin's %spark (current/yinpian)
        String fp = w.fingerprint(l.report.source, "yinpian", l.edition);
        Warehouse.Stored stored = w.find(fp, DrugData::schemaOf);
        if (stored != null) {
          df = cache(stored.data);
        } else {
          Warehouse.Meta meta = new Warehouse.Meta();
          meta.kind = "yinpian";
          meta.edition = l.edition;
          meta.report = new LoadReport(y, 0).data();
          meta.rejected = new ArrayList<>();
          df = cache(w.store(fp, spark.createDataFrame(rowsOf(y), Schemas.YINPIAN), null, meta, Schemas.YINPIAN));
        }
        w.markCurrent("yinpian", fp);
      }
      installed("yinpian", df != null ? df : checkpointed(rowsOf(y), Schemas.YINPIAN), l.edition,
          new LoadReport(y, 0).fromWarehouse(l.report.fromWarehouse), null);
    }
  }

  /**
   * Reads and cleans a source into a table that is not yet current. {@code maxRejected} (a
   * share, or null for none) refuses a source with too many rejected rows. Whatever fails, the
   * folders written on the way are removed.
   */
  private Loaded read(String path, Kind kind, int editionYear, BooleanSupplier cancelled, Double maxRejected) {
    long t0 = System.nanoTime();
    Warehouse w = warehouse;
    String fp = null;
    if (w != null) {
      fp = w.fingerprint(path, (kind == null ? "auto" : kind.key())
          + (kind == Kind.CATALOG || kind == Kind.YINPIAN ? "" : linking().tag()), editionYear);
      Warehouse.Stored stored = w.find(fp, DrugData::schemaOf);
      if (stored != null) {
        LoadReport report = new LoadReport(stored.meta.report, (System.nanoTime() - t0) / 1_000_000);
        refuseIfTooManyRejected(path, report.read, report.rejected, Map.of(), maxRejected);
        Dataset<Row> df = cache(stored.data);
        w.markCurrent(currentName(stored.meta.kind, editionYear), fp);
        LOG.info("read {} as {} from the warehouse {} in {} ms", path, stored.meta.kind, w.root(), report.millis);
        Loaded back = new Loaded(stored.meta.kind, df, editionYear, report, rejectedOf(stored));
        back.yinpian = stored.meta.yinpian;
        back.fp = fp;
        return back;
      }
    }
    String lower = path.toLowerCase(Locale.ROOT);
    boolean parquet = lower.endsWith(".parquet") || lower.endsWith(".parq");
    Spill spill = new Spill(w, fp);
    try {
      return readInto(spill, path, kind, editionYear, cancelled, maxRejected, t0, lower, parquet);
    } catch (RuntimeException | Error e) {
      spill.abort();
      throw e;
    }
  }

  private Loaded readInto(Spill spill, String path, Kind kind, int editionYear, BooleanSupplier cancelled,
      Double maxRejected, long t0, String lower, boolean parquet) {
    Warehouse w = warehouse;
    String fp = spill.fp;
    LoadResult<?> result;
    List<YinpianEntry> yinpianPart = null;
    boolean published = lower.endsWith(".txt") || lower.endsWith(".pdf");
    if (published) {
      // the catalog as NHSA publishes it: the official PDF, or its text
      if (kind != null && kind != Kind.CATALOG) {
        throw new LoadException("PDF 或文本文件只能作为目录加载（--as catalog）：" + path);
      }
      List<String> lines;
      try (InputStream in = SourceFiles.open(path, spark.sparkContext().hadoopConfiguration())) {
        lines = lower.endsWith(".pdf") ? CatalogPdfReader.lines(in, path) : CatalogPdfReader.textLines(in, path);
      } catch (IOException e) {
        throw new LoadException("读取 " + path + " 失败：" + e.getClass().getSimpleName(), e);
      }
      if (!CatalogTextReader.looksLikeCatalog(lines)) {
        throw new LoadException(path + " 不是医保药品目录：没有找到“西药部分”“中成药部分”等目录部分。现有数据保持不变。");
      }
      CatalogTextReader.Result r = new CatalogTextReader().read(lines, path, editionYear);
      result = r.catalog;
      yinpianPart = r.yinpian;
      CatalogTextReader.Accounting a = r.accounting;
      r.catalog.normalisations.add(String.format("官方文本：%d 页，%d 行（分类行 %d，药品行 %d 及续行 %d，凡例与表头 %d，脚注 %d，饮片行 %d，未归属 %d）",
          a.pages, a.lines, a.categoryRows, a.entryLines, a.continuationLines, a.frontMatter + a.headers, a.footnoteLines,
          a.yinpianLines, a.rejectedLines));
      if (!r.yinpian.isEmpty()) {
        r.catalog.normalisations.add("饮片部分 " + r.yinpian.size() + " 种（□ " + r.yinpian.stream().filter(y -> y.notPaidAlone).count()
            + " 种），不得纳入基金支付的饮片 " + r.excludedPieces.size() + " 项");
      }
    } else if (parquet) {
      if (kind != null && kind != Kind.PRODUCTS) {
        throw new LoadException("Parquet 只支持产品清单（--as products）：" + path);
      }
      result = loadParquetProducts(path, cancelled, spill);
    } else {
      boolean xlsx = lower.endsWith(".xlsx") || lower.endsWith(".xlsm");
      try (InputStream in = SourceFiles.open(path, spark.sparkContext().hadoopConfiguration())) {
        if (xlsx) {
          Workbook wb = CatalogWorkbookReader.openWorkbook(in, path);
          boolean isCatalog = CatalogWorkbookReader.isCatalog(wb);
          Kind k = kind != null ? kind : (isCatalog ? Kind.CATALOG : Kind.PRODUCTS);
          if (k == Kind.CATALOG) {
            result = new CatalogWorkbookReader().read(wb, path, editionYear);
          } else if (k == Kind.PRODUCTS) {
            try (TabularSource t = TabularSource.xlsx(wb, path)) {
              result = linking().cleaner().clean(t, path, cancelled, spill, loadBatch, spill.rejects, REJECT_BATCH);
            }
          } else {
            try (TabularSource t = TabularSource.xlsx(wb, path)) {
              result = new YinpianReader().read(t, path);
            }
          }
        } else {
          if (kind == Kind.CATALOG) {
            throw new LoadException("目录只能从官方 xlsx 工作簿加载：" + path);
          }
          try (TabularSource t = TabularSource.csv(in, path)) {
            Kind k = kind != null ? kind : (YinpianReader.looksLikeYinpian(t.header) ? Kind.YINPIAN : Kind.PRODUCTS);
            result = k == Kind.YINPIAN ? new YinpianReader().read(t, path)
                : linking().cleaner().clean(t, path, cancelled, spill, loadBatch, spill.rejects, REJECT_BATCH);
          }
        }
      } catch (IOException e) {
        throw new LoadException("读取 " + path + " 失败：" + e.getMessage(), e);
      }
    }
    if (cancelled.getAsBoolean()) {
      throw new LoadException("加载已取消：" + path);
    }
    if (result.loaded() == 0) {
      throw new LoadException("文件 " + path + " 中没有可加载的行（读取 " + result.read + " 行，拒绝 "
          + result.rejectedCount() + " 行" + (result.rejectSample.isEmpty() ? "" : "，首个原因：" + result.rejectSample.get(0).reason)
          + "）。现有数据保持不变。");
    }
    refuseIfTooManyRejected(path, result.read, result.rejectedCount(), result.reasons, maxRejected);
    LoadReport report = new LoadReport(result, (System.nanoTime() - t0) / 1_000_000);
    Dataset<Row> df;
    Dataset<Row> rejectedRows = null;
    Warehouse.Meta meta = new Warehouse.Meta();
    meta.kind = result.kind;
    meta.edition = editionYear;
    meta.report = report.data();
    meta.rejected = new ArrayList<>(result.rejectSample.subList(0, Math.min(Warehouse.SAMPLE, result.rejectSample.size())));
    meta.yinpian = yinpianPart;
    if (spill.opened()) {
      // a large product list, or many rejected rows: part is already Parquet; the rest goes beside it
      if (result.spilled == 0 && !result.records.isEmpty()) {
        spill.write(rowsOf(result), schemaOf(result.kind), spill.dataDir());
      }
      result.flushRejected();
      if (result.rejectedCount() > 0 && result.rejectedSpilled == 0) {
        spill.rejects.accept(new ArrayList<>(result.rejected));
      }
      if (w != null) {
        df = cache(w.commit(spill.staging, meta, schemaOf(result.kind)));
        rejectedRows = result.rejectedCount() > 0 ? spark.read().schema(Schemas.REJECTED).parquet(w.rejectedOf(fp)) : null;
      } else {
        df = cache(spark.read().schema(schemaOf(result.kind)).parquet(spill.dataDir()));
        rejectedRows = result.rejectedCount() > 0 ? spark.read().schema(Schemas.REJECTED).parquet(spill.rejectedDir()) : null;
      }
    } else {
      Dataset<Row> held = result.rejected.isEmpty() ? null
          : spark.createDataFrame(Schemas.rows(result.rejected, Schemas::row), Schemas.REJECTED);
      if (w != null) {
        df = cache(w.store(fp, spark.createDataFrame(rowsOf(result), schemaOf(result.kind)), held, meta, schemaOf(result.kind)));
        rejectedRows = held == null ? null : spark.read().schema(Schemas.REJECTED).parquet(w.rejectedOf(fp));
      } else {
        df = checkpointed(rowsOf(result), schemaOf(result.kind));
        rejectedRows = held;
      }
    }
    if (w != null) {
      w.markCurrent(currentName(result.kind, editionYear), fp);
    }
    LOG.info("loaded {} as {}: read {}, loaded {}, rejected {} in {} ms", path, result.kind, report.read,
        report.loaded, report.rejected, report.millis);
    Loaded done = new Loaded(result.kind, df, editionYear, report, rejectedRows);
    done.yinpian = yinpianPart;
    done.fp = w != null ? fp : null;
    return done;
  }

  /**
   * Refuses a source whose rejected share is over {@code max}: one line with the counts and the
   * most frequent reasons; nothing of it is installed.
   */
  static void refuseIfTooManyRejected(String path, long read, long rejected, Map<String, Long> reasons, Double max) {
    if (max == null || read == 0 || rejected <= max * read) {
      return;
    }
    StringBuilder top = new StringBuilder();
    reasons.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(3)
        .forEach(e -> top.append(top.length() == 0 ? "" : "；").append(e.getKey()).append("（").append(e.getValue()).append(" 行）"));
    throw new LoadException(String.format(Locale.ROOT, "未加载 %s：读取 %d 行，拒绝 %d 行（%.1f%%），超过上限 %.0f%%%s。现有数据保持不变；"
        + "确认要加载时用 --max-rejected 提高上限。", path, read, rejected, 100.0 * rejected / read, 100 * max,
        top.length() == 0 ? "" : "。主要原因：" + top));
  }

  @SuppressWarnings("unchecked")
  private static List<Row> rowsOf(LoadResult<?> result) {
    switch (result.kind) {
      case "catalog": return Schemas.rows((List<CatalogEntry>) result.records, Schemas::row);
      case "products": return Schemas.rows((List<Product>) result.records, Schemas::row);
      case "yinpian": return Schemas.rows((List<YinpianEntry>) result.records, Schemas::row);
      default: throw new IllegalStateException(result.kind);
    }
  }

  /** Makes a loaded table current (the newest catalog edition is the current catalog). */
  private void installed(String kind, Dataset<Row> df, int editionYear, LoadReport report, Dataset<Row> rej) {
    String key = kind;
    switch (kind) {
      case "catalog":
        unpersist(editions.put(editionYear, df));
        int newest = ((java.util.TreeMap<Integer, Dataset<Row>>) editions).lastKey();
        catalog = editions.get(newest);
        edition = newest;
        key = "catalog@" + editionYear;
        break;
      case "products":
        unpersist(products);
        products = df;
        break;
      case "yinpian":
        unpersist(yinpian);
        yinpian = df;
        break;
      default:
        throw new IllegalStateException(kind);
    }
    reports.put(key, report);
    rejected.put(key, rej);
  }

  private static void unpersist(Dataset<Row> old) {
    if (old != null) {
      old.unpersist(false);
    }
  }

  private static Dataset<Row> cache(Dataset<Row> df) {
    Dataset<Row> c = df.persist(StorageLevel.MEMORY_ONLY());
    c.count();
    return c;
  }

  private Dataset<Row> checkpointed(List<Row> rows, StructType schema) {
    // The local checkpoint cuts the lineage to the driver-side rows: without it every task of every
    // query ships its whole slice of the rows again (ParallelCollectionPartition), which costs more
    // than the query itself at this size.
    return cache(spark.createDataFrame(rows, schema).localCheckpoint(true));
  }

  private void publish() {
    Dataset<Row> rej = null;
    for (Dataset<Row> r : rejected.values()) {
      if (r != null) {
        rej = rej == null ? r : rej.union(r);
      }
    }
    if (rej == null) {
      rej = spark.createDataFrame(List.<Row>of(), Schemas.REJECTED);
    }
    version++;
    DrugTables t = new DrugTables(catalog, products, yinpian, rej, version, edition, reports, editions);
    catalog.createOrReplaceTempView("catalog");
    t.catalogAll().createOrReplaceTempView("catalog_all");
    t.commercial().createOrReplaceTempView("commercial");
    products.createOrReplaceTempView("products");
    yinpian.createOrReplaceTempView("yinpian");
    rej.createOrReplaceTempView("rejected_rows");
    tables = t;
  }

  private LoadResult<Product> loadParquetProducts(String path, BooleanSupplier cancelled, Spill spill) {
    SourceFiles.length(path, spark.sparkContext().hadoopConfiguration());
    Dataset<Row> df;
    try {
      df = spark.read().parquet(path);
    } catch (Exception e) {
      Throwable c = e;
      while (c.getCause() != null && !(c instanceof IOException)) {
        c = c.getCause();
      }
      if (c instanceof IOException) {
        throw SourceFiles.describeFailure(path, (IOException) c);
      }
      String msg = e instanceof AnalysisException ? ((AnalysisException) e).getSimpleMessage() : e.getMessage();
      throw new LoadException("无法读取 Parquet " + path + "：" + String.valueOf(msg).split("\n")[0], e);
    }
    String[] header = df.columns();
    Iterator<Row> it = df.toLocalIterator();
    Iterator<TabularSource.Record> records = new Iterator<>() {
      int row = 1;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public TabularSource.Record next() {
        Row r = it.next();
        String[] v = new String[header.length];
        for (int i = 0; i < v.length; i++) {
          Object o = r.get(i);
          v[i] = o == null ? null : o.toString();
        }
        return TabularSource.record(++row, v);
      }
    };
    try (TabularSource t = TabularSource.of(header, records, "parquet")) {
      return linking().cleaner().clean(t, path, cancelled, spill, loadBatch, spill.rejects, REJECT_BATCH);
    }
  }

  /**
   * Where the batches of a large product list and of many rejected rows are written as they are
   * cleaned: a staging folder of the warehouse (renamed to the fingerprint's folder when the load
   * completes), or without a warehouse a temporary folder (removed when the interpreter ends).
   * Nothing is written for a source that fits one batch; a load that fails removes what it wrote.
   */
  private final class Spill implements LoadResult.Sink<Product> {
    private final Warehouse warehouse;
    final String fp;
    Warehouse.Staging staging;
    String temp;
    final LoadResult.Sink<RejectedRow> rejects = batch -> write(Schemas.rows(batch, Schemas::row), Schemas.REJECTED, rejectedDir());

    Spill(Warehouse warehouse, String fp) {
      this.warehouse = warehouse;
      this.fp = fp;
    }

    boolean opened() {
      return staging != null || temp != null;
    }

    private void open() {
      if (opened()) {
        return;
      }
      if (warehouse != null) {
        staging = warehouse.stage(fp);
      } else {
        try {
          java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("medinsight-load");
          temp = tmp.toUri().toString();
          org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(temp);
          hp.getFileSystem(spark.sparkContext().hadoopConfiguration()).deleteOnExit(hp);
        } catch (IOException e) {
          throw new LoadException("无法创建临时文件夹：" + e.getMessage(), e);
        }
      }
    }

    String dataDir() {
      open();
      return staging != null ? staging.dataDir() : temp + "data";
    }

    String rejectedDir() {
      open();
      return staging != null ? staging.rejectedDir() : temp + "rejected";
    }

    void write(List<Row> rows, StructType schema, String dir) {
      spark.createDataFrame(rows, schema).coalesce(1).write().mode(org.apache.spark.sql.SaveMode.Append).parquet(dir);
    }

    @Override
    public void accept(List<Product> batch) {
      write(Schemas.rows(batch, Schemas::row), Schemas.PRODUCTS, dataDir());
    }

    /** Removes what was written; a table already committed is not touched. */
    void abort() {
      if (staging != null) {
        warehouse.abort(staging);
      } else if (temp != null) {
        try {
          org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(temp);
          hp.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(hp, true);
        } catch (IOException e) {
          // removed when the interpreter ends
        }
      }
    }
  }
}
