package io.appstoreetl.sandbox.sales;

import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.data.Seeds;
import io.appstoreetl.sandbox.data.Territory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the rows of the daily SALES / SUMMARY report (the Summary Sales Report) of the vendor.
 *
 * <p>Each app gets first-time downloads ({@code 1F}), redownloads ({@code 3F}), updates ({@code
 * 7F}) and in-app purchases ({@code IA1}, whose {@code Parent Identifier} is the app's SKU) in
 * several storefronts, and some refunds (negative {@code Units} and {@code Customer Price},
 * positive {@code Developer Proceeds}, as in Apple's sample). About one day in seven has no sales
 * at all. An app added while the sandbox runs sells from the day it was added on.
 */
public final class SalesData {

  /** Apple's 28-column header of the SALES / SUMMARY file, version 1_0. */
  public static final List<String> HEADER =
      List.of(
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

  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final String DEVELOPER = "Sandbox Games Ltd";

  private final long seed;
  private final AppCatalog apps;

  public SalesData(long seed, AppCatalog apps) {
    this.seed = seed;
    this.apps = apps;
  }

  /** Returns whether the vendor sold nothing on that day, so Apple has no report for it. */
  public boolean isNoSalesDay(LocalDate reportDate) {
    return Math.floorMod(Seeds.hash(seed, "no-sales", reportDate), 7L) == 0;
  }

  /**
   * Returns the rows of the report for that day in {@link #HEADER} order, none on a no-sales day.
   */
  public List<String[]> rows(LocalDate reportDate) {
    List<String[]> rows = new ArrayList<>();
    if (isNoSalesDay(reportDate)) {
      return rows;
    }
    List<SandboxApp> allApps = apps.appsOn(reportDate);
    for (int i = 0; i < allApps.size(); i++) {
      SandboxApp app = allApps.get(i);
      SplittableRandom random = Seeds.random(seed, "sales", reportDate, app.id());
      addAppRows(rows, reportDate, app, random);
      // The first app refunds something every day, so every sales file has a refund row.
      boolean refund = i == 0 || random.nextInt(2) == 0;
      addInAppPurchaseRows(rows, reportDate, app, random, refund);
    }
    return rows;
  }

  /**
   * Returns the rows of a weekly or monthly report: the daily rows of {@code firstDay} to {@code
   * periodEnd} summed by every column but Units and the dates, with Begin Date and End Date set to
   * the period's first and last day, in order of first appearance.
   *
   * @param firstDay the first day with data in the period, which is after the period's start when
   *     the history starts within it
   */
  public List<String[]> periodRows(LocalDate periodStart, LocalDate firstDay, LocalDate periodEnd) {
    int units = HEADER.indexOf("Units");
    int beginDate = HEADER.indexOf("Begin Date");
    int endDate = HEADER.indexOf("End Date");
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (LocalDate day = firstDay; !day.isAfter(periodEnd); day = day.plusDays(1)) {
      for (String[] row : rows(day)) {
        String[] periodRow = row.clone();
        periodRow[beginDate] = US_DATE.format(periodStart);
        periodRow[endDate] = US_DATE.format(periodEnd);
        periodRow[units] = "";
        String key = String.join("\t", periodRow);
        String[] total = byKey.computeIfAbsent(key, k -> periodRow);
        long sum = (total[units].isEmpty() ? 0 : Long.parseLong(total[units]));
        total[units] = Long.toString(sum + Long.parseLong(row[units]));
      }
    }
    return new ArrayList<>(byKey.values());
  }

  private void addAppRows(
      List<String[]> rows, LocalDate date, SandboxApp app, SplittableRandom random) {
    for (Territory territory : pickTerritories(random, 4, 8, false)) {
      BigDecimal price = app.paid() ? territory.smallPrice() : BigDecimal.ZERO;
      int units = 1 + random.nextInt(app.paid() ? 20 : 120);
      rows.add(appRow(date, app, "1F", units, price, territory, "iPhone"));
      if (random.nextInt(10) < 4) {
        rows.add(appRow(date, app, "1F", 1 + random.nextInt(30), price, territory, "iPad"));
      }
    }
    for (Territory territory : pickTerritories(random, 2, 4, false)) {
      rows.add(
          appRow(date, app, "3F", 1 + random.nextInt(25), BigDecimal.ZERO, territory, "iPhone"));
    }
    for (Territory territory : pickTerritories(random, 3, 6, false)) {
      String device = random.nextInt(4) == 0 ? "iPad" : "iPhone";
      rows.add(
          appRow(date, app, "7F", 1 + random.nextInt(200), BigDecimal.ZERO, territory, device));
    }
  }

  private void addInAppPurchaseRows(
      List<String[]> rows,
      LocalDate date,
      SandboxApp app,
      SplittableRandom random,
      boolean refund) {
    for (SandboxApp.InAppPurchase purchase : app.inAppPurchases()) {
      for (Territory territory : pickTerritories(random, 3, 6, true)) {
        BigDecimal price = purchase.largePrice() ? territory.largePrice() : territory.smallPrice();
        int units = 1 + random.nextInt(40);
        rows.add(purchaseRow(date, app, purchase, units, price, territory));
      }
    }
    if (refund) {
      List<SandboxApp.InAppPurchase> purchases = app.inAppPurchases();
      SandboxApp.InAppPurchase purchase = purchases.get(random.nextInt(purchases.size()));
      Territory territory = Territory.ALL.get(random.nextInt(6));
      BigDecimal price = purchase.largePrice() ? territory.largePrice() : territory.smallPrice();
      rows.add(purchaseRow(date, app, purchase, -1, price.negate(), territory));
    }
  }

  /**
   * Picks distinct storefronts, always with the United States first and, when asked, Japan, so
   * every file has USD and JPY amounts.
   */
  private static List<Territory> pickTerritories(
      SplittableRandom random, int min, int max, boolean withJapan) {
    int count = min + random.nextInt(max - min + 1);
    List<Territory> candidates = new ArrayList<>(Territory.ALL);
    List<Territory> picked = new ArrayList<>();
    picked.add(candidates.remove(0));
    if (withJapan) {
      Territory japan =
          candidates.stream().filter(t -> t.code().equals("JP")).findFirst().orElseThrow();
      candidates.remove(japan);
      picked.add(japan);
    }
    while (picked.size() < count && !candidates.isEmpty()) {
      picked.add(candidates.remove(random.nextInt(candidates.size())));
    }
    return picked;
  }

  private static String[] appRow(
      LocalDate date,
      SandboxApp app,
      String productType,
      int units,
      BigDecimal price,
      Territory territory,
      String device) {
    BigDecimal proceeds = price.signum() == 0 ? BigDecimal.ZERO : territory.proceedsFor(price);
    return row(
        app.sku(),
        app.name(),
        app.latestVersion(),
        productType,
        units,
        territory.format(proceeds),
        date,
        territory,
        app.id(),
        territory.format(price),
        "",
        app.category(),
        device);
  }

  private static String[] purchaseRow(
      LocalDate date,
      SandboxApp app,
      SandboxApp.InAppPurchase purchase,
      int units,
      BigDecimal price,
      Territory territory) {
    // Developer Proceeds stays positive on a refund row; the negative Units carry the sign.
    BigDecimal proceeds = territory.proceedsFor(price.abs());
    return row(
        purchase.productId(),
        purchase.title(),
        "",
        "IA1",
        units,
        territory.format(proceeds),
        date,
        territory,
        purchase.appleId(),
        territory.format(price),
        app.sku(),
        app.category(),
        "iPhone");
  }

  private static String[] row(
      String sku,
      String title,
      String version,
      String productType,
      int units,
      String developerProceeds,
      LocalDate date,
      Territory territory,
      String appleId,
      String customerPrice,
      String parentIdentifier,
      String category,
      String device) {
    String day = US_DATE.format(date);
    return new String[] {
      "APPLE",
      "US",
      sku,
      DEVELOPER,
      title,
      version,
      productType,
      Integer.toString(units),
      developerProceeds,
      day,
      day,
      territory.currency(),
      territory.code(),
      territory.currency(),
      appleId,
      customerPrice,
      "",
      parentIdentifier,
      "",
      "",
      category,
      "",
      device,
      "iOS",
      "",
      "",
      "",
      ""
    };
  }
}
