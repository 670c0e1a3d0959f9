package io.appstoreetl.sandbox.finance;

import io.appstoreetl.sandbox.data.GzipTsv;
import io.appstoreetl.sandbox.faults.FaultSwitches;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/financeReports}: monthly finance reports as gzip TSV files with Apple's footer
 * lines ({@code Total_Rows}, {@code Total_Amount}, {@code Total_Units}) after a blank line.
 *
 * <p>All four filters are required. FINANCE_DETAIL takes only the region code {@code Z1}, and
 * FINANCIAL takes {@code ZZ} or one region. A month is published on the 5th of the next month (404
 * "Report is not available yet" before), and a month without paid sales gets 404 "no sales". While
 * the key is switched to a role without finance access, every call gets 403 {@code
 * FORBIDDEN_ERROR}.
 */
public final class FinanceEndpoints {

  public static final String CONTENT_TYPE = "application/a-gzip";

  private static final Logger LOG = LoggerFactory.getLogger(FinanceEndpoints.class);
  private static final List<String> REPORT_TYPES = List.of("FINANCIAL", "FINANCE_DETAIL");
  private static final int PUBLICATION_DAY_OF_NEXT_MONTH = 5;

  private final FinanceData data;
  private final FaultSwitches faults;
  private final String vendorNumber;
  private final Supplier<LocalDate> today;

  public FinanceEndpoints(
      FinanceData data, FaultSwitches faults, String vendorNumber, Supplier<LocalDate> today) {
    this.data = data;
    this.faults = faults;
    this.vendorNumber = vendorNumber;
    this.today = today;
  }

  /** {@code GET /v1/financeReports}. */
  public ApiResponse financeReport(ApiRequest request) {
    if (!faults.financeAccess()) {
      LOG.info("Answered {} with 403 (fault switch: no finance access)", request.path());
      throw ApiErrors.forbidden();
    }
    QueryParameters query = request.query();
    query.requireOnly(
        List.of(
            "filter[regionCode]",
            "filter[reportDate]",
            "filter[reportType]",
            "filter[vendorNumber]"));
    String region = query.required("filter[regionCode]");
    String reportDate = query.required("filter[reportDate]");
    String reportType = query.required("filter[reportType]");
    String vendor = query.required("filter[vendorNumber]");
    query.enumValues("filter[reportType]", REPORT_TYPES);
    checkRegion(reportType, region);
    YearMonth month = parseMonth(reportDate);
    if (!vendor.equals(vendorNumber)) {
      throw ApiErrors.notFound("There is no vendor with the number '" + vendor + "' for this key");
    }
    checkPublished(month);

    boolean detail = reportType.equals("FINANCE_DETAIL");
    List<String> header = detail ? FinanceData.FINANCE_DETAIL_HEADER : FinanceData.FINANCIAL_HEADER;
    List<String[]> rows = detail ? data.detailRows(month) : data.financialRows(region, month);
    if (rows.isEmpty()) {
      throw ApiErrors.noSales();
    }
    return new ApiResponse(200, CONTENT_TYPE, file(header, rows), Map.of());
  }

  /** Returns the gzip bytes of the header, the rows, a blank line and the footer lines. */
  public static byte[] file(List<String> header, List<String[]> rows) {
    StringBuilder text = new StringBuilder(String.join("\t", header)).append('\n');
    for (String[] row : rows) {
      text.append(String.join("\t", row)).append('\n');
    }
    text.append('\n');
    for (String line : FinanceData.footer(header, rows)) {
      text.append(line).append('\n');
    }
    return GzipTsv.gzip(text.toString());
  }

  private static void checkRegion(String reportType, String region) {
    if (reportType.equals("FINANCE_DETAIL")) {
      if (!region.equals(FinanceData.DETAIL_REGION)) {
        throw ApiErrors.parameterInvalid(
            "filter[regionCode]",
            "'"
                + region
                + "' is not a valid value for the parameter 'filter[regionCode]'. FINANCE_DETAIL"
                + " reports are available only for the region code Z1");
      }
      return;
    }
    List<String> regions = FinanceData.financialRegions();
    if (!regions.contains(region)) {
      throw ApiErrors.parameterNotInEnum("filter[regionCode]", region, regions);
    }
  }

  private void checkPublished(YearMonth month) {
    LocalDate publishedOn = month.plusMonths(1).atDay(PUBLICATION_DAY_OF_NEXT_MONTH);
    if (publishedOn.isAfter(today.get())) {
      // NOTE: the detail after "Report is not available yet." is the sandbox's own.
      throw new ApiException(
          new ApiError(
              404,
              "NOT_FOUND",
              "The specified resource does not exist",
              "Report is not available yet. Try again after " + publishedOn + ".",
              null,
              null));
    }
  }

  private static YearMonth parseMonth(String value) {
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiErrors.parameterInvalid(
          "filter[reportDate]",
          "'"
              + value
              + "' is not a valid value for the parameter 'filter[reportDate]'. The expected"
              + " format is YYYY-MM");
    }
  }
}
