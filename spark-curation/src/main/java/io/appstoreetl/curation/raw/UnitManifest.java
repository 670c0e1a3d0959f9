package io.appstoreetl.curation.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a unit's {@code manifest.json} that curation uses.
 *
 * <p>{@link #parse} checks them against the raw-zone contract (manifest version 1) and rejects a
 * manifest that breaks it, because curating from a misread manifest could silently replace good
 * rows.
 */
public record UnitManifest(
    String unitKey,
    String source,
    String report,
    String granularity,
    Long appId,
    String vendorNumber,
    String origin,
    String instanceId,
    LocalDate processingDate,
    LocalDate reportDate,
    Status status,
    List<String> files,
    Instant landedAt)
    implements Serializable {

  /** Manifest file name inside a unit folder. */
  public static final String FILE_NAME = "manifest.json";

  private static final int SUPPORTED_VERSION = 1;
  private static final Set<String> GRANULARITIES = Set.of("DAILY", "WEEKLY", "MONTHLY");
  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A unit's landing status. Only complete and empty units are curated. */
  public enum Status {
    COMPLETE,
    EMPTY,
    PENDING,
    UNAVAILABLE;

    public boolean isCurated() {
      return this == COMPLETE || this == EMPTY;
    }
  }

  public UnitManifest {
    files = List.copyOf(files);
  }

  /** Returns the report this job curates from this unit, or empty for another report. */
  public Optional<ReportKind> kind() {
    return ReportKind.fromSlug(report);
  }

  /** True for a Sales and Trends file a user imported rather than one fetched from the API. */
  public boolean isImport() {
    return "import".equals(origin);
  }

  /**
   * Parses the manifest of the unit folder {@code unitKey} (ending in {@code /}).
   *
   * @throws RawZoneException if the JSON is malformed, the version is not 1, or a field the
   *     contract requires is missing or invalid
   */
  public static UnitManifest parse(String unitKey, String json) {
    String where = unitKey + FILE_NAME;
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RawZoneException("Invalid manifest " + where + ": " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new RawZoneException("Invalid manifest " + where + ": not a JSON object");
    }

    Fields fields = new Fields(where, node);
    int version = fields.intValue("manifest_version");
    if (version != SUPPORTED_VERSION) {
      throw new RawZoneException(
          "Invalid manifest "
              + where
              + ": manifest_version "
              + version
              + " (expected "
              + SUPPORTED_VERSION
              + ")");
    }

    String source = fields.oneOf("source", Set.of("analytics", "sales"));
    String granularity = fields.oneOf("granularity", GRANULARITIES);
    String statusText =
        fields.oneOf("status", Set.of("complete", "empty", "pending", "unavailable"));
    String origin = fields.optionalText("origin");
    if (origin == null) {
      origin = "api";
    } else if (!origin.equals("api") && !origin.equals("import")) {
      throw fields.invalid("origin", origin, "api or import");
    }

    boolean analytics = source.equals("analytics");
    String report = fields.text("report");
    Optional<ReportKind> kind = ReportKind.fromSlug(report);
    if (kind.isPresent() && kind.get().isSales() == analytics) {
      throw fields.invalid("report", report, "a report of source " + source);
    }
    String appIdText = analytics ? fields.text("app_id") : fields.optionalText("app_id");
    if (appIdText != null && !NUMERIC_ID.matcher(appIdText).matches()) {
      throw fields.invalid("app_id", appIdText, "1 to 20 digits");
    }
    String vendorNumber = fields.optionalText("vendor_number");
    if (vendorNumber != null && !NUMERIC_ID.matcher(vendorNumber).matches()) {
      throw fields.invalid("vendor_number", vendorNumber, "1 to 20 digits");
    }

    return new UnitManifest(
        unitKey,
        source,
        report,
        granularity,
        appIdText == null ? null : Long.valueOf(appIdText),
        vendorNumber,
        origin,
        analytics ? fields.text("instance_id") : fields.optionalText("instance_id"),
        analytics ? fields.date("processing_date") : fields.optionalDate("processing_date"),
        analytics ? fields.optionalDate("report_date") : fields.date("report_date"),
        Status.valueOf(statusText.toUpperCase(Locale.ROOT)),
        fields.filePaths(),
        fields.instant("landed_at"));
  }

  /** Reads typed fields of one manifest, naming the manifest and the field in every error. */
  private static final class Fields {
    private final String where;
    private final JsonNode node;

    Fields(String where, JsonNode node) {
      this.where = where;
      this.node = node;
    }

    int intValue(String name) {
      JsonNode value = node.get(name);
      if (value == null || !value.isInt()) {
        throw invalid(name, value == null ? "missing" : value.toString(), "an integer");
      }
      return value.intValue();
    }

    String text(String name) {
      String value = optionalText(name);
      if (value == null) {
        throw new RawZoneException("Invalid manifest " + where + ": " + name + " is missing");
      }
      return value;
    }

    String optionalText(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual() || value.textValue().isEmpty()) {
        throw invalid(name, value.toString(), "a non-empty string");
      }
      return value.textValue();
    }

    String oneOf(String name, Set<String> allowed) {
      String value = text(name);
      if (!allowed.contains(value)) {
        throw invalid(name, value, "one of " + allowed.stream().sorted().toList());
      }
      return value;
    }

    LocalDate date(String name) {
      return parseDate(name, text(name));
    }

    LocalDate optionalDate(String name) {
      String value = optionalText(name);
      return value == null ? null : parseDate(name, value);
    }

    Instant instant(String name) {
      String value = text(name);
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(name, value, "an ISO-8601 UTC time such as 2025-01-10T06:15:03.456Z");
      }
    }

    List<String> filePaths() {
      JsonNode files = node.get("files");
      if (files == null || files.isNull()) {
        return List.of();
      }
      if (!files.isArray()) {
        throw invalid("files", files.toString(), "an array");
      }

      List<String> paths = new ArrayList<>();
      for (JsonNode file : files) {
        JsonNode path = file.get("path");
        if (path == null || !path.isTextual() || !isRelativeFileName(path.textValue())) {
          throw invalid(
              "files[].path",
              path == null ? "missing" : path.toString(),
              "a file name relative to the unit folder");
        }
        paths.add(path.textValue());
      }
      return paths;
    }

    RawZoneException invalid(String name, String value, String expected) {
      return new RawZoneException(
          "Invalid manifest " + where + ": " + name + " " + value + " (expected " + expected + ")");
    }

    private LocalDate parseDate(String name, String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(name, value, "YYYY-MM-DD");
      }
    }

    private static boolean isRelativeFileName(String path) {
      if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains(":")) {
        return false;
      }
      for (String segment : path.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          return false;
        }
      }
      return true;
    }
  }
}
