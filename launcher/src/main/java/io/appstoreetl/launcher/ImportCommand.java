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
import picocli.CommandLine.Parameters;

/**
 * Lands Sales and Trends files that a user downloaded from App Store Connect and curates them into
 * the {@code sales} table.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Land downloaded Sales and Trends files (28-, 22- or 20-column, plain or gzip) and curate them into sales.")
final class ImportCommand extends LauncherCommand {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import.")
  List<Path> files;

  @Override
  public Integer call() {
    EtlHome home = EtlHome.locate();
    Lake lake = lake();
    Path summaryFile =
        lake.runsDirectory().resolve("import-" + System.currentTimeMillis() + ".json");
    try {
      Files.createDirectories(lake.raw());
      Files.createDirectories(lake.runsDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create lake folders under " + lake.root(), e);
    }

    List<String> arguments = new ArrayList<>();
    arguments.add("import");
    arguments.add("--raw-root");
    arguments.add(lake.raw().toString());
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
    jobArguments.add(lake.raw().toUri().toString());
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
}
