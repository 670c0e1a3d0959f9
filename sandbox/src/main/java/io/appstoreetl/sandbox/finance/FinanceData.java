package io.appstoreetl.sandbox.finance;

import io.appstoreetl.sandbox.data.Territory;
import io.appstoreetl.sandbox.sales.SalesData;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the monthly finance reports from the daily sales rows: FINANCIAL per region (and {@code
 * ZZ} for all regions) and FINANCE_DETAIL for {@code Z1}. Only rows with proceeds count, and a
 * refund is a return ({@code R}) with a negative quantity.
 *
 * <p>NOTE: Apple's {@code reportDate} names a fiscal month, whose days differ from the calendar
 * month, but the sandbox uses the calendar month. The region codes other than {@code ZZ} and {@code
 * Z1}, the FINANCE_DETAIL columns (taken from public client code) and the layout of the footer
 * lines are unconfirmed.
 */
public final class FinanceData {

  public static final List<String> FINANCIAL_HEADER =
      List.of(
          "Start Date",
          "End Date",
          "UPC",
          "ISRC/ISBN",
          "Vendor Identifier",
          "Quantity",
          "Partner Share",
          "Extended Partner Share",
          "Partner Share Currency",
          "Sales or Return",
          "Apple Identifier",
          "Artist/Show/Developer/Author",
          "Title",
          "Label/Studio/Network/Developer/Publisher",
          "Grid",
          "Product Type Identifier",
          "ISAN/Other Identifier",
          "Country Of Sale",
          "Pre-order Flag",
          "Promo Code",
          "Customer Price",
          "Customer Currency");

  public static final List<String> FINANCE_DETAIL_HEADER =
      List.of(
          "Transaction Date",
          "Settlement Date",
          "Apple Identifier",
          "SKU",
          "Title",
          "Developer Name",
          "Product Type Identifier",
          "Country of Sale",
          "Quantity",
          "Partner Share",
          "Extended Partner Share",
          "Partner Share Currency",
          "Customer Price",
          "Customer Currency",
          "Sale or Return",
          "Promo Code",
          "Order Type",
          "Region");

  /** The consolidated code that covers every region in a FINANCIAL report. */
  public static final String ALL_REGIONS = "ZZ";

  /** The only region code of FINANCE_DETAIL reports. */
  public static final String DETAIL_REGION = "Z1";

  /** Region per storefront: a currency region, or EU for the euro storefronts. */
  private static final Map<String, String> REGION_BY_COUNTRY =
      Map.ofEntries(
          Map.entry("US", "US"),
          Map.entry("GB", "GB"),
          Map.entry("JP", "JP"),
          Map.entry("DE", "EU"),
          Map.entry("FR", "EU"),
          Map.entry("IT", "EU"),
          Map.entry("ES", "EU"),
          Map.entry("NL", "EU"),
          Map.entry("CA", "CA"),
          Map.entry("AU", "AU"),
          Map.entry("BR", "BR"),
          Map.entry("IN", "IN"),
          Map.entry("CN", "CN"),
          Map.entry("KR", "KR"),
          Map.entry("MX", "MX"),
          Map.entry("SE", "SE"),
          Map.entry("CH", "CH"),
          Map.entry("SG", "SG"),
          Map.entry("TR", "TR"));

  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final String DEVELOPER = "Sandbox Games Ltd";

  private final SalesData sales;
  private final LocalDate historyStart;

  public FinanceData(SalesData sales, LocalDate historyStart) {
    this.sales = sales;
    this.historyStart = historyStart;
  }

  /** Returns the region codes of FINANCIAL reports, {@code ZZ} first. */
  public static List<String> financialRegions() {
    List<String> regions = new ArrayList<>();
    regions.add(ALL_REGIONS);
    REGION_BY_COUNTRY.values().stream().distinct().sorted().forEach(regions::add);
    return regions;
  }

