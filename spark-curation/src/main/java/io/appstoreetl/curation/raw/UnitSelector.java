package io.appstoreetl.curation.raw;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Sales: for each (report, granularity, vendor, report date), the unit with the latest {@code
 * landed_at}; ties go to the greatest unit key. Imported files have no vendor number and compete
 * under the vendor {@code import}, as their raw-zone folder names it.
 *
 * <p>Only units with status complete or empty of a report that this job curates take part. An empty
 * unit can win, and then its date has no rows from that report and vendor.
 */
public final class UnitSelector {

  private static final String IMPORT_VENDOR = "import";

  private static final Comparator<UnitManifest> ANALYTICS_ORDER =
      Comparator.comparing(UnitManifest::processingDate)
          .thenComparing(UnitManifest::landedAt)
          .thenComparing(UnitManifest::instanceId);

  private static final Comparator<UnitManifest> SALES_ORDER =
      Comparator.comparing(UnitManifest::landedAt).thenComparing(UnitManifest::unitKey);

  private UnitSelector() {}

  /**
   * Returns the winning units of the given candidates, sorted by unit key.
   *
   * @param candidatesByDate for each metric date, the units whose index entries name that date
   */
  public static List<SelectedUnit> select(Map<LocalDate, List<UnitManifest>> candidatesByDate) {
    Map<String, SelectedUnit> winners = new TreeMap<>();
    for (Map.Entry<LocalDate, List<UnitManifest>> entry : candidatesByDate.entrySet()) {
      LocalDate metricDate = entry.getKey();
      Map<String, UnitManifest> bestByGroup = new HashMap<>();
      for (UnitManifest unit : entry.getValue()) {
        if (!unit.status().isCurated() || unit.kind().isEmpty()) {
          continue;
        }
        bestByGroup.merge(groupKey(unit), unit, UnitSelector::later);
      }

      for (UnitManifest winner : bestByGroup.values()) {
        winners
            .computeIfAbsent(winner.unitKey(), key -> new SelectedUnit(winner, new TreeSet<>()))
            .wonDates()
            .add(metricDate);
      }
    }

    return new ArrayList<>(winners.values());
  }

  private static String groupKey(UnitManifest unit) {
    if (unit.kind().orElseThrow().isSales()) {
      String vendor = unit.vendorNumber() != null ? unit.vendorNumber() : IMPORT_VENDOR;
      return String.join(
          "|", unit.report(), unit.granularity(), vendor, unit.reportDate().toString());
    }

    return String.join("|", unit.report(), unit.granularity(), unit.appId().toString());
  }

  private static UnitManifest later(UnitManifest a, UnitManifest b) {
    Comparator<UnitManifest> order =
        a.kind().orElseThrow().isSales() ? SALES_ORDER : ANALYTICS_ORDER;
    return order.compare(a, b) >= 0 ? a : b;
  }
}
