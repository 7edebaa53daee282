package medinsight.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import medinsight.catalog.DataKind;
import medinsight.catalog.LoadException;
import medinsight.catalog.SelfPayPolicy;
import medinsight.catalog.SourceFiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Holds the current {@link DrugTables} and makes new ones current: loads are serialised; readers
 * take the current version without waiting. What a load reads is read by a {@link SourceReader};
 * this class decides what becomes current (the newest catalog edition is the current catalog) and
 * publishes it. The tables are also registered as temporary views ({@code catalog},
 * {@code products}, {@code yinpian}, {@code rejected_rows} …) for Spark SQL.
 */
public final class DrugData implements DataChanges {
  public static final String BUNDLED_CATALOG = SourceFiles.CLASSPATH + "medinsight/data/nrdl-2024/nrdl-2024.xlsx";
  public static final String BUNDLED_YINPIAN = SourceFiles.CLASSPATH + "medinsight/data/nrdl-2024/yinpian-2024.csv";
  public static final String BUNDLED_PRODUCTS = SourceFiles.CLASSPATH + "medinsight/data/beijing/products-sf1.csv";
  /** The 2025 edition, in force since 2026-01-01, as NHSA published it (the text of its official PDF). */
  public static final String BUNDLED_CATALOG_2025 = SourceFiles.CLASSPATH + "medinsight/data/nrdl-2025/nrdl-2025.txt";
  /** The edition in force, bundled as the current {@code catalog}; 2024 is bundled beside it. */
  public static final int BUNDLED_EDITION = 2025;
  /** The bundled sources: the only {@code classpath:} paths a load may name. */
  public static final Set<String> BUNDLED = Set.of(BUNDLED_CATALOG, BUNDLED_CATALOG_2025, BUNDLED_YINPIAN,
      BUNDLED_PRODUCTS);
  private static final Pattern YEAR = Pattern.compile("(?<![0-9])(20[0-9]{2})(?![0-9])");

  /** The edition a catalog file names by a year in its name (nrdl-2024.xlsx), else the current one. */
  public static int editionOf(String path) {
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    Matcher m = YEAR.matcher(name);
    return m.find() ? Integer.parseInt(m.group(1)) : BUNDLED_EDITION;
  }

  private final SparkSession spark;
  /** The catalogs read at the first start, with their editions: the bundled 2024 and 2025, or the configured one. */
  private final List<StartCatalog> startCatalogs = new ArrayList<>();
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
  private final TreeMap<Integer, Dataset<Row>> editions = new TreeMap<>();
  /** The reports of the current tables, keyed as {@link DrugTables#reportKey}. */
  private final Map<String, LoadReport> reports = new LinkedHashMap<>();
  /** The rejected rows of each current table (null: none), keyed as the reports. */
  private final Map<String, Dataset<Row>> rejected = new LinkedHashMap<>();
  /** The share of rejected rows above which a {@code load} is refused, unless it says otherwise. */
  public static final double DEFAULT_MAX_REJECTED = 0.20;

  /** A catalog read at the first start, and its edition. */
  private static final class StartCatalog {
    final String path;
    final int edition;

    StartCatalog(String path, int edition) {
      this.path = path;
      this.edition = edition;
    }
  }

