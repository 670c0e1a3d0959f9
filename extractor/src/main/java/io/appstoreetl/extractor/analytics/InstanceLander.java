package io.appstoreetl.extractor.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.appstoreetl.extractor.http.AppStoreConnectClient;
import io.appstoreetl.extractor.http.Failures;
import io.appstoreetl.extractor.http.JsonApiPager;
import io.appstoreetl.extractor.http.JsonFields;
import io.appstoreetl.extractor.http.Urls;
import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.Checksums;
import io.appstoreetl.extractor.raw.InvalidKeyValueException;
import io.appstoreetl.extractor.raw.KeyValues;
import io.appstoreetl.extractor.raw.Manifest;
import io.appstoreetl.extractor.raw.ManifestFile;
import io.appstoreetl.extractor.raw.MetricDateScanner;
import io.appstoreetl.extractor.raw.RawKeys;
import io.appstoreetl.extractor.raw.RawZone;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands one analytics report instance. Every segment is downloaded to a new attempt key while its
 * MD5 and size are computed, and both are checked against what Apple announced. Rows and metric
 * dates are counted in the stored files. Then the date index entries are written and, last, the
 * manifest.
 *
 * <p>A segment that fails its check is listed again, because its presigned URL lasts only minutes,
 * and downloaded once more. If that fails too, the instance gets no manifest and the next run tries
 * it again.
 */
