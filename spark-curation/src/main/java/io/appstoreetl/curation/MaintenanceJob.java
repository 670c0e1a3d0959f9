package io.appstoreetl.curation;

import io.appstoreetl.curation.maintain.TableMaintenance;
import io.appstoreetl.curation.maintain.TableMaintenance.TableMaintenanceResult;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark job that compacts the tables' small files, expires old snapshots and removes orphan files
 * (see {@link TableMaintenance}).
 *
 * <p>Run it with {@code spark-submit --class io.appstoreetl.curation.MaintenanceJob <jar>
 * --catalog-uri jdbc:sqlite:<path> --warehouse <URI or path> [--catalog-name lake] [--database
 * appstore] [--tables downloads,...] [--retain-days N | --older-than INSTANT] [--orphan-age-hours
 * H] [--min-input-files N]}. Tables that do not exist yet are skipped. It prints one line per table
 * with its snapshot and data file counts before and after; logs go to stderr. Exit code 0 on
 * success, 1 on failure, 2 on invalid arguments.
 */
public final class MaintenanceJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJob.class);

  /** How long a connection of a SQLite catalog waits for another one's lock, in milliseconds. */
  static final String SQLITE_BUSY_TIMEOUT_MS = "30000";

  private MaintenanceJob() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    MaintenanceArguments arguments;
    try {
      arguments = MaintenanceArguments.parse(args, Instant.now());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(MaintenanceArguments.USAGE);
      return CurationJob.EXIT_INVALID_ARGUMENTS;
    }

    SparkSession spark = SparkSessions.create("appstore-etl maintenance");
    try {
      maintain(spark, arguments, out);
      return CurationJob.EXIT_OK;
    } catch (Exception e) {
      LOG.error("Maintenance failed", e);
      return CurationJob.EXIT_FAILED;
    } finally {
      spark.stop();
    }
  }

  /** Maintains every requested table that exists and prints what changed to {@code out}. */
  public static List<TableMaintenanceResult> maintain(
      SparkSession spark, MaintenanceArguments arguments, PrintStream out) {
    configureSqliteCatalog(spark, arguments.catalog());
    SparkSessions.configureCatalog(spark, arguments.catalog());
    TableMaintenance maintenance =
        new TableMaintenance(spark, arguments.catalog().name(), arguments.catalog().database());
    LOG.info(
        "Expiring snapshots older than {}, removing orphan files older than {}, compacting"
            + " partitions with {} or more data files",
        arguments.settings().snapshotCutoff(),
        arguments.settings().orphanCutoff(),
        arguments.settings().minInputFiles());

    Set<String> existing = maintenance.existingTables();
    List<TableMaintenanceResult> results = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String table : arguments.tables()) {
      if (!existing.contains(table)) {
        missing.add(table);
        continue;
      }
      results.add(maintenance.maintain(table, arguments.settings()));
    }

    print(results, missing, out);
    return results;
  }

  /**
   * Switches a SQLite catalog to write-ahead logging and gives its connections a busy timeout of
   * {@value #SQLITE_BUSY_TIMEOUT_MS} ms, unless the Spark conf sets them.
   *
   * <p>In SQLite's default rollback journal a reader's lock blocks every writer, and the compaction
   * commit was seen to fail with SQLITE_BUSY after waiting, with no other job running. In WAL mode
   * readers do not block the writer. WAL is a property of the database file, so later runs of any
   * job use it too. This takes effect only when the catalog has not been used yet in this session,
   * because Spark keeps a loaded catalog with its first settings.
   */
  public static void configureSqliteCatalog(SparkSession spark, CatalogOptions catalog) {
    if (catalog.uri() == null || !catalog.uri().startsWith("jdbc:sqlite:")) {
      return;
    }
    // Iceberg's JDBC catalog passes its jdbc.* properties to the driver as connection properties.
    String prefix = "spark.sql.catalog." + catalog.name() + ".jdbc.";
    if (!spark.conf().contains(prefix + "journal_mode")) {
      spark.conf().set(prefix + "journal_mode", "WAL");
    }
    if (!spark.conf().contains(prefix + "busy_timeout")) {
      spark.conf().set(prefix + "busy_timeout", SQLITE_BUSY_TIMEOUT_MS);
    }
  }

  private static void print(
      List<TableMaintenanceResult> results, List<String> missing, PrintStream out) {
    TextTable table =
        new TextTable(
            List.of(
                "table",
                "snapshots",
                "data_files",
                "files_of_all_snapshots",
                "compacted",
                "expired_files",
                "orphans_removed"));
    for (TableMaintenanceResult result : results) {
      table.addRow(
          List.of(
              result.table(),
              result.before().snapshots() + " -> " + result.after().snapshots(),
              result.before().dataFiles() + " -> " + result.after().dataFiles(),
              result.before().allDataFiles() + " -> " + result.after().allDataFiles(),
              result.rewrittenFiles() + " into " + result.addedFiles(),
              result.expiredDataFiles(),
              result.orphanFiles()));
    }
    out.print(table.isEmpty() ? "No table was maintained.\n" : table.render());
    if (!missing.isEmpty()) {
      out.println("Skipped tables that do not exist yet: " + String.join(", ", missing));
    }
    out.flush();
  }
}
