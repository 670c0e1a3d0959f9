package io.appstoreetl.curation;

import static io.appstoreetl.curation.testing.ReportText.DOWNLOADS_STANDARD_HEADER;
import static io.appstoreetl.curation.testing.ReportText.downloadsRow;
import static io.appstoreetl.curation.testing.ReportText.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Gzip;
import io.appstoreetl.curation.testing.Lake;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows of one metric date are written by the tasks that parsed them, not by one task. */
class DayWriteTest {
  private static final long APP = 1000000001L;
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);

  @TempDir Path folder;

  @Test
  void segmentsOfOneDateWriteInParallel() {
    Lake lake = new Lake(folder);
    lake.raw()
        .analytics(
            "app_downloads_standard",
            "DAILY",
            APP,
            JAN_7.plusDays(1),
            "i-1",
            Instant.parse("2025-01-08T06:00:00Z"))
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "Japan", 1),
                    downloadsRow("2025-01-07", APP, "Redownload", "France", 2))),
            2)
        .file(
            Gzip.gzip(
                lines(
                    DOWNLOADS_STANDARD_HEADER,
                    downloadsRow("2025-01-07", APP, "Redownload", "Germany", 3))),
            1)
        .holding(JAN_7)
        .land();

    lake.curate("--dates", "2025-01-07", "--tables", "downloads");

    assertThat(lake.rows("downloads", null)).as("rows of both segments").hasSize(3);
    // A hash distribution by partition would shuffle both segments' rows into one task and file.
    assertThat(
            lake.spark()
                .sql("SELECT file_path FROM " + lake.table("downloads") + ".files")
                .collectAsList())
        .as("data files of 2025-01-07, one per parse task")
        .hasSize(2);
  }
}
