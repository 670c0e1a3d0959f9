package io.appstoreetl.curation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of {@link QueryJob}.
 *
 * @param catalog the Iceberg catalog and database; the database becomes the current namespace
 * @param sql the statement to run: the text of {@code --sql}, or the {@link NamedQueries} query
 *     that {@code --named} names
 * @param format the output format
 * @param output the file to write, or null for stdout
 */
public record QueryArguments(CatalogOptions catalog, String sql, Format format, String output) {

  static final String USAGE =
      "Usage: QueryJob --catalog-uri jdbc:sqlite:<path> --warehouse <URI or path>"
          + " [--catalog-name lake] [--database appstore] (--sql \"SQL\" | --named NAME)"
          + " [--format table|tsv|jsonl] [--output FILE]";

  /** Output formats: an aligned text table, tab-separated values, or one JSON object per line. */
  public enum Format {
    TABLE,
    TSV,
    JSONL
  }

  /**
   * Parses the job's command line.
   *
   * @throws IllegalArgumentException with a message naming the option and the expected form
   */
  public static QueryArguments parse(String[] args) {
    CommandLine line =
        CommandLine.parse(
            args,
            List.of(
                "--catalog-uri",
                "--warehouse",
                "--catalog-name",
                "--database",
                "--sql",
                "--named",
                "--format",
                "--output"),
            Set.of());

    String formatText = line.value("--format", "table");
    Format format;
    try {
      format = Format.valueOf(formatText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid --format value: " + formatText + " (expected table, tsv or jsonl)", e);
    }

    if (line.has("--sql") == line.has("--named")) {
      throw new IllegalArgumentException(
          "Invalid query: give either --sql or --named (one of "
              + String.join(", ", NamedQueries.names())
              + "), not both and not neither");
    }
    String sql = line.has("--sql") ? line.value("--sql") : NamedQueries.sql(line.value("--named"));

    return new QueryArguments(CatalogOptions.from(line), sql, format, line.value("--output"));
  }
}
