package io.appstoreetl.curation.rows;

import io.appstoreetl.curation.parse.LineResult;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.parse.ReportFormat;
import io.appstoreetl.curation.parse.SourceRecord;
import io.appstoreetl.curation.parse.ValueParser;
import io.appstoreetl.tables.Column;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Completes SALES SUMMARY rows: metric date, app attribution, proceeds, first-time flag, vendor and
 * lineage.
 *
 * <p>A row with an empty Parent Identifier is an app row and belongs to its own Apple Identifier.
 * An in-app purchase row (non-empty Parent Identifier) is attributed to the app whose SKU equals
 * its Parent Identifier: first in the apps table, then among the app rows of the same file. The
 * same-file fallback needs the file's app rows first, so a sales file is read whole before its rows
 * are assembled.
 */
public final class SalesRows {

  /** Product Type Identifiers of first-time downloads of an app (Apple's product type table). */
  public static final Set<String> FIRST_TIME_DOWNLOAD_TYPES =
      Set.of("1", "1F", "1T", "F1", "1E", "1EP", "1EU", "1-B");

  private static final TableDefinition TABLE = Tables.SALES;
  private static final int METRIC_DATE = TABLE.indexOf("metric_date");
  private static final int APP_APPLE_ID = TABLE.indexOf("app_apple_id");
  private static final int SKU = TABLE.indexOf("sku");
  private static final int PRODUCT_TYPE = TABLE.indexOf("product_type_identifier");
  private static final int UNITS = TABLE.indexOf("units");
  private static final int DEVELOPER_PROCEEDS = TABLE.indexOf("developer_proceeds");
  private static final int BEGIN_DATE = TABLE.indexOf("begin_date");
  private static final int APPLE_IDENTIFIER = TABLE.indexOf("apple_identifier");
  private static final int PARENT_IDENTIFIER = TABLE.indexOf("parent_identifier");
  private static final int PROCEEDS = TABLE.indexOf("proceeds");
  private static final int FIRST_TIME = TABLE.indexOf("is_first_time_download");
  private static final int ATTRIBUTION = TABLE.indexOf("attribution");
  private static final int VENDOR_NUMBER = TABLE.indexOf("vendor_number");
  private static final int ORIGIN = TABLE.indexOf("origin");

  private SalesRows() {}

  /**
   * Returns the rows and rejects of one sales file whose lines are {@code lines}, leaving out rows
   * and dated rejects of dates the unit does not win.
   */
  static List<ParseOutcome> assemble(FileTask task, List<LineResult> lines) {
    Map<String, Long> sameFileAppIds = new HashMap<>();
    Set<String> ambiguousSkus = new HashSet<>();
    for (LineResult line : lines) {
      if (line instanceof SourceRecord record) {
        collectAppRow(record.values(), sameFileAppIds, ambiguousSkus);
      }
    }
    ambiguousSkus.forEach(sameFileAppIds::remove);

    String vendor = vendorNumber(task);
    LineageColumns lineage = new LineageColumns(task);
    List<ParseOutcome> outcomes = new ArrayList<>();
    for (LineResult line : lines) {
      ParseOutcome outcome =
          line instanceof SourceRecord record
              ? assembleRecord(task, record, sameFileAppIds, vendor, lineage)
              : keepIfDateWon(task, (RejectedLine) line);
      if (outcome != null) {
        outcomes.add(outcome);
      }
    }

    return outcomes;
  }

  /**
   * Returns the vendor number of the file's rows: the one fetched for, or the one in an imported
   * file's Apple file name, or null.
   */
  static String vendorNumber(FileTask task) {
    return task.unit().vendorNumber() != null
        ? task.unit().vendorNumber()
        : task.unit().importVendorNumber();
  }

