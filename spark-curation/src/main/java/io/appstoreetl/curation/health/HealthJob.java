package io.appstoreetl.curation.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.appstoreetl.curation.CatalogOptions;
import io.appstoreetl.curation.SparkSessions;
import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the health check needs from the tables and writes it as one JSON file.
 *
 * <p>Run it with {@code spark-submit --class io.appstoreetl.curation.health.HealthJob <jar>
 * --catalog-uri jdbc:sqlite:<path> --warehouse <URI or path> [--catalog-name lake] [--database
 * appstore] --tables downloads,sales --since YYYY-MM-DD --until YYYY-MM-DD --output FILE}. With a
 * Glue catalog in the Spark conf, leave out {@code --catalog-uri} and {@code --warehouse}.
 *
 * <p>For each table it writes the first and last DAILY metric date per app (and over all apps), the
 * DAILY metric dates from {@code --since} to {@code --until} per app and over all apps, and the
 * dates that {@code load_audit} records as won by an {@code empty} unit (a day known to have no
 * rows). It also writes the latest row of each {@code run_kind} of {@code runs}. Exit code 0 when
 * the file is written, 3 when the catalog or the database cannot be read (the file then contains
 * {@code error}), 1 on any other failure, 2 on invalid arguments.
 */
public final class HealthJob {
  private static final Logger LOG = LoggerFactory.getLogger(HealthJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]{1,64}");

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_INVALID_ARGUMENTS = 2;
  public static final int EXIT_LAKE_UNREADABLE = 3;

  static final String USAGE =
      "Usage: HealthJob [--catalog-uri jdbc:sqlite:<path> --warehouse <URI or path>]"
          + " [--catalog-name lake] [--database appstore] --tables t1,t2 --since YYYY-MM-DD"
          + " --until YYYY-MM-DD --output FILE";

  /** The job's arguments. */
  public record Arguments(
      CatalogOptions catalog, List<String> tables, LocalDate since, LocalDate until, File output) {}

  private HealthJob() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    Arguments arguments;
    try {
      arguments = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      return EXIT_INVALID_ARGUMENTS;
    }

