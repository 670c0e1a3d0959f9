package io.appstoreetl.sandbox.sales;

import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.data.Seeds;
import io.appstoreetl.sandbox.data.Territory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the daily subscription reports of the vendor: SUBSCRIPTION / SUMMARY (active
 * subscriptions per product, price and storefront on the day), SUBSCRIPTION_EVENT / SUMMARY (counts
 * of subscription events) and SUBSCRIBER / DETAILED (one row per paid transaction).
 *
 * <p>Every app offers two auto-renewable subscriptions in one group, {@code Premium Monthly} (1
 * Month) and {@code Premium Yearly} (1 Year), sold in a fixed set of storefronts per product.
 *
 * <p>NOTE: the headers follow the column names and order of public clients of versions 1_3 and 1_4
 * (the Go module kachit/appstore-sdk-go and several open-source parsers). Apple's own field pages
 * were not available, so the exact order and capitalisation are unconfirmed. Event and cancellation
 * reason values are likewise the sandbox's own reading.
 */
public final class SubscriptionData {

  public static final List<String> SUBSCRIPTION_HEADER =
      List.of(
          "App Name",
          "App Apple ID",
          "Subscription Name",
          "Subscription Apple ID",
          "Subscription Group ID",
          "Standard Subscription Duration",
          "Subscription Offer Name",
          "Promotional Offer ID",
          "Customer Price",
          "Customer Currency",
          "Developer Proceeds",
          "Proceeds Currency",
          "Preserved Pricing",
          "Proceeds Reason",
          "Client",
          "Device",
          "State",
          "Country",
          "Active Standard Price Subscriptions",
          "Active Free Trial Introductory Offer Subscriptions",
          "Active Pay Up Front Introductory Offer Subscriptions",
          "Active Pay As You Go Introductory Offer Subscriptions",
          "Free Trial Promotional Offer Subscriptions",
          "Pay Up Front Promotional Offer Subscriptions",
          "Pay As You Go Promotional Offer Subscriptions",
          "Free Trial Offer Code Subscriptions",
          "Pay Up Front Offer Code Subscriptions",
          "Pay As You Go Offer Code Subscriptions",
          "Marketing Opt-Ins",
          "Billing Retry",
          "Grace Period",
          "Subscribers",
          "Free Trial Win-Back Offers",
          "Pay Up Front Win-Back Offers",
          "Pay As You Go Win-Back Offers");

  public static final List<String> SUBSCRIPTION_EVENT_HEADER =
      List.of(
          "Event Date",
          "Event",
          "App Name",
          "App Apple ID",
          "Subscription Name",
          "Subscription Apple ID",
          "Subscription Group ID",
          "Standard Subscription Duration",
          "Subscription Offer Type",
          "Subscription Offer Duration",
          "Marketing Opt-In",
          "Marketing Opt-In Duration",
          "Preserved Pricing",
          "Proceeds Reason",
          "Subscription Offer Name",
          "Promotional Offer ID",
          "Consecutive Paid Periods",
          "Original Start Date",
          "Device",
          "Client",
          "State",
          "Country",
          "Previous Subscription Name",
          "Previous Subscription Apple ID",
          "Days Before Canceling",
          "Cancellation Reason",
          "Days Canceled",
          "Quantity",
          "Paid Service Days Recovered");

  public static final List<String> SUBSCRIBER_HEADER =
      List.of(
          "Event Date",
          "App Name",
          "App Apple ID",
          "Subscription Name",
          "Subscription Apple ID",
          "Subscription Group ID",
          "Standard Subscription Duration",
          "Subscription Offer Name",
          "Promotional Offer ID",
          "Subscription Offer Type",
          "Subscription Offer Duration",
          "Marketing Opt-In Duration",
          "Customer Price",
          "Customer Currency",
          "Developer Proceeds",
          "Proceeds Currency",
          "Preserved Pricing",
          "Proceeds Reason",
          "Client",
          "Device",
          "Country",
          "Subscriber ID",
          "Subscriber ID Reset",
          "Refund",
          "Purchase Date",
          "Units");

