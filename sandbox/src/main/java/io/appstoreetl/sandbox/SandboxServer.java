package io.appstoreetl.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.appstoreetl.sandbox.analytics.AnalyticsEndpoints;
import io.appstoreetl.sandbox.analytics.InstanceDirectory;
import io.appstoreetl.sandbox.analytics.PresignedUrls;
import io.appstoreetl.sandbox.analytics.RequestRegistry;
import io.appstoreetl.sandbox.analytics.SegmentDownloads;
import io.appstoreetl.sandbox.analytics.SegmentStore;
import io.appstoreetl.sandbox.auth.KeyRegistry;
import io.appstoreetl.sandbox.auth.RateLimiter;
import io.appstoreetl.sandbox.auth.TokenRejectedException;
import io.appstoreetl.sandbox.auth.TokenVerifier;
import io.appstoreetl.sandbox.data.AnalyticsData;
import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import io.appstoreetl.sandbox.sales.SalesData;
import io.appstoreetl.sandbox.sales.SalesEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.interfaces.ECPublicKey;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An App Store Connect emulator on 127.0.0.1: Apple's paths, JSON:API shapes, gzip TSV files,
 * errors and limits, with seeded data whose content {@link #groundTruth()} returns.
 *
 * <p>Routes: {@code /v1/...} is the API (every call needs a bearer token signed by a key from
 * {@link #registerKey}); {@code /sandbox-files/...} serves segment files from presigned URLs
 * without a token; {@code /sandbox/...} is the sandbox's own control surface for a client in
 * another process, also without a token:
 *
 * <ul>
 *   <li>{@code POST /sandbox/keys} with {@code {"keyId","issuerId","publicKeyPem"}} (an X.509
 *       SubjectPublicKeyInfo PEM; {@code issuerId} null for an individual key)
 *   <li>{@code POST /sandbox/clock} with {@code {"today":"YYYY-MM-DD"}}
 *   <li>{@code GET /sandbox/status}
 *   <li>{@code GET /sandbox/ground-truth?app_id=..&report=..&date=..}, {@code GET
 *       /sandbox/ground-truth/sales?date=..} and {@code GET /sandbox/ground-truth/metric-dates}
 *   <li>{@code POST /sandbox/requests/{id}/stop}, {@code POST /sandbox/faults/corrupt-downloads}
 *       with {@code {"segmentId","count"}} and {@code POST /sandbox/faults/fail-api-calls} with
 *       {@code {"count"}}
 * </ul>
 *
 * <p>Anything else gets 404 {@code PATH_ERROR}.
 *
 * <p>Test switches: {@link #markStoppedDueToInactivity}, {@link #corruptNextDownloads} and {@link
 * #failNextApiCalls}, besides those in {@link SandboxConfig}.
 */
public final class SandboxServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  /** Largest request body read; Apple's create bodies are a few hundred bytes. */
  private static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final int HANDLER_THREADS = 8;

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
  private final TokenVerifier tokenVerifier;
  private final RateLimiter rateLimiter;
  private final RequestRegistry requests;
  private final SegmentDownloads downloads;
  private final GroundTruth groundTruth;
  private final ApiRoutes apiRoutes = new ApiRoutes();
  private final ApiRoutes controlRoutes = new ApiRoutes();
  private final AtomicLong requestCount = new AtomicLong();
  private final AtomicInteger pendingFailures = new AtomicInteger();
  private final ExecutorService executor;
  private final HttpServer server;
  private final String baseUrl;

  private SandboxServer(SandboxConfig config) throws IOException {
    this.config = config;
    this.today = new AtomicReference<>(config.today());
    this.tokenVerifier = new TokenVerifier(keys, config.clock());
    this.rateLimiter = new RateLimiter(config.rateLimitPerHour(), config.clock());

    AppCatalog apps = new AppCatalog(config.seed(), config.appCount());
    InstanceCalendar calendar =
        new InstanceCalendar(config.historyStart(), config.restatementDays());
    AnalyticsData analyticsData =
        new AnalyticsData(
            config.seed(),
            Map.of(
                AnalyticsReportKind.DOWNLOADS_STANDARD, config.downloadRowsPerDay(),
                AnalyticsReportKind.ENGAGEMENT_STANDARD, config.engagementRowsPerDay()));
    SalesData salesData = new SalesData(config.seed(), apps);
    this.requests =
        new RequestRegistry(config.seed(), config.appIds(), config.ongoingRequestsAtStart());
    InstanceDirectory instances =
        new InstanceDirectory(
            config.seed(), requests, calendar, config.firstInstanceDelayDays(), today::get);
    SegmentStore store =
        new SegmentStore(
            analyticsData, calendar, config.maxRowsPerSegment(), config.segmentCacheBytes());
    PresignedUrls urls = new PresignedUrls(config.clock(), config.downloadUrlTtl());
    this.downloads =
        new SegmentDownloads(apps, store, urls, config.corruptFirstDownloadsPerSegment());
    this.groundTruth =
        new SandboxGroundTruth(
            apps, analyticsData, salesData, calendar, config.historyStart(), today::get);

    AppsEndpoints appsEndpoints = new AppsEndpoints(apps);
    AnalyticsEndpoints analytics =
        new AnalyticsEndpoints(apps, requests, instances, store, urls, today::get);
    SalesEndpoints sales =
        new SalesEndpoints(salesData, config.vendorNumber(), config.historyStart(), today::get);
    apiRoutes
        .add("/v1/apps", "GET", appsEndpoints::list)
        .add("/v1/apps/{id}", "GET", appsEndpoints::get)
        .add("/v1/apps/{id}/analyticsReportRequests", "GET", analytics::listRequestsOfApp)
        .add("/v1/analyticsReportRequests", "POST", analytics::createRequest)
        .add("/v1/analyticsReportRequests/{id}", "GET", analytics::getRequest)
        .add("/v1/analyticsReportRequests/{id}", "DELETE", analytics::deleteRequest)
        .add("/v1/analyticsReportRequests/{id}/reports", "GET", analytics::listReports)
        .add("/v1/analyticsReports/{id}", "GET", analytics::getReport)
        .add("/v1/analyticsReports/{id}/instances", "GET", analytics::listInstances)
        .add("/v1/analyticsReportInstances/{id}", "GET", analytics::getInstance)
        .add("/v1/analyticsReportInstances/{id}/segments", "GET", analytics::listSegments)
        .add("/v1/salesReports", "GET", sales::salesReport);
    new ControlEndpoints(this).register(controlRoutes);

    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    this.server = HttpServer.create(new InetSocketAddress(loopback, config.port()), 0);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            HANDLER_THREADS,
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
   * Starts a sandbox on 127.0.0.1 at the configured port (0 picks a free one).
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
   * Moves the simulated day; instances and sales reports up to the new day appear, and instances
   * older than 35 days disappear. The wall clock for tokens and URLs does not move.
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

  /** Returns the number of {@code /v1} calls received, rejected ones included. */
  public long requestCount() {
    return requestCount.get();
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
    downloads.corruptNextDownloads(segmentId, count);
  }

  /** Fails the next {@code count} authenticated API calls with 500 {@code UNEXPECTED_ERROR}. */
  public void failNextApiCalls(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("Invalid count: " + count + " (expected 0 or more)");
    }
    pendingFailures.set(count);
  }

  /** Stops the HTTP server at once; calls in progress are cut off. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    LOG.info("Sandbox at {} stopped after {} API calls", baseUrl, requestCount.get());
  }

  private void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    try {
      if (path.equals("/v1") || path.startsWith("/v1/")) {
        handleApi(exchange, method, path);
      } else if (path.startsWith(SegmentDownloads.PATH_PREFIX)) {
        QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
        write(exchange, downloads.download(method, path, query), null);
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

  private void handleApi(HttpExchange exchange, String method, String path) throws IOException {
    requestCount.incrementAndGet();
    String rateLimit = rateLimiter.headerValue(rateLimiter.limitPerHour());
    ApiResponse response;
    try {
      QueryParameters query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
      String keyId;
      try {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        keyId = tokenVerifier.verify(authorization, method, path, query);
      } catch (TokenRejectedException e) {
        LOG.debug("Rejected the token of {} {}: {}", method, path, e.getMessage());
        throw ApiErrors.notAuthorized();
      }
      RateLimiter.Decision decision = rateLimiter.acquire(keyId);
      rateLimit = rateLimiter.headerValue(decision.remaining());
      if (!decision.allowed()) {
        LOG.debug("Rate limit reached for key {} on {} {}", keyId, method, path);
        throw ApiErrors.rateLimitExceeded();
      }
      if (pendingFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        LOG.info("Answered {} {} with 500 (fault switch)", method, path);
        throw ApiErrors.unexpected();
      }
      byte[] body = readBody(exchange);
      response = apiRoutes.dispatch(method, path, query, body, baseUrl);
    } catch (ApiException e) {
      response = ApiResponse.error(e);
    }
    LOG.debug("{} {} -> {}", method, path, response.status());
    write(exchange, response, rateLimit);
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

  private static byte[] readBody(HttpExchange exchange) throws IOException {
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
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream output = exchange.getResponseBody()) {
        output.write(body);
      }
    }
  }
}