    SparkSession spark = SparkSessions.create("appstore-etl health");
    try {
      return write(spark, arguments);
    } finally {
      spark.stop();
    }
  }

  /** Reads the tables and writes the output file; returns the exit code. */
  public static int write(SparkSession spark, Arguments arguments) {
    ObjectNode result = JSON.createObjectNode();
    int exitCode = EXIT_OK;
    try {
      SparkSessions.configureCatalog(spark, arguments.catalog());
      String database = arguments.catalog().name() + "." + arguments.catalog().database();
      Set<String> existing;
      try {
        existing = tableNames(spark, database);
      } catch (RuntimeException e) {
        LOG.error("Cannot read the catalog", e);
        result.put(
            "error", "Cannot list the tables of " + database + ": " + firstLine(e.getMessage()));
        exitCode = EXIT_LAKE_UNREADABLE;
        existing = null;
      }
      if (existing != null) {
        result.put("database", database);
        result.put("since", arguments.since().toString());
        result.put("until", arguments.until().toString());
        ArrayNode tables = result.putArray("tables");
        for (String table : arguments.tables()) {
          tables.add(tableFacts(spark, database, table, existing, arguments));
        }
        result.set("runs", latestRuns(spark, database, existing));
      }
    } catch (RuntimeException e) {
      LOG.error("Health query failed", e);
      result.put("error", "Health query failed: " + firstLine(e.getMessage()));
      exitCode = EXIT_FAILED;
    }

    try {
      JSON.writeValue(arguments.output(), result);
    } catch (IOException e) {
      LOG.error("Cannot write {}", arguments.output(), e);
      return EXIT_FAILED;
    }
    return exitCode;
  }

  static Arguments parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> known =
        List.of(
            "--catalog-uri",
            "--warehouse",
            "--catalog-name",
            "--database",
            "--tables",
            "--since",
            "--until",
            "--output");
    for (int i = 0; i < args.length; i++) {
      if (!known.contains(args[i])) {
        throw new IllegalArgumentException(
            "Unknown option: " + args[i] + " (expected one of " + String.join(", ", known) + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value for option " + args[i]);
      }
      values.put(args[i], args[++i]);
    }
    for (String required : List.of("--tables", "--since", "--until", "--output")) {
      if (!values.containsKey(required)) {
        throw new IllegalArgumentException("Missing option " + required);
      }
    }
    List<String> tables = Arrays.asList(values.get("--tables").split(","));
    for (String table : tables) {
      if (!TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException(
            "Invalid table name in --tables: " + table + " (expected lower-case letters and _)");
      }
    }
    CatalogOptions catalog =
        new CatalogOptions(
            values.getOrDefault("--catalog-name", CatalogOptions.DEFAULT_NAME),
            values.get("--catalog-uri"),
            values.get("--warehouse"),
            values.getOrDefault("--database", CatalogOptions.DEFAULT_DATABASE));

    return new Arguments(
        catalog,
        tables,
        date("--since", values.get("--since")),
        date("--until", values.get("--until")),
        new File(values.get("--output")));
  }

  private static LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Invalid " + option + ": " + text + " (expected YYYY-MM-DD)", e);
    }
  }

  private static Set<String> tableNames(SparkSession spark, String database) {
    Set<String> names = new java.util.TreeSet<>();
    for (Row row : spark.sql("SHOW TABLES IN " + database).collectAsList()) {
      names.add(row.getString(row.fieldIndex("tableName")));
    }
    return names;
  }

  private static ObjectNode tableFacts(
      SparkSession spark,
      String database,
      String table,
      Set<String> existing,
      Arguments arguments) {
    ObjectNode facts = JSON.createObjectNode();
    facts.put("table", table);
    facts.put("exists", existing.contains(table));
    if (!existing.contains(table)) {
      return facts;
    }

    String name = database + "." + table;
    StructType schema = spark.table(name).schema();
    List<String> fields = Arrays.asList(schema.fieldNames());
    if (!fields.contains("metric_date")) {
      throw new IllegalArgumentException("Table " + name + " has no metric_date column");
    }
    String app = fields.contains("app_apple_id") ? "app_apple_id" : "CAST(NULL AS BIGINT)";
    String daily = fields.contains("granularity") ? "granularity = 'DAILY'" : "TRUE";

    Map<String, ObjectNode> apps = new LinkedHashMap<>();
    String bounds =
        "SELECT "
            + app
            + " AS app, MIN(metric_date), MAX(metric_date) FROM "
            + name
            + " WHERE "
            + daily
            + " GROUP BY ROLLUP("
            + app
            + ") ORDER BY app NULLS FIRST";
    for (Row row : spark.sql(bounds).collectAsList()) {
      // ROLLUP's grand total also has a null app; a table without app ids has only that row.
      String key = row.isNullAt(0) ? "all" : Long.toString(row.getLong(0));
      if (row.isNullAt(1) || apps.containsKey(key)) {
        continue;
      }
      ObjectNode entry = JSON.createObjectNode();
      entry.put("app_apple_id", row.isNullAt(0) ? null : row.getLong(0));
      entry.put("first_date", row.getAs(1).toString());
      entry.put("last_date", row.getAs(2).toString());
      entry.putArray("dates");
      apps.put(key, entry);
    }

    String window =
        " metric_date >= DATE '"
            + arguments.since()
            + "' AND metric_date <= DATE '"
            + arguments.until()
            + "'";
    String dates =
        "SELECT DISTINCT "
            + app
            + " AS app, metric_date FROM "
            + name
            + " WHERE "
            + daily
            + " AND"
            + window
            + " ORDER BY app, metric_date";
    for (Row row : spark.sql(dates).collectAsList()) {
      String date = row.getAs(1).toString();
      if (!row.isNullAt(0)) {
        addDate(apps.get(Long.toString(row.getLong(0))), date);
      }
      addDate(apps.get("all"), date);
    }
    ArrayNode appArray = facts.putArray("apps");
    apps.values().forEach(appArray::add);

    ArrayNode emptyDates = facts.putArray("empty_dates");
    if (existing.contains("load_audit")) {
      String empty =
          "SELECT DISTINCT d FROM (SELECT explode(won_dates) AS d FROM "
              + database
              + ".load_audit WHERE table_name = '"
              + table
              + "' AND status = 'empty') WHERE d >= DATE '"
              + arguments.since()
              + "' AND d <= DATE '"
              + arguments.until()
              + "' ORDER BY d";
      for (Row row : spark.sql(empty).collectAsList()) {
        emptyDates.add(row.getAs(0).toString());
      }
    }
    return facts;
  }

  private static void addDate(ObjectNode entry, String date) {
    if (entry == null) {
      return;
    }
    ArrayNode dates = (ArrayNode) entry.get("dates");
    if (dates.isEmpty() || !dates.get(dates.size() - 1).asText().equals(date)) {
      // Rows come sorted by app and date; over all apps a date can repeat out of order.
      List<String> seen = new ArrayList<>();
      dates.forEach(d -> seen.add(d.asText()));
      if (!seen.contains(date)) {
        seen.add(date);
        seen.sort(null);
        dates.removeAll();
        seen.forEach(dates::add);
      }
    }
  }

  private static ObjectNode latestRuns(SparkSession spark, String database, Set<String> existing) {
    ObjectNode runs = JSON.createObjectNode();
    runs.put("exists", existing.contains("runs"));
    if (!existing.contains("runs")) {
      return runs;
    }
    String sql =
        "SELECT run_kind, run_id, started_at, finished_at, status, errors_total, errors,"
            + " units_landed, rows_written FROM (SELECT *, row_number() OVER (PARTITION BY"
            + " run_kind ORDER BY started_at DESC NULLS LAST, run_id DESC) AS n FROM "
            + database
            + ".runs) WHERE n = 1 ORDER BY run_kind";
    ObjectNode latest = runs.putObject("latest");
    for (Row row : spark.sql(sql).collectAsList()) {
      ObjectNode run = latest.putObject(row.getString(0));
      run.put("run_id", row.getString(1));
      run.put("started_at", row.isNullAt(2) ? null : row.getAs(2).toString());
      run.put("finished_at", row.isNullAt(3) ? null : row.getAs(3).toString());
      run.put("status", row.getString(4));
      run.put("errors_total", row.isNullAt(5) ? null : row.getLong(5));
      ArrayNode errors = run.putArray("errors");
      if (!row.isNullAt(6)) {
        row.<String>getList(6).forEach(errors::add);
      }
      run.put("units_landed", row.isNullAt(7) ? null : row.getLong(7));
      run.put("rows_written", row.isNullAt(8) ? null : row.getLong(8));
    }
    return runs;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
