package io.appstoreetl.extractor.analytics;

import static io.appstoreetl.extractor.testing.AppleDocuments.instance;
import static io.appstoreetl.extractor.testing.AppleDocuments.page;
import static io.appstoreetl.extractor.testing.AppleDocuments.report;
import static io.appstoreetl.extractor.testing.AppleDocuments.request;
import static io.appstoreetl.extractor.testing.AppleDocuments.segment;

import io.appstoreetl.extractor.raw.AttemptIds;
import io.appstoreetl.extractor.raw.RawZone;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect;
import io.appstoreetl.extractor.testing.FakeAppStoreConnect.Reply;
import io.appstoreetl.extractor.testing.MutableClock;
import io.appstoreetl.extractor.testing.TestSupport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Lands one generated analytics segment of a given compressed size in its own JVM, so that {@link
 * TestLargeSegment} can run it with a heap smaller than the segment. Prints {@code landed=<n>
 * rows=<n> bytes=<n> peak_heap_mib=<n>} on success.
 *
 * <p>Usage: {@code LargeSegmentLanding <work dir> <compressed MiB>}
 */
public final class LargeSegmentLanding {
  private static final String APP = "1000000001";

  private LargeSegmentLanding() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    long targetBytes = Long.parseLong(args[1]) * 1024 * 1024;
    Path segment = work.resolve("segment.gz");
    long rows = writeSegment(segment, targetBytes);
    String md5 = md5(segment);
    long size = Files.size(segment);

    MutableClock clock = new MutableClock(Instant.parse("2025-01-10T06:00:00Z"));
    try (FakeAppStoreConnect server = new FakeAppStoreConnect()) {
      server.on(
          "GET /v1/apps/1000000001/analyticsReportRequests",
          Reply.json(200, page(null, request("req-1", "ONGOING", false))));
      server.on(
          "GET /v1/analyticsReportRequests/req-1/reports",
          Reply.json(200, page(null, report("r3-req-1", "App Downloads Standard", "COMMERCE"))));
      server.on(
          "GET /v1/analyticsReports/r3-req-1/instances",
          Reply.json(200, page(null, instance("inst-big", "2025-01-10"))));
      server.on(
          "GET /v1/analyticsReportInstances/inst-big/segments",
          Reply.json(
              200,
              page(
                  null,
                  segment("seg-big", md5, size, server.baseUrl() + "/s3/big?X-Amz-Signature=s"))));
      server.on(
          "GET /s3/big",
          Reply.streamed(
              "application/octet-stream",
              out -> {
                try (InputStream in = Files.newInputStream(segment)) {
                  in.transferTo(out);
                }
              }));

      AnalyticsExtractor extractor =
          new AnalyticsExtractor(
              TestSupport.client(server, clock),
              new RawZone(work.resolve("raw"), TestSupport.MAPPER),
              new AttemptIds(clock),
              clock,
              "20250110T060000000Z-0badc0de",
              "0.1.0-test",
              new AnalyticsExtractor.Options(
                  AccessType.ONGOING,
                  Set.of("DAILY"),
                  Set.of(AnalyticsReportType.APP_DOWNLOADS_STANDARD),
                  null,
                  null));
      AppResult result = extractor.extractApp(APP, Runnable::run).join();
      if (!result.errors().isEmpty() || result.instancesLanded() != 1) {
        System.out.println("failed: " + result.errors());
        System.exit(1);
      }
    }

    System.out.printf(
        "landed=1 rows=%d bytes=%d peak_heap_mib=%d%n", rows, size, peakHeapBytes() >> 20);
  }

  /** Writes gzip TSV rows with 16 pseudo-random hex digits each, which gzip barely shrinks. */
  private static long writeSegment(Path file, long targetBytes) throws IOException {
    long rows = 0;
    long state = 0x9E3779B97F4A7C15L;
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        CountingGzip gzip = new CountingGzip(raw)) {
      gzip.write(
          "Date\tApp Apple Identifier\tCounts\tSource Info\n".getBytes(StandardCharsets.UTF_8));
      while (gzip.compressedBytes() < targetBytes) {
        StringBuilder batch = new StringBuilder(64 * 1024);
        for (int i = 0; i < 1000; i++) {
          state ^= state << 13;
          state ^= state >>> 7;
          state ^= state << 17;
          batch.append("2025-01-09\t1000000001\t1\t").append(Long.toHexString(state)).append('\n');
        }
        gzip.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        rows += 1000;
      }
    }

    return rows;
  }

  private static String md5(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file);
        OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      in.transferTo(sink);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** A fast gzip stream that reports how many compressed bytes it has produced. */
  private static final class CountingGzip extends GZIPOutputStream {
    CountingGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }

    long compressedBytes() {
      return def.getBytesWritten();
    }
  }
}
