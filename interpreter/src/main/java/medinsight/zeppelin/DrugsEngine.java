package medinsight.zeppelin;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import medinsight.access.AccessDenied;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.access.DeployedSetting;
import medinsight.catalog.SelfPayPolicy;
import medinsight.command.ResultCache;
import medinsight.engine.DrugData;
import medinsight.engine.DrugTables;
import medinsight.render.Labels;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark session and data shared by {@code %drugs} and {@code %drugs.sql} of one interpreter
 * group, and the access policy they obey. In a deployment, {@code spark.*} interpreter
 * properties from a short list (master, memory, cores, partitions, driver address, HDFS client
 * settings) reach Spark; the deployment's own file sets any other, and Spark never runs SQL
 * directly on files.
 */
public final class DrugsEngine {
  public static final String PROP_CATALOG = "drugs.data.catalog";
  public static final String PROP_PRODUCTS = "drugs.data.products";
  public static final String PROP_YINPIAN = "drugs.data.yinpian";
  public static final String PROP_MAX_RESULT = "drugs.maxResult";
  public static final String PROP_LANGUAGE = "drugs.language";
  public static final String PROP_CONCURRENCY = "drugs.concurrency";
  public static final String PROP_CACHE = "drugs.cache";
  /** Read from the interpreter's properties only in-process; a deployment sets it in its own file. */
  public static final String PROP_WAREHOUSE = AccessPolicy.WAREHOUSE;
  public static final String PROP_LOAD_BATCH = "drugs.load.batch";
  /** The self-payment ratios given to products whose list has none: 甲=0,乙=0.1,丙=1 (an assumption). */
  public static final String PROP_POLICY_SELFPAY = "drugs.policy.selfpay";

  /**
   * Spark properties a paragraph's interpreter setting may set in a deployment (a
   * {@code %drugs.conf} paragraph can set them too); properties that load code, run programs or
   * choose where files go are not among them.
   */
  private static final List<String> SPARK_ALLOWED = List.of("spark.master", "spark.app.name", "spark.submit.deployMode",
      "spark.executor.memory", "spark.executor.cores", "spark.executor.instances", "spark.cores.max",
      "spark.default.parallelism", "spark.sql.shuffle.partitions", "spark.sql.adaptive.", "spark.sql.autoBroadcastJoinThreshold",
      "spark.sql.session.timeZone", "spark.driver.host", "spark.driver.bindAddress", "spark.driver.port",
      "spark.driver.maxResultSize", "spark.blockManager.port", "spark.memory.", "spark.network.timeout",
      "spark.dynamicAllocation.", "spark.scheduler.mode", "spark.hadoop.dfs.replication", "spark.ui.enabled");

  static boolean sparkPropertyAllowed(String key) {
    for (String a : SPARK_ALLOWED) {
      if (a.endsWith(".") ? key.startsWith(a) : key.equals(a)) {
        return !key.equals("spark.ui.enabled");
      }
    }
    return false;
  }

  public final SparkSession spark;
  /**
   * Whether {@link #spark} is Zeppelin's Spark interpreter's session ({@link SparkSource}): the
   * tables are views of that session, which {@code %spark.sql} shares, and the plugin neither
   * configures nor stops it.
   */
  public final boolean borrowed;
  public final DrugData data;
  public final Labels.Lang lang;
  public final int maxResult;
  public final int concurrency;
  public final ResultCache cache;
  public final AccessPolicy policy;
  private final Map<String, UserSession> sessions = new ConcurrentHashMap<>();

  private DrugsEngine(SparkSession spark, boolean borrowed, DrugData data, Labels.Lang lang, int maxResult, int concurrency,
      int cache, AccessPolicy policy) {
    this.borrowed = borrowed;
    this.policy = policy;
    this.cache = new ResultCache(cache);
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
    return sparkConf(p, AccessPolicy.embedded(new Properties()));
  }

