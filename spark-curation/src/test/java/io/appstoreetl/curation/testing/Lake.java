package io.appstoreetl.curation.testing;

import io.appstoreetl.curation.CurationArguments;
import io.appstoreetl.curation.CurationJob;
import io.appstoreetl.curation.load.LoadReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A local lake for one test: a raw zone, an Iceberg JDBC catalog on SQLite and a warehouse under a
 * temporary folder, and a catalog name of its own in the shared session.
 */
public final class Lake {
  private final Path folder;
  private final String catalogName = SharedSpark.newCatalogName();
  private final RawZoneWriter raw;
  private String lastOutput;

  public Lake(Path folder) {
    this.folder = folder;
    this.raw = new RawZoneWriter(folder.resolve("raw"));
  }

  public RawZoneWriter raw() {
    return raw;
  }

  public String catalogName() {
    return catalogName;
  }

  public SparkSession spark() {
    return SharedSpark.session();
  }

  /** Returns the catalog and warehouse options of this lake. */
  public List<String> catalogArguments() {
    return List.of(
        "--catalog-uri",
        "jdbc:sqlite:" + folder.resolve("catalog.db"),
        "--warehouse",
        folder.resolve("warehouse").toString(),
        "--catalog-name",
        catalogName);
  }

  /** Runs the curation job with this lake's options and the given extra arguments. */
  public LoadReport curate(String... arguments) {
    List<String> args = new ArrayList<>(List.of("--raw-root", raw.root().toString()));
    args.addAll(catalogArguments());
    args.addAll(List.of(arguments));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      LoadReport report =
          CurationJob.curate(spark(), CurationArguments.parse(args.toArray(String[]::new)), out);
      lastOutput = bytes.toString(StandardCharsets.UTF_8);
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the stdout of the last {@link #curate} call. */
  public String lastOutput() {
    return lastOutput;
  }

  /** Returns the table's quoted full name. */
  public String table(String name) {
    return catalogName + ".appstore." + name;
  }

  /**
   * Returns the rows of a table, optionally filtered, as sorted strings without {@code loaded_at}.
   */
  public List<String> rows(String table, String where) {
    Dataset<Row> rows = spark().table(table(table));
    if (where != null) {
      rows = rows.where(where);
    }
    return rows.drop("loaded_at").collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** Returns every row of a table as sorted strings, {@code loaded_at} included. */
  public List<String> allColumns(String table) {
    return spark().table(table(table)).collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }
}
