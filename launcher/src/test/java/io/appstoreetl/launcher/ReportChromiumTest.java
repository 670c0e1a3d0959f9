package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the page of {@code appstore-etl report} in headless Chromium and checks every point it drew
 * against a separate query over the tables: the point's value and its rendered position on the
 * chart's axes.
 */
class ReportChromiumTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DATE = LocalDate.of(2025, 7, 1);
  private static final int DAYS = 30;

  /** Reads, after rendering, every point with its chart's plot box and axis labels. */
  private static final String READ_POINTS =
      """
      const result = [];
      for (const svg of document.querySelectorAll('svg.chart')) {
        const plot = svg.querySelector('rect.plot').getBoundingClientRect();
        const text = (css) => svg.querySelector(css).textContent;
        for (const point of svg.querySelectorAll('circle.point')) {
          const box = point.getBoundingClientRect();
          result.push({
            app: svg.getAttribute('data-app'),
            metric: svg.getAttribute('data-metric'),
            date: point.getAttribute('data-date'),
            value: point.getAttribute('data-value'),
            x: box.left + box.width / 2,
            y: box.top + box.height / 2,
            plotLeft: plot.left, plotRight: plot.right, plotTop: plot.top, plotBottom: plot.bottom,
            yTop: text('text.y-top'), yBottom: text('text.y-bottom'),
            xFirst: text('text.x-first'), xLast: text('text.x-last')
          });
        }
      }
      return result;
      """;

  private static final String READ_PAGE =
      """
      return {
        resources: performance.getEntriesByType('resource').length,
        headings: Array.from(document.querySelectorAll('section.app h3')).map(h => h.textContent),
        freshness: Array.from(document.querySelectorAll('table.freshness td')).map(td =>
          td.closest('tr').getAttribute('data-app') + '/' + td.getAttribute('data-table') + '/'
            + td.className + '/' + td.textContent)
      };
      """;

  @TempDir Path directory;

  @Test
  void drawnPointsMatchQuery() throws Exception {
    Path lake = directory.resolve("lake");
    LauncherRun.Result daily =
        LauncherRun.run(
            "daily",
            "--sandbox",
            "--apps",
            "2",
            "--lake",
            lake.toString(),
            "--date",
            DATE.toString(),
            "--spark-master",
            "local[2]");
    assertThat(daily.exitCode()).as("daily exit code; stderr:%n%s", daily.stderr()).isZero();
    // Maintenance through SparkSubmit must leave what the report reads unchanged.
    LauncherRun.Result maintain =
        LauncherRun.run(
            "maintain",
            "--lake",
            lake.toString(),
            "--retain-days",
            "0",
            "--min-input-files",
            "2",
            "--tables",
            "downloads,engagement,sessions,sales");
    assertThat(maintain.exitCode())
        .as("maintain exit code; stderr:%n%s", maintain.stderr())
        .isZero();
    assertThat(maintain.stdout()).containsPattern("(?m)^downloads +\\d+ -> 1 ");
    Path page = directory.resolve("report.html");

    LauncherRun.Result report =
        LauncherRun.run(
            "report",
            "--lake",
            lake.toString(),
            "--out",
            page.toString(),
            "--days",
            String.valueOf(DAYS),
            "--now",
            DATE.plusDays(1) + "T07:00:00Z");

    assertThat(report.exitCode()).as("report exit code; stderr:%n%s", report.stderr()).isZero();
    assertThat(report.stdout()).contains("Wrote " + page + ": 2 apps");
    Map<String, BigDecimal> expected = expectedPoints(lake);
    assertThat(expected).as("query values").isNotEmpty();

    JsonNode points;
    JsonNode pageFacts;
    try (HeadlessChromium chromium = HeadlessChromium.start(directory.resolve("profile"))) {
      chromium.open(page.toUri());
      points = chromium.execute(READ_POINTS);
      pageFacts = chromium.execute(READ_PAGE);
    }
    System.out.println(
        HeadlessChromium.version() + " drew " + points.size() + " points, all checked");

    Map<String, BigDecimal> drawn = new TreeMap<>();
    for (JsonNode point : points) {
      String key =
          point.path("app").asText()
              + "/"
              + point.path("metric").asText()
              + "/"
              + point.path("date").asText();
      BigDecimal value = new BigDecimal(point.path("value").asText());
      drawn.put(key, value);
      assertOnAxes(point, key, value);
    }
    assertThat(drawn.keySet())
        .as("points drawn for (app, metric, date)")
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (key, value) ->
            assertThat(drawn.get(key)).as("value of point %s", key).isEqualByComparingTo(value));
    assertThat(pageFacts.path("resources").asInt()).as("resources the page loaded").isZero();
    assertThat(pageFacts.path("headings").toString()).contains("(" + firstApp(expected) + ")");
    assertThat(pageFacts.path("freshness").toString())
        .contains(firstApp(expected) + "/downloads/fresh/0");
  }

  /** Checks that the point sits where the chart's drawn axes put its date and value. */
  private static void assertOnAxes(JsonNode point, String key, BigDecimal value) {
    double top = Double.parseDouble(point.path("yTop").asText());
    double bottom = Double.parseDouble(point.path("yBottom").asText());
    double plotTop = point.path("plotTop").asDouble();
    double plotBottom = point.path("plotBottom").asDouble();
    double expectedY =
        plotBottom - (value.doubleValue() - bottom) / (top - bottom) * (plotBottom - plotTop);
    assertThat(point.path("y").asDouble())
        .as("y of point %s", key)
        .isCloseTo(expectedY, within(1.0));

    LocalDate first = LocalDate.parse(point.path("xFirst").asText());
    LocalDate last = LocalDate.parse(point.path("xLast").asText());
    LocalDate date = LocalDate.parse(point.path("date").asText());
    double plotLeft = point.path("plotLeft").asDouble();
    double plotRight = point.path("plotRight").asDouble();
    double expectedX =
        plotLeft
            + (double) ChronoUnit.DAYS.between(first, date)
                / ChronoUnit.DAYS.between(first, last)
                * (plotRight - plotLeft);
    assertThat(point.path("x").asDouble())
        .as("x of point %s", key)
        .isCloseTo(expectedX, within(1.0));
  }

  /**
   * Returns the daily values per "app/metric/date" from one query over the tables, written apart
   * from the report's own query: one row per table row, summed here.
   */
  private Map<String, BigDecimal> expectedPoints(Path lake) throws IOException {
    LocalDate from = DATE.minusDays(DAYS - 1L);
    String window = "metric_date BETWEEN DATE '" + from + "' AND DATE '" + DATE + "'";
    String standardDaily = " WHERE report_variant = 'Standard' AND granularity = 'DAILY' AND ";
    String sql =
        "SELECT 'downloads' AS metric, app_apple_id, metric_date, NULL AS currency,"
            + " CAST(CASE WHEN lower(download_type) IN ('first-time download', 'redownload')"
            + " THEN counts ELSE 0 END AS STRING) AS value FROM appstore.downloads"
            + standardDaily
            + window
            + " UNION ALL SELECT 'impressions', app_apple_id, metric_date, NULL,"
            + " CAST(IF(lower(event) = 'impression', counts, 0) AS STRING) FROM appstore.engagement"
            + standardDaily
            + window
            + " UNION ALL SELECT 'unique', app_apple_id, metric_date, NULL,"
            + " CAST(IF(lower(event) = 'impression', unique_counts, 0) AS STRING)"
            + " FROM appstore.engagement"
            + standardDaily
            + window
            + " UNION ALL SELECT 'sessions', app_apple_id, metric_date, NULL,"
            + " CAST(sessions AS STRING) FROM appstore.sessions"
            + standardDaily
            + window
            + " UNION ALL SELECT 'review_sentiment', app_apple_id, metric_date, NULL,"
            + " CAST(ROUND(AVG(sentiment_score), 3) AS STRING) FROM appstore.review_insights"
            + " WHERE sentiment_score IS NOT NULL AND "
            + window
            + " GROUP BY app_apple_id, metric_date"
            + " UNION ALL SELECT 'proceeds', app_apple_id, metric_date, currency_of_proceeds,"
            + " CAST(proceeds AS STRING) FROM appstore.sales WHERE granularity = 'DAILY' AND"
            + " app_apple_id IS NOT NULL AND currency_of_proceeds IS NOT NULL AND "
            + window;
    Path output = directory.resolve("expected.jsonl");
    LauncherRun.Result query =
        LauncherRun.run(
            "query",
            "--lake",
            lake.toString(),
            "--format",
            "jsonl",
            "--output",
            output.toString(),
            sql);
    assertThat(query.exitCode()).as("query exit code; stderr:%n%s", query.stderr()).isZero();

    Map<String, BigDecimal> sums = new TreeMap<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      JsonNode row = JSON.readTree(line);
      String metric = row.path("metric").asText();
      if (metric.equals("proceeds")) {
        metric = "proceeds:" + row.path("currency").asText();
      }
      String key =
          row.path("app_apple_id").asText() + "/" + metric + "/" + row.path("metric_date").asText();
      BigDecimal value =
          row.path("value").isNull() ? BigDecimal.ZERO : new BigDecimal(row.path("value").asText());
      sums.merge(key, value, BigDecimal::add);
    }

    Map<String, BigDecimal> expected = new HashMap<>();
    sums.forEach(
        (key, value) -> {
          if (!key.contains("/unique/")) {
            expected.put(key, value);
          }
        });
    // Conversion: total downloads over unique impressions, on days with unique impressions.
    sums.forEach(
        (key, uniqueImpressions) -> {
          if (key.contains("/unique/") && uniqueImpressions.signum() != 0) {
            BigDecimal downloads =
                sums.getOrDefault(key.replace("/unique/", "/downloads/"), BigDecimal.ZERO);
            expected.put(
                key.replace("/unique/", "/conversion/"),
                downloads.divide(uniqueImpressions, new MathContext(6, RoundingMode.HALF_EVEN)));
          }
        });

    return expected;
  }

  private static String firstApp(Map<String, BigDecimal> expected) {
    List<String> apps =
        expected.keySet().stream().map(key -> key.substring(0, key.indexOf('/'))).sorted().toList();
    return apps.get(0);
  }
}
