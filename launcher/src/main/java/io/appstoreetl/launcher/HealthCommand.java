package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.appstoreetl.emr.AwsClients;
import io.appstoreetl.emr.AwsSettings;
import io.appstoreetl.emr.CatalogSettings;
import io.appstoreetl.emr.S3Lake;
import io.appstoreetl.launcher.health.HealthAlerts;
import io.appstoreetl.launcher.health.HealthCheck;
import io.appstoreetl.launcher.health.HealthClients;
import io.appstoreetl.launcher.health.HealthReadException;
import io.appstoreetl.launcher.health.HealthReport;
import io.appstoreetl.launcher.health.HealthSettings;
import io.appstoreetl.launcher.health.LakeFacts;
import io.appstoreetl.launcher.health.PublishingSchedule;
import io.appstoreetl.launcher.health.RawFacts;
import io.appstoreetl.launcher.health.RawZoneReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Checks that every table is as fresh as Apple's publishing allows, that no date is missing, that
 * no ONGOING request stopped and that the last runs succeeded (see docs/operations.md).
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Check the freshness of every table, missing dates, stopped requests and the last runs.",
      "Exit code 0 when healthy, 1 when anything is stale, missing or failing, 3 when the lake"
          + " cannot be read."
    })
final class HealthCommand extends LauncherCommand {
  static final String HEALTH_JOB = "io.appstoreetl.curation.health.HealthJob";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--days",
      paramLabel = "N",
      description = "Look for missing dates in the last N days (default: ${DEFAULT-VALUE}).",
      defaultValue = "35")
  int days;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--alert",
      description =
          "When unhealthy, send the problems to every configured target: HEALTH_WEBHOOK_URL,"
              + " HEALTH_SNS_TOPIC_ARN, HEALTH_CLOUDWATCH_NAMESPACE.")
  boolean alert;

  @Option(
      names = "--aws",
      description =
          "Check the lake on AWS: the raw zone under S3_BUCKET/S3_PREFIX and the tables in the"
              + " Glue database GLUE_DB, instead of the lake of --lake (or --s3).")
  boolean aws;

  @Option(
      names = "--now",
      paramLabel = "TIME",
      description = "Check as of this UTC time, e.g. 2025-01-10T07:00:00Z (default: now).")
  String nowText;

  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() {
    if (days < 1 || days > 400) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid --days: " + days + " (expected 1 to 400)");
    }
    Instant now = parseNow(nowText);
    if (aws && s3) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid options: --aws and --s3 cannot be combined (--aws checks the lake on AWS with"
              + " the Glue catalog, --s3 the lake on S3 with the catalog database in --lake)");
    }
    HealthSettings settings = healthSettings();
    if (alert) {
      checkAlertTargets(settings);
    }

    LocalDate since = HealthCheck.windowStart(now, days);
    LocalDate until = now.atZone(ZoneOffset.UTC).toLocalDate();
    RawFacts rawFacts;
    LakeFacts lakeFacts;
    try {
      if (aws) {
        AwsSettings awsSettings = configured(settings::aws);
        S3Lake s3Lake = s3Lake(settings);
        // S3_ENDPOINT_URL for S3 alone, else AWS_ENDPOINT_URL as for every other client.
        URI s3Setting = configured(() -> settings.endpoint(HealthSettings.S3_ENDPOINT_URL));
        URI s3Endpoint = s3Setting == null ? awsSettings.endpointOverride() : s3Setting;
        try (S3Client s3 = AwsClients.s3(withEndpoint(awsSettings, s3Endpoint))) {
          rawFacts =
              RawFacts.read(
                  RawZoneReader.s3(s3, s3Lake.bucket(), s3Lake.key("raw/")), since, until);
        }
        lakeFacts = readTablesOnGlue(settings, awsSettings, s3Lake, s3Endpoint, since, until);
      } else {
        Lake lake = lake();
        requireExists(lake.root(), "the lake folder");
        requireExists(lake.catalogDatabase(), "the Iceberg catalog");
        if (lake.s3Lake() == null) {
          requireExists(lake.raw(), "the raw zone");
          rawFacts = RawFacts.read(RawZoneReader.local(lake.raw()), since, until);
        } else {
          try (S3Client s3 = AwsClients.s3(lake.s3Access().awsSettings())) {
            rawFacts =
                RawFacts.read(
                    RawZoneReader.s3(s3, lake.s3Lake().bucket(), lake.s3Lake().key("raw/")),
                    since,
                    until);
          }
        }
        Map<String, String> environment =
            lake.s3Access() == null ? Map.of() : lake.s3Access().environment();
        lakeFacts =
            readTables(
                lake.root(),
                SparkJobRunner.s3Conf(lake),
                SparkJobRunner.catalogArguments(lake),
                environment,
                since,
                until);
      }
    } catch (HealthReadException e) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE, "Cannot read the lake: " + e.getMessage());
    }

    HealthReport report = HealthCheck.evaluate(lakeFacts, rawFacts, now, days);
    if (json) {
      try {
        out.println(JSON.writeValueAsString(report.toJson(JSON)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else {
      out.print(report.toText());
    }
    out.flush();

    if (alert && !report.healthy()) {
      sendAlerts(settings, report);
    }
    return report.healthy() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private HealthSettings healthSettings() {
    return configured(() -> HealthSettings.load(environment, envFile.toAbsolutePath()));
  }

  private void checkAlertTargets(HealthSettings settings) {
    configured(
        () -> {
          if (settings.webhook() == null
              && settings.snsTopicArn() == null
              && settings.cloudWatchNamespace() == null) {
            throw new IllegalArgumentException(
                "--alert needs at least one of "
                    + HealthSettings.WEBHOOK_URL
                    + ", "
                    + HealthSettings.SNS_TOPIC_ARN
                    + " or "
                    + HealthSettings.CLOUDWATCH_NAMESPACE);
          }
          if (settings.snsTopicArn() != null || settings.cloudWatchNamespace() != null) {
            settings.aws();
          }
          return null;
        });
  }

  private void sendAlerts(HealthSettings settings, HealthReport report) {
    List<String> failures = new ArrayList<>();
    URI webhook = settings.webhook();
    if (webhook != null) {
      try {
        HealthAlerts.postWebhook(webhook, report);
        err.println("Sent the alert to webhook " + HealthSettings.redact(webhook));
      } catch (IOException e) {
        failures.add(e.getMessage());
      }
    }
    String topic = settings.snsTopicArn();
    if (topic != null) {
      try (SnsClient sns = HealthClients.sns(settings.aws())) {
        String id = HealthAlerts.publishSns(sns, topic, report);
        err.println("Published the alert to SNS topic " + topic + " (message " + id + ")");
      } catch (SdkException e) {
        failures.add("Cannot publish the alert to SNS topic " + topic + ": " + e.getMessage());
      }
    }
    String namespace = settings.cloudWatchNamespace();
    if (namespace != null) {
      try (CloudWatchClient cloudWatch = HealthClients.cloudWatch(settings.aws())) {
        HealthAlerts.putMetrics(cloudWatch, namespace, report);
        err.println("Sent the health metrics to CloudWatch namespace " + namespace);
      } catch (SdkException e) {
        failures.add(
            "Cannot send the health metrics to CloudWatch namespace "
                + namespace
                + ": "
                + e.getMessage());
      }
    }
    failures.forEach(failure -> err.println("Error: " + failure));
  }

  private LakeFacts readTablesOnGlue(
      HealthSettings settings,
      AwsSettings awsSettings,
      S3Lake s3Lake,
      URI s3Endpoint,
      LocalDate since,
      LocalDate until) {
    String database = settings.value("GLUE_DB") == null ? Lake.DATABASE : settings.value("GLUE_DB");
    URI glueEndpoint = configured(() -> settings.endpoint(HealthSettings.GLUE_ENDPOINT_URL));
    Map<String, String> conf =
        configured(
            () ->
                CatalogSettings.glueOutsideEmr(
                    Lake.CATALOG_NAME,
                    s3Lake.warehouse(),
                    glueEndpoint == null ? awsSettings.endpointOverride() : glueEndpoint,
                    s3Endpoint,
                    awsSettings.region()));
    // The Spark process gets the region and the credentials through its environment only, so no
    // secret appears on its command line.
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("AWS_REGION", awsSettings.region());
    putIfSet(environment, "AWS_ACCESS_KEY_ID", awsSettings.accessKeyId());
    putIfSet(environment, "AWS_SECRET_ACCESS_KEY", awsSettings.secretAccessKey());
    putIfSet(environment, "AWS_SESSION_TOKEN", awsSettings.sessionToken());
    if (s3Endpoint != null) {
      // S3-compatible servers such as S3Proxy reject the checksum trailers that the SDK sends by
      // default. S3FileIO reads these two variables.
      environment.put("AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED");
      environment.put("AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");
    }
    List<String> catalogArguments =
        List.of("--catalog-name", Lake.CATALOG_NAME, "--database", database);
    return readTables(
        Path.of("").toAbsolutePath(), conf, catalogArguments, environment, since, until);
  }

  private static void putIfSet(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Returns {@code settings} with {@code s3Endpoint}, when set, as its endpoint override. */
  private static AwsSettings withEndpoint(AwsSettings settings, URI s3Endpoint) {
    if (s3Endpoint == null) {
      return settings;
    }
    return new AwsSettings(
        settings.region(),
        s3Endpoint,
        settings.accessKeyId(),
        settings.secretAccessKey(),
        settings.sessionToken());
  }

  /** Runs the Spark job that reads the tables and parses its output file. */
  private LakeFacts readTables(
      Path workingDirectory,
      Map<String, String> conf,
      List<String> catalogArguments,
      Map<String, String> environment,
      LocalDate since,
      LocalDate until) {
    Path output;
    try {
      output = Files.createTempFile("appstore-etl-health-", ".json");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a temporary file", e);
    }
    try {
      EtlHome home = EtlHome.locate();
      List<String> submit = new ArrayList<>();
      conf.forEach(
          (key, value) -> {
            submit.add("--conf");
            submit.add(key + "=" + value);
          });
      submit.add("--conf");
      submit.add("spark.sql.shuffle.partitions=4");
      submit.add("--class");
      submit.add(HEALTH_JOB);
      submit.add(home.jobJar().toString());
      submit.addAll(catalogArguments);
      submit.add("--tables");
      submit.add(
          PublishingSchedule.rules().stream()
              .map(PublishingSchedule.Rule::table)
              .collect(Collectors.joining(",")));
      submit.add("--since");
      submit.add(since.toString());
      submit.add("--until");
      submit.add(until.toString());
      submit.add("--output");
      submit.add(output.toString());
      // The job's stdout goes to stderr, so that stdout holds only the report.
      SparkJobRunner runner = new SparkJobRunner(home, new ProcessRunner(err, err), sparkMaster);
      ProcessRunner.Result result = runner.submit(submit, workingDirectory, environment);
      JsonNode facts = null;
      if (Files.size(output) > 0) {
        facts = JSON.readTree(output.toFile());
      }
      if (result.exitCode() == 3) {
        throw new HealthReadException(
            facts == null
                ? "the Spark job could not read the catalog"
                : facts.path("error").asText());
      }
      if (result.exitCode() != 0 || facts == null) {
        throw new LauncherException(
            ExitCodes.UNEXPECTED_STATE,
            "The health job failed with exit code "
                + result.exitCode()
                + (facts == null ? "" : ": " + facts.path("error").asText()));
      }
      return LakeFacts.fromJson(facts);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the health job's output " + output, e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        err.println("Cannot delete " + output + ": " + e.getMessage());
      }
    }
  }

  private S3Lake s3Lake(HealthSettings settings) {
    String bucket = settings.value("S3_BUCKET");
    if (bucket == null) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE, "Missing setting S3_BUCKET (needed by health --aws)");
    }
    String prefix = settings.value("S3_PREFIX");
    return configured(() -> new S3Lake(bucket, prefix == null ? "" : prefix));
  }

  private static void requireExists(Path path, String what) {
    if (!Files.exists(path)) {
      throw new HealthReadException(what + " " + path + " does not exist");
    }
  }

  private static <T> T configured(java.util.function.Supplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IllegalArgumentException e) {
      throw new LauncherException(ExitCodes.USAGE, e.getMessage());
    }
  }
}
