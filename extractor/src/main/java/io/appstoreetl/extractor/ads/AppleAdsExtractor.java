package io.appstoreetl.extractor.ads;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.ApiPage;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.http.NonRetryableIOException;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.Checksums;
import io.appstoreetl.extractor.raw.InvalidKeyValueException;
import io.appstoreetl.extractor.raw.KeyValues;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.raw.ManifestFile;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands Apple Ads search-term data: the ad account's campaign listing, then for every campaign that
 * can have search terms the DAILY search-terms report of the last {@link #LOOKBACK_DAYS} days, each
 * as the JSON pages Apple sent with a manifest written last. Apple attributes installs to a tap for
 * up to 30 days, so every run requests the whole window again and the newest landing wins.
 */
public final class AppleAdsExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(AppleAdsExtractor.class);

  /** Days re-read by every run, ending with the run's date. */
  public static final int LOOKBACK_DAYS = 30;

  public static final int DEFAULT_PAGE_SIZE = 1000;
  static final String SEARCH_RESULTS = "APPSTORE_SEARCH_RESULTS";
  static final String APP = "APPSTORE_APP";

  private final AppleAdsApi api;
  private final String adAccountId;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;
  private final int pageSize;

  /** A campaign from the listing. */
  record Campaign(String id, String name, String appId, boolean searchResults) {}

  /** The ad account's org, time zone and currency. */
  record Account(String orgId, ZoneId timeZone, String currency) {}

  public AppleAdsExtractor(
      AppleAdsApi api,
      String adAccountId,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion,
      int pageSize) {
    if (pageSize < 1 || pageSize > AppleAdsApi.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "Invalid page size: " + pageSize + " (expected 1 to " + AppleAdsApi.MAX_PAGE_SIZE + ")");
    }
    this.api = api;
    this.adAccountId = adAccountId;
    this.rawZone = rawZone;
    this.attemptIds = attemptIds;
    this.clock = clock;
    this.runId = runId;
    this.extractorVersion = extractorVersion;
    this.pageSize = pageSize;
  }

  /**
   * Lands the listing and the reports for the {@link #LOOKBACK_DAYS} days that end with {@code
   * runDate}, or with yesterday in the ad account's time zone when that is earlier. Failures are in
   * the result; one failed campaign does not stop the others.
   */
  public AppleAdsResult extract(LocalDate runDate) {
    Account account;
    List<Campaign> campaigns = new ArrayList<>();
    List<String> units = new ArrayList<>();
    try {
      account = account();
      units.add(landCampaigns(account, campaigns));
    } catch (IOException | UncheckedIOException | InvalidKeyValueException e) {
      String message =
          "Cannot list the Apple Ads campaigns of ad account "
              + adAccountId
              + ": "
              + Failures.describe(e instanceof UncheckedIOException u ? u.getCause() : e);
      LOG.error("{}", message);
      return new AppleAdsResult(
          AppleAdsResult.FAILED,
          message,
          null,
          adAccountId,
          null,
          null,
          null,
          0,
          0,
          0,
          0,
          units,
          new TreeSet<>(),
          List.of(message));
    }

    LocalDate yesterday = LocalDate.now(clock.withZone(account.timeZone())).minusDays(1);
    LocalDate end = runDate.isAfter(yesterday) ? yesterday : runDate;
    LocalDate start = end.minusDays(LOOKBACK_DAYS - 1);
    List<String> errors = new ArrayList<>();
    SortedSet<LocalDate> metricDates = new TreeSet<>();
    int reported = 0;
    int withoutSearchTerms = 0;
    long rows = 0;
    for (Campaign campaign : campaigns) {
      if (!campaign.searchResults()) {
        withoutSearchTerms++;
        LOG.info(
            "Skipping Apple Ads campaign {} ({}): it does not run on App Store search results, so it"
                + " has no search terms",
            campaign.id(),
            campaign.name());
        continue;
      }

      try {
        Landed landed = landSearchTerms(account, campaign, start, end);
        units.add(landed.unitKey());
        metricDates.addAll(landed.metricDates());
        rows += landed.rows();
        reported++;
      } catch (IOException | UncheckedIOException | InvalidKeyValueException e) {
        String message =
            "Cannot land the Apple Ads search terms of campaign "
                + campaign.id()
                + " for "
                + start
                + " to "
                + end
                + ": "
                + Failures.describe(e instanceof UncheckedIOException u ? u.getCause() : e);
        LOG.error("{}", message);
        errors.add(message);
      }
    }

    LOG.info(
        "Apple Ads: {} campaigns listed, {} search-terms reports landed ({} rows, {} to {}), {}"
            + " campaigns without search terms, {} errors",
        campaigns.size(),
        reported,
        rows,
        start,
        end,
        withoutSearchTerms,
        errors.size());
    return new AppleAdsResult(
        errors.isEmpty() ? AppleAdsResult.COMPLETE : AppleAdsResult.PARTIAL,
        null,
        account.orgId(),
        adAccountId,
        account.timeZone().getId(),
        start,
        end,
        campaigns.size(),
        reported,
        withoutSearchTerms,
        rows,
        units,
        metricDates,
        errors);
  }

  /** Finds the ad account's org in {@code GET /v1/acls} and its zone in the ad account. */
  Account account() throws IOException {
    String orgId = null;
    for (JsonNode acl : api.acls().path("result").path("acls")) {
      JsonNode adAccount = acl.path("adAccount");
      if (adAccountId.equals(adAccount.path("id").asText())) {
        orgId = adAccount.path("orgId").asText();
      }
    }
    if (orgId == null || orgId.isEmpty()) {
      throw new NonRetryableIOException(
          "ad account "
              + adAccountId
              + " is not in GET /v1/acls (expected APPLE_ADS_ACCOUNT_ID to name an ad account"
              + " that the API user can read)");
    }
    KeyValues.numericId("org id", orgId);

    JsonNode details = api.adAccount(adAccountId).path("result");
    String zoneText = details.path("timezone").asText("");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw new NonRetryableIOException(
          "Invalid timezone of ad account "
              + adAccountId
              + ": '"
              + zoneText
              + "' (expected an IANA zone such as America/Los_Angeles)");
    }
    String currency =
        details.path("currency").isTextual() ? details.path("currency").asText() : null;

    return new Account(orgId, zone, currency);
  }

  private String landCampaigns(Account account, List<Campaign> campaigns) throws IOException {
    String fetchedDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    String unitKey = RawKeys.appleAdsCampaignsUnit(account.orgId(), fetchedDate, attemptIds.next());
    Manifest manifest =
        new Manifest()
            .source("apple_ads")
            .report("campaigns", "Apple Ads campaigns")
            .fetchedDate(fetchedDate)
            .appleAdsAccount(
                account.orgId(), adAccountId, account.timeZone().getId(), account.currency())
            .run(runId, extractorVersion);

    int offset = 0;
    for (int number = 1; offset >= 0; number++) {
      checkPageCount(number, "campaign listing");
      ApiPage page = api.campaignsPage(offset, pageSize);
      JsonNode items = page.json().path("result");
      int count = 0;
      for (JsonNode item : items) {
        campaigns.add(campaign(item, page));
        count++;
      }
      manifest.file(landPage(unitKey, number, page, count));
      offset = AppleAdsApi.nextOffset(page, offset, pageSize, count);
    }

    manifest.rowCount(campaigns.size());
    rawZone.publishUnit(unitKey, List.of(), manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info("Landed {} ({} campaigns)", unitKey, campaigns.size());
    return unitKey;
  }

  private static Campaign campaign(JsonNode item, ApiPage page) throws NonRetryableIOException {
    String id = item.path("id").asText("");
    if (id.isEmpty()) {
      throw new NonRetryableIOException(
          "Invalid campaign in the response to POST " + page.url() + ": no id");
    }

    boolean searchResults = false;
    for (JsonNode placement : item.path("targeting").path("supplyPlacement").path("include")) {
      searchResults |= SEARCH_RESULTS.equals(placement.asText());
    }
    String type = item.path("promotedObjectType").asText(APP);
    String appId = item.path("promotedObjectId").asText("");

    return new Campaign(
        id,
        item.path("name").asText(""),
        appId,
        searchResults && APP.equals(type) && !appId.isEmpty());
  }

  /** The landed search-terms unit. */
  record Landed(String unitKey, long rows, SortedSet<LocalDate> metricDates) {}

  private Landed landSearchTerms(Account account, Campaign campaign, LocalDate start, LocalDate end)
      throws IOException {
    String fetchedDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    String unitKey =
        RawKeys.appleAdsSearchTermsUnit(
            account.orgId(), campaign.id(), fetchedDate, attemptIds.next());
    Manifest manifest =
        new Manifest()
            .source("apple_ads")
            .report("search_terms", "Apple Ads search terms")
            .granularity("DAILY")
            .appId(KeyValues.appId(campaign.appId()))
            .fetchedDate(fetchedDate)
            .appleAdsAccount(
                account.orgId(), adAccountId, account.timeZone().getId(), account.currency())
            .appleAdsReport(campaign.id(), start, end)
            .run(runId, extractorVersion);

    SortedSet<LocalDate> metricDates = new TreeSet<>();
    long rows = 0;
    int offset = 0;
    for (int number = 1; offset >= 0; number++) {
      checkPageCount(number, "search-terms report of campaign " + campaign.id());
      ApiPage page = api.searchTermsPage(campaign.id(), start, end, offset, pageSize);
      int count = 0;
      for (JsonNode row : page.json().path("result").path("rows")) {
        for (JsonNode metrics : row.path("granularMetrics")) {
          metricDates.add(metricDate(metrics, page));
        }
        count++;
      }
      rows += count;
      manifest.file(landPage(unitKey, number, page, count));
      offset = AppleAdsApi.nextOffset(page, offset, pageSize, count);
    }

    manifest.metricDates(metricDates).rowCount(rows);
    List<LocalDate> indexDates = start.datesUntil(end.plusDays(1)).toList();
    rawZone.publishUnit(unitKey, indexDates, manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info(
        "Landed {} (campaign {}, app {}, {} rows, {} to {})",
        unitKey,
        campaign.id(),
        campaign.appId(),
        rows,
        start,
        end);
    return new Landed(unitKey, rows, metricDates);
  }

  private static LocalDate metricDate(JsonNode metrics, ApiPage page)
      throws NonRetryableIOException {
    String text = metrics.path("date").asText("");
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new NonRetryableIOException(
          "Invalid granularMetrics[].date in the response to POST "
              + page.url()
              + ": '"
              + text
              + "' (expected YYYY-MM-DD)");
    }
  }

  private ManifestFile landPage(String unitKey, int number, ApiPage page, int items)
      throws IOException {
    String fileName = RawKeys.pageFile(number);
    Checksums.Copied copied;
    try (OutputStream out = rawZone.createNew(unitKey + fileName)) {
      copied = Checksums.copy(new ByteArrayInputStream(page.body()), out);
    }

    return new ManifestFile(fileName, null, copied.sizeBytes(), copied.md5(), items);
  }

  private static void checkPageCount(int number, String what) throws NonRetryableIOException {
    if (number > AppleAdsApi.MAX_PAGES) {
      throw new NonRetryableIOException(
          "The " + what + " did not end after " + AppleAdsApi.MAX_PAGES + " pages");
    }
  }
}
