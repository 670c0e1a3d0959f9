package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import io.appstoreetl.testsupport.S3ProxyExtension;
import io.appstoreetl.testsupport.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs the daily job with the raw zone and the Iceberg warehouse on S3Proxy, a real S3 API server
 * started as its own process: the extractor writes through the AWS SDK, the Spark job reads {@code
 * s3a://} and writes the tables through S3FileIO. The tables must equal the sandbox's ground truth
 * as they do for a local lake. Then {@code import --legacy-root} curates the old pipeline's files
 * from an S3 prefix.
 */
@ExtendWith(S3ProxyExtension.class)
class DailyS3EndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 10);
  private static final int DAYS = 2;
  private static final int APPS = 2;
  private static final String[] TABLES = {"downloads", "engagement", "sales"};
  private static final int MIN_ROWS_PER_VARIANT = 50;
  private static final long LEGACY_GZIP_APP = 2000000001L;
  private static final long LEGACY_PLAIN_APP = 2000000002L;
  private static final String DOWNLOADS_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform Version"
          + "\tSource Type\tPage Type\tPre-Order\tTerritory\tCounts";

  @TempDir Path workDirectory;

  private final String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void dailyOnS3MatchesGroundTruth() throws Exception {
    Path lake = workDirectory.resolve("lake");
    Path envFile = writeEnvFile();
    List<String> s3Options = List.of("--s3", "--env-file", envFile.toString());
    LocalDate lastDay = FIRST_DAY.plusDays(DAYS - 1);

    for (int day = 0; day < DAYS; day++) {
      runDaily(lake, s3Options, FIRST_DAY.plusDays(day));
    }

    assertSecondRunSkippedLandedInstances(lake);
    assertThat(lake.resolve("raw")).as("local raw folder").doesNotExist();
    assertThat(lake.resolve("warehouse")).as("local warehouse folder").doesNotExist();
    List<String> rawKeys = keys("raw/");
    assertThat(rawKeys)
        .as("manifests in the S3 raw zone")
        .anyMatch(key -> key.startsWith("raw/source=analytics/") && key.endsWith("/manifest.json"))
        .anyMatch(key -> key.startsWith("raw/source=sales/") && key.endsWith("/manifest.json"))
        .anyMatch(key -> key.startsWith("raw/index/metric_date=" + lastDay + "/"));
    assertThat(keys("warehouse/"))
        .as("Iceberg files in the S3 warehouse")
        .anyMatch(key -> key.startsWith("warehouse/appstore/downloads/data/"))
        .anyMatch(key -> key.startsWith("warehouse/appstore/downloads/metadata/"));

    assertHealthOnS3AndOnGlue(lake, s3Options, lastDay);
    assertReportOnS3(lake, s3Options, lastDay);

    uploadLegacyFiles();
    LauncherRun.Result imported =
        LauncherRun.run(
            withOptions(
                List.of(
                    "import",
                    "--lake",
                    lake.toString(),
                    "--legacy-root",
                    "s3://" + S3ProxyExtension.BUCKET + "/" + prefix + "-legacy",
                    "--from",
                    FIRST_DAY.minusDays(1).toString(),
                    "--to",
                    FIRST_DAY.toString(),
                    "--spark-master",
                    "local[2]"),
                s3Options));
    assertThat(imported.exitCode())
        .as("import --legacy-root exit code; stderr:%n%s", imported.stderr())
        .isZero();

    Map<String, List<Map<String, JsonNode>>> rows =
        TableRows.readTables(lake, s3Options, workDirectory.resolve("rows.jsonl"), TABLES);
    List<Map<String, JsonNode>> downloads = new ArrayList<>();
    List<String> legacyRows = new ArrayList<>();
    for (Map<String, JsonNode> row : rows.get("downloads")) {
      long appId = row.get("app_apple_id").asLong();
      if (appId == LEGACY_GZIP_APP || appId == LEGACY_PLAIN_APP) {
        legacyRows.add(
            appId + " " + row.get("metric_date").asText() + " " + row.get("counts").asLong());
      } else {
        downloads.add(row);
      }
    }
    assertThat(legacyRows)
        .as("downloads rows of the legacy apps")
        .containsExactlyInAnyOrder(
            LEGACY_GZIP_APP + " " + FIRST_DAY.minusDays(1) + " 5",
            LEGACY_GZIP_APP + " " + FIRST_DAY + " 7",
            LEGACY_PLAIN_APP + " " + FIRST_DAY + " 11");

    JsonNode settings = JSON.readTree(lake.resolve("sandbox/sandbox.json").toFile());
    SandboxConfig config =
        SandboxConfig.builder()
            .seed(settings.get("seed").asLong())
            .appCount(settings.get("app_count").asInt())
            .historyStart(LocalDate.parse(settings.get("history_start").asText()))
            .today(lastDay.plusDays(1))
            .build();
    try (SandboxServer sandbox = SandboxServer.start(config)) {
      GroundTruth truth = sandbox.groundTruth();
      DailySandboxEndToEndTest.assertAnalyticsEqualGroundTruth(
          truth, config, downloads, "App Downloads", MIN_ROWS_PER_VARIANT);
      DailySandboxEndToEndTest.assertAnalyticsEqualGroundTruth(
          truth,
          config,
          rows.get("engagement"),
          "App Store Discovery and Engagement",
          MIN_ROWS_PER_VARIANT);
      DailySandboxEndToEndTest.assertSalesEqualGroundTruth(
          truth, rows.get("sales"), FIRST_DAY, lastDay);
    }
  }

  private static void runDaily(Path lake, List<String> s3Options, LocalDate date) {
    LauncherRun.Result result =
        LauncherRun.run(
            withOptions(
                List.of(
                    "daily",
                    "--sandbox",
                    "--apps",
                    String.valueOf(APPS),
                    "--lake",
                    lake.toString(),
                    "--date",
                    date.toString(),
                    "--spark-master",
                    "local[2]"),
                s3Options));
    assertThat(result.exitCode())
        .as("daily --s3 --date %s exit code; stderr:%n%s", date, result.stderr())
        .isZero();
    assertThat(result.stderr())
        .as("daily --date %s messages", date)
        .contains("in s3://" + S3ProxyExtension.BUCKET + "/");
  }

  /**
   * Runs {@code health} on the lake on S3 twice: with {@code --s3} (the tables through the local
   * SQLite catalog) and with {@code --aws} (the tables through Iceberg's Glue catalog, served by a
   * Glue stub from the same metadata files). Both read the raw zone on S3Proxy and must print the
   * same report.
   */
  private void assertHealthOnS3AndOnGlue(Path lake, List<String> s3Options, LocalDate lastDay)
      throws Exception {
    String now = lastDay.plusDays(1) + "T07:00:00Z";
    List<String> arguments =
        List.of("health", "--json", "--days", "5", "--now", now, "--spark-master", "local[2]");
    List<String> onS3Arguments = new ArrayList<>(arguments);
    onS3Arguments.addAll(List.of("--lake", lake.toString()));
    LauncherRun.Result onS3 = LauncherRun.run(withOptions(onS3Arguments, s3Options));
    assertThat(onS3.exitCode()).as("health --s3 exit code; stderr:%n%s", onS3.stderr()).isZero();
    JsonNode report = JSON.readTree(onS3.stdout());
    assertThat(report.get("healthy").asBoolean()).isTrue();
    List<String> downloads = new ArrayList<>();
    for (JsonNode row : report.get("tables")) {
      if (row.get("table").asText().equals("downloads")) {
        downloads.add(
            row.get("latest_metric_date").asText()
                + " "
                + row.get("expected_latest").asText()
                + " "
                + row.get("missing_dates")
                + " "
                + row.get("status").asText());
      }
    }
    assertThat(downloads)
        .as("downloads freshness per app")
        .containsExactly(lastDay + " " + lastDay + " [] ok", lastDay + " " + lastDay + " [] ok");
    JsonNode extractorRun = report.get("runs").get(0);
    assertThat(extractorRun.get("source").asText())
        .as("extractor run source")
        .startsWith("raw zone: runs/extractor/run_date=" + lastDay + "/");
    assertThat(extractorRun.get("status").asText()).isEqualTo("ok");

    try (GlueStub glue = GlueStub.fromJdbcCatalog(lake.resolve("catalog.db"), "appstore")) {
      assertThat(glue.metadataLocations())
          .containsKeys("downloads", "sales", "runs")
          .allSatisfy(
              (table, location) ->
                  assertThat(location)
                      .startsWith(
                          "s3://" + S3ProxyExtension.BUCKET + "/" + prefix + "/warehouse/"));
      Path awsEnv =
          Files.write(
              workDirectory.resolve("aws.env"),
              List.of(
                  "S3_BUCKET=" + S3ProxyExtension.BUCKET,
                  "S3_PREFIX=" + prefix,
                  "GLUE_DB=appstore",
                  "AWS_REGION=" + S3ProxyServer.REGION,
                  "S3_ENDPOINT_URL=" + S3ProxyExtension.endpoint(),
                  "GLUE_ENDPOINT_URL=" + glue.endpoint(),
                  "AWS_ACCESS_KEY_ID=" + S3ProxyServer.ACCESS_KEY_ID,
                  "AWS_SECRET_ACCESS_KEY=" + S3ProxyServer.SECRET_ACCESS_KEY));
      List<String> onGlueArguments = new ArrayList<>(arguments);
      onGlueArguments.addAll(List.of("--aws", "--env-file", awsEnv.toString()));
      LauncherRun.Result onGlue = LauncherRun.run(onGlueArguments.toArray(String[]::new));

      assertThat(onGlue.exitCode())
          .as("health --aws exit code; stderr:%n%s", onGlue.stderr())
          .isZero();
      assertThat(JSON.readTree(onGlue.stdout())).as("health --aws report").isEqualTo(report);
      List<GlueStub.Call> calls = glue.calls();
      assertThat(calls)
          .extracting(GlueStub.Call::operation)
          .contains("GetTables", "GetTable")
          .allMatch(
              operation ->
                  List.of("GetDatabase", "GetDatabases", "GetTables", "GetTable")
                      .contains(operation),
              "a read operation");
      assertThat(calls)
          .extracting(call -> call.body().path("Name").asText())
          .contains("downloads", "runs");
      assertThat(calls)
          .extracting(GlueStub.Call::authorization)
          .allMatch(
              authorization ->
                  authorization.startsWith(
                      "AWS4-HMAC-SHA256 Credential=" + S3ProxyServer.ACCESS_KEY_ID + "/"),
              "signed with the access key of the env file");
    }
  }

  /** Writes the report of the lake on S3: its tables are found under the S3 warehouse. */
  private void assertReportOnS3(Path lake, List<String> s3Options, LocalDate lastDay)
      throws IOException {
    Path page = workDirectory.resolve("report.html");
    LauncherRun.Result report =
        LauncherRun.run(
            withOptions(
                List.of(
                    "report",
                    "--lake",
                    lake.toString(),
                    "--out",
                    page.toString(),
                    "--days",
                    String.valueOf(DAYS),
                    "--now",
                    lastDay.plusDays(1) + "T07:00:00Z",
                    "--spark-master",
                    "local[2]"),
                s3Options));

    assertThat(report.exitCode())
        .as("report --s3 exit code; stderr:%n%s", report.stderr())
        .isZero();
    assertThat(report.stdout())
        .contains("Wrote " + page + ": " + APPS + " apps, metric dates " + FIRST_DAY);
    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(html.split("data-table=\"downloads\" data-lag=\"0\"", -1))
        .as("downloads cells on time")
        .hasSize(APPS + 1);
  }

  /** The second day's run lists the first day's instances again and must skip them. */
  private static void assertSecondRunSkippedLandedInstances(Path lake) throws IOException {
    List<Path> summaries;
    try (Stream<Path> files = Files.list(lake.resolve("runs"))) {
      summaries =
          files
              .filter(file -> file.getFileName().toString().startsWith("extract-"))
              .sorted()
              .toList();
    }
    assertThat(summaries).hasSize(DAYS);
    JsonNode first = JSON.readTree(summaries.get(0).toFile());
    JsonNode second = JSON.readTree(summaries.get(1).toFile());
    assertThat(second.path("errors_total").asInt()).as("second run errors").isZero();
    for (int app = 0; app < APPS; app++) {
      int landedFirst = first.path("apps").get(app).path("instances_landed").asInt();
      int skippedSecond = second.path("apps").get(app).path("instances_skipped").asInt();
      assertThat(landedFirst).as("instances landed by the first run").isPositive();
      assertThat(skippedSecond)
          .as("instances the second run found already landed on S3")
          .isPositive();
    }
  }

  /** Uploads one gzip file under Apple's report name and one plain file under the slug. */
  private void uploadLegacyFiles() throws IOException {
    String dt = "dt=" + FIRST_DAY.plusDays(1);
    String gzipped =
        String.join(
            "\n",
            DOWNLOADS_HEADER,
            downloadsRow(FIRST_DAY.minusDays(1), LEGACY_GZIP_APP, 5),
            downloadsRow(FIRST_DAY, LEGACY_GZIP_APP, 7));
    String plain =
        String.join("\n", DOWNLOADS_HEADER, downloadsRow(FIRST_DAY, LEGACY_PLAIN_APP, 11));
    String root = prefix + "-legacy/appstore/raw/";
    try (S3Client s3 = S3ProxyExtension.client()) {
      s3.putObject(
          request ->
              request
                  .bucket(S3ProxyExtension.BUCKET)
                  .key(
                      root
                          + "App Downloads Standard/"
                          + dt
                          + "/app_id="
                          + LEGACY_GZIP_APP
                          + "/part-0.csv.gz"),
          RequestBody.fromBytes(gzip(gzipped + "\n")));
      s3.putObject(
          request ->
              request
                  .bucket(S3ProxyExtension.BUCKET)
                  .key(
                      root
                          + "app_downloads_standard/"
                          + dt
                          + "/app_id="
                          + LEGACY_PLAIN_APP
                          + "/report.txt"),
          RequestBody.fromString(plain + "\n", StandardCharsets.UTF_8));
    }
  }

  private static String downloadsRow(LocalDate date, long appId, long counts) {
    return String.join(
        "\t",
        date.toString(),
        "Legacy App",
        Long.toString(appId),
        "First-time download",
        "1.0",
        "iPhone",
        "iOS 18.1",
        "App Store search",
        "Product page",
        "",
        "Japan",
        Long.toString(counts));
  }

  private Path writeEnvFile() throws IOException {
    return Files.write(
        workDirectory.resolve("s3.env"),
        List.of(
            "S3_BUCKET=" + S3ProxyExtension.BUCKET,
            "S3_PREFIX=" + prefix,
            "AWS_REGION=" + S3ProxyServer.REGION,
            "S3_ENDPOINT_URL=" + S3ProxyExtension.endpoint(),
            "AWS_ACCESS_KEY_ID=" + S3ProxyServer.ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY=" + S3ProxyServer.SECRET_ACCESS_KEY));
  }

  /** Returns the object keys under {@code relativePrefix} of the test's prefix, relative to it. */
  private List<String> keys(String relativePrefix) {
    List<String> keys = new ArrayList<>();
    try (S3Client s3 = S3ProxyExtension.client()) {
      s3
          .listObjectsV2Paginator(
              request ->
                  request.bucket(S3ProxyExtension.BUCKET).prefix(prefix + "/" + relativePrefix))
          .contents()
          .stream()
          .map(S3Object::key)
          .forEach(key -> keys.add(key.substring(prefix.length() + 1)));
    }
    return keys;
  }

  private static String[] withOptions(List<String> arguments, List<String> options) {
    List<String> all = new ArrayList<>(arguments);
    all.addAll(options);
    return all.toArray(String[]::new);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
