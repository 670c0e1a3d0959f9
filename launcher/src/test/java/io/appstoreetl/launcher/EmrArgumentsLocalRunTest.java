package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.emr.CatalogSettings;
import io.appstoreetl.emr.EmrCommand;
import io.appstoreetl.emr.EmrContext;
import io.appstoreetl.emr.JobRunWatcher;
import io.appstoreetl.emr.SparkJob;
import io.appstoreetl.sandbox.GroundTruth;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Spark job through SparkSubmit with the arguments that {@code emr submit} sends to EMR
 * Serverless, switching only what cannot exist on a laptop: the Glue catalog becomes the local JDBC
 * catalog, and the jar and raw root become local paths.
 */
class EmrArgumentsLocalRunTest {

  private static final LocalDate DATE = LocalDate.of(2025, 7, 1);

  @TempDir Path directory;

  @Test
  void jobRunsWithEmrSubmitArguments() throws Exception {
    Lake lake = new Lake(directory.resolve("lake"));
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(5, 2, DATE);
    EtlHome home = EtlHome.locate();
    long expectedDownloads = 0;
    try (SandboxServer server = sandboxLake.start(settings, DATE.plusDays(1))) {
      Map<String, String> environment = new HashMap<>();
      environment.put("ASC_ISSUER_ID", settings.issuerId());
      environment.put("ASC_KEY_ID", SandboxLake.KEY_ID);
      environment.put("ASC_P8_PATH", sandboxLake.privateKeyFile().toString());
      environment.put("APPLE_VENDOR_NUMBER", server.config().vendorNumber());
      environment.put("APP_IDS", String.join(",", server.config().appIds()));
      ProcessRunner.Result extract =
          new ExtractorRunner(home, new ProcessRunner(System.out, System.err))
              .run(
                  lake,
                  List.of(
                      "extract",
                      "--sandbox",
                      "--api-base-url",
                      server.baseUrl(),
                      "--raw-root",
                      lake.raw().toString(),
                      "--date",
                      DATE.toString(),
                      "--sources",
                      "analytics"),
                  environment);
      assertThat(extract.exitCode()).as("extractor exit code").isZero();
      GroundTruth truth = server.groundTruth();
      for (String appId : server.config().appIds()) {
        expectedDownloads += truth.analyticsRows(appId, "App Downloads Standard", DATE).size();
        expectedDownloads += truth.analyticsRows(appId, "App Downloads Detailed", DATE).size();
      }
    }

    Map<String, String> awsEnvironment =
        Map.of(
            "S3_BUCKET", "example-lake",
            "S3_PREFIX", "appstore",
            "AWS_REGION", "us-east-1",
            "EMR_APPLICATION_ID", "00fexampleapp01",
            "EMR_EXECUTION_ROLE_ARN", "arn:aws:iam::111122223333:role/appstore-etl-job");
    EmrContext context =
        new EmrContext(
            awsEnvironment,
            directory,
            home.root(),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Clock.systemUTC(),
            JobRunWatcher.Sleeper.threadSleep());
    SparkJob emrJob =
        EmrCommand.sparkJob(context, "--from", DATE.toString(), "--to", DATE.toString());
    assertThat(emrJob.entryPointArguments()).contains("--raw-root", "--from", "--to");
    assertThat(emrJob.conf()).containsKey("spark.sql.defaultCatalog");

    String catalogName = emrJob.conf().get("spark.sql.defaultCatalog");
    SparkJob localJob =
        emrJob
            .withConf(
                CatalogSettings.localJdbc(
                    catalogName, lake.catalogUri(), lake.warehouse().toString()))
            .withEntryPoint(home.jobJar().toString())
            .withArgument("--raw-root", lake.raw().toUri().toString());
    ProcessRunner.Result curate =
        new SparkJobRunner(home, new ProcessRunner(System.out, System.err), "local[2]")
            .submit(localJob.sparkSubmitArguments(), lake.root());
    assertThat(curate.exitCode()).as("Spark job exit code").isZero();

    Map<String, List<Map<String, JsonNode>>> tables =
        TableRows.readTables(lake.root(), directory.resolve("rows.jsonl"), "downloads");
    assertThat(tables.get("downloads"))
        .as("downloads rows for %s written by the job with emr submit's arguments", DATE)
        .filteredOn(row -> row.get("metric_date").asText().equals(DATE.toString()))
        .filteredOn(row -> row.get("granularity").asText().equals("DAILY"))
        .hasSize((int) expectedDownloads);
  }
}
