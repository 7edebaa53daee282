package medinsight.zeppelin;

import java.util.Properties;
import medinsight.engine.DrugData;
import medinsight.render.Labels;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session and data shared by {@code %drugs} and {@code %drugs.sql} of one interpreter
 * group. Every {@code spark.*} interpreter property is passed to Spark as is.
 */
public final class DrugsEngine {
  public static final String PROP_CATALOG = "drugs.data.catalog";
  public static final String PROP_PRODUCTS = "drugs.data.products";
  public static final String PROP_YINPIAN = "drugs.data.yinpian";
  public static final String PROP_MAX_RESULT = "drugs.maxResult";
  public static final String PROP_LANGUAGE = "drugs.language";
  public static final String PROP_CONCURRENCY = "drugs.concurrency";
  public static final String PROP_WAREHOUSE = "drugs.warehouse";
  public static final String PROP_CACHE = "drugs.cache";
  public static final String PROP_LOAD_BATCH = "drugs.load.batch";

  /** Where cleaned tables are kept when the property is not set; {@code none} turns it off. */
  public static String warehouse(Properties p) {
    String v = p.getProperty(PROP_WAREHOUSE);
    if (v == null || v.isBlank()) {
      return java.nio.file.Paths.get(System.getProperty("user.home"), ".medinsight", "warehouse").toUri().toString();
    }
    return "none".equalsIgnoreCase(v.trim()) ? null : v.trim();
  }

  public final SparkSession spark;
  public final DrugData data;
  public final Labels.Lang lang;
  public final int maxResult;
  public final int concurrency;
  public final medinsight.command.ResultCache cache;

  private DrugsEngine(SparkSession spark, DrugData data, Labels.Lang lang, int maxResult, int concurrency, int cache) {
    this.cache = new medinsight.command.ResultCache(cache);
    this.spark = spark;
    this.data = data;
    this.lang = lang;
    this.maxResult = maxResult;
    this.concurrency = concurrency;
  }

  static int intProperty(Properties p, String key, int def, int min) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < min) {
        throw new IllegalArgumentException(key + " 应不小于 " + min + "，而不是 " + v);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " 应为整数，而不是“" + v + "”");
    }
  }

  public static SparkConf sparkConf(Properties p) {
    SparkConf conf = new SparkConf(false);
    conf.set("spark.master", "local[*]");
    conf.set("spark.app.name", "medinsight");
    conf.set("spark.ui.enabled", "false");
    conf.set("spark.sql.shuffle.partitions", "4");
    conf.set("spark.sql.adaptive.enabled", "false");
    conf.set("spark.sql.session.timeZone", "Asia/Shanghai");
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k);
      if (k.startsWith("spark.") && v != null && !v.isBlank()) {
        conf.set(k, v.trim());
      }
    }
    if (conf.get("spark.master").startsWith("local")) {
      if (!conf.contains("spark.driver.host")) {
        conf.set("spark.driver.host", "127.0.0.1");
      }
      if (!conf.contains("spark.driver.bindAddress")) {
        conf.set("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    return conf;
  }

  public static DrugsEngine create(Properties p) {
    Labels.Lang lang = Labels.Lang.parse(p.getProperty(PROP_LANGUAGE));
    int maxResult = intProperty(p, PROP_MAX_RESULT, 1000, 1);
    int concurrency = intProperty(p, PROP_CONCURRENCY, 10, 1);
    int cache = intProperty(p, PROP_CACHE, 256, 0);
    // a session of its own: its temporary views (the tables) belong to this interpreter alone
    SparkSession spark = SparkSession.builder().config(sparkConf(p)).getOrCreate().newSession();
    DrugData data = new DrugData(spark, p.getProperty(PROP_CATALOG), p.getProperty(PROP_PRODUCTS),
        p.getProperty(PROP_YINPIAN)).withWarehouse(warehouse(p))
        .withLoadBatch(intProperty(p, PROP_LOAD_BATCH, DrugData.DEFAULT_LOAD_BATCH, 1000));
    return new DrugsEngine(spark, data, lang, maxResult, concurrency, cache);
  }
}
