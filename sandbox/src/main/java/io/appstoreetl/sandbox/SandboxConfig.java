package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.data.AppCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a sandbox: its seeded data, its simulated calendar and its fault switches. Immutable;
 * build one with {@link #builder()}.
 *
 * <p>Everything the sandbox serves is derived from these values, so two sandboxes with equal
 * settings serve the same ids and file bytes.
 *
 * <p>Fault switches for tests: {@link Builder#corruptFirstDownloadsPerSegment(int)}, {@link
 * Builder#rateLimitPerHour(int)}, {@link Builder#ongoingRequestsAtStart(boolean)}, {@link
 * Builder#firstInstanceDelayDays(int)} and {@link Builder#clock(Clock)}.
 */
public final class SandboxConfig {

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
     * Checks the settings and fills in the dates.
     *
     * @throws IllegalArgumentException naming the first invalid setting and its value
     */
    public SandboxConfig build() {
      Objects.requireNonNull(clock, "clock == null");
      Objects.requireNonNull(vendorNumber, "vendorNumber == null");
      Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl == null");
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
      // At least three rows, so that a restatement can change, drop and add rows.
      checkRange("downloadRowsPerDay", downloadRowsPerDay, 3, 10_000);
      checkRange("engagementRowsPerDay", engagementRowsPerDay, 3, 10_000);
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
      return new SandboxConfig(this, effectiveToday, effectiveHistoryStart);
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
