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

  /** The 28-column SALES SUMMARY header. */
  public static final String SALES_HEADER =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code"
          + "\tParent Identifier\tSubscription\tPeriod\tCategory\tCMB\tDevice"
          + "\tSupported Platforms\tProceeds Reason\tPreserved Pricing\tClient\tOrder Type";

  private ReportText() {}

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
