package io.appstoreetl.sandbox.sales;

import io.appstoreetl.sandbox.data.GzipTsv;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v1/salesReports}: Sales and Trends reports as gzip TSV files.
 *
 * <p>Only the daily SALES / SUMMARY report (version 1_0) has data: one file per day from the
 * history start to yesterday, except the days with no sales. Every other valid combination of
 * Apple's table gets the response for a day without sales.
 */
public final class SalesEndpoints {

  public static final String CONTENT_TYPE = "application/a-gzip";

  private static final List<String> FREQUENCIES = List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");
  private static final List<String> REPORT_TYPES =
      List.of(
          "SALES",
          "PRE_ORDER",
          "NEWSSTAND",
          "SUBSCRIPTION",
          "SUBSCRIPTION_EVENT",
          "SUBSCRIBER",
          "SUBSCRIPTION_OFFER_CODE_REDEMPTION",
          "INSTALLS",
          "FIRST_ANNUAL",
          "WIN_BACK_ELIGIBILITY");
  private static final List<String> REPORT_SUB_TYPES =
      List.of(
          "SUMMARY", "DETAILED", "SUMMARY_INSTALL_TYPE", "SUMMARY_TERRITORY", "SUMMARY_CHANNEL");

  /**
   * One row of Apple's table of valid combinations.
   *
   * @param versions accepted versions; the last one is the latest
   */
  private record Combination(
      String reportType, String reportSubType, List<String> frequencies, List<String> versions) {

    String latestVersion() {
      return versions.get(versions.size() - 1);
    }
  }

  private static final List<Combination> COMBINATIONS =
      List.of(
          new Combination("SALES", "SUMMARY", FREQUENCIES, List.of("1_0")),
          new Combination("PRE_ORDER", "SUMMARY", FREQUENCIES, List.of("1_0")),
          new Combination("NEWSSTAND", "DETAILED", List.of("DAILY", "WEEKLY"), List.of("1_0")),
          new Combination("SUBSCRIPTION", "SUMMARY", List.of("DAILY"), List.of("1_3")),
          new Combination("SUBSCRIPTION_EVENT", "SUMMARY", List.of("DAILY"), List.of("1_3")),
          new Combination("SUBSCRIBER", "DETAILED", List.of("DAILY"), List.of("1_3")),
          new Combination(
              "SUBSCRIPTION_OFFER_CODE_REDEMPTION", "SUMMARY", List.of("DAILY"), List.of("1_0")),
          new Combination("WIN_BACK_ELIGIBILITY", "SUMMARY", List.of("DAILY"), List.of("1_0")),
          new Combination("INSTALLS", "SUMMARY", List.of("MONTHLY"), List.of("1_2")),
          new Combination("INSTALLS", "DETAILED", List.of("MONTHLY"), List.of("1_2")),
          new Combination("INSTALLS", "DETAILED", List.of("YEARLY"), List.of("1_0", "1_1")),
          new Combination("INSTALLS", "SUMMARY_CHANNEL", List.of("YEARLY"), List.of("1_0", "1_1")),
          new Combination(
              "INSTALLS", "SUMMARY_INSTALL_TYPE", List.of("YEARLY"), List.of("1_0", "1_1")),
          new Combination(
              "INSTALLS", "SUMMARY_TERRITORY", List.of("YEARLY"), List.of("1_0", "1_1")),
          new Combination("FIRST_ANNUAL", "DETAILED", List.of("DAILY"), List.of("1_0")),
          new Combination("FIRST_ANNUAL", "SUMMARY", List.of("YEARLY"), List.of("1_0")));

  private final SalesData data;
  private final String vendorNumber;
  private final LocalDate historyStart;
  private final Supplier<LocalDate> today;

  public SalesEndpoints(
      SalesData data, String vendorNumber, LocalDate historyStart, Supplier<LocalDate> today) {
    this.data = data;
    this.vendorNumber = vendorNumber;
    this.historyStart = historyStart;
    this.today = today;
  }

  /** Returns the gzip bytes of the daily SALES / SUMMARY report of that day. */
  public byte[] dailySummaryFile(LocalDate reportDate) {
    return GzipTsv.write(SalesData.HEADER, data.rows(reportDate));
  }

  /** {@code GET /v1/salesReports}. */
  public ApiResponse salesReport(ApiRequest request) {
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[frequency]",
            "filter[reportType]",
            "filter[reportSubType]",
            "filter[vendorNumber]",
            "filter[reportDate]",
            "filter[version]"));
    String frequency = query.required("filter[frequency]");
    String reportType = query.required("filter[reportType]");
    String reportSubType = query.required("filter[reportSubType]");
    String vendor = query.required("filter[vendorNumber]");
    query.enumValues("filter[frequency]", FREQUENCIES);
    query.enumValues("filter[reportType]", REPORT_TYPES);
    query.enumValues("filter[reportSubType]", REPORT_SUB_TYPES);

    if (!vendor.equals(vendorNumber)) {
      // NOTE: Apple's wording for an unknown vendor number has not been recorded; the status and
      // code are the ones clients report.
      throw ApiErrors.notFound("There is no vendor with the number '" + vendor + "' for this key");
    }
    Combination combination = combination(reportType, reportSubType, frequency);
    String version = query.get("filter[version]").orElse(combination.latestVersion());
    if (!combination.versions().contains(version)) {
      throw ApiErrors.parameterInvalid(
          "filter[version]",
          "The version parameter you have specified is invalid. The latest version for this"
              + " report is "
              + combination.latestVersion()
              + ".");
    }
    if (!reportType.equals("SALES") || !frequency.equals("DAILY")) {
      // NOTE: only the daily SALES / SUMMARY report is generated; the others have no rows.
      throw ApiErrors.noSales();
    }

    LocalDate yesterday = today.get().minusDays(1);
    LocalDate reportDate =
        query.get("filter[reportDate]").map(SalesEndpoints::parseDay).orElse(yesterday);
    if (reportDate.isAfter(yesterday)
        || reportDate.isBefore(historyStart)
        || data.isNoSalesDay(reportDate)) {
      throw ApiErrors.noSales();
    }
    return new ApiResponse(200, CONTENT_TYPE, dailySummaryFile(reportDate), Map.of());
  }

  private static Combination combination(String reportType, String subType, String frequency) {
    for (Combination combination : COMBINATIONS) {
      if (combination.reportType().equals(reportType)
          && combination.reportSubType().equals(subType)
          && combination.frequencies().contains(frequency)) {
        return combination;
      }
    }
    throw ApiErrors.parameterInvalid(
        "filter[reportSubType]",
        "The report type '"
            + reportType
            + "' has no report with the sub type '"
            + subType
            + "' and the frequency '"
            + frequency
            + "'");
  }

  private static LocalDate parseDay(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiErrors.parameterInvalid(
          "filter[reportDate]",
          "'"
              + value
              + "' is not a valid value for the parameter 'filter[reportDate]'. A DAILY"
              + " report takes a date in the format YYYY-MM-DD");
    }
  }
}
