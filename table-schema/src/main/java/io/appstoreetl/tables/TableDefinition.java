package io.appstoreetl.tables;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The definition of one curated table: its columns in order, partitioning, key and the metrics that
 * must not be summed.
 *
 * <p>The key columns identify one row as Apple sends it; nothing enforces their uniqueness. The
 * non-summable columns hold values that are wrong when added across rows (unique counts, per-unit
 * prices). Instances are immutable; build them with {@link #builder(String)}.
 */
public final class TableDefinition implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  private final String name;
  private final String doc;
  private final List<Column> columns;
  private final Map<String, Column> columnsByName;
  private final Map<String, Integer> indexesByName;
  private final Map<String, Column> columnsByHeader;
  private final List<PartitionField> partitionFields;
  private final List<String> keyColumns;
  private final List<String> nonSummableColumns;

  private TableDefinition(Builder builder) {
    this.name = builder.name;
    this.doc = builder.doc;
    this.columns = List.copyOf(builder.columns);
    this.partitionFields = List.copyOf(builder.partitionFields);
    this.keyColumns = List.copyOf(builder.keyColumns);
    this.nonSummableColumns = List.copyOf(builder.nonSummableColumns);

    Map<String, Column> byName = new LinkedHashMap<>();
    Map<String, Column> byHeader = new LinkedHashMap<>();
    Map<String, Integer> indexes = new HashMap<>();
    for (Column column : columns) {
      indexes.put(column.name(), indexes.size());
      if (byName.put(column.name(), column) != null) {
        throw new IllegalArgumentException(
            "Invalid table " + name + ": duplicate column " + column.name());
      }
      for (String header : column.allHeaders()) {
        if (byHeader.put(headerKey(header), column) != null) {
          throw new IllegalArgumentException(
              "Invalid table " + name + ": duplicate Apple header \"" + header + "\"");
        }
      }
    }
    this.columnsByName = Collections.unmodifiableMap(byName);
    this.columnsByHeader = Collections.unmodifiableMap(byHeader);
    this.indexesByName = Collections.unmodifiableMap(indexes);

    for (PartitionField field : partitionFields) {
      checkPartitionField(field);
    }
    keyColumns.forEach(column -> checkColumnExists(column, "key column"));
    nonSummableColumns.forEach(column -> checkColumnExists(column, "non-summable column"));
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public String doc() {
    return doc;
  }

  /** Columns in table order. */
  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * Returns the column with the given name.
   *
   * @throws IllegalArgumentException if the table has no such column
   */
  public Column column(String columnName) {
    Column column = columnsByName.get(columnName);
    if (column == null) {
      throw new IllegalArgumentException(
          "Invalid column for table "
              + name
              + ": "
              + columnName
              + " (expected one of "
              + columnNames()
              + ")");
    }

    return column;
  }

  /** True when the table has a column of that name. */
  public boolean hasColumn(String columnName) {
    return columnsByName.containsKey(columnName);
  }

  /** Returns the position of a column in {@link #columns()}. */
  public int indexOf(String columnName) {
    // Parsers call this for every row, so it is a map lookup rather than a search of the list.
    Integer index = indexesByName.get(columnName);
    return index != null ? index : columns.indexOf(column(columnName));
  }

  /**
   * Returns the column fed by a report header or one of its aliases, matched case-insensitively
   * after trimming, as report parsers match headers.
   */
  public Optional<Column> columnForHeader(String header) {
    return Optional.ofNullable(columnsByHeader.get(headerKey(header)));
  }

  /** Columns that a report file must contain, in table order. */
  public List<Column> requiredInFileColumns() {
    return columns.stream().filter(Column::requiredInFile).toList();
  }

  /** The partition fields, outermost first. */
  public List<PartitionField> partitionFields() {
    return partitionFields;
  }

  /** Columns that identify one row as Apple sends it. */
  public List<String> keyColumns() {
    return keyColumns;
  }

  /** Metric columns whose values must not be summed across rows. */
  public List<String> nonSummableColumns() {
    return nonSummableColumns;
  }

  @Override
  public String toString() {
    return "TableDefinition{" + name + "}";
  }

  private void checkPartitionField(PartitionField field) {
    checkColumnExists(field.sourceColumn(), "partition column");
    ColumnType type = columnsByName.get(field.sourceColumn()).type();
    boolean fits =
        field.transform() == PartitionField.Transform.DAY
            ? type.equals(ColumnType.DATE) || type.equals(ColumnType.TIMESTAMP)
            : type.equals(ColumnType.STRING);
    if (!fits) {
      throw new IllegalArgumentException(
          "Invalid table "
              + name
              + ": partition column "
              + field.sourceColumn()
              + " has type "
              + type
              + " (expected "
              + (field.transform() == PartitionField.Transform.DAY
                  ? "date or timestamp for partitioning by day)"
                  : "string for identity partitioning)"));
    }
  }

  private void checkColumnExists(String columnName, String role) {
    if (!columnsByName.containsKey(columnName)) {
      throw new IllegalArgumentException(
          "Invalid table " + name + ": " + role + " " + columnName + " is not a column");
    }
  }

  private static String headerKey(String header) {
    return header.trim().toLowerCase(Locale.ROOT);
  }

  /** Collects a table's parts; {@link #build()} checks that they fit together. */
  public static final class Builder {
    private final String name;
    private String doc;
    private final List<Column> columns = new ArrayList<>();
    private final List<PartitionField> partitionFields = new ArrayList<>();
    private final List<String> keyColumns = new ArrayList<>();
    private final List<String> nonSummableColumns = new ArrayList<>();

    private Builder(String name) {
      if (name == null || !TABLE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Invalid table name: " + name + " (expected snake_case, such as downloads)");
      }
      this.name = name;
    }

    public Builder doc(String tableDoc) {
      this.doc = tableDoc;
      return this;
    }

    public Builder column(Column column) {
      columns.add(column);
      return this;
    }

    public Builder columns(List<Column> moreColumns) {
      columns.addAll(moreColumns);
      return this;
    }

    /** Sets the partition fields, outermost first. */
    public Builder partition(PartitionField... fields) {
      partitionFields.clear();
      partitionFields.addAll(List.of(fields));
      return this;
    }

    public Builder keyColumns(String... names) {
      keyColumns.addAll(List.of(names));
      return this;
    }

    public Builder nonSummableColumns(String... names) {
      nonSummableColumns.addAll(List.of(names));
      return this;
    }

    public TableDefinition build() {
      if (doc == null || doc.isBlank()) {
        throw new IllegalArgumentException("Invalid table " + name + ": doc is empty");
      }
      if (columns.isEmpty()) {
        throw new IllegalArgumentException("Invalid table " + name + ": no columns");
      }
      if (partitionFields.isEmpty()) {
        throw new IllegalArgumentException("Invalid table " + name + ": no partition field");
      }

      return new TableDefinition(this);
    }
  }
}
