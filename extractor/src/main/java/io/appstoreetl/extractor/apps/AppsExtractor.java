package io.appstoreetl.extractor.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.ApiPage;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.JsonFields;
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
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the list of apps the key can see ({@code GET /v1/apps}: id, name, bundle id, SKU) as the
 * JSON pages Apple sends, and returns their ids so that a run can cover every app. A unit of apps
 * contains no metric date and gets no index entry.
 */
public final class AppsExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(AppsExtractor.class);
  private static final String PATH = "/v1/apps?fields[apps]=name,bundleId,sku&limit=200";

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;

  public AppsExtractor(
      AppStoreConnectClient client,
      RawZone rawZone,
      AttemptIds attemptIds,
      Clock clock,
      String runId,
      String extractorVersion) {
    this.client = client;
    this.rawZone = rawZone;
    this.attemptIds = attemptIds;
    this.clock = clock;
    this.runId = runId;
    this.extractorVersion = extractorVersion;
  }

  /** Lists and lands the apps; failures are in the result. */
  public AppsResult extract() {
    try {
      return land();
    } catch (IOException | InvalidKeyValueException e) {
      String message = "Cannot list the apps of the API key: " + Failures.describe(e);
      LOG.error("{}", message);
      return new AppsResult(AppsResult.FAILED, List.of(), 0, null, message);
    }
  }

  private AppsResult land() throws IOException {
    String fetchedDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    String unitKey = RawKeys.appsUnit(fetchedDate, attemptIds.next());
    Manifest manifest =
        new Manifest().source("apps").fetchedDate(fetchedDate).run(runId, extractorVersion);

    Set<String> appIds = new LinkedHashSet<>();
    List<ManifestFile> files = new ArrayList<>();
    JsonApiPager pager = new JsonApiPager(client, PATH);
    int pages = 0;
    while (pager.hasNextPage()) {
      ApiPage page = pager.nextPage();
      pages++;
      int index = 0;
      for (JsonNode app : page.json().path("data")) {
        String where = "app " + index++ + " in the response to GET " + page.url();
        appIds.add(KeyValues.appId(JsonFields.requiredText(app, "/id", where)));
      }

      String fileName = RawKeys.pageFile(pages);
      Checksums.Copied copied;
      try (OutputStream out = rawZone.createNew(unitKey + fileName)) {
        copied = Checksums.copy(new ByteArrayInputStream(page.body()), out);
      }
      files.add(new ManifestFile(fileName, null, copied.sizeBytes(), copied.md5(), index));
    }

    files.forEach(manifest::file);
    manifest.rowCount(appIds.size());
    rawZone.publishUnit(unitKey, List.of(), manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info("Landed {} ({} apps in {} pages)", unitKey, appIds.size(), pages);

    return new AppsResult(AppsResult.COMPLETE, List.copyOf(appIds), pages, unitKey, null);
  }
}
