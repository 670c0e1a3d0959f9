package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.curation.load.IcebergTables;
import io.appstoreetl.curation.testing.AthenaSql;
import io.appstoreetl.curation.testing.Lake;
import io.appstoreetl.curation.testing.TrinoServer;
import io.appstoreetl.curation.testing.ViewFixture;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trino, the engine behind Athena engine version 3, reads the Iceberg tables that the Spark job's
 * table code created and filled, and runs every committed view of {@code athena-ddl/sql/views}.
 *
 * <p>The tables are the known rows of {@link ViewFixture}, so the views must return exactly the
 * rows that {@link AthenaViewsTest} expects on Spark. Trino also sees every table with the columns
 * and types of the generated Athena DDL. Runs only in the Maven profile {@code trino}.
 */
class TrinoViewsIT {
  @TempDir static Path folder;

  private static Lake lake;
  private static TrinoServer trino;

  @BeforeAll
  static void writeTablesAndStartTrino() throws IOException, InterruptedException {
    lake = new Lake(Files.createDirectories(folder.resolve("lake")));
    IcebergTables tables = AthenaSql.tables(lake);
    for (TableDefinition table : Tables.all()) {
      tables.createOrEvolve(table);
    }
    ViewFixture.createTablesWithKnownRows(tables);

    trino =
        TrinoServer.start(
            Files.createDirectories(folder.resolve("trino")),
            lake.catalogName(),
            folder.resolve("lake").resolve("catalog.db"),
            folder.resolve("lake").resolve("warehouse"));
    for (String view : ViewFixture.viewFiles()) {
      trino.query(
          AthenaSql.read("views/" + view)
              .replace(AthenaSql.DATABASE_PLACEHOLDER, "iceberg.appstore"));
    }
  }

  @AfterAll
  static void stopTrino() {
    if (trino != null) {
      trino.close();
    }
  }

  @Test
  void trinoSeesEveryTableWithTheDdlColumns() throws IOException, InterruptedException {
    for (TableDefinition table : Tables.all()) {
      List<String> columns = new ArrayList<>();
      for (List<JsonNode> row : trino.query("DESCRIBE iceberg.appstore." + table.name())) {
        columns.add(row.get(0).asText() + " " + athenaType(row.get(1).asText()));
      }

      assertThat(columns)
          .as("columns and types Trino reads for table %s", table.name())
          .containsExactlyElementsOf(
              AthenaSql.ddlColumns(AthenaSql.read("tables/" + table.name() + ".sql")));
    }
  }

  @Test
  void appDailyMetricsOnTrino() throws IOException, InterruptedException {
    assertViewReturnsExpectedRows("app_daily_metrics");
  }

  @Test
  void appDailyProceedsOnTrino() throws IOException, InterruptedException {
    assertViewReturnsExpectedRows("app_daily_proceeds");
  }

  @Test
  void appDailySubscriptionsOnTrino() throws IOException, InterruptedException {
    assertViewReturnsExpectedRows("app_daily_subscriptions");
  }

  @Test
  void weeklyTopSearchTermsOnTrino() throws IOException, InterruptedException {
    assertViewReturnsExpectedRows("app_weekly_top_search_terms");
  }

  @Test
  void reviewWeeklyNegativeShareOnTrino() throws IOException, InterruptedException {
    assertViewReturnsExpectedRows("review_weekly_negative_share");
  }

  @Test
  void everyViewFileHasATrinoTest() throws IOException {
    assertThat(ViewFixture.viewFiles())
        .containsExactlyInAnyOrder(
            "app_daily_metrics.sql",
            "app_daily_proceeds.sql",
            "app_daily_subscriptions.sql",
            "app_weekly_top_search_terms.sql",
            "review_weekly_negative_share.sql");
  }

  private static void assertViewReturnsExpectedRows(String view)
      throws IOException, InterruptedException {
    List<List<String>> actual = new ArrayList<>();
    for (List<JsonNode> row :
        trino.query("SELECT * FROM iceberg.appstore." + view + ViewFixture.ORDER_BY)) {
      actual.add(row.stream().map(TrinoViewsIT::canonical).toList());
    }
    List<List<String>> expected = new ArrayList<>();
    for (List<Object> row : ViewFixture.expectedRows(view)) {
      expected.add(row.stream().map(TrinoViewsIT::canonical).toList());
    }

    assertThat(actual).as("rows of view %s on Trino", view).containsExactlyElementsOf(expected);
  }

  /** Writes a value of Trino's JSON the way {@link #canonical(Object)} writes a Java value. */
  private static String canonical(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isIntegralNumber()) {
      return Long.toString(value.asLong());
    }
    if (value.isArray()) {
      List<String> elements = new ArrayList<>();
      value.forEach(element -> elements.add(canonical(element)));
      return elements.toString();
    }
    if (value.isFloatingPointNumber()) {
      return Double.toString(value.asDouble());
    }

    // Trino sends DECIMAL and DATE values as strings: "1.00", "2025-03-01".
    return value.asText();
  }

  private static String canonical(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }

    return value.toString();
  }

  /**
   * Returns the Athena DDL name of a Trino type: {@code varchar} is {@code string}, {@code integer}
   * is {@code int}, {@code timestamp(6)} is {@code timestamp}, and {@code map(k, v)} and {@code
   * array(e)} are written with angle brackets.
   */
  static String athenaType(String trinoType) {
    if (trinoType.startsWith("map(") && trinoType.endsWith(")")) {
      String inner = trinoType.substring("map(".length(), trinoType.length() - 1);
      int comma = topLevelComma(inner);
      return "map<"
          + athenaType(inner.substring(0, comma).trim())
          + ","
          + athenaType(inner.substring(comma + 1).trim())
          + ">";
    }
    if (trinoType.startsWith("array(") && trinoType.endsWith(")")) {
      return "array<"
          + athenaType(trinoType.substring("array(".length(), trinoType.length() - 1))
          + ">";
    }

    return switch (trinoType) {
      case "varchar" -> "string";
      case "integer" -> "int";
      case "timestamp(6)" -> "timestamp";
      default -> trinoType;
    };
  }

  private static int topLevelComma(String types) {
    int depth = 0;
    for (int i = 0; i < types.length(); i++) {
      char c = types.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("Not a map type's key and value: " + types);
  }
}
