package io.appstoreetl.curation;

import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the jobs' SparkSession and points it at the Iceberg catalog.
 *
 * <p>Settings made here:
 *
 * <ul>
 *   <li>{@code spark.sql.extensions}: Iceberg's extensions, added to any already configured;
 *   <li>{@code spark.sql.datetime.java8API.enabled=true}, so dates are {@code LocalDate};
 *   <li>{@code spark.sql.catalog.<name>} with {@code type=jdbc}, {@code uri}, {@code warehouse} and
 *       {@code jdbc.schema-version=V1}, unless the Spark conf already defines that catalog (as on
 *       EMR with Glue);
 *   <li>{@code spark.sql.defaultCatalog=<name>}, so {@code appstore.downloads} resolves.
 * </ul>
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  static final String ICEBERG_EXTENSIONS =
      "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions";
  private static final String ICEBERG_CATALOG = "org.apache.iceberg.spark.SparkCatalog";
  private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");

  private SparkSessions() {}

  /** Returns a session with Iceberg's extensions; spark-submit supplies the master. */
  public static SparkSession create(String appName) {
    // new SparkConf() reads the spark.* settings that spark-submit passes as system properties.
    String extensions = new SparkConf().get("spark.sql.extensions", "");
    if (!extensions.contains(ICEBERG_EXTENSIONS)) {
      extensions =
          extensions.isEmpty() ? ICEBERG_EXTENSIONS : extensions + "," + ICEBERG_EXTENSIONS;
    }

    return SparkSession.builder()
        .appName(appName)
        .config("spark.sql.extensions", extensions)
        .config("spark.sql.datetime.java8API.enabled", "true")
        .getOrCreate();
  }

  /**
   * Defines the catalog from {@code options} unless the session's conf already does, and makes it
   * the default catalog. Catalogs are loaded on first use, so this works on a running session.
   *
   * @throws IllegalArgumentException if the conf does not define the catalog and the URI or the
   *     warehouse is missing
   */
  public static void configureCatalog(SparkSession spark, CatalogOptions options) {
    RuntimeConfig conf = spark.conf();
    String prefix = "spark.sql.catalog." + options.name();
    if (conf.contains(prefix)) {
      if (options.uri() != null || options.warehouse() != null) {
        LOG.warn(
            "Ignoring --catalog-uri and --warehouse: the Spark conf already defines catalog {}",
            options.name());
      }
    } else {
      if (options.uri() == null) {
        throw new IllegalArgumentException(
            "Cannot configure catalog "
                + options.name()
                + ": --catalog-uri is missing and the Spark conf has no "
                + prefix);
      }
      if (options.warehouse() == null) {
        throw new IllegalArgumentException(
            "Cannot configure catalog "
                + options.name()
                + ": --warehouse is missing and the Spark conf has no "
                + prefix);
      }
      conf.set(prefix, ICEBERG_CATALOG);
      conf.set(prefix + ".type", "jdbc");
      conf.set(prefix + ".uri", options.uri());
      conf.set(prefix + ".warehouse", warehouseUri(options.warehouse()));
      // V1 adds the iceberg_type column to the catalog's SQL table, which Iceberg needs to store
      // views; the default V0 layout stores tables only.
      conf.set(prefix + ".jdbc.schema-version", "V1");
      // In SQLite's default rollback journal, a reading connection of the pool blocks a commit on
      // another one with SQLITE_BUSY. In WAL mode readers do not block the writer.
      conf.set(prefix + ".jdbc.journal_mode", "WAL");
      conf.set(prefix + ".jdbc.busy_timeout", "60000");
      String pauseMarker = System.getenv("APPSTORE_ETL_TEST_PAUSE_IN_COMMIT");
      if (pauseMarker != null && !pauseMarker.isBlank()) {
        // Test seam of the crash tests, never set in production: see CommitPauseFileIO.
        LOG.warn(
            "Test pause in the first downloads commit is on (APPSTORE_ETL_TEST_PAUSE_IN_COMMIT)");
        conf.set(prefix + ".io-impl", "io.appstoreetl.curation.load.CommitPauseFileIO");
      }
    }
    conf.set("spark.sql.defaultCatalog", options.name());
  }

  /** Returns a URI as given, and a local path as an absolute {@code file:} URI. */
  static String warehouseUri(String warehouse) {
    if (URI_SCHEME.matcher(warehouse).matches()) {
      return warehouse;
    }

    return Paths.get(warehouse).toAbsolutePath().normalize().toUri().toString();
  }
}
