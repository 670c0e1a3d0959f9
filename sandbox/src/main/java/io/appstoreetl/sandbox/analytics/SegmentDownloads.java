package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.Granularity;
import io.appstoreetl.sandbox.data.SandboxApp;
import io.appstoreetl.sandbox.faults.CountedFault;
import io.appstoreetl.sandbox.faults.FaultSwitches;
import io.appstoreetl.sandbox.http.ApiResponse;
import io.appstoreetl.sandbox.http.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unauthenticated S3-like route that serves segment files from presigned URLs.
 *
 * <p>The path names everything needed to regenerate the file, in the shape of Apple's object keys:
 * {@code
 * /sandbox-files/reports/<appId>/<REPORT_CODE>/<GRANULARITY>/<ACCESS_TYPE>/<yyyyMMdd>/<segmentId>/<index>.csv.gz}.
 * An expired URL or a wrong signature gets 403 with S3's XML {@code AccessDenied} body.
 *
 * <p>For tests of the client's checks, a download can be corrupted (one byte flipped, so the size
 * matches the listing but the MD5 does not) or replaced by an HTML error page with status 200.
 */
public final class SegmentDownloads {

  public static final String PATH_PREFIX = "/sandbox-files/";

  private static final Logger LOG = LoggerFactory.getLogger(SegmentDownloads.class);
  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Pattern PATH =
      Pattern.compile(
          "/sandbox-files/reports/([0-9]+)/([A-Z0-9_]+)/(DAILY|WEEKLY|MONTHLY)/"
              + "(ONGOING|ONE_TIME_SNAPSHOT)/([0-9]{8})/([A-Za-z0-9-]+)/([0-9]{1,6})\\.csv\\.gz");

  /** The page a misconfigured proxy or CDN sends in place of the file. */
  static final String HTML_ERROR_PAGE =
      "<!DOCTYPE html>\n<html><head><title>Service Temporarily Unavailable</title></head>\n"
          + "<body><h1>Service Temporarily Unavailable</h1>\n"
          + "<p>The server is temporarily unable to service your request. Please try again"
          + " later.</p></body></html>\n";

  private final AppCatalog apps;
  private final SegmentStore store;
  private final PresignedUrls urls;
  private final int corruptFirstDownloads;
  private final FaultSwitches faults;
  private final Map<String, Integer> downloadsBySegment = new ConcurrentHashMap<>();
  private final Map<String, Integer> pendingCorruptions = new ConcurrentHashMap<>();

  /**
   * Creates the route.
   *
   * @param corruptFirstDownloads downloads of every segment, counted from its first, to corrupt
   */
  public SegmentDownloads(
      AppCatalog apps,
      SegmentStore store,
      PresignedUrls urls,
      int corruptFirstDownloads,
      FaultSwitches faults) {
    this.apps = apps;
    this.store = store;
    this.urls = urls;
    this.corruptFirstDownloads = corruptFirstDownloads;
    this.faults = faults;
  }

  /** Returns the path of a segment file, without the signature. */
  public static String path(String appId, AnalyticsInstance instance, String segmentId, int index) {
    return PATH_PREFIX
        + "reports/"
        + appId
        + "/"
        + instance.report().code()
        + "/"
        + instance.granularity()
        + "/"
        + instance.request().accessType()
        + "/"
        + BASIC_DATE.format(instance.processingDate())
        + "/"
        + segmentId
        + "/"
        + index
        + ".csv.gz";
  }

