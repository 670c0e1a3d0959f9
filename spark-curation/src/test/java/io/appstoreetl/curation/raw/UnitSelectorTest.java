package io.appstoreetl.curation.raw;

import static org.assertj.core.api.Assertions.assertThat;

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
    UnitManifest sessions =
        manifest(
            "c",
            "analytics",
            "app_sessions_standard",
            "DAILY",
            1L,
            null,
            JAN_9,
            null,
            "complete",
            NOON,
            "i-3");

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(complete, pending, sessions)));

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
  void importsCompeteUnderImportVendor() {
    UnitManifest api = sales("a", "80000001", JAN_7, "complete", MORNING);
    UnitManifest firstImport = sales("b", null, JAN_7, "complete", MORNING);
    UnitManifest secondImport = sales("c", null, JAN_7, "complete", NOON);

    List<SelectedUnit> winners =
        UnitSelector.select(Map.of(JAN_7, List.of(api, firstImport, secondImport)));

    assertThat(winners).extracting(w -> w.manifest().unitKey()).containsExactly("a", "c");
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
    return new UnitManifest(
        key,
        source,
        report,
        granularity,
        appId,
        vendor,
        vendor == null && source.equals("sales") ? "import" : "api",
        instanceId,
        processingDate,
        reportDate,
        UnitManifest.Status.valueOf(status.toUpperCase()),
        List.of(),
        landedAt);
  }
}
