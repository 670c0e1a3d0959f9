package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.sandbox.SandboxConfig;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The daily job: extract what Apple published, curate the metric dates it touched, and print what
 * landed.
 *
 * <p>With {@code --sandbox} it starts the App Store Connect sandbox on loopback and uses a
 * generated key, so it runs with no Apple account; the sandbox's Apple Ads is configured too, so
 * the run lands search terms. Without {@code --sandbox} Apple Ads runs only when {@code
 * APPLE_ADS_*} is set. Without it, it reads the configured key and vendor number ({@code
 * ASC_ISSUER_ID}, {@code ASC_KEY_ID}, {@code ASC_P8_PATH}, {@code APPLE_VENDOR_NUMBER}, {@code
 * APP_IDS}, or a {@code .env} file) and calls Apple's API.
 */
@Command(
    name = "daily",
    mixinStandardHelpOptions = true,
    description = "Extract, curate and summarise one day.")
final class DailyCommand extends LauncherCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--sandbox",
      description = "Run against the embedded App Store Connect sandbox instead of Apple.")
  boolean sandbox;

  @Option(
      names = "--apps",
      paramLabel = "N",
      description = "Sandbox only: number of apps (default: 3, or what the lake's sandbox used).")
  Integer appCount;

  @Option(
      names = "--app-id",
      paramLabel = "ID",
      description = "Extract only this app (repeatable); default: every configured app.")
  List<String> appIds = new ArrayList<>();

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description =
          "Metric date to extract and report (default: the latest day Apple has published, yesterday in UTC).")
  String date;

  @Option(
      names = "--all-apps",
      description = "Extract every app the key can see, also when APP_IDS lists some.")
  boolean allApps;

  @Option(
      names = "--granularity",
      paramLabel = "LIST",
      description =
          "Analytics and sales granularities, comma-separated from DAILY, WEEKLY, MONTHLY"
              + " (default: DAILY).")
  String granularity;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "Sandbox only: seed of the generated data for a new lake (default: ${DEFAULT-VALUE}).",
      defaultValue = "42")
  long seed;

  /**
   * Called with the sandbox once it has started, before the extractor runs. The soak benchmark
   * switches on faults here; the command line leaves it empty.
   */
  Consumer<SandboxServer> sandboxStarted = server -> {};

  /** Changes the sandbox's settings before it starts; the soak benchmark raises its rate limit. */
  UnaryOperator<SandboxConfig.Builder> sandboxSettings = UnaryOperator.identity();

  @Override
  public Integer call() {
    LocalDate metricDate = metricDate();
    for (String appId : appIds) {
      if (!appId.matches("[0-9]{1,20}")) {
        throw new LauncherException(
            ExitCodes.USAGE, "Invalid --app-id: " + appId + " (expected a numeric Apple id)");
      }
    }
    EtlHome home = EtlHome.locate();
    Lake lake = lake();
    createDirectories(lake);

    if (sandbox) {
      return runWithSandbox(home, lake, metricDate);
    }
    return runDaily(home, lake, metricDate, List.of(), Map.of());
  }

  private Integer runWithSandbox(EtlHome home, Lake lake, LocalDate metricDate) {
    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(seed, appCount, metricDate);
    // Apple publishes a day's first data the next day, so the sandbox's clock is the day after.
    LocalDate today = metricDate.plusDays(1);
    try (SandboxServer server = sandboxLake.start(settings, today, sandboxSettings)) {
      err.printf(
          "Sandbox: App Store Connect emulator at %s with %d apps, data from %s, today %s%n",
          server.baseUrl(), settings.appCount(), settings.historyStart(), today);
      sandboxStarted.accept(server);
      Map<String, String> environment = sandboxLake.extractorEnvironment(settings, server);
      List<String> extraArguments = List.of("--sandbox", "--api-base-url", server.baseUrl());
      int exitCode = runDaily(home, lake, metricDate, extraArguments, environment);
      new GroundTruthSummary(server.groundTruth(), server.config().appIds()).print(out, metricDate);
      return exitCode;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the sandbox", e);
    }
  }

  private Integer runDaily(
      EtlHome home,
      Lake lake,
      LocalDate metricDate,
      List<String> extraExtractorArguments,
      Map<String, String> environment) {
    Path summaryFile =
        lake.runsDirectory()
            .resolve("extract-" + metricDate + "-" + System.currentTimeMillis() + ".json");
    List<String> arguments = new ArrayList<>();
    arguments.add("extract");
    arguments.add("--raw-root");
    arguments.add(lake.extractorRawRoot());
    arguments.add("--date");
    arguments.add(metricDate.toString());
    arguments.add("--summary-file");
    arguments.add(summaryFile.toString());
    for (String appId : appIds) {
      arguments.add("--app-id");
      arguments.add(appId);
    }
    if (allApps) {
      arguments.add("--all-apps");
    }
    if (granularity != null) {
      arguments.add("--granularity");
      arguments.add(granularity);
    }
    arguments.addAll(extraExtractorArguments);

    err.printf(
        "Extract: landing what Apple published up to %s in %s%n",
        metricDate, lake.extractorRawRoot());
    ProcessRunner.Result extract =
        new ExtractorRunner(home, processRunner()).run(lake, arguments, environment);
    if (!Files.exists(summaryFile)) {
      throw new LauncherException(
          ExitCodes.FAILED,
          "Extractor failed with exit code " + extract.exitCode() + " and wrote no run summary");
    }
    JsonNode summary = readJson(summaryFile);
    TreeSet<LocalDate> dates = touchedDates(summary);
    dates.add(metricDate);
    out.printf(
        "Extracted: %d units landed, %d errors; metric dates to curate: %s%n",
        summary.path("units_landed").asInt(), summary.path("errors_total").asInt(), dates);

    List<String> jobArguments = curationArguments(lake, dates);
    jobArguments.addAll(singleTableDateArguments(summary));
    jobArguments.add("--summary-date");
    jobArguments.add(metricDate.toString());
    err.printf(
        "Curate: Spark job for %d metric dates into %s%n", dates.size(), lake.warehouseLocation());
    ProcessRunner.Result curate =
        sparkJobRunner(home).run(SparkJobRunner.CURATION_JOB, lake, jobArguments);
    if (curate.exitCode() != 0) {
      throw new LauncherException(
          ExitCodes.FAILED, "Spark curation job failed with exit code " + curate.exitCode());
    }
    if (extract.exitCode() != 0) {
      err.printf(
          "Extractor reported %d errors (exit code %d); see %s%n",
          summary.path("errors_total").asInt(), extract.exitCode(), summaryFile);
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  /**
   * Returns the Spark job's arguments that recompute {@code dates} (none when empty) from the
   * lake's raw zone.
   */
  static List<String> curationArguments(Lake lake, Collection<LocalDate> dates) {
    List<String> jobArguments = new ArrayList<>();
    jobArguments.add("--raw-root");
    jobArguments.add(lake.sparkRawRoot());
    if (!dates.isEmpty()) {
      jobArguments.add("--dates");
      jobArguments.add(joined(dates));
    }
    return jobArguments;
  }

  /**
   * Returns the Spark job's arguments for the dates that only one table needs: the days Apple Ads
   * restated ({@code search_terms}) and the creation dates of the reviews landed ({@code reviews}).
   * Recomputing every table for them would rewrite partitions whose raw inputs did not change.
   */
  static List<String> singleTableDateArguments(JsonNode summary) {
    List<String> jobArguments = new ArrayList<>();
    TreeSet<LocalDate> searchTermsDates =
        dates(summary.path("apple_ads").path("touched_metric_dates"));
    if (!searchTermsDates.isEmpty()) {
      jobArguments.add("--search-terms-dates");
      jobArguments.add(joined(searchTermsDates));
    }
    TreeSet<LocalDate> reviewsDates = dates(summary.path("reviews_touched_metric_dates"));
    if (!reviewsDates.isEmpty()) {
      jobArguments.add("--reviews-dates");
      jobArguments.add(joined(reviewsDates));
    }
    return jobArguments;
  }

  /** Returns the metric dates of the run summary's {@code touched_metric_dates}, sorted. */
  static TreeSet<LocalDate> touchedDates(JsonNode summary) {
    return dates(summary.path("touched_metric_dates"));
  }

  private static TreeSet<LocalDate> dates(JsonNode array) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (JsonNode touched : array) {
      dates.add(LocalDate.parse(touched.asText()));
    }
    return dates;
  }

  private static String joined(Collection<LocalDate> dates) {
    return String.join(",", dates.stream().map(LocalDate::toString).toList());
  }

  private LocalDate metricDate() {
    if (date == null) {
      return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid --date: " + date + " (expected YYYY-MM-DD)");
    }
  }

  private static void createDirectories(Lake lake) {
    try {
      if (lake.s3Lake() == null) {
        Files.createDirectories(lake.raw());
      }
      Files.createDirectories(lake.runsDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create lake folders under " + lake.root(), e);
    }
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
