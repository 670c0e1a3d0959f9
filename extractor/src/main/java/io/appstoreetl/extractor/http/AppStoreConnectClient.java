package io.appstoreetl.extractor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.appstoreetl.extractor.auth.BearerTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Store Connect API client: sends {@code Authorization: Bearer}, turns non-2xx responses
 * into {@link ApiException}, retries through {@link RetryPolicy}, and on a 401 mints a fresh token
 * and tries once more. Every API call first takes its turn from the key's {@link RateLimiter} and
 * is counted in {@link ApiStats}. Thread-safe.
 *
 * <p>Presigned segment URLs are fetched without the {@code Authorization} header and without the
 * rate limiter, and only their path is ever logged, because the query string contains the
 * signature.
 *
 * <p>Timeouts: the connect timeout bounds each connection, the request timeout the wait for the
 * response headers, and the read timeout every wait for the next bytes of a body ({@link
 * StallTimeoutBody}), so no call can hang.
 */
public final class AppStoreConnectClient {
  private static final Logger LOG = LoggerFactory.getLogger(AppStoreConnectClient.class);
  private static final int MAX_ERROR_BODY_BYTES = 1024 * 1024;

  /** Maximum pause that a {@code RateLimit-Reset} header can cause; Apple publishes no window. */
  static final Duration MAX_QUOTA_PAUSE = Duration.ofHours(1);