  private static final List<String> EVENTS =
      List.of(
          "Subscribe",
          "Renew",
          "Cancel",
          "Start Introductory Offer",
          "Paid Subscription from Introductory Offer",
          "Refund",
          "Reactivate");

  private static final List<String> CANCELLATION_REASONS =
      List.of("Other", "Price increase", "Billing issue", "Customer support");

  /** An auto-renewable subscription product of an app. */
  private record Product(
      String name, String appleId, String groupId, String duration, int priceMultiple) {}

  private final long seed;
  private final AppCatalog apps;

  public SubscriptionData(long seed, AppCatalog apps) {
    this.seed = seed;
    this.apps = apps;
  }

  /** Returns the rows of the SUBSCRIPTION / SUMMARY report of that day, in header order. */
  public List<String[]> subscriptionRows(LocalDate date) {
    List<String[]> rows = new ArrayList<>();
    for (SandboxApp app : apps.appsOn(date)) {
      for (Product product : products(app)) {
        for (Territory territory : storefronts(app, product)) {
          SplittableRandom random =
              Seeds.random(
                  seed, "subscription", date, app.id(), product.appleId(), territory.code());
          rows.add(subscriptionRow(app, product, territory, random));
        }
      }
    }
    return rows;
  }

  /** Returns the rows of the SUBSCRIPTION_EVENT / SUMMARY report of that day, in header order. */
  public List<String[]> eventRows(LocalDate date) {
    List<String[]> rows = new ArrayList<>();
    for (SandboxApp app : apps.appsOn(date)) {
      for (Product product : products(app)) {
        for (Territory territory : storefronts(app, product)) {
          SplittableRandom random =
              Seeds.random(
                  seed, "subscriptionEvent", date, app.id(), product.appleId(), territory.code());
          for (String event : EVENTS) {
            if (random.nextInt(3) > 0) {
              rows.add(eventRow(date, event, app, product, territory, random));
            }
          }
        }
      }
    }
    return rows;
  }

  /** Returns the rows of the SUBSCRIBER / DETAILED report of that day, in header order. */
  public List<String[]> subscriberRows(LocalDate date) {
    List<String[]> rows = new ArrayList<>();
    for (SandboxApp app : apps.appsOn(date)) {
      for (Product product : products(app)) {
        for (Territory territory : storefronts(app, product)) {
          SplittableRandom random =
              Seeds.random(seed, "subscriber", date, app.id(), product.appleId(), territory.code());
          int transactions = 1 + random.nextInt(4);
          for (int i = 0; i < transactions; i++) {
            rows.add(subscriberRow(date, app, product, territory, random));
          }
        }
      }
    }
    return rows;
  }

  private static List<Product> products(SandboxApp app) {
    long number = Long.parseLong(app.id()) - 1_000_000_000L;
    String groupId = Long.toString(21_000_000L + number);
    return List.of(
        new Product(
            "Premium Monthly",
            Long.toString(6_500_000_000L + number * 10 + 1),
            groupId,
            "1 Month",
            1),
        new Product(
            "Premium Yearly",
            Long.toString(6_500_000_000L + number * 10 + 2),
            groupId,
            "1 Year",
            8));
  }

  /** Returns the storefronts a product sells in: the United States and two to four others. */
  private List<Territory> storefronts(SandboxApp app, Product product) {
    SplittableRandom random = Seeds.random(seed, "storefronts", app.id(), product.appleId());
    List<Territory> candidates = new ArrayList<>(Territory.ALL.subList(1, Territory.ALL.size()));
    List<Territory> picked = new ArrayList<>();
    picked.add(Territory.ALL.get(0));
    int count = 3 + random.nextInt(3);
    while (picked.size() < count) {
      picked.add(candidates.remove(random.nextInt(candidates.size())));
    }
    return picked;
  }

