package io.appstoreetl.curation.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM, started on first use and stopped at JVM exit.
 *
 * <p>Spark caches a catalog by name once loaded, so each test that needs its own catalog takes a
 * fresh name from {@link #newCatalogName()}.
 */
public final class SharedSpark {
  private static final AtomicInteger CATALOGS = new AtomicInteger();
  private static SparkSession spark;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("spark-curation-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config(
                  "spark.sql.extensions",
                  "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
              .config("spark.sql.datetime.java8API.enabled", "true")
              .getOrCreate();
      SparkSession started = spark;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return spark;
  }

  /** Returns a catalog name that no earlier test in this JVM used. */
  public static String newCatalogName() {
    return "lake" + CATALOGS.incrementAndGet();
  }
}
