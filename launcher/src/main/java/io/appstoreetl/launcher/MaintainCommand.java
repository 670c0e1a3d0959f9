package io.appstoreetl.launcher;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Compacts small files, expires old snapshots and removes orphan files of the local lake's tables
 * with the Spark job {@code io.appstoreetl.curation.MaintenanceJob}.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "Compact small files, expire old snapshots and remove orphan files of every table.")
final class MaintainCommand extends LauncherCommand {

  static final String MAINTENANCE_JOB = "io.appstoreetl.curation.MaintenanceJob";

  @Option(
      names = "--retain-days",
      paramLabel = "N",
      description =
          "Expire snapshots committed more than N days ago; the current one stays (default: 7).")
  Integer retainDays;

  @Option(
      names = "--older-than",
      paramLabel = "TIME",
      description =
          "Expire snapshots committed before this UTC time, such as 2025-03-01T00:00:00Z, instead of"
              + " using --retain-days.")
  String olderThan;

  @Option(
      names = "--orphan-age-hours",
      paramLabel = "H",
      description =
          "Delete unreferenced files only when older than H hours, so that files of a write in"
              + " progress stay (default: 72, at least 24).")
  Integer orphanAgeHours;

  @Option(
      names = "--min-input-files",
      paramLabel = "N",
      description = "Compact a partition when it has at least N data files (default: 5).")
  Integer minInputFiles;

  @Option(
      names = "--tables",
      paramLabel = "NAMES",
      description = "Comma-separated tables to maintain (default: all).")
  String tables;

  @Override
  public Integer call() {
    if (retainDays != null && olderThan != null) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid options: --retain-days and --older-than both set the snapshot cutoff (expected"
              + " one of them)");
    }
    List<String> jobArguments = new ArrayList<>();
    addOption(jobArguments, "--retain-days", retainDays);
    addOption(jobArguments, "--older-than", olderThan);
    addOption(jobArguments, "--orphan-age-hours", orphanAgeHours);
    addOption(jobArguments, "--min-input-files", minInputFiles);
    addOption(jobArguments, "--tables", tables);

    ProcessRunner.Result result =
        sparkJobRunner(EtlHome.locate()).run(MAINTENANCE_JOB, lake(), jobArguments);
    if (result.exitCode() == 2) {
      return ExitCodes.USAGE;
    }

    return result.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void addOption(List<String> arguments, String option, Object value) {
    if (value != null) {
      arguments.add(option);
      arguments.add(value.toString());
    }
  }
}
