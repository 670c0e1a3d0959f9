package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Lake;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTableTest {
  private static final LocalDate DATE = LocalDate.parse("2025-01-10");

  @TempDir Path folder;

  @Test
  void sameSummaryLoadedTwiceGivesOneRow() {
    Lake lake = new Lake(folder);
    lake.raw()
        .runSummary(
            DATE,
            "20250111T060000000Z-1a2b3c4d",
            """
            {"run_id": "20250111T060000000Z-1a2b3c4d", "started_at": "2025-01-11T06:00:00Z",
             "finished_at": "2025-01-11T06:04:30.125Z", "date": "2025-01-10",
             "apps": [{"app_id": "1000000002", "instances_landed": 0, "errors": []},
                      {"app_id": "1000000001", "instances_landed": 3, "errors": []}],
             "touched_metric_dates": ["2025-01-09", "2025-01-10"],
             "units_landed": 3, "errors_total": 0}
            """);

    String first = lake.curate("--dates", DATE.toString()).runId();
    String second = lake.curate("--dates", DATE.toString()).runId();

    List<String> rows =
        lake
            .spark()
            .sql(
                "SELECT run_kind, run_id, status, CAST(apps AS STRING), units_landed,"
                    + " errors_total, CAST(started_at AS STRING), CAST(finished_at AS STRING),"
                    + " source_file FROM "
                    + lake.table("runs")
                    + " ORDER BY run_kind DESC, started_at")
            .collectAsList()
            .stream()
            .map(Row::toString)
            .toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0))
        .isEqualTo(
            "[extractor,20250111T060000000Z-1a2b3c4d,ok,[1000000002, 1000000001],3,0,"
                + "2025-01-11 06:00:00,2025-01-11 06:04:30.125,"
                + "runs/extractor/run_date=2025-01-10/20250111T060000000Z-1a2b3c4d.json]");
    assertThat(rows.get(1)).startsWith("[curation," + first + ",ok,[],null,0,");
    assertThat(rows.get(2)).startsWith("[curation," + second + ",ok,[],null,0,");
  }
}
