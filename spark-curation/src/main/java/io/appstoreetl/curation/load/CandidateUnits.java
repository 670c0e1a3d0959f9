package io.appstoreetl.curation.load;

import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.RawZoneException;
import io.appstoreetl.curation.raw.UnitManifest;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the units that contain each metric date through the raw zone's date index.
 *
 * <p>Index folders are listed on the driver, one per date. The entries and the manifests they name
 * are read in Spark tasks, because a daily run reads thousands of small objects and each S3 request
 * takes tens of milliseconds (a typical latency, not measured here). A unit without a manifest is
 * incomplete and left out.
 */
public final class CandidateUnits {
  private static final Logger LOG = LoggerFactory.getLogger(CandidateUnits.class);

  private CandidateUnits() {}

  /** One index entry as read by a task: the unit it names and that unit's manifest, if any. */
  private record IndexedUnit(
      LocalDate metricDate, String entryKey, String unitKey, String manifestJson, String error)
      implements Serializable {}

  /**
   * Returns, for each of {@code dates}, the manifests of the units whose index entries name it.
   *
   * @throws RawZoneException if an index entry or a manifest breaks the raw-zone contract
   */
  public static Map<LocalDate, List<UnitManifest>> read(
      JavaSparkContext jsc, RawZone raw, Collection<LocalDate> dates) throws IOException {
    return readEntries(jsc, raw, listEntries(raw, dates));
  }

  /** Returns the index entry keys of each of {@code dates}, listed on the driver. */
  public static Map<LocalDate, List<String>> listEntries(RawZone raw, Collection<LocalDate> dates)
      throws IOException {
    Map<LocalDate, List<String>> entries = new TreeMap<>();
    for (LocalDate date : dates) {
      entries.put(date, raw.listIndexEntries(date));
    }

    return entries;
  }

  /**
   * Returns, for each date of {@code entriesByDate}, the manifests of the units its entries name;
   * entries whose unit has no manifest yet are left out.
   *
   * @throws RawZoneException if an index entry or a manifest breaks the raw-zone contract
   */
  public static Map<LocalDate, List<UnitManifest>> readEntries(
      JavaSparkContext jsc, RawZone raw, Map<LocalDate, List<String>> entriesByDate) {
    List<IndexedUnit> entries = new ArrayList<>();
    entriesByDate.forEach(
        (date, keys) ->
            keys.forEach(key -> entries.add(new IndexedUnit(date, key, null, null, null))));

    Map<LocalDate, List<UnitManifest>> candidates = new TreeMap<>();
    entriesByDate.keySet().forEach(date -> candidates.put(date, new ArrayList<>()));
    if (entries.isEmpty()) {
      return candidates;
    }

    int slices = Math.max(1, Math.min(entries.size(), jsc.defaultParallelism() * 4));
    List<IndexedUnit> indexed =
        jsc.parallelize(entries, slices).map(entry -> readEntry(raw, entry)).collect();

    Map<String, UnitManifest> manifestsByUnit = new HashMap<>();
    int withoutManifest = 0;
    for (IndexedUnit entry : indexed) {
      if (entry.error() != null) {
        throw new RawZoneException(entry.error());
      }
      if (entry.manifestJson() == null) {
        withoutManifest++;
        LOG.debug("Ignoring unit {}: no manifest yet", entry.unitKey());
        continue;
      }
      UnitManifest manifest =
          manifestsByUnit.computeIfAbsent(
              entry.unitKey(), key -> UnitManifest.parse(key, entry.manifestJson()));
      candidates.get(entry.metricDate()).add(manifest);
    }
    LOG.info(
        "Read {} index entries for {} dates: {} units, {} entries without a manifest",
        indexed.size(),
        entriesByDate.size(),
        manifestsByUnit.size(),
        withoutManifest);

    return candidates;
  }

  private static IndexedUnit readEntry(RawZone raw, IndexedUnit entry) {
    try {
      String json =
          raw.readTextIfExists(entry.entryKey())
              .orElseThrow(
                  () ->
                      new RawZoneException(
                          "Cannot read index entry " + entry.entryKey() + ": not found"));
      String unitKey = RawZone.unitKeyOfIndexEntry(entry.entryKey(), json);
      String manifestJson = raw.readTextIfExists(unitKey + UnitManifest.FILE_NAME).orElse(null);
      return new IndexedUnit(entry.metricDate(), entry.entryKey(), unitKey, manifestJson, null);
    } catch (RawZoneException e) {
      return new IndexedUnit(entry.metricDate(), entry.entryKey(), null, null, e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read index entry " + entry.entryKey(), e);
    }
  }
}
