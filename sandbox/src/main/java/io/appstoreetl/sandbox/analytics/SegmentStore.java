package io.appstoreetl.sandbox.analytics;

import io.appstoreetl.sandbox.data.AnalyticsData;
import io.appstoreetl.sandbox.data.AnalyticsReportKind;
import io.appstoreetl.sandbox.data.GzipTsv;
import io.appstoreetl.sandbox.data.InstanceCalendar;
import io.appstoreetl.sandbox.data.SandboxApp;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the segment files of DAILY instances and keeps the most recently used ones in memory,
 * up to a byte budget. Thread-safe.
 *
 * <p>An instance's rows are its metric dates oldest first; they are cut into segments of at most
 * {@code maxRowsPerSegment} data rows, each with its own header row.
 */
public final class SegmentStore {

  private final AnalyticsData data;
  private final InstanceCalendar calendar;
  private final int maxRowsPerSegment;
  private final long maxCachedBytes;
  private final LinkedHashMap<String, List<SegmentFile>> cache =
      new LinkedHashMap<>(16, 0.75f, true /* access order, for LRU eviction */);
  private long cachedBytes;

  public SegmentStore(
      AnalyticsData data, InstanceCalendar calendar, int maxRowsPerSegment, long maxCachedBytes) {
    this.data = data;
    this.calendar = calendar;
    this.maxRowsPerSegment = maxRowsPerSegment;
    this.maxCachedBytes = maxCachedBytes;
  }

  /** Returns the segments of the app's instance of the report with this processing date. */
  public synchronized List<SegmentFile> segments(
      SandboxApp app, AnalyticsReportKind kind, LocalDate processingDate) {
    String key = app.id() + "|" + kind + "|" + processingDate;
    List<SegmentFile> segments = cache.get(key);
    if (segments != null) {
      return segments;
    }
    segments = generate(app, kind, processingDate);
    cache.put(key, segments);
    cachedBytes += size(segments);
    evict();
    return segments;
  }

  /** Returns the rows of the instance in file order, header excluded. */
  public List<String[]> instanceRows(
      SandboxApp app, AnalyticsReportKind kind, LocalDate processingDate) {
    List<String[]> rows = new ArrayList<>();
    for (LocalDate metricDate : calendar.metricDatesOf(processingDate)) {
      rows.addAll(data.rows(app, kind, metricDate, calendar.version(processingDate, metricDate)));
    }
    return rows;
  }

  private List<SegmentFile> generate(
      SandboxApp app, AnalyticsReportKind kind, LocalDate processingDate) {
    List<String[]> rows = instanceRows(app, kind, processingDate);
    List<SegmentFile> segments = new ArrayList<>();
    int index = 0;
    int from = 0;
    do {
      int to = Math.min(from + maxRowsPerSegment, rows.size());
      byte[] bytes = GzipTsv.write(kind.header(), rows.subList(from, to));
      segments.add(new SegmentFile(index++, bytes, md5Hex(bytes)));
      from = to;
    } while (from < rows.size());
    return List.copyOf(segments);
  }

  private void evict() {
    var entries = cache.entrySet().iterator();
    // Keeps at least the newest entry, so an instance larger than the budget is still served.
    while (cachedBytes > maxCachedBytes && cache.size() > 1 && entries.hasNext()) {
      Map.Entry<String, List<SegmentFile>> eldest = entries.next();
      cachedBytes -= size(eldest.getValue());
      entries.remove();
    }
  }

  private static long size(List<SegmentFile> segments) {
    return segments.stream().mapToLong(SegmentFile::sizeInBytes).sum();
  }

  static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("[BUG] MD5 is missing from this JVM", e);
    }
  }
}
