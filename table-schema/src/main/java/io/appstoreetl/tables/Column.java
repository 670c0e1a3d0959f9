package io.appstoreetl.tables;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One column of a curated table.
 *
 * <p>{@code appleHeader} is the header name of the report column the value comes from, or null for
 * a column the job derives (lineage, computed metrics). {@code headerAliases} are other spellings
 * of that header seen in Apple's files or documentation, matched like the header itself. {@code
 * requiredInFile} marks the report columns without which a file is rejected whole. Columns are
 * built with {@link #of} and the {@code fromHeader}, {@code alsoFromHeaders}, {@code
 * requiredInEveryFile} and {@code notNull} methods, for example {@code Column.of("counts",
 * ColumnType.BIGINT, "Downloads.").fromHeader("Counts").requiredInEveryFile()}.
 */
public record Column(
    String name,
    ColumnType type,
    boolean nullable,
    String doc,
    String appleHeader,
    List<String> headerAliases,
    boolean requiredInFile)
    implements Serializable {

  private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public Column {
    if (name == null || !SNAKE_CASE.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid column name: " + name + " (expected snake_case, such as app_apple_id)");
    }
    if (type == null) {
      throw new IllegalArgumentException("Invalid column " + name + ": type == null");
    }
    if (doc == null || doc.isBlank()) {
      throw new IllegalArgumentException("Invalid column " + name + ": doc is empty");
    }
    if (appleHeader != null && appleHeader.isBlank()) {
      throw new IllegalArgumentException(
          "Invalid column " + name + ": Apple header is blank (expected a header name or null)");
    }
    headerAliases = headerAliases == null ? List.of() : List.copyOf(headerAliases);
    if (!headerAliases.isEmpty() && appleHeader == null) {
      throw new IllegalArgumentException(
          "Invalid column " + name + ": header aliases without an Apple header");
    }
    if (headerAliases.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("Invalid column " + name + ": a header alias is blank");
    }
    if (requiredInFile && appleHeader == null) {
      throw new IllegalArgumentException(
          "Invalid column " + name + ": required in file but has no Apple header");
    }
  }

  /** Returns a nullable column that no report header feeds. */
  public static Column of(String name, ColumnType type, String doc) {
    return new Column(
        name, type, true /* nullable */, doc, null, List.of(), false /* requiredInFile */);
  }

  /** Returns this column read from the report column with the given header name. */
  public Column fromHeader(String header) {
    return new Column(name, type, nullable, doc, header, headerAliases, requiredInFile);
  }

  /** Returns this column also read from report columns with these other header names. */
  public Column alsoFromHeaders(String... aliases) {
    List<String> all = new ArrayList<>(headerAliases);
    all.addAll(List.of(aliases));
    return new Column(name, type, nullable, doc, appleHeader, all, requiredInFile);
  }

  /** Returns this column marked as required in every file; it must have an Apple header. */
  public Column requiredInEveryFile() {
    return new Column(name, type, nullable, doc, appleHeader, headerAliases, true);
  }

  /** Returns this column with NOT NULL values. */
  public Column notNull() {
    return new Column(
        name, type, false /* nullable */, doc, appleHeader, headerAliases, requiredInFile);
  }

  /** Returns the Apple header and its aliases, or an empty list for a derived column. */
  public List<String> allHeaders() {
    if (appleHeader == null) {
      return List.of();
    }
    List<String> all = new ArrayList<>();
    all.add(appleHeader);
    all.addAll(headerAliases);

    return all;
  }
}
