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
            "territory_code",
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
        .containsSequence("territory", "territory_code", "counts", "unique_counts")
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
        .containsSequence(
            "order_type",
            "proceeds",
            "is_first_time_download",
            "attribution",
            "vendor_number",
            "origin")
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
  void everyReportTableSharesLeadAndLineage() {
    for (TableDefinition table : Tables.reportTables()) {
      assertThat(table.columnNames()).startsWith("app_apple_id", "metric_date", "granularity");
      assertThat(table.columnNames()).endsWith(LINEAGE.toArray(String[]::new));
      assertThat(table.partitionFields()).containsExactly(PartitionField.day("metric_date"));
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
    assertThatThrownBy(() -> Tables.byName("session"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Invalid table name: session (expected one of downloads, engagement, sessions,"
                + " installs_deletions, purchases, crashes, sales, subscriptions,"
                + " subscription_events, finance, reviews, apps, search_terms, runs, load_audit,"
                + " quarantine, review_insights)");
  }

  @Test
  void analyticsTablesHaveTerritoryCode() {
    for (TableDefinition table : Tables.analyticsTables()) {
      List<String> names = table.columnNames();
      int territory = names.indexOf("territory");

      assertThat(territory).as("territory of %s", table.name()).isPositive();
      assertThat(names.get(territory + 1))
          .as("after territory in %s", table.name())
          .isEqualTo("territory_code");
      assertThat(table.column("territory_code").appleHeader()).isNull();
      assertThat(table.column("app_apple_id").nullable()).isFalse();
      assertThat(table.keyColumns())
          .startsWith("app_apple_id", "metric_date", "granularity", "report_variant");
    }
  }

  @Test
  void nonSummableMetrics() {
    assertThat(Tables.SESSIONS.nonSummableColumns()).containsExactly("unique_devices");
    assertThat(Tables.INSTALLS_DELETIONS.nonSummableColumns()).containsExactly("unique_devices");
    assertThat(Tables.PURCHASES.nonSummableColumns()).containsExactly("paying_users");
    assertThat(Tables.CRASHES.nonSummableColumns()).containsExactly("unique_devices");
    assertThat(Tables.SUBSCRIPTIONS.nonSummableColumns())
        .containsExactly("customer_price", "developer_proceeds", "subscribers");
    assertThat(Tables.FINANCE.nonSummableColumns())
        .containsExactly("partner_share", "customer_price");
  }

  @Test
  void purchasesMatchesApplesHeaderCaseInsensitively() {
    assertThat(Tables.PURCHASES.columnForHeader("Proceeds In USD"))
        .map(Column::name)
        .hasValue("proceeds_in_usd");
    assertThat(headersOf(Tables.PURCHASES.requiredInFileColumns()))
        .containsExactly(
            "App Apple Identifier",
            "Date",
            "Purchases",
            "Proceeds in USD",
            "Sales in USD",
            "Paying Users");
  }

  @Test
  void subscriptionTablesAcceptOlderHeaders() {
    assertThat(Tables.SUBSCRIPTION_EVENTS.columnForHeader("Subscription Duration"))
        .map(Column::name)
        .hasValue("standard_subscription_duration");
    assertThat(Tables.SUBSCRIPTIONS.columnForHeader("Promotional Offer Name"))
        .map(Column::name)
        .hasValue("subscription_offer_name");
    assertThat(Tables.SUBSCRIPTION_EVENTS.column("metric_date").appleHeader())
        .isEqualTo("Event Date");
    assertThat(Tables.SUBSCRIPTIONS.column("metric_date").appleHeader()).isNull();
    assertThat(Tables.SUBSCRIPTIONS.columnNames()).containsSequence("country", "territory_code");
  }

  @Test
  void financeAcceptsBothSaleOrReturnSpellings() {
    assertThat(Tables.FINANCE.columnForHeader("Sale or Return"))
        .map(Column::name)
        .hasValue("sales_or_return");
    assertThat(Tables.FINANCE.columnForHeader("Sales or Return"))
        .map(Column::name)
        .hasValue("sales_or_return");
    assertThat(headersOf(Tables.FINANCE.requiredInFileColumns()))
        .containsExactly(
            "Start Date", "Quantity", "Extended Partner Share", "Partner Share Currency");
  }

  @Test
  void reviewsKeepTimestampOffsetAndBothTerritories() {
    TableDefinition reviews = Tables.REVIEWS;

    assertThat(reviews.column("created_at").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(reviews.column("created_utc_offset").type()).isEqualTo(ColumnType.STRING);
    assertThat(reviews.columnNames()).containsSequence("territory", "territory_code");
    assertThat(reviews.keyColumns()).containsExactly("review_id");
    assertThat(reviews.partitionFields()).containsExactly(PartitionField.day("metric_date"));
  }

  @Test
  void operationsTablesPartitioning() {
    assertThat(Tables.APPS.partitionFields()).containsExactly(PartitionField.day("fetched_date"));
    assertThat(Tables.RUNS.partitionFields())
        .containsExactly(PartitionField.identity("run_kind"), PartitionField.day("run_date"));
    assertThat(Tables.LOAD_AUDIT.partitionFields())
        .containsExactly(PartitionField.day("loaded_at"));
    assertThat(Tables.QUARANTINE.partitionFields())
        .containsExactly(PartitionField.identity("table_name"), PartitionField.day("metric_date"));
    assertThat(Tables.LOAD_AUDIT.column("candidate_dates").type())
        .isEqualTo(ColumnType.array(ColumnType.DATE));
    assertThat(Tables.QUARANTINE.column("metric_date").nullable()).isTrue();
  }

  @Test
  void everyTableIsListedOnce() {
    assertThat(Tables.all()).extracting(TableDefinition::name).doesNotHaveDuplicates().hasSize(17);
    assertThat(Tables.all()).containsAll(Tables.reportTables());
    assertThat(Tables.reportTables()).containsAll(Tables.analyticsTables());
  }

  @Test
  void searchTermsKeyAndTypes() {
    TableDefinition searchTerms = Tables.SEARCH_TERMS;

    assertThat(searchTerms.keyColumns())
        .containsExactly(
            "app_apple_id",
            "metric_date",
            "campaign_id",
            "search_term",
            "search_term_source",
            "country",
            "undisclosed",
            "spend_currency");
    assertThat(searchTerms.partitionFields()).containsExactly(PartitionField.day("metric_date"));
    assertThat(searchTerms.column("spend").type()).isEqualTo(ColumnType.decimal(18, 4));
    assertThat(searchTerms.column("undisclosed").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(searchTerms.column("search_term").nullable())
        .as("undisclosed rows have no term")
        .isTrue();
    assertThat(searchTerms.columnNames())
        .endsWith("fetched_date", "landed_at", "source_file", "loaded_at");
  }

  @Test
  void reviewInsightsJoinsReviewsAndKeepsLineage() {
    TableDefinition insights = Tables.REVIEW_INSIGHTS;

    assertThat(insights.columnNames())
        .startsWith("app_apple_id", "metric_date", "review_id", "territory", "territory_code")
        .containsSequence("language", "sentiment_score", "sentiment_label")
        .containsSequence("topic_id", "topic_terms", "topic_model_version")
        .endsWith("review_landed_at", "source_file", "loaded_at");
    assertThat(insights.partitionFields()).isEqualTo(Tables.REVIEWS.partitionFields());
    assertThat(insights.keyColumns()).isEqualTo(Tables.REVIEWS.keyColumns());
    assertThat(insights.column("topic_terms").type())
        .isEqualTo(ColumnType.array(ColumnType.STRING));
    assertThat(insights.column("sentiment_score").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(insights.column("sentiment_label").nullable()).isTrue();
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
