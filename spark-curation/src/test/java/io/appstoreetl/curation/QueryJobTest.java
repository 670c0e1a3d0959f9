package io.appstoreetl.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Lake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryJobTest {
  private static final String SQL = "SELECT * FROM small ORDER BY n";

  @TempDir Path folder;
  private Lake lake;

  @BeforeEach
  void createSmallTable() {
    lake = new Lake(folder);
    SparkSession spark = lake.spark();
    SparkSessions.configureCatalog(
        spark,
        new CatalogOptions(
            lake.catalogName(),
            lake.catalogArguments().get(1),
            lake.catalogArguments().get(3),
            "appstore"));
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + lake.catalogName() + ".appstore");
    spark.sql(
        "CREATE TABLE "
            + lake.table("small")
            + " (d DATE, n BIGINT, amount DECIMAL(18,4), name STRING, ts TIMESTAMP_NTZ,"
            + " tags MAP<STRING, STRING>, flag BOOLEAN) USING iceberg");
    spark.sql(
        "INSERT INTO "
            + lake.table("small")
            + " VALUES (DATE '2025-01-07', 1, 0.99, 'tab\\there',"
            + " TIMESTAMP_NTZ '2025-01-10 06:15:03.456',"
            + " map('Processing Date', '2025-01-08'), true),"
            + " (NULL, 2, NULL, NULL, NULL, NULL, NULL)");
  }

  @Test
  void jsonLinesForSmallTable() throws IOException {
    String output = query("--format", "jsonl");

    assertThat(output)
        .isEqualTo(
            "{\"d\":\"2025-01-07\",\"n\":1,\"amount\":\"0.9900\",\"name\":\"tab\\there\","
                + "\"ts\":\"2025-01-10T06:15:03.456\","
                + "\"tags\":{\"Processing Date\":\"2025-01-08\"},"
                + "\"flag\":true}\n"
                + "{\"d\":null,\"n\":2,\"amount\":null,\"name\":null,\"ts\":null,\"tags\":null,"
                + "\"flag\":null}\n");
  }

  @Test
  void tsvEscapesTabsAndLeavesNullsEmpty() throws IOException {
    String output = query("--format", "tsv");

    assertThat(output)
        .isEqualTo(
            "d\tn\tamount\tname\tts\ttags\tflag\n"
                + "2025-01-07\t1\t0.9900\ttab\\there\t2025-01-10T06:15:03.456"
                + "\t{\"Processing Date\":\"2025-01-08\"}\ttrue\n"
                + "\t2\t\t\t\t\t\n");
  }

  @Test
  void tableIsAlignedByDefault() throws IOException {
    String output = query("--sql", "SELECT n, amount, d FROM small ORDER BY n");

    assertThat(output)
        .isEqualTo("n  amount  d\n" + "1  0.9900  2025-01-07\n" + "2  NULL    NULL\n");
  }

  @Test
  void outputFileReceivesResult() throws IOException {
    Path file = folder.resolve("result.jsonl");

    String stdout =
        query(
            "--format",
            "jsonl",
            "--output",
            file.toString(),
            "--sql",
            "SELECT n FROM small ORDER BY n");

    assertThat(stdout).isEmpty();
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
  }

  @Test
  void invalidFormatIsRejected() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int status =
        QueryJob.run(new String[] {"--sql", "SELECT 1", "--format", "csv"}, new PrintStream(bytes));

    assertThat(status).isEqualTo(2);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private String query(String... options) throws IOException {
    List<String> args = new ArrayList<>(lake.catalogArguments());
    List<String> extra = List.of(options);
    if (!extra.contains("--sql")) {
      args.addAll(List.of("--sql", SQL));
    }
    args.addAll(extra);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      QueryJob.query(lake.spark(), QueryArguments.parse(args.toArray(String[]::new)), out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
