package io.appstoreetl.curation.raw;

import io.appstoreetl.curation.raw.ReportKind.Source;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Picks, for each metric date, the units whose rows count.
 *
 * <p>Analytics: for each (report, granularity, app, metric date), the unit with the latest
 * processing date among those that contain the date; ties go to the latest {@code landed_at}, then
 * the greatest instance id. Apple restates earlier days in later instances, so rows of different
 * units are never combined for one date.
 *
 * <p>Sales and Trends (sales and subscription reports): for each (report, granularity, vendor,
 * metric date), one unit. A unit fetched from the API beats an imported file; among units of the
 * same origin the latest {@code landed_at} wins, then the greatest unit key. An imported file
 * competes under the vendor number in its Apple file name ({@code S_D_<vendor>_<yyyymmdd>}); an
 * import without one competes under the vendor {@code import} and is dropped for a date on which
 * any API unit of the same report and granularity exists, because its rows could be any vendor's
 * and storing both would count that day twice.
 *
 * <p>Finance: for each (report, region, vendor, metric date), the latest {@code landed_at}, then
 * the greatest unit key.
 *
 * <p>Reviews: every unit that contains the date contributes; rows are deduplicated by review id
 * later, the latest landing winning.
 *
 * <p>Apple Ads search terms: for each (campaign, metric date), the unit with the latest {@code
 * landed_at} whose {@code start_date}..{@code end_date} range contains the date, then the greatest
 * landing id. Installs of a day change for 30 days and every run lands the day again, so the rows
 * of different landings are never combined. A campaign that a later run no longer reports keeps the
 * rows of its last landing, because no later unit of it competes.
 *
 * <p>Only units with status complete or empty of a kind that this job curates from the date index
 * take part. An empty unit can win, and then its date has no rows from that report and vendor.
 */
public final class UnitSelector {

  /** The vendor of an imported file whose name does not carry one, as its raw-zone folder names. */
  public static final String IMPORT_VENDOR = "import";

  private static final Comparator<UnitManifest> ANALYTICS_ORDER =
      Comparator.comparing(UnitManifest::processingDate)
          .thenComparing(UnitManifest::landedAt)
          .thenComparing(UnitManifest::instanceId);

  private static final Comparator<UnitManifest> SALES_ORDER =
      Comparator.comparing((UnitManifest unit) -> !unit.isImport())
          .thenComparing(UnitManifest::landedAt)
          .thenComparing(UnitManifest::unitKey);

  private static final Comparator<UnitManifest> LANDING_ORDER =
      Comparator.comparing(UnitManifest::landedAt).thenComparing(UnitManifest::unitKey);

  private static final Comparator<UnitManifest> APPLE_ADS_ORDER =
      Comparator.comparing(UnitManifest::landedAt)
          .thenComparing(UnitSelector::landingId)
          .thenComparing(UnitManifest::unitKey);

  private static final String LANDING_SEGMENT = "/landing=";

  private UnitSelector() {}

  /**
   * Returns the winning units of the given candidates, sorted by unit key.
   *
   * @param candidatesByDate for each metric date, the units whose index entries name that date
   */
  public static List<SelectedUnit> select(Map<LocalDate, List<UnitManifest>> candidatesByDate) {
    Map<String, SelectedUnit> winners = new TreeMap<>();
    for (Map.Entry<LocalDate, List<UnitManifest>> entry : candidatesByDate.entrySet()) {
      for (UnitManifest winner : winnersOfDate(entry.getKey(), entry.getValue())) {
        winners
            .computeIfAbsent(winner.unitKey(), key -> new SelectedUnit(winner, new TreeSet<>()))
            .wonDates()
            .add(entry.getKey());
      }
    }

    return new ArrayList<>(winners.values());
  }

  /** True when the unit can take part in selection at all. */
  public static boolean isSelectable(UnitManifest unit) {
    return unit.status().isCurated()
        && unit.kind().isPresent()
        && unit.kind().get().source() != Source.APPS;
  }

  /**
   * Returns the vendor a Sales and Trends unit competes under: its vendor number, the vendor in an
   * imported file's Apple name, or {@value #IMPORT_VENDOR}.
   */
  public static String competingVendor(UnitManifest unit) {
    if (unit.vendorNumber() != null) {
      return unit.vendorNumber();
    }
    String fromFileName = unit.importVendorNumber();

    return fromFileName != null ? fromFileName : IMPORT_VENDOR;
  }

  private static List<UnitManifest> winnersOfDate(LocalDate date, List<UnitManifest> candidates) {
    Map<String, UnitManifest> bestByGroup = new HashMap<>();
    Set<String> reportsFromApi = new HashSet<>();
    List<UnitManifest> winners = new ArrayList<>();
    for (UnitManifest unit : candidates) {
      if (!isSelectable(unit)) {
        continue;
      }
      Source source = unit.kind().orElseThrow().source();
      if (source == Source.REVIEWS) {
        winners.add(unit);
        continue;
      }
      if (source == Source.APPLE_ADS && !unit.appleAds().covers(date)) {
        // An index entry outside the requested range states nothing about the day.
        continue;
      }
      if (source == Source.SALES && !unit.isImport()) {
        reportsFromApi.add(unit.report() + "|" + unit.granularity());
      }
      bestByGroup.merge(groupKey(unit), unit, UnitSelector::later);
    }

    for (UnitManifest winner : bestByGroup.values()) {
      boolean namelessImport =
          winner.kind().orElseThrow().isSales()
              && IMPORT_VENDOR.equals(competingVendor(winner))
              && reportsFromApi.contains(winner.report() + "|" + winner.granularity());
      if (!namelessImport) {
        winners.add(winner);
      }
    }

    return winners;
  }

  private static String groupKey(UnitManifest unit) {
    switch (unit.kind().orElseThrow().source()) {
      case SALES:
        return String.join("|", unit.report(), unit.granularity(), competingVendor(unit));
      case FINANCE:
        return String.join(
            "|",
            unit.report(),
            unit.region(),
            unit.vendorNumber() == null ? IMPORT_VENDOR : unit.vendorNumber());
      case APPLE_ADS:
        return String.join(
            "|", unit.report(), unit.appleAds().orgId(), unit.appleAds().campaignId().toString());
      default:
        return String.join("|", unit.report(), unit.granularity(), unit.appId().toString());
    }
  }

  /** Returns the {@code landing=} value of a unit key, or an empty string when it has none. */
  static String landingId(UnitManifest unit) {
    String key = unit.unitKey();
    int start = key.lastIndexOf(LANDING_SEGMENT);
    if (start < 0) {
      return "";
    }
    int valueStart = start + LANDING_SEGMENT.length();
    int end = key.indexOf('/', valueStart);

    return end < 0 ? key.substring(valueStart) : key.substring(valueStart, end);
  }

  private static UnitManifest later(UnitManifest a, UnitManifest b) {
    Comparator<UnitManifest> order;
    switch (a.kind().orElseThrow().source()) {
      case ANALYTICS:
        order = ANALYTICS_ORDER;
        break;
      case SALES:
        order = SALES_ORDER;
        break;
      case APPLE_ADS:
        order = APPLE_ADS_ORDER;
        break;
      default:
        order = LANDING_ORDER;
    }

    return order.compare(a, b) >= 0 ? a : b;
  }
}
