package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.ENGAGEMENT_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.engagementRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --legacy-root}: the old pipeline's {@code appstore/raw/} layout as a job input. */
class LegacyRootTest {
  private static final long APP = 1000000001L;

  @TempDir Path folder;

  @Test
  void legacyInstancesCompeteWithRawZoneUnits() throws IOException {
    Path legacy = folder.resolve("old");
    Path raw = legacy.resolve("appstore/raw");
    write(
        raw.resolve("app_downloads_standard/dt=2025-01-08/app_id=" + APP + "/report.txt"),
        lines(
                DOWNLOADS_STANDARD_HEADER,
                downloadsRow("2025-01-06", APP, "Redownload", "Japan", 1),
                downloadsRow("2025-01-07", APP, "Redownload", "Japan", 2))
            .getBytes(StandardCharsets.UTF_8));
    write(
        raw.resolve(
            "App Store Discovery and Engagement Standard/dt=2025-01-09/app_id="
                + APP
                + "/0.csv.gz"),
        Gzip.gzip(
            lines(
                ENGAGEMENT_STANDARD_HEADER,
                engagementRow("2025-01-07", APP, "Tap", "France", 9, 4))));
    write(
        raw.resolve("app_downloads_standard/dt=2025-01-20/app_id=" + APP + "/late.txt"),
        lines(DOWNLOADS_STANDARD_HEADER, downloadsRow("2025-01-06", APP, "Redownload", "Japan", 99))
            .getBytes(StandardCharsets.UTF_8));
    write(
        raw.resolve("app_sessions_standard/dt=2025-01-08/app_id=" + APP + "/broken.bin"),
        new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00});
    write(
        raw.resolve("notes/dt=2025-01-08/app_id=" + APP + "/readme.txt"),
        "x".getBytes(StandardCharsets.UTF_8));
    Lake lake = new Lake(folder.resolve("lake"));
    // The raw zone's instance of the same processing date beats the legacy one for Jan 7.
    lake.raw()
        .analytics(
            "app_downloads_standard",
            "DAILY",
            APP,
            LocalDate.parse("2025-01-08"),
            "i-1",
            Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "Japan", 20))),
            1)
        .holding(LocalDate.parse("2025-01-07"))
        .land();

    lake.curate("--dates", "2025-01-06,2025-01-07", "--legacy-root", legacy.toString());
    lake.curate("--dates", "2025-01-06,2025-01-07", "--legacy-root", legacy.toString());

    assertThat(
            select(
                lake,
                "SELECT metric_date, counts, processing_date, source_file LIKE 'file:%%' FROM %s"
                    + " ORDER BY metric_date",
                "downloads"))
        .containsExactly("[2025-01-06,1,2025-01-08,true]", "[2025-01-07,20,2025-01-08,false]");
    assertThat(
            select(lake, "SELECT metric_date, event, territory_code, counts FROM %s", "engagement"))
        .containsExactly("[2025-01-07,Tap,FR,9]");
    assertThat(select(lake, "SELECT table_name, line_number, reason FROM %s", "quarantine"))
        .containsExactly(
            "[sessions,0,neither gzip nor UTF-8 text (starts with bytes 50 4b 03 04 00, contains"
                + " a NUL byte)]");
    assertThat(
            select(
                lake,
                "SELECT DISTINCT origin, table_name, status, CAST(won_dates AS STRING) FROM %s"
                    + " WHERE unit_key LIKE 'file:%%' ORDER BY table_name",
                "load_audit"))
        .containsExactly(
            "[import,downloads,loaded,[2025-01-06]]", "[import,engagement,loaded,[2025-01-07]]");
  }

  private static void write(Path path, byte[] bytes) throws IOException {
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
  }

  private static List<String> select(Lake lake, String sql, String table) {
    return lake.spark().sql(String.format(sql, lake.table(table))).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