  private static BigDecimal price(Product product, Territory territory) {
    return territory.largePrice().multiply(BigDecimal.valueOf(product.priceMultiple()));
  }

  private static String[] subscriptionRow(
      SandboxApp app, Product product, Territory territory, SplittableRandom random) {
    BigDecimal price = price(product, territory);
    int active = 20 + random.nextInt(400);
    int freeTrials = random.nextInt(40);
    int payUpFront = random.nextInt(5);
    int payAsYouGo = random.nextInt(5);
    int offerCodes = random.nextInt(3);
    int optIns = random.nextInt(active / 4 + 1);
    int billingRetry = random.nextInt(6);
    int gracePeriod = random.nextInt(3);
    int subscribers = active + freeTrials + payUpFront + payAsYouGo + offerCodes;
    return new String[] {
      app.name(),
      app.id(),
      product.name(),
      product.appleId(),
      product.groupId(),
      product.duration(),
      "",
      "",
      territory.format(price),
      territory.currency(),
      territory.format(territory.proceedsFor(price)),
      territory.currency(),
      "",
      "",
      "",
      random.nextInt(4) == 0 ? "iPad" : "iPhone",
      "",
      territory.code(),
      Integer.toString(active),
      Integer.toString(freeTrials),
      Integer.toString(payUpFront),
      Integer.toString(payAsYouGo),
      "0",
      "0",
      "0",
      Integer.toString(offerCodes),
      "0",
      "0",
      Integer.toString(optIns),
      Integer.toString(billingRetry),
      Integer.toString(gracePeriod),
      Integer.toString(subscribers),
      "0",
      "0",
      "0"
    };
  }

  private static String[] eventRow(
      LocalDate date,
      String event,
      SandboxApp app,
      Product product,
      Territory territory,
      SplittableRandom random) {
    boolean cancel = event.equals("Cancel");
    boolean introductory = event.contains("Introductory");
    int paidPeriods = event.equals("Renew") ? 1 + random.nextInt(12) : 0;
    return new String[] {
      date.toString(),
      event,
      app.name(),
      app.id(),
      product.name(),
      product.appleId(),
      product.groupId(),
      product.duration(),
      introductory ? "Free Trial" : "",
      introductory ? "1 Week" : "",
      "No",
      "",
      "",
      "",
      "",
      "",
      paidPeriods == 0 ? "" : Integer.toString(paidPeriods),
      date.minusDays(random.nextInt(400)).toString(),
      random.nextInt(4) == 0 ? "iPad" : "iPhone",
      "",
      "",
      territory.code(),
      "",
      "",
      cancel ? Integer.toString(random.nextInt(30)) : "",
      cancel ? CANCELLATION_REASONS.get(random.nextInt(CANCELLATION_REASONS.size())) : "",
      "",
      Integer.toString(1 + random.nextInt(25)),
      ""
    };
  }

  private static String[] subscriberRow(
      LocalDate date,
      SandboxApp app,
      Product product,
      Territory territory,
      SplittableRandom random) {
    BigDecimal price = price(product, territory);
    boolean refund = random.nextInt(25) == 0;
    String subscriberId =
        Long.toString(100_000_000_000_000_000L + random.nextLong(899_999_999_999_999_999L));
    return new String[] {
      date.toString(),
      app.name(),
      app.id(),
      product.name(),
      product.appleId(),
      product.groupId(),
      product.duration(),
      "",
      "",
      "",
      "",
      "",
      territory.format(refund ? price.negate() : price),
      territory.currency(),
      territory.format(territory.proceedsFor(price)),
      territory.currency(),
      "",
      "",
      "",
      random.nextInt(4) == 0 ? "iPad" : "iPhone",
      territory.code(),
      subscriberId,
      "",
      refund ? "Yes" : "",
      date.toString(),
      refund ? "-1" : "1"
    };
  }
}
