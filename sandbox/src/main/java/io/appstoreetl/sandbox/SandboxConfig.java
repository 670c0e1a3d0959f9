package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.sales.SalesSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of a sandbox: its seeded data, its simulated calendar and its fault switches. Immutable;
 * build one with {@link #builder()}.
 *
 * <p>Everything the sandbox serves is derived from these values, so two sandboxes with equal
 * settings serve the same ids and file bytes.
 *
 * <p>Volumes: {@link Builder#downloadRowsPerDay(int)}, {@link Builder#engagementRowsPerDay(int)},
 * {@link Builder#analyticsRowsPerDay(String, int)} for every other analytics report, {@link
 * Builder#reviewsPerDay(int)} and {@link Builder#hugeSegmentBytes(long)}.
 *
 * <p>Apple's limits and versions: {@link Builder#rateLimitPerHour(int)}, {@link
 * Builder#rateLimitPerMinute(int)}, {@link Builder#rateLimitRetryAfter(RetryAfterFormat)}, {@link
 * Builder#salesReportVersion(String, String)}, {@link Builder#salesPublicationDelayDays(int)} and
 * {@link Builder#salesRetentionDays(int)}.
 *
 * <p>Fault switches for tests: {@link Builder#corruptFirstDownloadsPerSegment(int)}, {@link
 * Builder#ongoingRequestsAtStart(boolean)}, {@link Builder#firstInstanceDelayDays(int)}, {@link
 * Builder#apiResponseDelay(Duration)}, {@link Builder#multiMemberGzip(boolean)}, {@link
 * Builder#financeAccess(boolean)}, {@link Builder#requestListingForbidden(boolean)} and {@link
 * Builder#clock(Clock)}. {@link SandboxFaults} changes most of them while the sandbox runs.
 */
public final class SandboxConfig {

  /** The Sales and Trends report types the sandbox generates rows for. */
  static final List<String> SALES_TYPES = SalesSettings.GENERATED_TYPES;

  // Apple's table lists 1_0 for SALES, and clients report that the subscription reports demand
  // 1_4.
  private static final Map<String, String> DEFAULT_SALES_VERSIONS =
      Map.of(
          "SALES", "1_0", "SUBSCRIPTION", "1_4", "SUBSCRIPTION_EVENT", "1_4", "SUBSCRIBER", "1_4");

  private static final long MAX_HUGE_SEGMENT_BYTES = 64L * 1024 * 1024 * 1024;

  private final long seed;
  private final int appCount;
  private final String vendorNumber;
  private final LocalDate today;
  private final LocalDate historyStart;
  private final int restatementDays;
  private final int downloadRowsPerDay;
  private final int engagementRowsPerDay;
  private final int maxRowsPerSegment;
  private final Duration downloadUrlTtl;
  private final int port;
  private final int rateLimitPerHour;
  private final boolean ongoingRequestsAtStart;
  private final int firstInstanceDelayDays;
  private final int corruptFirstDownloadsPerSegment;
  private final long segmentCacheBytes;
  private final Clock clock;
  private final Map<String, Integer> analyticsRowsPerDay;
  private final int reviewsPerDay;
  private final Map<String, String> salesReportVersions;
  private final int salesPublicationDelayDays;
  private final int salesRetentionDays;
  private final int rateLimitPerMinute;
  private final RetryAfterFormat rateLimitRetryAfter;
  private final Duration apiResponseDelay;
  private final boolean multiMemberGzip;
  private final boolean financeAccess;
  private final boolean requestListingForbidden;
  private final long hugeSegmentBytes;
  private final String hugeSegmentAppId;
  private final String hugeSegmentReport;
  private final int handlerThreads;
  private final int appleAdsMaxPageSize;
  private final Duration appleAdsTokenLifetime;

  private SandboxConfig(Builder builder, LocalDate today, LocalDate historyStart) {
    this.seed = builder.seed;
    this.appCount = builder.appCount;
    this.vendorNumber = builder.vendorNumber;
    this.today = today;
    this.historyStart = historyStart;
    this.restatementDays = builder.restatementDays;
    this.downloadRowsPerDay = builder.downloadRowsPerDay;
    this.engagementRowsPerDay = builder.engagementRowsPerDay;
    this.maxRowsPerSegment = builder.maxRowsPerSegment;
    this.downloadUrlTtl = builder.downloadUrlTtl;
    this.port = builder.port;
    this.rateLimitPerHour = builder.rateLimitPerHour;
    this.ongoingRequestsAtStart = builder.ongoingRequestsAtStart;
    this.firstInstanceDelayDays = builder.firstInstanceDelayDays;
    this.corruptFirstDownloadsPerSegment = builder.corruptFirstDownloadsPerSegment;
    this.segmentCacheBytes = builder.segmentCacheBytes;
    this.clock = builder.clock;

    this.analyticsRowsPerDay = Map.copyOf(builder.analyticsRowsPerDay);
    this.reviewsPerDay = builder.reviewsPerDay;
    this.salesReportVersions = Map.copyOf(builder.salesReportVersions);
    this.salesPublicationDelayDays = builder.salesPublicationDelayDays;
    this.salesRetentionDays = builder.salesRetentionDays;
    this.rateLimitPerMinute = builder.rateLimitPerMinute;
    this.rateLimitRetryAfter = builder.rateLimitRetryAfter;
    this.apiResponseDelay = builder.apiResponseDelay;
    this.multiMemberGzip = builder.multiMemberGzip;
    this.financeAccess = builder.financeAccess;
    this.requestListingForbidden = builder.requestListingForbidden;
    this.hugeSegmentBytes = builder.hugeSegmentBytes;
    this.hugeSegmentAppId =
        builder.hugeSegmentAppId != null ? builder.hugeSegmentAppId : appIds().get(0);
    this.hugeSegmentReport = builder.hugeSegmentReport;
    this.handlerThreads = builder.handlerThreads;
    this.appleAdsMaxPageSize = builder.appleAdsMaxPageSize;
    this.appleAdsTokenLifetime = builder.appleAdsTokenLifetime;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this configuration's values. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.seed = seed;
    builder.appCount = appCount;
    builder.vendorNumber = vendorNumber;
    builder.today = today;
    builder.historyStart = historyStart;
    builder.restatementDays = restatementDays;
    builder.downloadRowsPerDay = downloadRowsPerDay;
    builder.engagementRowsPerDay = engagementRowsPerDay;
    builder.maxRowsPerSegment = maxRowsPerSegment;
    builder.downloadUrlTtl = downloadUrlTtl;
    builder.port = port;
    builder.rateLimitPerHour = rateLimitPerHour;
    builder.ongoingRequestsAtStart = ongoingRequestsAtStart;
    builder.firstInstanceDelayDays = firstInstanceDelayDays;
    builder.corruptFirstDownloadsPerSegment = corruptFirstDownloadsPerSegment;
    builder.segmentCacheBytes = segmentCacheBytes;
    builder.clock = clock;

    builder.analyticsRowsPerDay.putAll(analyticsRowsPerDay);
    builder.reviewsPerDay = reviewsPerDay;
    builder.salesReportVersions.putAll(salesReportVersions);
    builder.salesPublicationDelayDays = salesPublicationDelayDays;
    builder.salesRetentionDays = salesRetentionDays;
    builder.rateLimitPerMinute = rateLimitPerMinute;
    builder.rateLimitRetryAfter = rateLimitRetryAfter;
    builder.apiResponseDelay = apiResponseDelay;
    builder.multiMemberGzip = multiMemberGzip;
    builder.financeAccess = financeAccess;
    builder.requestListingForbidden = requestListingForbidden;
    builder.hugeSegmentBytes = hugeSegmentBytes;
    builder.hugeSegmentAppId = hugeSegmentAppId;
    builder.hugeSegmentReport = hugeSegmentReport;
    builder.handlerThreads = handlerThreads;
    builder.appleAdsMaxPageSize = appleAdsMaxPageSize;
    builder.appleAdsTokenLifetime = appleAdsTokenLifetime;
    return builder;
  }

  /** Returns the seed of every id and value the sandbox generates. */
  public long seed() {
    return seed;
  }

  public int appCount() {
    return appCount;
  }

  /** Returns the Apple IDs of the apps: {@code 1000000001}, {@code 1000000002}, ... */
  public List<String> appIds() {
    return AppCatalog.appIds(appCount);
  }

  /** Returns the vendor number that {@code filter[vendorNumber]} of a sales report must name. */
  public String vendorNumber() {
    return vendorNumber;
  }

  /** Returns the simulated day at start, Apple's "today" up to which data exists. */
  public LocalDate today() {
    return today;
  }

  /** Returns the first metric date that has data. */
  public LocalDate historyStart() {
    return historyStart;
  }

  /**
   * Returns the metric dates per DAILY instance: instance {@code P} contains {@code P-1 ..
   * P-restatementDays}.
   */
  public int restatementDays() {
    return restatementDays;
  }

  /** Returns the rows per app and metric date of {@code App Downloads Standard}. */
  public int downloadRowsPerDay() {
    return downloadRowsPerDay;
  }

  /** Returns the rows per app and metric date of App Store Discovery and Engagement Standard. */
  public int engagementRowsPerDay() {
    return engagementRowsPerDay;
  }

  /** Returns the data rows per segment file; an instance with more rows gets more segments. */
  public int maxRowsPerSegment() {
    return maxRowsPerSegment;
  }

  /** Returns how long a segment URL stays valid after the segments call that returned it. */
  public Duration downloadUrlTtl() {
    return downloadUrlTtl;
  }

  /** Returns the port on 127.0.0.1, where 0 picks a free port. */
  public int port() {
    return port;
  }

  /** Returns the API calls per key in a rolling hour before 429 {@code RATE_LIMIT_EXCEEDED}. */
  public int rateLimitPerHour() {
    return rateLimitPerHour;
  }

  /** Returns whether every app starts with an ONGOING analytics report request. */
  public boolean ongoingRequestsAtStart() {
    return ongoingRequestsAtStart;
  }

  /* Returns the days after its creation before a request made through the API lists its first
   * instance. 0 makes every request behave as if it had been made long ago, with instances from
   * the history start on.
   */
  public int firstInstanceDelayDays() {
    return firstInstanceDelayDays;
  }

  /** Returns how many downloads of each segment, from the first, serve bytes that fail its MD5. */
  public int corruptFirstDownloadsPerSegment() {
    return corruptFirstDownloadsPerSegment;
  }

  /** Returns the maximum bytes of generated segment files kept in memory. */
  public long segmentCacheBytes() {
    return segmentCacheBytes;
  }

  /** Returns the wall clock for token expiry, URL expiry and the rate limit (not for the data). */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the rows per app and metric date of an analytics report with data, in the first
   * instance that contains the date.
   *
   * @throws IllegalArgumentException for a name that is not a report with data
   */
  public int analyticsRowsPerDay(String reportName) {
    AnalyticsReportKind kind = kindOf(reportName, "reportName");
    return switch (kind) {
      case DOWNLOADS_STANDARD -> downloadRowsPerDay;
      case ENGAGEMENT_STANDARD -> engagementRowsPerDay;
      default -> analyticsRowsPerDay.getOrDefault(kind.reportName(), kind.defaultRowsPerDay());
    };
  }

  /** Returns the customer reviews per app and UTC day. */
  public int reviewsPerDay() {
    return reviewsPerDay;
  }

  /**
   * Returns the only version a generated Sales and Trends report type accepts at start: {@code
   * SALES}, {@code SUBSCRIPTION}, {@code SUBSCRIPTION_EVENT} or {@code SUBSCRIBER}.
   */
  public String salesReportVersion(String reportType) {
    String version = salesReportVersions.get(reportType);
    if (version == null) {
      throw new IllegalArgumentException(
          "Invalid reportType: " + reportType + " (expected one of " + SALES_TYPES + ")");
    }
    return version;
  }

  /** Returns the latest version of every generated Sales and Trends report type. */
  public Map<String, String> salesReportVersions() {
    return salesReportVersions;
  }

  /** Returns the days by which Sales and Trends reports are published later than Apple's usual. */
  public int salesPublicationDelayDays() {
    return salesPublicationDelayDays;
  }

  /** Returns the days a daily, weekly or monthly sales report is kept after its period ends. */
  public int salesRetentionDays() {
    return salesRetentionDays;
  }

  /** Returns the API calls per key in a rolling minute before 429, or 0 for no such limit. */
  public int rateLimitPerMinute() {
    return rateLimitPerMinute;
  }

  /** Returns how a 429 from an exhausted rate limit states when to retry. */
  public RetryAfterFormat rateLimitRetryAfter() {
    return rateLimitRetryAfter;
  }

  /** Returns the delay added before every API response (not file downloads). */
  public Duration apiResponseDelay() {
    return apiResponseDelay;
  }

  /** Returns whether segment files are written as several concatenated gzip members. */
  public boolean multiMemberGzip() {
    return multiMemberGzip;
  }

  /** Returns whether the key's role may read finance reports. */
  public boolean financeAccess() {
    return financeAccess;
  }

  /** Returns whether listing an app's report requests gets 403, as with a Developer key. */
  public boolean requestListingForbidden() {
    return requestListingForbidden;
  }

  /**
   * Returns the approximate size of the extra streamed segment, or 0 for none. The segment is the
   * last one of the DAILY instance of {@link #hugeSegmentReport()} for {@link #hugeSegmentAppId()}
   * whose processing date is {@link #today()}, in ONGOING and ONE_TIME_SNAPSHOT requests alike.
   */
  public long hugeSegmentBytes() {
    return hugeSegmentBytes;
  }

  /** Returns the app whose instance gets the streamed segment; by default the first app. */
  public String hugeSegmentAppId() {
    return hugeSegmentAppId;
  }

  /** Returns the report whose instance gets the streamed segment. */
  public String hugeSegmentReport() {
    return hugeSegmentReport;
  }

  /** Returns the threads that serve HTTP requests, stalled and delayed ones included. */
  public int handlerThreads() {
    return handlerThreads;
  }

  /**
   * Returns the maximum number of items on an Apple Ads page, whatever {@code pageSize} requests.
   */
  public int appleAdsMaxPageSize() {
    return appleAdsMaxPageSize;
  }

  /** Returns the lifetime of Apple Ads access tokens, the token endpoint's {@code expires_in}. */
  public Duration appleAdsTokenLifetime() {
    return appleAdsTokenLifetime;
  }

  /** Returns the rows per day of every analytics report with data, by kind. */
  Map<AnalyticsReportKind, Integer> rowsPerDayByKind() {
    Map<AnalyticsReportKind, Integer> rows = new EnumMap<>(AnalyticsReportKind.class);
    for (AnalyticsReportKind kind : AnalyticsReportKind.values()) {
      rows.put(kind, analyticsRowsPerDay(kind.reportName()));
    }
    return rows;
  }

  private static AnalyticsReportKind kindOf(String reportName, String setting) {
    return AnalyticsReportKind.byReportName(reportName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Invalid "
                        + setting
                        + ": "
                        + reportName
                        + " (expected an analytics report with data: "
                        + Arrays.stream(AnalyticsReportKind.values())
                            .map(AnalyticsReportKind::reportName)
                            .toList()
                        + ")"));
  }

  @Override
  public String toString() {
    return "SandboxConfig{seed="
        + seed
        + ", appCount="
        + appCount
        + ", vendorNumber="
        + vendorNumber
        + ", today="
        + today
        + ", historyStart="
        + historyStart
        + ", restatementDays="
        + restatementDays
        + ", downloadRowsPerDay="
        + downloadRowsPerDay
        + ", engagementRowsPerDay="
        + engagementRowsPerDay
        + ", maxRowsPerSegment="
        + maxRowsPerSegment
        + ", downloadUrlTtl="
        + downloadUrlTtl
        + ", port="
        + port
        + ", rateLimitPerHour="
        + rateLimitPerHour
        + ", rateLimitPerMinute="
        + rateLimitPerMinute
        + ", rateLimitRetryAfter="
        + rateLimitRetryAfter
        + ", ongoingRequestsAtStart="
        + ongoingRequestsAtStart
        + ", firstInstanceDelayDays="
        + firstInstanceDelayDays
        + ", corruptFirstDownloadsPerSegment="
        + corruptFirstDownloadsPerSegment
        + ", segmentCacheBytes="
        + segmentCacheBytes
        + ", analyticsRowsPerDay="
        + new TreeMap<>(analyticsRowsPerDay)
        + ", reviewsPerDay="
        + reviewsPerDay
        + ", salesReportVersions="
        + new TreeMap<>(salesReportVersions)
        + ", salesPublicationDelayDays="
        + salesPublicationDelayDays
        + ", salesRetentionDays="
        + salesRetentionDays
        + ", apiResponseDelay="
        + apiResponseDelay
        + ", multiMemberGzip="
        + multiMemberGzip
        + ", financeAccess="
        + financeAccess
        + ", requestListingForbidden="
        + requestListingForbidden
        + ", hugeSegmentBytes="
        + hugeSegmentBytes
        + ", hugeSegmentAppId="
        + hugeSegmentAppId
        + ", hugeSegmentReport="
        + hugeSegmentReport
        + ", handlerThreads="
        + handlerThreads
        + ", appleAdsMaxPageSize="
        + appleAdsMaxPageSize
        + ", appleAdsTokenLifetime="
        + appleAdsTokenLifetime
        + "}";
  }

  /** Builds a {@link SandboxConfig}; every setting has a default. */
  public static final class Builder {
    private long seed = 42;
    private int appCount = 3;
    private String vendorNumber = "80000001";
    private LocalDate today; // default: the clock's current UTC date
    private LocalDate historyStart; // default: today - 7 days
    private int restatementDays = 3;
    private int downloadRowsPerDay = 250;
    private int engagementRowsPerDay = 450;
    private int maxRowsPerSegment = 400;
    private Duration downloadUrlTtl = Duration.ofMinutes(5); // Apple's presigned URLs last 5 min
    private int port = 0;
    private int rateLimitPerHour = 3600; // the budget live accounts report
    private boolean ongoingRequestsAtStart = true;
    private int firstInstanceDelayDays = 0;
    private int corruptFirstDownloadsPerSegment = 0;
    private long segmentCacheBytes = 64L * 1024 * 1024;
    private Clock clock = Clock.systemUTC();
    private final Map<String, Integer> analyticsRowsPerDay = new HashMap<>();
    private int reviewsPerDay = 5;
    private final Map<String, String> salesReportVersions = new HashMap<>(DEFAULT_SALES_VERSIONS);
    private int salesPublicationDelayDays = 0;
    private int salesRetentionDays = 365; // Apple keeps daily, weekly and monthly reports a year
    private int rateLimitPerMinute = 0; // none, as for most keys
    private RetryAfterFormat rateLimitRetryAfter = RetryAfterFormat.NONE;
    private Duration apiResponseDelay = Duration.ZERO;
    private boolean multiMemberGzip = false;
    private boolean financeAccess = true;
    private boolean requestListingForbidden = false;
    private long hugeSegmentBytes = 0;
    private String hugeSegmentAppId; // default: the first app
    private String hugeSegmentReport = "App Downloads Standard";
    private int handlerThreads = 64;
    private int appleAdsMaxPageSize = 5000; // Apple's maximum for v1 reports
    private Duration appleAdsTokenLifetime = Duration.ofHours(1); // Apple's expires_in

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder appCount(int appCount) {
      this.appCount = appCount;
      return this;
    }

    public Builder vendorNumber(String vendorNumber) {
      this.vendorNumber = vendorNumber;
      return this;
    }

    public Builder today(LocalDate today) {
      this.today = today;
      return this;
    }

    public Builder historyStart(LocalDate historyStart) {
      this.historyStart = historyStart;
      return this;
    }

    public Builder restatementDays(int restatementDays) {
      this.restatementDays = restatementDays;
      return this;
    }

    public Builder downloadRowsPerDay(int downloadRowsPerDay) {
      this.downloadRowsPerDay = downloadRowsPerDay;
      return this;
    }

    public Builder engagementRowsPerDay(int engagementRowsPerDay) {
      this.engagementRowsPerDay = engagementRowsPerDay;
      return this;
    }

    public Builder maxRowsPerSegment(int maxRowsPerSegment) {
      this.maxRowsPerSegment = maxRowsPerSegment;
      return this;
    }

    public Builder downloadUrlTtl(Duration downloadUrlTtl) {
      this.downloadUrlTtl = downloadUrlTtl;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder rateLimitPerHour(int rateLimitPerHour) {
      this.rateLimitPerHour = rateLimitPerHour;
      return this;
    }

    public Builder ongoingRequestsAtStart(boolean ongoingRequestsAtStart) {
      this.ongoingRequestsAtStart = ongoingRequestsAtStart;
      return this;
    }

    public Builder firstInstanceDelayDays(int firstInstanceDelayDays) {
      this.firstInstanceDelayDays = firstInstanceDelayDays;
      return this;
    }

    public Builder corruptFirstDownloadsPerSegment(int corruptFirstDownloadsPerSegment) {
      this.corruptFirstDownloadsPerSegment = corruptFirstDownloadsPerSegment;
      return this;
    }

    public Builder segmentCacheBytes(long segmentCacheBytes) {
      this.segmentCacheBytes = segmentCacheBytes;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the rows per app and metric date of an analytics report with data. {@code App Downloads
     * Standard} and {@code App Store Discovery and Engagement Standard} set {@link
     * #downloadRowsPerDay(int)} and {@link #engagementRowsPerDay(int)}. Defaults: 100 for the
     * Detailed downloads and engagement reports, 80 for sessions and installations, 60 for
     * purchases, 20 for App Crashes.
     */
    public Builder analyticsRowsPerDay(String reportName, int rows) {
      AnalyticsReportKind kind = kindOf(reportName, "reportName");
      switch (kind) {
        case DOWNLOADS_STANDARD -> downloadRowsPerDay = rows;
        case ENGAGEMENT_STANDARD -> engagementRowsPerDay = rows;
        default -> analyticsRowsPerDay.put(kind.reportName(), rows);
      }
      return this;
    }

    /** Sets the customer reviews per app and UTC day (default 5). */
    public Builder reviewsPerDay(int reviewsPerDay) {
      this.reviewsPerDay = reviewsPerDay;
      return this;
    }

    /**
     * Sets the only version a generated Sales and Trends report type accepts (defaults: {@code
     * SALES} 1_0, {@code SUBSCRIPTION}, {@code SUBSCRIPTION_EVENT} and {@code SUBSCRIBER} 1_4).
     */
    public Builder salesReportVersion(String reportType, String version) {
      if (!SALES_TYPES.contains(reportType)) {
        throw new IllegalArgumentException(
            "Invalid reportType: " + reportType + " (expected one of " + SALES_TYPES + ")");
      }
      salesReportVersions.put(reportType, version);
      return this;
    }

    /** Sets the extra days before a sales report is published (default 0). */
    public Builder salesPublicationDelayDays(int days) {
      this.salesPublicationDelayDays = days;
      return this;
    }

    /** Sets the days a sales report is kept after its period ends (default 365). */
    public Builder salesRetentionDays(int days) {
      this.salesRetentionDays = days;
      return this;
    }

    /** Sets the per-key calls per rolling minute, or 0 for no per-minute limit (the default). */
    public Builder rateLimitPerMinute(int rateLimitPerMinute) {
      this.rateLimitPerMinute = rateLimitPerMinute;
      return this;
    }

    /** Sets how a 429 from an exhausted rate limit states when to retry (default none). */
    public Builder rateLimitRetryAfter(RetryAfterFormat format) {
      this.rateLimitRetryAfter = format;
      return this;
    }

    /** Sets the delay added before every API response (default none). */
    public Builder apiResponseDelay(Duration apiResponseDelay) {
      this.apiResponseDelay = apiResponseDelay;
      return this;
    }

    /** Sets whether segment files are written as several concatenated gzip members. */
    public Builder multiMemberGzip(boolean multiMemberGzip) {
      this.multiMemberGzip = multiMemberGzip;
      return this;
    }

    /** Sets whether the key's role may read finance reports (default true). */
    public Builder financeAccess(boolean financeAccess) {
      this.financeAccess = financeAccess;
      return this;
    }

    /** Sets whether listing an app's report requests gets 403 (default false). */
    public Builder requestListingForbidden(boolean requestListingForbidden) {
      this.requestListingForbidden = requestListingForbidden;
      return this;
    }

    /**
     * Sets the approximate size of an extra segment that is generated while it streams, or 0 for
     * none (the default). {@link SandboxConfig#hugeSegmentBytes()} describes where it appears.
     */
    public Builder hugeSegmentBytes(long hugeSegmentBytes) {
      this.hugeSegmentBytes = hugeSegmentBytes;
      return this;
    }

    /** Sets the app whose instance gets the streamed segment (default: the first app). */
    public Builder hugeSegmentAppId(String hugeSegmentAppId) {
      this.hugeSegmentAppId = hugeSegmentAppId;
      return this;
    }

    /**
     * Sets the report whose instance gets the streamed segment (default App Downloads Standard).
     */
    public Builder hugeSegmentReport(String hugeSegmentReport) {
      this.hugeSegmentReport = hugeSegmentReport;
      return this;
    }

    /**
     * Sets the maximum number of items on an Apple Ads page (default 5000, Apple's maximum); a
     * smaller value makes short reports span several pages.
     */
    public Builder appleAdsMaxPageSize(int appleAdsMaxPageSize) {
      this.appleAdsMaxPageSize = appleAdsMaxPageSize;
      return this;
    }

    /** Sets the lifetime of Apple Ads access tokens (default one hour, as Apple issues them). */
    public Builder appleAdsTokenLifetime(Duration appleAdsTokenLifetime) {
      this.appleAdsTokenLifetime = appleAdsTokenLifetime;
      return this;
    }

    /** Sets the threads that serve HTTP requests (default 64). */
    public Builder handlerThreads(int handlerThreads) {
      this.handlerThreads = handlerThreads;
      return this;
    }

    /**
     * Checks the settings and fills in the dates.
     *
     * @throws IllegalArgumentException naming the first invalid setting and its value
     */
    public SandboxConfig build() {
      Objects.requireNonNull(clock, "clock == null");
      Objects.requireNonNull(vendorNumber, "vendorNumber == null");
      Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl == null");
      Objects.requireNonNull(appleAdsTokenLifetime, "appleAdsTokenLifetime == null");
      checkRange("appleAdsMaxPageSize", appleAdsMaxPageSize, 1, 5000);
      checkRange("appleAdsTokenLifetime seconds", appleAdsTokenLifetime.toSeconds(), 1, 86_400);
      LocalDate effectiveToday = today != null ? today : LocalDate.now(clock);
      LocalDate effectiveHistoryStart =
          historyStart != null ? historyStart : effectiveToday.minusDays(7);

      checkRange("appCount", appCount, 1, 10_000);
      if (!vendorNumber.matches("[0-9]{1,20}")) {
        throw new IllegalArgumentException(
            "Invalid vendorNumber: '" + vendorNumber + "' (expected 1 to 20 digits)");
      }
      if (effectiveHistoryStart.isAfter(effectiveToday)) {
        throw new IllegalArgumentException(
            "Invalid historyStart: "
                + effectiveHistoryStart
                + " (expected a date on or before"
                + " today, "
                + effectiveToday
                + ")");
      }
      checkRange("restatementDays", restatementDays, 1, 30);
      checkRange("maxRowsPerSegment", maxRowsPerSegment, 1, 1_000_000);
      if (downloadUrlTtl.getSeconds() < 1 || downloadUrlTtl.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            "Invalid downloadUrlTtl: " + downloadUrlTtl + " (expected 1 second to 7 days)");
      }
      checkRange("port", port, 0, 65_535);
      checkRange("rateLimitPerHour", rateLimitPerHour, 1, Integer.MAX_VALUE);
      checkRange("firstInstanceDelayDays", firstInstanceDelayDays, 0, 30);
      checkRange(
          "corruptFirstDownloadsPerSegment", corruptFirstDownloadsPerSegment, 0, Integer.MAX_VALUE);
      if (segmentCacheBytes < 0) {
        throw new IllegalArgumentException(
            "Invalid segmentCacheBytes: " + segmentCacheBytes + " (expected 0 or more)");
      }
      checkAnalyticsRows();
      checkRange("reviewsPerDay", reviewsPerDay, 0, 1_000);
      checkSalesVersions();
      checkRange("salesPublicationDelayDays", salesPublicationDelayDays, 0, 366);
      checkRange("salesRetentionDays", salesRetentionDays, 1, Integer.MAX_VALUE);
      checkRange("rateLimitPerMinute", rateLimitPerMinute, 0, Integer.MAX_VALUE);
      Objects.requireNonNull(rateLimitRetryAfter, "rateLimitRetryAfter == null");
      Objects.requireNonNull(apiResponseDelay, "apiResponseDelay == null");
      if (apiResponseDelay.isNegative() || apiResponseDelay.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "Invalid apiResponseDelay: " + apiResponseDelay + " (expected 0 to 1 minute)");
      }
      checkHugeSegment();
      checkRange("handlerThreads", handlerThreads, 1, 1_024);
      return new SandboxConfig(this, effectiveToday, effectiveHistoryStart);
    }

    private void checkAnalyticsRows() {
      // At least three rows, so that a restatement can change, drop and add rows.
      checkRange(
          "downloadRowsPerDay",
          downloadRowsPerDay,
          3,
          AnalyticsReportKind.DOWNLOADS_STANDARD.maxRowsPerDay());
      checkRange(
          "engagementRowsPerDay",
          engagementRowsPerDay,
          3,
          AnalyticsReportKind.ENGAGEMENT_STANDARD.maxRowsPerDay());
      for (Map.Entry<String, Integer> entry : analyticsRowsPerDay.entrySet()) {
        AnalyticsReportKind kind = kindOf(entry.getKey(), "reportName");
        checkRange(
            "analyticsRowsPerDay of " + kind.reportName(),
            entry.getValue(),
            3,
            kind.maxRowsPerDay());
      }
    }

    private void checkSalesVersions() {
      for (Map.Entry<String, String> entry : salesReportVersions.entrySet()) {
        if (entry.getValue() == null || !entry.getValue().matches("[0-9]+_[0-9]+")) {
          throw new IllegalArgumentException(
              "Invalid salesReportVersion of "
                  + entry.getKey()
                  + ": "
                  + entry.getValue()
                  + " (expected digits, '_', digits, such as 1_4)");
        }
      }
    }

    private void checkHugeSegment() {
      if (hugeSegmentBytes < 0 || hugeSegmentBytes > MAX_HUGE_SEGMENT_BYTES) {
        throw new IllegalArgumentException(
            "Invalid hugeSegmentBytes: "
                + hugeSegmentBytes
                + " (expected 0 to "
                + MAX_HUGE_SEGMENT_BYTES
                + ")");
      }
      kindOf(hugeSegmentReport, "hugeSegmentReport");
      if (hugeSegmentAppId != null && !AppCatalog.appIds(appCount).contains(hugeSegmentAppId)) {
        throw new IllegalArgumentException(
            "Invalid hugeSegmentAppId: "
                + hugeSegmentAppId
                + " (expected one of the "
                + appCount
                + " app ids from 1000000001)");
      }
    }

    private static void checkRange(String name, long value, long min, long max) {
      if (value < min || value > max) {
        String expected = max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
        throw new IllegalArgumentException(
            "Invalid " + name + ": " + value + " (expected " + expected + ")");
      }
    }
  }
}