final class InstanceLander {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceLander.class);
  private static final String DATE_COLUMN = "Date";
  private static final String PROCESSING_DATE_PREFIX = "processing_date=";

  /**
   * A finished download attempt: the segment, its file name in the unit folder, what was stored.
   */
  private record Downloaded(String segmentId, String fileName, long sizeBytes, String md5) {}

  /** One download try: either a stored file or the failure that prevented it. */
  private record Outcome(Downloaded file, IOException failure) {
    boolean matches(SegmentRef segment) {
      return file != null
          && file.md5().equalsIgnoreCase(segment.checksum())
          && (segment.sizeInBytes() < 0 || file.sizeBytes() == segment.sizeInBytes());
    }

    String problem(SegmentRef segment) {
      if (file == null) {
        return "download failed (" + Failures.describe(failure) + ")";
      }

      return String.format(
          Locale.ROOT,
          "checksum mismatch (expected MD5 %s, got %s; expected %d bytes, got %d)",
          segment.checksum(),
          file.md5(),
          segment.sizeInBytes(),
          file.sizeBytes());
    }
  }

  private final AppStoreConnectClient client;
  private final RawZone rawZone;
  private final AttemptIds attemptIds;
  private final Clock clock;
  private final String runId;
  private final String extractorVersion;

  InstanceLander(
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

  /** Returns the instance's unit folder key, checking every value that goes into it. */
  static String unitKey(String appId, ReportRef report, InstanceRef instance) {
    return RawKeys.analyticsUnit(
        report.type().slug(),
        instance.granularity(),
        instance.processingDate(),
        appId,
        instance.id());
  }

  /** Returns whether the unit has a manifest; a failed check fails this unit only. */
  boolean isLanded(String unitKey) throws UnitLandingException {
    try {
      return rawZone.exists(unitKey + RawKeys.MANIFEST);
    } catch (InterruptedIOException e) {
      throw new UnitLandingException("Interrupted while checking " + unitKey, e);
    } catch (IOException e) {
      throw new UnitLandingException(
          "Cannot check whether " + unitKey + " is landed: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the processing dates in {@code [from, to]} for which a unit of this report, granularity
   * and app has a manifest, read from the raw zone's folders.
   */
  SortedSet<LocalDate> landedProcessingDates(
      String appId, String slug, String granularity, LocalDate from, LocalDate to)
      throws IOException {
    String reportFolder =
        "source=analytics/report="
            + KeyValues.reportSlug(slug)
            + "/granularity="
            + KeyValues.granularity(granularity)
            + "/";
    SortedSet<LocalDate> landed = new TreeSet<>();
    for (String folder : rawZone.listFolders(reportFolder)) {
      if (!folder.startsWith(PROCESSING_DATE_PREFIX)) {
        continue;
      }

      LocalDate date;
      try {
        date = LocalDate.parse(folder.substring(PROCESSING_DATE_PREFIX.length()));
      } catch (DateTimeParseException e) {
        continue;
      }
      if (date.isBefore(from) || date.isAfter(to)) {
        continue;
      }

      String appFolder = reportFolder + folder + "/app_id=" + KeyValues.appId(appId) + "/";
      for (String instance : rawZone.listFolders(appFolder)) {
        if (rawZone.exists(appFolder + instance + "/" + RawKeys.MANIFEST)) {
          landed.add(date);
          break;
        }
      }
    }

    return landed;
  }

  /**
   * Lands the instance into {@code unitKey}.
   *
   * @throws UnitLandingException when a segment cannot be listed, downloaded, verified or read. The
   *     message names the instance, and for a checksum failure also the segment and both MD5s.
   * @throws InterruptedIOException when the run is interrupted
   */
  LandedUnit land(
      String appId,
      AccessType accessType,
      String requestId,
      ReportRef report,
      InstanceRef instance,
      String unitKey)
      throws UnitLandingException, InterruptedIOException {
    String context =
        "Cannot land instance "
            + instance.id()
            + " of "
            + report.type().slug()
            + " for app "
            + appId;
    try {
      List<SegmentRef> segments = listSegments(instance.id());
      if (segments.isEmpty()) {
        throw new UnitLandingException(context + ": Apple lists no segments for it", null);
      }

      // Download everything first: the presigned URLs of the listing expire within minutes.
      List<Downloaded> files = new ArrayList<>();
      for (SegmentRef segment : segments) {
        KeyValues.serverId("segment id", segment.id());
        files.add(downloadVerified(context, unitKey, instance.id(), segment));
      }

      Manifest manifest =
          new Manifest()
              .source("analytics")
              .report(report.type().slug(), report.name())
              .granularity(instance.granularity())
              .appId(appId)
              .analyticsChain(accessType.name(), requestId, report.id(), instance.id())
              .processingDate(instance.processingDate())
              .run(runId, extractorVersion);
      for (Downloaded file : files) {
        MetricDateScanner.Result scan;
        try (InputStream in = rawZone.open(unitKey + file.fileName())) {
          scan =
              MetricDateScanner.scan(
                  in, file.fileName(), DATE_COLUMN, MetricDateScanner.DateForm.ISO, null, true);
        }
        manifest.file(
            new ManifestFile(
                file.fileName(), file.segmentId(), file.sizeBytes(), file.md5(), scan.rowCount()));
        manifest.metricDates(scan.metricDates());
      }

      rawZone.publishUnit(
          unitKey, manifest.metricDates(), manifest.toJson(rawZone.mapper(), clock.instant()));
      LOG.info(
          "Landed {} ({} segments, {} rows, metric dates {})",
          unitKey,
          files.size(),
          manifest.rowCount(),
          manifest.metricDates());

      return new LandedUnit(unitKey, manifest.metricDates(), manifest.rowCount());
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | InvalidKeyValueException e) {
      throw new UnitLandingException(context + ": " + Failures.describe(e), e);
    }
  }

  private Downloaded downloadVerified(
      String context, String unitKey, String instanceId, SegmentRef segment)
      throws IOException, UnitLandingException {
    if (segment.checksum() == null || segment.checksum().isEmpty()) {
      throw new UnitLandingException(
          context + ": segment " + segment.id() + " has no checksum to verify it against", null);
    }

    Outcome first = tryDownload(unitKey, segment);
    if (first.matches(segment)) {
      return first.file();
    }

    LOG.warn(
        "Segment {} of instance {}: {}; listing the segments again for a fresh URL",
        segment.id(),
        instanceId,
        first.problem(segment));
    SegmentRef fresh =
        listSegments(instanceId).stream()
            .filter(listed -> listed.id().equals(segment.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    new UnitLandingException(
                        context + ": segment " + segment.id() + " is no longer listed", null));
    Outcome second = tryDownload(unitKey, fresh);
    if (second.matches(fresh)) {
      return second.file();
    }

    throw new UnitLandingException(
        context + ": segment " + fresh.id() + " " + second.problem(fresh) + " after 2 downloads",
        second.failure());
  }

  private Outcome tryDownload(String unitKey, SegmentRef segment) throws InterruptedIOException {
    URI url;
    try {
      url = Urls.parse(segment.url());
    } catch (IllegalArgumentException | NullPointerException e) {
      // The exception's message would carry the presigned query string, so it is dropped.
      return new Outcome(null, new IOException("the segment URL is missing or not a valid URL"));
    }

    try {
      Downloaded file =
          client.download(
              url,
              (body, attempt) -> {
                String fileName = RawKeys.segmentFile(segment.id(), attemptIds.next());
                Checksums.Copied copied;
                try (OutputStream out = rawZone.createNew(unitKey + fileName)) {
                  copied = Checksums.copy(body, out);
                }
                return new Downloaded(segment.id(), fileName, copied.sizeBytes(), copied.md5());
              });

      return new Outcome(file, null);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      return new Outcome(null, e);
    }
  }

  private List<SegmentRef> listSegments(String instanceId) throws IOException {
    String path = "/v1/analyticsReportInstances/" + instanceId + "/segments?limit=200";
    List<SegmentRef> segments = new ArrayList<>();
    int index = 0;
    for (JsonNode item : JsonApiPager.fetchAll(client, path)) {
      String where = "segment " + index++ + " of instance " + instanceId;
      JsonNode attributes = item.path("attributes");
      segments.add(
          new SegmentRef(
              JsonFields.requiredText(item, "/id", where),
              JsonFields.requiredText(item, "/attributes/checksum", where),
              attributes.path("sizeInBytes").isNumber()
                  ? attributes.path("sizeInBytes").asLong()
                  : -1,
              // The message would not name the URL: its query string is a credential.
              JsonFields.requiredText(item, "/attributes/url", where)));
    }

    return segments;
  }
}
