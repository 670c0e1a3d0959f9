package io.appstoreetl.athena;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.ColumnType;
import io.appstoreetl.tables.PartitionField;
import io.appstoreetl.tables.TableDefinition;
import org.junit.jupiter.api.Test;

class AthenaDdlTest {

  @Test
  void createTableWritesIcebergDdl() {
    TableDefinition table =
        TableDefinition.builder("example")
            .doc("An example table.")
            .column(Column.of("app_apple_id", ColumnType.BIGINT, "The app's Apple id."))
            .column(Column.of("metric_date", ColumnType.DATE, "The day the row is about."))
            .column(Column.of("proceeds", ColumnType.decimal(18, 4), "Developer's proceeds."))
            .column(Column.of("extra_columns", ColumnType.MAP_STRING_STRING, "Unknown columns."))
            .partition(PartitionField.day("metric_date"))
            .build();

    String sql = AthenaDdl.render(AthenaDdl.createTable(table), "appstore", "s3://bucket/lake");

    assertThat(sql)
        .isEqualTo(
            "-- An example table.\n"
                + "-- Generated from the table definition in table-schema; do not edit by hand.\n"
                + "CREATE TABLE IF NOT EXISTS `appstore`.`example` (\n"
                + "  `app_apple_id` bigint COMMENT 'The app''s Apple id.',\n"
                + "  `metric_date` date COMMENT 'The day the row is about.',\n"
                + "  `proceeds` decimal(18,4) COMMENT 'Developer''s proceeds.',\n"
                + "  `extra_columns` map<string,string> COMMENT 'Unknown columns.'\n"
                + ")\n"
                + "PARTITIONED BY (day(`metric_date`))\n"
                + "LOCATION 's3://bucket/lake/appstore.db/example'\n"
                + "TBLPROPERTIES (\n"
                + "  'table_type'='ICEBERG',\n"
                + "  'format'='parquet',\n"
                + "  'write_compression'='zstd'\n"
                + ")\n");
  }

  @Test
  void createDatabaseUsesPlaceholder() {
    assertThat(AthenaDdl.render(AthenaDdl.createDatabase(), "appstore", "s3://bucket/lake"))
        .isEqualTo("CREATE DATABASE IF NOT EXISTS `appstore`\n");
  }
}
