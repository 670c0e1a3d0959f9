package io.appstoreetl.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads whole tables through {@code appstore-etl query} and turns rows into a canonical form that
 * can be compared with the sandbox's ground truth, which uses Apple's header names and values.
 */
final class TableRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

  /** Apple header names whose column name is not the header in snake case. */
  private static final Map<String, String> COLUMN_FOR_HEADER =
      Map.of("Date", "metric_date", "App Apple Identifier", "app_apple_id");

  private TableRows() {}

  /** Reads every row of the given tables with one Spark job; keys are table names. */
  static Map<String, List<Map<String, JsonNode>>> readTables(
      Path lakeDirectory, Path output, String... tables) throws IOException {
    return readTables(lakeDirectory, List.of(), output, tables);
  }

  /**
   * Reads every row of the given tables as above, with {@code lakeOptions} (such as {@code --s3})
   * added to the query command.
   */
  static Map<String, List<Map<String, JsonNode>>> readTables(
      Path lakeDirectory, List<String> lakeOptions, Path output, String... tables)
      throws IOException {
    StringBuilder sql = new StringBuilder();
    for (String table : tables) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT '")
          .append(table)
          .append(
              "' AS table_name, to_json(struct(*), map('ignoreNullFields', 'false')) AS row_json FROM appstore.")
          .append(table);
    }
    List<String> arguments = new ArrayList<>(List.of("query", "--lake", lakeDirectory.toString()));
    arguments.addAll(lakeOptions);
    arguments.addAll(List.of("--format", "jsonl", "--output", output.toString(), sql.toString()));
    LauncherRun.Result result = LauncherRun.run(arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as("query exit code; stderr:%n%s", result.stderr()).isZero();

    Map<String, List<Map<String, JsonNode>>> rows = new TreeMap<>();
    for (String table : tables) {
      rows.put(table, new ArrayList<>());
    }
    for (String line : Files.readAllLines(output)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode record = JSON.readTree(line);
      JsonNode row = JSON.readTree(record.get("row_json").asText());
      Map<String, JsonNode> columns = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        columns.put(field.getKey(), field.getValue());
      }
      rows.get(record.get("table_name").asText()).add(columns);
    }
    return rows;
  }

  /** Returns the row as Apple wrote it: the ground truth row's headers, values normalised. */
  static Map<String, String> asAppleRow(Map<String, JsonNode> tableRow, Iterable<String> headers) {
    Map<String, String> appleRow = new TreeMap<>();
    for (String header : headers) {
      String column = COLUMN_FOR_HEADER.getOrDefault(header, snakeCase(header));
      assertThat(tableRow)
          .as("table row has a column for Apple header %s", header)
          .containsKey(column);
      JsonNode value = tableRow.get(column);
      appleRow.put(header, normalise(value == null || value.isNull() ? "" : value.asText()));
    }
    return appleRow;
  }

  static Map<String, String> normaliseAppleRow(Map<String, String> groundTruthRow) {
    Map<String, String> row = new TreeMap<>();
    groundTruthRow.forEach((header, value) -> row.put(header, normalise(value)));
    return row;
  }

  /** Same value, same string: numbers without trailing zeros, dates in ISO form, blanks empty. */
  static String normalise(String value) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty() || trimmed.equals("\"\"")) {
      return "";
    }
    if (trimmed.matches("-?[0-9]*\\.?[0-9]+")) {
      return new BigDecimal(trimmed).stripTrailingZeros().toPlainString();
    }
    if (trimmed.matches("[0-9]{2}/[0-9]{2}/[0-9]{4}")) {
      return LocalDate.parse(trimmed, US_DATE).toString();
    }
    return trimmed;
  }

  static String snakeCase(String header) {
    return header.strip().toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  /** Groups rows by a key, for comparing one app and date at a time. */
  static Map<String, List<Map<String, JsonNode>>> groupBy(
      List<Map<String, JsonNode>> rows, String... columns) {
    Map<String, List<Map<String, JsonNode>>> groups = new HashMap<>();
    for (Map<String, JsonNode> row : rows) {
      StringBuilder key = new StringBuilder();
      for (String column : columns) {
        key.append(row.get(column) == null ? "" : row.get(column).asText()).append('|');
      }
      groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
