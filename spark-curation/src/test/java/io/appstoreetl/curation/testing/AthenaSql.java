package io.appstoreetl.curation.testing;

import io.appstoreetl.curation.CatalogOptions;
import io.appstoreetl.curation.SparkSessions;
import io.appstoreetl.curation.load.IcebergTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Athena SQL files committed in {@code athena-ddl/sql}, read from the checkout (Maven runs the
 * tests in the module's folder), and a lake whose catalog is set up to run them on Spark.
 */
public final class AthenaSql {

  /** The folder of {@code database.sql}, {@code tables/} and {@code views/}. */
  public static final Path FOLDER = Path.of("..", "athena-ddl", "sql");

  /** A column line of the generated DDL: {@code `name` type COMMENT '...'}. */
  private static final Pattern COLUMN = Pattern.compile("^  `([a-z0-9_]+)` (\\S+) COMMENT '.*$");

  /** The placeholder for the database that the committed statements contain. */
  public static final String DATABASE_PLACEHOLDER = "${database}";

  private AthenaSql() {}

  /** Returns the text of a committed file, such as {@code views/app_daily_metrics.sql}. */
  public static String read(String relativePath) {
    try {
      return Files.readString(FOLDER.resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Athena SQL file " + relativePath, e);
    }
  }

  /**
   * Returns the columns of a generated CREATE TABLE statement, each as its name, a space and its
   * Athena type, such as {@code units decimal(18,2)}.
   */
  public static List<String> ddlColumns(String ddl) {
    List<String> columns = new ArrayList<>();
    for (String line : ddl.split("\n")) {
      Matcher column = COLUMN.matcher(line);
      if (column.matches()) {
        columns.add(column.group(1) + " " + column.group(2));
      }
    }

    return columns;
  }

  /** Configures the lake's JDBC catalog in the shared session and returns its tables. */
  public static IcebergTables tables(Lake lake) {
    SparkSessions.configureCatalog(
        lake.spark(),
        new CatalogOptions(
            lake.catalogName(),
            lake.catalogArguments().get(1),
            lake.catalogArguments().get(3),
            CatalogOptions.DEFAULT_DATABASE));
    IcebergTables tables =
        new IcebergTables(lake.spark(), lake.catalogName(), CatalogOptions.DEFAULT_DATABASE);
    tables.createNamespace();

    return tables;
  }
}
