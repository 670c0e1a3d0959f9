package io.appstoreetl.curation.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UnitManifestTest {
  private static final String UNIT =
      "source=analytics/report=app_downloads_standard/granularity=DAILY/processing_date=2025-01-10"
          + "/app_id=1000000001/instance_id=5c43f2fa-aae7-4290-8664-d6551784c508/";

  private static final String ANALYTICS_JSON =
      """
      {
        "manifest_version": 1,
        "source": "analytics",
        "report": "app_downloads_standard",
        "report_name": "App Downloads Standard",
        "granularity": "DAILY",
        "app_id": "1000000001",
        "vendor_number": null,
        "access_type": "ONGOING",
        "instance_id": "5c43f2fa-aae7-4290-8664-d6551784c508",
        "processing_date": "2025-01-10",
        "report_date": null,
        "status": "complete",
        "min_metric_date": "2025-01-07",
        "max_metric_date": "2025-01-09",
        "row_count": 3,
        "files": [
          {"path": "segment=s-1.attempt=20250110T061502123Z-1a2b3c4d.gz", "row_count": 2,
           "md5": "3817152BB13CB70F615D9BB3899AABA6"},
          {"path": "segment=s-2.attempt=20250110T061502999Z-1a2b3c4e.gz", "row_count": 1}
        ],
        "landed_at": "2025-01-10T06:15:03.456Z",
        "some_future_field": {"ignored": true}
      }
      """;

  @Test
  void parsesAnalyticsManifest() {
    UnitManifest manifest = UnitManifest.parse(UNIT, ANALYTICS_JSON);

    assertThat(manifest.unitKey()).isEqualTo(UNIT);
    assertThat(manifest.kind()).hasValue(ReportKind.APP_DOWNLOADS_STANDARD);
    assertThat(manifest.appId()).isEqualTo(1000000001L);
    assertThat(manifest.processingDate()).isEqualTo(LocalDate.of(2025, 1, 10));
    assertThat(manifest.instanceId()).isEqualTo("5c43f2fa-aae7-4290-8664-d6551784c508");
    assertThat(manifest.status()).isEqualTo(UnitManifest.Status.COMPLETE);
    assertThat(manifest.origin()).isEqualTo("api");
    assertThat(manifest.landedAt()).isEqualTo(Instant.parse("2025-01-10T06:15:03.456Z"));
    assertThat(manifest.files())
        .extracting(UnitManifest.ManifestFile::path)
        .containsExactly(
            "segment=s-1.attempt=20250110T061502123Z-1a2b3c4d.gz",
            "segment=s-2.attempt=20250110T061502999Z-1a2b3c4e.gz");
    assertThat(manifest.files().get(0).md5()).isEqualTo("3817152bb13cb70f615d9bb3899aaba6");
    assertThat(manifest.files().get(1).md5()).isNull();
  }

  @Test
  void parsesFinanceManifest() {
    String json =
        """
        {"manifest_version": 1, "source": "finance", "report": "financial",
         "granularity": null, "app_id": null, "vendor_number": "80000001",
         "region": "ZZ", "fiscal_month": "2025-01", "status": "complete",
         "files": [{"path": "report.attempt=20250210T060000000Z-0a0b0c0d.gz"}],
         "landed_at": "2025-02-10T06:00:00Z", "metric_dates": ["2024-12-29"]}
        """;

    UnitManifest manifest = UnitManifest.parse("source=finance/report=financial/region=ZZ/", json);

    assertThat(manifest.kind()).hasValue(ReportKind.FINANCIAL);
    assertThat(manifest.region()).isEqualTo("ZZ");
    assertThat(manifest.fiscalMonth()).isEqualTo(java.time.YearMonth.of(2025, 1));
    assertThat(manifest.granularity()).isEqualTo("MONTHLY");
    assertThat(manifest.metricDates()).containsExactly(LocalDate.of(2024, 12, 29));
  }

  private static final String SEARCH_TERMS_UNIT =
      "source=apple_ads/report=search_terms/org_id=40669820/campaign_id=542370539/"
          + "fetched_date=2025-01-10/landing=20250110T080000000Z-0a1b2c3d/";

  private static final String SEARCH_TERMS_JSON =
      """
      {"manifest_version": 1, "source": "apple_ads", "report": "search_terms",
       "report_name": "Apple Ads search terms", "granularity": "DAILY", "app_id": "1000000001",
       "status": "complete", "fetched_date": "2025-01-10", "org_id": "40669820",
       "ad_account_id": "7001", "campaign_id": "542370539", "start_date": "2024-12-11",
       "end_date": "2025-01-09", "time_zone": "America/Los_Angeles", "currency": "USD",
       "metric_dates": ["2025-01-08"], "files": [{"path": "page=0001.json"}],
       "landed_at": "2025-01-10T08:00:00.123Z"}
      """;

  @Test
  void parsesAppleAdsSearchTermsManifest() {
    UnitManifest manifest = UnitManifest.parse(SEARCH_TERMS_UNIT, SEARCH_TERMS_JSON);

    assertThat(manifest.kind()).hasValue(ReportKind.APPLE_ADS_SEARCH_TERMS);
    assertThat(manifest.appId()).isEqualTo(1000000001L);
    assertThat(manifest.fetchedDate()).isEqualTo(LocalDate.of(2025, 1, 10));
    assertThat(manifest.appleAds())
        .isEqualTo(
            new UnitManifest.AppleAdsScope(
                "40669820",
                542370539L,
                LocalDate.of(2024, 12, 11),
                LocalDate.of(2025, 1, 9),
                "America/Los_Angeles"));
    assertThat(manifest.appleAds().covers(LocalDate.of(2024, 12, 11))).isTrue();
    assertThat(manifest.appleAds().covers(LocalDate.of(2025, 1, 10))).isFalse();
  }

  @Test
  void campaignListingIsNotCurated() {
    String json =
        """
        {"manifest_version": 1, "source": "apple_ads", "report": "campaigns",
         "granularity": null, "app_id": null, "status": "complete", "fetched_date": "2025-01-10",
         "org_id": "40669820", "campaign_id": null, "start_date": null, "end_date": null,
         "files": [{"path": "page=0001.json"}], "landed_at": "2025-01-10T08:00:00Z"}
        """;

    UnitManifest manifest =
        UnitManifest.parse("source=apple_ads/report=campaigns/org_id=40669820/", json);

    assertThat(manifest.kind()).isEmpty();
    assertThat(manifest.appleAds().campaignId()).isNull();
  }

  @Test
  void rejectsSearchTermsWithoutCampaignOrWithReversedRange() {
    assertThatThrownBy(
            () ->
                UnitManifest.parse(
                    SEARCH_TERMS_UNIT,
                    SEARCH_TERMS_JSON.replace("\"campaign_id\": \"542370539\",", "")))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest " + SEARCH_TERMS_UNIT + "manifest.json: campaign_id is missing");
    assertThatThrownBy(
            () ->
                UnitManifest.parse(
                    SEARCH_TERMS_UNIT,
                    SEARCH_TERMS_JSON.replace("\"2024-12-11\"", "\"2025-01-10\"")))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest "
                + SEARCH_TERMS_UNIT
                + "manifest.json: end_date 2025-01-09 (expected a date not before start_date"
                + " 2025-01-10)");
    assertThatThrownBy(
            () ->
                UnitManifest.parse(
                    SEARCH_TERMS_UNIT, SEARCH_TERMS_JSON.replace("\"542370539\"", "\"5x\"")))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest "
                + SEARCH_TERMS_UNIT
                + "manifest.json: campaign_id 5x (expected 1 to 18 digits)");
  }

  @Test
  void parsesReviewsManifestWithoutReport() {
    String json =
        """
        {"manifest_version": 1, "source": "reviews", "app_id": "1000000001",
         "fetched_date": "2025-01-10", "status": "complete",
         "files": [{"path": "page=0001.json"}], "landed_at": "2025-01-10T06:00:00Z"}
        """;

    UnitManifest manifest = UnitManifest.parse("source=reviews/app_id=1000000001/", json);

    assertThat(manifest.kind()).hasValue(ReportKind.CUSTOMER_REVIEWS);
    assertThat(manifest.fetchedDate()).isEqualTo(LocalDate.of(2025, 1, 10));
    assertThat(manifest.appId()).isEqualTo(1000000001L);
  }

  @Test
  void importVendorFromAppleFileName() {
    String json =
        """
        {"manifest_version": 1, "source": "sales", "report": "sales_summary",
         "granularity": "DAILY", "origin": "import", "report_date": "2015-02-28",
         "original_file_name": "S_D_80000001_20150228.txt", "status": "complete",
         "files": [], "landed_at": "2025-01-10T06:00:00Z"}
        """;

    UnitManifest manifest = UnitManifest.parse("source=sales/report=sales_summary/", json);

    assertThat(manifest.importVendorNumber()).isEqualTo("80000001");
    assertThat(
            UnitManifest.parse(
                    "source=sales/report=sales_summary/",
                    json.replace("S_D_80000001_20150228.txt", "sales.txt"))
                .importVendorNumber())
        .isNull();
  }

  @Test
  void rejectsInvalidMd5() {
    String json = ANALYTICS_JSON.replace("3817152BB13CB70F615D9BB3899AABA6", "xyz");

    assertThatThrownBy(() -> UnitManifest.parse(UNIT, json))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest "
                + UNIT
                + "manifest.json: files[].md5 \"xyz\" (expected 32 hex digits)");
  }

  @Test
  void parsesEmptySalesManifest() {
    String json =
        """
        {"manifest_version": 1, "source": "sales", "report": "sales_summary",
         "granularity": "DAILY", "app_id": null, "vendor_number": "80000001",
         "instance_id": null, "processing_date": null, "report_date": "2025-01-09",
         "status": "empty", "row_count": 0, "files": [], "landed_at": "2025-01-10T06:00:00Z"}
        """;

    UnitManifest manifest = UnitManifest.parse("source=sales/report=sales_summary/", json);

    assertThat(manifest.status()).isEqualTo(UnitManifest.Status.EMPTY);
    assertThat(manifest.vendorNumber()).isEqualTo("80000001");
    assertThat(manifest.reportDate()).isEqualTo(LocalDate.of(2025, 1, 9));
    assertThat(manifest.files()).isEmpty();
    assertThat(manifest.isImport()).isFalse();
  }

  @Test
  void rejectsUnknownVersion() {
    String json = ANALYTICS_JSON.replace("\"manifest_version\": 1", "\"manifest_version\": 2");

    assertThatThrownBy(() -> UnitManifest.parse(UNIT, json))
        .isInstanceOf(RawZoneException.class)
        .hasMessage("Invalid manifest " + UNIT + "manifest.json: manifest_version 2 (expected 1)");
  }

  @Test
  void rejectsAnalyticsWithoutProcessingDate() {
    String json =
        ANALYTICS_JSON.replace("\"processing_date\": \"2025-01-10\"", "\"processing_date\": null");

    assertThatThrownBy(() -> UnitManifest.parse(UNIT, json))
        .isInstanceOf(RawZoneException.class)
        .hasMessage("Invalid manifest " + UNIT + "manifest.json: processing_date is missing");
  }

  @Test
  void rejectsFilePathOutsideUnit() {
    String json = ANALYTICS_JSON.replace("segment=s-1.attempt", "../segment=s-1.attempt");

    assertThatThrownBy(() -> UnitManifest.parse(UNIT, json))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest "
                + UNIT
                + "manifest.json: files[].path"
                + " \"../segment=s-1.attempt=20250110T061502123Z-1a2b3c4d.gz\""
                + " (expected a file name relative to the unit folder)");
  }

  @Test
  void rejectsSalesReportUnderAnalytics() {
    String json = ANALYTICS_JSON.replace("\"app_downloads_standard\"", "\"sales_summary\"");

    assertThatThrownBy(() -> UnitManifest.parse(UNIT, json))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest "
                + UNIT
                + "manifest.json: report sales_summary (expected a report of source analytics)");
  }

  @Test
  void rejectsUnknownStatus() {
    String json = ANALYTICS_JSON.replace("\"complete\"", "\"done\"");

    assertThatThrownBy(() -> UnitManifest.parse(UNIT, json))
        .isInstanceOf(RawZoneException.class)
        .hasMessage(
            "Invalid manifest "
                + UNIT
                + "manifest.json: status done"
                + " (expected one of [complete, empty, pending, unavailable])");
  }

  @Test
  void rejectsMalformedJson() {
    assertThatThrownBy(() -> UnitManifest.parse(UNIT, "{\"manifest_version\": "))
        .isInstanceOf(RawZoneException.class)
        .hasMessageStartingWith("Invalid manifest " + UNIT + "manifest.json: ");
  }
}
