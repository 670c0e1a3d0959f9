package io.appstoreetl.launcher;

import io.appstoreetl.emr.AwsClients;
import io.appstoreetl.launcher.health.HealthReadException;
import io.appstoreetl.launcher.health.RawZoneReader;
import io.appstoreetl.launcher.report.HtmlReport;
import io.appstoreetl.launcher.report.ReportData;
import io.appstoreetl.launcher.report.ReportQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes one self-contained HTML page with a freshness matrix and per-app daily charts, from one
 * query over the local lake's tables run by the Spark query job.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Write an HTML report: freshness per app and table, and daily charts of downloads,"
            + " impressions, conversion, sessions and proceeds.")
final class ReportCommand extends LauncherCommand {

  static final int MAX_DAYS = 366;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "HTML file to write, such as report.html.")
  Path outFile;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "30",
      description =
          "Days of charts, ending the day before the UTC date of --now (default:"
              + " ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--now",
      paramLabel = "TIME",
      description =
          "Measure freshness as of this UTC time, e.g. 2025-01-10T07:00:00Z (default: now).")
  String nowText;

  @Override
  public Integer call() {
    if (days < 1 || days > MAX_DAYS) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid --days: " + days + " (expected 1 to " + MAX_DAYS + ")");
    }
    Instant now = parseNow(nowText);
    LocalDate to = now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate from = to.minusDays(days - 1L);
    Lake lake = lake();

    ReportData data = new ReportData();
    String sql = ReportQuery.sql(existingTables(lake), from, to);
    if (sql != null) {
      data = ReportQuery.read(query(lake, sql));
    }

    String html = HtmlReport.render(data, from, to, now);
    Path file = outFile.toAbsolutePath();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LauncherException(
          ExitCodes.FAILED, "Cannot write report " + file + ": " + e.getMessage());
    }
    out.println(
        "Wrote "
            + file
            + ": "
            + data.appIds().size()
            + " apps, metric dates "
            + from
            + " to "
            + to);

    return ExitCodes.OK;
  }

  /**
   * Returns the tables of the lake: folders of the warehouse that have Iceberg metadata, in the
   * local warehouse folder or, for a lake on S3, under its warehouse prefix.
   */
  static Set<String> existingTables(Lake lake) {
    if (lake.s3Lake() != null) {
      return existingTablesOnS3(lake);
    }
    Path database = lake.warehouse().resolve(Lake.DATABASE);
    Set<String> tables = new TreeSet<>();
    if (!Files.isDirectory(database)) {
      return tables;
    }
    try (Stream<Path> folders = Files.list(database)) {
      folders
          .filter(folder -> Files.isDirectory(folder.resolve("metadata")))
          .forEach(folder -> tables.add(folder.getFileName().toString()));
    } catch (IOException e) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE, "Cannot list tables in " + database + ": " + e.getMessage());
    }

    return tables;
  }

  private static Set<String> existingTablesOnS3(Lake lake) {
    Set<String> tables = new TreeSet<>();
    try (S3Client s3 = AwsClients.s3(lake.s3Access().awsSettings())) {
      RawZoneReader warehouse =
          RawZoneReader.s3(s3, lake.s3Lake().bucket(), lake.s3Lake().key("warehouse/"));
      String database = Lake.DATABASE + "/";
      for (String name : warehouse.list(database)) {
        if (name.endsWith("/") && warehouse.list(database + name).contains("metadata/")) {
          tables.add(name.substring(0, name.length() - 1));
        }
      }
    } catch (HealthReadException e) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE, "Cannot list the tables: " + e.getMessage());
    }

    return tables;
  }

  private List<String> query(Lake lake, String sql) {
    Path result;
    try {
      result = Files.createTempFile("appstore-etl-report-", ".jsonl");
    } catch (IOException e) {
      throw new LauncherException(
          ExitCodes.UNEXPECTED_STATE, "Cannot create a temporary file: " + e.getMessage());
    }
    try {
      List<String> jobArguments =
          List.of("--sql", sql, "--format", "jsonl", "--output", result.toString());
      ProcessRunner.Result run =
          sparkJobRunner(EtlHome.locate()).run(SparkJobRunner.QUERY_JOB, lake, jobArguments);
      if (run.exitCode() != 0) {
        throw new LauncherException(
            ExitCodes.FAILED,
            "Cannot read the tables for the report: the query job exited with " + run.exitCode());
      }
      return Files.readAllLines(result, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LauncherException(
          ExitCodes.FAILED, "Cannot read the report query result: " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(result);
      } catch (IOException e) {
        err.println("Cannot delete " + result + ": " + e.getMessage());
      }
    }
  }
}