  /**
   * The Spark configuration of the interpreter's session: Spark's in-process {@code local} master
   * or a standalone cluster ({@code spark://}); any other master is refused with one line.
   */
  public static SparkConf sparkConf(Properties p, AccessPolicy policy) {
    SparkConf conf = new SparkConf(false);
    conf.set("spark.master", "local[*]");
    conf.set("spark.app.name", "medinsight");
    conf.set("spark.ui.enabled", "false");
    conf.set("spark.sql.adaptive.enabled", "false");
    conf.set("spark.sql.session.timeZone", "Asia/Shanghai");
    for (String k : p.stringPropertyNames()) {
      String v = p.getProperty(k);
      if (k.startsWith("spark.") && v != null && !v.isBlank()) {
        if (policy.trusted() || sparkPropertyAllowed(k)) {
          conf.set(k, v.trim());
        } else {
          LoggerHolder.LOG.warn("interpreter property {} ignored: set it in the deployment's conf/{}", k, AccessPolicy.FILE);
        }
      }
    }
    policy.sparkProperties().forEach(conf::set);
    String master = conf.get("spark.master");
    if (!master.startsWith("local") && !master.startsWith("spark://")) {
      // the plugin carries neither spark-yarn nor Spark's Kubernetes or Mesos module
      throw new IllegalArgumentException("spark.master 不支持“" + master
          + "”：支持 local[*]（解释器进程内，默认）与 spark://主机:7077（Spark standalone 集群）。");
    }
    // a query names tables, never files (text.`/etc/passwd`)
    conf.set("spark.sql.runSQLOnFiles", "false");
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

  private static final class LoggerHolder {
    static final Logger LOG = LoggerFactory.getLogger(DrugsEngine.class);
  }

  private static DrugsEngine shared;

  /**
   * The engine of this interpreter process under the deployment's policy, made at the first call:
   * every session of the group (one per note when the setting is scoped per note) uses the same
   * Spark session, tables and cache.
   */
  public static synchronized DrugsEngine shared(Properties p, String groupId) {
    return shared(p, groupId, null);
  }

  /** The engines on borrowed sessions: one per Spark interpreter session of the process. */
  private static final Map<SparkSession, DrugsEngine> ON_BORROWED = new java.util.IdentityHashMap<>();

  /**
   * As {@link #shared(Properties, String)}; with {@code borrowed} (the session of Zeppelin's Spark
   * interpreter, see {@link SparkSource}) the engine of that session, made at its first call.
   */
  public static synchronized DrugsEngine shared(Properties p, String groupId, SparkSession borrowed) {
    if (borrowed != null) {
      DrugsEngine e = ON_BORROWED.get(borrowed);
      if (e == null) {
        AccessPolicy policy = AccessPolicy.deployment();
        LoggerHolder.LOG.info("access: {}; Spark session of Zeppelin's Spark interpreter (Spark {})", policy, borrowed.version());
        e = create(DeployedSetting.of(p, groupId), policy, borrowed);
        ON_BORROWED.put(borrowed, e);
      }
      return e;
    }
    if (shared != null && shared.stopped()) {
      LoggerHolder.LOG.warn("Spark stopped the engine's context; starting a new one");
      awaitStopped(shared);
      shared = null;
    }
    if (shared == null) {
      AccessPolicy policy = AccessPolicy.deployment();
      LoggerHolder.LOG.info("access: {}", policy);
      // the setting as the deployment saved it, not as a %drugs.conf paragraph left it
      shared = create(DeployedSetting.of(p, groupId), policy);
    }
    return shared;
  }

  private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

  /** Stops the engine's Spark context for good, as a program that made the engine ends. */
  public void stop() {
    if (borrowed) {
      return; // the Spark interpreter's session: Zeppelin stops it
    }
    STOPPING.set(true);
    spark.stop();
  }

  /** Whether the JVM is shutting down: it takes no new shutdown hook then. */
  static boolean shuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  /**
   * Whether Spark has stopped this engine's context, which no query can use again: a cluster
   * that removed the application (its executors kept failing, or its administrator killed it), a
   * driver that lost its cluster for good, a fatal error in Spark's scheduler.
   */
  public boolean stopped() {
    return spark.sparkContext().isStopped();
  }

  /**
   * Waits until Spark has finished stopping {@code e}'s context: Spark stops it on a thread of its
   * own, and a new context cannot start while the old one is still the JVM's active one. Bounded
   * so that a stop that hangs turns into a failure of the paragraph, not a hang.
   */
  static void awaitStopped(DrugsEngine e) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (org.apache.spark.SparkContext$.MODULE$.getActive().exists(sc -> sc == e.spark.sparkContext())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Spark 仍在停止上一个会话，请稍后再运行。");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("等待 Spark 停止时被中断。");
      }
    }
  }

  public static DrugsEngine create(Properties p) {
    return create(p, AccessPolicy.embedded(p));
  }

  public static DrugsEngine create(Properties p, AccessPolicy policy) {
    return create(p, policy, null);
  }

  /**
   * An engine on {@code borrowed} (the Spark interpreter's session: no context of its own, Spark's
   * settings are Zeppelin's spark setting's), or with {@code null} on a session of its own, built
   * from {@link #sparkConf}.
   */
  public static DrugsEngine create(Properties p, AccessPolicy policy, SparkSession borrowed) {
    Labels.Lang lang = Labels.Lang.parse(p.getProperty(PROP_LANGUAGE));
    int maxResult = intProperty(p, PROP_MAX_RESULT, 1000, 1);
    int concurrency = intProperty(p, PROP_CONCURRENCY, 10, 1);
    int cache = intProperty(p, PROP_CACHE, 256, 0);
    // a session of its own: its temporary views (the tables) belong to this interpreter alone
    String catalog = source(policy, p, PROP_CATALOG);
    String products = source(policy, p, PROP_PRODUCTS);
    String yinpian = source(policy, p, PROP_YINPIAN);
    SelfPayPolicy selfPay;
    try {
      selfPay = SelfPayPolicy.parse(p.getProperty(PROP_POLICY_SELFPAY));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "。请在解释器设置中改正 " + PROP_POLICY_SELFPAY + "。");
    }
    SparkSession spark = borrowed != null ? borrowed : ownSession(p, policy);
    DrugData data = new DrugData(spark, catalog, products, yinpian).withWarehouse(policy.warehouse())
        .withLoadBatch(intProperty(p, PROP_LOAD_BATCH, DrugData.DEFAULT_LOAD_BATCH, 1000)).withPolicy(selfPay);
    if (borrowed == null && !spark.sparkContext().conf().contains(SHUFFLE_PARTITIONS)) {
      // not set by the deployment or the setting: sized to the loaded data at each load
      int parallelism = spark.sparkContext().defaultParallelism();
      spark.conf().set(SHUFFLE_PARTITIONS, parallelism);
      data.withShufflePartitionsSized(parallelism);
    }
    return new DrugsEngine(spark, borrowed != null, data, lang, maxResult, concurrency, cache, policy);
  }

  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  /** The engine's own session, on the context {@link #sparkConf} describes. */
  private static SparkSession ownSession(Properties p, AccessPolicy policy) {
    SparkSession spark = SparkSession.builder().config(sparkConf(p, policy)).getOrCreate().newSession();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onApplicationEnd(SparkListenerApplicationEnd end) {
        if (shuttingDown() || STOPPING.get()) {
          return; // the process ends, or the program that made the engine stops it
        }
        LoggerHolder.LOG.warn("Spark stopped the engine's context (application {}): the next paragraph starts a new one",
            spark.sparkContext().applicationId());
      }
    });
    spark.conf().set("spark.sql.runSQLOnFiles", "false");
    return spark;
  }

  /** A start-up source, held to the data folders like a load. */
  private static String source(AccessPolicy policy, Properties p, String key) {
    try {
      return policy.source(p.getProperty(key), DrugData.BUNDLED);
    } catch (AccessDenied e) {
      throw new IllegalArgumentException(key + "：" + e.getMessage());
    }
  }

  /** A user's own Spark session: the current tables as its views, nothing shared with other users. */
  private static final class UserSession {
    final SparkSession spark;
    long version = -1;

    UserSession(SparkSession spark) {
      this.spark = spark;
    }
  }

  /**
   * The caller's session for %drugs.sql, with the tables of {@code t} (or of a newer version the
   * user's session has already seen) as its temporary views. The
   * views read the same cached data as every other session; what one user does in theirs reaches
   * no one else.
   */
  public SparkSession sessionOf(Caller caller, DrugTables t) {
    if (borrowed) {
      // the Spark interpreter's session, whose views (the tables among them) %spark.sql shares;
      // who may use it is the spark setting's permissions (README, "In Zeppelin's spark group")
      return spark;
    }
    UserSession s = sessions.computeIfAbsent(caller.key(), k -> {
      SparkSession own = spark.newSession();
      own.conf().set("spark.sql.runSQLOnFiles", "false");
      return new UserSession(own);
    });
    synchronized (s) {
      // views only move forward: a paragraph still holding an older version must not turn the
      // views of the user's other paragraphs back to it
      if (t.version > s.version) {
        s.spark.conf().set(SHUFFLE_PARTITIONS, spark.conf().get(SHUFFLE_PARTITIONS));
        view(s.spark, "catalog", t.catalog);
        view(s.spark, "catalog_all", t.catalogAll());
        view(s.spark, "commercial", t.commercial());
        view(s.spark, "products", t.products);
        view(s.spark, "yinpian", t.yinpian);
        view(s.spark, "rejected_rows", t.rejected);
        view(s.spark, "quarantined_fields", t.quarantined());
        s.version = t.version;
      }
    }
    return s.spark;
  }

  /**
   * The tables a {@code %drugs.sql} statement on {@code session} may read: the plugin's; on a
   * borrowed session also the temporary views made there with {@code %spark} or {@code %spark.sql}.
   */
  public java.util.Set<String> sqlTables(SparkSession session) {
    if (!borrowed) {
      return DrugTables.NAMES;
    }
    java.util.Set<String> names = new java.util.HashSet<>(DrugTables.NAMES);
    for (org.apache.spark.sql.catalyst.TableIdentifier v
        : scala.collection.JavaConverters.seqAsJavaList(session.sessionState().catalog().listLocalTempViews("*"))) {
      names.add(v.table().toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  private static void view(SparkSession s, String name, Dataset<Row> df) {
    Dataset.ofRows(s, df.logicalPlan()).createOrReplaceTempView(name);
  }

}