  /** Corrupts the next {@code count} downloads of the segment, on top of any configured ones. */
  public void corruptNextDownloads(String segmentId, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("Invalid count: " + count + " (expected 0 or more)");
    }
    pendingCorruptions.merge(segmentId, count, Integer::sum);
  }

  /** Serves one request on the route. */
  public ApiResponse download(String method, String path, QueryParameters query) {
    if (!method.equals("GET")) {
      return s3Error(
          405,
          "MethodNotAllowed",
          "The specified method is not allowed against this resource.",
          Map.of("Allow", "GET"));
    }
    if (faults.take(CountedFault.HTML_DOWNLOADS)) {
      LOG.info("Served an HTML error page in place of {} (fault switch)", segmentIdOf(path));
      return new ApiResponse(
          200,
          "text/html; charset=utf-8",
          HTML_ERROR_PAGE.getBytes(StandardCharsets.UTF_8),
          Map.of());
    }
    PresignedUrls.Verdict verdict = urls.verify(path, query);
    if (verdict == PresignedUrls.Verdict.EXPIRED) {
      LOG.debug("Rejected download of {}: URL expired", segmentIdOf(path));
      return s3Error(403, "AccessDenied", "Request has expired", Map.of());
    }
    if (verdict == PresignedUrls.Verdict.BAD_SIGNATURE) {
      LOG.debug("Rejected download of {}: signature does not match", segmentIdOf(path));
      return s3Error(
          403,
          "AccessDenied",
          "The request signature we calculated does not match the signature you provided.",
          Map.of());
    }

    SegmentVariant variant = SegmentVariant.parse(query.get("X-Sandbox-Variant").orElse(""));
    Optional<SegmentFile> segment = resolve(path, variant);
    if (segment.isEmpty()) {
      return s3Error(404, "NoSuchKey", "The specified key does not exist.", Map.of());
    }
    return serve(segmentIdOf(path), segment.get());
  }

  private ApiResponse serve(String segmentId, SegmentFile segment) {
    Map<String, String> headers = Map.of("ETag", "\"" + segment.md5() + "\"");
    if (segment.streamed() != null) {
      LOG.info("Streaming segment {} ({} bytes)", segmentId, segment.sizeInBytes());
      return ApiResponse.streamed(
          200,
          "application/octet-stream",
          segment.sizeInBytes(),
          segment.streamed()::writeTo,
          headers);
    }
    byte[] bytes = segment.bytes();
    if (shouldCorrupt(segmentId)) {
      bytes = bytes.clone();
      bytes[bytes.length / 2] ^= (byte) 0xFF;
      LOG.info("Served a corrupted download of segment {} (fault switch)", segmentId);
    } else {
      LOG.debug("Served segment {} ({} bytes)", segmentId, bytes.length);
    }
    return new ApiResponse(200, "application/octet-stream", bytes, headers);
  }

  private Optional<SegmentFile> resolve(String path, SegmentVariant variant) {
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Optional<SandboxApp> app = apps.find(matcher.group(1));
    Optional<ReportDefinition> report = ReportCatalog.byCode(matcher.group(2));
    Granularity granularity = Granularity.valueOf(matcher.group(3));
    if (app.isEmpty()
        || report.isEmpty()
        || report.get().kind() == null
        || !report.get().kind().granularities().contains(granularity)) {
      return Optional.empty();
    }
    LocalDate processingDate;
    try {
      processingDate = LocalDate.parse(matcher.group(5), BASIC_DATE);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    int index = Integer.parseInt(matcher.group(7));
    List<SegmentFile> segments =
        store.segments(
            app.get(), report.get().kind(), granularity, processingDate, variant.multiMember());
    if (index >= segments.size()) {
      return Optional.empty();
    }
    SegmentFile segment = segments.get(index);
    return Optional.of(variant.truncated() ? segment.truncated() : segment);
  }

  private static String segmentIdOf(String path) {
    Matcher matcher = PATH.matcher(path);
    return matcher.matches() ? matcher.group(6) : "(unknown path)";
  }

  private boolean shouldCorrupt(String segmentId) {
    int downloadsBefore = downloadsBySegment.merge(segmentId, 1, Integer::sum) - 1;
    if (downloadsBefore < corruptFirstDownloads) {
      return true;
    }
    boolean[] corrupt = {false};
    pendingCorruptions.computeIfPresent(
        segmentId,
        (id, remaining) -> {
          corrupt[0] = remaining > 0;
          return remaining > 1 ? remaining - 1 : null;
        });
    return corrupt[0] || faults.take(CountedFault.CORRUPT_DOWNLOADS);
  }

  private static ApiResponse s3Error(
      int status, String code, String message, Map<String, String> headers) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>";
    return new ApiResponse(
        status, "application/xml", xml.getBytes(StandardCharsets.UTF_8), headers);
  }
}
