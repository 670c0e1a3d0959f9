package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.appstoreetl.curation.maintain.TableMaintenance.TableMaintenanceResult;
import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction, snapshot expiry and orphan removal after daily rewrites of the same days. */
class MaintenanceJobTest {
  private static final long APP = 1000000001L;
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final int REWRITES = 4;

  @TempDir Path folder;

  @Test
  void maintenanceShrinksFilesAndSnapshotsAndKeepsRows() throws IOException {
    Lake lake = new Lake(folder);
    // Spark keeps the catalog that the first curation loads, so its SQLite settings are made first.
    MaintenanceJob.configureSqliteCatalog(
        lake.spark(),
        new CatalogOptions(
            lake.catalogName(),
            lake.catalogArguments().get(1),
            lake.catalogArguments().get(3),
            "appstore"));
    for (int day = 1; day <= REWRITES; day++) {
      landDownloads(lake, JAN_8.plusDays(day), "i-" + day, day);
      lake.curate("--dates", "2025-01-07,2025-01-08", "--tables", "downloads");
    }
    Path dataFolder = folder.resolve("warehouse/appstore/downloads/data");
    Path partition = dataFolder.resolve("metric_date_day=2025-01-07");
    assertThat(partition).as("partition folder of 2025-01-07").isDirectory();
    // A write that failed before its commit leaves files that no snapshot references.
    Path oldOrphan = Files.writeString(partition.resolve("failed-write-old.parquet"), "old");
    Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
    Path freshOrphan = Files.writeString(partition.resolve("write-in-progress.parquet"), "new");
    List<String> rowsBefore = lake.allColumns("downloads");
    long filesOnDiskBefore = countFiles(dataFolder);

    assertThat(snapshots(lake)).as("one snapshot per daily rewrite").isEqualTo(REWRITES);
    assertThat(count(lake, "data_files"))
        .as("current data files: 2 days x 2 segments")
        .isEqualTo(4);
    assertThat(count(lake, "all_data_files"))
        .as("data files referenced by any snapshot")
        .isEqualTo(4L * REWRITES);
    assertThat(filesOnDiskBefore)
        .as("data files on disk with 2 orphans")
        .isEqualTo(4L * REWRITES + 2);

    List<TableMaintenanceResult> results =
        maintain(
            lake,
            "--retain-days",
            "0",
            "--orphan-age-hours",
            "24",
            "--min-input-files",
            "2",
            "--tables",
            "downloads,sales");

    assertThat(snapshots(lake)).as("snapshots after expiry").isEqualTo(1);
    assertThat(count(lake, "data_files")).as("current data files after compaction").isEqualTo(2);
    assertThat(count(lake, "all_data_files")).as("data files of all snapshots").isEqualTo(2);
    assertThat(countFiles(dataFolder))
        .as("data files on disk: 2 compacted files and the fresh orphan")
        .isEqualTo(3);
    assertThat(oldOrphan).as("orphan older than 24 hours").doesNotExist();
    assertThat(freshOrphan).as("orphan younger than 24 hours").exists();
    assertThat(lake.allColumns("downloads")).as("rows after maintenance").isEqualTo(rowsBefore);
    assertThat(
            lake
                .spark()
                .sql(
                    "SELECT metric_date, territory, counts FROM "
                        + lake.table("downloads")
                        + " ORDER BY 1, 2")
                .collectAsList()
                .stream()
                .map(Object::toString)
                .toList())
        .as("rows of the last rewrite")
        .containsExactly(
            "[2025-01-07,France,40]",
            "[2025-01-07,Japan,4]",
            "[2025-01-08,France,41]",
            "[2025-01-08,Japan,14]");
    TableMaintenanceResult result = results.get(0);
    assertThat(results).as("maintained tables").hasSize(2);
    assertThat(result.table()).isEqualTo("downloads");
    assertThat(result.before().snapshots()).isEqualTo(REWRITES);
    assertThat(result.after().snapshots()).isEqualTo(1);
    assertThat(result.rewrittenFiles()).as("files compacted").isEqualTo(4);
    assertThat(result.addedFiles()).as("files written by compaction").isEqualTo(2);
    assertThat(result.expiredDataFiles()).as("files deleted with snapshots").isEqualTo(16);
    assertThat(result.orphanFiles()).as("orphans removed").isEqualTo(1);
    assertThat(results.get(1).table()).isEqualTo("sales");
    assertThat(results.get(1).after().snapshots()).as("sales, created empty").isZero();
    assertThat(lastOutput.lines().map(line -> List.of(line.split(" {2,}"))).toList())
        .containsExactly(
            List.of(
                "table",
                "snapshots",
                "data_files",
                "files_of_all_snapshots",
                "compacted",
                "expired_files",
                "orphans_removed"),
            List.of("downloads", "4 -> 1", "4 -> 2", "16 -> 2", "4 into 2", "16", "1"),
            List.of("sales", "0 -> 0", "0 -> 0", "0 -> 0", "0 into 0", "0", "0"));
  }

