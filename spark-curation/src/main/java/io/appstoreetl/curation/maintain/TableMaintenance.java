package io.appstoreetl.curation.maintain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Iceberg tables small with Iceberg's Spark procedures, one table at a time:
 *
 * <ol>
 *   <li>{@code rewrite_data_files} compacts the small files that daily partition rewrites leave
 *       (bin-packing, in partitions with at least {@link MaintenanceSettings#minInputFiles} files);
 *   <li>{@code expire_snapshots} drops the snapshots committed before the snapshot cutoff, always
 *       keeping the current one, and deletes the data and manifest files only they referenced;
 *   <li>{@code remove_orphan_files} deletes files under the table's location that no snapshot
 *       references and that are older than the orphan cutoff, such as the files of a failed write.
 * </ol>
 *
 * <p>The order matters: compaction first, so that the snapshots it replaces can expire in the same
 * run. Rows never change: every procedure commits a snapshot with the same rows or none.
 */
public final class TableMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);

  private static final DateTimeFormatter SPARK_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final String catalog;
  private final String database;

  public TableMaintenance(SparkSession spark, String catalog, String database) {
    this.spark = Objects.requireNonNull(spark, "spark == null");
    this.catalog = Objects.requireNonNull(catalog, "catalog == null");
    this.database = Objects.requireNonNull(database, "database == null");
  }

  /** Returns the names of the tables that exist in the database. */
  public Set<String> existingTables() {
    Set<String> names = new HashSet<>();
    for (Row row : spark.sql("SHOW TABLES IN " + catalog + "." + database).collectAsList()) {
      names.add(row.getString(row.fieldIndex("tableName")));
    }

    return names;
  }

  /**
   * Compacts, expires and cleans one table and returns its counts before and after.
   *
   * @param table the table's name in the database, such as {@code downloads}
   */
  public TableMaintenanceResult maintain(String table, MaintenanceSettings settings) {
    String fullName = catalog + "." + database + "." + table;
    Counts before = counts(fullName);

    Row rewrite =
        single(
            "CALL "
                + catalog
                + ".system.rewrite_data_files(table => '"
                + database
                + "."
                + table
                + "', options => map('min-input-files', '"
                + settings.minInputFiles()
                + "'))");
    long rewrittenFiles = rewrite == null ? 0 : number(rewrite, 0);
    long addedFiles = rewrite == null ? 0 : number(rewrite, 1);

    // retain_last 1 keeps the current snapshot even when the cutoff is later than its commit.
    Row expire =
        single(
            "CALL "
                + catalog
                + ".system.expire_snapshots(table => '"
                + database
                + "."
                + table
                + "', older_than => "
                + timestampLiteral(settings.snapshotCutoff())
                + ", retain_last => 1)");
    long expiredDataFiles = expire == null ? 0 : number(expire, 0);

    List<Row> orphans =
        spark
            .sql(
                "CALL "
                    + catalog
                    + ".system.remove_orphan_files(table => '"
                    + database
                    + "."
                    + table
                    + "', older_than => "
                    + timestampLiteral(settings.orphanCutoff())
                    + ")")
            .collectAsList();
    for (Row orphan : orphans) {
      LOG.info("Removed orphan file {} of table {}", orphan.getString(0), fullName);
    }

    Counts after = counts(fullName);
    LOG.info(
        "Maintained {}: snapshots {} -> {}, current data files {} -> {}, data files of all"
            + " snapshots {} -> {}",
        fullName,
        before.snapshots(),
        after.snapshots(),
        before.dataFiles(),
        after.dataFiles(),
        before.allDataFiles(),
        after.allDataFiles());

    return new TableMaintenanceResult(
        table, before, after, rewrittenFiles, addedFiles, expiredDataFiles, orphans.size());
  }

  /** Reads the counts of a table from its Iceberg metadata tables. */
  public Counts counts(String fullName) {
    long snapshots = count("SELECT COUNT(*) FROM " + fullName + ".snapshots");
    long dataFiles = count("SELECT COUNT(*) FROM " + fullName + ".data_files");
    long allDataFiles =
        count("SELECT COUNT(DISTINCT file_path) FROM " + fullName + ".all_data_files");

    return new Counts(snapshots, dataFiles, allDataFiles);
  }

  /** Returns a Spark SQL literal of the instant, read in UTC whatever the session time zone. */
  static String timestampLiteral(Instant instant) {
    return "TIMESTAMP '" + SPARK_TIMESTAMP.format(instant) + "Z'";
  }

  private long count(String sql) {
    return spark.sql(sql).collectAsList().get(0).getLong(0);
  }

  private static long number(Row row, int field) {
    return ((Number) row.get(field)).longValue();
  }

  private Row single(String sql) {
    List<Row> rows = spark.sql(sql).collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * File and snapshot counts of one table.
   *
   * @param snapshots snapshots in the table's metadata
   * @param dataFiles data files of the current snapshot
   * @param allDataFiles distinct data files that any snapshot references
   */
  public record Counts(long snapshots, long dataFiles, long allDataFiles) {}

  /**
   * What maintenance did to one table.
   *
   * @param rewrittenFiles data files that compaction replaced
   * @param addedFiles data files that compaction wrote
   * @param expiredDataFiles data files deleted with the expired snapshots
   * @param orphanFiles files deleted because no snapshot referenced them
   */
  public record TableMaintenanceResult(
      String table,
      Counts before,
      Counts after,
      long rewrittenFiles,
      long addedFiles,
      long expiredDataFiles,
      long orphanFiles) {}
}
