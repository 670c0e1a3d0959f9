package io.appstoreetl.extractor.ads;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.appstoreetl.extractor.ExtractorVersion;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.RateLimiter;
import io.appstoreetl.extractor.http.RetryPolicy;
import io.appstoreetl.extractor.raw.RawZone;
import java.security.PrivateKey;
import java.time.Clock;

/**
 * Builds the Apple Ads client stack from its settings: client secret, token exchange, and an API
 * client with its own rate limiter and the ad account's context header.
 */
public final class AppleAdsClients {
  /**
   * Calls per rolling minute. Apple publishes no number for the v1 API; clients report throttling
   * above about 5 requests per second, and 100 a minute stays under 2 a second.
   */
  public static final int CALLS_PER_MINUTE = 100;

  private final AppleAdsApi api;
  private final AccessTokens tokens;
  private final AppStoreConnectClient client;
  private final String adAccountId;

  private AppleAdsClients(
      AppleAdsApi api, AccessTokens tokens, AppStoreConnectClient client, String adAccountId) {
    this.api = api;
    this.tokens = tokens;
    this.client = client;
    this.adAccountId = adAccountId;
  }

  /**
   * @param allowLoopbackHttp whether the run is a sandbox run (the URLs were checked by {@link
   *     AppleAdsConfig#load})
   */
  public static AppleAdsClients create(
      AppleAdsConfig config,
      PrivateKey privateKey,
      RetryPolicy retry,
      RateLimiter rateLimiter,
      Clock clock,
      ObjectMapper mapper,
      boolean allowLoopbackHttp) {
    ClientSecret secret =
        new ClientSecret(config.clientId(), config.teamId(), config.keyId(), privateKey, clock);
    AccessTokens tokens =
        new AccessTokens(
            config.tokenUrl(),
            secret,
            retry,
            mapper,
            clock,
            AppStoreConnectClient.DEFAULT_REQUEST_TIMEOUT);
    AppStoreConnectClient client =
        AppStoreConnectClient.builder(config.apiBaseUrl(), tokens, mapper)
            .retry(retry)
            .rateLimiter(rateLimiter)
            .allowLoopbackHttp(allowLoopbackHttp)
            .clock(clock)
            .userAgent("appstore-etl-extractor/" + ExtractorVersion.get())
            .defaultHeader("X-AP-Context", AppleAdsApi.contextHeader(config.adAccountId()))
            .build();

    return new AppleAdsClients(new AppleAdsApi(client), tokens, client, config.adAccountId());
  }

  /** Returns a rate limiter for one Apple Ads API user: {@link #CALLS_PER_MINUTE}. */
  public static RateLimiter defaultRateLimiter() {
    return new RateLimiter(
        RateLimiter.DEFAULT_HOUR_LIMIT * 2,
        CALLS_PER_MINUTE,
        System::currentTimeMillis,
        Thread::sleep);
  }

  /** Returns the step a run starts, landing into {@code rawZone} with pages of {@code pageSize}. */
  public AppleAdsStep step(RawZone rawZone, Clock clock, int pageSize) {
    return (runId, attemptIds, runDate) ->
        new AppleAdsExtractor(
                api,
                adAccountId,
                rawZone,
                attemptIds,
                clock,
                runId,
                ExtractorVersion.get(),
                pageSize)
            .extract(runDate);
  }

  public AppleAdsApi api() {
    return api;
  }

  public AccessTokens tokens() {
    return tokens;
  }

  public AppStoreConnectClient client() {
    return client;
  }
}
