package io.appstoreetl.extractor.reviews;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.ApiPage;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.JsonFields;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands an app's customer reviews incrementally, as the JSON pages Apple sends, newest first
 * ({@code sort=-createdDate}).
 *
 * <p>The fetch stops after the first page that contains a review created before the newest landed
 * review's {@code createdDate} minus {@link #OVERLAP}. The stop point is a time, not a review id,
 * so a landed review that was deleted since, or edited, cannot make the fetch run on through the
 * whole history; reviews in the overlap land again and curation keeps one row per review id. The
 * first fetch of an app reads every page.
 *
 * <p>Thread-safe; one app is fetched by one task at a time.
 */
public final class ReviewsExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewsExtractor.class);

  /** How far before the newest landed review a fetch reads again. */
  public static final Duration OVERLAP = Duration.ofDays(2);

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;

  public ReviewsExtractor(
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

  /** Fetches and lands the app's new reviews; failures are in the result. */
  public ReviewsResult extract(String appId) {
    try {
      KeyValues.appId(appId);
      Optional<Instant> newest = newestLandedReview(appId);
      Instant stopBefore = newest.map(time -> time.minus(OVERLAP)).orElse(null);
      return fetch(appId, stopBefore);
    } catch (IOException | InvalidKeyValueException e) {
      String message =
          "Cannot land the customer reviews of app " + appId + ": " + Failures.describe(e);
      LOG.error("{}", message);
      return new ReviewsResult(
          appId, ReviewsResult.FAILED, 0, 0, false, null, new TreeSet<>(), message);
    }
  }

  private ReviewsResult fetch(String appId, Instant stopBefore) throws IOException {
    String fetchedDate = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
    String unitKey = RawKeys.reviewsUnit(appId, fetchedDate, attemptIds.next());
    JsonApiPager pager =
        new JsonApiPager(
            client, "/v1/apps/" + appId + "/customerReviews?sort=-createdDate&limit=200");

    Manifest manifest =
        new Manifest()
            .source("reviews")
            .appId(appId)
            .fetchedDate(fetchedDate)
            .run(runId, extractorVersion);
    SortedSet<LocalDate> metricDates = new TreeSet<>();
    int reviews = 0;
    int pages = 0;
    boolean stoppedEarly = false;
    String lastId = null;
    String lastCreated = null;
    while (pager.hasNextPage()) {
      ApiPage page = pager.nextPage();
      pages++;
      String fileName = RawKeys.pageFile(pages);
      Checksums.Copied copied;
      try (OutputStream out = rawZone.createNew(unitKey + fileName)) {
        copied = Checksums.copy(new ByteArrayInputStream(page.body()), out);
      }

      int index = 0;
      boolean pastOverlap = false;
      for (JsonNode review : page.json().path("data")) {
        String where = "review " + index++ + " in the response to GET " + page.url();
        String id = JsonFields.requiredText(review, "/id", where);
        String createdText = JsonFields.requiredText(review, "/attributes/createdDate", where);
        OffsetDateTime created = parseCreated(createdText, where);
        metricDates.add(created.atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
        reviews++;
        lastId = id;
        lastCreated = createdText;
        pastOverlap |= stopBefore != null && created.toInstant().isBefore(stopBefore);
      }
      manifest.file(new ManifestFile(fileName, null, copied.sizeBytes(), copied.md5(), index));

      if (pastOverlap && pager.hasNextPage()) {
        pager.stop();
        stoppedEarly = true;
      }
    }

    manifest.metricDates(metricDates).rowCount(reviews).stoppedAt(lastId, lastCreated);
    rawZone.publishUnit(unitKey, metricDates, manifest.toJson(rawZone.mapper(), clock.instant()));
    LOG.info(
        "Landed {} ({} reviews in {} pages{})",
        unitKey,
        reviews,
        pages,
        stoppedEarly ? ", stopped at the overlap with the last fetch" : "");

    return new ReviewsResult(
        appId, ReviewsResult.COMPLETE, reviews, pages, stoppedEarly, unitKey, metricDates, null);
  }

  private static OffsetDateTime parseCreated(String text, String where)
      throws NonRetryableIOException {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new NonRetryableIOException(
          "Invalid " + where + ": createdDate " + text + " (expected ISO-8601 with an offset)");
    }
  }

  /**
   * Returns the newest {@code createdDate} of the newest landed fetch that contains reviews, read
   * from its first page (pages are newest first).
   */
  Optional<Instant> newestLandedReview(String appId) throws IOException {
    String folder = RawKeys.reviewsFolder(appId);
    List<String> days = new ArrayList<>(rawZone.listFolders(folder));
    Collections.reverse(days);
    for (String day : days) {
      List<String> landings = new ArrayList<>(rawZone.listFolders(folder + day + "/"));
      Collections.reverse(landings);
      for (String landing : landings) {
        String unitKey = folder + day + "/" + landing + "/";
        Optional<byte[]> manifestBytes = rawZone.readIfExists(unitKey + RawKeys.MANIFEST);
        if (manifestBytes.isEmpty()) {
          continue;
        }

        JsonNode manifest = rawZone.mapper().readTree(manifestBytes.get());
        if (manifest.path("row_count").asLong(0) == 0) {
          continue;
        }
        Optional<Instant> newest = newestOnFirstPage(unitKey, manifest);
        if (newest.isPresent()) {
          return newest;
        }
      }
    }

    return Optional.empty();
  }

  private Optional<Instant> newestOnFirstPage(String unitKey, JsonNode manifest)
      throws IOException {
    JsonNode firstFile = manifest.path("files").path(0).path("path");
    if (!firstFile.isTextual()) {
      return Optional.empty();
    }

    Optional<byte[]> page = rawZone.readIfExists(unitKey + firstFile.asText());
    Instant newest = null;
    if (page.isPresent()) {
      for (JsonNode review : rawZone.mapper().readTree(page.get()).path("data")) {
        try {
          Instant created =
              OffsetDateTime.parse(review.at("/attributes/createdDate").asText()).toInstant();
          newest = newest == null || created.isAfter(newest) ? created : newest;
        } catch (DateTimeParseException e) {
          // A landed page was checked when it landed; an unreadable value is skipped here.
        }
      }
    }

    return Optional.ofNullable(newest);
  }
}
