package io.appstoreetl.curation.raw;

import static org.assertj.core.api.Assertions.assertThat;

import io.appstoreetl.curation.testing.Manifests;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitSelectorTest {
  private static final LocalDate JAN_7 = LocalDate.of(2025, 1, 7);
  private static final LocalDate JAN_8 = LocalDate.of(2025, 1, 8);
  private static final LocalDate JAN_9 = LocalDate.of(2025, 1, 9);
  private static final Instant MORNING = Instant.parse("2025-01-10T06:00:00Z");
  private static final Instant NOON = Instant.parse("2025-01-10T12:00:00Z");

  @Test
  void latestProcessingDateWinsEachDate() {
    UnitManifest jan8 = analytics("a", 1L, JAN_8, NOON, "i-1");
    UnitManifest jan9 = analytics("b", 1L, JAN_9, MORNING, "i-2");

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(jan8, jan9), JAN_8, List.of(jan8)));

    assertThat(winners).hasSize(2);
    assertThat(wonDates(winners, "a")).containsExactly(JAN_8);
    assertThat(wonDates(winners, "b")).containsExactly(JAN_7);
  }

  @Test
  void tiesGoToLandedAtThenInstanceId() {
    UnitManifest early = analytics("a", 1L, JAN_9, MORNING, "i-9");
    UnitManifest late = analytics("b", 1L, JAN_9, NOON, "i-1");
    UnitManifest sameTimeLowerId = analytics("c", 1L, JAN_9, NOON, "i-0");

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(early, late, sameTimeLowerId)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("b");
  }

  @Test
  void appsReportsAndGranularitiesAreSeparate() {
    UnitManifest appOne = analytics("a", 1L, JAN_9, MORNING, "i-1");
    UnitManifest appTwo = analytics("b", 2L, JAN_8, MORNING, "i-2");
    UnitManifest detailed =
        manifest(
            "c",
            "analytics",
            "app_downloads_detailed",
            "DAILY",
            1L,
            null,
            JAN_8,
            null,
            "complete",
            MORNING,
            "i-3");
    UnitManifest weekly =
        manifest(
            "d",
            "analytics",
            "app_downloads_standard",
            "WEEKLY",
            1L,
            null,
            JAN_8,
            null,
            "complete",
            MORNING,
            "i-4");

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(appOne, appTwo, detailed, weekly)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void pendingUnitsAndOtherReportsDoNotCompete() {
    UnitManifest complete = analytics("a", 1L, JAN_8, MORNING, "i-1");
    UnitManifest pending =
        manifest(
            "b",
            "analytics",
            "app_downloads_standard",
            "DAILY",
            1L,
            null,
            JAN_9,
            null,
            "pending",
            NOON,
            "i-2");
    UnitManifest clipUsage =
        manifest(
            "c",
            "analytics",
            "app_clip_usage_standard",
            "DAILY",
            1L,
            null,
            JAN_9,
            null,
            "complete",
            NOON,
            "i-3");

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(complete, pending, clipUsage)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("a");
  }

  @Test
  void latestSalesLandingWinsEvenWhenEmpty() {
    UnitManifest first = sales("a", "80000001", JAN_7, "complete", MORNING);
    UnitManifest emptyLater = sales("b", "80000001", JAN_7, "empty", NOON);
    UnitManifest otherVendor = sales("c", "80000002", JAN_7, "complete", MORNING);

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(first, emptyLater, otherVendor)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("b", "c");
  }

  @Test
  void importsWithoutVendorCompeteUnderImport() {
    UnitManifest firstImport = sales("b", null, JAN_7, "complete", MORNING);
    UnitManifest secondImport = sales("c", null, JAN_7, "complete", NOON);

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(firstImport, secondImport)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("c");
  }

  @Test
  void apiUnitBeatsLaterImportOfSameVendor() {
    UnitManifest api = sales("a", "80000001", JAN_7, "complete", MORNING);
    UnitManifest named =
        Manifests.sales("b", "sales_summary", null, JAN_7)
            .originalFileName("S_D_80000001_20250107.txt")
            .landedAt(NOON)
            .build();
    UnitManifest otherVendor =
        Manifests.sales("c", "sales_summary", null, JAN_7)
            .originalFileName("S_D_80000002_20250107.txt.gz")
            .landedAt(NOON)
            .build();

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(named, api, otherVendor)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("a", "c");
    assertThat(UnitSelector.competingVendor(named)).isEqualTo("80000001");
  }

  @Test
  void namelessImportLosesToAnyApiUnit() {
    UnitManifest api = sales("a", "80000001", JAN_7, "complete", MORNING);
    UnitManifest nameless =
        Manifests.sales("b", "sales_summary", null, JAN_7)
            .originalFileName("my-sales.txt")
            .landedAt(NOON)
            .build();
    UnitManifest weeklyImport =
        Manifests.sales("c", "sales_summary", null, JAN_7).granularity("WEEKLY").build();

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(api, nameless, weeklyImport)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("a", "c");
  }

  @Test
  void financeLatestLandingPerRegion() {
    UnitManifest early =
        Manifests.finance("a", "financial", "ZZ", "80000001", java.time.YearMonth.of(2025, 1))
            .landedAt(MORNING)
            .build();
    UnitManifest late =
        Manifests.finance("b", "financial", "ZZ", "80000001", java.time.YearMonth.of(2025, 1))
            .landedAt(NOON)
            .build();
    UnitManifest europe =
        Manifests.finance("c", "financial", "EU", "80000001", java.time.YearMonth.of(2025, 1))
            .landedAt(MORNING)
            .build();

    List<SelectedUnit> winners = UnitSelector.select(Map.of(JAN_7, List.of(early, late, europe)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("b", "c");
  }

  @Test
  void everyReviewsUnitContributes() {
    UnitManifest first = Manifests.reviews("a", 1L, JAN_8).landedAt(MORNING).build();
    UnitManifest second = Manifests.reviews("b", 1L, JAN_9).landedAt(NOON).build();

    List<SelectedUnit> winners = UnitSelector.select(Map.of(JAN_7, List.of(first, second)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("a", "b");
  }

  private static List<LocalDate> wonDates(List<SelectedUnit> winners, String unitKey) {
    return winners.stream()
        .filter(w -> w.manifest().unitKey().equals(unitKey))
        .findFirst()
        .orElseThrow()
        .wonDates()
        .stream()
        .toList();
  }

  private static UnitManifest analytics(
      String key, long appId, LocalDate processingDate, Instant landedAt, String instanceId) {
    return manifest(
        key,
        "analytics",
        "app_downloads_standard",
        "DAILY",
        appId,
        null,
        processingDate,
        null,
        "complete",
        landedAt,
        instanceId);
  }

  private static UnitManifest sales(
      String key, String vendor, LocalDate reportDate, String status, Instant landedAt) {
    return manifest(
        key,
        "sales",
        "sales_summary",
        "DAILY",
        null,
        vendor,
        null,
        reportDate,
        status,
        landedAt,
        null);
  }

  @Test
  void searchTermsNewestLandingWinsPerCampaign() {
    LocalDate jan6 = LocalDate.of(2025, 1, 6);
    UnitManifest older = searchTerms("a/landing=20250109T080000000Z-ffffffff/", 1L, jan6, JAN_8);
    UnitManifest newer = searchTerms("b/landing=20250110T080000000Z-00000000/", 1L, JAN_7, JAN_9);
    UnitManifest otherCampaign =
        searchTerms("c/landing=20250109T080000000Z-00000000/", 2L, jan6, JAN_8);

    List<SelectedUnit> winners =
        UnitSelector.select(
            Map.of(
                jan6,
                List.of(older, otherCampaign),
                JAN_7,
                List.of(older, newer, otherCampaign),
                JAN_8,
                List.of(newer, older, otherCampaign),
                JAN_9,
                List.of(newer)));

    assertThat(wonDates(winners, older.unitKey())).containsExactly(jan6);
    assertThat(wonDates(winners, newer.unitKey())).containsExactly(JAN_7, JAN_8, JAN_9);
    assertThat(wonDates(winners, otherCampaign.unitKey()))
        .as("a campaign without a later landing keeps its days")
        .containsExactly(jan6, JAN_7, JAN_8);
  }

  @Test
  void searchTermsTiesGoToLandingIdAndRangeMustCoverDate() {
    Instant sameTime = Instant.parse("2025-01-10T08:00:00Z");
    UnitManifest lowId =
        Manifests.searchTerms("z/landing=20250110T080000000Z-00000001/", 1L, 1L, JAN_7, JAN_9)
            .landedAt(sameTime)
            .build();
    UnitManifest highId =
        Manifests.searchTerms("a/landing=20250110T080000000Z-00000002/", 1L, 1L, JAN_7, JAN_8)
            .landedAt(sameTime)
            .build();

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_8, List.of(lowId, highId), JAN_9, List.of(lowId, highId)));

    assertThat(wonDates(winners, highId.unitKey()))
        .as("greater landing id, although its unit key sorts first")
        .containsExactly(JAN_8);
    assertThat(wonDates(winners, lowId.unitKey()))
        .as("Jan 9 is outside the other unit's range")
        .containsExactly(JAN_9);
  }

  private static UnitManifest searchTerms(
      String key, long campaignId, LocalDate start, LocalDate end) {
    Instant landedAt = end.plusDays(1).atTime(8, 0).toInstant(java.time.ZoneOffset.UTC);
    return Manifests.searchTerms(key, 1000000001L, campaignId, start, end)
        .landedAt(landedAt)
        .build();
  }

  private static UnitManifest manifest(
      String key,
      String source,
      String report,
      String granularity,
      Long appId,
      String vendor,
      LocalDate processingDate,
      LocalDate reportDate,
      String status,
      Instant landedAt,
      String instanceId) {
    Manifests manifest =
        source.equals("analytics")
            ? Manifests.analytics(key, report, appId, processingDate, instanceId)
            : Manifests.sales(key, report, vendor, reportDate);
    return manifest.granularity(granularity).status(status).landedAt(landedAt).build();
  }
}