  /** Returns the rows of the FINANCIAL report of the region and month, without the footer. */
  public List<String[]> financialRows(String region, YearMonth month) {
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (String[] sale : paidSales(month)) {
      Territory territory = Territory.byCode(column(sale, "Country Code")).orElseThrow();
      if (!region.equals(ALL_REGIONS) && !region.equals(REGION_BY_COUNTRY.get(territory.code()))) {
        continue;
      }
      long units = Long.parseLong(column(sale, "Units"));
      String[] row = {
        US_DATE.format(month.atDay(1)),
        US_DATE.format(month.atEndOfMonth()),
        "",
        "",
        column(sale, "SKU"),
        "",
        column(sale, "Developer Proceeds"),
        "",
        column(sale, "Currency of Proceeds"),
        units < 0 ? "R" : "S",
        column(sale, "Apple Identifier"),
        DEVELOPER,
        column(sale, "Title"),
        "",
        "",
        column(sale, "Product Type Identifier"),
        "",
        territory.code(),
        "",
        "",
        column(sale, "Customer Price").replace("-", ""),
        column(sale, "Customer Currency")
      };
      addUnits(byKey, row, units, 5, 6, 7, territory);
    }
    return new ArrayList<>(byKey.values());
  }

  /** Returns the rows of the FINANCE_DETAIL report of the month, without the footer. */
  public List<String[]> detailRows(YearMonth month) {
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (String[] sale : paidSales(month)) {
      Territory territory = Territory.byCode(column(sale, "Country Code")).orElseThrow();
      long units = Long.parseLong(column(sale, "Units"));
      String[] row = {
        column(sale, "Begin Date"),
        US_DATE.format(month.atEndOfMonth()),
        column(sale, "Apple Identifier"),
        column(sale, "SKU"),
        column(sale, "Title"),
        DEVELOPER,
        column(sale, "Product Type Identifier"),
        territory.code(),
        "",
        column(sale, "Developer Proceeds"),
        "",
        column(sale, "Currency of Proceeds"),
        column(sale, "Customer Price").replace("-", ""),
        column(sale, "Customer Currency"),
        units < 0 ? "R" : "S",
        "",
        "",
        REGION_BY_COUNTRY.get(territory.code())
      };
      addUnits(byKey, row, units, 8, 9, 10, territory);
    }
    return new ArrayList<>(byKey.values());
  }

  /**
   * Returns the footer lines of a report: {@code Total_Rows}, {@code Total_Amount} (the sum of
   * Extended Partner Share) and {@code Total_Units} (the sum of Quantity), each with a tab and the
   * value.
   */
  public static List<String> footer(List<String> header, List<String[]> rows) {
    int quantity = header.indexOf("Quantity");
    int extended = header.indexOf("Extended Partner Share");
    BigDecimal amount = BigDecimal.ZERO;
    long units = 0;
    for (String[] row : rows) {
      amount = amount.add(new BigDecimal(row[extended]));
      units += Long.parseLong(row[quantity]);
    }
    return List.of(
        "Total_Rows\t" + rows.size(),
        "Total_Amount\t" + amount.toPlainString(),
        "Total_Units\t" + units);
  }

  /** Returns the month's daily sales rows that earned or refunded proceeds. */
  private List<String[]> paidSales(YearMonth month) {
    List<String[]> paid = new ArrayList<>();
    for (LocalDate day = month.atDay(1);
        !day.isAfter(month.atEndOfMonth());
        day = day.plusDays(1)) {
      if (day.isBefore(historyStart)) {
        continue;
      }
      for (String[] row : sales.rows(day)) {
        if (new BigDecimal(column(row, "Developer Proceeds")).signum() != 0) {
          paid.add(row);
        }
      }
    }
    return paid;
  }

  /** Adds a row's units to the row with the same other values, computing Extended Partner Share. */
  private static void addUnits(
      Map<String, String[]> byKey,
      String[] row,
      long units,
      int quantityIndex,
      int shareIndex,
      int extendedIndex,
      Territory territory) {
    String key = String.join("\t", row);
    String[] total = byKey.computeIfAbsent(key, k -> row);
    long quantity = (total[quantityIndex].isEmpty() ? 0 : Long.parseLong(total[quantityIndex]));
    quantity += units;
    total[quantityIndex] = Long.toString(quantity);
    BigDecimal extended = new BigDecimal(total[shareIndex]).multiply(BigDecimal.valueOf(quantity));
    total[extendedIndex] = extended.setScale(territory.currencyDecimals()).toPlainString();
  }

  private static String column(String[] salesRow, String name) {
    return salesRow[SalesData.HEADER.indexOf(name)];
  }
}
