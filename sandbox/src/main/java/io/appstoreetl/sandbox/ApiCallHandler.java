package io.appstoreetl.sandbox;

import com.sun.net.httpserver.HttpExchange;
import io.appstoreetl.sandbox.auth.RateLimiter;
import io.appstoreetl.sandbox.auth.TokenRejectedException;
import io.appstoreetl.sandbox.auth.TokenVerifier;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.http.ApiErrors;
import io.appstoreetl.sandbox.http.ApiException;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one {@code /v1} call in Apple's order: token, rate limit, then the route, with the fault
 * switches that act on the way (401, 429, 5xx, stalls, delays and broken JSON).
 */
final class ApiCallHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiCallHandler.class);

  /**
   * The response to send, or none for a stalled call.
   *
   * @param response the response, or null when the call was stalled until the server closed
   * @param rateLimit the {@code X-Rate-Limit} header value
   */
  record Outcome(ApiResponse response, String rateLimit) {}

  private final TokenVerifier tokenVerifier;
  private final Set<String> receivedTokens = ConcurrentHashMap.newKeySet();
  private final RateLimiter rateLimiter;
  private final RetryAfterFormat rateLimitRetryAfter;
  private final FaultSwitches faults;
  private final ResponseFaults responseFaults;
  private final ApiRoutes routes;
  private final TrafficCounters counters;
  private final Clock clock;
  private final Runnable awaitClose;

  ApiCallHandler(
      TokenVerifier tokenVerifier,
      RateLimiter rateLimiter,
      RetryAfterFormat rateLimitRetryAfter,
      FaultSwitches faults,
      ApiRoutes routes,
      TrafficCounters counters,
      Clock clock,
      Runnable awaitClose) {
    this.tokenVerifier = tokenVerifier;
    this.rateLimiter = rateLimiter;
    this.rateLimitRetryAfter = rateLimitRetryAfter;
    this.faults = faults;
    this.responseFaults = new ResponseFaults(faults);
    this.routes = routes;
    this.counters = counters;
    this.clock = clock;
    this.awaitClose = awaitClose;
  }

  Outcome handle(HttpExchange exchange, String method, String path, String baseUrl)
      throws IOException {
    counters.countApiCall();
    if (faults.take(CountedFault.STALL_API)) {
      LOG.info("Stalling {} {} until the sandbox stops (fault switch)", method, path);
      awaitClose.run();
      return new Outcome(null, null);
    }

    String rateLimit = rateLimiter.headerValueWithoutUse();
    ApiResponse response;
    QueryParameters query = QueryParameters.parse(null);
    try {
      query = QueryParameters.parse(exchange.getRequestURI().getRawQuery());
      String keyId = verifyToken(exchange, method, path, query);
      RateLimiter.Decision decision = rateLimiter.acquire(keyId);
      rateLimit = rateLimiter.headerValue(decision);
      if (!decision.allowed()) {
        LOG.debug("Rate limit reached for key {} on {} {}", keyId, method, path);
        throw rateLimited(rateLimitRetryAfter, decision.retryAfter());
      }
      response = injectedFailure(method, path);
      if (response == null) {
        byte[] body = SandboxServer.readBody(exchange);
        response = routes.dispatch(method, path, query, body, baseUrl);
        response = responseFaults.apply(response, baseUrl, path, query);
      }
    } catch (ApiException e) {
      response = ApiResponse.error(e);
    }
    LOG.debug("{} {} -> {}", method, path, response.status());
    delay();
    return new Outcome(response, rateLimit);
  }

  /** Returns every distinct bearer token received so far, valid or not. */
  Set<String> receivedTokens() {
    return Set.copyOf(receivedTokens);
  }

  private String verifyToken(
      HttpExchange exchange, String method, String path, QueryParameters query) {
    try {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null && authorization.startsWith("Bearer ")) {
        receivedTokens.add(authorization.substring("Bearer ".length()).strip());
      }
      String keyId = tokenVerifier.verify(authorization, method, path, query);
      if (faults.take(CountedFault.UNAUTHORIZED)) {
        LOG.info("Answered {} {} with 401 despite a valid token (fault switch)", method, path);
        throw ApiErrors.notAuthorized();
      }
      return keyId;
    } catch (TokenRejectedException e) {
      LOG.debug("Rejected the token of {} {}: {}", method, path, e.getMessage());
      throw ApiErrors.notAuthorized();
    }
  }

  /** Returns the response of an injected 429 or 5xx, or null when no such fault is armed. */
  private ApiResponse injectedFailure(String method, String path) {
    if (faults.take(CountedFault.THROTTLE)) {
      LOG.info("Answered {} {} with 429 (fault switch)", method, path);
      throw rateLimited(faults.throttleRetryAfter(), faults.throttleRetryDelay());
    }
    if (!faults.take(CountedFault.SERVER_ERROR)) {
      return null;
    }
    int status = faults.serverErrorStatus();
    LOG.info("Answered {} {} with {} (fault switch)", method, path, status);
    if (status == 500) {
      throw ApiErrors.unexpected();
    }
    return gatewayError(status);
  }

  private ApiException rateLimited(RetryAfterFormat format, Duration wait) {
    ApiException limited = ApiErrors.rateLimitExceeded();
    String retryAfter = format.headerValue(clock.millis(), Math.max(0, wait.toMillis()));
    if (retryAfter == null) {
      return limited;
    }
    return new ApiException(limited.error(), Map.of("Retry-After", retryAfter));
  }

  private void delay() {
    Duration delay = faults.apiResponseDelay();
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns a 502, 503 or 504 from a gateway in front of the API, which sends an HTML page.
   *
   * <p>NOTE: the body Apple's front end sends with these statuses has not been recorded. An HTML
   * page is what gateways commonly send.
   */
  private static ApiResponse gatewayError(int status) {
    String html =
        "<html><head><title>"
            + status
            + "</title></head><body><h1>"
            + status
            + " Service Error</h1></body></html>\n";
    return new ApiResponse(
        status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
