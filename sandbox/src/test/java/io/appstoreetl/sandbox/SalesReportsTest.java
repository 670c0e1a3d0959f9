package io.appstoreetl.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesReportsTest {

  private static final String HEADER =
      "Provider\tProvider Country\tSKU\tDeveloper\tTitle\tVersion\tProduct Type Identifier\tUnits"
          + "\tDeveloper Proceeds\tBegin Date\tEnd Date\tCustomer Currency\tCountry Code"
          + "\tCurrency of Proceeds\tApple Identifier\tCustomer Price\tPromo Code"
          + "\tParent Identifier\tSubscription\tPeriod\tCategory\tCMB\tDevice"
          + "\tSupported Platforms\tProceeds Reason\tPreserved Pricing\tClient\tOrder Type";

  private static final String NO_SALES_BODY =
      "{\"errors\":[{\"status\":\"404\",\"code\":\"NOT_FOUND\","
          + "\"title\":\"The specified resource does not exist\","
          + "\"detail\":\"There were no sales for the date specified.\"}]}";

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

  private static String salesPath(String reportDate) {
    return "/v1/salesReports?filter%5Bfrequency%5D=DAILY&filter%5BreportType%5D=SALES"
        + "&filter%5BreportSubType%5D=SUMMARY&filter%5BvendorNumber%5D=80000001"
        + "&filter%5BreportDate%5D="
        + reportDate
        + "&filter%5Bversion%5D=1_0";
  }

  private static LocalDate firstDay(boolean noSales) {
    for (LocalDate day = SandboxFixture.TODAY.minusDays(60);
        day.isBefore(SandboxFixture.TODAY);
        day = day.plusDays(1)) {
      if (sandbox.server.groundTruth().isNoSalesDay(day) == noSales) {
        return day;
      }
    }
    throw new IllegalStateException("No day with noSales=" + noSales + " in 60 days");
  }

  @Test
  void salesFileHas28Columns() {
    LocalDate day = firstDay(false);
    HttpResponse<byte[]> response = sandbox.get(salesPath(day.toString()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/a-gzip");
    assertThat(response.body()[0]).isEqualTo((byte) 0x1f);
    assertThat(response.body()[1]).isEqualTo((byte) 0x8b);
    String text = SandboxFixture.gunzip(response.body());
    assertThat(text.substring(0, text.indexOf('\n'))).isEqualTo(HEADER);
    assertThat(HEADER.split("\t")).hasSize(28);

    List<Map<String, String>> rows = SandboxFixture.parseTsv(text);
    Set<String> productTypes = new HashSet<>();
    Set<String> currencies = new HashSet<>();
    Set<String> appSkus = Set.of("SKU1000000001", "SKU1000000002", "SKU1000000003");
    String usDate =
        String.format("%02d/%02d/%d", day.getMonthValue(), day.getDayOfMonth(), day.getYear());
    boolean refund = false;
    for (Map<String, String> row : rows) {
      productTypes.add(row.get("Product Type Identifier"));
      currencies.add(row.get("Customer Currency"));
      assertThat(row.get("Begin Date")).isEqualTo(usDate);
      assertThat(row.get("End Date")).isEqualTo(usDate);
      assertThat(row.get("Order Type")).isEmpty();
      if (row.get("Product Type Identifier").equals("IA1")) {
        assertThat(row.get("Parent Identifier")).isIn(appSkus);
      } else {
        assertThat(row.get("SKU")).isIn(appSkus);
        assertThat(row.get("Parent Identifier")).isEmpty();
      }
      if (row.get("Customer Currency").equals("JPY")) {
        assertThat(row.get("Customer Price")).matches("-?[0-9]+");
        assertThat(row.get("Developer Proceeds")).matches("[0-9]+");
      }
      if (row.get("Units").startsWith("-")) {
        refund = true;
        assertThat(row.get("Customer Price")).startsWith("-");
        assertThat(row.get("Developer Proceeds")).doesNotStartWith("-");
      }
    }
    assertThat(productTypes).containsExactlyInAnyOrder("1F", "3F", "7F", "IA1");
    assertThat(currencies).contains("USD", "JPY");
    assertThat(refund).as("a refund row").isTrue();
    assertThat(text.split("\n")[1].split("\t", -1)).hasSize(28);
  }

  @Test
  void noSalesDayGets404WithApplesBody() {
    HttpResponse<byte[]> response = sandbox.get(salesPath(firstDay(true).toString()));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SandboxFixture.text(response)).isEqualTo(NO_SALES_BODY);
  }

  @Test
  void todayAndLaterAreNotAvailableYet() {
    for (LocalDate day : List.of(SandboxFixture.TODAY, SandboxFixture.TODAY.plusDays(3))) {
      HttpResponse<byte[]> response = sandbox.get(salesPath(day.toString()));

      assertThat(response.statusCode()).as(day.toString()).isEqualTo(404);
      JsonNode error = SandboxFixture.json(response).path("errors").get(0);
      assertThat(error.path("code").asText()).isEqualTo("NOT_FOUND");
      assertThat(error.path("detail").asText())
          .isEqualTo("Report is not available yet. Try again after " + day.plusDays(1) + ".");
    }
  }

  @Test
  void wrongVersionNamesTheLatestVersion() {
    HttpResponse<byte[]> response =
        sandbox.get(salesPath(firstDay(false).toString()).replace("1_0", "1_3"));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = SandboxFixture.json(response).path("errors").get(0);
    assertThat(error.path("code").asText()).isEqualTo("PARAMETER_ERROR.INVALID");
    assertThat(error.path("detail").asText())
        .isEqualTo(
            "The version parameter you have specified is invalid. The latest version for this"
                + " report is 1_0.");
    assertThat(error.path("source").path("parameter").asText()).isEqualTo("filter[version]");
  }

  @Test
  void wrongVendorNumberIsNotFound() {
    HttpResponse<byte[]> response =
        sandbox.get(salesPath(firstDay(false).toString()).replace("80000001", "80000002"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(SandboxFixture.json(response).path("errors").get(0).path("code").asText())
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void missingRequiredFilterIsReported() {
    HttpResponse<byte[]> response =
        sandbox.get(
            "/v1/salesReports?filter%5Bfrequency%5D=DAILY&filter%5BreportType%5D=SALES"
                + "&filter%5BreportSubType%5D=SUMMARY");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(SandboxFixture.text(response))
        .isEqualTo(
            "{\"errors\":[{\"status\":\"400\",\"code\":\"PARAMETER_ERROR.REQUIRED\","
                + "\"title\":\"A required parameter is missing\","
                + "\"detail\":\"The parameter 'filter[vendorNumber]' is required\","
                + "\"source\":{\"parameter\":\"filter[vendorNumber]\"}}]}");
  }

  @Test
  void invalidFrequencyAndCombinationAreRejected() {
    String valid = salesPath(firstDay(false).toString());

    HttpResponse<byte[]> hourly = sandbox.get(valid.replace("=DAILY", "=HOURLY"));
    HttpResponse<byte[]> detailedSales = sandbox.get(valid.replace("=SUMMARY", "=DETAILED"));

    assertThat(hourly.statusCode()).isEqualTo(400);
    assertThat(
            SandboxFixture.json(hourly)
                .path("errors")
                .get(0)
                .path("source")
                .path("parameter")
                .asText())
        .isEqualTo("filter[frequency]");
    assertThat(detailedSales.statusCode()).isEqualTo(400);
  }

  @Test
  void omittedDateServesYesterday() {
    HttpResponse<byte[]> response =
        sandbox.get(
            "/v1/salesReports?filter[frequency]=DAILY&filter[reportType]=SALES"
                + "&filter[reportSubType]=SUMMARY&filter[vendorNumber]=80000001");
    LocalDate yesterday = SandboxFixture.TODAY.minusDays(1);

    if (sandbox.server.groundTruth().isNoSalesDay(yesterday)) {
      assertThat(response.statusCode()).isEqualTo(404);
    } else {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(SandboxFixture.parseTsv(SandboxFixture.gunzip(response.body())))
          .isEqualTo(sandbox.server.groundTruth().salesRows(yesterday));
    }
  }

  @Test
  void aboutOneDayInSevenHasNoSales() {
    long noSalesDays =
        sandbox.server.groundTruth().metricDates().stream()
            .filter(sandbox.server.groundTruth()::isNoSalesDay)
            .count();

    assertThat(noSalesDays).isBetween(3L, 16L);
  }
}
