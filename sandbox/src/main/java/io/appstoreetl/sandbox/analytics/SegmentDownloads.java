package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.AppCatalog;
import io.appstoreetl.sandbox.data.SandboxApp;
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
 * <p>The path names everything needed to regenerate the file: {@code
 * /sandbox-files/reports/<appId>/<REPORT_CODE>/DAILY/<yyyyMMdd>/<segmentId>/<index>.csv.gz}. An
 * expired URL or a wrong signature gets 403 with S3's XML {@code AccessDenied} body.
 *
 * <p>For tests of the client's checksum rule, a download can be corrupted: one byte of the file is
 * flipped, so the size matches the listing but the MD5 does not.
 */
public final class SegmentDownloads {

  public static final String PATH_PREFIX = "/sandbox-files/";

  private static final Logger LOG = LoggerFactory.getLogger(SegmentDownloads.class);
  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final Pattern PATH =
      Pattern.compile(
          "/sandbox-files/reports/([0-9]+)/([A-Z0-9_]+)/DAILY/([0-9]{8})/([A-Za-z0-9-]+)/"
              + "([0-9]{1,6})\\.csv\\.gz");

  private final AppCatalog apps;
  private final SegmentStore store;
  private final PresignedUrls urls;
  private final int corruptFirstDownloads;
  private final Map<String, Integer> downloadsBySegment = new ConcurrentHashMap<>();
  private final Map<String, Integer> pendingCorruptions = new ConcurrentHashMap<>();

  /**
   * Creates the route.
   *
   * @param corruptFirstDownloads downloads of every segment, counted from its first, to corrupt
   */
  public SegmentDownloads(
      AppCatalog apps, SegmentStore store, PresignedUrls urls, int corruptFirstDownloads) {
    this.apps = apps;
    this.store = store;
    this.urls = urls;
    this.corruptFirstDownloads = corruptFirstDownloads;
  }

  /** Returns the path of a segment file, without the signature. */
  public static String path(
      String appId,
      ReportDefinition report,
      LocalDate processingDate,
      String segmentId,
      int index) {
    return PATH_PREFIX
        + "reports/"
        + appId
        + "/"
        + report.code()
        + "/DAILY/"
        + BASIC_DATE.format(processingDate)
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
          "The specified method is not allowed against this" + " resource.",
          Map.of("Allow", "GET"));
    }
    PresignedUrls.Verdict verdict = urls.verify(path, query);
    if (verdict == PresignedUrls.Verdict.EXPIRED) {
      LOG.debug("Rejected download of {}: URL expired", path);
      return s3Error(403, "AccessDenied", "Request has expired", Map.of());
    }
    if (verdict == PresignedUrls.Verdict.BAD_SIGNATURE) {
      LOG.debug("Rejected download of {}: signature does not match", path);
      return s3Error(
          403,
          "AccessDenied",
          "The request signature we calculated does not match the signature you provided.",
          Map.of());
    }

    Optional<SegmentFile> segment = resolve(path);
    if (segment.isEmpty()) {
      return s3Error(404, "NoSuchKey", "The specified key does not exist.", Map.of());
    }
    String segmentId = segmentIdOf(path);
    byte[] bytes = segment.get().bytes();
    if (shouldCorrupt(segmentId)) {
      bytes = bytes.clone();
      bytes[bytes.length / 2] ^= (byte) 0xFF;
      LOG.info("Served a corrupted download of segment {} (fault switch)", segmentId);
    } else {
      LOG.debug("Served segment {} ({} bytes)", segmentId, bytes.length);
    }
    return new ApiResponse(
        200, "application/octet-stream", bytes, Map.of("ETag", "\"" + segment.get().md5() + "\""));
  }

  private Optional<SegmentFile> resolve(String path) {
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Optional<SandboxApp> app = apps.find(matcher.group(1));
    Optional<ReportDefinition> report = ReportCatalog.byCode(matcher.group(2));
    if (app.isEmpty() || report.isEmpty() || report.get().kind() == null) {
      return Optional.empty();
    }
    LocalDate processingDate;
    try {
      processingDate = LocalDate.parse(matcher.group(3), BASIC_DATE);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    int index = Integer.parseInt(matcher.group(5));
    List<SegmentFile> segments = store.segments(app.get(), report.get().kind(), processingDate);
    return index < segments.size() ? Optional.of(segments.get(index)) : Optional.empty();
  }

  private static String segmentIdOf(String path) {
    Matcher matcher = PATH.matcher(path);
    return matcher.matches() ? matcher.group(4) : path;
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
    return corrupt[0];
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