  private static void collectAppRow(
      Object[] values, Map<String, Long> appIdsBySku, Set<String> ambiguousSkus) {
    String sku = (String) values[SKU];
    Long appleId = (Long) values[APPLE_IDENTIFIER];
    if (values[PARENT_IDENTIFIER] != null || sku == null || appleId == null) {
      return;
    }

    Long previous = appIdsBySku.putIfAbsent(sku.trim(), appleId);
    if (previous != null && !previous.equals(appleId)) {
      // Two apps with one SKU: attributing the purchase to either would be a guess.
      ambiguousSkus.add(sku.trim());
    }
  }

  private static ParseOutcome assembleRecord(
      FileTask task,
      SourceRecord record,
      Map<String, Long> sameFileAppIds,
      String vendor,
      LineageColumns lineage) {
    Object[] values = record.values();
    LocalDate beginDate = (LocalDate) values[BEGIN_DATE];
    if (beginDate == null) {
      Column column = TABLE.column("begin_date");
      return reject(task, record, null, ValueParser.missingValueReason(column, ReportFormat.SALES));
    }
    if (!task.wonDates().contains(beginDate)) {
      return null;
    }

    BigDecimal proceeds =
        proceeds((BigDecimal) values[UNITS], (BigDecimal) values[DEVELOPER_PROCEEDS]);
    int proceedsIntegerDigits =
        TABLE.column("proceeds").type().precision() - TABLE.column("proceeds").type().scale();
    if (proceeds != null && proceeds.precision() - proceeds.scale() > proceedsIntegerDigits) {
      return reject(
          task,
          record,
          beginDate,
          "Invalid proceeds: "
              + proceeds.toPlainString()
              + " (expected at most "
              + proceedsIntegerDigits
              + " digits before the decimal point)");
    }

    String parent = (String) values[PARENT_IDENTIFIER];
    if (parent == null) {
      values[APP_APPLE_ID] = values[APPLE_IDENTIFIER];
      values[ATTRIBUTION] = values[APPLE_IDENTIFIER] == null ? null : "app_row";
    } else if (task.appIdsBySku().containsKey(parent.trim())) {
      values[APP_APPLE_ID] = task.appIdsBySku().get(parent.trim());
      values[ATTRIBUTION] = "apps_table";
    } else if (sameFileAppIds.containsKey(parent.trim())) {
      values[APP_APPLE_ID] = sameFileAppIds.get(parent.trim());
      values[ATTRIBUTION] = "same_file";
    }
    values[METRIC_DATE] = beginDate;
    values[PROCEEDS] = proceeds;
    values[FIRST_TIME] = isFirstTimeDownload((String) values[PRODUCT_TYPE]);
    values[VENDOR_NUMBER] = vendor;
    values[ORIGIN] = task.unit().origin();
    lineage.fill(record);

    return ParseOutcome.row(TABLE.name(), lineage.sourceFile(), beginDate, values);
  }

  /** Returns units * developer proceeds, rounded half-even to the proceeds column's scale. */
  static BigDecimal proceeds(BigDecimal units, BigDecimal developerProceeds) {
    if (units == null || developerProceeds == null) {
      return null;
    }

    int scale = TABLE.column("proceeds").type().scale();
    return units.multiply(developerProceeds).setScale(scale, RoundingMode.HALF_EVEN);
  }

  static boolean isFirstTimeDownload(String productType) {
    return productType != null
        && FIRST_TIME_DOWNLOAD_TYPES.contains(productType.trim().toUpperCase(Locale.ROOT));
  }

  private static ParseOutcome keepIfDateWon(FileTask task, RejectedLine reject) {
    if (reject.metricDate() != null && !task.wonDates().contains(reject.metricDate())) {
      return null;
    }

    return ParseOutcome.rejected(TABLE.name(), reject);
  }

  private static ParseOutcome reject(
      FileTask task, SourceRecord record, LocalDate metricDate, String reason) {
    RejectedLine reject =
        new RejectedLine(task.sourceFile(), record.lineNumber(), metricDate, reason, record.line());
    return ParseOutcome.rejected(TABLE.name(), reject);
  }
}
