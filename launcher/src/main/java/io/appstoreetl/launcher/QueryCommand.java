package io.appstoreetl.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs Spark SQL over the curated tables of the local lake. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = "Run a SQL query over the tables (Spark SQL; tables are appstore.<name>).")
final class QueryCommand extends LauncherCommand {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SQL",
      description = "The query, e.g. \"SELECT * FROM appstore.downloads LIMIT 10\".")
  String sql;

  @Option(
      names = "--named",
      paramLabel = "NAME",
      description =
          "Run a ready-made query instead of SQL: review-topics (the top topics of each app's"
              + " reviews) or review-sentiment (the sentiment trend per app and week).")
  String named;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: table, tsv or jsonl (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the result to FILE instead of stdout.")
  Path output;

  @Override
  public Integer call() {
    if (!List.of("table", "tsv", "jsonl").contains(format)) {
      throw new LauncherException(
          ExitCodes.USAGE, "Invalid --format: " + format + " (expected table, tsv or jsonl)");
    }
    if ((sql == null) == (named == null)) {
      throw new LauncherException(
          ExitCodes.USAGE,
          "Invalid query: give either SQL or --named NAME, not both and not neither");
    }
    List<String> jobArguments = new ArrayList<>();
    jobArguments.add(sql != null ? "--sql" : "--named");
    jobArguments.add(sql != null ? sql : named);
    jobArguments.add("--format");
    jobArguments.add(format);
    if (output != null) {
      jobArguments.add("--output");
      jobArguments.add(output.toAbsolutePath().toString());
    }
    ProcessRunner.Result result =
        sparkJobRunner(EtlHome.locate()).run(SparkJobRunner.QUERY_JOB, lake(), jobArguments);
    return result.exitCode() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