  @Test
  void invalidRetentionIsRejected() {
    Instant now = Instant.parse("2025-03-01T00:00:00Z");

    assertThatThrownBy(
            () -> MaintenanceArguments.parse(new String[] {"--orphan-age-hours", "12"}, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid --orphan-age-hours: 12 (expected 24 or more)");
    assertThatThrownBy(
            () ->
                MaintenanceArguments.parse(
                    new String[] {"--retain-days", "3", "--older-than", "2025-02-01T00:00:00Z"},
                    now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid options: --retain-days and --older-than both set the snapshot cutoff"
                + " (expected one of them)");
    assertThatThrownBy(
            () -> MaintenanceArguments.parse(new String[] {"--older-than", "2025-02-01"}, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid --older-than: 2025-02-01 (expected a UTC time such as 2025-03-01T00:00:00Z)");
    assertThatThrownBy(
            () -> MaintenanceArguments.parse(new String[] {"--tables", "downloads,nope"}, now))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid --tables: Invalid table name: nope (expected one of");
  }

  @Test
  void defaultsCountBackFromNow() {
    Instant now = Instant.parse("2025-03-01T00:00:00Z");

    MaintenanceArguments defaults = MaintenanceArguments.parse(new String[0], now);
    MaintenanceArguments explicit =
        MaintenanceArguments.parse(new String[] {"--older-than", "2025-02-20T12:00:00Z"}, now);

    assertThat(defaults.settings().snapshotCutoff()).isEqualTo("2025-02-22T00:00:00Z");
    assertThat(defaults.settings().orphanCutoff()).isEqualTo("2025-02-26T00:00:00Z");
    assertThat(defaults.settings().minInputFiles()).isEqualTo(5);
    assertThat(defaults.tables()).hasSize(17).startsWith("downloads", "engagement");
    assertThat(explicit.settings().snapshotCutoff()).isEqualTo("2025-02-20T12:00:00Z");
  }

  private String lastOutput;

  private List<TableMaintenanceResult> maintain(Lake lake, String... options) {
    List<String> args = new ArrayList<>(lake.catalogArguments());
    args.addAll(List.of(options));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      List<TableMaintenanceResult> results =
          MaintenanceJob.maintain(
              lake.spark(),
              MaintenanceArguments.parse(args.toArray(String[]::new), Instant.now()),
              out);
      lastOutput = bytes.toString(StandardCharsets.UTF_8);
      return results;
    }
  }

  /** Lands an instance holding 2025-01-07 and 2025-01-08, each day's rows in two files. */
  private static void landDownloads(Lake lake, LocalDate processingDate, String instance, int n) {
    lake.raw()
        .analytics(
            "app_downloads_standard",
            "DAILY",
            APP,
            processingDate,
            instance,
            Instant.parse(processingDate + "T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "Japan", n),
                    downloadsRow("2025-01-08", APP, "Redownload", "Japan", n + 10))),
            2)
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "France", n * 10),
                    downloadsRow("2025-01-08", APP, "Redownload", "France", n * 10 + 1))),
            2)
        .holding(JAN_7, JAN_8)
        .land();
  }

  private static long snapshots(Lake lake) {
    return count(lake, "snapshots");
  }

  private static long count(Lake lake, String metadataTable) {
    String column = metadataTable.equals("all_data_files") ? "DISTINCT file_path" : "*";
    return lake.spark()
        .sql("SELECT COUNT(" + column + ") FROM " + lake.table("downloads") + "." + metadataTable)
        .collectAsList()
        .get(0)
        .getLong(0);
  }

  private static long countFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(path -> !path.getFileName().toString().startsWith("."))
          .count();
    }
  }
}
