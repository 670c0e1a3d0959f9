package io.appstoreetl.athena;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.PartitionField;
import io.appstoreetl.tables.TableDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Athena DDL for the Iceberg tables from their one definition in {@code table-schema}.
 *
 * <p>The statements keep two placeholders that {@code athena apply} replaces: {@value #DATABASE}
 * (the Glue database) and {@value #WAREHOUSE} (the warehouse's S3 URI, without a trailing slash).
 * Table locations follow the Iceberg Glue catalog's default, {@code <warehouse>/<database>.db/
 * <table>}, so a table that Athena creates sits where the Spark job would have created it.
 */
public final class AthenaDdl {

  public static final String DATABASE = "${database}";
  public static final String WAREHOUSE = "${warehouse}";

  private AthenaDdl() {}

  public static String createDatabase() {
    return "CREATE DATABASE IF NOT EXISTS `" + DATABASE + "`\n";
  }

  /**
   * Returns {@code CREATE TABLE IF NOT EXISTS} for an Iceberg table: format version 2 (the only one
   * Athena reads), Parquet with ZSTD, partitioned as the definition sets.
   */
  public static String createTable(TableDefinition table) {
    StringBuilder sql = new StringBuilder();
    sql.append("-- ").append(oneLine(table.doc())).append('\n');
    sql.append("-- Generated from the table definition in table-schema; do not edit by hand.\n");
    sql.append("CREATE TABLE IF NOT EXISTS `")
        .append(DATABASE)
        .append("`.`")
        .append(table.name())
        .append("` (\n");
    List<String> columns = new ArrayList<>();
    for (Column column : table.columns()) {
      columns.add(
          "  `"
              + column.name()
              + "` "
              + column.type().sql()
              + " COMMENT '"
              + quote(oneLine(column.doc()))
              + "'");
    }
    sql.append(String.join(",\n", columns)).append("\n)\n");

    List<String> partitions = new ArrayList<>();
    for (PartitionField field : table.partitionFields()) {
      partitions.add(partitionExpression(field));
    }
    if (!partitions.isEmpty()) {
      sql.append("PARTITIONED BY (").append(String.join(", ", partitions)).append(")\n");
    }
    sql.append("LOCATION '")
        .append(WAREHOUSE)
        .append('/')
        .append(DATABASE)
        .append(".db/")
        .append(table.name())
        .append("'\n");
    sql.append("TBLPROPERTIES (\n")
        .append("  'table_type'='ICEBERG',\n")
        .append("  'format'='parquet',\n")
        .append("  'write_compression'='zstd'\n")
        .append(")\n");
    return sql.toString();
  }

  private static String partitionExpression(PartitionField field) {
    switch (field.transform()) {
      case DAY:
        return "day(`" + field.sourceColumn() + "`)";
      case IDENTITY:
        return "`" + field.sourceColumn() + "`";
      default:
        throw new IllegalArgumentException(
            "Cannot write Athena DDL for partition transform: " + field.transform());
    }
  }

  /** Replaces the placeholders; both values are checked by the caller. */
  public static String render(String sql, String database, String warehouse) {
    return sql.replace(DATABASE, database).replace(WAREHOUSE, warehouse);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }

  private static String quote(String text) {
    return text.replace("'", "''");
  }
}
