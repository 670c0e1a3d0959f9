package io.appstoreetl.extractor;

import io.appstoreetl.extractor.http.Urls;
import io.appstoreetl.extractor.raw.RawLocation;
import io.appstoreetl.extractor.raw.S3RawSettings;
import io.appstoreetl.extractor.sales.SalesReportType;
import io.appstoreetl.settings.DotEnv;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extractor's settings. Each value comes from the first of: a command-line option, a real
 * environment variable, a {@code .env} file in the working directory ({@code KEY=VALUE} lines,
 * {@code #} comments, optional quotes), or the default.
 */
public final class ExtractorConfig {
  public static final String ASC_ISSUER_ID = "ASC_ISSUER_ID";
  public static final String ASC_KEY_ID = "ASC_KEY_ID";
  public static final String ASC_P8_PATH = "ASC_P8_PATH";
  public static final String APPLE_VENDOR_NUMBER = "APPLE_VENDOR_NUMBER";
  public static final String APP_IDS = "APP_IDS";
  public static final String ASC_API_BASE_URL = "ASC_API_BASE_URL";
  public static final String RAW_ROOT = "RAW_ROOT";
  public static final String FINANCE_REGIONS = "FINANCE_REGIONS";
  public static final String S3_BUCKET = "S3_BUCKET";
  public static final String S3_PREFIX = "S3_PREFIX";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
  public static final String S3_PART_SIZE_MB = "S3_PART_SIZE_MB";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

  /** The consolidated all-regions code of the FINANCIAL report. */
  public static final String DEFAULT_FINANCE_REGION = "ZZ";

  public static final String DEFAULT_API_BASE_URL = "https://api.appstoreconnect.apple.com";
  public static final String DEFAULT_RAW_ROOT = "./lake/raw";
  public static final String DOT_ENV = ".env";

  private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern REPORT_VERSION = Pattern.compile("[0-9]{1,3}_[0-9]{1,3}");
  private static final Pattern REGION_CODE = Pattern.compile("[A-Z0-9]{2}");

  /**
   * Command-line values; {@code null} (or empty for the app ids) where an option was not given.
   *
   * @param allApps whether the run covers every app the key can see, besides any listed
   */
  public record Overrides(
      String rawRoot, String apiBaseUrl, List<String> appIds, boolean sandbox, boolean allApps) {
    public Overrides(String rawRoot, String apiBaseUrl, List<String> appIds, boolean sandbox) {
      this(rawRoot, apiBaseUrl, appIds, sandbox, false);
    }

    public static Overrides none() {
      return new Overrides(null, null, List.of(), false, false);
    }
  }

  private final String issuerId;
  private final String keyId;
  private final Path p8Path;
  private final String vendorNumber;
  private final List<String> appIds;
  private final URI apiBaseUrl;
  private final RawLocation rawRoot;
  private final boolean sandbox;
  private final boolean allApps;
  private final Map<SalesReportType, String> salesVersions;
  private final List<String> financeRegions;

  private ExtractorConfig(
      String issuerId,
      String keyId,
      Path p8Path,
      String vendorNumber,
      List<String> appIds,
      URI apiBaseUrl,
      RawLocation rawRoot,
      boolean sandbox,
      boolean allApps,
      Map<SalesReportType, String> salesVersions,
      List<String> financeRegions) {
    this.issuerId = issuerId;
    this.keyId = keyId;
    this.p8Path = p8Path;
    this.vendorNumber = vendorNumber;
    this.appIds = appIds;
    this.apiBaseUrl = apiBaseUrl;
    this.rawRoot = rawRoot;
    this.sandbox = sandbox;
    this.allApps = allApps;
    this.salesVersions = salesVersions;
    this.financeRegions = financeRegions;
  }

  /**
   * Resolves the settings of an {@code extract} or {@code backfill} run. Without {@code APP_IDS} or
   * {@code --app-id} the run covers every app the key can see.
   *
   * @param environment the process environment ({@code System.getenv()} in production)
   * @param workingDirectory where {@code .env} is read and relative paths start
   * @throws ConfigException naming every missing variable at once, or the first invalid value
   */
  public static ExtractorConfig load(
      Map<String, String> environment, Path workingDirectory, Overrides overrides)
      throws ConfigException {
    Map<String, String> settings = settings(environment, workingDirectory);

    List<String> missing = new ArrayList<>();
    for (String name : List.of(ASC_ISSUER_ID, ASC_KEY_ID, ASC_P8_PATH, APPLE_VENDOR_NUMBER)) {
      if (isBlank(settings.get(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "Cannot configure the extractor: missing "
              + String.join(", ", missing)
              + " (set them in the environment or in "
              + workingDirectory.resolve(DOT_ENV)
              + ")");
    }

    String vendorNumber = settings.get(APPLE_VENDOR_NUMBER).trim();
    if (!NUMERIC_ID.matcher(vendorNumber).matches()) {
      throw new ConfigException(
          "Invalid " + APPLE_VENDOR_NUMBER + ": " + vendorNumber + " (expected 1 to 20 digits)");
    }

    List<String> appIds;
    if (!overrides.appIds().isEmpty()) {
      appIds = appIds("--app-id", overrides.appIds());
    } else if (!isBlank(settings.get(APP_IDS))) {
      appIds = appIds(APP_IDS, List.of(settings.get(APP_IDS).split(",", -1)));
    } else {
      appIds = List.of();
    }
    String baseUrlText =
        overrides.apiBaseUrl() != null
            ? overrides.apiBaseUrl()
            : settings.getOrDefault(ASC_API_BASE_URL, DEFAULT_API_BASE_URL);
    URI apiBaseUrl = apiBaseUrl(baseUrlText.trim(), overrides.sandbox());

    return new ExtractorConfig(
        settings.get(ASC_ISSUER_ID).trim(),
        settings.get(ASC_KEY_ID).trim(),
        workingDirectory.resolve(settings.get(ASC_P8_PATH).trim()),
        vendorNumber,
        appIds,
        apiBaseUrl,
        rawLocation(settings, workingDirectory, overrides.rawRoot()),
        overrides.sandbox(),
        overrides.allApps() || appIds.isEmpty(),
        salesVersions(settings),
        financeRegions(settings));
  }

  private static Map<SalesReportType, String> salesVersions(Map<String, String> settings)
      throws ConfigException {
    Map<SalesReportType, String> versions = new EnumMap<>(SalesReportType.class);
    for (SalesReportType type : SalesReportType.values()) {
      String value = settings.get(type.versionSetting());
      if (isBlank(value)) {
        versions.put(type, type.defaultVersion());
        continue;
      }

      String version = value.trim();
      if (!REPORT_VERSION.matcher(version).matches()) {
        throw new ConfigException(
            "Invalid "
                + type.versionSetting()
                + ": "
                + version
                + " (expected a Sales and Trends report version such as "
                + type.defaultVersion()
                + ")");
      }
      versions.put(type, version);
    }

    return Map.copyOf(versions);
  }

  private static List<String> financeRegions(Map<String, String> settings) throws ConfigException {
    String text = settings.getOrDefault(FINANCE_REGIONS, DEFAULT_FINANCE_REGION);
    Set<String> regions = new LinkedHashSet<>();
    for (String value : text.split(",", -1)) {
      String region = value.trim();
      if (region.isEmpty()) {
        continue;
      }
      if (!REGION_CODE.matcher(region).matches()) {
        throw new ConfigException(
            "Invalid "
                + FINANCE_REGIONS
                + ": "
                + region
                + " (expected region codes such as ZZ or EU, comma-separated)");
      }
      regions.add(region);
    }

    return List.copyOf(regions);
  }

  /**
   * Returns the settings from {@code .env} in {@code workingDirectory} (if present) overlaid with
   * the environment, whose values win.
   */
  public static Map<String, String> settings(Map<String, String> environment, Path workingDirectory)
      throws ConfigException {
    Map<String, String> settings = new HashMap<>(readDotEnv(workingDirectory.resolve(DOT_ENV)));
    environment.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            settings.put(name, value);
          }
        });

    return settings;
  }

  /**
   * Returns the raw root: the option, else {@code RAW_ROOT}, else {@code
   * s3://<S3_BUCKET>/<S3_PREFIX>/raw} when {@code S3_BUCKET} is set, else {@code ./lake/raw}. An
   * {@code s3://} root also reads {@code AWS_REGION} (required), {@code S3_ENDPOINT_URL}, {@code
   * S3_PART_SIZE_MB} and the {@code AWS_*} credentials (without them, the SDK's default chain).
   */
  public static RawLocation rawLocation(
      Map<String, String> settings, Path workingDirectory, String override) throws ConfigException {
    String text;
    if (override != null) {
      text = override.trim();
    } else if (!isBlank(settings.get(RAW_ROOT))) {
      text = settings.get(RAW_ROOT).trim();
    } else if (!isBlank(settings.get(S3_BUCKET))) {
      String prefix = settings.getOrDefault(S3_PREFIX, "").trim();
      while (prefix.startsWith("/")) {
        prefix = prefix.substring(1);
      }
      while (prefix.endsWith("/")) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
      text =
          "s3://"
              + settings.get(S3_BUCKET).trim()
              + "/"
              + (prefix.isEmpty() ? "" : prefix + "/")
              + "raw";
    } else {
      text = DEFAULT_RAW_ROOT;
    }

    if (S3RawSettings.isS3Uri(text)) {
      return new RawLocation(null, s3RawSettings(settings, text));
    }
    if (text.isEmpty() || text.contains("://")) {
      throw new ConfigException(
          "Invalid raw root: " + text + " (expected a local folder or s3://bucket/prefix)");
    }

    return new RawLocation(workingDirectory.resolve(text).normalize(), null);
  }

  private static S3RawSettings s3RawSettings(Map<String, String> settings, String uri)
      throws ConfigException {
    String[] bucketAndPrefix;
    try {
      bucketAndPrefix = S3RawSettings.parseUri(uri);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    String region = settings.get(AWS_REGION);
    if (isBlank(region)) {
      throw new ConfigException(
          "Cannot write the raw zone to "
              + uri
              + ": missing "
              + AWS_REGION
              + " (set it in the environment or in .env, e.g. us-east-1)");
    }

    URI endpoint = null;
    String endpointText = settings.get(S3_ENDPOINT_URL);
    if (!isBlank(endpointText)) {
      endpoint = s3Endpoint(endpointText.trim());
    }

    int partSizeMb = S3RawSettings.DEFAULT_PART_SIZE_MB;
    String partSizeText = settings.get(S3_PART_SIZE_MB);
    if (!isBlank(partSizeText)) {
      try {
        partSizeMb = Integer.parseInt(partSizeText.trim());
      } catch (NumberFormatException e) {
        partSizeMb = -1;
      }
      if (partSizeMb < 5 || partSizeMb > S3RawSettings.MAX_PART_SIZE_MB) {
        throw new ConfigException(
            "Invalid "
                + S3_PART_SIZE_MB
                + ": "
                + partSizeText.trim()
                + " (expected a whole number of MiB from 5, the S3 minimum, to "
                + S3RawSettings.MAX_PART_SIZE_MB
                + ")");
      }
    }

    String accessKeyId = blankToNull(settings.get(AWS_ACCESS_KEY_ID));
    String secretAccessKey = blankToNull(settings.get(AWS_SECRET_ACCESS_KEY));
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new ConfigException(
          "Invalid AWS credentials: set both "
              + AWS_ACCESS_KEY_ID
              + " and "
              + AWS_SECRET_ACCESS_KEY
              + ", or neither to use the SDK's default credentials chain");
    }

    return new S3RawSettings(
        bucketAndPrefix[0],
        bucketAndPrefix[1],
        region.trim(),
        endpoint,
        partSizeMb * 1024 * 1024,
        accessKeyId,
        secretAccessKey,
        accessKeyId == null ? null : blankToNull(settings.get(AWS_SESSION_TOKEN)));
  }

  /** Accepts an http or https URL of a host, with no path, query or fragment. */
  static URI s3Endpoint(String text) throws ConfigException {
    String expected = " (expected http://host:port or https://host of an S3-compatible server)";
    URI url;
    try {
      url = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid " + S3_ENDPOINT_URL + ": " + text + expected);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean valid =
        (scheme.equals("http") || scheme.equals("https"))
            && url.getHost() != null
            && (url.getRawPath() == null
                || url.getRawPath().isEmpty()
                || url.getRawPath().equals("/"))
            && url.getRawQuery() == null
            && url.getRawFragment() == null;
    if (!valid) {
      throw new ConfigException("Invalid " + S3_ENDPOINT_URL + ": " + text + expected);
    }

    return url;
  }

  private static String blankToNull(String value) {
    return isBlank(value) ? null : value.trim();
  }

  /**
   * Reads a {@code .env} file (see {@link DotEnv}); a missing file gives no settings. Values are
   * never echoed.
   */
  public static Map<String, String> readDotEnv(Path file) throws ConfigException {
    try {
      return DotEnv.read(file);
    } catch (DotEnv.DotEnvException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static List<String> appIds(String source, List<String> values) throws ConfigException {
    Set<String> ids = new LinkedHashSet<>();
    for (String value : values) {
      String id = value.trim();
      if (id.isEmpty()) {
        continue;
      }
      if (!NUMERIC_ID.matcher(id).matches()) {
        throw new ConfigException(
            "Invalid " + source + ": " + id + " (expected numeric Apple app ids, comma-separated)");
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      throw new ConfigException("Invalid " + source + ": no app id (expected e.g. 1000000001)");
    }

    return List.copyOf(ids);
  }

  /** Accepts https, and http only on a loopback host in sandbox mode; TLS is never relaxed. */
  static URI apiBaseUrl(String text, boolean sandbox) throws ConfigException {
    String expected = "expected https://host, or http://<loopback host> with --sandbox";
    URI url;
    try {
      url = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Invalid " + ASC_API_BASE_URL + ": " + text + " (" + expected + ")");
    }

    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean valid =
        url.getHost() != null
            && url.getRawQuery() == null
            && url.getRawFragment() == null
            && (scheme.equals("https")
                || (scheme.equals("http") && sandbox && Urls.isLoopbackHost(url.getHost())));
    if (!valid) {
      throw new ConfigException(
          "Invalid " + ASC_API_BASE_URL + ": " + text + " (" + expected + ")");
    }

    return url;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  public String issuerId() {
    return issuerId;
  }

  public String keyId() {
    return keyId;
  }

  public Path p8Path() {
    return p8Path;
  }

  public String vendorNumber() {
    return vendorNumber;
  }

  public List<String> appIds() {
    return appIds;
  }

  public URI apiBaseUrl() {
    return apiBaseUrl;
  }

  /** Returns the raw zone's local folder, or null when it is on S3. */
  public Path rawRoot() {
    return rawRoot.folder();
  }

  public RawLocation rawLocation() {
    return rawRoot;
  }

  public boolean sandbox() {
    return sandbox;
  }

  /** Returns whether the run covers every app the key can see ({@code --all-apps} or no ids). */
  public boolean allApps() {
    return allApps;
  }

  /** Returns the {@code filter[version]} of each Sales and Trends report type. */
  public Map<SalesReportType, String> salesVersions() {
    return salesVersions;
  }

  /** Returns the region codes of the FINANCIAL report; an empty list turns FINANCIAL off. */
  public List<String> financeRegions() {
    return financeRegions;
  }
}
