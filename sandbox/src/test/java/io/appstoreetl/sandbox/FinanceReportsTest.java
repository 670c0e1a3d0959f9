package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FinanceReportsTest {

  private static final YearMonth DECEMBER = YearMonth.of(2024, 12);

  private static SandboxFixture sandbox;

  @BeforeAll
  static void startSandbox() {
    sandbox =
        SandboxFixture.start(
            SandboxFixture.defaults().historyStart(SandboxFixture.TODAY.minusDays(60)));
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static String path(String region, String type, String month) {
    return "/v1/financeReports?filter[regionCode]="
        + region
        + "&filter[reportDate]="
        + month
        + "&filter[reportType]="
        + type
        + "&filter[vendorNumber]=80000001";
  }

  private static JsonNode error(HttpResponse<byte[]> response) {
    return SandboxFixture.json(response).path("errors").get(0);
  }

  @Test
  void financialReportHasColumnsRowsAndFooter() {
    HttpResponse<byte[]> response = sandbox.get(path("US", "FINANCIAL", "2024-12"));

    assertThat(response.statusCode()).as(SandboxFixture.text(response)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/a-gzip");
    String text = SandboxFixture.gunzip(response.body());
    String[] parts = text.split("\n\n", -1);
    assertThat(parts).hasSize(2);
    assertThat(parts[0])
        .startsWith(
            "Start Date\tEnd Date\tUPC\tISRC/ISBN\tVendor Identifier\tQuantity\tPartner Share"
                + "\tExtended Partner Share\tPartner Share Currency\tSales or Return"
                + "\tApple Identifier\t");
    List<Map<String, String>> rows = SandboxFixture.parseTsv(parts[0] + "\n");
    assertThat(rows)
        .isEqualTo(sandbox.server.groundTruth().financeRows("US", "FINANCIAL", DECEMBER));
    assertThat(rows).allMatch(r -> r.get("Partner Share Currency").equals("USD"));
    assertThat(rows).allMatch(r -> r.get("Start Date").equals("12/01/2024"));
    assertThat(rows).anyMatch(r -> r.get("Sales or Return").equals("R"));

    BigDecimal amount = BigDecimal.ZERO;
    long units = 0;
    for (Map<String, String> row : rows) {
      BigDecimal share = new BigDecimal(row.get("Partner Share"));
      long quantity = Long.parseLong(row.get("Quantity"));
      assertThat(new BigDecimal(row.get("Extended Partner Share")))
          .isEqualByComparingTo(share.multiply(BigDecimal.valueOf(quantity)));
      amount = amount.add(new BigDecimal(row.get("Extended Partner Share")));
      units += quantity;
    }
    assertThat(parts[1])
        .isEqualTo(
            "Total_Rows\t"
                + rows.size()
                + "\nTotal_Amount\t"
                + amount.toPlainString()
                + "\nTotal_Units\t"
                + units
                + "\n");
  }

  @Test
  void allRegionsAddUpTheRegions() {
    List<Map<String, String>> all =
        sandbox.server.groundTruth().financeRows("ZZ", "FINANCIAL", DECEMBER);
    List<Map<String, String>> regions = new ArrayList<>();
    for (String region : List.of("US", "EU", "GB", "JP", "CA", "AU", "BR", "IN", "CN", "KR")) {
      regions.addAll(sandbox.server.groundTruth().financeRows(region, "FINANCIAL", DECEMBER));
    }
    for (String region : List.of("MX", "SE", "CH", "SG", "TR")) {
      regions.addAll(sandbox.server.groundTruth().financeRows(region, "FINANCIAL", DECEMBER));
    }

    assertThat(regions).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void financeDetailNeedsRegionZ1() {
    HttpResponse<byte[]> z1 = sandbox.get(path("Z1", "FINANCE_DETAIL", "2024-12"));
    HttpResponse<byte[]> us = sandbox.get(path("US", "FINANCE_DETAIL", "2024-12"));

    assertThat(z1.statusCode()).isEqualTo(200);
    String text = SandboxFixture.gunzip(z1.body());
    assertThat(text).startsWith("Transaction Date\tSettlement Date\tApple Identifier\tSKU\t");
    assertThat(SandboxFixture.parseTsv(text.split("\n\n")[0] + "\n"))
        .isEqualTo(sandbox.server.groundTruth().financeRows("Z1", "FINANCE_DETAIL", DECEMBER));
    assertThat(text).contains("\nTotal_Rows\t");
    assertThat(us.statusCode()).isEqualTo(400);
    assertThat(error(us).path("detail").asText())
        .isEqualTo(
            "'US' is not a valid value for the parameter 'filter[regionCode]'. FINANCE_DETAIL"
                + " reports are available only for the region code Z1");
  }

  @Test
  void everyFilterIsRequired() {
    for (String missing :
        List.of(
            "filter[regionCode]",
            "filter[reportDate]",
            "filter[reportType]",
            "filter[vendorNumber]")) {
      String query =
          String.join(
              "&",
              Arrays.stream(path("US", "FINANCIAL", "2024-12").split("\\?")[1].split("&"))
                  .filter(p -> !p.startsWith(missing))
                  .toList());

      HttpResponse<byte[]> response = sandbox.get("/v1/financeReports?" + query);

      assertThat(response.statusCode()).as(missing).isEqualTo(400);
      assertThat(error(response).path("code").asText()).isEqualTo("PARAMETER_ERROR.REQUIRED");
      assertThat(error(response).path("source").path("parameter").asText()).isEqualTo(missing);
    }
  }

  @Test
  void invalidValuesAreRejected() {
    HttpResponse<byte[]> day = sandbox.get(path("US", "FINANCIAL", "2024-12-01"));
    HttpResponse<byte[]> type = sandbox.get(path("US", "SALES", "2024-12"));
    HttpResponse<byte[]> region = sandbox.get(path("XX", "FINANCIAL", "2024-12"));

    assertThat(day.statusCode()).isEqualTo(400);
    assertThat(error(day).path("source").path("parameter").asText())
        .isEqualTo("filter[reportDate]");
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(region.statusCode()).isEqualTo(400);
    assertThat(error(region).path("detail").asText()).startsWith("'XX' is not a valid value");
  }

  @Test
  void currentMonthIsNotAvailableYet() {
    HttpResponse<byte[]> response = sandbox.get(path("ZZ", "FINANCIAL", "2025-01"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response).path("detail").asText())
        .isEqualTo("Report is not available yet. Try again after 2025-02-05.");
  }

  @Test
  void keyWithoutFinanceAccessGets403() {
    try (SandboxFixture restricted =
        SandboxFixture.start(
            SandboxFixture.defaults()
                .historyStart(SandboxFixture.TODAY.minusDays(60))
                .financeAccess(false))) {
      HttpResponse<byte[]> forbidden = restricted.get(path("ZZ", "FINANCIAL", "2024-12"));
      restricted.server.faults().financeAccess(true);
      HttpResponse<byte[]> allowed = restricted.get(path("ZZ", "FINANCIAL", "2024-12"));

      assertThat(forbidden.statusCode()).isEqualTo(403);
      assertThat(SandboxFixture.text(forbidden))
          .isEqualTo(
              "{\"errors\":[{\"status\":\"403\",\"code\":\"FORBIDDEN_ERROR\","
                  + "\"title\":\"This request is forbidden for security reasons\","
                  + "\"detail\":\"The API key in use does not allow this request\"}]}");
      assertThat(allowed.statusCode()).isEqualTo(200);
    }
  }
}
