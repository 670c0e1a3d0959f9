package io.appstoreetl.extractor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.appstoreetl.extractor.auth.BearerTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Store Connect API client: sends {@code Authorization: Bearer}, turns non-2xx responses
 * into {@link ApiException}, retries through {@link RetryPolicy}, and on a 401 mints a fresh token
 * and tries once more. Thread-safe.
 *
 * <p>Presigned segment URLs are fetched without the {@code Authorization} header, and only their
 * path is ever logged, because the query string contains the signature.
 *
 * <p>NOTE: the request timeout bounds the wait for the response headers only. Java's HTTP client
 * has no read timeout, so a streamed body that stalls midway is not timed out.
 */
public final class AppStoreConnectClient {
  private static final Logger LOG = LoggerFactory.getLogger(AppStoreConnectClient.class);
  private static final int MAX_ERROR_BODY_BYTES = 1024 * 1024;

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Reads a successful streamed response body; called once per try. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(InputStream body, int attemptNumber) throws IOException;
  }

  private final URI baseUrl;
  private final String basePrefix;
  private final BearerTokens tokens;
  private final RetryPolicy retry;
  private final HttpClient apiHttp;
  private final HttpClient downloadHttp;
  private final Duration requestTimeout;
  private final ObjectMapper mapper;
  private final boolean allowLoopbackHttp;
  private final Clock clock;
  private final String userAgent;

  /**
   * @param allowLoopbackHttp whether {@code http://} segment URLs on a loopback host are fetched
   *     (the sandbox); otherwise only {@code https://} ones are
   */
  public AppStoreConnectClient(
      URI baseUrl,
      BearerTokens tokens,
      RetryPolicy retry,
      Duration connectTimeout,
      Duration requestTimeout,
      ObjectMapper mapper,
      boolean allowLoopbackHttp,
      Clock clock,
      String userAgent) {
    String base = baseUrl.toString();
    this.basePrefix = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.baseUrl = URI.create(basePrefix);
    this.tokens = tokens;
    this.retry = retry;
    // The API never needs a redirect, and following one could carry the bearer token elsewhere.
    this.apiHttp =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.downloadHttp =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.requestTimeout = requestTimeout;
    this.mapper = mapper;
    this.allowLoopbackHttp = allowLoopbackHttp;
    this.clock = clock;
    this.userAgent = userAgent;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public ObjectMapper mapper() {
    return mapper;
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
    URI url = resolve(pathOrUrl);

    return withToken(
        "GET",
        url,
        token -> request(url, token).header("Accept", "application/json").GET().build(),
        (body, attempt) -> parseJson(body));
  }

  /** Sends a POST with a JSON body and parses the JSON response. */
  public JsonNode postJson(String path, JsonNode document) throws IOException {
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
        (body, attempt) -> parseJson(body));
  }

  /**
   * Sends an authorized GET and hands the streamed body of a 2xx response to {@code reader}. Each
   * retry calls {@code reader} again with a new body.
   */
  public <T> T getStream(String pathOrUrl, BodyReader<T> reader) throws IOException {
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
        "GET " + loggable, attempt -> send(downloadHttp, request, loggable, reader, attempt));
  }

  private HttpRequest.Builder request(URI url, String token) {
    return HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("User-Agent", userAgent)
        .header("Authorization", "Bearer " + token);
  }

  @FunctionalInterface
  private interface RequestBuilder {
    HttpRequest build(String token);
  }

  private <T> T withToken(String method, URI url, RequestBuilder builder, BodyReader<T> reader)
      throws IOException {
    String description = method + " " + url;
    try {
      return retry.run(
          description,
          attempt ->
              send(apiHttp, builder.build(tokens.current()), url.toString(), reader, attempt));
    } catch (ApiException e) {
      if (e.status() != 401) {
        throw e;
      }

      LOG.warn("{} was rejected with HTTP 401; retrying once with a fresh token", description);
      String fresh = tokens.refresh();

      return retry.run(
          description,
          attempt -> send(apiHttp, builder.build(fresh), url.toString(), reader, attempt));
    }
  }

  private <T> T send(
      HttpClient client, HttpRequest request, String loggableUrl, BodyReader<T> reader, int attempt)
      throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(
          "Interrupted during " + request.method() + " " + loggableUrl);
    }

    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return reader.read(body, attempt);
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
      JsonNode first = mapper.readTree(body).path("errors").path(0);
      code = first.path("code").isTextual() ? first.path("code").asText() : null;
      detail = first.path("detail").isTextual() ? first.path("detail").asText() : null;
    } catch (IOException | RuntimeException e) {
      // Not Apple's JSON error document (S3 sends XML, 406 sends plain text): keep the body only.
    }

    return new ApiException(method, loggableUrl, status, code, detail, body, retryAfter);
  }

  private JsonNode parseJson(InputStream body) throws IOException {
    byte[] bytes = body.readAllBytes();
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }

    return mapper.readTree(bytes);
  }
}
