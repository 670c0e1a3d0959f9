package io.appstoreetl.extractor.analytics;

import static io.appstoreetl.extractor.testing.AppleDocuments.instance;
import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.report;
import static io.appstoreetl.extractor.testing.AppleDocuments.request;
import static io.appstoreetl.extractor.testing.AppleDocuments.segment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.RecordingRawZone;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestAnalyticsExtractor {
  private static final String APP = "1000000001";
  private static final String RUN_ID = "20250110T060000000Z-0badc0de";
  private static final String DOWNLOADS_HEADER =
      "Date\tApp Apple Identifier\tCounts\tApp Name\tDownload Type\tTerritory\n";

  /** Segment A1 of instance A: two gzip members, the second without a header. */
  private static final byte[] SEGMENT_A1 =
      TestSupport.gzipMembers(
          DOWNLOADS_HEADER
              + "2025-01-08\t1000000001\t590\tExample App\tFirst-time download\tFR\n"
              + "2025-01-09\t1000000001\t16\tExample App\tRedownload\tSG\n",
          "2025-01-09\t1000000001\t11\tExample App\tFirst-time download\tMX\n");

  private static final byte[] SEGMENT_A2 =
      TestSupport.gzip(
          DOWNLOADS_HEADER + "2025-01-07\t1000000001\t3\tExample App\tRedownload\tDE\r\n\r\n");

  private static final byte[] SEGMENT_B1 =
      TestSupport.gzip(
          DOWNLOADS_HEADER
              + "2025-01-09\t1000000001\t7\tExample App\tFirst-time download\tUS\n"
              + "2025-01-10\t1000000001\t8\tExample App\tFirst-time download\tUS\n");

  /** An engagement segment written with commas and quoted empty values; Date is not first. */
  private static final byte[] SEGMENT_C1 =
      TestSupport.gzip(
          "App Name,Date,Event,Counts,Source Info\n"
              + "Example App,2025-01-08,Impression,120,\"\"\n"
              + "\"Example, Deluxe\",2025-01-08,Page view,12,\"\"\n");

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private MutableClock clock;
  private RecordingRawZone rawZone;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    clock = new MutableClock(Instant.parse("2025-01-10T06:15:03.456Z"));
    rawZone = new RecordingRawZone(root, TestSupport.MAPPER);

    server.on(
        "GET /v1/apps/1000000001/analyticsReportRequests",
        Reply.json(200, page(null, request("req-1", "ONGOING", false))));
    String secondPage =
        server.baseUrl() + "/v1/analyticsReportRequests/req-1/reports?cursor=BQ.ALHoGBE&limit=200";
    server.on(
        "GET /v1/analyticsReportRequests/req-1/reports?limit=200",
        Reply.json(
            200,
            page(
                secondPage,
                report("r3-req-1", "App Downloads Standard", "COMMERCE"),
                report("r19-req-1", "App Crashes", "APP_USAGE"))));
    server.on(
        "GET /v1/analyticsReportRequests/req-1/reports?cursor=BQ.ALHoGBE&limit=200",
        Reply.json(
            200,
            page(
                null,
                report(
                    "r14-req-1",
                    "app store discovery and engagement standard",
                    "APP_STORE_ENGAGEMENT"))));
    server.on(
        "GET /v1/analyticsReports/r3-req-1/instances",
        Reply.json(
            200, page(null, instance("inst-b", "2025-01-11"), instance("inst-a", "2025-01-10"))));
    server.on("GET /v1/analyticsReports/r19-req-1/instances", Reply.json(200, page(null)));
    server.on(
        "GET /v1/analyticsReports/r14-req-1/instances",
        Reply.json(200, page(null, instance("inst-c", "2025-01-10"))));
    serveSegments("inst-a", "seg-a1", SEGMENT_A1, "seg-a2", SEGMENT_A2);
    serveSegments("inst-b", "seg-b1", SEGMENT_B1);
    serveSegments("inst-c", "seg-c1", SEGMENT_C1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void landsEveryInstanceByteForByte() throws IOException {
    AppResult result = extractApp();

    assertThat(result.errors()).isEmpty();
    assertThat(result.requestId()).isEqualTo("req-1");
    assertThat(result.reportsFound()).isEqualTo(3);
    assertThat(result.pending()).contains("app_crashes: Apple lists no instance yet");
    assertThat(result.instancesLanded()).isEqualTo(3);
    assertThat(result.instancesSkipped()).isZero();
    assertThat(result.touchedMetricDates())
        .containsExactly(
            LocalDate.parse("2025-01-07"),
            LocalDate.parse("2025-01-08"),
            LocalDate.parse("2025-01-09"),
            LocalDate.parse("2025-01-10"));

    String unitA = downloadsUnit("2025-01-10", "inst-a");
    JsonNode manifest = manifest(unitA);
    assertThat(manifest.path("files")).hasSize(2);
    JsonNode fileA1 = manifest.path("files").get(0);
    JsonNode fileA2 = manifest.path("files").get(1);
    assertThat(fileA1.path("path").asText())
        .matches("segment=seg-a1\\.attempt=20250110T061503456Z-[0-9a-f]{8}\\.gz");
    assertThat(fileA2.path("path").asText())
        .matches("segment=seg-a2\\.attempt=20250110T061503456Z-[0-9a-f]{8}\\.gz");
    assertThat(Files.readAllBytes(root.resolve(unitA + fileA1.path("path").asText())))
        .isEqualTo(SEGMENT_A1);
    assertThat(Files.readAllBytes(root.resolve(unitA + fileA2.path("path").asText())))
        .isEqualTo(SEGMENT_A2);
    assertThat(fileA1.path("segment_id").asText()).isEqualTo("seg-a1");
    assertThat(fileA1.path("size_bytes").asLong()).isEqualTo(SEGMENT_A1.length);
    assertThat(fileA1.path("md5").asText()).isEqualTo(TestSupport.md5(SEGMENT_A1));
    assertThat(fileA1.path("row_count").asLong()).isEqualTo(3);
    assertThat(fileA2.path("row_count").asLong()).isEqualTo(1);
    try (Stream<Path> files = Files.list(root.resolve(unitA))) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "manifest.json", fileA1.path("path").asText(), fileA2.path("path").asText());
    }
  }

  @Test
  void manifestHasEveryContractField() throws IOException {
    extractApp();

    JsonNode manifest = manifest(downloadsUnit("2025-01-10", "inst-a"));

    List<String> fields = new ArrayList<>();
    manifest.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "manifest_version",
            "source",
            "report",
            "report_name",
            "granularity",
            "app_id",
            "vendor_number",
            "origin",
            "access_type",
            "request_id",
            "report_id",
            "instance_id",
            "processing_date",
            "report_date",
            "report_version",
            "status",
            "min_metric_date",
            "max_metric_date",
            "metric_dates",
            "row_count",
            "files",
            "landed_at",
            "run_id",
            "extractor_version",
            "original_file_name",
            "region",
            "fiscal_month",
            "fetched_date",
            "stopped_at_review_id",
            "stopped_at_created_date",
            "org_id",
            "ad_account_id",
            "campaign_id",
            "start_date",
            "end_date",
            "time_zone",
            "currency");
    assertThat(manifest.path("manifest_version").asInt()).isEqualTo(1);
    assertThat(manifest.path("source").asText()).isEqualTo("analytics");
    assertThat(manifest.path("report").asText()).isEqualTo("app_downloads_standard");
    assertThat(manifest.path("report_name").asText()).isEqualTo("App Downloads Standard");
    assertThat(manifest.path("granularity").asText()).isEqualTo("DAILY");
    assertThat(manifest.path("app_id").asText()).isEqualTo(APP);
    assertThat(manifest.path("vendor_number").isNull()).isTrue();
    assertThat(manifest.path("origin").asText()).isEqualTo("api");
    assertThat(manifest.path("access_type").asText()).isEqualTo("ONGOING");
    assertThat(manifest.path("request_id").asText()).isEqualTo("req-1");
    assertThat(manifest.path("report_id").asText()).isEqualTo("r3-req-1");
    assertThat(manifest.path("instance_id").asText()).isEqualTo("inst-a");
    assertThat(manifest.path("processing_date").asText()).isEqualTo("2025-01-10");
    assertThat(manifest.path("report_date").isNull()).isTrue();
    assertThat(manifest.path("report_version").isNull()).isTrue();
    assertThat(manifest.path("status").asText()).isEqualTo("complete");
    assertThat(manifest.path("min_metric_date").asText()).isEqualTo("2025-01-07");
    assertThat(manifest.path("max_metric_date").asText()).isEqualTo("2025-01-09");
    assertThat(manifest.path("metric_dates").toString())
        .isEqualTo("[\"2025-01-07\",\"2025-01-08\",\"2025-01-09\"]");
    assertThat(manifest.path("row_count").asLong()).isEqualTo(4);
    assertThat(manifest.path("landed_at").asText()).isEqualTo("2025-01-10T06:15:03.456Z");
    assertThat(manifest.path("run_id").asText()).isEqualTo(RUN_ID);
    assertThat(manifest.path("extractor_version").asText()).isEqualTo("0.1.0-test");
    assertThat(manifest.path("original_file_name").isNull()).isTrue();
  }

  @Test
  void commaDelimitedSegmentIsSniffed() throws IOException {
    extractApp();

    JsonNode manifest =
        manifest(
            RawKeys.analyticsUnit(
                "app_store_discovery_and_engagement_standard",
                "DAILY",
                "2025-01-10",
                APP,
                "inst-c"));

    assertThat(manifest.path("row_count").asLong()).isEqualTo(2);
    assertThat(manifest.path("metric_dates").toString()).isEqualTo("[\"2025-01-08\"]");
    assertThat(manifest.path("report_name").asText())
        .isEqualTo("app store discovery and engagement standard");
  }

  @Test
  void indexEntriesPointAtTheUnit() throws IOException {
    extractApp();
    String unitA = downloadsUnit("2025-01-10", "inst-a");
    String hash = RawKeys.sha256Prefix(unitA);

    for (String date : List.of("2025-01-07", "2025-01-08", "2025-01-09")) {
      Path entry = root.resolve("index/metric_date=" + date + "/" + hash + ".json");
      assertThat(TestSupport.MAPPER.readTree(entry.toFile()).toString())
          .isEqualTo("{\"unit\":\"" + unitA + "\"}");
    }
    assertThat(root.resolve("index/metric_date=2025-01-10/" + hash + ".json")).doesNotExist();
    assertThat(hash)
        .isEqualTo(
            TestSupport.sha256(unitA.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring(0, 16));
  }

  @Test
  void manifestIsWrittenLast() {
    extractApp();

    List<String> written = rawZone.writtenKeys();
    for (String unit :
        List.of(downloadsUnit("2025-01-10", "inst-a"), downloadsUnit("2025-01-11", "inst-b"))) {
      int manifestIndex = written.indexOf(unit + "manifest.json");
      String hash = RawKeys.sha256Prefix(unit);
      List<Integer> others = new ArrayList<>();
      for (int i = 0; i < written.size(); i++) {
        String key = written.get(i);
        boolean belongs =
            (key.startsWith(unit) && !key.endsWith("manifest.json"))
                || key.endsWith("/" + hash + ".json");
        if (belongs) {
          others.add(i);
        }
      }
      assertThat(manifestIndex).isPositive();
      assertThat(others).isNotEmpty().allMatch(index -> index < manifestIndex);
    }
  }

  @Test
  void secondRunLandsNothing() {
    extractApp();
    int downloadsBefore = segmentDownloads();

    AppResult second = extractApp();

    assertThat(second.errors()).isEmpty();
    assertThat(second.instancesLanded()).isZero();
    assertThat(second.instancesSkipped()).isEqualTo(3);
    assertThat(second.touchedMetricDates()).isEmpty();
    assertThat(segmentDownloads()).isEqualTo(downloadsBefore);
    assertThat(server.requests("GET", "/v1/analyticsReportInstances/inst-a/segments")).hasSize(1);
    assertThat(server.requests("GET", "/v1/analyticsReportRequests/req-1/reports"))
        .as("report ids come from the cache on the second run")
        .hasSize(2);
  }

  @Test
  void checksumMismatchDownloadsOnceMore() throws IOException {
    byte[] corrupted = corrupt(SEGMENT_B1);
    AtomicInteger served = new AtomicInteger();
    server.on(
        "GET /s3/seg-b1.csv.gz",
        request ->
            Reply.bytes(
                200,
                served.getAndIncrement() == 0 ? corrupted : SEGMENT_B1,
                "application/octet-stream"));

    AppResult result = extractApp();

    assertThat(result.errors()).isEmpty();
    assertThat(result.instancesLanded()).isEqualTo(3);
    assertThat(server.requests("GET", "/s3/seg-b1.csv.gz")).hasSize(2);
    assertThat(server.requests("GET", "/v1/analyticsReportInstances/inst-b/segments")).hasSize(2);
    String unitB = downloadsUnit("2025-01-11", "inst-b");
    JsonNode listed = manifest(unitB).path("files");
    assertThat(listed).hasSize(1);
    assertThat(Files.readAllBytes(root.resolve(unitB + listed.get(0).path("path").asText())))
        .isEqualTo(SEGMENT_B1);
    try (Stream<Path> files = Files.list(root.resolve(unitB))) {
      // The first attempt stays, unlisted: nothing in the raw zone is deleted or rewritten.
      assertThat(files.filter(path -> path.getFileName().toString().startsWith("segment=seg-b1.")))
          .hasSize(2);
    }
  }

  @Test
  void checksumMismatchTwiceLeavesInstanceWithoutManifest() {
    byte[] corrupted = corrupt(SEGMENT_B1);
    server.on("GET /s3/seg-b1.csv.gz", Reply.bytes(200, corrupted, "application/octet-stream"));

    AppResult result = extractApp();

    assertThat(result.errors())
        .containsExactly(
            "Cannot land instance inst-b of app_downloads_standard for app 1000000001: segment"
                + " seg-b1 checksum mismatch (expected MD5 "
                + TestSupport.md5(SEGMENT_B1)
                + ", got "
                + TestSupport.md5(corrupted)
                + "; expected "
                + SEGMENT_B1.length
                + " bytes, got "
                + corrupted.length
                + ") after 2 downloads");
    assertThat(root.resolve(downloadsUnit("2025-01-11", "inst-b") + "manifest.json"))
        .doesNotExist();
    assertThat(root.resolve(downloadsUnit("2025-01-10", "inst-a") + "manifest.json")).exists();
    assertThat(result.instancesLanded()).isEqualTo(2);
    assertThat(server.requests("GET", "/s3/seg-b1.csv.gz")).hasSize(2);
  }

  @Test
  void instanceWithUnsafeProcessingDateIsRejected() {
    server.on(
        "GET /v1/analyticsReports/r3-req-1/instances",
        Reply.json(
            200, page(null, instance("inst-a", "2025-01-10"), instance("inst-x", "../../etc"))));

    AppResult result = extractApp();

    assertThat(result.errors())
        .containsExactly(
            "Cannot land instance inst-x of app_downloads_standard for app 1000000001: Invalid"
                + " processing date: ../../etc (expected an ISO date YYYY-MM-DD)");
    assertThat(result.instancesLanded()).isEqualTo(2);
    assertThat(server.requests("GET", "/v1/analyticsReportInstances/inst-x/segments")).isEmpty();
  }

  @Test
  void segmentWithoutDateColumnLeavesNoManifest() {
    byte[] noDate = TestSupport.gzip("Day\tCounts\n2025-01-09\t1\n");
    serveSegments("inst-b", "seg-b1", noDate);

    AppResult result = extractApp();

    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0))
        .startsWith(
            "Cannot land instance inst-b of app_downloads_standard for app 1000000001: Cannot read segment=seg-b1.attempt=")
        .endsWith(": missing column \"Date\" in header [Day, Counts]");
    assertThat(root.resolve(downloadsUnit("2025-01-11", "inst-b") + "manifest.json"))
        .doesNotExist();
  }

  @Test
  void appWithoutWantedReportsLandsNothing() {
    server.on(
        "GET /v1/analyticsReportRequests/req-1/reports?limit=200",
        Reply.json(200, page(null, report("r40-req-1", "App Clip Usage Standard", "APP_USAGE"))));

    AppResult result = extractApp();

    assertThat(result.errors()).isEmpty();
    assertThat(result.reportsFound()).isZero();
    assertThat(result.instancesLanded()).isZero();
    assertThat(result.pending())
        .hasSize(AnalyticsReportType.values().length)
        .contains("app_downloads_standard: request req-1 lists no such report yet");
  }

  @Test
  void expiredDownloadUrlListsSegmentsAgain() throws IOException {
    AtomicInteger served = new AtomicInteger();
    server.on(
        "GET /s3/seg-b1.csv.gz",
        request ->
            served.getAndIncrement() == 0
                ? Reply.bytes(
                    403,
                    "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "application/xml")
                : Reply.bytes(200, SEGMENT_B1, "application/octet-stream"));

    AppResult result = extractApp();

    assertThat(result.errors()).isEmpty();
    assertThat(server.requests("GET", "/v1/analyticsReportInstances/inst-b/segments")).hasSize(2);
    assertThat(manifest(downloadsUnit("2025-01-11", "inst-b")).path("row_count").asLong())
        .isEqualTo(2);
  }

  @Test
  void instanceWithoutProcessingDateIsReported() {
    com.fasterxml.jackson.databind.node.ObjectNode broken = instance("inst-z", "2025-01-10");
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("attributes"))
        .remove("processingDate");
    server.on("GET /v1/analyticsReports/r3-req-1/instances", Reply.json(200, page(null, broken)));

    AppResult result = extractApp();

    assertThat(result.errors())
        .containsExactly(
            "Cannot list instances of app_downloads_standard for app 1000000001: Invalid instance 0"
                + " in the response to GET "
                + server.baseUrl()
                + "/v1/analyticsReports/r3-req-1/instances?filter%5Bgranularity%5D=DAILY&limit=200:"
                + " /attributes/processingDate is missing (id inst-z)");
    assertThat(result.instancesLanded()).as("the other reports still land").isEqualTo(1);
  }

  @Test
  void severalGranularitiesShareOneListing() throws IOException {
    server.on(
        "GET /v1/analyticsReports/r3-req-1/instances",
        Reply.json(
            200,
            page(
                null,
                instance("inst-a", "DAILY", "2025-01-10"),
                instance("inst-w", "WEEKLY", "2025-01-10"),
                instance("inst-m", "MONTHLY", "2025-01-05"))));
    serveSegments("inst-w", "seg-w1", SEGMENT_A2);
    serveSegments("inst-m", "seg-m1", SEGMENT_A2);

    AppResult result =
        extractor(AnalyticsExtractor.Options.daily(Set.of("DAILY", "WEEKLY", "MONTHLY")))
            .extractApp(APP, Runnable::run)
            .join();

    assertThat(result.errors()).isEmpty();
    assertThat(server.requests("GET", "/v1/analyticsReports/r3-req-1/instances"))
        .hasSize(1)
        .allMatch(request -> request.query().equals("limit=200"));
    assertThat(
            root.resolve(
                RawKeys.analyticsUnit(
                        "app_downloads_standard", "WEEKLY", "2025-01-10", APP, "inst-w")
                    + "manifest.json"))
        .exists();
    assertThat(
            root.resolve(
                RawKeys.analyticsUnit(
                        "app_downloads_standard", "MONTHLY", "2025-01-05", APP, "inst-m")
                    + "manifest.json"))
        .exists();
  }

  @Test
  void oneMissingProcessingDateIsAskedForAlone() throws IOException {
    // Every processing date of the 35-day window has landed except today's.
    for (LocalDate date = LocalDate.parse("2024-12-06");
        date.isBefore(LocalDate.parse("2025-01-10"));
        date = date.plusDays(1)) {
      Path unit = root.resolve(downloadsUnit(date.toString(), "old-" + date));
      Files.createDirectories(unit);
      Files.writeString(unit.resolve("manifest.json"), "{}");
    }
    server.on(
        "GET /v1/analyticsReports/r3-req-1/instances?filter[granularity]=DAILY&limit=200&filter[processingDate]=2025-01-10",
        Reply.json(200, page(null, instance("inst-a", "2025-01-10"))));

    AppResult result = extractApp();

    assertThat(result.errors()).isEmpty();
    List<String> queries =
        server.requests("GET", "/v1/analyticsReports/r3-req-1/instances").stream()
            .map(FakeAppStoreConnect.Recorded::query)
            .toList();
    assertThat(queries)
        .containsExactly("filter[granularity]=DAILY&limit=200&filter[processingDate]=2025-01-10");
    assertThat(root.resolve(downloadsUnit("2025-01-10", "inst-a") + "manifest.json")).exists();
  }

  @Test
  void fewMissingSnapshotDatesListedByDate() {
    server.on(
        "GET /v1/apps/1000000001/analyticsReportRequests?filter[accessType]=ONE_TIME_SNAPSHOT",
        Reply.json(200, page(null, request("snap-1", "ONE_TIME_SNAPSHOT", false))));
    server.on(
        "GET /v1/analyticsReportRequests/snap-1/reports?limit=200",
        Reply.json(200, page(null, report("r3-snap-1", "App Downloads Standard", "COMMERCE"))));
    // A long snapshot listing: 700 instances, the first page contains none of the wanted dates.
    String firstPage =
        page(
                server.baseUrl() + "/v1/analyticsReports/r3-snap-1/instances?cursor=AQ",
                instance("s-old", "2024-01-02"))
            .replace("\"total\":1", "\"total\":700");
    server.on(
        "GET /v1/analyticsReports/r3-snap-1/instances?filter[granularity]=DAILY&limit=200",
        Reply.json(200, firstPage));
    server.on(
        "GET /v1/analyticsReports/r3-snap-1/instances",
        request -> {
          String date = request.query().replaceAll(".*filter\\[processingDate\\]=", "");
          return Reply.json(200, page(null, instance("s-" + date, date)));
        });
    serveSegments("s-2024-03-01", "seg-s1", SEGMENT_A2);
    serveSegments("s-2024-03-02", "seg-s2", SEGMENT_A2);
    serveSegments("s-2024-03-03", "seg-s3", SEGMENT_A2);
    AnalyticsExtractor.Options options =
        new AnalyticsExtractor.Options(
            AccessType.ONE_TIME_SNAPSHOT,
            Set.of("DAILY"),
            Set.of(AnalyticsReportType.APP_DOWNLOADS_STANDARD),
            LocalDate.parse("2024-03-01"),
            LocalDate.parse("2024-03-03"));

    AppResult result = extractor(options).extractApp(APP, Runnable::run).join();

    assertThat(result.errors()).isEmpty();
    assertThat(result.accessType()).isEqualTo("ONE_TIME_SNAPSHOT");
    assertThat(result.instancesLanded()).isEqualTo(3);
    List<String> queries =
        server.requests("GET", "/v1/analyticsReports/r3-snap-1/instances").stream()
            .map(FakeAppStoreConnect.Recorded::query)
            .toList();
    assertThat(queries)
        .as("3 dates by date cost fewer calls than the 3 pages left of the listing")
        .containsExactly(
            "filter[granularity]=DAILY&limit=200",
            "filter[granularity]=DAILY&limit=200&filter[processingDate]=2024-03-01",
            "filter[granularity]=DAILY&limit=200&filter[processingDate]=2024-03-02",
            "filter[granularity]=DAILY&limit=200&filter[processingDate]=2024-03-03");
  }

  @Test
  void truncatedGzipLeavesNoManifest() {
    byte[] truncated = java.util.Arrays.copyOf(SEGMENT_B1, SEGMENT_B1.length - 12);
    serveSegments("inst-b", "seg-b1", truncated);

    AppResult result = extractApp();

    assertThat(result.errors()).hasSize(1);
    assertThat(result.errors().get(0))
        .startsWith("Cannot land instance inst-b of app_downloads_standard for app 1000000001: ")
        .contains("Unexpected end of ZLIB input stream");
    assertThat(root.resolve(downloadsUnit("2025-01-11", "inst-b") + "manifest.json"))
        .doesNotExist();
  }

  private AppResult extractApp() {
    return extractor(AnalyticsExtractor.Options.daily(Set.of("DAILY")))
        .extractApp(APP, Runnable::run)
        .join();
  }

  private AnalyticsExtractor extractor(AnalyticsExtractor.Options options) {
    return new AnalyticsExtractor(
        TestSupport.client(
            server.baseUrl(),
            new TestSupport.CountingTokens(),
            TestSupport.fastRetry(new TestSupport.RecordingSleeper()),
            clock),
        rawZone,
        new AttemptIds(clock),
        clock,
        RUN_ID,
        "0.1.0-test",
        options);
  }

  /** Lists the instance's segments with correct checksums and serves their bytes. */
  private void serveSegments(String instanceId, Object... idsAndBytes) {
    List<com.fasterxml.jackson.databind.node.ObjectNode> items = new ArrayList<>();
    for (int i = 0; i < idsAndBytes.length; i += 2) {
      String id = (String) idsAndBytes[i];
      byte[] bytes = (byte[]) idsAndBytes[i + 1];
      items.add(
          segment(
              id,
              TestSupport.md5(bytes),
              bytes.length,
              server.baseUrl()
                  + "/s3/"
                  + id
                  + ".csv.gz?X-Amz-Security-Token=secret&X-Amz-Signature=sig"));
      server.on("GET /s3/" + id + ".csv.gz", Reply.bytes(200, bytes, "application/octet-stream"));
    }
    server.on(
        "GET /v1/analyticsReportInstances/" + instanceId + "/segments",
        Reply.json(
            200, page(null, items.toArray(new com.fasterxml.jackson.databind.node.ObjectNode[0]))));
  }

  private int segmentDownloads() {
    return (int) server.requests().stream().filter(r -> r.path().startsWith("/s3/")).count();
  }

  private static String downloadsUnit(String processingDate, String instanceId) {
    return RawKeys.analyticsUnit(
        "app_downloads_standard", "DAILY", processingDate, APP, instanceId);
  }

  private JsonNode manifest(String unitKey) throws IOException {
    return TestSupport.MAPPER.readTree(root.resolve(unitKey + "manifest.json").toFile());
  }

  private static byte[] corrupt(byte[] bytes) {
    byte[] copy = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    return copy;
  }
}
