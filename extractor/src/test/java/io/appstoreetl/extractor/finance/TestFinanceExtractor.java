package io.appstoreetl.extractor.finance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Recorded;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFinanceExtractor {
  private static final String VENDOR = "80000001";
  private static final YearMonth MONTH = YearMonth.parse("2024-12");
  private static final byte[] REPORT =
      TestSupport.gzip(
          "Start Date\tEnd Date\tUPC\tISRC/ISBN\tVendor Identifier\tQuantity\tPartner Share"
              + "\tExtended Partner Share\tPartner Share Currency\tSale or Return\tApple Identifier\n"
              + "12/01/2024\t12/28/2024\t\t\tSKU001\t10\t0.70\t7.00\tUSD\tS\t1000000001\n"
              + "12/01/2024\t12/28/2024\t\t\tSKU001\t-1\t0.70\t-0.70\tUSD\tR\t1000000001\n"
              + "\n"
              + "Total_Rows\t2\n"
              + "Total_Amount\t6.30\n"
              + "Total_Units\t9\n");

  @TempDir Path root;

  private FakeAppStoreConnect server;
  private MutableClock clock;
  private RawZone rawZone;

  @BeforeEach
  void start() throws IOException {
    server = new FakeAppStoreConnect();
    clock = new MutableClock(Instant.parse("2025-01-10T06:00:00Z"));
    rawZone = new RawZone(root, TestSupport.MAPPER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void reportLandsUnchangedWithFooter() throws IOException {
    server.on("GET /v1/financeReports", Reply.bytes(200, REPORT, "application/a-gzip"));

    FinanceResult result = extract(FinanceReportType.FINANCIAL, "ZZ");

    assertThat(result.status()).isEqualTo("complete");
    assertThat(result.rowCount()).isEqualTo(2);
    assertThat(result.footerLines()).isEqualTo(3);
    assertThat(result.unitKey())
        .matches(
            "source=finance/report=financial/region=ZZ/fiscal_month=2024-12/vendor=80000001/landing=20250110T060000000Z-[0-9a-f]{8}/");
    Recorded request = server.requests("GET", "/v1/financeReports").get(0);
    assertThat(request.query())
        .isEqualTo(
            "filter[regionCode]=ZZ&filter[reportDate]=2024-12&filter[reportType]=FINANCIAL"
                + "&filter[vendorNumber]=80000001");
    JsonNode manifest = manifest(result.unitKey());
    assertThat(manifest.path("source").asText()).isEqualTo("finance");
    assertThat(manifest.path("report").asText()).isEqualTo("financial");
    assertThat(manifest.path("report_name").asText()).isEqualTo("FINANCIAL");
    assertThat(manifest.path("granularity").asText()).isEqualTo("MONTHLY");
    assertThat(manifest.path("region").asText()).isEqualTo("ZZ");
    assertThat(manifest.path("fiscal_month").asText()).isEqualTo("2024-12");
    assertThat(manifest.path("vendor_number").asText()).isEqualTo(VENDOR);
    assertThat(manifest.path("row_count").asInt()).isEqualTo(2);
    assertThat(manifest.path("metric_dates").toString()).isEqualTo("[\"2024-12-01\"]");
    String file = manifest.path("files").get(0).path("path").asText();
    assertThat(Files.readAllBytes(root.resolve(result.unitKey() + file)))
        .as("footer lines are kept")
        .isEqualTo(REPORT);
  }

  @Test
  void forbiddenIsRecordedNotFailed() {
    server.on(
        "GET /v1/financeReports",
        Reply.error(403, "FORBIDDEN_ERROR", "The API key in use does not allow this request"));

    FinanceResult result = extract(FinanceReportType.FINANCE_DETAIL, "Z1");

    assertThat(result.status()).isEqualTo("forbidden");
    assertThat(result.failed()).isFalse();
    assertThat(root.resolve("source=finance")).doesNotExist();
  }

  @Test
  void notMadeYetIsPendingAndLandedIsSkipped() {
    server.on(
        "GET /v1/financeReports",
        Reply.error(404, "NOT_FOUND", "The report is not available."),
        Reply.bytes(200, REPORT, "application/a-gzip"));

    FinanceResult pending = extract(FinanceReportType.FINANCIAL, "ZZ");
    FinanceResult landed = extract(FinanceReportType.FINANCIAL, "ZZ");
    FinanceResult skipped = extract(FinanceReportType.FINANCIAL, "ZZ");

    assertThat(pending.status()).isEqualTo("pending");
    assertThat(landed.status()).isEqualTo("complete");
    assertThat(skipped.status()).isEqualTo("skipped");
    assertThat(skipped.unitKey()).isEqualTo(landed.unitKey());
    assertThat(server.requests("GET", "/v1/financeReports")).hasSize(2);
  }

  @Test
  void goneReportLandsUnavailable() throws IOException {
    server.on("GET /v1/financeReports", Reply.error(410, "GONE", "Report is no longer available."));

    FinanceResult result = extract(FinanceReportType.FINANCIAL, "ZZ");

    assertThat(result.status()).isEqualTo("unavailable");
    assertThat(manifest(result.unitKey()).path("status").asText()).isEqualTo("unavailable");
  }

  private FinanceResult extract(FinanceReportType type, String region) {
    return new FinanceExtractor(
            TestSupport.client(server, clock),
            rawZone,
            new AttemptIds(clock),
            clock,
            "20250110T060000000Z-0badc0de",
            "0.1.0-test")
        .extract(type, region, MONTH, VENDOR);
  }

  private JsonNode manifest(String unitKey) throws IOException {
    return TestSupport.MAPPER.readTree(root.resolve(unitKey + "manifest.json").toFile());
  }
}
