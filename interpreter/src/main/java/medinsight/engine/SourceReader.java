package medinsight.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CatalogPdfReader;
import medinsight.catalog.CatalogTextReader;
import medinsight.catalog.CatalogWorkbookReader;
import medinsight.catalog.DataKind;
import medinsight.catalog.LoadException;
import medinsight.catalog.LoadResult;
import medinsight.catalog.Product;
import medinsight.catalog.RejectedRow;
import medinsight.catalog.SourceFiles;
import medinsight.catalog.TabularSource;
import medinsight.catalog.YinpianEntry;
import medinsight.catalog.YinpianReader;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a source into a table that is not yet current ({@link LoadedTable}): picks the reader for
 * its kind (given, or detected from the file), cleans it, keeps the rejected rows, and goes
 * through the warehouse when there is one (a source read before comes back from there; a new one
 * is kept there, large ones batch by batch through a {@link Spill}). What becomes current is
 * {@link DrugData}'s business.
 */
final class SourceReader {
  private static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);
  /** Rejected rows held in memory by a load before they go to Parquet. */
  static final int REJECT_BATCH = 10_000;

  private final SparkSession spark;
  /** Null: no warehouse. */
  private final Warehouse warehouse;
  /** What product lists are linked with; asked for only when a product list is read. */
  private final Supplier<ProductLinking> linking;
  private final int loadBatch;

  SourceReader(SparkSession spark, Warehouse warehouse, Supplier<ProductLinking> linking, int loadBatch) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.linking = linking;
    this.loadBatch = loadBatch;
  }

  /** The table a load left current (by its warehouse record), or else what {@code otherwise} reads. */
  LoadedTable restoredOr(Map<String, String> loaded, String name, int editionYear, Supplier<LoadedTable> otherwise) {
    String fp = loaded.get(name);
    Warehouse w = warehouse;
    if (fp != null && w != null) {
      long t0 = System.nanoTime();
      Warehouse.Stored stored = w.find(fp);
      if (stored != null) {
        LoadReport report = new LoadReport(stored.meta.report, (System.nanoTime() - t0) / 1_000_000).restored();
        LoadedTable back = new LoadedTable(stored.meta.kind(), cache(stored.data), editionYear, report, rejectedOf(stored));
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

  /**
   * Reads and cleans a source into a table that is not yet current. {@code kind} null means:
   * detect it from the file. {@code maxRejected} (a share, or null for none) refuses a source with
   * too many rejected rows. Whatever fails, the folders written on the way are removed.
   */
  LoadedTable read(String path, DataKind kind, int editionYear, BooleanSupplier cancelled, Double maxRejected) {
    long t0 = System.nanoTime();
    Warehouse w = warehouse;
    String fp = null;
    if (w != null) {
      fp = w.fingerprint(path, (kind == null ? "auto" : kind.key())
          + (kind == DataKind.CATALOG || kind == DataKind.YINPIAN ? "" : linking.get().tag()), editionYear);
      Warehouse.Stored stored = w.find(fp);
      if (stored != null) {
        LoadReport report = new LoadReport(stored.meta.report, (System.nanoTime() - t0) / 1_000_000);
        refuseIfTooManyRejected(path, report.read, report.rejected, Map.of(), maxRejected);
        Dataset<Row> df = cache(stored.data);
        w.markCurrent(Warehouse.currentName(stored.meta.kind(), editionYear), fp);
        LOG.info("read {} as {} from the warehouse {} in {} ms", path, stored.meta.kind, w.root(), report.millis);
        LoadedTable back = new LoadedTable(stored.meta.kind(), df, editionYear, report, rejectedOf(stored));
        back.yinpian = stored.meta.yinpian;
        back.fp = fp;
        return back;
      }
    }
    Spill spill = new Spill(spark, w, fp);
    try {
      return readInto(spill, path, kind, editionYear, cancelled, maxRejected, t0);
    } catch (Throwable e) {
      // Spark's own SparkException is checked and thrown past Java's checks (a write job that a
      // cancel stopped): it must clean up too, so everything does
      spill.abort();
      throw e;
    }
  }

  private LoadedTable readInto(Spill spill, String path, DataKind kind, int editionYear, BooleanSupplier cancelled,
      Double maxRejected, long t0) {
    String lower = path.toLowerCase(Locale.ROOT);
    LoadResult<?> result;
    List<YinpianEntry> yinpianPart = null;
    if (lower.endsWith(".txt") || lower.endsWith(".pdf")) {
      CatalogTextReader.Result r = readPublished(path, lower, kind, editionYear);
      result = r.catalog;
      yinpianPart = r.yinpian;
    } else if (lower.endsWith(".parquet") || lower.endsWith(".parq")) {
      if (kind != null && kind != DataKind.PRODUCTS) {
        throw new LoadException("Parquet 只支持产品清单（--as products）：" + path);
      }
      try (TabularSource t = ParquetSource.open(spark, path)) {
        result = cleanProducts(t, path, cancelled, spill);
      }
    } else {
      result = readFile(spill, path, lower, kind, editionYear, cancelled);
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
    LoadedTable done = table(spill, result, report, editionYear, yinpianPart);
    LOG.info("loaded {} as {}: read {}, loaded {}, rejected {} in {} ms", path, result.kind, report.read,
        report.loaded, report.rejected, report.millis);
    return done;
  }

  /** The catalog as NHSA publishes it: the official PDF, or its text (with the edition's 饮片 part). */
  private CatalogTextReader.Result readPublished(String path, String lower, DataKind kind, int editionYear) {
    if (kind != null && kind != DataKind.CATALOG) {
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
    CatalogTextReader.Accounting a = r.accounting;
    r.catalog.normalisations.add(String.format("官方文本：%d 页，%d 行（分类行 %d，药品行 %d 及续行 %d，凡例与表头 %d，脚注 %d，饮片行 %d，未归属 %d）",
        a.pages, a.lines, a.categoryRows, a.entryLines, a.continuationLines, a.frontMatter + a.headers, a.footnoteLines,
        a.yinpianLines, a.rejectedLines));
    if (!r.yinpian.isEmpty()) {
      r.catalog.normalisations.add("饮片部分 " + r.yinpian.size() + " 种（□ " + r.yinpian.stream().filter(y -> y.notPaidAlone).count()
          + " 种），不得纳入基金支付的饮片 " + r.excludedPieces.size() + " 项");
    }
    return r;
  }

  /**
   * A workbook or a CSV. Without a kind: an xlsx with the catalog's sheets is the catalog, a CSV
   * with the 饮片 columns is the 饮片 list, anything else is a product list.
   */
  private LoadResult<?> readFile(Spill spill, String path, String lower, DataKind kind, int editionYear,
      BooleanSupplier cancelled) {
    boolean xlsx = lower.endsWith(".xlsx") || lower.endsWith(".xlsm");
    try (InputStream in = SourceFiles.open(path, spark.sparkContext().hadoopConfiguration())) {
      if (xlsx) {
        Workbook wb = CatalogWorkbookReader.openWorkbook(in, path);
        DataKind k = kind != null ? kind : (CatalogWorkbookReader.isCatalog(wb) ? DataKind.CATALOG : DataKind.PRODUCTS);
        if (k == DataKind.CATALOG) {
          return new CatalogWorkbookReader().read(wb, path, editionYear);
        }
        try (TabularSource t = TabularSource.xlsx(wb, path)) {
          return k == DataKind.PRODUCTS ? cleanProducts(t, path, cancelled, spill) : new YinpianReader().read(t, path);
        }
      }
      if (kind == DataKind.CATALOG) {
        throw new LoadException("目录只能从官方 xlsx 工作簿加载：" + path);
      }
      try (TabularSource t = TabularSource.csv(in, path)) {
        DataKind k = kind != null ? kind : (YinpianReader.looksLikeYinpian(t.header) ? DataKind.YINPIAN : DataKind.PRODUCTS);
        return k == DataKind.YINPIAN ? new YinpianReader().read(t, path) : cleanProducts(t, path, cancelled, spill);
      }
    } catch (IOException e) {
      throw new LoadException("读取 " + path + " 失败：" + e.getMessage(), e);
    }
  }

  /** A product list, cleaned and linked in batches; large ones go to {@code spill} as they are cleaned. */
  private LoadResult<Product> cleanProducts(TabularSource t, String path, BooleanSupplier cancelled, Spill spill) {
    return linking.get().cleaner().clean(t, path, cancelled, spill, loadBatch, spill.rejects, REJECT_BATCH);
  }

  /**
   * The Spark table of what was read, with its rejected rows: kept in the warehouse when there is
   * one, else cached in memory (or, when part was spilled, read from the temporary folder).
   */
  private LoadedTable table(Spill spill, LoadResult<?> result, LoadReport report, int editionYear,
      List<YinpianEntry> yinpianPart) {
    Warehouse w = warehouse;
    String fp = spill.fp;
    StructType schema = Schemas.of(result.kind);
    Dataset<Row> df;
    Dataset<Row> rejectedRows;
    Warehouse.Meta meta = new Warehouse.Meta(result.kind, editionYear, report,
        new ArrayList<>(result.rejectSample.subList(0, Math.min(Warehouse.SAMPLE, result.rejectSample.size()))));
    meta.yinpian = yinpianPart;
    if (spill.opened()) {
      // a large product list, or many rejected rows: part is already Parquet; the rest goes beside it
      if (result.spilled == 0 && !result.records.isEmpty()) {
        spill.write(rowsOf(result), schema, spill.dataDir());
      }
      result.flushRejected();
      if (result.rejectedCount() > 0 && result.rejectedSpilled == 0) {
        spill.rejects.accept(new ArrayList<>(result.rejected));
      }
      if (w != null) {
        df = cache(w.commit(spill.staging, meta, schema));
        rejectedRows = result.rejectedCount() > 0 ? spark.read().schema(Schemas.REJECTED).parquet(w.rejectedOf(fp)) : null;
      } else {
        df = cache(spark.read().schema(schema).parquet(spill.dataDir()));
        rejectedRows = result.rejectedCount() > 0 ? spark.read().schema(Schemas.REJECTED).parquet(spill.rejectedDir()) : null;
      }
    } else {
      Dataset<Row> held = result.rejected.isEmpty() ? null
          : spark.createDataFrame(Schemas.rows(result.rejected, Schemas::row), Schemas.REJECTED);
      if (w != null) {
        df = cache(w.store(fp, spark.createDataFrame(rowsOf(result), schema), held, meta, schema));
        rejectedRows = held == null ? null : spark.read().schema(Schemas.REJECTED).parquet(w.rejectedOf(fp));
      } else {
        df = checkpointed(rowsOf(result), schema);
        rejectedRows = held;
      }
    }
    if (w != null) {
      w.markCurrent(Warehouse.currentName(result.kind, editionYear), fp);
    }
    LoadedTable done = new LoadedTable(result.kind, df, editionYear, report, rejectedRows);
    done.yinpian = yinpianPart;
    done.fp = w != null ? fp : null;
    return done;
  }

  /**
   * The 饮片 list a catalog read from its published text or PDF brings, as a table of its own
   * (kept in the warehouse too, for Zeppelin's %spark: current/yinpian).
   */
  LoadedTable yinpianPart(LoadedTable catalog) {
    LoadResult<YinpianEntry> y = new LoadResult<>(catalog.report.source, DataKind.YINPIAN);
    y.records.addAll(catalog.yinpian);
    y.read = catalog.yinpian.size();
    Dataset<Row> df = null;
    Warehouse w = warehouse;
    if (w != null) {
      String fp = w.fingerprint(catalog.report.source, DataKind.YINPIAN.key(), catalog.edition);
      Warehouse.Stored stored = w.find(fp);
      if (stored != null) {
        df = cache(stored.data);
      } else {
        Warehouse.Meta meta = new Warehouse.Meta(DataKind.YINPIAN, catalog.edition, new LoadReport(y, 0), new ArrayList<>());
        df = cache(w.store(fp, spark.createDataFrame(rowsOf(y), Schemas.YINPIAN), null, meta, Schemas.YINPIAN));
      }
      w.markCurrent(Warehouse.currentName(DataKind.YINPIAN, catalog.edition), fp);
    }
    return new LoadedTable(DataKind.YINPIAN, df != null ? df : checkpointed(rowsOf(y), Schemas.YINPIAN), catalog.edition,
        new LoadReport(y, 0).fromWarehouse(catalog.report.fromWarehouse), null);
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
      case CATALOG: return Schemas.rows((List<CatalogEntry>) result.records, Schemas::row);
      case PRODUCTS: return Schemas.rows((List<Product>) result.records, Schemas::row);
      case YINPIAN: return Schemas.rows((List<YinpianEntry>) result.records, Schemas::row);
      default: throw new IllegalStateException(String.valueOf(result.kind));
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
}
