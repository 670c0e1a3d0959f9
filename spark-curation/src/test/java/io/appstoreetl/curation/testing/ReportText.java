package io.appstoreetl.curation.testing;

/** Header lines and rows of the reports, written as Apple writes them. */
public final class ReportText {

  /** App Downloads Standard header, in Apple's documented order. */
  public static final String DOWNLOADS_STANDARD_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tDownload Type\tApp Version\tDevice\tPlatform Version"
          + "\tSource Type\tPage Type\tPre-Order\tTerritory\tCounts";

  /** App Store Discovery and Engagement Standard header. */
  public static final String ENGAGEMENT_STANDARD_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tEvent\tPage Type\tSource Type\tEngagement Type"
          + "\tDevice\tPlatform Version\tTerritory\tCounts\tUnique Counts";

  /** App Sessions Standard header, in Apple's documented order. */
  public static final String SESSIONS_STANDARD_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tApp Version\tDevice\tPlatform Version\tSource Type"
          + "\tPage Type\tApp Download Date\tTerritory\tSessions\tTotal Session Duration"
          + "\tUnique Devices";

  /** App Store Installation and Deletion Standard header. */
  public static final String INSTALLS_STANDARD_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tEvent\tDownload Type\tApp Version\tDevice"
          + "\tPlatform Version\tSource Type\tPage Type\tApp Download Date\tTerritory\tCounts"
          + "\tUnique Devices";

  /** App Store Purchases Standard header. */
  public static final String PURCHASES_STANDARD_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tPurchase Type\tContent Name"
          + "\tContent Apple Identifier\tPayment Method\tDevice\tPlatform Version\tSource Type"
          + "\tPage Type\tApp Download Date\tPre-Order\tTerritory\tPurchases\tProceeds in USD"
          + "\tSales in USD\tPaying Users";

  /** App Crashes header. */
  public static final String CRASHES_HEADER =
      "Date\tApp Name\tApp Apple Identifier\tApp Version\tDevice\tPlatform Version\tCrashes"
          + "\tUnique Devices";

  /** The 28-column SALES SUMMARY header. */
  public static final String SALES_HEADER =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code"
          + "\tParent Identifier\tSubscription\tPeriod\tCategory\tCMB\tDevice"
          + "\tSupported Platforms\tProceeds Reason\tPreserved Pricing\tClient\tOrder Type";

  private ReportText() {}

  /**
   * SUBSCRIPTION SUMMARY header of report version 1_3, as Apple's help page and clients list it.
   */
  public static final String SUBSCRIPTION_HEADER =
      "App Name\tApp Apple ID\tSubscription Name\tSubscription Apple ID\tSubscription Group ID"
          + "\tStandard Subscription Duration\tSubscription Offer Name\tPromotional Offer ID"
          + "\tCustomer Price\tCustomer Currency\tDeveloper Proceeds\tProceeds Currency"
          + "\tPreserved Pricing\tProceeds Reason\tClient\tDevice\tState\tCountry"
          + "\tActive Standard Price Subscriptions\tActive Free Trial Introductory Offer Subscriptions"
          + "\tActive Pay Up Front Introductory Offer Subscriptions"
          + "\tActive Pay As You Go Introductory Offer Subscriptions"
          + "\tFree Trial Promotional Offer Subscriptions\tPay Up Front Promotional Offer Subscriptions"
          + "\tPay As You Go Promotional Offer Subscriptions\tMarketing Opt-Ins\tBilling Retry"
          + "\tGrace Period\tFree Trial Offer Code Subscriptions\tPay Up Front Offer Code Subscriptions"
          + "\tPay As You Go Offer Code Subscriptions\tSubscribers";

  /** SUBSCRIPTION_EVENT SUMMARY header. */
  public static final String SUBSCRIPTION_EVENT_HEADER =
      "Event Date\tEvent\tApp Name\tApp Apple ID\tSubscription Name\tSubscription Apple ID"
          + "\tSubscription Group ID\tStandard Subscription Duration\tSubscription Offer Type"
          + "\tSubscription Offer Duration\tMarketing Opt-In\tMarketing Opt-In Duration"
          + "\tPreserved Pricing\tProceeds Reason\tSubscription Offer Name\tPromotional Offer ID"
          + "\tConsecutive Paid Periods\tOriginal Start Date\tDevice\tClient\tState\tCountry"
          + "\tPrevious Subscription Name\tPrevious Subscription Apple ID\tDays Before Canceling"
          + "\tCancellation Reason\tDays Canceled\tQuantity";

