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
                + " timestamp for partitioning by day)");
  }

  @Test
  void tableRejectsIdentityPartitionOnDate() {
    TableDefinition.Builder builder =
        TableDefinition.builder("things")
            .doc("Things.")
            .column(Column.of("metric_date", ColumnType.DATE, "Day."))
            .partition(PartitionField.identity("metric_date"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid table things: partition column metric_date has type date (expected string"
                + " for identity partitioning)");
  }

  @Test
  void aliasesAreMatchedLikeTheHeader() {
    TableDefinition table =
        TableDefinition.builder("things")
            .doc("Things.")
            .column(Column.of("metric_date", ColumnType.DATE, "Day."))
            .column(
                Column.of("sales_or_return", ColumnType.STRING, "S or R.")
                    .fromHeader("Sales or Return")
                    .alsoFromHeaders("Sale or Return"))
            .partition(PartitionField.day("metric_date"))
            .build();

    assertThat(table.columnForHeader(" sale OR return"))
        .map(Column::name)
        .hasValue("sales_or_return");
    assertThat(table.columnForHeader("Sales or Return"))
        .map(Column::name)
        .hasValue("sales_or_return");
    assertThat(table.column("sales_or_return").allHeaders())
        .containsExactly("Sales or Return", "Sale or Return");
  }

  @Test
  void tableRejectsAliasThatIsAnotherHeader() {
    TableDefinition.Builder builder =
        TableDefinition.builder("things")
            .doc("Things.")
            .column(Column.of("metric_date", ColumnType.DATE, "Day.").fromHeader("Date"))
            .column(
                Column.of("start_date", ColumnType.DATE, "Start.")
                    .fromHeader("Start Date")
                    .alsoFromHeaders("date"))
            .partition(PartitionField.day("metric_date"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid table things: duplicate Apple header \"date\"");
  }

  @Test
  void rejectsAliasWithoutHeader() {
    assertThatThrownBy(
            () -> Column.of("x", ColumnType.STRING, "X.").alsoFromHeaders("Something Else"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid column x: header aliases without an Apple header");
  }
}
