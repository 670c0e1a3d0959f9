package io.appstoreetl.extractor.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Recorded;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSalesExtractor {
  private static final String VENDOR = "80000001";
  private static final LocalDate DATE = LocalDate.parse("2025-01-09");
  private static final String ROUTE = "GET /v1/salesReports";
  private static final String FOLDER =
      "source=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-09/vendor=80000001/";
  private static final String HEADER_28 =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
          + "\tSubscription\tPeriod\tCategory\tCMB\tDevice\tSupported Platforms\tProceeds Reason"
          + "\tPreserved Pricing\tClient\tOrder Type\n";
  private static final byte[] REPORT =
      TestSupport.gzip(
          HEADER_28
              + "APPLE\tUS\tSKU001\tExample Dev\tExample App\t1.0\t1F\t10\t0.70\t01/09/2025\t01/09/2025\tUSD\tUS\tUSD\t1000000001\t0.99\t\t\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\n"
              + "APPLE\tUS\tSKU001\tExample Dev\tExample App\t1.0\t3F\t4\t0\t01/09/2025\t01/09/2025\tJPY\tJP\tJPY\t1000000001\t0\t\t\t\t\tGames\t\tiPad\tiOS\t\t\t\t\n"
              + "APPLE\tUS\tGEMS100\tExample Dev\t100 Gems\t\tIA1\t-1\t4.20\t01/09/2025\t01/09/2025\tGBP\tGB\tGBP\t1000000101\t-5.99\t\tSKU001\t\t\tGames\t\tiPhone\tiOS\t\t\t\t\n");

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private MutableClock clock;
  private RawZone rawZone;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    clock = new MutableClock(Instant.parse("2025-01-10T21:00:00Z"));
    rawZone = new RawZone(root, TestSupport.MAPPER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void reportLandsUnchangedWithManifest() throws IOException {
    server.on(ROUTE, Reply.bytes(200, REPORT, "application/a-gzip"));

    SalesResult result = extract(DATE);

    assertThat(result.message()).isNull();
    assertThat(result.status()).isEqualTo("complete");
    assertThat(result.rowCount()).isEqualTo(3);
    assertThat(result.unitKey())
        .matches(FOLDER.replace(".", "\\.") + "landing=20250110T210000000Z-[0-9a-f]{8}/");
    Recorded request = server.requests("GET", "/v1/salesReports").get(0);
    assertThat(request.query())
        .isEqualTo(
            "filter[frequency]=DAILY&filter[reportType]=SALES&filter[reportSubType]=SUMMARY"
                + "&filter[vendorNumber]=80000001&filter[reportDate]=2025-01-09&filter[version]=1_0");
    assertThat(request.header("Authorization")).isEqualTo("Bearer token-1");

    JsonNode manifest = manifest(result.unitKey());
    assertThat(manifest.path("source").asText()).isEqualTo("sales");
    assertThat(manifest.path("report").asText()).isEqualTo("sales_summary");
    assertThat(manifest.path("report_name").asText()).isEqualTo("SALES SUMMARY");
    assertThat(manifest.path("granularity").asText()).isEqualTo("DAILY");
    assertThat(manifest.path("app_id").isNull()).isTrue();
    assertThat(manifest.path("vendor_number").asText()).isEqualTo(VENDOR);
    assertThat(manifest.path("origin").asText()).isEqualTo("api");
    assertThat(manifest.path("request_id").isNull()).isTrue();
    assertThat(manifest.path("processing_date").isNull()).isTrue();
    assertThat(manifest.path("report_date").asText()).isEqualTo("2025-01-09");
    assertThat(manifest.path("report_version").asText()).isEqualTo("1_0");
    assertThat(manifest.path("status").asText()).isEqualTo("complete");
    assertThat(manifest.path("row_count").asLong()).isEqualTo(3);
    assertThat(manifest.path("metric_dates").toString()).isEqualTo("[\"2025-01-09\"]");
    assertThat(manifest.path("min_metric_date").asText()).isEqualTo("2025-01-09");
    assertThat(manifest.path("max_metric_date").asText()).isEqualTo("2025-01-09");
    JsonNode file = manifest.path("files").get(0);
    assertThat(file.path("path").asText())
        .matches("report\\.attempt=20250110T210000000Z-[0-9a-f]{8}\\.gz");
    assertThat(file.has("segment_id")).isFalse();
    assertThat(file.path("size_bytes").asLong()).isEqualTo(REPORT.length);
    assertThat(file.path("md5").asText()).isEqualTo(TestSupport.md5(REPORT));
    assertThat(file.path("row_count").asLong()).isEqualTo(3);
    assertThat(Files.readAllBytes(root.resolve(result.unitKey() + file.path("path").asText())))
        .isEqualTo(REPORT);
    assertThat(indexEntry("2025-01-09", result.unitKey()))
        .isEqualTo("{\"unit\":\"" + result.unitKey() + "\"}");
  }

  @Test
  void noSalesAnswerLandsEmptyUnit() throws IOException {
    server.on(ROUTE, Reply.error(404, "NOT_FOUND", "There were no sales for the date specified."));

    SalesResult result = extract(DATE);

    assertThat(result.message()).isNull();
    assertThat(result.status()).isEqualTo("empty");
    assertThat(result.rowCount()).isZero();
    assertThat(result.landedMetricDates()).containsExactly(DATE);
    JsonNode manifest = manifest(result.unitKey());
    assertThat(manifest.path("status").asText()).isEqualTo("empty");
    assertThat(manifest.path("row_count").asLong()).isZero();
    assertThat(manifest.path("files")).isEmpty();
    assertThat(manifest.path("metric_dates")).isEmpty();
    assertThat(manifest.path("min_metric_date").isNull()).isTrue();
    assertThat(manifest.path("max_metric_date").isNull()).isTrue();
    assertThat(manifest.path("report_date").asText()).isEqualTo("2025-01-09");
    try (Stream<Path> files = Files.list(root.resolve(result.unitKey()))) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("manifest.json");
    }
    assertThat(indexEntry("2025-01-09", result.unitKey()))
        .isEqualTo("{\"unit\":\"" + result.unitKey() + "\"}");
  }

  @Test
  void rerunSkipsLandedReport() throws IOException {
    server.on(ROUTE, Reply.bytes(200, REPORT, "application/a-gzip"));
    SalesResult first = extract(DATE);

    SalesResult second = extract(DATE);

    assertThat(second.status()).isEqualTo("skipped");
    assertThat(second.rowCount()).isEqualTo(3);
    assertThat(second.unitKey()).isEqualTo(first.unitKey());
    assertThat(second.landed()).isFalse();
    assertThat(server.requests("GET", "/v1/salesReports")).hasSize(1);
  }

  @Test
  void rerunSkipsEmptyUnitToo() {
    server.on(ROUTE, Reply.error(404, "NOT_FOUND", "There were no sales for the date specified."));
    extract(DATE);

    SalesResult second = extract(DATE);

    assertThat(second.status()).isEqualTo("skipped");
    assertThat(server.requests("GET", "/v1/salesReports")).hasSize(1);
  }

  @Test
  void otherErrorIsRecordedAndLandsNothing() throws IOException {
    server.on(
        ROUTE,
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));

    SalesResult result = extract(DATE);

    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.message())
        .isEqualTo(
            "Cannot land the SALES SUMMARY DAILY report of 2025-01-09 for vendor 80000001: Cannot GET "
                + server.baseUrl()
                + "/v1/salesReports?filter%5Bfrequency%5D=DAILY&filter%5BreportType%5D=SALES"
                + "&filter%5BreportSubType%5D=SUMMARY&filter%5BvendorNumber%5D=80000001"
                + "&filter%5BreportDate%5D=2025-01-09&filter%5Bversion%5D=1_0:"
                + " HTTP 403 FORBIDDEN_ERROR (The API key in use does not allow this request)");
    assertThat(rawZone.listFolders(FOLDER)).isEmpty();
  }

  @Test
  void notAvailableYetIsPending() {
    server.on(
        ROUTE,
        Reply.error(404, "NOT_FOUND", "Report is not available yet. Please try again later."));

    SalesResult result = extract(DATE);

    assertThat(result.status()).isEqualTo("pending");
    assertThat(result.message()).isEqualTo("Report is not available yet. Please try again later.");
    assertThat(root.resolve(FOLDER)).doesNotExist();
  }

  @Test
  void noSalesBeforeReportIsDueIsPending() {
    clock.advance(Duration.ofHours(-6));
    server.on(ROUTE, Reply.error(404, "NOT_FOUND", "There were no sales for the date specified."));

    SalesResult result = extract(DATE);

    assertThat(result.status())
        .as("15:00 UTC is 07:00 Pacific, before the report of the day before is due")
        .isEqualTo("pending");
    assertThat(root.resolve(FOLDER)).doesNotExist();
  }

  @Test
  void pastRetentionLandsUnavailableUnit() throws IOException {
    server.on(ROUTE, Reply.error(410, "GONE", "Report is no longer available."));

    SalesResult result = extract(DATE);
    SalesResult second = extract(DATE);

    assertThat(result.status()).isEqualTo("unavailable");
    assertThat(result.landed()).isFalse();
    JsonNode manifest = manifest(result.unitKey());
    assertThat(manifest.path("status").asText()).isEqualTo("unavailable");
    assertThat(manifest.path("files")).isEmpty();
    assertThat(root.resolve("index")).doesNotExist();
    assertThat(second.status()).isEqualTo("skipped");
    assertThat(server.requests("GET", "/v1/salesReports")).hasSize(1);
  }

  @Test
  void htmlPageInPlaceOfReportFails() {
    server.on(
        ROUTE,
        Reply.bytes(
            200,
            "<html><body>Service unavailable</body></html>".getBytes(StandardCharsets.UTF_8),
            "text/html"));

    SalesResult result = extract(DATE);

    assertThat(result.status()).isEqualTo("failed");
    assertThat(result.message())
        .endsWith(
            ": Invalid response to GET /v1/salesReports: Content-Type text/html with a markup page"
                + " in place of the report (expected application/a-gzip)");
    assertThat(root.resolve(FOLDER)).doesNotExist();
    assertThat(server.requests("GET", "/v1/salesReports")).hasSize(1);
  }

  @Test
  void weeklyAndMonthlyAskForTheirPeriod() {
    server.on(ROUTE, Reply.bytes(200, REPORT, "application/a-gzip"));

    SalesResult weekly = extractor().extract(SalesReportType.SALES, "WEEKLY", VENDOR, DATE);
    SalesResult monthly = extractor().extract(SalesReportType.SALES, "MONTHLY", VENDOR, DATE);

    assertThat(weekly.reportDate()).isEqualTo(LocalDate.parse("2025-01-12"));
    assertThat(weekly.unitKey())
        .startsWith("source=sales/report=sales_summary/granularity=WEEKLY/report_date=2025-01-12/");
    assertThat(monthly.reportDate()).isEqualTo(LocalDate.parse("2025-01-01"));
    List<Recorded> requests = server.requests("GET", "/v1/salesReports");
    assertThat(requests.get(0).query())
        .contains("filter[frequency]=WEEKLY&")
        .contains("filter[reportDate]=2025-01-12&");
    assertThat(requests.get(1).query())
        .contains("filter[frequency]=MONTHLY&")
        .contains("filter[reportDate]=2025-01&");
  }

  @Test
  void subscriptionReportsUseTheirVersionAndDates() throws IOException {
    byte[] subscription =
        TestSupport.gzip("App Name\tApp Apple ID\tActive Subscriptions\nExample\t1000000001\t12\n");
    byte[] events =
        TestSupport.gzip(
            "Event Date\tEvent\tApp Apple ID\tQuantity\n"
                + "2025-01-08\tRenew\t1000000001\t3\n"
                + "2025-01-09\tCancel\t1000000001\t1\n");
    server.on(
        "GET /v1/salesReports",
        request ->
            Reply.bytes(
                200,
                request.query().contains("reportType]=SUBSCRIPTION&") ? subscription : events,
                "application/a-gzip"));
    SalesExtractor extractor =
        extractor(
            Map.of(SalesReportType.SUBSCRIPTION, "1_4", SalesReportType.SUBSCRIPTION_EVENT, "1_5"));

    SalesResult summary = extractor.extract(SalesReportType.SUBSCRIPTION, "DAILY", VENDOR, DATE);
    SalesResult event =
        extractor.extract(SalesReportType.SUBSCRIPTION_EVENT, "DAILY", VENDOR, DATE);

    assertThat(summary.status()).isEqualTo("complete");
    assertThat(summary.reportVersion()).isEqualTo("1_4");
    assertThat(summary.unitKey())
        .startsWith(
            "source=sales/report=subscription_summary/granularity=DAILY/report_date=2025-01-09/");
    assertThat(manifest(summary.unitKey()).path("metric_dates").toString())
        .as("a report without a date column holds its report date")
        .isEqualTo("[\"2025-01-09\"]");
    assertThat(manifest(summary.unitKey()).path("report_name").asText())
        .isEqualTo("SUBSCRIPTION SUMMARY");
    assertThat(event.rowCount()).isEqualTo(2);
    assertThat(manifest(event.unitKey()).path("metric_dates").toString())
        .isEqualTo("[\"2025-01-08\",\"2025-01-09\"]");
    List<Recorded> requests = server.requests("GET", "/v1/salesReports");
    assertThat(requests.get(0).query())
        .isEqualTo(
            "filter[frequency]=DAILY&filter[reportType]=SUBSCRIPTION&filter[reportSubType]=SUMMARY"
                + "&filter[vendorNumber]=80000001&filter[reportDate]=2025-01-09&filter[version]=1_4");
    assertThat(requests.get(1).query())
        .contains("filter[reportType]=SUBSCRIPTION_EVENT&")
        .endsWith("filter[version]=1_5");
  }

  @Test
  void renegotiatedVersionServesLaterDates() {
    server.on(
        ROUTE,
        request ->
            request.query().endsWith("filter[version]=1_0")
                ? Reply.error(
                    400,
                    "PARAMETER_ERROR.INVALID",
                    "Please include the version parameter. The latest version for this report is 1_1.")
                : Reply.bytes(200, REPORT, "application/a-gzip"));
    SalesExtractor extractor = extractor(Map.of());

    SalesResult first = extractor.extract(SalesReportType.SALES, "DAILY", VENDOR, DATE);
    SalesResult second =
        extractor.extract(SalesReportType.SALES, "DAILY", VENDOR, DATE.minusDays(1));

    assertThat(first.reportVersion()).isEqualTo("1_1");
    assertThat(second.reportVersion()).isEqualTo("1_1");
    assertThat(server.requests("GET", "/v1/salesReports"))
        .as("the second date asks with 1_1 at once")
        .hasSize(3);
  }

  @Test
  void versionErrorTwiceFails() {
    server.on(
        ROUTE,
        Reply.error(
            400,
            "PARAMETER_ERROR.INVALID",
            "The version parameter you have specified is invalid. The latest version for this report is 1_1."),
        Reply.error(
            400,
            "PARAMETER_ERROR.INVALID",
            "The version parameter you have specified is invalid. The latest version for this report is 1_2."));

    SalesResult result = extract(DATE);

    assertThat(result.status()).isEqualTo("failed");
    assertThat(server.requests("GET", "/v1/salesReports")).hasSize(2);
  }

  @Test
  void retiredVersionIsRenegotiatedOnce() throws IOException {
    server.on(
        ROUTE,
        Reply.error(
            400,
            "PARAMETER_ERROR.INVALID",
            "The version parameter you have specified is invalid. The latest version for this report is 1_1."),
        Reply.bytes(200, REPORT, "application/a-gzip"));

    SalesResult result = extract(DATE);

    assertThat(result.status()).isEqualTo("complete");
    List<Recorded> requests = server.requests("GET", "/v1/salesReports");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).query()).endsWith("&filter[version]=1_1");
    assertThat(manifest(result.unitKey()).path("report_version").asText()).isEqualTo("1_1");
  }

  private SalesResult extract(LocalDate date) {
    return extractor().extract(SalesReportType.SALES, "DAILY", VENDOR, date);
  }

  private SalesExtractor extractor() {
    return extractor(Map.of());
  }

  private SalesExtractor extractor(Map<SalesReportType, String> versions) {
    return new SalesExtractor(
        TestSupport.client(
            server.baseUrl(),
            new TestSupport.CountingTokens(),
            TestSupport.fastRetry(new TestSupport.RecordingSleeper()),
            clock),
        rawZone,
        new AttemptIds(clock),
        clock,
        "20250110T210000000Z-0badc0de",
        "0.1.0-test",
        versions);
  }

  private JsonNode manifest(String unitKey) throws IOException {
    return TestSupport.MAPPER.readTree(root.resolve(unitKey + "manifest.json").toFile());
  }

  private String indexEntry(String date, String unitKey) throws IOException {
    Path entry =
        root.resolve("index/metric_date=" + date + "/" + RawKeys.sha256Prefix(unitKey) + ".json");
    return TestSupport.MAPPER.readTree(entry.toFile()).toString();
  }
}
