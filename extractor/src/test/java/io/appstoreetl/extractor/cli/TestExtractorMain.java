package io.appstoreetl.extractor.cli;

import static io.appstoreetl.extractor.testing.AppleDocuments.app;
import static io.appstoreetl.extractor.testing.AppleDocuments.instance;
import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.report;
import static io.appstoreetl.extractor.testing.AppleDocuments.request;
import static io.appstoreetl.extractor.testing.AppleDocuments.review;
import static io.appstoreetl.extractor.testing.AppleDocuments.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestExtractorMain {
  private static final byte[] SEGMENT =
      TestSupport.gzip(
          "Date\tApp Apple Identifier\tCounts\n"
              + "2025-01-07\t1000000001\t5\n"
              + "2025-01-08\t1000000001\t6\n");

  @TempDir Path dir;

  private FakeAppStoreConnect server;
  private Map<String, String> environment;
  private StringWriter out;
  private StringWriter err;
  private Instant now = Instant.parse("2025-01-10T06:00:00Z");
  private boolean terminal;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    Path p8 =
        TestSupport.writePem(
            dir.resolve("AuthKey_2X9R4HXF34.p8"), TestSupport.ecKeyPair("secp256r1").getPrivate());
    environment =
        Map.of(
            "ASC_ISSUER_ID", "57246542-96fe-1a63-e053-0824d011072a",
            "ASC_KEY_ID", "2X9R4HXF34",
            "ASC_P8_PATH", p8.getFileName().toString(),
            "APPLE_VENDOR_NUMBER", "80000001",
            "APP_IDS", "1000000001");

    server.on(
        "GET /v1/apps/1000000001/analyticsReportRequests",
        Reply.json(200, page(null, request("req-1", "ONGOING", false))));
    server.on(
        "GET /v1/apps/1000000002/analyticsReportRequests",
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));
    server.on(
        "GET /v1/analyticsReportRequests/req-1/reports",
        Reply.json(
            200, page(null, report("r3-req-1", "App Store Downloads Standard", "COMMERCE"))));
    server.on(
        "GET /v1/analyticsReports/r3-req-1/instances",
        Reply.json(200, page(null, instance("inst-1", "2025-01-09"))));
    server.on(
        "GET /v1/analyticsReportInstances/inst-1/segments",
        Reply.json(
            200,
            page(
                null,
                segment(
                    "seg-1",
                    TestSupport.md5(SEGMENT),
                    SEGMENT.length,
                    server.baseUrl() + "/s3/seg-1?X-Amz-Signature=s"))));
    server.on("GET /s3/seg-1", Reply.bytes(200, SEGMENT, "application/octet-stream"));
    server.on(
        "GET /v1/salesReports",
        Reply.error(404, "NOT_FOUND", "There were no sales for the date specified."));
    server.on(
        "GET /v1/apps",
        Reply.json(200, page(null, app("1000000001", "Example App", "com.example.app", "SKU001"))));
    server.on(
        "GET /v1/apps/1000000001/customerReviews",
        Reply.json(200, page(null, review("rev-1", 5, "2025-01-08T23:30:00-08:00"))));
    server.on(
        "GET /v1/financeReports",
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void extractWithFailingAppExitsOne() throws IOException {
    int exitCode =
        run(
            "extract",
            "--raw-root",
            "raw",
            "--date",
            "2025-01-09",
            "--app-id",
            "1000000001",
            "--app-id",
            "1000000002",
            "--api-base-url",
            server.baseUrl(),
            "--sandbox",
            "--summary-file",
            "out/summary.json",
            "--threads",
            "2",
            "--sources",
            "analytics");

    assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
    String printed = out.toString().trim();
    assertThat(printed)
        .matches(
            dir.resolve("raw")
                + "/runs/extractor/run_date=2025-01-09/20250110T060000000Z-[0-9a-f]{8}\\.json");
    JsonNode summary = TestSupport.MAPPER.readTree(Path.of(printed).toFile());
    assertThat(TestSupport.MAPPER.readTree(dir.resolve("out/summary.json").toFile()))
        .isEqualTo(summary);

    assertThat(summary.path("run_id").asText()).matches("20250110T060000000Z-[0-9a-f]{8}");
    assertThat(summary.path("started_at").asText()).isEqualTo("2025-01-10T06:00:00.000Z");
    assertThat(summary.path("finished_at").asText()).isEqualTo("2025-01-10T06:00:00.000Z");
    assertThat(summary.path("date").asText()).isEqualTo("2025-01-09");
    JsonNode first = summary.path("apps").get(0);
    assertThat(first.path("app_id").asText()).isEqualTo("1000000001");
    assertThat(first.path("request_id").asText()).isEqualTo("req-1");
    assertThat(first.path("status").asText()).isEqualTo("ok");
    assertThat(first.path("reports_found").asInt()).isEqualTo(1);
    assertThat(first.path("instances_landed").asInt()).isEqualTo(1);
    assertThat(first.path("instances_skipped").asInt()).isZero();
    assertThat(first.path("reports_pending").asInt())
        .as("the other analytics reports are not listed by this request")
        .isEqualTo(10);
    assertThat(first.path("errors")).isEmpty();
    JsonNode second = summary.path("apps").get(1);
    assertThat(second.path("app_id").asText()).isEqualTo("1000000002");
    assertThat(second.path("status").asText()).isEqualTo("failed");
    assertThat(second.path("request_id").isNull()).isTrue();
    assertThat(second.path("errors").get(0).asText())
        .isEqualTo(
            "Cannot extract analytics reports of app 1000000002: Cannot GET "
                + server.baseUrl()
                + "/v1/apps/1000000002/analyticsReportRequests?filter%5BaccessType%5D=ONGOING:"
                + " HTTP 403 FORBIDDEN_ERROR (The API key in use does not allow this request)");
    assertThat(summary.path("sales")).isEmpty();
    assertThat(summary.path("apps_listing").isNull()).isTrue();
    assertThat(summary.path("touched_metric_dates").toString())
        .isEqualTo("[\"2025-01-07\",\"2025-01-08\"]");
    assertThat(summary.path("units_landed").asInt()).isEqualTo(1);
    assertThat(summary.path("errors_total").asInt()).isEqualTo(1);
    assertThat(summary.path("apps_failed").asInt()).isEqualTo(1);
    assertThat(summary.path("api_calls").asLong())
        .as("every request to the API origin, the presigned download excluded")
        .isEqualTo(server.requests().stream().filter(r -> r.path().startsWith("/v1/")).count());
    assertThat(summary.path("file_downloads").asLong()).isEqualTo(1);
    assertThat(summary.path("bytes_received").asLong()).isGreaterThan(SEGMENT.length);
    assertThat(
            server
                .requests("GET", "/v1/analyticsReportRequests/req-1/reports")
                .get(0)
                .header("Authorization"))
        .startsWith("Bearer ey");
    assertThat(err.toString()).contains("1 errors in 1 of 2 apps");
  }

  @Test
  void extractWithoutAppIdsCoversEveryListedApp() throws IOException {
    environment = withoutAppIds();
    now = Instant.parse("2025-01-10T21:00:00Z");

    int exitCode =
        run("extract", "--raw-root", "raw", "--api-base-url", server.baseUrl(), "--sandbox");

    assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode summary = TestSupport.MAPPER.readTree(Path.of(out.toString().trim()).toFile());
    assertThat(summary.path("apps_listing").path("status").asText()).isEqualTo("complete");
    assertThat(summary.path("apps_listing").path("app_count").asInt()).isEqualTo(1);
    assertThat(summary.path("apps").get(0).path("app_id").asText()).isEqualTo("1000000001");
    JsonNode reviews = summary.path("apps").get(0).path("reviews");
    assertThat(reviews.path("status").asText()).isEqualTo("complete");
    assertThat(reviews.path("reviews").asInt()).isEqualTo(1);
    assertThat(summary.path("sales"))
        .as("4 daily report types for the 7 days up to the run date")
        .hasSize(28)
        .allMatch(entry -> entry.path("status").asText().equals("empty"));
    assertThat(summary.path("finance")).hasSize(2);
    assertThat(summary.path("finance").get(0).path("report").asText()).isEqualTo("financial");
    assertThat(summary.path("finance").get(0).path("region").asText()).isEqualTo("ZZ");
    assertThat(summary.path("finance").get(0).path("fiscal_month").asText()).isEqualTo("2024-12");
    assertThat(summary.path("finance").get(0).path("status").asText()).isEqualTo("forbidden");
    assertThat(summary.path("finance").get(1).path("report").asText()).isEqualTo("finance_detail");
    assertThat(summary.path("finance").get(1).path("region").asText()).isEqualTo("Z1");
    assertThat(summary.path("errors_total").asInt()).isZero();
    assertThat(summary.path("units_landed").asInt())
        .as("1 analytics instance, 1 reviews fetch, 28 empty sales days")
        .isEqualTo(30);
    assertThat(dir.resolve("raw/source=apps")).isDirectory();
    assertThat(dir.resolve("raw/source=reviews/app_id=1000000001")).isDirectory();
  }

  @Test
  void progressIsShownOnlyOnTerminal() {
    String[] args = {
      "extract",
      "--raw-root",
      "raw",
      "--api-base-url",
      server.baseUrl(),
      "--sandbox",
      "--sources",
      "analytics"
    };

    terminal = true;
    run(args);
    String onTerminal = err.toString();
    terminal = false;
    run(args);

    assertThat(onTerminal).contains("\rApps 1/1 | ").contains(" received | ").contains(" left");
    assertThat(err.toString()).doesNotContain("Apps 1/1");
  }

  @Test
  void groupReadableKeyIsWarned() throws IOException {
    Path p8 = dir.resolve("AuthKey_2X9R4HXF34.p8");
    Files.setPosixFilePermissions(p8, PosixFilePermissions.fromString("rw-r-----"));

    run(
        "extract",
        "--raw-root",
        "raw",
        "--api-base-url",
        server.baseUrl(),
        "--sandbox",
        "--sources",
        "analytics");

    assertThat(err.toString())
        .contains(
            "Warning: App Store Connect private key "
                + p8
                + " is readable by its group (permissions rw-r-----); restrict it with: chmod 600 "
                + p8);
    assertThat(err.toString()).doesNotContain("BEGIN PRIVATE KEY");
  }

  @Test
  void ownerOnlyKeyIsNotWarned() throws IOException {
    Files.setPosixFilePermissions(
        dir.resolve("AuthKey_2X9R4HXF34.p8"), PosixFilePermissions.fromString("rw-------"));

    run(
        "extract",
        "--raw-root",
        "raw",
        "--api-base-url",
        server.baseUrl(),
        "--sandbox",
        "--sources",
        "analytics");

    assertThat(err.toString()).doesNotContain("Warning");
  }

  @Test
  void secondRunLandsNothingAndExitsZero() throws IOException {
    now = Instant.parse("2025-01-10T21:00:00Z");
    String[] args = {
      "extract",
      "--raw-root",
      "raw",
      "--api-base-url",
      server.baseUrl(),
      "--sandbox",
      "--sources",
      "analytics,sales"
    };
    assertThat(run(args)).isEqualTo(ExitCodes.OK);
    int callsBefore = server.requests().size();

    int exitCode = run(args);

    assertThat(exitCode).isEqualTo(ExitCodes.OK);
    JsonNode summary = TestSupport.MAPPER.readTree(Path.of(out.toString().trim()).toFile());
    assertThat(summary.path("date").asText()).isEqualTo("2025-01-09");
    assertThat(summary.path("apps").get(0).path("instances_skipped").asInt()).isEqualTo(1);
    assertThat(summary.path("sales"))
        .hasSize(28)
        .allMatch(entry -> entry.path("status").asText().equals("skipped"));
    assertThat(summary.path("touched_metric_dates")).isEmpty();
    assertThat(summary.path("units_landed").asInt()).isZero();
    assertThat(server.requests("GET", "/s3/seg-1")).hasSize(1);
    List<String> calls =
        server.requests().subList(callsBefore, server.requests().size()).stream()
            .map(r -> r.method() + " " + r.path())
            .toList();
    assertThat(calls)
        .as("report ids come from the cache and every sales day has landed")
        .containsExactly(
            "GET /v1/apps/1000000001/analyticsReportRequests",
            "GET /v1/analyticsReports/r3-req-1/instances");
    assertThat(summary.path("api_calls").asInt()).isEqualTo(2);
  }

  @Test
  void backfillTwiceLandsNothingTwice() throws IOException {
    serveSnapshot(
        instance("snap-i1", "2024-03-01"),
        instance("snap-i2", "2024-03-08"),
        instance("snap-late", "2024-04-01"));
    String[] args = {
      "backfill",
      "--from",
      "2024-03-01",
      "--to",
      "2024-03-05",
      "--raw-root",
      "raw",
      "--api-base-url",
      server.baseUrl(),
      "--sandbox",
      "--app-id",
      "1000000001"
    };

    int first = run(args);
    JsonNode firstSummary = TestSupport.MAPPER.readTree(Path.of(out.toString().trim()).toFile());
    int second = run(args);
    JsonNode secondSummary = TestSupport.MAPPER.readTree(Path.of(out.toString().trim()).toFile());

    assertThat(first).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(second).isEqualTo(ExitCodes.OK);
    assertThat(firstSummary.path("command").asText()).isEqualTo("backfill");
    assertThat(firstSummary.path("from").asText()).isEqualTo("2024-03-01");
    assertThat(firstSummary.path("to").asText()).isEqualTo("2024-03-05");
    JsonNode app = firstSummary.path("apps").get(0);
    assertThat(app.path("access_type").asText()).isEqualTo("ONE_TIME_SNAPSHOT");
    assertThat(app.path("request_id").asText()).isEqualTo("snap-1");
    assertThat(app.path("instances_landed").asInt())
        .as("processing dates 2024-03-01 to 2024-03-10: the range and 5 days of late data")
        .isEqualTo(2);
    assertThat(firstSummary.path("sales")).isEmpty();
    assertThat(firstSummary.path("finance")).isEmpty();
    assertThat(secondSummary.path("apps").get(0).path("instances_landed").asInt()).isZero();
    assertThat(secondSummary.path("apps").get(0).path("instances_skipped").asInt()).isEqualTo(2);
    assertThat(secondSummary.path("units_landed").asInt()).isZero();
    assertThat(server.requests("GET", "/s3/snap-i1")).hasSize(1);
    assertThat(server.requests("GET", "/s3/snap-late")).isEmpty();
    assertThat(server.requests("POST", "/v1/analyticsReportRequests")).isEmpty();
    JsonNode manifest =
        TestSupport.MAPPER.readTree(
            dir.resolve(
                    "raw/source=analytics/report=app_downloads_standard/granularity=DAILY"
                        + "/processing_date=2024-03-01/app_id=1000000001/instance_id=snap-i1/manifest.json")
                .toFile());
    assertThat(manifest.path("access_type").asText()).isEqualTo("ONE_TIME_SNAPSHOT");
    assertThat(manifest.path("request_id").asText()).isEqualTo("snap-1");
  }

  @Test
  void backfillOfSnapshotWithoutInstancesIsPending() throws IOException {
    serveSnapshot();

    int exitCode =
        run(
            "backfill",
            "--from",
            "2024-03-01",
            "--to",
            "2024-03-05",
            "--raw-root",
            "raw",
            "--api-base-url",
            server.baseUrl(),
            "--sandbox",
            "--app-id",
            "1000000001");

    assertThat(exitCode).isEqualTo(ExitCodes.OK);
    JsonNode summary = TestSupport.MAPPER.readTree(Path.of(out.toString().trim()).toFile());
    JsonNode app = summary.path("apps").get(0);
    assertThat(app.path("status").asText()).isEqualTo("pending");
    assertThat(app.path("pending").toString())
        .contains("app_downloads_standard: Apple lists no instance yet");
    assertThat(summary.path("errors_total").asInt()).isZero();
  }

  @Test
  void backfillWithToBeforeFromIsUsageError() {
    assertThat(run("backfill", "--from", "2024-03-05", "--to", "2024-03-01"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("Invalid --to: 2024-03-01 (expected 2024-03-05 or later, the --from date)");
  }

  @Test
  void invalidGranularityIsUsageError() {
    assertThat(run("extract", "--granularity", "DAILY,HOURLY")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString())
        .contains("Invalid --granularity: HOURLY (expected DAILY, WEEKLY or MONTHLY)");
  }

  /** Serves a snapshot request with App Downloads Standard and these instances of it. */
  private void serveSnapshot(com.fasterxml.jackson.databind.node.ObjectNode... instances) {
    server.on(
        "GET /v1/apps/1000000001/analyticsReportRequests?filter[accessType]=ONE_TIME_SNAPSHOT",
        Reply.json(200, page(null, request("snap-1", "ONE_TIME_SNAPSHOT", false))));
    server.on(
        "GET /v1/analyticsReportRequests/snap-1/reports",
        Reply.json(200, page(null, report("r3-snap-1", "App Downloads Standard", "COMMERCE"))));
    server.on(
        "GET /v1/analyticsReports/r3-snap-1/instances", Reply.json(200, page(null, instances)));
    for (com.fasterxml.jackson.databind.node.ObjectNode instance : instances) {
      String id = instance.path("id").asText();
      server.on(
          "GET /v1/analyticsReportInstances/" + id + "/segments",
          Reply.json(
              200,
              page(
                  null,
                  segment(
                      "seg-" + id,
                      TestSupport.md5(SEGMENT),
                      SEGMENT.length,
                      server.baseUrl() + "/s3/" + id + "?X-Amz-Signature=s"))));
      server.on("GET /s3/" + id, Reply.bytes(200, SEGMENT, "application/octet-stream"));
    }
  }

  @Test
  void invalidDateIsUsageError() {
    int exitCode = run("extract", "--date", "2025-13-01");

    assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Invalid --date: 2025-13-01 (expected YYYY-MM-DD)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void invalidThreadCountIsUsageError() {
    assertThat(run("extract", "--threads", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Invalid --threads: 0 (expected 1 to 64)");
  }

  @Test
  void missingConfigurationIsUsageError() {
    environment = Map.of();

    int exitCode = run("extract");

    assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().trim())
        .isEqualTo(
            "Cannot configure the extractor: missing ASC_ISSUER_ID, ASC_KEY_ID, ASC_P8_PATH,"
                + " APPLE_VENDOR_NUMBER (set them in the environment or in "
                + dir.resolve(".env")
                + ")");
  }

  @Test
  void plainHttpWithoutSandboxIsUsageError() {
    int exitCode = run("extract", "--api-base-url", server.baseUrl());

    assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Invalid ASC_API_BASE_URL: " + server.baseUrl());
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void missingCommandIsUsageError() {
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Missing command (expected extract, backfill or import)");
  }

  @Test
  void importRejectionExitsOne() throws IOException {
    String header =
        "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
            + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
            + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code\tParent Identifier"
            + "\tSubscription\tPeriod\n";
    String row =
        "APPLE\tUS\tSKU001\tExample Co\tExample App\t1.0\t1\t9\t0\t01/06/2025\t01/06/2025\tUSD\tUS\tUSD\t1000000001\t0\t \t \t \t \n";
    Files.writeString(dir.resolve("S_D_80000001_20250106.txt"), header + row);
    Files.writeString(dir.resolve("S_D_1.txt"), header.replace("\tUnits\t", "\t") + row);

    int exitCode =
        run(
            "import",
            "--raw-root",
            "raw",
            "--summary-file",
            "import.json",
            "S_D_80000001_20250106.txt",
            "S_D_1.txt");

    assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .matches(
            "landed\t"
                + dir.resolve("S_D_80000001_20250106.txt")
                + "\tsource=sales/report=sales_summary/granularity=DAILY/report_date=2025-01-06/vendor=import/landing=20250110T060000000Z-[0-9a-f]{8}/\t2025-01-06");
    assertThat(lines[1])
        .isEqualTo(
            "rejected\t"
                + dir.resolve("S_D_1.txt")
                + "\tCannot import sales file S_D_1.txt: missing required column \"Units\"");
    JsonNode summary = TestSupport.MAPPER.readTree(dir.resolve("import.json").toFile());
    assertThat(summary.path("files").get(0).path("status").asText()).isEqualTo("landed");
    assertThat(summary.path("files").get(0).path("layout").asText()).isEqualTo("20-column");
    assertThat(summary.path("files").get(1).path("status").asText()).isEqualTo("rejected");
  }

  @Test
  void s3RawRootWithoutRegionIsUsageError() throws IOException {
    Files.writeString(dir.resolve("S_D_1.txt"), "SKU\n");

    assertThat(run("import", "--raw-root", "s3://bucket/raw", "S_D_1.txt"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().trim())
        .isEqualTo(
            "Cannot write the raw zone to s3://bucket/raw: missing AWS_REGION (set it in the"
                + " environment or in .env, e.g. us-east-1)");
  }

  @Test
  void importWithoutFilesIsUsageError() {
    assertThat(run("import")).isEqualTo(ExitCodes.USAGE);
  }

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CliContext context =
        new CliContext(
            environment,
            dir,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new MutableClock(now),
            TestSupport.fastRetry(new TestSupport.RecordingSleeper()),
            terminal);
    return ExtractorMain.execute(context, args);
  }

  private Map<String, String> withoutAppIds() {
    Map<String, String> copy = new HashMap<>(environment);
    copy.remove("APP_IDS");
    return copy;
  }
}
