package io.appstoreetl.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnTest {

  @Test
  void buildersSetEachFlag() {
    Column column =
        Column.of("counts", ColumnType.BIGINT, "Downloads.")
            .fromHeader("Counts")
            .requiredInEveryFile()
            .notNull();

    assertThat(column.appleHeader()).isEqualTo("Counts");
    assertThat(column.requiredInFile()).isTrue();
    assertThat(column.nullable()).isFalse();
  }

  @Test
  void rejectsNameThatIsNotSnakeCase() {
    assertThatThrownBy(() -> Column.of("AppName", ColumnType.STRING, "Name."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid column name: AppName (expected snake_case, such as app_apple_id)");
  }

  @Test
  void rejectsRequiredColumnWithoutHeader() {
    assertThatThrownBy(
            () -> Column.of("proceeds", ColumnType.DOUBLE, "Proceeds.").requiredInEveryFile())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid column proceeds: required in file but has no Apple header");
  }

  @Test
  void tableRejectsDuplicateColumn() {
    TableDefinition.Builder builder =
        TableDefinition.builder("things")
            .doc("Things.")
            .column(Column.of("metric_date", ColumnType.DATE, "Day."))
            .column(Column.of("metric_date", ColumnType.DATE, "Day again."))
            .partition(PartitionField.day("metric_date"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid table things: duplicate column metric_date");
  }

  @Test
  void tableRejectsPartitionOnStringColumn() {
    TableDefinition.Builder builder =
        TableDefinition.builder("things")
            .doc("Things.")
            .column(Column.of("name", ColumnType.STRING, "Name."))
            .partition(PartitionField.day("name"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid table things: partition column name has type string (expected date or"
                + " timestamp)");
  }
}
