package io.appstoreetl.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {

  private static final List<String> LINEAGE =
      List.of("report_variant", "processing_date", "source_file", "loaded_at", "extra_columns");

  @Test
  void downloadsColumnsInOrder() {
    assertThat(Tables.DOWNLOADS.columnNames())
        .containsExactly(
            "app_apple_id",
            "metric_date",
            "granularity",
            "app_name",
            "download_type",
            "app_version",
            "device",
            "platform_version",
            "source_type",
            "source_info",
            "campaign",
            "page_type",
            "page_title",
            "pre_order",
            "territory",
            "counts",
            "report_variant",
            "processing_date",
            "source_file",
            "loaded_at",
            "extra_columns");
    assertThat(Tables.DOWNLOADS.column("counts").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(Tables.DOWNLOADS.column("pre_order").appleHeader()).isEqualTo("Pre-Order");
    assertThat(Tables.DOWNLOADS.nonSummableColumns()).isEmpty();
  }

  @Test
  void engagementKeepsEventAndUniqueCounts() {
    TableDefinition engagement = Tables.ENGAGEMENT;

    assertThat(engagement.columnNames())
        .containsSequence("app_name", "event", "page_type", "page_title", "source_type")
        .containsSequence("territory", "counts", "unique_counts")
        .endsWith(LINEAGE.toArray(String[]::new));
    assertThat(engagement.column("event").appleHeader()).isEqualTo("Event");
    assertThat(engagement.nonSummableColumns()).containsExactly("unique_counts");
  }

  @Test
  void salesHoldsAllTwentyEightAppleColumns() {
    List<String> headers =
        Tables.SALES.columns().stream()
            .map(Column::appleHeader)
            .filter(header -> header != null)
            .toList();

    assertThat(headers)
        .containsExactly(
            "Provider",
            "Provider Country",
            "SKU",
            "Developer",
            "Title",
            "Version",
            "Product Type Identifier",
            "Units",
            "Developer Proceeds",
            "Begin Date",
            "End Date",
            "Customer Currency",
            "Country Code",
            "Currency of Proceeds",
            "Apple Identifier",
            "Customer Price",
            "Promo Code",
            "Parent Identifier",
            "Subscription",
            "Period",
            "Category",
            "CMB",
            "Device",
            "Supported Platforms",
            "Proceeds Reason",
            "Preserved Pricing",
            "Client",
            "Order Type");
    assertThat(Tables.SALES.column("units").type()).isEqualTo(ColumnType.decimal(18, 2));
    assertThat(Tables.SALES.column("developer_proceeds").type())
        .isEqualTo(ColumnType.decimal(18, 4));
    assertThat(Tables.SALES.column("proceeds").type()).isEqualTo(ColumnType.decimal(18, 4));
    assertThat(Tables.SALES.column("is_first_time_download").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(Tables.SALES.columnNames())
        .startsWith("app_apple_id", "metric_date", "granularity")
        .containsSequence("order_type", "proceeds", "is_first_time_download", "vendor_number")
        .endsWith(LINEAGE.toArray(String[]::new));
  }

  @Test
  void requiredInFileColumns() {
    assertThat(headersOf(Tables.DOWNLOADS.requiredInFileColumns()))
        .containsExactly("App Apple Identifier", "Date", "Counts");
    assertThat(headersOf(Tables.ENGAGEMENT.requiredInFileColumns()))
        .containsExactly("App Apple Identifier", "Date", "Counts", "Unique Counts");
    assertThat(headersOf(Tables.SALES.requiredInFileColumns()))
        .containsExactly(
            "SKU",
            "Title",
            "Product Type Identifier",
            "Units",
            "Developer Proceeds",
            "Begin Date",
            "End Date",
            "Country Code",
            "Currency of Proceeds",
            "Apple Identifier");
  }

  @Test
  void everyTableSharesLeadAndLineage() {
    for (TableDefinition table : Tables.all()) {
      assertThat(table.columnNames()).startsWith("app_apple_id", "metric_date", "granularity");
      assertThat(table.columnNames()).endsWith(LINEAGE.toArray(String[]::new));
      assertThat(table.partition()).isEqualTo(PartitionField.day("metric_date"));
      assertThat(table.column("loaded_at").type()).isEqualTo(ColumnType.TIMESTAMP);
      assertThat(table.column("extra_columns").type()).isEqualTo(ColumnType.MAP_STRING_STRING);
      assertThat(table.column("metric_date").nullable()).isFalse();
      assertThat(table.column("source_file").nullable()).isFalse();
    }
  }

  @Test
  void salesAppIdIsNullableAndDerived() {
    Column appId = Tables.SALES.column("app_apple_id");

    assertThat(appId.nullable()).isTrue();
    assertThat(appId.appleHeader()).isNull();
    assertThat(Tables.DOWNLOADS.column("app_apple_id").nullable()).isFalse();
  }

  @Test
  void columnForHeaderIgnoresCaseAndSpaces() {
    assertThat(Tables.SALES.columnForHeader("  currency OF proceeds "))
        .map(Column::name)
        .hasValue("currency_of_proceeds");
    assertThat(Tables.SALES.columnForHeader("Processing Date")).isEmpty();
  }

  @Test
  void byNameRejectsUnknownTable() {
    assertThat(Tables.byName("sales")).isSameAs(Tables.SALES);
    assertThatThrownBy(() -> Tables.byName("sessions"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid table name: sessions (expected one of downloads, engagement, sales)");
  }

  @Test
  void columnRejectsUnknownName() {
    assertThatThrownBy(() -> Tables.DOWNLOADS.column("unique_counts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Invalid column for table downloads: unique_counts (expected one of");
  }

  private static List<String> headersOf(List<Column> columns) {
    return columns.stream().map(Column::appleHeader).toList();
  }
}