  /** Financial (earnings) report header of the 2014 layout. */
  public static final String FINANCE_HEADER =
      "Start Date\tEnd Date\tUPC\tISRC/ISBN\tVendor Identifier\tQuantity\tPartner Share"
          + "\tExtended Partner Share\tPartner Share Currency\tSales or Return\tApple Identifier"
          + "\tArtist/Show/Developer/Author\tTitle\tLabel/Studio/Network/Developer/Publisher\tGrid"
          + "\tProduct Type Identifier\tISAN/Other Identifier\tCountry Of Sale\tPre-order Flag"
          + "\tPromo Code\tCustomer Price\tCustomer Currency";

  /** Returns a subscription summary row with the given app, subscription, country and count. */
  public static String subscriptionRow(
      long appId, long subscriptionId, String country, long active, String subscribers) {
    return String.join(
        "\t",
        "Example App",
        Long.toString(appId),
        "Monthly",
        Long.toString(subscriptionId),
        "20349774",
        "1 Month",
        "",
        "",
        "4.99",
        "USD",
        "3.49",
        "USD",
        "",
        "",
        "",
        "iPhone",
        "VA",
        country,
        Long.toString(active),
        "2",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "1",
        "0",
        "0",
        "0",
        "0",
        subscribers);
  }

  /** Returns a subscription event row. */
  public static String subscriptionEventRow(
      String eventDate, String event, long appId, String country, long quantity) {
    return String.join(
        "\t",
        eventDate,
        event,
        "Example App",
        Long.toString(appId),
        "Monthly",
        "1177256379",
        "20349774",
        "1 Month",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "2",
        "2016-12-25",
        "iPhone",
        "",
        "VA",
        country,
        "",
        "",
        "",
        "",
        "",
        Long.toString(quantity));
  }

  /** Returns a financial report row of one app sold in one country. */
  public static String financeRow(
      String sku,
      long quantity,
      String partnerShare,
      String extendedShare,
      String saleOrReturn,
      long appleId,
      String productType,
      String country) {
    return String.join(
        "\t",
        "08/31/2014",
        "09/27/2014",
        "",
        "",
        sku,
        Long.toString(quantity),
        partnerShare,
        extendedShare,
        "EUR",
        saleOrReturn,
        Long.toString(appleId),
        "Developer",
        sku,
        "",
        "",
        productType,
        "",
        country,
        "",
        "",
        "19.99",
        "EUR");
  }

  /** Returns the header and rows joined by line feeds, with a final line feed. */
  public static String lines(String header, String... rows) {
    StringBuilder text = new StringBuilder(header).append('\n');
    for (String row : rows) {
      text.append(row).append('\n');
    }
    return text.toString();
  }

  /** Returns a Standard downloads row. */
  public static String downloadsRow(
      String date, long appId, String downloadType, String territory, long counts) {
    return String.join(
        "\t",
        date,
        "Example App",
        Long.toString(appId),
        downloadType,
        "4.2",
        "iPhone",
        "iOS 18.1",
        "App Store search",
        "Product page",
        "",
        territory,
        Long.toString(counts));
  }

  /** Returns a Standard engagement row. */
  public static String engagementRow(
      String date, long appId, String event, String territory, long counts, long uniqueCounts) {
    return String.join(
        "\t",
        date,
        "Example App",
        Long.toString(appId),
        event,
        "Product page",
        "App Store browse",
        "",
        "iPhone",
        "iOS 18.1",
        territory,
        Long.toString(counts),
        Long.toString(uniqueCounts));
  }

  /**
   * Returns a 28-column sales row in the US storefront; empty trailing fields hold a single space,
   * as in older files.
   */
  public static String salesRow(
      String sku,
      String productType,
      String units,
      String developerProceeds,
      String date,
      String currency,
      long appleId,
      String parentIdentifier) {
    return String.join(
        "\t",
        "APPLE",
        "US",
        sku,
        "Example Developer",
        sku + " title",
        "1.0",
        productType,
        units,
        developerProceeds,
        date,
        date,
        currency,
        "US",
        currency,
        Long.toString(appleId),
        "0.99",
        " ",
        parentIdentifier,
        " ",
        " ",
        "Games",
        "",
        "iPhone",
        "iOS",
        "",
        "",
        "",
        "");
  }
}
