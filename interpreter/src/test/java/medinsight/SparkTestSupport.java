package medinsight;

import org.apache.spark.sql.SparkSession;

/** One local SparkSession per test JVM. */
public final class SparkTestSupport {
  private static SparkSession spark;

  private SparkTestSupport() {}

  public static synchronized SparkSession spark() {
    // a test may stop the context (StoppedSparkTest): the next one gets a new session
    if (spark == null || spark.sparkContext().isStopped()) {
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("medinsight-test")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return spark;
  }
}
