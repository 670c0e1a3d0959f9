package io.appstoreetl.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.appstoreetl.sandbox.ads.AppleAdsAuth;
import io.appstoreetl.sandbox.ads.AppleAdsData;
import io.appstoreetl.sandbox.ads.AppleAdsEndpoints;
import io.appstoreetl.sandbox.ads.AppleAdsFaults;
import io.appstoreetl.sandbox.analytics.AnalyticsEndpoints;
import io.appstoreetl.sandbox.analytics.HugeSegment;
import io.appstoreetl.sandbox.analytics.InstanceDirectory;
import io.appstoreetl.sandbox.analytics.PresignedUrls;
import io.appstoreetl.sandbox.analytics.RequestRegistry;
import io.appstoreetl.sandbox.analytics.SegmentDownloads;
import io.appstoreetl.sandbox.analytics.SegmentStore;
import io.appstoreetl.sandbox.auth.KeyRegistry;
import io.appstoreetl.sandbox.auth.RateLimiter;
import io.appstoreetl.sandbox.auth.TokenVerifier;
import io.appstoreetl.sandbox.data.AnalyticsData;
import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.finance.FinanceData;
import io.appstoreetl.sandbox.finance.FinanceEndpoints;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import io.appstoreetl.sandbox.reviews.Review;
import io.appstoreetl.sandbox.reviews.ReviewStore;
import io.appstoreetl.sandbox.reviews.ReviewsEndpoints;
import io.appstoreetl.sandbox.sales.SalesData;
import io.appstoreetl.sandbox.sales.SalesEndpoints;
import io.appstoreetl.sandbox.sales.SalesReports;
import io.appstoreetl.sandbox.sales.SalesSettings;
import io.appstoreetl.sandbox.sales.SubscriptionData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.interfaces.ECPublicKey;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An App Store Connect emulator on 127.0.0.1: Apple's paths, JSON:API shapes, gzip TSV files,
 * errors and limits, with seeded data whose content {@link #groundTruth()} returns.
 *
 * <p>Routes: {@code /apple-ads/...} is the Apple Ads token endpoint and API (see {@link
 * AppleAdsEndpoints}); {@code /v1/...} is the API (every call needs a bearer token signed by a key
 * from {@link #registerKey}); {@code /sandbox-files/...} serves segment files from presigned URLs
 * without a token; {@code /sandbox/...} is the sandbox's own control surface for a client in
 * another process, also without a token (see {@code ControlEndpoints} and the module README for
 * every endpoint and its body). Anything else gets 404 {@code PATH_ERROR}.
 *
 * <p>Test switches: {@link #faults()}, {@link #markStoppedDueToInactivity}, {@link #addApp}, {@link
 * #deleteReview} and {@link #editReview}, besides those in {@link SandboxConfig}. Counters: {@link
 * #apiCallCount()}, {@link #downloadCount()} and {@link #peakRequestsPerMinute()}.
 */
public final class SandboxServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  /** Largest request body read; Apple's create bodies are a few hundred bytes. */
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  static {
    // The JDK server writes a response's headers and body in separate TCP writes. With Nagle's
    // algorithm on, the body waits for the client's delayed ACK, which cost about 50 ms per call
    // on Linux loopback. The JDK reads this property once, when the JVM's first HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SandboxConfig config;
  private final AtomicReference<LocalDate> today;
  private final KeyRegistry keys = new KeyRegistry();
  private final AppCatalog apps;
  private final RequestRegistry requests;
  private final SegmentDownloads downloads;
  private final ReviewStore reviews;
  private final GroundTruth groundTruth;
  private final FaultSwitches switches;
  private final SandboxFaults faults;
  private final TrafficCounters counters;
  private final ApiCallHandler apiCalls;
  private final AppleAdsAuth appleAdsAuth;
  private final AppleAdsEndpoints appleAds;
  private final ApiRoutes controlRoutes = new ApiRoutes();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger stalledMidBody = new AtomicInteger();
  private final PresignedUrls urls;
  private final ExecutorService executor;
  private final HttpServer server;
  private final String baseUrl;

  private SandboxServer(SandboxConfig config) throws IOException {
    this.config = config;
    this.today = new AtomicReference<>(config.today());
    this.counters = new TrafficCounters(config.clock());
    this.switches =
        new FaultSwitches(
            config.apiResponseDelay(),
            config.multiMemberGzip(),
            config.requestListingForbidden(),
            config.financeAccess());
    RateLimiter rateLimiter =
        new RateLimiter(config.rateLimitPerHour(), config.rateLimitPerMinute(), config.clock());

    this.apps = new AppCatalog(config.seed(), config.appCount());
    InstanceCalendar calendar =
        new InstanceCalendar(config.historyStart(), config.restatementDays());
    AnalyticsData analyticsData = new AnalyticsData(config.seed(), config.rowsPerDayByKind());
    this.requests =
        new RequestRegistry(config.seed(), config.appIds(), config.ongoingRequestsAtStart());
    InstanceDirectory instances =
        new InstanceDirectory(
            config.seed(), requests, calendar, config.firstInstanceDelayDays(), today::get);
    SegmentStore store =
        new SegmentStore(
            analyticsData,
            calendar,
            config.maxRowsPerSegment(),
            config.segmentCacheBytes(),
            hugeTarget(config, apps));
    this.urls = new PresignedUrls(config.clock(), config.downloadUrlTtl());
    this.downloads =
        new SegmentDownloads(apps, store, urls, config.corruptFirstDownloadsPerSegment(), switches);

    SalesData salesData = new SalesData(config.seed(), apps);
    SalesReports salesReports =
        new SalesReports(
            salesData, new SubscriptionData(config.seed(), apps), config.historyStart());
    SalesSettings salesSettings =
        new SalesSettings(
            config.salesReportVersions(),
            config.salesPublicationDelayDays(),
            config.salesRetentionDays());
    FinanceData financeData = new FinanceData(salesData, config.historyStart());
    AppleAdsData appleAdsData =
        new AppleAdsData(config.seed(), config.appIds(), config.historyStart());
    this.reviews =
        new ReviewStore(
            config.seed(), apps, config.historyStart(), config.reviewsPerDay(), today::get);
    this.groundTruth =
        new SandboxGroundTruth(
            apps,
            analyticsData,
            calendar,
            instances,
            salesReports,
            financeData,
            reviews,
            appleAdsData,
            today::get);
    this.appleAdsAuth = new AppleAdsAuth(config.clock(), config.appleAdsTokenLifetime());
    AppleAdsFaults appleAdsFaults = new AppleAdsFaults();
    this.appleAds =
        new AppleAdsEndpoints(
            appleAdsData, appleAdsAuth, appleAdsFaults, today::get, config.appleAdsMaxPageSize());
    this.faults =
        new SandboxFaults(
            switches, downloads, salesSettings, rateLimiter, config, appleAdsFaults, appleAdsAuth);

    ApiRoutes apiRoutes = new ApiRoutes();
    AppsEndpoints appsEndpoints = new AppsEndpoints(apps);
    AnalyticsEndpoints analytics =
        new AnalyticsEndpoints(apps, requests, instances, store, urls, switches, today::get);
    SalesEndpoints sales =
        new SalesEndpoints(salesReports, salesSettings, config.vendorNumber(), today::get);
    FinanceEndpoints finance =
        new FinanceEndpoints(financeData, switches, config.vendorNumber(), today::get);
    ReviewsEndpoints reviewsEndpoints = new ReviewsEndpoints(reviews);
    apiRoutes
        .add("/v1/apps", "GET", appsEndpoints::list)
        .add("/v1/apps/{id}", "GET", appsEndpoints::get)
        .add("/v1/apps/{id}/analyticsReportRequests", "GET", analytics::listRequestsOfApp)
        .add("/v1/apps/{id}/customerReviews", "GET", reviewsEndpoints::list)
        .add("/v1/analyticsReportRequests", "POST", analytics::createRequest)
        .add("/v1/analyticsReportRequests/{id}", "GET", analytics::getRequest)
        .add("/v1/analyticsReportRequests/{id}", "DELETE", analytics::deleteRequest)
        .add("/v1/analyticsReportRequests/{id}/reports", "GET", analytics::listReports)
        .add("/v1/analyticsReports/{id}", "GET", analytics::getReport)
        .add("/v1/analyticsReports/{id}/instances", "GET", analytics::listInstances)
        .add("/v1/analyticsReportInstances/{id}", "GET", analytics::getInstance)
        .add("/v1/analyticsReportInstances/{id}/segments", "GET", analytics::listSegments)
        .add("/v1/salesReports", "GET", sales::salesReport)
        .add("/v1/financeReports", "GET", finance::financeReport);
    this.apiCalls =
        new ApiCallHandler(
            new TokenVerifier(keys, config.clock()),
            rateLimiter,
            config.rateLimitRetryAfter(),
            switches,
            apiRoutes,
            counters,
            config.clock(),
            this::awaitClose);
    new ControlEndpoints(this).register(controlRoutes);

    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    this.server = HttpServer.create(new InetSocketAddress(loopback, config.port()), 0);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            config.handlerThreads(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "sandbox-http-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Starts a sandbox on 127.0.0.1 at the configured port (0 picks a free one). With a streamed
   * segment configured, its MD5 pass starts in the background.
   *
   * @throws IOException when the port cannot be bound
   */
  public static SandboxServer start(SandboxConfig config) throws IOException {
    SandboxServer sandbox = new SandboxServer(config);
    sandbox.server.start();
    LOG.info(
        "Sandbox started at {} with {} apps, today {}, history from {}",
        sandbox.baseUrl,
        config.appCount(),
        config.today(),
        config.historyStart());
    return sandbox;
  }

  /**
   * Accepts Apple Ads client secrets of this API user from now on.
   *
   * @param clientId the {@code client_id} and the secret's {@code sub}
   * @param teamId the secret's {@code iss}
   * @param keyId the secret's {@code kid}
   */
  public void registerAppleAdsClient(
      String clientId, String teamId, String keyId, ECPublicKey publicKey) {
    appleAdsAuth.register(clientId, teamId, keyId, publicKey);
    LOG.info("Registered Apple Ads client {}", clientId);
  }

  /** Returns the Apple Ads API origin: the base URL and {@code /apple-ads}, before {@code /v1}. */
  public String appleAdsBaseUrl() {
    return baseUrl + AppleAdsEndpoints.PREFIX;
  }

  /** Returns the Apple Ads OAuth token endpoint. */
  public String appleAdsTokenUrl() {
    return baseUrl + AppleAdsEndpoints.TOKEN_PATH;
  }

  /** Returns the Apple Ads routes, for their call counters. */
  public AppleAdsEndpoints appleAds() {
    return appleAds;
  }

  /** Returns how many Apple Ads access tokens the token endpoint issued. */
  public int appleAdsTokensIssued() {
    return appleAdsAuth.tokensIssued();
  }

  /** Returns {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Accepts tokens signed by this key from now on.
   *
   * @param issuerId the team key's issuer id, or null for an individual key ({@code sub=user})
   * @throws IllegalArgumentException when the key id is blank or the key is not on P-256
   */
  public void registerKey(String keyId, String issuerId, ECPublicKey publicKey) {
    keys.register(keyId, issuerId, publicKey);
    LOG.info("Registered API key {}", keyId);
  }

  /**
   * Moves the simulated day. Instances, sales reports and reviews up to the new day appear, and
   * instances older than 35 days disappear. The wall clock for tokens and URLs does not move.
   *
   * @throws IllegalArgumentException when the day is before the history start
   */
  public void setToday(LocalDate newToday) {
    if (newToday.isBefore(config.historyStart())) {
      throw new IllegalArgumentException(
          "Invalid today: "
              + newToday
              + " (expected a date on or after the history start, "
              + config.historyStart()
              + ")");
    }
    LocalDate previous = today.getAndSet(newToday);
    LOG.info("Simulated today moved from {} to {}", previous, newToday);
  }

  public LocalDate today() {
    return today.get();
  }

  public GroundTruth groundTruth() {
    return groundTruth;
  }

  public SandboxConfig config() {
    return config;
  }

  /** Returns the fault switches, which a test may flip at any time. */
  public SandboxFaults faults() {
    return faults;
  }

  /** Returns the number of {@code /v1} calls received, rejected ones included. */
  public long requestCount() {
    return counters.apiCalls();
  }

  /** Returns the number of {@code /v1} calls received, rejected ones included. */
  public long apiCallCount() {
    return counters.apiCalls();
  }

  /** Returns the number of segment file requests received on the presigned URL route. */
  public long downloadCount() {
    return counters.downloads();
  }

  /**
   * Returns the most {@code /v1} calls received in any rolling 60 seconds of the configured clock,
   * over all keys and including rejected calls.
   */
  public int peakRequestsPerMinute() {
    return counters.peakPerMinute();
  }

  /**
   * Returns how many segment downloads have sent half their body and stalled (see {@link
   * SandboxFaults#stallNextDownloadsMidBody}).
   */
  public int downloadsStalledMidBody() {
    return stalledMidBody.get();
  }

  /**
   * Returns every distinct bearer token that {@code /v1} calls carried so far, accepted or not, so
   * that a test can look for them where they must not appear.
   */
  public Set<String> receivedBearerTokens() {
    return apiCalls.receivedTokens();
  }

  /** Returns the {@code X-Amz-Signature} of every presigned download URL handed out so far. */
  public Set<String> issuedUrlSignatures() {
    return urls.issuedSignatures();
  }

  /** Sets the API call count, the download count and the peak rate back to zero. */
  public void resetCounters() {
    counters.reset();
    LOG.info("Traffic counters reset");
  }

  /** Returns the ids of the apps the API lists now, including apps added while running. */
  public List<String> appIds() {
    return apps.ids();
  }

  /**
   * Adds the account's next app, as when an app is created or transferred into the account: it
   * lists at once in {@code GET /v1/apps}, has no analytics report request yet, has analytics data
   * and reviews for the whole history, and appears in sales reports from today on.
   *
   * @return the new app's id
   */
  public String addApp() {
    SandboxApp app = apps.addApp(today.get());
    LOG.info("Added app {} ({})", app.id(), app.name());
    return app.id();
  }

  /**
   * Marks a request {@code stoppedDueToInactivity}: it lists no instance made after today.
   *
   * @throws IllegalArgumentException when there is no request with that id
   */
  public void markStoppedDueToInactivity(String requestId) {
    if (requests.markStopped(requestId, today.get()).isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid requestId: " + requestId + " (no such analytics report request)");
    }
    LOG.info("Marked analytics report request {} as stopped due to inactivity", requestId);
  }

  /**
   * Serves the next {@code count} downloads of the segment with one byte flipped, so they do not
   * match the announced MD5 checksum.
   */
  public void corruptNextDownloads(String segmentId, int count) {
    faults.corruptNextDownloads(segmentId, count);
  }

  /** Fails the next {@code count} authenticated API calls with 500 {@code UNEXPECTED_ERROR}. */
  public void failNextApiCalls(int count) {
    faults.failNextApiCalls(count, 500);
  }

  /**
   * Deletes a customer review, as when its author removes it.
   *
   * @return the id of the deleted review
   * @throws IllegalArgumentException when the app has no visible review with that id
   */
  public String deleteReview(String appId, String reviewId) {
    Review review = reviews.delete(appId, reviewId);
    LOG.info("Deleted review {} of app {}", review.id(), appId);
    return review.id();
  }

  /**
   * Replaces the body of a customer review, as when its author edits it. Its id and createdDate
   * stay the same.
   *
   * @throws IllegalArgumentException when the app has no visible review with that id
   */
  public void editReview(String appId, String reviewId, String newBody) {
    reviews.edit(appId, reviewId, newBody);
    LOG.info("Edited the body of review {} of app {}", reviewId, appId);
  }

  /** Stops the HTTP server at once; calls in progress, stalled ones included, are cut off. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
    LOG.info(
        "Sandbox at {} stopped after {} API calls and {} downloads",
        baseUrl,
        counters.apiCalls(),
        counters.downloads());
  }

  private void awaitClose() {
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SegmentStore.HugeTarget hugeTarget(SandboxConfig config, AppCatalog apps) {
    if (config.hugeSegmentBytes() == 0) {
      return null;
    }
    AnalyticsReportKind kind =
        AnalyticsReportKind.byReportName(config.hugeSegmentReport()).orElseThrow();
    SandboxApp app = apps.find(config.hugeSegmentAppId()).orElseThrow();
    HugeSegment segment =
        new HugeSegment(
            config.seed(),
            config.hugeSegmentBytes(),
            kind.header(),
            kind.metricColumns(),
            config.today().minusDays(1),
            app.name(),
            app.id());
    segment.precomputeInBackground();
    return new SegmentStore.HugeTarget(app.id(), kind, config.today(), segment);
  }

  private void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    try {
      if (path.equals("/v1") || path.startsWith("/v1/")) {
        ApiCallHandler.Outcome outcome = apiCalls.handle(exchange, method, path, baseUrl);
        if (outcome.response() != null) {
          write(exchange, outcome.response(), outcome.rateLimit());
        }
      } else if (path.startsWith(AppleAdsEndpoints.PREFIX + "/")) {
        write(
            exchange,
            appleAds.handle(method, path, exchange.getRequestHeaders(), readBody(exchange)),
            null);
      } else if (path.startsWith(SegmentDownloads.PATH_PREFIX)) {
        handleDownload(exchange, method, path);
      } else if (path.startsWith("/sandbox/")) {
        write(exchange, dispatchControl(exchange, method, path), null);
      } else {
        write(exchange, ApiResponse.error(ApiErrors.pathError(path)), null);
      }
    } catch (IOException e) {
      LOG.debug("Cannot complete the response to {} {}: {}", method, path, e.toString());
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure serving {} {}", method, path, e);
      try {
        write(exchange, ApiResponse.error(ApiErrors.unexpected()), null);
      } catch (IOException | RuntimeException writeFailure) {
        LOG.debug("Cannot send the error response to {} {}", method, path, writeFailure);
      }
    } finally {
      exchange.close();
    }
  }

  private void handleDownload(HttpExchange exchange, String method, String path)
      throws IOException {
    counters.countDownload();
    if (switches.take(CountedFault.STALL_DOWNLOADS)) {
      LOG.info("Stalling a segment download until the sandbox stops (fault switch)");
      awaitClose();
      return;
    }
    QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
    ApiResponse response = downloads.download(method, path, query);
    if (response.status() == 200
        && response.stream() == null
        && response.body().length > 1
        && switches.take(CountedFault.STALL_DOWNLOADS_MID_BODY)) {
      byte[] body = response.body();
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      response.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.sendResponseHeaders(200, body.length);
      OutputStream output = exchange.getResponseBody();
      output.write(body, 0, body.length / 2);
      output.flush();
      stalledMidBody.incrementAndGet();
      LOG.info(
          "Stalling a segment download after {} of {} bytes until the sandbox stops (fault"
              + " switch)",
          body.length / 2,
          body.length);
      awaitClose();
      return;
    }
    write(exchange, response, null);
  }

  private ApiResponse dispatchControl(HttpExchange exchange, String method, String path)
      throws IOException {
    try {
      QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
      return controlRoutes.dispatch(method, path, query, readBody(exchange), baseUrl);
    } catch (ApiException e) {
      return ApiResponse.error(e);
    }
  }

  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream input = exchange.getRequestBody()) {
      byte[] body = input.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw ApiErrors.entityInvalid(
            "The request body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void write(HttpExchange exchange, ApiResponse response, String rateLimit)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    if (response.contentType() != null) {
      headers.set("Content-Type", response.contentType());
    }
    if (rateLimit != null) {
      headers.set("X-Rate-Limit", rateLimit);
    }
    response.headers().forEach(headers::set);
    if (response.stream() != null) {
      // A length of 0 makes the JDK server send the body chunked.
      long length = response.streamLength() >= 0 ? response.streamLength() : 0;
      exchange.sendResponseHeaders(response.status(), length);
      try (OutputStream output = exchange.getResponseBody()) {
        response.stream().writeTo(output);
      }
      return;
    }
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream output = exchange.getResponseBody()) {
        output.write(body);
      }
    }
  }
}