  /** Largest JSON response read; Apple's largest pages (200 reviews) are a few MiB at most. */
  public static final int MAX_JSON_BYTES = 32 * 1024 * 1024;

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** Reads a successful streamed response body; called once per try. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body, int attemptNumber) throws IOException;
  }

  /** A successful response's content type and body, handed to a {@link TypedBodyReader}. */
  @FunctionalInterface
  public interface TypedBodyReader<T> {
    T read(String contentType, InputStream body, int attemptNumber) throws IOException;
  }

  private final URI baseUrl;
  private final String basePrefix;
  private final BearerTokens tokens;
  private final RetryPolicy retry;
  private final RateLimiter rateLimiter;
  private final ApiStats stats;
  private final HttpClient apiHttp;
  private final HttpClient downloadHttp;
  private final Duration requestTimeout;
  private final long readTimeoutMs;
  private final ObjectMapper mapper;
  private final boolean allowLoopbackHttp;
  private final Clock clock;
  private final String userAgent;
  private final Map<String, String> defaultHeaders;

  private AppStoreConnectClient(Builder builder) {
    String base = builder.baseUrl.toString();
    this.basePrefix = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.baseUrl = URI.create(basePrefix);
    this.tokens = builder.tokens;
    this.retry = builder.retry;
    this.rateLimiter = builder.rateLimiter;
    this.stats = new ApiStats();
    // The API never needs a redirect, and following one could carry the bearer token elsewhere.
    this.apiHttp =
        HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.downloadHttp =
        HttpClient.newBuilder()
            .connectTimeout(builder.connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.requestTimeout = builder.requestTimeout;
    this.readTimeoutMs = Math.max(1, builder.readTimeout.toMillis());
    this.mapper = builder.mapper;
    this.allowLoopbackHttp = builder.allowLoopbackHttp;
    this.clock = builder.clock;
    this.userAgent = builder.userAgent;
    this.defaultHeaders = Map.copyOf(builder.defaultHeaders);
  }

  /** Starts a client for {@code baseUrl}; every other setting has a default. */
  public static Builder builder(URI baseUrl, BearerTokens tokens, ObjectMapper mapper) {
    return new Builder(baseUrl, tokens, mapper);
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ApiStats stats() {
    return stats;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * Turns an API path ({@code /v1/...}) into a URL on the base URL, or checks that an absolute URL
   * (a {@code links.next}) is on the API's origin, so that the bearer token goes nowhere else.
   */
  public URI resolve(String pathOrUrl) throws IOException {
    if (pathOrUrl.startsWith("/")) {
      return Urls.parse(basePrefix + pathOrUrl);
    }

    URI url;
    try {
      url = Urls.parse(pathOrUrl);
    } catch (IllegalArgumentException e) {
      throw new NonRetryableIOException(
          "Invalid API URL: " + pathOrUrl + " (" + e.getMessage() + ")", e);
    }
    if (!Urls.sameOrigin(url, baseUrl)) {
      throw new NonRetryableIOException(
          "Cannot follow " + Urls.withoutQuery(url) + ": it is not on the API origin " + baseUrl);
    }

    return url;
  }

  /** Sends a GET and parses the JSON body; a 204 or empty body gives a missing node. */
  public JsonNode getJson(String pathOrUrl) throws IOException {
    return getPage(pathOrUrl).json();
  }

  /**
   * Sends a GET and returns the JSON body as received and parsed.
   *
   * @throws NonRetryableIOException when the content type is not JSON, the body is larger than
   *     {@link #MAX_JSON_BYTES} or is not valid JSON
   */
  public ApiPage getPage(String pathOrUrl) throws IOException {
    URI url = resolve(pathOrUrl);

    return withToken(
        "GET",
        url,
        token -> request(url, token).header("Accept", "application/json").GET().build(),
        (contentType, body, attempt) -> readJson("GET", url, contentType, body));
  }

  /** Sends a POST with a JSON body and parses the JSON response. */
  public JsonNode postJson(String path, JsonNode document) throws IOException {
    return postPage(path, document).json();
  }

  /**
   * Sends a POST with a JSON body and returns the JSON response as received and parsed, for landing
   * the body unchanged.
   */
  public ApiPage postPage(String path, JsonNode document) throws IOException {
    URI url = resolve(path);
    byte[] bytes = mapper.writeValueAsBytes(document);

    return withToken(
        "POST",
        url,
        token ->
            request(url, token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
        (contentType, body, attempt) -> readJson("POST", url, contentType, body));
  }

  /** Sends a DELETE, which Apple acknowledges with 204 and no body. */
  public void delete(String path) throws IOException {
    URI url = resolve(path);
    withToken(
        "DELETE",
        url,
        token -> request(url, token).DELETE().build(),
        (contentType, body, attempt) -> {
          body.readNBytes(MAX_ERROR_BODY_BYTES);
          return null;
        });
  }

  /**
   * Sends an authorized GET and hands the content type and streamed body of a 2xx response to
   * {@code reader}. Each retry calls {@code reader} again with a new body.
   */
  public <T> T getStream(String pathOrUrl, TypedBodyReader<T> reader) throws IOException {
    URI url = resolve(pathOrUrl);

    return withToken("GET", url, token -> request(url, token).GET().build(), reader);
  }

  /**
   * Downloads a presigned URL without the {@code Authorization} header and hands the streamed body
   * to {@code reader}, once per try.
   */
  public <T> T download(URI presignedUrl, BodyReader<T> reader) throws IOException {
    String loggable = Urls.withoutQuery(presignedUrl);
    String scheme =
        presignedUrl.getScheme() == null ? "" : presignedUrl.getScheme().toLowerCase(Locale.ROOT);
    boolean allowed =
        scheme.equals("https")
            || (scheme.equals("http")
                && allowLoopbackHttp
                && Urls.isLoopbackHost(presignedUrl.getHost()));
    if (!allowed) {
      throw new NonRetryableIOException(
          "Invalid download URL: "
              + loggable
              + " (expected https://, or http:// on a loopback host with --sandbox)");
    }

    HttpRequest request =
        HttpRequest.newBuilder(presignedUrl)
            .timeout(requestTimeout)
            .header("User-Agent", userAgent)
            .GET()
            .build();

    return retry.run(
        "GET " + loggable,
        attempt -> {
          stats.fileDownload();
          return send(
              downloadHttp,
              request,
              loggable,
              (contentType, body, number) -> reader.read(body, number),
              attempt,
              false /* not an API call */);
        });
  }

  private HttpRequest.Builder request(URI url, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .timeout(requestTimeout)
            .header("User-Agent", userAgent)
            .header("Authorization", "Bearer " + token);
    defaultHeaders.forEach(builder::header);

    return builder;
  }

  @FunctionalInterface
  private interface RequestBuilder {
    HttpRequest build(String token);
  }

  private <T> T withToken(String method, URI url, RequestBuilder builder, TypedBodyReader<T> reader)
      throws IOException {
    String description = method + " " + url;
    try {
      return retry.run(
          description,
          attempt -> sendApi(builder.build(tokens.current()), url.toString(), reader, attempt));
    } catch (ApiException e) {
      if (e.status() != 401) {
        throw e;
      }

      LOG.warn("{} was rejected with HTTP 401; retrying once with a fresh token", description);
      String fresh = tokens.refresh();

      return retry.run(
          description, attempt -> sendApi(builder.build(fresh), url.toString(), reader, attempt));
    }
  }

  private <T> T sendApi(
      HttpRequest request, String loggableUrl, TypedBodyReader<T> reader, int attempt)
      throws IOException {
    rateLimiter.acquire();
    stats.apiCall();
    try {
      return send(apiHttp, request, loggableUrl, reader, attempt, true /* API call */);
    } catch (ApiException e) {
      if (e.status() == 429) {
        rateLimiter.onRateLimited(e.retryAfter().orElse(null));
      }
      throw e;
    }
  }

  /**
   * Pauses every caller of the rate limiter until the quota window resets when a response reports
   * that none of it remains. Apple Ads sends {@code RateLimit-Remaining} and {@code
   * RateLimit-Reset} (seconds until the window resets) on every response. App Store Connect sends
   * neither, and its {@code X-Rate-Limit} header is read by the rate limiter itself. A value that
   * is not a number is ignored, and the pause is at most {@link #MAX_QUOTA_PAUSE}, so a wrong
   * header cannot stop the extractor for longer.
   */
  private void pauseWhenQuotaSpent(HttpHeaders headers, String description) {
    Optional<String> remaining = headers.firstValue("RateLimit-Remaining");
    Optional<String> reset = headers.firstValue("RateLimit-Reset");
    if (remaining.isEmpty() || reset.isEmpty()) {
      return;
    }
    long remainingCalls;
    long resetSeconds;
    try {
      remainingCalls = Long.parseLong(remaining.get().trim());
      resetSeconds = Long.parseLong(reset.get().trim());
    } catch (NumberFormatException e) {
      return;
    }
    if (remainingCalls > 0 || resetSeconds <= 0) {
      return;
    }
    Duration pause = Duration.ofSeconds(resetSeconds);
    if (pause.compareTo(MAX_QUOTA_PAUSE) > 0) {
      pause = MAX_QUOTA_PAUSE;
    }
    LOG.warn(
        "{} used the last call of the API quota; pausing API calls for {} s until it resets",
        description,
        pause.toSeconds());
    rateLimiter.onRateLimited(pause);
  }

  private <T> T send(
      HttpClient client,
      HttpRequest request,
      String loggableUrl,
      TypedBodyReader<T> reader,
      int attempt,
      boolean apiCall)
      throws IOException {
    String description = request.method() + " " + loggableUrl;
    HttpResponse<InputStream> response;
    try {
      response =
          client.send(
              request,
              info -> new StallTimeoutBody(readTimeoutMs, description, stats::bytesReceived));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted during " + description);
    }

    if (apiCall) {
      response
          .headers()
          .firstValue(RateLimitHeader.NAME)
          .ifPresent(value -> rateLimiter.onResponse(RateLimitHeader.parse(value)));
      pauseWhenQuotaSpent(response.headers(), description);
    }

    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return reader.read(contentType, body, attempt);
      }

      byte[] errorBody = body.readNBytes(MAX_ERROR_BODY_BYTES);
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(value -> RetryPolicy.parseRetryAfter(value, clock.instant()))
              .orElse(null);
      throw apiException(request.method(), loggableUrl, status, errorBody, retryAfter);
    }
  }

  private ApiException apiException(
      String method, String loggableUrl, int status, byte[] body, Duration retryAfter) {
    String code = null;
    String detail = null;
    try {
      JsonNode document = mapper.readTree(body);
      JsonNode first = document.path("errors").path(0);
      if (first.isMissingNode() && document.path("error").isObject()) {
        // The Apple Ads API sends {"error": {"code", "message"}} instead of JSON:API errors.
        first = document.path("error");
        detail = first.path("message").isTextual() ? first.path("message").asText() : null;
      } else {
        detail = first.path("detail").isTextual() ? first.path("detail").asText() : null;
      }
      code = first.path("code").isTextual() ? first.path("code").asText() : null;
    } catch (IOException | RuntimeException e) {
      // Not Apple's JSON error document (S3 sends XML, 406 sends plain text): keep the body only.
    }

    return new ApiException(method, loggableUrl, status, code, detail, body, retryAfter);
  }

  private ApiPage readJson(String method, URI url, String contentType, InputStream body)
      throws IOException {
    String where = method + " " + url;
    if (contentType != null && !isJson(contentType)) {
      throw new NonRetryableIOException(
          "Invalid response to "
              + where
              + ": Content-Type "
              + contentType
              + " (expected application/json)");
    }

    byte[] bytes = body.readNBytes(MAX_JSON_BYTES + 1);
    if (bytes.length > MAX_JSON_BYTES) {
      throw new NonRetryableIOException(
          "Invalid response to "
              + where
              + ": the JSON body is larger than "
              + MAX_JSON_BYTES
              + " bytes");
    }
    if (bytes.length == 0) {
      return new ApiPage(url.toString(), bytes, MissingNode.getInstance());
    }

    try {
      return new ApiPage(url.toString(), bytes, mapper.readTree(bytes));
    } catch (JsonProcessingException e) {
      // The original message leaves out the body excerpt, which may contain presigned URLs.
      throw new NonRetryableIOException(
          "Invalid JSON in the response to "
              + where
              + ": "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr(),
          null);
    }
  }

  /** Accepts {@code application/json}, {@code application/vnd.api+json} and other {@code +json}. */
  static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);

    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  /** Settings of a client; each has a default except the base URL, tokens and mapper. */
  public static final class Builder {
    private final URI baseUrl;
    private final BearerTokens tokens;
    private final ObjectMapper mapper;
    private RetryPolicy retry = RetryPolicy.defaults();
    private RateLimiter rateLimiter;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private boolean allowLoopbackHttp;
    private Clock clock = Clock.systemUTC();
    private String userAgent = "appstore-etl-extractor";
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

    private Builder(URI baseUrl, BearerTokens tokens, ObjectMapper mapper) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
      this.tokens = Objects.requireNonNull(tokens, "tokens == null");
      this.mapper = Objects.requireNonNull(mapper, "mapper == null");
    }

    public Builder retry(RetryPolicy value) {
      this.retry = Objects.requireNonNull(value, "retry == null");
      return this;
    }

    /** Sets the limiter of the API key; pass the same one to every client of that key. */
    public Builder rateLimiter(RateLimiter value) {
      this.rateLimiter = Objects.requireNonNull(value, "rateLimiter == null");
      return this;
    }

    public Builder timeouts(Duration connect, Duration request, Duration read) {
      this.connectTimeout = Objects.requireNonNull(connect, "connect == null");
      this.requestTimeout = Objects.requireNonNull(request, "request == null");
      this.readTimeout = Objects.requireNonNull(read, "read == null");
      return this;
    }

    /**
     * Sets whether {@code http://} segment URLs on a loopback host are fetched (the sandbox);
     * otherwise only {@code https://} ones are. No setting turns TLS certificate checks off.
     */
    public Builder allowLoopbackHttp(boolean value) {
      this.allowLoopbackHttp = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock == null");
      return this;
    }

    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent == null");
      return this;
    }

    /** Adds a header that every API request carries, such as the Apple Ads context header. */
    public Builder defaultHeader(String name, String value) {
      defaultHeaders.put(
          Objects.requireNonNull(name, "name == null"),
          Objects.requireNonNull(value, "value == null"));
      return this;
    }

    public AppStoreConnectClient build() {
      if (rateLimiter == null) {
        rateLimiter = RateLimiter.defaults();
      }
      return new AppStoreConnectClient(this);
    }
  }
}
