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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Lands units in a local raw zone the way the extractor does: files under attempt keys, an index
 * entry per metric date, then the manifest last.
 */
public final class RawZoneWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ATTEMPT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final Path root;
  private int attempts;

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
    return new Unit(key, manifest, false /* not sales */);
  }

  /** Starts a SALES SUMMARY report fetched from the API for one vendor and date. */
  public Unit sales(String granularity, String vendor, LocalDate reportDate, Instant landedAt) {
    String key =
        "source=sales/report=sales_summary/granularity="
            + granularity
            + "/report_date="
            + reportDate
            + "/vendor="
            + vendor
            + "/landing="
            + attemptId(landedAt)
            + "/";
    ObjectNode manifest = baseManifest("sales", "sales_summary", granularity, landedAt);
    manifest.put("report_name", "SALES SUMMARY");
    manifest.putNull("app_id");
    manifest.put("vendor_number", vendor);
    manifest.put("origin", "api");
    manifest.putNull("processing_date");
    manifest.put("report_date", reportDate.toString());
    manifest.put("report_version", "1_1");
    return new Unit(key, manifest, true /* sales */);
  }

  /** Starts a sales file imported by a user. */
  public Unit salesImport(LocalDate reportDate, String originalFileName, Instant landedAt) {
    String key =
        "source=sales/report=sales_summary/granularity=DAILY/report_date="
            + reportDate
            + "/vendor=import/landing="
            + attemptId(landedAt)
            + "/";
    ObjectNode manifest = baseManifest("sales", "sales_summary", "DAILY", landedAt);
    manifest.put("report_name", "SALES SUMMARY");
    manifest.putNull("app_id");
    manifest.putNull("vendor_number");
    manifest.put("origin", "import");
    manifest.putNull("processing_date");
    manifest.put("report_date", reportDate.toString());
    manifest.put("original_file_name", originalFileName);
    return new Unit(key, manifest, true /* sales */);
  }

  private ObjectNode baseManifest(
      String source, String report, String granularity, Instant landedAt) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("manifest_version", 1);
    manifest.put("source", source);
    manifest.put("report", report);
    manifest.put("granularity", granularity);
    manifest.put("landed_at", landedAt.toString());
    manifest.put("run_id", attemptId(landedAt));
    manifest.put("extractor_version", "0.1.0-SNAPSHOT");
    return manifest;
  }

  private String attemptId(Instant time) {
    attempts++;
    return ATTEMPT_TIME.format(time) + "-" + String.format("%08x", attempts);
  }

  /** Returns the first 16 hex digits of the SHA-256 of {@code text}. */
  static String sha256Prefix(String text) {
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

  /** One unit being landed. */
  public final class Unit {
    private final String key;
    private final ObjectNode manifest;
    private final boolean sales;
    private final List<ObjectNode> files = new ArrayList<>();
    private final TreeSet<LocalDate> metricDates = new TreeSet<>();
    private long rowCount;

    private Unit(String key, ObjectNode manifest, boolean sales) {
      this.key = key;
      this.manifest = manifest;
      this.sales = sales;
    }

    public String key() {
      return key;
    }

    /** Adds a file with the given bytes and data row count, named as the extractor names it. */
    public Unit file(byte[] bytes, long dataRows) {
      String name;
      if (sales && "import".equals(manifest.path("origin").asText())) {
        String original = manifest.path("original_file_name").asText();
        name = sha256Prefix(bytes) + original.substring(original.lastIndexOf('.'));
      } else if (sales) {
        name =
            "report.attempt="
                + attemptId(Instant.parse(manifest.get("landed_at").asText()))
                + ".gz";
      } else {
        String segment = "seg-" + (files.size() + 1);
        name =
            "segment="
                + segment
                + ".attempt="
                + attemptId(Instant.parse(manifest.get("landed_at").asText()))
                + ".gz";
      }
      write(key + name, bytes);

      ObjectNode file = JSON.createObjectNode();
      file.put("path", name);
      file.put("size_bytes", bytes.length);
      file.put("md5", md5(bytes));
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
      return land(files.isEmpty() && sales ? "empty" : "complete");
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
      if (entryDates.isEmpty() && sales) {
        // An empty sales unit gets one entry, for its report date.
        entryDates.add(LocalDate.parse(manifest.get("report_date").asText()));
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

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
