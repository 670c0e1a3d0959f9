package io.appstoreetl.launcher;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Spark job over a range of metric dates, with the arguments spark-submit would get. */
@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description = "Recompute the tables for a range of metric dates from the raw zone.")
final class CurateCommand extends LauncherCommand {

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
      names = "--tables",
      paramLabel = "NAMES",
      description = "Comma-separated tables to curate (default: all).")
  String tables;

  @Override
  public Integer call() {
    LocalDate first = parseDate("--from", from);
    LocalDate last = parseDate("--to", to);
    if (last.isBefore(first)) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid --to: " + to + " (expected a date on or after --from " + from + ")");
    }
    Lake lake = lake();
    List<String> jobArguments = new ArrayList<>();
    jobArguments.add("--raw-root");
    jobArguments.add(lake.sparkRawRoot());
    jobArguments.add("--from");
    jobArguments.add(first.toString());
    jobArguments.add("--to");
    jobArguments.add(last.toString());
    if (tables != null) {
      jobArguments.add("--tables");
      jobArguments.add(tables);
    }
    ProcessRunner.Result result =
        sparkJobRunner(EtlHome.locate()).run(SparkJobRunner.CURATION_JOB, lake, jobArguments);
    return result.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid " + option + ": " + value + " (expected YYYY-MM-DD)");
    }
  }
}