  public DrugData(SparkSession spark, String catalogPath, String productsPath, String yinpianPath) {
    this.spark = spark;
    if (blank(catalogPath)) {
      startCatalogs.add(new StartCatalog(BUNDLED_CATALOG, 2024));
      startCatalogs.add(new StartCatalog(BUNDLED_CATALOG_2025, 2025));
    } else {
      startCatalogs.add(new StartCatalog(catalogPath, editionOf(catalogPath)));
    }
    this.defaultProducts = blank(productsPath) ? BUNDLED_PRODUCTS : productsPath;
    this.defaultYinpian = blank(yinpianPath) ? null : yinpianPath;
    this.yinpianConfigured = !blank(yinpianPath);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
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

  /** Loaded rows per shuffle partition when the partitions are sized to the data. */
  public static final long ROWS_PER_SHUFFLE_PARTITION = 1_000_000;
  /** At most this many shuffle partitions when sized to the data; 0: Spark's setting is kept. */
  private int shuffleCeiling;

  /**
   * Sizes {@code spark.sql.shuffle.partitions} to the loaded rows at every new version of the
   * tables: one partition per {@link #ROWS_PER_SHUFFLE_PARTITION} rows, at least one and at most
   * {@code ceiling} (Spark's parallelism). A shuffle's fixed cost is per partition, and the
   * bundled data are well under a million rows: more partitions only cost time there.
   */
  public DrugData withShufflePartitionsSized(int ceiling) {
    this.shuffleCeiling = Math.max(0, ceiling);
    return this;
  }

  /** The shuffle partitions for {@code rows} loaded rows, at most {@code ceiling}. */
  public static int shufflePartitionsFor(long rows, int ceiling) {
    long n = (rows + ROWS_PER_SHUFFLE_PARTITION - 1) / ROWS_PER_SHUFFLE_PARTITION;
    return (int) Math.max(1, Math.min(Math.max(1, ceiling), n));
  }

  private SelfPayPolicy policy = SelfPayPolicy.DEFAULT;
  private ProductLinking linking;
  private Dataset<Row> linkedCatalog;

  /** The self-payment ratios given to products whose list has none (drugs.policy.selfpay). */
  public DrugData withPolicy(SelfPayPolicy policy) {
    this.policy = policy == null ? SelfPayPolicy.DEFAULT : policy;
    return this;
  }

  /** Product lists are linked to the current catalog edition as they are cleaned. */
  private ProductLinking linking() {
    if (linking == null || linkedCatalog != catalog) {
      linking = ProductLinking.of(catalog, edition, reports.get(DrugTables.reportKey(DataKind.CATALOG, edition)), policy);
      linkedCatalog = catalog;
    }
    return linking;
  }

  /** Keeps cleaned tables as Parquet under this folder (local or hdfs://), reused by later loads. */
  public DrugData withWarehouse(String root) {
    this.warehouse = root == null || root.isBlank() ? null : new Warehouse(spark, root);
    return this;
  }

  /** Reads sources with the current warehouse, linking and batch size. */
  private SourceReader reader() {
    return new SourceReader(spark, warehouse, this::linking, loadBatch);
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
        SourceReader reader = reader();
        // what earlier loads made current comes back in place of the configured sources
        Map<String, String> loaded = new TreeMap<>();
        if (w != null) {
          w.sweep();
          loaded.putAll(w.loaded());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<LoadedTable>> catalogs = new ArrayList<>();
          Set<Integer> years = new TreeSet<>();
          for (StartCatalog c : startCatalogs) {
            years.add(c.edition);
            catalogs.add(pool.submit(() -> reader.restoredOr(loaded, Warehouse.currentName(DataKind.CATALOG, c.edition),
                c.edition, () -> reader.read(c.path, DataKind.CATALOG, c.edition, () -> false, null))));
          }
          for (String name : loaded.keySet()) {
            if (name.startsWith("catalog-") && name.substring(8).matches("[0-9]{4}")
                && !years.contains(Integer.parseInt(name.substring(8)))) {
              int year = Integer.parseInt(name.substring(8));
              catalogs.add(pool.submit(() -> reader.restoredOr(loaded, name, year, () -> null)));
            }
          }
          Future<LoadedTable> y = defaultYinpian == null && !loaded.containsKey("yinpian") ? null
              : pool.submit(() -> reader.restoredOr(loaded, "yinpian", BUNDLED_EDITION,
                  () -> defaultYinpian == null ? null
                      : reader.read(defaultYinpian, DataKind.YINPIAN, BUNDLED_EDITION, () -> false, null)));
          for (Future<LoadedTable> c : catalogs) {
            LoadedTable l = done(c);
            if (l != null) {
              install(l, reader);
            }
          }
          // after the catalogs: a product list is linked to the current edition as it is cleaned
          LoadedTable p = reader.restoredOr(loaded, "products", BUNDLED_EDITION,
              () -> reader.read(defaultProducts, DataKind.PRODUCTS, BUNDLED_EDITION, () -> false, null));
          LoadedTable yl = y == null ? null : done(y);
          if (yl != null) {
            install(yl, reader);
          } else if (yinpian == null) {
            // a catalog without a 饮片 part (a workbook): the bundled 2024 list
            install(reader.read(BUNDLED_YINPIAN, DataKind.YINPIAN, 2024, () -> false, null), reader);
          }
          install(p, reader);
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
  public LoadReport load(String path, DataKind kind, Integer editionYear, BooleanSupplier cancelled) {
    return load(path, kind, editionYear, DEFAULT_MAX_REJECTED, cancelled);
  }

  /**
   * As {@link #load(String, DataKind, Integer, BooleanSupplier)}, refused (the data staying as it
   * was) when more than {@code maxRejected} (a share, 0–1) of the rows read are rejected. The
   * table loaded is recorded in the warehouse and comes back after a restart.
   */
  @Override
  public LoadReport load(String path, DataKind kind, Integer editionYear, double maxRejected, BooleanSupplier cancelled) {
    synchronized (loadLock) {
      if (tables == null) {
        tables();
      }
      int year = editionYear == null ? editionOf(path) : editionYear;
      SourceReader reader = reader();
      LoadedTable l = reader.read(path, kind, year, cancelled, maxRejected);
      install(l, reader);
      Warehouse w = warehouse;
      if (w != null && l.fp != null) {
        w.markLoaded(Warehouse.currentName(l.kind, year), l.fp);
      }
      publish();
      return l.report;
    }
  }

  /**
   * Makes the configured (or bundled) source of a kind current again, in place of what a
   * {@code load} put there, and forgets the loaded table for later starts.
   */
  @Override
  public LoadReport reset(DataKind kind, Integer editionYear, BooleanSupplier cancelled) {
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
          path = startCatalogs.stream().filter(c -> c.edition == year).map(c -> c.path).findFirst()
              .orElseThrow(() -> new LoadException(year + " 年版目录不是启动时的配置或内置版本，没有可恢复的来源。"));
      }
      SourceReader reader = reader();
      LoadedTable l = reader.read(path, kind, kind == DataKind.YINPIAN && defaultYinpian == null ? 2024 : year, cancelled, null);
      if (kind == DataKind.YINPIAN) {
        yinpianConfigured = false;
      }
      install(l, reader);
      Warehouse w = warehouse;
      if (w != null) {
        w.clearLoaded(Warehouse.currentName(kind, year));
      }
      publish();
      return l.report;
    }
  }

  private static LoadedTable done(Future<LoadedTable> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadException("加载被中断", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      if (e.getCause() instanceof Error) {
        throw (Error) e.getCause();
      }
      throw new LoadException(String.valueOf(e.getCause()), e.getCause());
    }
  }

  /**
   * Makes a table read current; a catalog of the current edition that brings its own 饮片 list
   * makes that list current too, unless a 饮片 list was given as a source of its own.
   */
  private void install(LoadedTable l, SourceReader reader) {
    if (l.kind == DataKind.YINPIAN && l.report != null && tables != null) {
      yinpianConfigured = true;
    }
    installed(l);
    if (l.yinpian != null && !l.yinpian.isEmpty() && l.edition == edition && !yinpianConfigured) {
      // the current edition's own 饮片 list
      installed(reader.yinpianPart(l));
    }
  }

  /** Puts a table in place of the current one of its kind (the newest catalog edition is the current catalog). */
  private void installed(LoadedTable l) {
    switch (l.kind) {
      case CATALOG:
        unpersist(editions.put(l.edition, l.df));
        int newest = editions.lastKey();
        catalog = editions.get(newest);
        edition = newest;
        break;
      case PRODUCTS:
        unpersist(products);
        products = l.df;
        break;
      case YINPIAN:
        unpersist(yinpian);
        yinpian = l.df;
        break;
      default:
        throw new IllegalStateException(String.valueOf(l.kind));
    }
    String key = DrugTables.reportKey(l.kind, l.edition);
    reports.put(key, l.report);
    rejected.put(key, l.rejected);
  }

  private static void unpersist(Dataset<Row> old) {
    if (old != null) {
      old.unpersist(false);
    }
  }

  /** Makes the current pieces the next version of {@link DrugTables} and Spark SQL's views. */
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
    if (shuffleCeiling > 0) {
      long rows = 0;
      for (LoadReport r : reports.values()) {
        rows += r == null ? 0 : Math.max(0, r.loaded);
      }
      spark.conf().set("spark.sql.shuffle.partitions", shufflePartitionsFor(rows, shuffleCeiling));
    }
    DrugTables t = new DrugTables(catalog, products, yinpian, rej, version, edition, reports, editions);
    catalog.createOrReplaceTempView("catalog");
    t.catalogAll().createOrReplaceTempView("catalog_all");
    t.commercial().createOrReplaceTempView("commercial");
    products.createOrReplaceTempView("products");
    yinpian.createOrReplaceTempView("yinpian");
    rej.createOrReplaceTempView("rejected_rows");
    t.quarantined().createOrReplaceTempView("quarantined_fields");
    tables = t;
  }
}
