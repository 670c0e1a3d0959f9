package io.appstoreetl.extractor.ads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.auth.BearerTokens;
import io.appstoreetl.extractor.http.ApiException;
import io.appstoreetl.extractor.http.NonRetryableIOException;
import io.appstoreetl.extractor.http.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apple Ads access tokens from the OAuth client-credentials exchange: {@code POST} to the token URL
 * with a form body of {@code grant_type=client_credentials}, {@code client_id}, {@code
 * client_secret} (the {@link ClientSecret}) and {@code scope=searchadsorg}. A token is reused until
 * {@link #RENEW_BEFORE_EXPIRY} before its {@code expires_in} runs out; {@link #refresh()} gets a
 * new one after the API rejected the current one. Transport failures, 429 and 5xx of the exchange
 * are retried through the extractor's {@link RetryPolicy}. Thread-safe.
 *
 * <p>The {@link BearerTokens} methods cannot throw {@link IOException}, so a failed exchange is
 * thrown as {@link UncheckedIOException}. Neither the secret nor a token is ever logged or put in
 * an error message.
 */
public final class AccessTokens implements BearerTokens {
  private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
  public static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);
  public static final String SCOPE = "searchadsorg";
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final URI tokenUrl;
  private final ClientSecret clientSecret;
  private final RetryPolicy retry;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Duration timeout;

  private String token; // guarded by this
  private Instant renewAt; // guarded by this
  private int exchanges; // guarded by this

  public AccessTokens(
      URI tokenUrl,
      ClientSecret clientSecret,
      RetryPolicy retry,
      ObjectMapper mapper,
      Clock clock,
      Duration timeout) {
    this.tokenUrl = tokenUrl;
    this.clientSecret = clientSecret;
    this.retry = retry;
    this.mapper = mapper;
    this.clock = clock;
    this.timeout = timeout;
    // The token endpoint never redirects, and following one could carry the secret elsewhere.
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public synchronized String current() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      exchange();
    }

    return token;
  }

  @Override
  public synchronized String refresh() {
    exchange();
    return token;
  }

  /** Returns how many token exchanges succeeded, for the run summary and tests. */
  public synchronized int exchanges() {
    return exchanges;
  }

  private void exchange() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientSecret.clientId());
    form.put("client_secret", clientSecret.current());
    form.put("scope", SCOPE);
    String body =
        form.entrySet().stream()
            .map(
                entry ->
                    URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();

    Instant requestedAt = clock.instant();
    JsonNode response;
    try {
      response = retry.run("POST " + tokenUrl, attempt -> send(request));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot get an Apple Ads access token from " + tokenUrl + ": " + e.getMessage(), e);
    }

    JsonNode accessToken = response.path("access_token");
    JsonNode expiresIn = response.path("expires_in");
    if (!accessToken.isTextual()
        || accessToken.asText().isEmpty()
        || !expiresIn.canConvertToLong()) {
      throw new UncheckedIOException(
          new NonRetryableIOException(
              "Invalid response from the Apple Ads token endpoint "
                  + tokenUrl
                  + ": expected access_token and expires_in, got the fields "
                  + fieldNames(response)));
    }

    Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
    Duration reuse = lifetime.minus(RENEW_BEFORE_EXPIRY);
    if (reuse.isNegative()) {
      reuse = lifetime.dividedBy(2);
    }
    token = accessToken.asText();
    renewAt = requestedAt.plus(reuse);
    exchanges++;
    LOG.info(
        "Got an Apple Ads access token from {} valid for {} s", tokenUrl, lifetime.toSeconds());
  }

  private JsonNode send(HttpRequest request) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted during POST " + tokenUrl);
    }

    byte[] body = response.body();
    if (body.length > MAX_BODY_BYTES) {
      body = java.util.Arrays.copyOf(body, MAX_BODY_BYTES);
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(value -> RetryPolicy.parseRetryAfter(value, clock.instant()))
              .orElse(null);
      // OAuth errors are {"error": "invalid_client", "error_description": ...}; they name no
      // secret.
      String code = null;
      try {
        JsonNode error = mapper.readTree(body).path("error");
        code = error.isTextual() ? error.asText() : null;
      } catch (IOException | RuntimeException e) {
        // Not an OAuth error document, so the status alone describes the failure.
      }
      throw new ApiException(
          "POST",
          tokenUrl.toString(),
          status,
          code,
          status == 400 || status == 401
              ? "check APPLE_ADS_CLIENT_ID, APPLE_ADS_TEAM_ID, APPLE_ADS_KEY_ID and the key file"
              : null,
          new byte[0],
          retryAfter);
    }

    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new NonRetryableIOException(
          "Invalid JSON from the Apple Ads token endpoint " + tokenUrl, null);
    }
  }

  private static String fieldNames(JsonNode node) {
    StringBuilder names = new StringBuilder("[");
    node.fieldNames()
        .forEachRemaining(name -> names.append(names.length() > 1 ? ", " : "").append(name));
    return names.append(']').toString();
  }
}
