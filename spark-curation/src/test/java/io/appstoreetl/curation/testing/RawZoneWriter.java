package io.appstoreetl.curation.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Lands units in a local raw zone the way the extractor does: files under attempt keys, an index
 * entry per metric date, then the manifest last.
 *
 * <p>Attempt and landing ids end in 8 hex digits derived from the unit's identity and landing time
 * rather than a counter, so the same units land under the same keys in any order.
 */
public final class RawZoneWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ATTEMPT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path root;

  public RawZoneWriter(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Starts an analytics report instance of one app. */
  public Unit analytics(
      String report,
      String granularity,
      long appId,
      LocalDate processingDate,
      String instanceId,
      Instant landedAt) {
    String key =
        "source=analytics/report="
            + report
            + "/granularity="
            + granularity
            + "/processing_date="
            + processingDate
            + "/app_id="
            + appId
            + "/instance_id="
            + instanceId
            + "/";
    ObjectNode manifest = baseManifest("analytics", report, granularity, landedAt);
    manifest.put("report_name", report);
    manifest.put("app_id", Long.toString(appId));
    manifest.putNull("vendor_number");
    manifest.put("access_type", "ONGOING");
    manifest.put("request_id", "8a1f0c52-6f0e-3a5c-9d1e-2b6f7c1d0e93");
    manifest.put("report_id", "r3-8a1f0c52-6f0e-3a5c-9d1e-2b6f7c1d0e93");
    manifest.put("instance_id", instanceId);
    manifest.put("processing_date", processingDate.toString());
    manifest.putNull("report_date");
    return new Unit(key, manifest, Kind.ANALYTICS);
  }

  /** Starts a SALES SUMMARY report fetched from the API for one vendor and date. */
  public Unit sales(String granularity, String vendor, LocalDate reportDate, Instant landedAt) {
    return salesReport("sales_summary", "SALES SUMMARY", granularity, vendor, reportDate, landedAt);
  }

  /** Starts a Sales and Trends report of any slug fetched from the API. */
  public Unit salesReport(
      String report,
      String reportName,
      String granularity,
      String vendor,
      LocalDate reportDate,
      Instant landedAt) {
    String key =
        "source=sales/report="
            + report
            + "/granularity="
            + granularity
            + "/report_date="
            + reportDate
            + "/vendor="
            + vendor
            + "/landing="
            + attemptId(landedAt, report + granularity + reportDate + vendor)
            + "/";
    ObjectNode manifest = baseManifest("sales", report, granularity, landedAt);
    manifest.put("report_name", reportName);
    manifest.putNull("app_id");
    manifest.put("vendor_number", vendor);
    manifest.put("origin", "api");
    manifest.putNull("processing_date");
    manifest.put("report_date", reportDate.toString());
    manifest.put("report_version", "1_1");
    return new Unit(key, manifest, Kind.SALES);
  }

  /** Starts a sales file imported by a user. */
  public Unit salesImport(LocalDate reportDate, String originalFileName, Instant landedAt) {
    return salesImport("DAILY", reportDate, originalFileName, landedAt);
  }

  /** Starts a sales file of the given granularity imported by a user. */
  public Unit salesImport(
      String granularity, LocalDate reportDate, String originalFileName, Instant landedAt) {
    String key =
        "source=sales/report=sales_summary/granularity="
            + granularity
            + "/report_date="
            + reportDate
            + "/vendor=import/landing="
            + attemptId(landedAt, reportDate + originalFileName)
            + "/";
    ObjectNode manifest = baseManifest("sales", "sales_summary", granularity, landedAt);
    manifest.put("report_name", "SALES SUMMARY");
    manifest.putNull("app_id");
    manifest.putNull("vendor_number");
    manifest.put("origin", "import");
    manifest.putNull("processing_date");
    manifest.put("report_date", reportDate.toString());
    manifest.put("original_file_name", originalFileName);
    return new Unit(key, manifest, Kind.IMPORT);
  }

  /** Starts a financial report of one region and fiscal month. */
  public Unit finance(
      String report, String region, YearMonth fiscalMonth, String vendor, Instant landedAt) {
    String key =
        "source=finance/report="
            + report
            + "/region="
            + region
            + "/fiscal_month="
            + fiscalMonth
            + "/vendor="
            + vendor
            + "/landing="
            + attemptId(landedAt, report + region + fiscalMonth + vendor)
            + "/";
    ObjectNode manifest = baseManifest("finance", report, null, landedAt);
    manifest.put("report_name", report.toUpperCase(java.util.Locale.ROOT));
    manifest.putNull("app_id");
    manifest.put("vendor_number", vendor);
    manifest.put("region", region);
    manifest.put("fiscal_month", fiscalMonth.toString());
    return new Unit(key, manifest, Kind.FINANCE);
  }

  /** Starts one fetch of an app's customer reviews. */
  public Unit reviews(long appId, LocalDate fetchedDate, Instant landedAt) {
    String key =
        "source=reviews/app_id="
            + appId
            + "/fetched_date="
            + fetchedDate
            + "/landing="
            + attemptId(landedAt, "reviews" + appId + fetchedDate)
            + "/";
    ObjectNode manifest = baseManifest("reviews", null, null, landedAt);
    manifest.put("app_id", Long.toString(appId));
    manifest.put("fetched_date", fetchedDate.toString());
    return new Unit(key, manifest, Kind.PAGES);
  }

  /** Starts one listing of the apps. */
  public Unit apps(LocalDate fetchedDate, Instant landedAt) {
    String key =
        "source=apps/fetched_date="
            + fetchedDate
            + "/landing="
            + attemptId(landedAt, "apps" + fetchedDate)
            + "/";
    ObjectNode manifest = baseManifest("apps", null, null, landedAt);
    manifest.put("fetched_date", fetchedDate.toString());
    return new Unit(key, manifest, Kind.PAGES);
  }

  /** The Apple Ads organisation of the units that {@link #searchTerms} starts. */
  public static final String ADS_ORG_ID = "40669820";

  /**
   * Starts one Apple Ads search-terms report of a campaign for {@code startDate..endDate}, fetched
   * the day after {@code endDate}. It gets an index entry for every day of the range.
   */
  public Unit searchTerms(
      long campaignId, long appId, LocalDate startDate, LocalDate endDate, Instant landedAt) {
    LocalDate fetchedDate = endDate.plusDays(1);
    String key =
        "source=apple_ads/report=search_terms/org_id="
            + ADS_ORG_ID
            + "/campaign_id="
            + campaignId
            + "/fetched_date="
            + fetchedDate
            + "/landing="
            + attemptId(landedAt, "ads" + campaignId + startDate + endDate)
            + "/";
    ObjectNode manifest = baseManifest("apple_ads", "search_terms", "DAILY", landedAt);
    manifest.put("report_name", "Apple Ads search terms");
    manifest.put("app_id", Long.toString(appId));
    manifest.putNull("vendor_number");
    manifest.put("fetched_date", fetchedDate.toString());
    manifest.put("org_id", ADS_ORG_ID);
    manifest.put("ad_account_id", "7001");
    manifest.put("campaign_id", Long.toString(campaignId));
    manifest.put("start_date", startDate.toString());
    manifest.put("end_date", endDate.toString());
    manifest.put("time_zone", "America/Los_Angeles");
    manifest.put("currency", "USD");
    return new Unit(key, manifest, Kind.APPLE_ADS);
  }

  /** Writes an extractor run summary under {@code runs/extractor/} and returns its key. */
  public String runSummary(LocalDate runDate, String runId, String json) {
    String key = "runs/extractor/run_date=" + runDate + "/" + runId + ".json";
    write(key, json.getBytes(StandardCharsets.UTF_8));
    return key;
  }

  private ObjectNode baseManifest(
      String source, String report, String granularity, Instant landedAt) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("manifest_version", 1);
    manifest.put("source", source);
    if (report == null) {
      manifest.putNull("report");
    } else {
      manifest.put("report", report);
    }
    if (granularity == null) {
      manifest.putNull("granularity");
    } else {
      manifest.put("granularity", granularity);
    }
    manifest.put("landed_at", landedAt.toString());
    manifest.put("run_id", attemptId(landedAt, "run"));
    manifest.put("extractor_version", "0.1.0-SNAPSHOT");
    return manifest;
  }

  private static String attemptId(Instant time, String seed) {
    return ATTEMPT_TIME.format(time) + "-" + sha256Prefix(seed + time).substring(0, 8);
  }

  /** Returns the first 16 hex digits of the SHA-256 of {@code text}. */
  public static String sha256Prefix(String text) {
    return sha256Prefix(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Prefix(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private enum Kind {
    ANALYTICS,
    SALES,
    IMPORT,
    FINANCE,
    PAGES,
    APPLE_ADS
  }

  /** One unit being landed. */
  public final class Unit {
    private final String key;
    private final ObjectNode manifest;
    private final Kind kind;
    private final List<ObjectNode> files = new ArrayList<>();
    private final TreeSet<LocalDate> metricDates = new TreeSet<>();
    private long rowCount;

    private Unit(String key, ObjectNode manifest, Kind kind) {
      this.key = key;
      this.manifest = manifest;
      this.kind = kind;
    }

    public String key() {
      return key;
    }

    /** Adds a file with the given bytes and data row count, named as the extractor names it. */
    public Unit file(byte[] bytes, long dataRows) {
      return file(bytes, dataRows, md5(bytes));
    }

    /** Adds a file whose manifest entry records {@code manifestMd5}, which may be wrong or null. */
    public Unit file(byte[] bytes, long dataRows, String manifestMd5) {
      Instant landedAt = Instant.parse(manifest.get("landed_at").asText());
      String seed = key + files.size();
      String name;
      switch (kind) {
        case IMPORT:
          String original = manifest.path("original_file_name").asText();
          name = sha256Prefix(bytes) + original.substring(original.lastIndexOf('.'));
          break;
        case SALES:
        case FINANCE:
          name = "report.attempt=" + attemptId(landedAt, seed) + ".gz";
          break;
        case PAGES:
        case APPLE_ADS:
          name = String.format("page=%04d.json", files.size() + 1);
          break;
        default:
          name =
              "segment=seg-" + (files.size() + 1) + ".attempt=" + attemptId(landedAt, seed) + ".gz";
      }
      write(key + name, bytes);

      ObjectNode file = JSON.createObjectNode();
      file.put("path", name);
      file.put("size_bytes", bytes.length);
      if (manifestMd5 == null) {
        file.putNull("md5");
      } else {
        file.put("md5", manifestMd5);
      }
      file.put("row_count", dataRows);
      files.add(file);
      rowCount += dataRows;
      return this;
    }

    /** Declares the metric dates the unit's rows hold; each gets an index entry. */
    public Unit holding(LocalDate... dates) {
      metricDates.addAll(List.of(dates));
      return this;
    }

    /**
     * Writes the index entries and then the manifest with status complete, or empty without files.
     */
    public String land() {
      boolean salesLike = kind == Kind.SALES || kind == Kind.IMPORT;
      return land(files.isEmpty() && salesLike ? "empty" : "complete");
    }

    /** Writes the index entries and the manifest with the given status. */
    public String land(String status) {
      writeIndexEntries();
      manifest.put("status", status);
      manifest.put("row_count", rowCount);
      if (metricDates.isEmpty()) {
        manifest.putNull("min_metric_date");
        manifest.putNull("max_metric_date");
      } else {
        manifest.put("min_metric_date", metricDates.first().toString());
        manifest.put("max_metric_date", metricDates.last().toString());
      }
      ArrayNode dates = manifest.putArray("metric_dates");
      metricDates.forEach(date -> dates.add(date.toString()));
      ArrayNode fileArray = manifest.putArray("files");
      files.forEach(fileArray::add);
      write(key + "manifest.json", manifest.toPrettyString().getBytes(StandardCharsets.UTF_8));
      return key;
    }

    /** Writes the files and index entries but no manifest, as a crash before the manifest would. */
    public String landWithoutManifest() {
      writeIndexEntries();
      return key;
    }

    private void writeIndexEntries() {
      TreeSet<LocalDate> entryDates = new TreeSet<>(metricDates);
      if (kind == Kind.SALES) {
        // A sales unit fetched from the API also gets an entry for its report date.
        entryDates.add(LocalDate.parse(manifest.get("report_date").asText()));
      }
      if (kind == Kind.IMPORT && entryDates.isEmpty()) {
        entryDates.add(LocalDate.parse(manifest.get("report_date").asText()));
      }
      if (kind == Kind.APPLE_ADS) {
        // The unit states the campaign's rows of every day it asked for, also days without rows.
        LocalDate.parse(manifest.get("start_date").asText())
            .datesUntil(LocalDate.parse(manifest.get("end_date").asText()).plusDays(1))
            .forEach(entryDates::add);
      }
      if (manifest.path("source").asText().equals("apps")) {
        // Apps units have no metric dates and no index entries.
        return;
      }
      for (LocalDate date : entryDates) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("unit", key);
        write(
            "index/metric_date=" + date + "/" + sha256Prefix(key) + ".json",
            entry.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private void write(String key, byte[] bytes) {
    try {
      Path path = root.resolve(key);
      Files.createDirectories(path.getParent());
      Files.write(path, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
