package io.appstoreetl.curation.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.curation.parse.RawFileException;
import io.appstoreetl.curation.parse.RawText;
import io.appstoreetl.curation.parse.RejectedLine;
import io.appstoreetl.curation.raw.RawZone;
import io.appstoreetl.curation.raw.RawZoneException;
import io.appstoreetl.curation.raw.UnitManifest;
import io.appstoreetl.tables.TableDefinition;
import io.appstoreetl.tables.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the newest landed listing of apps ({@code source=apps/}), on the driver.
 *
 * <p>Apps units have no metric dates and no index entries. The newest is the complete unit with the
 * latest {@code landed_at} (then the greatest key) in the latest {@code fetched_date} folder that
 * has a complete unit. A listing is a few pages of JSON, so it is read without Spark tasks.
 */
public final class AppsListing {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPS_ROOT = "source=apps/";
  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");
  private static final Set<String> KNOWN_ATTRIBUTES =
      Set.of("name", "bundleId", "sku", "primaryLocale");
  private static final TableDefinition TABLE = Tables.APPS;

  /**
   * The rows of one apps unit.
   *
   * @param rows rows indexed like the apps table's columns
   * @param rejects app elements that could not be read, and pages rejected whole (line 0)
   * @param checksums MD5 (hex) of each page, in manifest order
   * @param unknownAttributes attributes the apps table does not define
   */
  public record Snapshot(
      UnitManifest unit,
      List<Object[]> rows,
      List<RejectedLine> rejects,
      List<String> checksums,
      List<String> unknownAttributes) {

    /**
     * Returns the app ids by SKU; an SKU that two apps share is left out, because attributing a
     * purchase to either would be a guess.
     */
    public Map<String, Long> appIdsBySku() {
      Map<String, Long> bySku = new HashMap<>();
      Set<String> ambiguous = new HashSet<>();
      int skuIndex = TABLE.indexOf("sku");
      int idIndex = TABLE.indexOf("app_apple_id");
      for (Object[] row : rows) {
        String sku = (String) row[skuIndex];
        if (sku == null) {
          continue;
        }
        Long previous = bySku.putIfAbsent(sku.trim(), (Long) row[idIndex]);
        if (previous != null && !previous.equals(row[idIndex])) {
          ambiguous.add(sku.trim());
        }
      }
      ambiguous.forEach(bySku::remove);

      return bySku;
    }
  }

  private AppsListing() {}

  /**
   * Returns the newest complete apps unit with its rows, or empty when none has landed.
   *
   * @throws RawZoneException if a manifest breaks the raw-zone contract
   */
  public static Optional<Snapshot> newest(RawZone raw, LocalDateTime loadedAt) throws IOException {
    List<String> dateFolders = new ArrayList<>(raw.listFolders(APPS_ROOT));
    dateFolders.sort(Comparator.reverseOrder());
    for (String dateFolder : dateFolders) {
      String folderKey = APPS_ROOT + dateFolder + "/";
      UnitManifest newest = null;
      for (String landing : raw.listFolders(folderKey)) {
        String unitKey = folderKey + landing + "/";
        Optional<String> json = raw.readTextIfExists(unitKey + UnitManifest.FILE_NAME);
        if (json.isEmpty()) {
          continue;
        }
        UnitManifest unit = UnitManifest.parse(unitKey, json.get());
        if (unit.status() == UnitManifest.Status.COMPLETE && isLater(unit, newest)) {
          newest = unit;
        }
      }
      if (newest != null) {
        return Optional.of(read(raw, newest, loadedAt));
      }
    }

    return Optional.empty();
  }

  private static boolean isLater(UnitManifest unit, UnitManifest than) {
    if (than == null) {
      return true;
    }
    int byTime = unit.landedAt().compareTo(than.landedAt());

    return byTime > 0 || (byTime == 0 && unit.unitKey().compareTo(than.unitKey()) > 0);
  }

  private static Snapshot read(RawZone raw, UnitManifest unit, LocalDateTime loadedAt)
      throws IOException {
    List<Object[]> rows = new ArrayList<>();
    List<RejectedLine> rejects = new ArrayList<>();
    List<String> checksums = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    for (UnitManifest.ManifestFile file : unit.files()) {
      String key = unit.unitKey() + file.path();
      String text;
      try (BufferedReader reader = RawText.open(key, raw.open(key))) {
        text = reader.lines().collect(Collectors.joining("\n"));
      } catch (RawFileException e) {
        rejects.add(new RejectedLine(key, 0, null, e.reason(), null));
        continue;
      }
      checksums.add(Md5.hex(raw, key));
      try {
        readPage(unit, key, JSON.readTree(text), loadedAt, rows, rejects, unknown);
      } catch (JsonProcessingException e) {
        rejects.add(
            new RejectedLine(key, 0, null, "invalid JSON: " + e.getOriginalMessage(), null));
      }
    }

    return new Snapshot(unit, rows, rejects, checksums, new ArrayList<>(unknown));
  }

  private static void readPage(
      UnitManifest unit,
      String key,
      JsonNode page,
      LocalDateTime loadedAt,
      List<Object[]> rows,
      List<RejectedLine> rejects,
      Set<String> unknown) {
    JsonNode data = page == null ? null : page.get("data");
    if (data == null || !data.isArray()) {
      rejects.add(
          new RejectedLine(
              key, 0, null, "no \"data\" array (expected a JSON:API page of apps)", null));
      return;
    }

    int position = 0;
    for (JsonNode app : data) {
      position++;
      String id = app.path("id").asText("");
      if (!NUMERIC_ID.matcher(id).matches()) {
        rejects.add(
            new RejectedLine(
                key,
                position,
                null,
                "Invalid app id: " + app.path("id") + " (expected 1 to 20 digits)",
                app.toString()));
        continue;
      }
      JsonNode attributes = app.path("attributes");
      Object[] values = new Object[TABLE.columns().size()];
      values[TABLE.indexOf("app_apple_id")] = Long.valueOf(id);
      values[TABLE.indexOf("name")] = text(attributes.get("name"));
      values[TABLE.indexOf("bundle_id")] = text(attributes.get("bundleId"));
      values[TABLE.indexOf("sku")] = text(attributes.get("sku"));
      values[TABLE.indexOf("primary_locale")] = text(attributes.get("primaryLocale"));
      values[TABLE.indexOf("fetched_date")] = unit.fetchedDate();
      values[TABLE.indexOf("landed_at")] = LocalDateTime.ofInstant(unit.landedAt(), ZoneOffset.UTC);
      values[TABLE.indexOf("source_file")] = key;
      values[TABLE.indexOf("loaded_at")] = loadedAt;
      Map<String, String> extra = new LinkedHashMap<>();
      for (Iterator<String> names = attributes.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!KNOWN_ATTRIBUTES.contains(name)) {
          JsonNode value = attributes.get(name);
          extra.put(name, value.isTextual() ? value.textValue() : value.toString());
          unknown.add(name);
        }
      }
      values[TABLE.indexOf("extra_columns")] = extra;
      rows.add(values);
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
  }
}
