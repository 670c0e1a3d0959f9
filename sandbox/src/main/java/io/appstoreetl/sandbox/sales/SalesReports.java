package io.appstoreetl.sandbox.sales;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of the Sales and Trends reports the sandbox generates: daily, weekly and monthly
 * SALES / SUMMARY, and the daily SUBSCRIPTION, SUBSCRIPTION_EVENT and SUBSCRIBER reports. A report
 * contains the days of its period from the history start on.
 */
public final class SalesReports {

  private final SalesData sales;
  private final SubscriptionData subscriptions;
  private final LocalDate historyStart;

  public SalesReports(SalesData sales, SubscriptionData subscriptions, LocalDate historyStart) {
    this.sales = sales;
    this.subscriptions = subscriptions;
    this.historyStart = historyStart;
  }

  /** Returns the header of a generated report type. */
  public static List<String> header(String reportType) {
    return switch (reportType) {
      case "SALES" -> SalesData.HEADER;
      case "SUBSCRIPTION" -> SubscriptionData.SUBSCRIPTION_HEADER;
      case "SUBSCRIPTION_EVENT" -> SubscriptionData.SUBSCRIPTION_EVENT_HEADER;
      case "SUBSCRIBER" -> SubscriptionData.SUBSCRIBER_HEADER;
      default ->
          throw new IllegalArgumentException(
              "Invalid reportType: "
                  + reportType
                  + " (expected SALES, SUBSCRIPTION, SUBSCRIPTION_EVENT or SUBSCRIBER)");
    };
  }

  /**
   * Returns the rows of the report for the period, or none when no day of the period is on or after
   * the history start (or the vendor sold nothing).
   *
   * @throws IllegalArgumentException for a subscription report with another frequency than DAILY
   */
  public List<String[]> rows(String reportType, SalesPeriod period) {
    header(reportType);
    if (period.end().isBefore(historyStart)) {
      return List.of();
    }
    LocalDate firstDay = period.start().isBefore(historyStart) ? historyStart : period.start();
    if (reportType.equals("SALES")) {
      return period.frequency().equals("DAILY")
          ? sales.rows(period.start())
          : sales.periodRows(period.start(), firstDay, period.end());
    }
    if (!period.frequency().equals("DAILY")) {
      throw new IllegalArgumentException(
          "Invalid frequency: " + period.frequency() + " (" + reportType + " is DAILY only)");
    }
    return switch (reportType) {
      case "SUBSCRIPTION" -> subscriptions.subscriptionRows(period.start());
      case "SUBSCRIPTION_EVENT" -> subscriptions.eventRows(period.start());
      default -> new ArrayList<>(subscriptions.subscriberRows(period.start()));
    };
  }

  /** Returns whether the vendor sold nothing on that day. */
  public boolean isNoSalesDay(LocalDate day) {
    return sales.isNoSalesDay(day);
  }
}
