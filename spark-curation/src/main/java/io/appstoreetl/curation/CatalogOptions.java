package io.appstoreetl.curation;

import java.util.regex.Pattern;

/**
 * The Iceberg catalog and database a job uses.
 *
 * @param name Spark catalog name, such as {@code lake}
 * @param uri JDBC URI of an Iceberg JDBC catalog, such as {@code
 *     jdbc:sqlite:/data/lake/catalog.db}; null when the Spark conf defines the catalog
 * @param warehouse warehouse URI or path; null when the Spark conf defines the catalog
 * @param database the namespace of the tables, such as {@code appstore}
 */
public record CatalogOptions(String name, String uri, String warehouse, String database) {

  public static final String DEFAULT_NAME = "lake";
  public static final String DEFAULT_DATABASE = "appstore";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public CatalogOptions {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid --catalog-name: " + name + " (expected letters, digits and _)");
    }
    if (!IDENTIFIER.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Invalid --database: " + database + " (expected letters, digits and _)");
    }
    if (uri != null && !uri.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "Invalid --catalog-uri: " + uri + " (expected a JDBC URI such as jdbc:sqlite:<path>)");
    }
  }

  /**
   * Reads {@code --catalog-uri}, {@code --warehouse}, {@code --catalog-name} and {@code
   * --database}.
   */
  static CatalogOptions from(CommandLine line) {
    return new CatalogOptions(
        line.value("--catalog-name", DEFAULT_NAME),
        line.value("--catalog-uri"),
        line.value("--warehouse"),
        line.value("--database", DEFAULT_DATABASE));
  }
}
