package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lands analytics history older than Apple's 35-day retention through a ONE_TIME_SNAPSHOT request,
 * then curates the metric dates it touched, as the daily job does.
 *
 * <p>Apple allows one snapshot request per app and month; the extractor reuses an existing one, and
 * a second backfill over the same range lands nothing twice.
 */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = "Land and curate analytics history for a range of metric dates.")
final class BackfillCommand extends LauncherCommand {

  /** Days after {@code --to} that the sandbox's clock is set to: past the 35-day retention. */
  static final int SANDBOX_DAYS_AFTER_RANGE = 40;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "First metric date.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "Last metric date (inclusive).")
  String to;

  @Option(
      names = "--app-id",
      paramLabel = "ID",
      description = "Backfill only this app (repeatable); default: every configured app.")
  List<String> appIds = new ArrayList<>();

  @Option(
      names = "--sandbox",
      description =
          "Run against the embedded sandbox, with its clock "
              + SANDBOX_DAYS_AFTER_RANGE
              + " days after --to, so that only a snapshot still holds the range.")
  boolean sandbox;

  @Option(
      names = "--apps",
      paramLabel = "N",
      description = "Sandbox only: number of apps (default: 3, or what the lake's sandbox used).")
  Integer appCount;

  @Override
  public Integer call() {
    LocalDate first = CurateCommand.parseDate("--from", from);
    LocalDate last = CurateCommand.parseDate("--to", to);
    if (last.isBefore(first)) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid --to: " + to + " (expected a date on or after --from " + from + ")");
    }
    EtlHome home = EtlHome.locate();
    Lake lake = lake();
    try {
      Files.createDirectories(lake.runsDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create lake folders under " + lake.root(), e);
    }
    if (!sandbox) {
      return backfill(home, lake, first, last, List.of(), Map.of());
    }

    SandboxLake sandboxLake = new SandboxLake(lake);
    SandboxLake.Settings settings = sandboxLake.settings(42, appCount, first);
    LocalDate today = last.plusDays(SANDBOX_DAYS_AFTER_RANGE);
    try (SandboxServer server = sandboxLake.start(settings, today)) {
      err.printf(
          "Sandbox: App Store Connect emulator at %s, data from %s, today %s%n",
          server.baseUrl(), settings.historyStart(), today);
      return backfill(
          home,
          lake,
          first,
          last,
          List.of("--sandbox", "--api-base-url", server.baseUrl()),
          sandboxLake.extractorEnvironment(settings, server));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the sandbox", e);
    }
  }

  private int backfill(
      EtlHome home,
      Lake lake,
      LocalDate first,
      LocalDate last,
      List<String> extraArguments,
      Map<String, String> environment) {
    Path summaryFile =
        lake.runsDirectory()
            .resolve("backfill-" + first + "-" + last + "-" + System.currentTimeMillis() + ".json");
    List<String> arguments = new ArrayList<>();
    arguments.addAll(
        List.of(
            "backfill",
            "--raw-root",
            lake.extractorRawRoot(),
            "--from",
            first.toString(),
            "--to",
            last.toString(),
            "--summary-file",
            summaryFile.toString()));
    for (String appId : appIds) {
      arguments.add("--app-id");
      arguments.add(appId);
    }
    arguments.addAll(extraArguments);
    ProcessRunner.Result extract =
        new ExtractorRunner(home, processRunner()).run(lake, arguments, environment);
    if (!Files.exists(summaryFile)) {
      throw new LauncherException(
          ExitCodes.FAILED,
          "Backfill failed with exit code " + extract.exitCode() + " and wrote no run summary");
    }
    JsonNode summary = DailyCommand.readJson(summaryFile);
    TreeSet<LocalDate> dates = DailyCommand.touchedDates(summary);
    out.printf(
        "Backfill: %d units landed, %d errors; metric dates to curate: %d%n",
        summary.path("units_landed").asInt(), summary.path("errors_total").asInt(), dates.size());
    List<String> singleTableDates = DailyCommand.singleTableDateArguments(summary);
    if (!dates.isEmpty() || !singleTableDates.isEmpty()) {
      List<String> jobArguments = DailyCommand.curationArguments(lake, dates);
      jobArguments.addAll(singleTableDates);
      ProcessRunner.Result curate =
          sparkJobRunner(home).run(SparkJobRunner.CURATION_JOB, lake, jobArguments);
      if (curate.exitCode() != 0) {
        throw new LauncherException(
            ExitCodes.FAILED, "Spark curation job failed with exit code " + curate.exitCode());
      }
    }
    return extract.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
