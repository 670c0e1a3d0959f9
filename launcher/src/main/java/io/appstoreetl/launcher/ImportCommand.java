package io.appstoreetl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
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
import picocli.CommandLine.Parameters;

/**
 * Lands Sales and Trends files that a user downloaded from App Store Connect and curates them into
 * the {@code sales} table; or, with {@code --legacy-root}, curates the old pipeline's analytics
 * files from a folder or an S3 prefix.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Land downloaded Sales and Trends files (28-, 22- or 20-column, plain or gzip) and curate them into sales.",
      "With --legacy-root, curate the old pipeline's layout appstore/raw/<report>/dt=YYYY-MM-DD/app_id=<id>/"
          + " (plain or gzip analytics files) for the metric dates --from to --to instead."
    })
final class ImportCommand extends LauncherCommand {

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description = "Sales and Trends files to import.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--legacy-root",
      paramLabel = "URI",
      description =
          "Folder or s3://bucket/prefix that holds the old pipeline's appstore/raw/ layout (or is"
              + " that folder); S3 needs AWS_REGION, and S3_ENDPOINT_URL for an S3-compatible"
              + " server.")
  String legacyRoot;

  @Option(
      names = "--from",
      paramLabel = "YYYY-MM-DD",
      description = "With --legacy-root: first metric date to curate.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "YYYY-MM-DD",
      description = "With --legacy-root: last metric date to curate (inclusive).")
  String to;

  @Override
  boolean needsS3Access() {
    return legacyRoot != null && S3Access.isS3(legacyRoot);
  }

  @Override
  public Integer call() {
    if (legacyRoot != null) {
      return importLegacy();
    }
    if (files.isEmpty()) {
      throw new LauncherException(
          ExitCodes.USAGE, "Missing FILE arguments or --legacy-root (what to import)");
    }
    if (from != null || to != null) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid --from/--to: they apply to --legacy-root only (a file's dates come from its rows)");
    }

    EtlHome home = EtlHome.locate();
    Lake lake = lake();
    Path summaryFile =
        lake.runsDirectory().resolve("import-" + System.currentTimeMillis() + ".json");
    try {
      if (lake.s3Lake() == null) {
        Files.createDirectories(lake.raw());
      }
      Files.createDirectories(lake.runsDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create lake folders under " + lake.root(), e);
    }

    List<String> arguments = new ArrayList<>();
    arguments.add("import");
    arguments.add("--raw-root");
    arguments.add(lake.extractorRawRoot());
    arguments.add("--summary-file");
    arguments.add(summaryFile.toString());
    for (Path file : files) {
      arguments.add(file.toAbsolutePath().toString());
    }
    ProcessRunner.Result imported =
        new ExtractorRunner(home, processRunner()).run(lake, arguments, Map.of());
    if (!Files.exists(summaryFile)) {
      throw new LauncherException(
          ExitCodes.FAILED,
          "Import failed with exit code " + imported.exitCode() + " and wrote no summary");
    }
    JsonNode summary = DailyCommand.readJson(summaryFile);
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (JsonNode file : summary.path("files")) {
      if ("landed".equals(file.path("status").asText())) {
        out.printf(
            "Landed %s: %s layout, %d rows, metric dates %s%n",
            file.path("file").asText(),
            file.path("layout").asText(),
            file.path("row_count").asLong(),
            file.path("metric_dates"));
        for (JsonNode date : file.path("metric_dates")) {
          dates.add(LocalDate.parse(date.asText()));
        }
      } else {
        out.printf("Rejected %s: %s%n", file.path("file").asText(), file.path("error").asText());
      }
    }
    if (dates.isEmpty()) {
      err.println("Import: no file was landed, nothing to curate");
      return ExitCodes.FAILED;
    }

    List<String> jobArguments = new ArrayList<>();
    jobArguments.add("--raw-root");
    jobArguments.add(lake.sparkRawRoot());
    jobArguments.add("--tables");
    jobArguments.add("sales");
    jobArguments.add("--dates");
    jobArguments.add(String.join(",", dates.stream().map(LocalDate::toString).toList()));
    ProcessRunner.Result curate =
        sparkJobRunner(home).run(SparkJobRunner.CURATION_JOB, lake, jobArguments);
    if (curate.exitCode() != 0) {
      throw new LauncherException(
          ExitCodes.FAILED, "Spark curation job failed with exit code " + curate.exitCode());
    }
    return imported.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * Runs the Spark job over the metric dates with the legacy layout as a second source. The legacy
   * units compete with the raw zone's units as the job's {@code --legacy-root} describes; their
   * unreadable files go to {@code quarantine}.
   */
  private int importLegacy() {
    if (!files.isEmpty()) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid FILE arguments with --legacy-root: import Sales and Trends files in a separate"
              + " run");
    }
    if (from == null || to == null) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Missing --from or --to: --legacy-root needs the range of metric dates to curate");
    }
    LocalDate first = CurateCommand.parseDate("--from", from);
    LocalDate last = CurateCommand.parseDate("--to", to);
    if (last.isBefore(first)) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid --to: " + to + " (expected a date on or after --from " + from + ")");
    }
    String legacy =
        legacyRoot.contains("://") ? legacyRoot : Path.of(legacyRoot).toAbsolutePath().toString();

    Lake lake = lake();
    List<String> jobArguments = new ArrayList<>();
    jobArguments.add("--raw-root");
    jobArguments.add(lake.sparkRawRoot());
    jobArguments.add("--legacy-root");
    jobArguments.add(S3Access.forLocalSpark(legacy));
    jobArguments.add("--from");
    jobArguments.add(first.toString());
    jobArguments.add("--to");
    jobArguments.add(last.toString());
    err.printf("Import: curating %s to %s with the legacy layout at %s%n", first, last, legacyRoot);
    ProcessRunner.Result curate =
        sparkJobRunner(EtlHome.locate()).run(SparkJobRunner.CURATION_JOB, lake, jobArguments);
    if (curate.exitCode() != 0) {
      throw new LauncherException(
          ExitCodes.FAILED, "Spark curation job failed with exit code " + curate.exitCode());
    }
    return ExitCodes.OK;
  }
}
