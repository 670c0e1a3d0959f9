package io.appstoreetl.sandbox.sales;

import io.appstoreetl.sandbox.data.GzipTsv;
import io.appstoreetl.sandbox.http.ApiError;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiRequest;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v1/salesReports}: Sales and Trends reports as gzip TSV files.
 *
 * <p>SALES / SUMMARY (daily, weekly, monthly) and the daily SUBSCRIPTION / SUMMARY,
 * SUBSCRIPTION_EVENT / SUMMARY and SUBSCRIBER / DETAILED reports have data from the history start
 * on. Each accepts only its configured latest version. A report gets 404 "Report is not available
 * yet" before Apple's publication day: the next day, the Monday after the week, or the 5th of the
 * next month, plus any configured delay. It gets 410 "Report is no longer available" once its
 * period ended more than the retention (one year by default) ago, and 404 "no sales" when it has no
 * rows. Every other valid combination of Apple's table gets the "no sales" response.
 *
 * <p>A WEEKLY date names any day of its Monday-to-Sunday week (clients send the ending Sunday), and
 * a MONTHLY date is {@code YYYY-MM}.
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

  /**
   * Apple's table of valid combinations. The versions of SALES and the subscription reports here
   * are the table's, but the endpoint accepts the latest version from {@link SalesSettings}
   * instead.
   */
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

  private final SalesReports reports;
  private final SalesSettings settings;
  private final String vendorNumber;
  private final Supplier<LocalDate> today;

  public SalesEndpoints(
      SalesReports reports,
      SalesSettings settings,
      String vendorNumber,
      Supplier<LocalDate> today) {
    this.reports = reports;
    this.settings = settings;
    this.vendorNumber = vendorNumber;
    this.today = today;
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
    checkVersion(reportType, combination, query.get("filter[version]").orElse(null));
    if (!SalesSettings.GENERATED_TYPES.contains(reportType) || frequency.equals("YEARLY")) {
      // NOTE: only SALES and the three subscription reports are generated. The others have no rows.
      throw ApiErrors.noSales();
    }

    String reportDate = query.get("filter[reportDate]").orElse(null);
    if (reportDate == null && !reportType.equals("SALES")) {
      // Clients report that the subscription reports return "no sales" without a date.
      throw ApiErrors.noSales();
    }
    SalesPeriod period =
        reportDate == null
            ? SalesPeriod.latestPublished(frequency, publicationDay())
            : SalesPeriod.containing(frequency, parseReportDate(frequency, reportDate));
    checkAvailable(period);

    List<String[]> rows = reports.rows(reportType, period);
    if (rows.isEmpty()) {
      throw ApiErrors.noSales();
    }
    byte[] file = GzipTsv.write(SalesReports.header(reportType), rows);
    return new ApiResponse(200, CONTENT_TYPE, file, Map.of());
  }

  /**
   * Accepts only the latest version of a generated report type, and the versions of Apple's table
   * for the others. A SALES call without a version gets the latest, but a subscription report
   * without one is rejected, as clients report Apple does.
   */
  private void checkVersion(String reportType, Combination combination, String version) {
    boolean generated = SalesSettings.GENERATED_TYPES.contains(reportType);
    String latest = generated ? settings.latestVersion(reportType) : combination.latestVersion();
    List<String> accepted = generated ? List.of(latest) : combination.versions();
    if (version == null) {
      if (generated && !reportType.equals("SALES")) {
        throw ApiErrors.parameterInvalid(
            "filter[version]",
            "Please include the version parameter. The latest version for this report is "
                + latest
                + ".");
      }
      return;
    }
    if (!accepted.contains(version)) {
      throw ApiErrors.parameterInvalid(
          "filter[version]",
          "The version parameter you have specified is invalid. The latest version for this"
              + " report is "
              + latest
              + ".");
    }
  }

  /**
   * Rejects a period that Apple has not published yet (404) or no longer keeps (410).
   *
   * <p>NOTE: the details after "Report is not available yet." and "Report is no longer available."
   * are the sandbox's own, because clients have recorded only the first sentence, and the code of
   * the 410 response is unconfirmed.
   */
  private void checkAvailable(SalesPeriod period) {
    if (period.publishedOn().isAfter(publicationDay())) {
      throw new ApiException(
          new ApiError(
              404,
              "NOT_FOUND",
              "The specified resource does not exist",
              "Report is not available yet. Try again after "
                  + period.publishedOn().plusDays(settings.publicationDelayDays())
                  + ".",
              null,
              null));
    }
    if (period.end().isBefore(today.get().minusDays(settings.retentionDays()))) {
      throw new ApiException(
          new ApiError(
              410,
              "GONE",
              "The requested resource is no longer available",
              "Report is no longer available. Daily, weekly and monthly reports are kept for "
                  + settings.retentionDays()
                  + " days.",
              null,
              null));
    }
  }

  /** Returns the day Apple's publication schedule has reached, after any configured delay. */
  private LocalDate publicationDay() {
    return today.get().minusDays(settings.publicationDelayDays());
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

  private static LocalDate parseReportDate(String frequency, String value) {
    try {
      if (frequency.equals("MONTHLY")) {
        return YearMonth.parse(value).atDay(1);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      String expected =
          switch (frequency) {
            case "MONTHLY" -> "A MONTHLY report takes a month in the format YYYY-MM";
            case "WEEKLY" ->
                "A WEEKLY report takes the week's ending Sunday in the format YYYY-MM-DD";
            default -> "A DAILY report takes a date in the format YYYY-MM-DD";
          };
      throw ApiErrors.parameterInvalid(
          "filter[reportDate]",
          "'"
              + value
              + "' is not a valid value for the parameter 'filter[reportDate]'. "
              + expected);
    }
  }
}
