package io.appstoreetl.sandbox;

import io.appstoreetl.sandbox.ads.AppleAdsAuth;
import io.appstoreetl.sandbox.ads.AppleAdsFaults;
import io.appstoreetl.sandbox.analytics.SegmentDownloads;
import io.appstoreetl.sandbox.auth.RateLimiter;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.sales.SalesSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault switches of a running sandbox, for tests. Counted switches affect the next N occasions
 * and then stop by themselves. A new count replaces the one still pending. Every switch also has an
 * HTTP control endpoint (see {@link SandboxServer}). Thread-safe.
 *
 * <p>{@link #reset()} clears every counted switch and puts every other switch here back to its
 * configured value.
 */
public final class SandboxFaults {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxFaults.class);

  private final FaultSwitches switches;
  private final SegmentDownloads downloads;
  private final SalesSettings sales;
  private final RateLimiter rateLimiter;
  private final SandboxConfig config;
  private final AppleAdsFaults appleAds;
  private final AppleAdsAuth appleAdsAuth;

  SandboxFaults(
      FaultSwitches switches,
      SegmentDownloads downloads,
      SalesSettings sales,
      RateLimiter rateLimiter,
      SandboxConfig config,
      AppleAdsFaults appleAds,
      AppleAdsAuth appleAdsAuth) {
    this.appleAds = appleAds;
    this.appleAdsAuth = appleAdsAuth;
    this.switches = switches;
    this.downloads = downloads;
    this.sales = sales;
    this.rateLimiter = rateLimiter;
    this.config = config;
  }

  /**
   * Responds to the next {@code count} API calls with 401 {@code NOT_AUTHORIZED} even when their
   * token is valid, as when Apple revokes a token in mid-run.
   */
  public SandboxFaults rejectNextTokens(int count) {
    return arm(CountedFault.UNAUTHORIZED, count);
  }

  /**
   * Responds to the next {@code count} {@code POST /v1/analyticsReportRequests} with 409 "You
   * already have such an entity", whether or not the app has such a request.
   */
  public SandboxFaults conflictNextCreates(int count) {
    return arm(CountedFault.CONFLICT_ON_CREATE, count);
  }

  /**
   * Responds to the next {@code count} API calls (after the token check) with 429 {@code
   * RATE_LIMIT_EXCEEDED}.
   *
   * @param format whether and how the response carries {@code Retry-After}
   * @param wait the wait that {@code Retry-After} announces
   */
  public SandboxFaults throttleNextApiCalls(int count, RetryAfterFormat format, Duration wait) {
    switches.throttleRetryAfter(format, wait);
    return arm(CountedFault.THROTTLE, count);
  }

  /**
   * Responds to the next {@code count} API calls (after the token check) with a server error: 500
   * {@code UNEXPECTED_ERROR} as JSON, or 502, 503 or 504 with a gateway's HTML page.
   *
   * @throws IllegalArgumentException for another status
   */
  public SandboxFaults failNextApiCalls(int count, int status) {
    switches.serverErrorStatus(status);
    return arm(CountedFault.SERVER_ERROR, count);
  }

  /** Adds a delay before every API response (not file downloads); zero removes it. */
  public SandboxFaults apiResponseDelay(Duration delay) {
    switches.apiResponseDelay(delay);
    LOG.info("API responses are delayed by {} ms", delay.toMillis());
    return this;
  }

  /** Makes the next {@code count} segment listings sign URLs that have already expired. */
  public SandboxFaults expireNextDownloadUrls(int count) {
    return arm(CountedFault.EXPIRED_URLS, count);
  }

  /** Flips one byte of the next {@code count} segment downloads, whatever the segment. */
  public SandboxFaults corruptNextDownloads(int count) {
    return arm(CountedFault.CORRUPT_DOWNLOADS, count);
  }

  /** Flips one byte of the next {@code count} downloads of that segment. */
  public SandboxFaults corruptNextDownloads(String segmentId, int count) {
    downloads.corruptNextDownloads(segmentId, count);
    LOG.info("The next {} downloads of segment {} are corrupted", count, segmentId);
    return this;
  }

  /**
   * Cuts the next {@code count} listed segments short (inside the deflate data) and announces the
   * cut bytes' size and MD5, so only decoding finds the damage. Each cut segment's URL keeps
   * serving the cut file.
   */
  public SandboxFaults truncateNextSegments(int count) {
    return arm(CountedFault.TRUNCATED_SEGMENTS, count);
  }

  /** Responds to the next {@code count} segment downloads with 200 and an HTML error page. */
  public SandboxFaults serveHtmlForNextDownloads(int count) {
    return arm(CountedFault.HTML_DOWNLOADS, count);
  }

  /**
   * Writes every segment listed from now on as three concatenated gzip members, or as one when
   * switched off. A URL keeps serving the form its listing announced.
   */
  public SandboxFaults multiMemberGzip(boolean enabled) {
    switches.multiMemberGzip(enabled);
    LOG.info("Segments are written as {} gzip", enabled ? "multi-member" : "single-member");
    return this;
  }

  /** Sets the only version a generated Sales and Trends report type accepts from now on. */
  public SandboxFaults salesReportVersion(String reportType, String version) {
    sales.latestVersion(reportType, version);
    LOG.info("The latest version of {} reports is now {}", reportType, version);
    return this;
  }

  /**
   * Publishes sales reports {@code days} days later than Apple's schedule ("not available yet").
   */
  public SandboxFaults salesPublicationDelayDays(int days) {
    sales.publicationDelayDays(days);
    LOG.info("Sales reports are published {} days late", days);
    return this;
  }

  /** Keeps sales reports {@code days} days after their period ends; older ones get 410. */
  public SandboxFaults salesRetentionDays(int days) {
    sales.retentionDays(days);
    LOG.info("Sales reports are kept for {} days", days);
    return this;
  }

  /** Responds to every listing of an app's report requests with 403, as for a Developer key. */
  public SandboxFaults requestListingForbidden(boolean forbidden) {
    switches.requestListingForbidden(forbidden);
    LOG.info("Listing report requests is {}", forbidden ? "forbidden" : "allowed");
    return this;
  }

  /** Gives or takes the key's finance access. Without it, finance reports get 403. */
  public SandboxFaults financeAccess(boolean allowed) {
    switches.financeAccess(allowed);
    LOG.info("Finance reports are {}", allowed ? "allowed" : "forbidden");
    return this;
  }

  /** Cuts the body of the next {@code count} successful JSON responses in half. */
  public SandboxFaults malformNextJsonResponses(int count) {
    return arm(CountedFault.MALFORMED_JSON, count);
  }

  /** Removes the required {@code data} member from the next {@code count} successful responses. */
  public SandboxFaults dropDataFromNextJsonResponses(int count) {
    return arm(CountedFault.MISSING_FIELDS, count);
  }

  /** Labels the next {@code count} successful JSON responses {@code text/plain}. */
  public SandboxFaults mislabelNextJsonResponses(int count) {
    return arm(CountedFault.WRONG_CONTENT_TYPE, count);
  }

  /**
   * Points {@code links.next} of every collection response back to its first page (the same URL
   * without {@code cursor}), so a client that follows it blindly never stops.
   */
  public SandboxFaults loopingNextLinks(boolean enabled) {
    switches.loopingNextLinks(enabled);
    LOG.info("links.next {} back to the first page", enabled ? "points" : "no longer points");
    return this;
  }

  /**
   * Responds to the next {@code count} non-empty collection pages with {@code items} items,
   * whatever the limit: the real items, then copies of the first with ids suffixed {@code
   * -copy-<n>}.
   */
  public SandboxFaults serveHugeNextPages(int count, int items) {
    switches.hugePageItems(items);
    return arm(CountedFault.HUGE_PAGE, count);
  }

  /** Accepts the next {@code count} API calls and never responds, until the sandbox stops. */
  public SandboxFaults stallNextApiCalls(int count) {
    return arm(CountedFault.STALL_API, count);
  }

  /** Accepts the next {@code count} segment downloads and never responds. */
  public SandboxFaults stallNextDownloads(int count) {
    return arm(CountedFault.STALL_DOWNLOADS, count);
  }

  /**
   * Sends the next {@code count} segment downloads their headers, with the full length, and the
   * first half of the body, then stalls until the sandbox stops. {@link
   * SandboxServer#downloadsStalledMidBody()} counts those that reached the stall.
   */
  public SandboxFaults stallNextDownloadsMidBody(int count) {
    return arm(CountedFault.STALL_DOWNLOADS_MID_BODY, count);
  }

  /**
   * Changes the per-key limits, where {@code perMinute} 0 removes the per-minute limit. Calls
   * already counted stay counted.
   */
  public SandboxFaults rateLimits(int perHour, int perMinute) {
    rateLimiter.setLimits(perHour, perMinute);
    LOG.info("Rate limits set to {} per hour and {} per minute", perHour, perMinute);
    return this;
  }

  /**
   * Responds to the next {@code count} Apple Ads API calls (after the token check) with 429 {@code
   * rate_limit_exceeded} and {@code Retry-After} of {@code wait} in whole seconds.
   */
  public SandboxFaults throttleNextAppleAdsCalls(int count, Duration wait) {
    appleAds.throttleNextCalls(count, wait);
    LOG.info("The next {} Apple Ads calls are throttled for {} s", count, wait.toSeconds());
    return this;
  }

  /**
   * Expires every Apple Ads access token issued so far, so that the next call with one gets 401, as
   * when a token's hour has passed.
   */
  public SandboxFaults expireAppleAdsTokens() {
    appleAdsAuth.expireAllTokens();
    LOG.info("Every Apple Ads access token issued so far has expired");
    return this;
  }

  /** Returns how many Apple Ads calls the throttle switch still affects. */
  public int pendingAppleAdsThrottles() {
    return appleAds.pendingThrottles();
  }

  /** Returns how many occasions a counted switch still affects, for tests of the switches. */
  int pending(CountedFault fault) {
    return switches.pending(fault);
  }

  /** Returns the switches that stay on, for tests of the switches. */
  FaultSwitches switches() {
    return switches;
  }

  /** Clears every counted switch and restores every other switch to its configured value. */
  public SandboxFaults reset() {
    switches.reset();
    appleAds.reset();
    sales.publicationDelayDays(config.salesPublicationDelayDays());
    sales.retentionDays(config.salesRetentionDays());
    config.salesReportVersions().forEach(sales::latestVersion);
    rateLimiter.setLimits(config.rateLimitPerHour(), config.rateLimitPerMinute());
    LOG.info("Fault switches reset to the configuration");
    return this;
  }

  private SandboxFaults arm(CountedFault fault, int count) {
    switches.arm(fault, count);
    LOG.info("Fault switch {} armed for the next {} occasions", fault, count);
    return this;
  }
}
