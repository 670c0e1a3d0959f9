package io.appstoreetl.sandbox.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code App Store Purchases Standard} and {@code Detailed}: purchases of the paid app and of its
 * in-app purchases, with Purchases, Proceeds in USD, Sales in USD and Paying Users.
 *
 * <p>About one row in twenty is a refund: negative Purchases and negative money, no paying users.
 * Sales are the purchases times a US price point (0.99 for the app and small items, 4.99 for large
 * items) and proceeds are 70% of sales, rounded to cents.
 */
final class PurchaseRows extends ReportRows {

  private static final BigDecimal SMALL_PRICE_USD = new BigDecimal("0.99");
  private static final BigDecimal LARGE_PRICE_USD = new BigDecimal("4.99");
  private static final BigDecimal DEVELOPER_SHARE = new BigDecimal("0.70");

  private static final int PURCHASES_INDEX_FROM_END = 4;

  PurchaseRows(boolean detailed) {
    super(
        detailed,
        4,
        "Date",
        "App Name",
        "App Apple Identifier",
        "Purchase Type",
        "Content Name",
        "Content Apple Identifier",
        "Payment Method",
        "Device",
        "Platform Version",
        "Source Type",
        "D:Source Info",
        "D:Campaign",
        "Page Type",
        "D:Page Title",
        "App Download Date",
        "Pre-Order",
        "Territory",
        "Purchases",
        "Proceeds in USD",
        "Sales in USD",
        "Paying Users");
  }

  @Override
  void fillDimensions(
      SplittableRandom random, SandboxApp app, LocalDate metricDate, List<String> row) {
    List<SandboxApp.InAppPurchase> items = app.inAppPurchases();
    int choice = random.nextInt(items.size() + 1);
    if (app.paid() && choice == items.size()) {
      row.add("App purchase");
      row.add(app.name());
      row.add(app.id());
    } else {
      SandboxApp.InAppPurchase item = items.get(choice % items.size());
      row.add("In-app purchases");
      row.add(item.title());
      row.add(item.appleId());
    }
    row.add(Glossary.PAYMENT_METHODS.pick(random));
    row.add(Glossary.DEVICES.pick(random));
    row.add(Glossary.PLATFORM_VERSIONS.pick(random));
    addSourceType(random, Glossary.PURCHASE_SOURCE_TYPES, row);
    addPageType(random, Glossary.DOWNLOAD_PAGE_TYPES, row);
    row.add(Glossary.appDownloadDate(random, metricDate));
    row.add("");
    row.add(Glossary.TERRITORIES.pick(random));
  }

  @Override
  void fillMetrics(SplittableRandom random, SandboxApp app, List<String> row, int scale) {
    BigDecimal price = isLargeItem(app, row.get(5)) ? LARGE_PRICE_USD : SMALL_PRICE_USD;
    long purchases;
    long payingUsers;
    if (random.nextInt(20) == 0) {
      purchases = -(1 + random.nextInt(3));
      payingUsers = 0;
    } else {
      purchases = minimumCount() + random.nextInt(40);
      payingUsers = Math.max(minimumCount(), purchases - random.nextInt((int) purchases / 3 + 1));
    }
    addMoney(row, purchases * scale, price, payingUsers * scale);
  }

  @Override
  void restateMetrics(SplittableRandom random, String[] row) {
    int purchasesIndex = row.length - PURCHASES_INDEX_FROM_END;
    long purchases = Long.parseLong(row[purchasesIndex]);
    BigDecimal sales = new BigDecimal(row[row.length - 2]);
    BigDecimal price = sales.divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_UP).abs();
    long payingUsers = Long.parseLong(row[row.length - 1]);
    long change = 1 + random.nextInt(3);
    if (purchases < 0) {
      purchases -= change;
    } else {
      purchases += change;
      payingUsers += random.nextInt((int) change + 1);
    }
    String[] metrics = money(purchases, price, payingUsers);
    System.arraycopy(metrics, 0, row, purchasesIndex, metrics.length);
  }

  private static boolean isLargeItem(SandboxApp app, String contentAppleId) {
    return app.inAppPurchases().stream()
        .anyMatch(item -> item.appleId().equals(contentAppleId) && item.largePrice());
  }

  private static void addMoney(List<String> row, long purchases, BigDecimal price, long users) {
    row.addAll(List.of(money(purchases, price, users)));
  }

  private static String[] money(long purchases, BigDecimal price, long payingUsers) {
    BigDecimal sales = price.multiply(BigDecimal.valueOf(purchases));
    BigDecimal proceeds = sales.multiply(DEVELOPER_SHARE);
    return new String[] {
      Long.toString(purchases), usd(proceeds), usd(sales), Long.toString(payingUsers)
    };
  }
}
