package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Completes financial report rows and adds up what their footer lines state.
 *
 * <p>Apple's footers, as an EU earnings report of 2014 shows them: {@code Total_Rows} counts the
 * data rows, {@code Total_Amount} sums Extended Partner Share, and {@code Total_Units} sums only
 * the positive quantities (returns are left out). Not thread-safe: one instance per file.
 */
final class FinanceRows {
  private static final TableDefinition TABLE = Tables.FINANCE;
  private static final int METRIC_DATE = TABLE.indexOf("metric_date");
  private static final int START_DATE = TABLE.indexOf("start_date");
  private static final int APP_APPLE_ID = TABLE.indexOf("app_apple_id");
  private static final int APPLE_IDENTIFIER = TABLE.indexOf("apple_identifier");
  private static final int PRODUCT_TYPE = TABLE.indexOf("product_type_identifier");
  private static final int QUANTITY = TABLE.indexOf("quantity");
  private static final int EXTENDED_PARTNER_SHARE = TABLE.indexOf("extended_partner_share");

  private final FileTask task;
  private final FileStats stats;
  private BigDecimal amount = BigDecimal.ZERO;
  private long positiveUnits;

  FinanceRows(FileTask task, FileStats stats) {
    this.task = task;
    this.stats = stats;
  }

  /** Returns the row of {@code record}, or null when its date is not one the unit wins. */
  ParseOutcome assemble(SourceRecord record) {
    Object[] values = record.values();
    Long quantity = (Long) values[QUANTITY];
    if (quantity != null && quantity > 0) {
      positiveUnits += quantity;
    }
    BigDecimal share = (BigDecimal) values[EXTENDED_PARTNER_SHARE];
    if (share != null) {
      amount = amount.add(share);
    }

    LocalDate metricDate = (LocalDate) values[START_DATE];
    if (!task.wonDates().contains(metricDate)) {
      return null;
    }

    values[METRIC_DATE] = metricDate;
    values[APP_APPLE_ID] =
        isInAppPurchase((String) values[PRODUCT_TYPE]) ? null : values[APPLE_IDENTIFIER];
    values[TABLE.indexOf("region")] = task.unit().region();
    values[TABLE.indexOf("fiscal_month")] = task.unit().fiscalMonth().toString();
    values[TABLE.indexOf("vendor_number")] = task.unit().vendorNumber();
    LineageColumns lineage = stats.lineage();
    lineage.fillTerritoryCode(values, "country_of_sale", stats);
    lineage.fill(record);

    return ParseOutcome.row(TABLE.name(), lineage.sourceFile(), metricDate, values);
  }

  /** Sum of Extended Partner Share over the file's readable data rows. */
  BigDecimal amount() {
    return amount;
  }

  /** Sum of the positive quantities over the file's readable data rows. */
  long positiveUnits() {
    return positiveUnits;
  }

  /** True for in-app purchase product types (IA1, IA9, IAY, FI1 and their variants). */
  static boolean isInAppPurchase(String productType) {
    if (productType == null) {
      return false;
    }
    String upper = productType.trim().toUpperCase(Locale.ROOT);

    return upper.startsWith("IA") || upper.startsWith("FI");
  }
}
