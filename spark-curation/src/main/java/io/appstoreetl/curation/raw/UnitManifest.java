package io.appstoreetl.curation.raw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.curation.raw.ReportKind.Source;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a unit's {@code manifest.json} that curation uses.
 *
 * <p>{@link #parse} checks them against the raw-zone contract (manifest version 1) and rejects a
 * manifest that breaks it, because curating from a misread manifest could silently replace good
 * rows. Fields that do not apply to a source are null.
 *
 * @param fiscalMonth finance: Apple's fiscal month the report was fetched for
 * @param fetchedDate reviews and apps: the UTC date of the fetch
 * @param originalFileName imports: the name of the file the user imported
 * @param metricDates the distinct metric dates of the unit's rows, as the manifest lists them
 * @param appleAds Apple Ads units: the organisation, campaign and date range; null for other
 *     sources
 */
public record UnitManifest(
    String unitKey,
    Source source,
    String report,
    String granularity,
    Long appId,
    String vendorNumber,
    String origin,
    String instanceId,
    LocalDate processingDate,
    LocalDate reportDate,
    String region,
    YearMonth fiscalMonth,
    LocalDate fetchedDate,
    String originalFileName,
    Status status,
    List<ManifestFile> files,
    Instant landedAt,
    List<LocalDate> metricDates,
    AppleAdsScope appleAds)
    implements Serializable {

  /** Manifest file name inside a unit folder. */
  public static final String FILE_NAME = "manifest.json";

  private static final int SUPPORTED_VERSION = 1;
  private static final Set<String> GRANULARITIES = Set.of("DAILY", "WEEKLY", "MONTHLY");
  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern REGION = Pattern.compile("[A-Z0-9]{2}");
  private static final Pattern CAMPAIGN_ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
  // Apple names downloaded Sales and Trends files S_<frequency>_<vendor number>_<date>, such as
  // S_D_80000001_20150228.txt.
  private static final Pattern APPLE_SALES_FILE_NAME =
      Pattern.compile("S_[DWMY]_([0-9]{1,20})_[0-9]{4,8}(\\..*)?");
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

  /**
   * One file of a unit, with the MD5 (hex) and size the manifest records; both may be null when the
   * manifest leaves them out.
   */
  public record ManifestFile(String path, String md5, Long sizeBytes) implements Serializable {}

  /**
   * What an Apple Ads unit covers.
   *
   * @param orgId the Apple Ads organisation
   * @param campaignId search terms: the campaign the report covers; null for a campaign listing
   * @param startDate search terms: the first day of the requested range, in {@code timeZone}
   * @param endDate search terms: the last day of the requested range, included
   * @param timeZone the ad account's time zone, in which Apple dates the rows; null when the
   *     manifest leaves it out
   */
  public record AppleAdsScope(
      String orgId, Long campaignId, LocalDate startDate, LocalDate endDate, String timeZone)
      implements Serializable {

    /** True when the unit's requested range includes {@code date}. */
    public boolean covers(LocalDate date) {
      return startDate != null
          && endDate != null
          && !date.isBefore(startDate)
          && !date.isAfter(endDate);
    }
  }

  public UnitManifest {
    files = List.copyOf(files);
    metricDates = List.copyOf(metricDates);
  }

  /** Returns the kind this job curates from this unit, or empty for a report it does not curate. */
  public Optional<ReportKind> kind() {
    return report == null ? ReportKind.ofPageSource(source) : ReportKind.fromSlug(report);
  }

  /** True for a Sales and Trends file a user imported rather than one fetched from the API. */
  public boolean isImport() {
    return "import".equals(origin);
  }

  /**
   * Returns the vendor number of an imported file whose original name is Apple's {@code
   * S_D_<vendor>_<yyyymmdd>} form, or null.
   */
  public String importVendorNumber() {
    if (!isImport() || originalFileName == null) {
      return null;
    }
    Matcher matcher = APPLE_SALES_FILE_NAME.matcher(originalFileName);

    return matcher.matches() ? matcher.group(1) : null;
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

    String sourceText = fields.oneOf("source", sourceKeys());
    Source source = Source.fromKey(sourceText).orElseThrow();
    String statusText =
        fields.oneOf("status", Set.of("complete", "empty", "pending", "unavailable"));
    String origin = fields.optionalText("origin");
    if (origin == null) {
      origin = "api";
    } else if (!origin.equals("api") && !origin.equals("import")) {
      throw fields.invalid("origin", origin, "api or import");
    }

    boolean reportFiles = source == Source.ANALYTICS || source == Source.SALES;
    boolean appleAds = source == Source.APPLE_ADS;
    String report =
        reportFiles || source == Source.FINANCE || appleAds
            ? fields.text("report")
            : fields.optionalText("report");
    Optional<ReportKind> kind = ReportKind.fromSlug(report);
    if (kind.isPresent() && kind.get().source() != source) {
      throw fields.invalid("report", report, "a report of source " + sourceText);
    }
    if (source == Source.REVIEWS || source == Source.APPS) {
      // Page sources need no slug; whatever the manifest writes there does not select a kind.
      report = null;
    }

    String granularity =
        reportFiles
            ? fields.oneOf("granularity", GRANULARITIES)
            : fields.optionalOneOf("granularity", GRANULARITIES);
    if (granularity == null && source == Source.FINANCE) {
      granularity = "MONTHLY";
    }

    boolean analytics = source == Source.ANALYTICS;
    boolean searchTerms = kind.isPresent() && kind.get() == ReportKind.APPLE_ADS_SEARCH_TERMS;
    boolean needsApp = analytics || source == Source.REVIEWS || searchTerms;
    String appIdText = needsApp ? fields.text("app_id") : fields.optionalText("app_id");
    if (appIdText != null && !NUMERIC_ID.matcher(appIdText).matches()) {
      throw fields.invalid("app_id", appIdText, "1 to 20 digits");
    }
    String vendorNumber = fields.optionalText("vendor_number");
    if (vendorNumber != null && !NUMERIC_ID.matcher(vendorNumber).matches()) {
      throw fields.invalid("vendor_number", vendorNumber, "1 to 20 digits");
    }
    String region = source == Source.FINANCE ? fields.text("region") : null;
    if (region != null && !REGION.matcher(region).matches()) {
      throw fields.invalid("region", region, "two letters or digits, such as ZZ");
    }
    boolean pages = source == Source.REVIEWS || source == Source.APPS || appleAds;
    AppleAdsScope appleAdsScope = appleAds ? fields.appleAdsScope(searchTerms) : null;

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
        source == Source.SALES ? fields.date("report_date") : fields.optionalDate("report_date"),
        region,
        source == Source.FINANCE ? fields.yearMonth("fiscal_month") : null,
        pages ? fields.date("fetched_date") : fields.optionalDate("fetched_date"),
        fields.optionalText("original_file_name"),
        Status.valueOf(statusText.toUpperCase(Locale.ROOT)),
        fields.files(),
        fields.instant("landed_at"),
        fields.dates("metric_dates"),
        appleAdsScope);
  }

  private static Set<String> sourceKeys() {
    Set<String> keys = new TreeSet<>();
    for (Source source : Source.values()) {
      keys.add(source.key());
    }
    return keys;
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

    String optionalOneOf(String name, Set<String> allowed) {
      return optionalText(name) == null ? null : oneOf(name, allowed);
    }

    LocalDate date(String name) {
      return parseDate(name, text(name));
    }

    LocalDate optionalDate(String name) {
      String value = optionalText(name);
      return value == null ? null : parseDate(name, value);
    }

    YearMonth yearMonth(String name) {
      String value = text(name);
      try {
        return YearMonth.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(name, value, "YYYY-MM");
      }
    }

    Instant instant(String name) {
      String value = text(name);
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(name, value, "an ISO-8601 UTC time such as 2025-01-10T06:15:03.456Z");
      }
    }

    List<LocalDate> dates(String name) {
      JsonNode values = node.get(name);
      if (values == null || values.isNull()) {
        return List.of();
      }
      if (!values.isArray()) {
        throw invalid(name, values.toString(), "an array of YYYY-MM-DD dates");
      }
      List<LocalDate> dates = new ArrayList<>();
      for (JsonNode value : values) {
        if (!value.isTextual()) {
          throw invalid(name, values.toString(), "an array of YYYY-MM-DD dates");
        }
        dates.add(parseDate(name, value.textValue()));
      }
      return dates;
    }

    List<ManifestFile> files() {
      JsonNode files = node.get("files");
      if (files == null || files.isNull()) {
        return List.of();
      }
      if (!files.isArray()) {
        throw invalid("files", files.toString(), "an array");
      }

      List<ManifestFile> result = new ArrayList<>();
      for (JsonNode file : files) {
        JsonNode path = file.get("path");
        if (path == null || !path.isTextual() || !isRelativeFileName(path.textValue())) {
          throw invalid(
              "files[].path",
              path == null ? "missing" : path.toString(),
              "a file name relative to the unit folder");
        }
        JsonNode md5 = file.get("md5");
        String md5Text = md5 == null || md5.isNull() ? null : md5.asText();
        if (md5Text != null && !MD5.matcher(md5Text).matches()) {
          throw invalid("files[].md5", md5.toString(), "32 hex digits");
        }
        JsonNode size = file.get("size_bytes");
        Long sizeBytes = size != null && size.canConvertToLong() ? size.longValue() : null;
        result.add(
            new ManifestFile(
                path.textValue(),
                md5Text == null ? null : md5Text.toLowerCase(Locale.ROOT),
                sizeBytes));
      }
      return result;
    }

    /**
     * Reads the Apple Ads fields; a search-terms unit needs its campaign and a date range whose
     * start is not after its end.
     */
    AppleAdsScope appleAdsScope(boolean searchTerms) {
      String orgId = text("org_id");
      if (!NUMERIC_ID.matcher(orgId).matches()) {
        throw invalid("org_id", orgId, "1 to 20 digits");
      }
      String campaignText = searchTerms ? text("campaign_id") : optionalText("campaign_id");
      Long campaignId = null;
      if (campaignText != null) {
        // campaign_id is a BIGINT column; 18 digits always fit in one.
        if (!CAMPAIGN_ID.matcher(campaignText).matches()) {
          throw invalid("campaign_id", campaignText, "1 to 18 digits");
        }
        campaignId = Long.valueOf(campaignText);
      }
      LocalDate start = searchTerms ? date("start_date") : optionalDate("start_date");
      LocalDate end = searchTerms ? date("end_date") : optionalDate("end_date");
      if (start != null && end != null && start.isAfter(end)) {
        throw invalid("end_date", end.toString(), "a date not before start_date " + start);
      }

      return new AppleAdsScope(orgId, campaignId, start, end, optionalText("time_zone"));
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
