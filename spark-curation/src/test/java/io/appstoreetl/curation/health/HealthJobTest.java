package io.appstoreetl.curation.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.curation.CatalogOptions;
import io.appstoreetl.curation.SparkSessions;
import io.appstoreetl.curation.testing.Lake;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  private HealthJob.Arguments arguments(Lake lake, String database, List<String> tables) {
    List<String> catalog = lake.catalogArguments();
    return new HealthJob.Arguments(
        new CatalogOptions(lake.catalogName(), catalog.get(1), catalog.get(3), database),
        tables,
        LocalDate.parse("2025-01-06"),
        LocalDate.parse("2025-01-11"),
        folder.resolve("health.json").toFile());
  }

  @Test
  void writesDatesPerAppEmptyDatesAndLatestRuns() throws IOException {
    Lake lake = new Lake(folder);
    SparkSession spark = lake.spark();
    HealthJob.Arguments arguments =
        arguments(lake, "appstore", List.of("downloads", "sales", "crashes"));
    SparkSessions.configureCatalog(spark, arguments.catalog());
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.catalogName() + ".appstore");
    spark.sql(
        "CREATE TABLE "
            + lake.table("downloads")
            + " (app_apple_id BIGINT, metric_date DATE, granularity STRING, counts BIGINT)"
            + " USING iceberg");
    spark.sql(
        "INSERT INTO "
            + lake.table("downloads")
            + " VALUES (1, DATE '2024-12-01', 'DAILY', 5), (1, DATE '2025-01-06', 'DAILY', 5),"
            + " (1, DATE '2025-01-08', 'DAILY', 5), (1, DATE '2025-01-08', 'DAILY', 7),"
            + " (2, DATE '2025-01-07', 'DAILY', 1), (2, DATE '2025-01-13', 'WEEKLY', 1)");
    spark.sql(
        "CREATE TABLE "
            + lake.table("sales")
            + " (app_apple_id BIGINT, metric_date DATE, granularity STRING) USING iceberg");
    spark.sql(
        "INSERT INTO "
            + lake.table("sales")
            + " VALUES (1, DATE '2025-01-09', 'DAILY'), (2, DATE '2025-01-10', 'DAILY')");
    spark.sql(
        "CREATE TABLE "
            + lake.table("load_audit")
            + " (table_name STRING, status STRING, won_dates ARRAY<DATE>) USING iceberg");
    spark.sql(
        "INSERT INTO "
            + lake.table("load_audit")
            + " VALUES ('sales', 'empty', array(DATE '2025-01-08')),"
            + " ('sales', 'loaded', array(DATE '2025-01-09')),"
            + " ('downloads', 'empty', array(DATE '2025-01-07'))");
    spark.sql(
        "CREATE TABLE "
            + lake.table("runs")
            + " (run_id STRING, run_kind STRING, started_at TIMESTAMP_NTZ,"
            + " finished_at TIMESTAMP_NTZ, status STRING, errors_total BIGINT,"
            + " errors ARRAY<STRING>, units_landed BIGINT, rows_written BIGINT) USING iceberg");
    spark.sql(
        "INSERT INTO "
            + lake.table("runs")
            + " VALUES ('e1', 'extractor', TIMESTAMP_NTZ '2025-01-10 06:00:00',"
            + " TIMESTAMP_NTZ '2025-01-10 06:01:00', 'ok', 0, array(), 4, NULL),"
            + " ('e2', 'extractor', TIMESTAMP_NTZ '2025-01-11 06:00:00',"
            + " TIMESTAMP_NTZ '2025-01-11 06:01:00', 'errors', 1, array('app 1: HTTP 401'), 2,"
            + " NULL),"
            + " ('c1', 'curation', TIMESTAMP_NTZ '2025-01-11 06:10:00',"
            + " TIMESTAMP_NTZ '2025-01-11 06:12:30', 'ok', 0, array(), NULL, 120)");

    int exitCode = HealthJob.write(spark, arguments);

    assertThat(exitCode).isZero();
    JsonNode json = JSON.readTree(arguments.output());
    assertThat(json.get("database").asText()).isEqualTo(lake.catalogName() + ".appstore");
    assertThat(json.get("tables").get(0).toString())
        .isEqualTo(
            "{\"table\":\"downloads\",\"exists\":true,\"apps\":["
                + "{\"app_apple_id\":null,\"first_date\":\"2024-12-01\","
                + "\"last_date\":\"2025-01-08\","
                + "\"dates\":[\"2025-01-06\",\"2025-01-07\",\"2025-01-08\"]},"
                + "{\"app_apple_id\":1,\"first_date\":\"2024-12-01\",\"last_date\":\"2025-01-08\","
                + "\"dates\":[\"2025-01-06\",\"2025-01-08\"]},"
                + "{\"app_apple_id\":2,\"first_date\":\"2025-01-07\",\"last_date\":\"2025-01-07\","
                + "\"dates\":[\"2025-01-07\"]}],"
                + "\"empty_dates\":[\"2025-01-07\"]}");
    assertThat(json.get("tables").get(1).get("empty_dates").toString())
        .isEqualTo("[\"2025-01-08\"]");
    assertThat(json.get("tables").get(1).get("apps").get(0).toString())
        .isEqualTo(
            "{\"app_apple_id\":null,\"first_date\":\"2025-01-09\",\"last_date\":\"2025-01-10\","
                + "\"dates\":[\"2025-01-09\",\"2025-01-10\"]}");
    assertThat(json.get("tables").get(2).toString())
        .isEqualTo("{\"table\":\"crashes\",\"exists\":false}");
    assertThat(json.get("runs").toString())
        .isEqualTo(
            "{\"exists\":true,\"latest\":{"
                + "\"curation\":{\"run_id\":\"c1\",\"started_at\":\"2025-01-11T06:10\","
                + "\"finished_at\":\"2025-01-11T06:12:30\",\"status\":\"ok\","
                + "\"errors_total\":0,\"errors\":[],\"units_landed\":null,\"rows_written\":120},"
                + "\"extractor\":{\"run_id\":\"e2\",\"started_at\":\"2025-01-11T06:00\","
                + "\"finished_at\":\"2025-01-11T06:01\",\"status\":\"errors\",\"errors_total\":1,"
                + "\"errors\":[\"app 1: HTTP 401\"],\"units_landed\":2,\"rows_written\":null}}}");
  }

  @Test
  void missingDatabaseExitsThreeWithItsName() throws IOException {
    Lake lake = new Lake(folder);
    HealthJob.Arguments arguments = arguments(lake, "nowhere", List.of("downloads"));

    int exitCode = HealthJob.write(lake.spark(), arguments);

    assertThat(exitCode).isEqualTo(HealthJob.EXIT_LAKE_UNREADABLE);
    File output = arguments.output();
    assertThat(JSON.readTree(output).get("error").asText())
        .startsWith("Cannot list the tables of " + lake.catalogName() + ".nowhere: ");
  }
}
